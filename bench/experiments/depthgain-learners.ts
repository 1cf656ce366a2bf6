/**
 * Experiment (issue 13, session 10, depthgain): can the depth scale k of the standard face be learned from a person's
 * own turns by foreshortening? Four learners on the same frames (sure mesh ≥ 0.9, turned 10–45° by the standard fit),
 * each printed with the k it chooses, next to the k that would make the rotation gain 1 (from the truth, --oracle):
 *   residual-all       k minimising the 2-D residual, canonical face, every point with the head fit's weights
 *   residual-interior  the same on the rigid points minus the face contour and the outer cheekbones (silhouette points
 *                      slide round a turned face instead of foreshortening)
 *   residual-own       the person's own frontal x, y (mean over the 2-s rest, in the head frame) with the canonical depth × k
 *   angle-match        k for which the 2-D fit's |yaw| matches the foreshortening angle acos(w/w₀) of the eye-corner width
 *                      over the eye-to-subnasale height (median ratio 1)
 *   node --import tsx bench/experiments/depthgain-learners.ts [--matrix DIR] [--cameras c] [--clip far-turn-return-70]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { learnVariants } from './depthgainLib.ts';

const { values } = parseArgs({ options: {
  matrix: { type: 'string', default: '/work/s9-lead/matrix-replay/matrix' },
  faces: { type: 'string', default: 'astronaut,olive-narrow,dark-stubble,deep-wide,hopper,hopper-beard,beard-glasses' },
  cameras: { type: 'string', default: 'webcam-640' },
  clip: { type: 'string', default: 'far-turn-return-70' },
} });
const f3 = (v: number | null) => (v === null ? '  —  ' : v.toFixed(2));
for (const camera of values.cameras.split(',')) {
  console.log(`\n${camera}, ${values.clip}: learned k (— = no minimum inside 0.4…2.0, or refused); oracle = k whose 2-D fit reads the turned frames' |yaw| at the truth (median ratio 1)`);
  console.log('face           | frames (≥20°) | residual-all | residual-interior | residual-own | angle-match | oracle (2-D fit) | oracle-a (mesh z × k, 3-D fit) | foreshortening angle − truth: median (IQR)');
  for (const face of values.faces.split(',')) {
    const dir = `${values.matrix}/${face}/${camera}`;
    if (!existsSync(`${dir}/${values.clip}.landmarks.json`)) continue;
    const v = learnVariants(dir, values.clip);
    console.log(`${face.padEnd(14)} | ${String(v.frames).padStart(3)} (${String(v.spanFrames).padStart(3)})     | ${f3(v.residualAll).padStart(12)} | ${f3(v.residualInterior).padStart(17)} | ${f3(v.residualOwn).padStart(12)} | ${f3(v.angleMatch).padStart(11)} | ${f3(v.oracle).padStart(16)} | ${f3(v.oracleMeshZ).padStart(30)} | ${v.foreshorteningErrDeg === null ? '—' : `${v.foreshorteningErrDeg[1].toFixed(1)}° (${v.foreshorteningErrDeg[0].toFixed(1)}…${v.foreshorteningErrDeg[2].toFixed(1)})`}`);
  }
}
