/**
 * Experiment (issue 12, docs/anatomical-zero.md "Trunk reference"): what 2-D shoulder keypoints say about
 * the trunk's turn on cached phantom landmarks. For each <clip>.landmarks.json given: per-clip medians of
 * the shoulder width in the face's own centimetres (pxPerCm of the canonical-face fit), the neck pivot's
 * place between the shoulders (near-half / far-half ratio), the shoulder line, and the head's
 * camera-relative rotation.
 *   node --import tsx bench/experiments/trunk-2d.ts packages/phantom/.cache/<set>/<clip>.landmarks.json …
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AnatomicalEstimator, type LandmarkFrame } from '@geste/core';
import { fitHead, headPointToImagePx } from '../../packages/core/src/pose/headFit.ts';
import { NECK_PIVOT_CM, keypoint, selectPatientFace } from '../../packages/core/src/pose/frameGeometry.ts';

const med = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[s.length >> 1]! : NaN; };
const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '—');
for (const file of process.argv.slice(2)) {
  const frames = JSON.parse(readFileSync(file, 'utf8')).frames as LandmarkFrame[];
  const est = new AnatomicalEstimator({ camera: { pitchDeg: 0 } });
  const w: number[] = [], ratio: number[] = [], line: number[] = [], rot: number[] = [], ppc: number[] = [], sl: number[] = [], sr: number[] = [], dy: number[] = [], hipS: number[] = [], elS: number[] = [];
  for (const fr of frames) {
    const m = est.measure(fr);
    const sel = selectPatientFace(fr);
    const fit = sel.kind === 'one' ? fitHead(sel.face, fr) : null;
    const b = fr.bodies[0];
    const ls = keypoint(b, 'leftShoulder'), rs = keypoint(b, 'rightShoulder');
    if (!fit || !ls || !rs) continue;
    const p = headPointToImagePx(fit, NECK_PIVOT_CM);
    w.push(Math.hypot(ls.xPx - rs.xPx, ls.yPx - rs.yPx) / fit.pxPerCm);
    ratio.push((p[0] - rs.xPx) / (ls.xPx - p[0])); // image-left half (person's right) / image-right half
    line.push((Math.atan2(ls.yPx - rs.yPx, ls.xPx - rs.xPx) * 180) / Math.PI);
    dy.push(((ls.yPx + rs.yPx) / 2 - p[1]) / fit.pxPerCm);
    rot.push(m.rotationDeg ?? NaN); ppc.push(fit.pxPerCm); sl.push(ls.score); sr.push(rs.score);
    const lh = b?.keypoints.find((k) => k.part === 'leftHip'); const rh = b?.keypoints.find((k) => k.part === 'rightHip');
    hipS.push(Math.min(lh?.score ?? 0, rh?.score ?? 0));
    const le = b?.keypoints.find((k) => k.part === 'leftElbow'); const re = b?.keypoints.find((k) => k.part === 'rightElbow');
    elS.push(Math.min(le?.score ?? 0, re?.score ?? 0));
  }
  console.log(`${basename(file)}: n ${w.length}, shoulder width ${f(med(w))} face-cm (IQR ${f(med(w.filter((x) => x < med(w))))}–${f(med(w.filter((x) => x > med(w))))}), right/left half ${f(med(ratio))}, shoulder line ${f(med(line), 1)}°, shoulders ${f(med(dy), 1)} cm below pivot, head rot (camera) ${f(med(rot), 1)}°, pxPerCm ${f(med(ppc))}, scores L ${f(med(sl))} R ${f(med(sr))}, hips ${f(med(hipS))}, elbows ${f(med(elS))}`);
}
