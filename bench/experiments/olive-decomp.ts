// Per-frame decomposition of saved phantom landmarks (issue 13, session 9 "olivehd"): the truth, what core reports
// (RecordingAnalyzer, calibrated on the 2 s rest as the bench does), the mesh's own reading against the camera, the
// calibrated neutral, and the two ways of taking that neutral off (Nᵀ·R, what core does; R·Nᵀ, the other side).
//   node --import tsx bench/experiments/olive-decomp.ts --out frames.jsonl <clip>.landmarks.json ...
import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  RecordingAnalyzer, anglesFromRotationMatrix, fitHead, mat3Multiply, mat3Transpose, selectPatientFace, type LandmarkFrame,
} from '@geste/core';
import { REST_MS, parseTruthCsv } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'decomp.jsonl' } } });
writeFileSync(values.out!, '');
const r1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);
for (const path of positionals) {
  const frames = (JSON.parse(readFileSync(path, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const clip = basename(path).replace('.landmarks.json', '');
  const tPath = join(dirname(path), `${clip}.truth.csv`);
  const truth = existsSync(tPath) ? parseTruthCsv(readFileSync(tPath, 'utf8')) : [];
  const tBy = new Map(truth.map((t) => [t.frameIndex, t]));
  const an = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: REST_MS });
  for (const f of frames) an.push(f);
  const res = an.finish();
  const N = res.neutral.neutral.headToCamera;
  const nA = anglesFromRotationMatrix(N);
  const mBy = new Map(res.frames.map((m) => [m.frameIndex, m]));
  const lines: string[] = [];
  for (const f of frames) {
    const t = tBy.get(f.frameIndex), m = mBy.get(f.frameIndex);
    const sel = selectPatientFace(f);
    let cam = null, q1 = null, q2 = null, score = null, boxW = null, boxX = null, boxY = null, resid = null;
    if (sel.kind === 'one') {
      score = sel.face.meshScore; boxW = sel.face.boxPx.width; boxX = sel.face.boxPx.x; boxY = sel.face.boxPx.y;
      const fit = fitHead(sel.face, f);
      if (fit) {
        cam = anglesFromRotationMatrix(fit.headToCamera);
        q1 = anglesFromRotationMatrix(mat3Multiply(mat3Transpose(N), fit.headToCamera));
        q2 = anglesFromRotationMatrix(mat3Multiply(fit.headToCamera, mat3Transpose(N)));
        resid = fit.rmsResidualCm;
      }
    }
    lines.push(JSON.stringify({
      file: path, clip, i: f.frameIndex, ms: r1(f.timestampMs), tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null,
      st: m?.state ?? null, c: r1(m?.confidence), why: m?.reasons ?? null, method: m?.method ?? null,
      mR: r1(m?.rotationDeg), mT: r1(m?.tiltDeg), mF: r1(m?.flexionDeg),
      cR: r1(cam?.rotationDeg), cT: r1(cam?.tiltDeg), cF: r1(cam?.flexionDeg),
      q1R: r1(q1?.rotationDeg), q1T: r1(q1?.tiltDeg), q1F: r1(q1?.flexionDeg), q2R: r1(q2?.rotationDeg), q2T: r1(q2?.tiltDeg), q2F: r1(q2?.flexionDeg),
      nR: r1(nA.rotationDeg), nT: r1(nA.tiltDeg), nF: r1(nA.flexionDeg), neutralKind: res.neutral.neutral.kind,
      score: r1(score), boxW: r1(boxW), boxX: r1(boxX), boxY: r1(boxY), resid: r1(resid),
    }));
  }
  appendFileSync(values.out!, lines.join('\n') + '\n');
  process.stderr.write(`${clip}: ${frames.length} frames, neutral ${nA.rotationDeg.toFixed(1)} / ${nA.tiltDeg.toFixed(1)} / ${nA.flexionDeg.toFixed(1)} (${res.neutral.neutral.kind})\n`);
}
