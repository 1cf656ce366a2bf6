/**
 * Experiment (issue 13, session 10, depthgain): does the foreshortening learner recover a known depth on synthetic faces?
 * The canonical face with its depth × k_true (and, optionally, its width × w) turned through a far-turn script (0 → ±45°,
 * both sides, as far-turn-return-70's frames inside 10–45°) or only small turns (±12°), projected orthographically or with
 * a pinhole at 55 cm, with Gaussian noise on x, y; then `learnDepthScale`.
 *   node --import tsx bench/experiments/depthgain-synthetic.ts
 */
import type { FaceObservation, LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { headRotationMatrix } from '../../packages/core/src/pose/euler.ts';
import { FACE_MESH_POINTS, RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { seededRandom } from '../../packages/core/src/random.ts';
import { learnDepthScale } from './depthgain-learner.ts';
import { depthScaledModel, fitWeights } from './depthgain-pose2d.ts';

const W = fitWeights(RIGID_FACE_POINTS);

/** Frames of a face of depth × kTrue and width × widthScale turned to each yaw, px per cm 12, noise noisePx. */
export function syntheticTurns(kTrue: number, yawsDeg: readonly number[], o: { noisePx: number; widthScale?: number; pinholeCm?: number; seed?: number }): LandmarkFrame[] {
  const model = depthScaledModel(Float64Array.from(CANONICAL_FACE_CM), W, kTrue);
  for (let i = 0; i < FACE_MESH_POINTS; i++) model[i * 3] = model[i * 3]! * (o.widthScale ?? 1);
  const rand = seededRandom(o.seed ?? 7);
  const g = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  const s = 12, f = 600;
  return yawsDeg.map((yaw, n) => {
    const R = headRotationMatrix({ rotationDeg: yaw, tiltDeg: 0, flexionDeg: 0 });
    const meshPx = [];
    for (let i = 0; i < FACE_MESH_POINTS; i++) {
      const X = model[i * 3]!, Y = model[i * 3 + 1]!, Z = model[i * 3 + 2]!;
      const rx = R[0] * X + R[1] * Y + R[2] * Z, ry = R[3] * X + R[4] * Y + R[5] * Z, rz = R[6] * X + R[7] * Y + R[8] * Z;
      const scale = o.pinholeCm ? f / (o.pinholeCm + rz) : s;
      meshPx.push({ x: 320 + scale * rx + o.noisePx * g(), y: 240 + scale * ry + o.noisePx * g(), z: s * rz + o.noisePx * g() });
    }
    const face: FaceObservation = { meshPx, boxPx: { x: 220, y: 140, width: 200, height: 220 }, detectionScore: 1, meshScore: 1 };
    return { frameIndex: n, timestampMs: n * 33.3, imageWidthPx: 640, imageHeightPx: 480, faces: [face], bodies: [], hands: [] };
  });
}

const farTurn: number[] = [];
for (let y = -45; y <= 45; y += 1.5) farTurn.push(y);
const small: number[] = [];
for (let y = -12; y <= 12; y += 0.5) small.push(y);
console.log('k_true | turns      | projection      | noise px | width × | learned');
for (const kTrue of [0.8, 1.0, 1.2]) {
  for (const [label, yaws] of [['±45°', farTurn], ['±12°', small]] as const) {
    for (const pinholeCm of [undefined, 55]) {
      for (const widthScale of [1, 1.07]) {
        const r = learnDepthScale(syntheticTurns(kTrue, yaws, { noisePx: 1, widthScale, ...(pinholeCm ? { pinholeCm } : {}) }), RIGID_FACE_POINTS);
        console.log(`${kTrue.toFixed(1).padStart(6)} | ${label.padEnd(10)} | ${(pinholeCm ? `pinhole ${pinholeCm} cm` : 'orthographic').padEnd(15)} | ${'1'.padStart(8)} | ${widthScale.toFixed(2).padStart(7)} | ${r.ok ? `k = ${r.depthScale.toFixed(3)} (${r.frames} frames)` : `refused: ${r.reason} (${r.frames} frames, ${r.spanFrames} ≥ 20°)`}`);
      }
    }
  }
}
