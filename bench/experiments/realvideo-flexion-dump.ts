// Session 10 (realvideo): where a real clip's flexion comes from, frame by frame, through the anatomical path that
// `geste analyze` uses (AnatomicalEstimator): the guarded camera-relative measure, the trunk estimate, the face's own
// flexion zero (faceZero.ts) and its note, the vertical viewing-ray angle, and the final rotation and flexion. Found why
// mirrored / re-encoded copies of one real clip read flexion 8–10° apart over seconds while the raw fit agreed: the face
// zero (≈ +8°) switched on and off at different times in each copy.
//   node --import tsx bench/experiments/realvideo-flexion-dump.ts LANDMARKS.jsonl [FROM_FRAME TO_FRAME STEP]
import { readFileSync } from 'node:fs';
import { AnatomicalEstimator, type HeadFit, type LandmarkFrame } from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { assumedCamera } from '../../packages/core/src/pose/refine.ts';

const [path, from = '0', to = '1e9', step = '6'] = process.argv.slice(2);
if (!path) throw new Error('Expected a landmarks.jsonl written by `geste analyze --landmarks`.');
const frames: LandmarkFrame[] = parseLandmarks(readFileSync(path, 'utf8')).frames;

/** The estimator's private parts, called in AnatomicalEstimator.measure's own order to see each one's share. */
interface Parts {
  inner: { measureWithFit(f: LandmarkFrame, n: unknown): { measure: { flexionDeg: number | null; rotationDeg: number | null; method: string }; fit: HeadFit | null } };
  neutral: unknown;
  trunk: { update(f: LandmarkFrame): { state: string; yawDeg: number | null } };
  faceZero: { update(f: LandmarkFrame, fit: HeadFit | null): { offsetDeg: number; notes: readonly string[] } };
}
// Two estimators over the same frames (deterministic): `est` gives the final measure, `parts` the pieces.
const est = new AnatomicalEstimator();
const parts = new AnatomicalEstimator() as unknown as Parts;
const f1 = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(1)).padStart(6);
console.log('frame    t s | cam rot cam flex | trunk         yaw | face zero (note) | ray deg | final rot final flex');
for (const f of frames) {
  const fin = est.measure(f);
  const { measure: m, fit } = parts.inner.measureWithFit(f, parts.neutral);
  const trunk = parts.trunk.update(f);
  const used = m.method === 'face-mesh' ? fit : null;
  const zero = parts.faceZero.update(f, used);
  let ray: number | null = null;
  if (used) {
    const cam = assumedCamera(f.imageWidthPx, f.imageHeightPx);
    ray = (Math.atan2(cam.cyPx - used.originPx[1], cam.focalPx) * 180) / Math.PI;
  }
  if (f.frameIndex >= Number(from) && f.frameIndex <= Number(to) && f.frameIndex % Number(step) === 0) {
    console.log(`${String(f.frameIndex).padStart(5)} ${(f.timestampMs / 1000).toFixed(2).padStart(6)} | ${f1(m.rotationDeg)} ${f1(m.flexionDeg)} | ${trunk.state.padEnd(11)} ${f1(trunk.yawDeg)} | ${f1(zero.offsetDeg)} (${zero.notes.join(',') || 'face zero used'}) | ${f1(ray)} | ${f1(fin.rotationDeg)} ${f1(fin.flexionDeg)}`);
  }
}
