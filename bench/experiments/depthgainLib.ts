/**
 * Depth-scale learners compared by bench/experiments/depthgain-learners.ts and used by depthgain-probe.ts (issue 13,
 * session 10, depthgain). See depthgain-learners.ts for what each one does.
 */
import { readFileSync } from 'node:fs';
import type { LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { alignSimilarity } from '../../packages/core/src/pose/quatAlign.ts';
import { FACE_MESH_POINTS, RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { anglesFromRotationMatrix, type Mat3 } from '../../packages/core/src/pose/euler.ts';
import { depthScaledModel, fitPose2d, fitWeights } from './depthgain-pose2d.ts';
import { parseTruthCsv, REST_MS } from '@geste/phantom';
import { type FitOptions, fitHead } from '../../packages/core/src/pose/headFit.ts';
import { syntheticFace } from '../../packages/core/src/pose/syntheticFace.ts';

export const CONTOUR = [127, 356, 234, 454, 93, 323, 162, 389, 21, 251, 116, 345, 117, 346, 123, 352, 187, 411];
const W_ALL = fitWeights(RIGID_FACE_POINTS);
const W_INT = new Float64Array(FACE_MESH_POINTS);
for (const i of RIGID_FACE_POINTS) W_INT[i] = 1;
for (const i of CONTOUR) W_INT[i] = 0;
const CANON = Float64Array.from(CANONICAL_FACE_CM);
const KS: number[] = [];
for (let k = 0.4; k <= 2.0001; k += 0.05) KS.push(k);

interface Sample { o: Float64Array; rot: Mat3; s: number; t: [number, number]; yawStd: number; truthYaw: number; widthRatio: number }

function observed(f: LandmarkFrame): Float64Array | null {
  const fa = f.faces[0];
  if (!fa || !(fa.meshScore >= 0.9) || fa.meshPx.length < FACE_MESH_POINTS) return null;
  const o = new Float64Array(FACE_MESH_POINTS * 3);
  for (let i = 0; i < FACE_MESH_POINTS; i++) { const p = fa.meshPx[i]!; o[i * 3] = p.x; o[i * 3 + 1] = p.y; o[i * 3 + 2] = p.z; }
  return o;
}
/** Eye-corner width over the height from the eye line to the subnasale (both in the image; a level head's turn shrinks only the width). */
function widthOverHeight(o: Float64Array): number {
  const P = (i: number) => [o[i * 3]!, o[i * 3 + 1]!] as const;
  const a = P(33), b = P(263), n = P(2), top = P(10);
  const w = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const ux = (b[0] - a[0]) / w, uy = (b[1] - a[1]) / w;
  const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
  const perp = (p: readonly [number, number]) => -(p[0] - mx) * uy + (p[1] - my) * ux;
  return w / (perp(n) - perp(top));
}
function argminParabola(es: number[]): number | null {
  let best = 0;
  for (let i = 1; i < es.length; i++) if (es[i]! < es[best]!) best = i;
  if (best === 0 || best === es.length - 1) return null;
  const e0 = es[best - 1]!, e1 = es[best]!, e2 = es[best + 1]!, den = e0 - 2 * e1 + e2;
  return KS[best]! + (den > 0 ? (0.5 * 0.05 * (e0 - e2)) / den : 0);
}
const yawOf = (r: Mat3) => anglesFromRotationMatrix(r).rotationDeg;


export interface LearnedVariants {
  readonly frames: number;
  readonly spanFrames: number;
  readonly residualAll: number | null;
  readonly residualInterior: number | null;
  readonly residualOwn: number | null;
  readonly angleMatch: number | null;
  readonly oracle: number | null;
  /** Option a: the k (mesh z × k about its centroid, then the 3-D fit) whose turned frames read the truth (median ratio 1). */
  readonly oracleMeshZ: number | null;
  /** Median and quartiles of (foreshortening angle − |truth yaw|) over the turned frames, deg: < 0 = widths shrink less than cos θ. */
  readonly foreshorteningErrDeg: readonly [number, number, number] | null;
}

/** Option a's oracle: yaw of the 3-D fit with the mesh's z scaled by k, against the truth. */
function oracleMeshZ(samples: readonly Sample[]): number | null {
  const med = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s[s.length >> 1]!; };
  const ratio = (k: number) => med(samples.map((smp) => {
    const o = Float64Array.from(smp.o);
    let cz = 0, w = 0;
    for (let i = 0; i < FACE_MESH_POINTS; i++) { cz += W_ALL[i]! * o[i * 3 + 2]!; w += W_ALL[i]!; }
    cz /= w;
    for (let i = 0; i < FACE_MESH_POINTS; i++) o[i * 3 + 2] = cz + k * (o[i * 3 + 2]! - cz);
    const fit = alignSimilarity(CANON, o, W_ALL);
    return fit ? Math.abs(yawOf(fit.rotation)) / Math.abs(smp.truthYaw) : NaN;
  })) - 1;
  let prev = ratio(KS[0]!);
  for (let i = 1; i < KS.length; i++) {
    const r = ratio(KS[i]!);
    if (prev <= 0 && r > 0) return KS[i - 1]! + (0.05 * -prev) / (r - prev);
    prev = r;
  }
  return null;
}

/** The four learners (and the truth's oracle) on one clip's saved landmarks: `<dir>/<clip>.landmarks.json` + `.truth.csv`. */
export function learnVariants(dir: string, clip: string): LearnedVariants {
    const frames = (JSON.parse(readFileSync(`${dir}/${clip}.landmarks.json`, 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const truth = parseTruthCsv(readFileSync(`${dir}/${clip}.truth.csv`, 'utf8'));
    const samples: Sample[] = [];
    const rest: { o: Float64Array; rot: Mat3; s: number; t: readonly [number, number, number] }[] = [];
    const restRatios: number[] = [];
    for (const f of frames) {
      const o = observed(f);
      const tr = truth[f.frameIndex];
      if (!o || !tr) continue;
      const fit = alignSimilarity(CANON, o, W_ALL);
      if (!fit) continue;
      if (f.timestampMs < REST_MS) { rest.push({ o, rot: fit.rotation, s: fit.scale, t: fit.translation }); restRatios.push(widthOverHeight(o)); continue; }
      const y = yawOf(fit.rotation);
      if (Math.abs(y) < 10 || Math.abs(y) > 45) continue;
      samples.push({ o, rot: fit.rotation, s: fit.scale, t: [fit.translation[0], fit.translation[1]], yawStd: y, truthYaw: tr.rotationDeg, widthRatio: widthOverHeight(o) });
    }
    restRatios.sort((a, b) => a - b);
    const w0 = restRatios[restRatios.length >> 1]!;
    // The person's own frontal x, y in the head frame (mean over the rest), canonical depth.
    const own = Float64Array.from(CANON);
    for (let i = 0; i < FACE_MESH_POINTS; i++) {
      let sx = 0, sy = 0;
      for (const r of rest) {
        const v = [(r.o[i * 3]! - r.t[0]) / r.s, (r.o[i * 3 + 1]! - r.t[1]) / r.s, (r.o[i * 3 + 2]! - r.t[2]) / r.s];
        const R = r.rot; // Rᵀ·v
        sx += R[0] * v[0]! + R[3] * v[1]! + R[6] * v[2]!;
        sy += R[1] * v[0]! + R[4] * v[1]! + R[7] * v[2]!;
      }
      own[i * 3] = sx / rest.length; own[i * 3 + 1] = sy / rest.length;
    }
    const curve = (base: Float64Array, W: Float64Array) => KS.map((k) => {
      const m = depthScaledModel(base, W, k);
      let e = 0;
      for (const s of samples) { const p = fitPose2d(m, s.o, W, { rotation: s.rot, scale: s.s, translation: s.t }); e += p ? p.sseModel : 1e9; }
      return e / samples.length;
    });
    const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };
    // yaw of the 2-D canonical fit at each k, per sample
    const yawsAt = KS.map((k) => { const m = depthScaledModel(CANON, W_ALL, k); return samples.map((s) => { const p = fitPose2d(m, s.o, W_ALL, { rotation: s.rot, scale: s.s, translation: s.t }); return p ? Math.abs(yawOf(p.rotation)) : NaN; }); });
    const crossing = (target: number[]) => {
      const r = yawsAt.map((ys) => median(ys.map((y, i) => y / target[i]!)) - 1);
      for (let i = 1; i < r.length; i++) if (r[i - 1]! >= 0 && r[i]! < 0) return KS[i - 1]! + (0.05 * r[i - 1]!) / (r[i - 1]! - r[i]!);
      return null;
    };
    const foreshortening = samples.map((s) => (Math.acos(Math.min(1, s.widthRatio / w0)) * 180) / Math.PI);
  const span = samples.filter((s) => Math.abs(s.yawStd) >= 20).length;
  if (samples.length < 15 || rest.length < 10) return { frames: samples.length, spanFrames: span, residualAll: null, residualInterior: null, residualOwn: null, angleMatch: null, oracle: null, oracleMeshZ: null, foreshorteningErrDeg: null };
  return {
    frames: samples.length, spanFrames: span,
    residualAll: argminParabola(curve(CANON, W_ALL)), residualInterior: argminParabola(curve(CANON, W_INT)), residualOwn: argminParabola(curve(own, W_ALL)),
    angleMatch: crossing(foreshortening), oracle: crossing(samples.map((s) => Math.abs(s.truthYaw))), oracleMeshZ: oracleMeshZ(samples),
    foreshorteningErrDeg: (() => { const e = foreshortening.map((f, i) => f - Math.abs(samples[i]!.truthYaw)).sort((a, b) => a - b); return [e[e.length >> 2]!, e[e.length >> 1]!, e[(3 * e.length) >> 2]!] as const; })(),
  };
}

/**
 * Fit options of the what-if (bench/experiments/depthgain-whatif.patch): `depthScale` (option b) or `meshDepthScale`
 * (option a). Throws, saying what to do, when the patch is not applied (core's fit would ignore them silently).
 */
export function whatIfFit(o: { readonly depthScale?: number; readonly meshDepthScale?: number }): FitOptions {
  if (!whatIfChecked) {
    const face = syntheticFace({ angles: { rotationDeg: 25, tiltDeg: 0, flexionDeg: 0 } });
    const image = { imageWidthPx: 640, imageHeightPx: 480 };
    const plain = fitHead(face, image), scaled = fitHead(face, image, { depthScale: 0.5 } as FitOptions);
    if (!plain || !scaled || Math.abs(yawOf(plain.headToCamera) - yawOf(scaled.headToCamera)) < 1) {
      throw new Error('core ignores FitOptions.depthScale: apply the what-if first (git apply bench/experiments/depthgain-whatif.patch), and revert it after (git apply -R …)');
    }
    whatIfChecked = true;
  }
  return o as FitOptions;
}
let whatIfChecked = false;
