// Per-frame evidence of the mesh-collapse check (issue 13, session 7 "collapse"): for a landmark recording (a
// `geste analyze --landmarks` landmarks.jsonl, or a phantom cache <clip>.landmarks.json with its truth.csv next to it),
// the mesh's fitted angles from the camera, the face-mesh model's score, the nose-and-ears yaw and score, and what
// `geste analyze`'s own code (analyzeLandmarkSource) made of the frame.
//   node --import tsx bench/experiments/collapse-dump.ts <landmarks.jsonl|landmarks.json> [--truth clip.truth.csv]
//     [--neutral anatomical|calibrate] [--jsonl out.jsonl] [--all]
// Prints a line per frame that is blanked as beyond range or whose keypoints disagree with the mesh by more than
// 4° (--all: every frame), then counts.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type LandmarkFrame, MIN_KEYPOINT_SCORE_FOR_CHECK, anglesFromRotationMatrix, fitHead, keypointYawFromCameraDeg, selectPatientFace,
} from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { parseLandmarks, replaySourceFromFrames } from '@geste/vision';
import { parseTruthCsv, REST_MS } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  truth: { type: 'string' }, neutral: { type: 'string' }, jsonl: { type: 'string' }, all: { type: 'boolean', default: false },
} });
const path = positionals[0]!;
const text = readFileSync(path, 'utf8');
const frames: LandmarkFrame[] = path.endsWith('.jsonl') ? parseLandmarks(text).frames : (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
const truthPath = values.truth ?? (path.endsWith('.landmarks.json') ? path.replace(/(\.[a-zA-Z0-9-]+)*\.landmarks\.json$/, '.truth.csv').replace(/\.faceMeshRoi-own|\.own-s6/, '') : undefined);
let truth: Map<number, { rotationDeg: number; tiltDeg: number; flexionDeg: number }> | null = null;
try {
  if (truthPath) truth = new Map(parseTruthCsv(readFileSync(truthPath, 'utf8')).map((t) => [t.frameIndex, t]));
} catch {
  truth = null;
}
const calibrate = (values.neutral ?? (truth ? 'calibrate' : 'anatomical')) === 'calibrate';
const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: calibrate ? { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } : { kind: 'anatomical' } });
const byIdx = new Map(res.frames.map((m) => [m.frameIndex, m]));

const f1 = (x: number | null | undefined) => (x === null || x === undefined ? '   —  ' : x.toFixed(1).padStart(6));
const out: string[] = [];
let beyond = 0, collapsedCalls = 0;
const lines: string[] = [];
for (const fr of frames) {
  const sel = selectPatientFace(fr);
  const fit = sel.kind === 'one' ? fitHead(sel.face, fr) : null;
  const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
  const kp = keypointYawFromCameraDeg(fr, MIN_KEYPOINT_SCORE_FOR_CHECK);
  const m = byIdx.get(fr.frameIndex);
  const t = truth?.get(fr.frameIndex) ?? null;
  const row = {
    i: fr.frameIndex, ms: fr.timestampMs,
    meshYaw: cam?.rotationDeg ?? null, meshTilt: cam?.tiltDeg ?? null, meshFlex: cam?.flexionDeg ?? null,
    meshScore: sel.kind === 'one' ? sel.face.meshScore : null, faceWidthPx: sel.kind === 'one' ? sel.face.boxPx.width : null,
    fitResidualCm: fit?.rmsResidualCm ?? null,
    kpYaw: kp?.yawDeg ?? null, kpScore: kp?.score ?? null,
    state: m?.state, reasons: m?.reasons, rot: m?.rotationDeg ?? null, method: m?.method,
    tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null,
  };
  out.push(JSON.stringify(row));
  const isBeyond = m?.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range');
  if (isBeyond) beyond++;
  const gap = kp && cam ? Math.abs(kp.yawDeg) - Math.abs(cam.rotationDeg) : null;
  if (gap !== null && gap > 8) collapsedCalls++;
  if (values.all || isBeyond || (gap !== null && Math.abs(gap) > 4)) {
    lines.push(`${String(fr.frameIndex).padStart(5)} ${(fr.timestampMs / 1000).toFixed(2).padStart(6)}s mesh ${f1(cam?.rotationDeg)} t${f1(cam?.tiltDeg)} f${f1(cam?.flexionDeg)} s ${row.meshScore?.toFixed(2) ?? ' —  '} w ${row.faceWidthPx?.toFixed(0) ?? '—'} | kp ${f1(kp?.yawDeg)} s ${kp?.score.toFixed(2) ?? ' —  '} | ${m?.state ?? '?'}${m?.reasons.length ? ` (${m.reasons.join(',')})` : ''} rot ${f1(m?.rotationDeg)}${t ? ` | truth ${f1(t.rotationDeg)} ${f1(t.tiltDeg)} ${f1(t.flexionDeg)}` : ''}`);
  }
}
console.log(lines.join('\n'));
console.log(`${path}: ${frames.length} frames, not measurable beyond range ${beyond}, keypoints ≥ 8° past the mesh ${collapsedCalls}; measurable ${res.summary.measurableFrames}`);
if (values.jsonl) writeFileSync(values.jsonl, out.join('\n') + '\n');
