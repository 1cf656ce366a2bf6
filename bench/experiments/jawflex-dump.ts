// Session 11 (jawflex): does an open mouth move the head fit's angles? Per frame of saved phantom landmarks: truth, the
// phantom's own mouth opening (expressionAt), the mesh's lips / jaw opening (mouthOnFrame), the output (calibrated replay,
// as bench/accuracy.ts --replay), and the angles of the head fit and of the fit without mouth, jaw and chin, both against
// the replay's neutral.
//   node --import tsx bench/experiments/jawflex-dump.ts --dir MATRIX_DIR --out F.jsonl face/camera/clip ...
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type LandmarkFrame, RecordingAnalyzer, alignSimilarity, anglesFromRotationMatrix, fitHead, headFitWeights, mat3Multiply, mat3Transpose,
  meshArray, mouthOnFrame, selectPatientFace,
} from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { MOUTH_JAW_BELOW_CM } from '../../packages/core/src/pose/flexionRange.ts';
import { expressionAt, findFace } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, out: { type: 'string', default: 'jawflex.jsonl' } } });
writeFileSync(values.out!, '');
const CANON = Float64Array.from(CANONICAL_FACE_CM);
const NO_MOUTH = headFitWeights((i) => CANONICAL_FACE_CM[i * 3 + 1]! > MOUTH_JAW_BELOW_CM);
const r3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000);
for (const spec of positionals) {
  const [face, camera, clip] = spec.split('/');
  const base = `${values.dir}/${face}/${camera}/${clip}`;
  let frames: LandmarkFrame[];
  try { frames = (JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: LandmarkFrame[] }).frames; } catch { console.error(`skip ${spec}`); continue; }
  const truth = readFileSync(`${base}.truth.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const events = JSON.parse(readFileSync(`${base}.events.json`, 'utf8')) as { seed: number };
  const look = findFace(face!)?.look;
  const rec = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 2000 });
  for (const f of frames) rec.push(f);
  const out = rec.finish();
  const Nt = mat3Transpose(out.neutral.neutral.headToCamera);
  const byIdx = new Map(out.frames.map((m) => [m.frameIndex, m]));
  const lines: string[] = [];
  for (const f of frames) {
    const t = truth[f.frameIndex]!;
    const m = byIdx.get(f.frameIndex);
    const sel = selectPatientFace(f);
    const fit = sel.kind === 'one' ? fitHead(sel.face, f) : null;
    const obs = sel.kind === 'one' ? meshArray(sel.face) : null;
    const nm = obs ? alignSimilarity(CANON, obs, NO_MOUTH) : null;
    const a = fit ? anglesFromRotationMatrix(mat3Multiply(Nt, fit.headToCamera)) : null;
    const b = nm ? anglesFromRotationMatrix(mat3Multiply(Nt, nm.rotation)) : null;
    const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
    const mo = mouthOnFrame(f);
    lines.push(JSON.stringify({
      face, camera, clip, i: f.frameIndex, ms: r3(f.timestampMs), tR: t[2], tT: t[3], tF: t[4], open: r3(expressionAt(look, events.seed, t[1]!).mouthOpen),
      lips: r3(mo.lips), jaw: r3(mo.jaw), st: m?.state ?? null, mR: r3(m?.rotationDeg), mT: r3(m?.tiltDeg), mF: r3(m?.flexionDeg),
      fR: r3(a?.rotationDeg), fT: r3(a?.tiltDeg), fF: r3(a?.flexionDeg), nR: r3(b?.rotationDeg), nT: r3(b?.tiltDeg), nF: r3(b?.flexionDeg),
      cR: r3(cam?.rotationDeg), cT: r3(cam?.tiltDeg), cF: r3(cam?.flexionDeg), res: r3(fit?.rmsResidualCm), nres: r3(nm?.rmsResidualA),
    }));
  }
  appendFileSync(values.out!, lines.join('\n') + '\n');
  console.error(`${spec}: ${frames.length} frames`);
}
