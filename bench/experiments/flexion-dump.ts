// Dump per-frame truth, measured (calibrated replay) and fit evidence as JSON lines, for offline rule design (issue 13,
// docs/far-range.md). Needs the clips' saved landmarks (bench/accuracy.ts --set matrix …):
//   node --import tsx bench/experiments/flexion-dump.ts <face> <camera> <clip> [clip…] > frames.jsonl
import { readFileSync, existsSync } from 'node:fs';
import { type LandmarkFrame, anglesFromRotationMatrix, fitHead, selectPatientFace, RecordingAnalyzer } from '@geste/core';
const [face, camera, ...clips] = process.argv.slice(2);
for (const clip of clips) {
  const dir = `packages/phantom/.cache/matrix/${face}/${camera}/`;
  if (!existsSync(dir + clip + '.landmarks.json')) continue;
  const frames = (JSON.parse(readFileSync(dir + clip + '.landmarks.json', 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = readFileSync(dir + clip + '.truth.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const rec = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 2000 });
  for (const f of frames) rec.push(f);
  const out = rec.finish();
  const byIdx = new Map(out.frames.map((m) => [m.frameIndex, m]));
  for (const f of frames) {
    const t = truth[f.frameIndex]!;
    const m = byIdx.get(f.frameIndex);
    const sel = selectPatientFace(f);
    const fit = sel.kind === 'one' ? fitHead(sel.face, f) : null;
    const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
    console.log(JSON.stringify({ face, camera, clip, i: f.frameIndex, ms: f.timestampMs, tR: t[2], tT: t[3], tF: t[4], mR: m?.rotationDeg ?? null, mT: m?.tiltDeg ?? null, mF: m?.flexionDeg ?? null, st: m?.state, res: fit?.rmsResidualCm ?? null, score: sel.kind === 'one' ? sel.face.meshScore : null, cR: cam?.rotationDeg ?? null, cT: cam?.tiltDeg ?? null, cF: cam?.flexionDeg ?? null }));
  }
}
