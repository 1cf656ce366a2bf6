// Own face shape by structure from motion (issue 13, session 10 "sfm"): the learner on exact synthetic tracks — the
// canonical rigid points (depth scaled by D) turned through a yaw span with some pitch and roll, projected by a pinhole
// camera (f 550 px, head 55 cm away) or orthographically, with uniform pixel noise. Prints the learned nose/eye depth
// ratio over the true one (1 = right) with and without the affine iterations for perspective.
//   node --import tsx bench/experiments/sfm-synthetic.ts
import { headRotationMatrix } from '../../packages/core/src/pose/euler.ts';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { CANON_RIGID, learnShape, shapeStats } from './sfm-lib.ts';

const P = RIGID_FACE_POINTS.length;
const cam = { focalPx: 550, cxPx: 320, cyPx: 240 };
const c = shapeStats(CANON_RIGID);
for (const [distCm, spanDeg, pitchDeg, depth, noisePx] of [
  [Infinity, 40, 10, 1, 1], [55, 40, 10, 1, 1], [55, 80, 15, 1, 1], [55, 80, 15, 0.8, 1], [55, 20, 5, 1, 1], [55, 10, 3, 1, 1], [55, 5, 2, 1, 1],
  [55, 20, 5, 1, 3], [55, 10, 3, 1, 3], [55, 5, 2, 1, 3], [55, 2, 1, 1, 1],
] as const) {
  let seed = 1;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
  const tracks: Float64Array[] = [];
  for (let k = 0; k < 150; k++) {
    const R = headRotationMatrix({ rotationDeg: (spanDeg / 2) * Math.sin(k / 10), tiltDeg: 3 * Math.sin(k / 13), flexionDeg: pitchDeg * Math.sin(k / 7) });
    const t = new Float64Array(P * 2);
    for (let i = 0; i < P; i++) {
      const x = CANON_RIGID[i * 3]!, y = CANON_RIGID[i * 3 + 1]!, z = CANON_RIGID[i * 3 + 2]! * depth;
      const X = R[0] * x + R[1] * y + R[2] * z, Y = R[3] * x + R[4] * y + R[5] * z, Z = R[6] * x + R[7] * y + R[8] * z;
      const s = Number.isFinite(distCm) ? cam.focalPx / (Z + distCm) : cam.focalPx / 55;
      t[i * 2] = cam.cxPx + s * X + rnd() * noisePx;
      t[i * 2 + 1] = cam.cyPx + s * Y + rnd() * noisePx;
    }
    tracks.push(t);
  }
  const ratio = (r: ReturnType<typeof learnShape>) => (r.ok ? `x${(r.shape.noseDepthCm / r.shape.eyeWidthCm / (c.noseDepthCm / c.eyeWidthCm) / depth).toFixed(3)}` : `refused (${r.reason.slice(0, 40)})`);
  console.log(`camera ${Number.isFinite(distCm) ? `pinhole ${distCm} cm` : 'orthographic'}, yaw span ${spanDeg}, pitch +-${pitchDeg}, depth x${depth}, noise ${noisePx} px: weak-perspective ${ratio(learnShape(tracks))}, with affine iterations ${ratio(learnShape(tracks, RIGID_FACE_POINTS, cam))}`);
}
