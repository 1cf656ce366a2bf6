/**
 * Experiment (issue 12, docs/anatomical-zero.md "The deep-wide face's resting 30°"): is a face's low resting
 * rotation the canonical-face fit's doing (face shape) or the face-mesh model's? On cached landmarks:
 * the face mesh's own width/depth against the canonical face (from frontal frames), the fitted rotation with
 * the canonical face stretched to other shapes, and with the fit options (pinhole refinement, viewing ray).
 *   node --import tsx bench/experiments/resting-gain.ts <frontal.landmarks.json> <turned.landmarks.json>
 * e.g. packages/phantom/.cache/small-deep-wide/small-tilt-flexion… small-start-torticollis-right-30…
 */
import { readFileSync } from 'node:fs';
import { AnatomicalEstimator, type LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { alignSimilarity } from '../../packages/core/src/pose/quatAlign.ts';
import { FACE_MESH_POINTS, RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { anglesFromRotationMatrix } from '../../packages/core/src/pose/euler.ts';

const W = new Float64Array(FACE_MESH_POINTS).fill(0.15);
for (const i of RIGID_FACE_POINTS) W[i] = 1; // the weights of headFit.ts
const med = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[s.length >> 1]! : NaN; };
const obs = (f: LandmarkFrame) => {
  const fa = f.faces[0];
  if (!fa || fa.meshPx.length < FACE_MESH_POINTS) return null;
  const o = new Float64Array(FACE_MESH_POINTS * 3);
  for (let i = 0; i < FACE_MESH_POINTS; i++) { const p = fa.meshPx[i]!; o[i * 3] = p.x; o[i * 3 + 1] = p.y; o[i * 3 + 2] = p.z; }
  return o;
};
const stretched = (sx: number, sz: number) => {
  const t = Float64Array.from(CANONICAL_FACE_CM);
  for (let i = 0; i < FACE_MESH_POINTS; i++) { t[i * 3] = t[i * 3]! * sx; t[i * 3 + 2] = t[i * 3 + 2]! * sz; }
  return t;
};
/** The mesh's width (x) and depth (z) against the canonical face, in the fitted head frame (weighted least squares). */
function shape(frames: readonly LandmarkFrame[]): [number, number] {
  const sxs: number[] = [], szs: number[] = [];
  const C = CANONICAL_FACE_CM;
  for (const f of frames) {
    const o = obs(f);
    const fit = o && alignSimilarity(C, o, W);
    if (!o || !fit) continue;
    const R = fit.rotation, s = fit.scale, t = fit.translation;
    let nx = 0, dx = 0, nz = 0, dz = 0;
    for (let i = 0; i < FACE_MESH_POINTS; i++) {
      const v = [(o[i * 3]! - t[0]) / s, (o[i * 3 + 1]! - t[1]) / s, (o[i * 3 + 2]! - t[2]) / s] as const;
      const hx = R[0] * v[0] + R[3] * v[1] + R[6] * v[2], hz = R[2] * v[0] + R[5] * v[1] + R[8] * v[2]; // Rᵀ·v
      nx += W[i]! * hx * C[i * 3]!; dx += W[i]! * C[i * 3]! ** 2;
      nz += W[i]! * hz * C[i * 3 + 2]!; dz += W[i]! * C[i * 3 + 2]! ** 2;
    }
    sxs.push(nx / dx); szs.push(nz / dz);
  }
  return [med(sxs), med(szs)];
}
const [frontalFile, turnedFile] = process.argv.slice(2);
const frontal = (JSON.parse(readFileSync(frontalFile!, 'utf8')).frames as LandmarkFrame[]).slice(0, 55); // the 2-s rest
const turned = JSON.parse(readFileSync(turnedFile!, 'utf8')).frames as LandmarkFrame[];
console.log('mesh width, depth against the canonical face (frontal rest):', shape(frontal).map((v) => v.toFixed(3)).join(', '));
for (const [sx, sz] of [[1, 1], [1.07, 1], [1, 0.9], [1.07, 0.9], [1.1, 0.85]] as const) {
  const T = stretched(sx, sz);
  const r = turned.map((f) => { const o = obs(f); const fit = o && alignSimilarity(T, o, W); return fit ? anglesFromRotationMatrix(fit.rotation).rotationDeg : NaN; });
  console.log(`canonical face × (${sx}, 1, ${sz}): median rotation ${med(r).toFixed(1)}°`);
}
for (const [label, o] of [['default fit', {}], ['pinhole refinement', { perspective: true }], ['viewing ray', { viewingRay: true }]] as const) {
  const e = new AnatomicalEstimator({ camera: { pitchDeg: 0 }, ...o });
  console.log(`${label}: median rotation ${med(turned.map((f) => e.measure(f).rotationDeg ?? NaN)).toFixed(1)}°`);
}
