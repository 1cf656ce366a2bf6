// Issue 13, session 13 (turnaxis): does the axis of the person's own left–right turns tell the camera side of the
// calibrated neutral from the face side? On saved phantom landmarks, per clip: the rest (the calibrated neutral N, as
// the bench takes it) and the rotation axis of R(t)·Nᵀ over frames whose truth is a level turn of 10–40° (|tilt|,
// |flexion| < 2°). R(t) = N·Q(t) is the head→camera rotation core used on that frame (Q = core's reported angles).
// The axis is the turn-signed sum of the log-map vectors of R(t)·Nᵀ, normalised; its pitch is atan2(a_z, a_y) and its
// roll asin(a_x) (a camera Rx(p)·Rz(−r) turns the vertical ŷ into an axis reading pitch p, roll r; euler.ts signs).
// Run it on core without turnaxis-whatif.patch (with it, Q after the decision is no longer Nᵀ·R).
// The matrix cameras have no pitch: if the model's rest offset is a fixed face-side rotation the axis reads ≈ 0 there.
//   node --import tsx bench/experiments/turnaxis-measure.ts --out rows.jsonl <clip-dir>...
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  RecordingAnalyzer, anglesFromRotationMatrix, headRotationMatrix, mat3Multiply, mat3Transpose, type Mat3,
} from '@geste/core';
import { REST_MS, parseTruthCsv } from '@geste/phantom';
import { loadLandmarkFrames } from './savedLandmarks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  out: { type: 'string', default: 'turnaxis.jsonl' },
  clips: { type: 'string', default: 'far-turn-return-70,small-tremor-yaw-2hz,hold-neutral-20s,combined-extension,small-jerks' },
  level: { type: 'string', default: '2' },
} });
const CLIPS = values.clips!.split(',');
const LEVEL = Number(values.level);
const DEG = 180 / Math.PI;

/** Rotation vector (axis × angle, radians) of a rotation matrix. */
export function logMap(m: Mat3): [number, number, number] {
  const c = Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2));
  const th = Math.acos(c);
  const v: [number, number, number] = [m[7] - m[5], m[2] - m[6], m[3] - m[1]];
  const s = Math.sin(th);
  if (s < 1e-9) return [0, 0, 0];
  const k = th / (2 * s);
  return [v[0] * k, v[1] * k, v[2] * k];
}
const pitchOf = (a: readonly number[]) => Math.atan2(a[2]!, a[1]!) * DEG;
const rollOf = (a: readonly number[]) => Math.asin(Math.max(-1, Math.min(1, a[0]! / Math.hypot(a[0]!, a[1]!, a[2]!)))) * DEG;

const rows: string[] = [];
for (const dir of positionals) {
  const cam = basename(dir), face = basename(dirname(dir));
  const have = new Set(readdirSync(dir));
  for (const clip of CLIPS) {
    if (!have.has(`${clip}.landmarks.json`) || !have.has(`${clip}.truth.csv`)) continue;
    const frames = loadLandmarkFrames(join(dir, `${clip}.landmarks.json`));
    const truth = parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8'));
    const tBy = new Map(truth.map((t) => [t.frameIndex, t]));
    const an = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: REST_MS });
    for (const f of frames) an.push(f);
    const res = an.finish();
    const N = res.neutral.neutral.headToCamera;
    const nA = anglesFromRotationMatrix(N);
    const sum = [0, 0, 0], tSum = [0, 0, 0];
    const perPitch: number[] = [], perRoll: number[] = [];
    let n = 0, turnSum = 0;
    for (const m of res.frames) {
      const t = tBy.get(m.frameIndex);
      if (!t || m.method !== 'face-mesh' || m.rotationDeg === null || m.tiltDeg === null || m.flexionDeg === null) continue;
      if (m.timestampMs < REST_MS) continue;
      const tr = Math.abs(t.rotationDeg);
      if (tr < 10 || tr > 40 || Math.abs(t.tiltDeg) >= LEVEL || Math.abs(t.flexionDeg) >= LEVEL) continue;
      const R = mat3Multiply(N, headRotationMatrix({ rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg }));
      const v = logMap(mat3Multiply(R, mat3Transpose(N)));
      const sg = Math.sign(t.rotationDeg);
      // The truth's own relative rotation (the phantom's rest is 0/0/0 and its camera level): its axis is what a
      // face-side offset would leave; the hold's excursions drift 1–2° in tilt and flexion while turning.
      const vt = logMap(headRotationMatrix({ rotationDeg: t.rotationDeg, tiltDeg: t.tiltDeg, flexionDeg: t.flexionDeg }));
      for (let k = 0; k < 3; k++) { sum[k]! += sg * v[k]!; tSum[k]! += sg * vt[k]!; }
      perPitch.push(pitchOf(v.map((x) => sg * x))); perRoll.push(rollOf(v.map((x) => sg * x)));
      n++; turnSum += tr;
    }
    const sd = (xs: number[]) => { const mu = xs.reduce((a, b) => a + b, 0) / xs.length; return Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, xs.length - 1)); };
    const row = {
      face, cam, clip, n, meanTurn: n ? turnSum / n : null,
      restPitch: nA.flexionDeg, restRoll: nA.tiltDeg, restYaw: nA.rotationDeg,
      axisPitch: n ? pitchOf(sum) : null, axisRoll: n ? rollOf(sum) : null,
      truthPitch: n ? pitchOf(tSum) : null, truthRoll: n ? rollOf(tSum) : null,
      sdPitch: n > 1 ? sd(perPitch) : null, sdRoll: n > 1 ? sd(perRoll) : null,
    };
    rows.push(JSON.stringify(row));
    process.stderr.write(`${face} ${cam} ${clip}: n=${n} rest ${nA.flexionDeg.toFixed(2)}/${nA.tiltDeg.toFixed(2)} axis ${row.axisPitch?.toFixed(2)}/${row.axisRoll?.toFixed(2)} truth axis ${row.truthPitch?.toFixed(2)}/${row.truthRoll?.toFixed(2)}\n`);
  }
}
writeFileSync(values.out!, rows.join('\n') + '\n');

