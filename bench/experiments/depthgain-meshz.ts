/**
 * Experiment (issue 13, session 10, depthgain): does the mesh's own z (the model's depth guess) carry the face's depth? The
 * k (mesh z × k about its centroid) that minimises today's 3-D fit residual over a clip's sure-mesh frames, per face
 * (webcam-640), to set beside the truth-chosen k of option a (depthgain-learners.ts, "oracle (a)").
 *   node --import tsx bench/experiments/depthgain-meshz.ts [MATRIX_DIR]
 */
import { readFileSync } from 'node:fs';
import type { LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { alignSimilarity } from '../../packages/core/src/pose/quatAlign.ts';
import { RIGID_FACE_POINTS, FACE_MESH_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { fitWeights } from './depthgain-pose2d.ts';
const dir = process.argv[2] ?? '/work/s9-lead/matrix-replay/matrix';
const W = fitWeights(RIGID_FACE_POINTS);
const C = Float64Array.from(CANONICAL_FACE_CM);
for (const face of ['astronaut', 'olive-narrow', 'dark-stubble', 'deep-wide', 'hopper', 'hopper-beard', 'beard-glasses']) {
  const res: string[] = [];
  for (const clip of ['far-turn-return-70', 'hold-neutral-20s']) {
    const frames = (JSON.parse(readFileSync(`${dir}/${face}/webcam-640/${clip}.landmarks.json`, 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const obs = frames.flatMap((f) => { const fa = f.faces[0]; if (!fa || fa.meshScore < 0.9) return []; const o = new Float64Array(FACE_MESH_POINTS * 3); for (let i = 0; i < FACE_MESH_POINTS; i++) { const p = fa.meshPx[i]!; o[i*3]=p.x; o[i*3+1]=p.y; o[i*3+2]=p.z; } return [o]; });
    let best = 0, bestE = Infinity;
    for (let k = 0.5; k <= 2.0; k += 0.02) {
      let e = 0;
      for (const o0 of obs) { const o = Float64Array.from(o0); let cz = 0, w = 0; for (let i = 0; i < FACE_MESH_POINTS; i++) { cz += W[i]! * o[i*3+2]!; w += W[i]!; } cz /= w; for (let i = 0; i < FACE_MESH_POINTS; i++) o[i*3+2] = cz + k * (o[i*3+2]! - cz); const fit = alignSimilarity(C, o, W)!; e += fit.rmsResidualA ** 2; }
      if (e < bestE) { bestE = e; best = k; }
    }
    res.push(`${clip} k_a* ${best.toFixed(2)}`);
  }
  console.log(face.padEnd(14), res.join(' | '));
}
