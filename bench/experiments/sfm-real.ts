// Own face shape by structure from motion (issue 13, session 10 "sfm") on saved landmarks without truth (a real clip's
// landmarks.jsonl from `geste analyze --landmarks`, or a phantom .landmarks.json): does the learner refuse, and why.
//   node --import tsx bench/experiments/sfm-real.ts FILE...
import { readFileSync } from 'node:fs';
import { anglesFromRotationMatrix, fitHead, selectPatientFace, type LandmarkFrame } from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { assumedCamera } from '../../packages/core/src/pose/refine.ts';
import { CANON_RIGID, learnShape, shapeStats } from './sfm-lib.ts';

const canon = shapeStats(CANON_RIGID);
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  const frames: LandmarkFrame[] = path.endsWith('.jsonl') ? parseLandmarks(text).frames : (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
  const tracks: Float64Array[] = [];
  let yMin = Infinity, yMax = -Infinity, pMin = Infinity, pMax = -Infinity;
  for (const f of frames) {
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one' || sel.face.meshScore < 0.9) continue;
    const fit = fitHead(sel.face, f);
    if (!fit) continue;
    const a = anglesFromRotationMatrix(fit.headToCamera);
    if (Math.abs(a.rotationDeg) > 45) continue;
    yMin = Math.min(yMin, a.rotationDeg); yMax = Math.max(yMax, a.rotationDeg); pMin = Math.min(pMin, a.flexionDeg); pMax = Math.max(pMax, a.flexionDeg);
    const t = new Float64Array(RIGID_FACE_POINTS.length * 2);
    RIGID_FACE_POINTS.forEach((m, k) => { t[k * 2] = sel.face.meshPx[m]!.x; t[k * 2 + 1] = sel.face.meshPx[m]!.y; });
    tracks.push(t);
  }
  const cam = frames[0] ? assumedCamera(frames[0].imageWidthPx, frames[0].imageHeightPx) : null;
  const r = learnShape(tracks, RIGID_FACE_POINTS, cam);
  const span = `${tracks.length} sure frames, yaw span ${(yMax - yMin).toFixed(1)} deg, flexion span ${(pMax - pMin).toFixed(1)} deg`;
  if (!r.ok) console.log(`${path}: ${span}: refused (${r.reason})`);
  else console.log(`${path}: ${span}: learned nose/eye x${(r.shape.noseDepthCm / r.shape.eyeWidthCm / (canon.noseDepthCm / canon.eyeWidthCm)).toFixed(2)} of canonical, metric cond ${r.shape.metricConditioning.toExponential(2)}`);
}
