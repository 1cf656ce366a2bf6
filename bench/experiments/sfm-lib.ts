// Rigid structure from motion of the face mesh's 2-D rigid points (issue 13, session 10 "sfm"): pure math for the
// experiments (no Node, no DOM). Tomasi-Kanade factorisation with the metric upgrade for a scaled-orthographic camera,
// the depth flip chosen by the nose, the learned shape put into the canonical face's frame by a similarity, and a 2-D
// (image x, y only) pose fit of a shape to one frame.
// ref: Tomasi C., Kanade T., "Shape and motion from image streams under orthography: a factorization method",
//      IJCV 9(2), 1992 (rank-3 factorisation, metric constraints); Poelman & Kanade 1997 (scaled orthography:
//      |m|=|n|, m.n=0 per frame).
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { type Mat3, mat3Multiply } from '../../packages/core/src/pose/euler.ts';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { alignSimilarity } from '../../packages/core/src/pose/quatAlign.ts';
import { expRot, solve } from '../../packages/core/src/pose/refine.ts';

/** Eigen-decomposition of a symmetric n x n matrix (row-major), cyclic Jacobi. Values descending, vectors as columns. */
export function symEig(Ain: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(Ain as ArrayLike<number>);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = A[p * n + p]!, aqq = A[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!, akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!, aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!, vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((a, b) => A[b * n + b]! - A[a * n + a]!);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((o, j) => {
    values[j] = A[o * n + o]!;
    for (let k = 0; k < n; k++) vectors[k * n + j] = V[k * n + o]!;
  });
  return { values, vectors };
}

/** Canonical points (mesh indices), cm, flattened xyz. */
export function canonPoints(points: readonly number[]): Float64Array {
  const a = new Float64Array(points.length * 3);
  points.forEach((m, i) => { for (let k = 0; k < 3; k++) a[i * 3 + k] = CANONICAL_FACE_CM[m * 3 + k]!; });
  return a;
}
export const CANON_RIGID = canonPoints(RIGID_FACE_POINTS);
/** Silhouette points (face contour, temples): they slide over the face as it turns. */
export const CONTOUR_POINTS = [127, 356, 234, 454, 93, 323, 162, 389, 21, 251];

/**
 * The metric step of Tomasi–Kanade: from affine motion rows (6 numbers per frame, the image x and y rows), the symmetric
 * L = Q Qᵀ that makes each frame's two rows orthogonal and of equal length (least squares, each frame weighed the same),
 * as its eigen-decomposition; `metricConditioning` = smallest / second smallest eigenvalue of the system.
 */
export function metricEigen(M0: ArrayLike<number>, F: number): { le: { values: Float64Array; vectors: Float64Array }; metricConditioning: number } | { reason: string } {
  // L = Q Q^T symmetric, m L m = n L n, m L n = 0.
  const g = (ao: number, bo: number): number[] => {
    const a1 = M0[ao]!, a2 = M0[ao + 1]!, a3 = M0[ao + 2]!, b1 = M0[bo]!, b2 = M0[bo + 1]!, b3 = M0[bo + 2]!;
    return [a1 * b1, a1 * b2 + a2 * b1, a1 * b3 + a3 * b1, a2 * b2, a2 * b3 + a3 * b2, a3 * b3];
  };
  const AtA = new Float64Array(36);
  const addRow = (row: number[]) => { for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) AtA[i * 6 + j]! += row[i]! * row[j]!; };
  for (let f = 0; f < F; f++) {
    const mm = g(6 * f, 6 * f), nn = g(6 * f + 3, 6 * f + 3);
    // Normalise each frame's rows by its scale so every frame weighs the same.
    const sc = (mm[0]! + mm[3]! + mm[5]! + nn[0]! + nn[3]! + nn[5]!) / 2 || 1;
    addRow(mm.map((v, i) => (v - nn[i]!) / sc));
    addRow(g(6 * f, 6 * f + 3).map((v) => v / sc));
  }
  const me = symEig(AtA, 6);
  const metricConditioning = me.values[5]! / me.values[4]!;
  const l = [0, 1, 2, 3, 4, 5].map((i) => me.vectors[i * 6 + 5]!);
  let L = [l[0]!, l[1]!, l[2]!, l[1]!, l[3]!, l[4]!, l[2]!, l[4]!, l[5]!];
  if (L[0]! + L[4]! + L[8]! < 0) L = L.map((v) => -v);
  const le = symEig(L, 3);
  if (!(le.values[2]! > 0)) return { reason: `metric upgrade not positive definite (eigenvalues ${[...le.values].map((v) => v.toExponential(2)).join(', ')})` };
  return { le, metricConditioning };
}

export interface LearnedShape {
  /** Rigid points in the canonical face's frame, cm, flattened xyz. */
  readonly shapeCm: Float64Array;
  readonly frames: number;
  /** 4th / 3rd singular value squared of the measurement matrix (non-rigidity + noise). */
  readonly rank3Residual: number;
  /** Smallest / second smallest eigenvalue of the metric system (small: well determined). */
  readonly metricConditioning: number;
  /** Per-frame rotations of the learned shape (canonical frame), from the factorisation itself. */
  readonly rotations: Mat3[];
  /** Depth of nose tip in front of the eye corners, cm; eye width (outer corners), cm. */
  readonly noseDepthCm: number;
  readonly eyeWidthCm: number;
}

export type LearnResult = { ok: true; shape: LearnedShape } | { ok: false; reason: string };

/**
 * Tomasi–Kanade rank-3 factorisation of centred 2-D tracks (per frame, flattened x, y of P points) with the metric
 * upgrade for scaled orthography: M0 (2F × 3), the shape S (P × 3, up to the depth flip) and Q (M = M0 Q). Shared by
 * the mesh-point learner here and klt-lib.ts's texture tracks.
 */
export function metricFactorisation(tracks: readonly Float64Array[], P: number):
  | { ok: true; M0: Float64Array; S: Float64Array; Q: Float64Array; rank3Residual: number; metricConditioning: number }
  | { ok: false; reason: string } {
  const F = tracks.length;
  // Centred measurement matrix W, 2F x P.
  const W = new Float64Array(2 * F * P);
  tracks.forEach((t, f) => {
    let mx = 0, my = 0;
    for (let i = 0; i < P; i++) { mx += t[i * 2]!; my += t[i * 2 + 1]!; }
    mx /= P; my /= P;
    for (let i = 0; i < P; i++) { W[(2 * f) * P + i] = t[i * 2]! - mx; W[(2 * f + 1) * P + i] = t[i * 2 + 1]! - my; }
  });
  const C = new Float64Array(P * P);
  for (let r = 0; r < 2 * F; r++) {
    for (let i = 0; i < P; i++) {
      const wi = W[r * P + i]!;
      for (let j = i; j < P; j++) C[i * P + j]! += wi * W[r * P + j]!;
    }
  }
  for (let i = 0; i < P; i++) for (let j = 0; j < i; j++) C[i * P + j] = C[j * P + i]!;
  const { values, vectors } = symEig(C, P);
  const rank3Residual = values[3]! / values[2]!;
  // M0 = W V L^{-1/2} (2F x 3), S0 = L^{1/2} V^T (3 x P).
  const M0 = new Float64Array(2 * F * 3);
  for (let r = 0; r < 2 * F; r++) {
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let i = 0; i < P; i++) s += W[r * P + i]! * vectors[i * P + k]!;
      M0[r * 3 + k] = s / Math.sqrt(values[k]!);
    }
  }
  const S0 = new Float64Array(3 * P);
  for (let k = 0; k < 3; k++) for (let i = 0; i < P; i++) S0[k * P + i] = Math.sqrt(values[k]!) * vectors[i * P + k]!;
  const up = metricEigen(M0, F);
  if ('reason' in up) return { ok: false, reason: up.reason };
  const { le, metricConditioning } = up;
  // Q = U D^{1/2}; S = Q^{-1} S0 = D^{-1/2} U^T S0 ; M = M0 Q.
  const S = new Float64Array(P * 3);
  for (let i = 0; i < P; i++) {
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += le.vectors[j * 3 + k]! * S0[j * P + i]!;
      S[i * 3 + k] = s / Math.sqrt(le.values[k]!);
    }
  }
  const Q = new Float64Array(9);
  for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) Q[j * 3 + k] = le.vectors[j * 3 + k]! * Math.sqrt(le.values[k]!);
  return { ok: true, M0, S, Q, rank3Residual, metricConditioning };
}

/** tracks: per frame, flattened x,y (px) of the P rigid points. */
function factorise(tracks: readonly Float64Array[], points: readonly number[]): LearnResult {
  const F = tracks.length;
  const P = points.length;
  const CANON = canonPoints(points);
  const NOSE_TIP = points.indexOf(1);
  const EYE_CORNERS = [33, 133, 263, 362].map((m) => points.indexOf(m));
  if (F < 10) return { ok: false, reason: `too few frames (${F})` };
  const fac = metricFactorisation(tracks, P);
  if (!fac.ok) return fac;
  const { M0, S, Q, rank3Residual, metricConditioning } = fac;
  // Two candidate shapes (the depth flip); align each to the canonical face, keep the nose-in-front one.
  const w = new Float64Array(P).fill(1);
  let best: { shape: Float64Array; resid: number; flip: number; rot: Mat3; scale: number } | null = null;
  for (const flip of [1, -1]) {
    const cand = Float64Array.from(S);
    for (let i = 0; i < P; i++) cand[i * 3 + 2]! *= flip;
    const sim = alignSimilarity(cand, CANON, w);
    if (sim === null) continue;
    const out = new Float64Array(P * 3);
    for (let i = 0; i < P; i++) {
      const x = cand[i * 3]!, y = cand[i * 3 + 1]!, z = cand[i * 3 + 2]!, r = sim.rotation;
      out[i * 3] = sim.scale * (r[0] * x + r[1] * y + r[2] * z) + sim.translation[0];
      out[i * 3 + 1] = sim.scale * (r[3] * x + r[4] * y + r[5] * z) + sim.translation[1];
      out[i * 3 + 2] = sim.scale * (r[6] * x + r[7] * y + r[8] * z) + sim.translation[2];
    }
    const eyeZ = EYE_CORNERS.reduce((s, e) => s + out[e * 3 + 2]!, 0) / 4;
    const noseInFront = out[NOSE_TIP * 3 + 2]! < eyeZ;
    if (!noseInFront) continue;
    if (best === null || sim.rmsResidualA < best.resid) best = { shape: out, resid: sim.rmsResidualA, flip, rot: sim.rotation, scale: sim.scale };
  }
  if (best === null) return { ok: false, reason: 'no depth flip puts the nose in front' };
  // Per-frame rotations: rows m, n of M0 Q (flip applied to the 3rd column), normalised; into the canonical frame.
  const rotations: Mat3[] = [];
  const RcT: Mat3 = [best.rot[0], best.rot[3], best.rot[6], best.rot[1], best.rot[4], best.rot[7], best.rot[2], best.rot[5], best.rot[8]];
  for (let f = 0; f < F; f++) {
    const m = [0, 1, 2].map((k) => M0[6 * f]! * Q[k]! + M0[6 * f + 1]! * Q[3 + k]! + M0[6 * f + 2]! * Q[6 + k]!);
    const nn = [0, 1, 2].map((k) => M0[6 * f + 3]! * Q[k]! + M0[6 * f + 4]! * Q[3 + k]! + M0[6 * f + 5]! * Q[6 + k]!);
    m[2]! *= best.flip; nn[2]! *= best.flip;
    const r1 = normalize(m), r2 = normalize(orthogonalize(nn, r1)), r3 = cross(r1, r2);
    rotations.push(mat3Multiply([...r1, ...r2, ...r3] as unknown as Mat3, RcT));
  }
  const st = shapeStats(best.shape, points);
  return { ok: true, shape: { shapeCm: best.shape, frames: F, rank3Residual, metricConditioning, rotations, ...st } };
}

function normalize(v: number[]): number[] { const n = Math.hypot(v[0]!, v[1]!, v[2]!); return v.map((x) => x / n); }
function orthogonalize(v: number[], u: number[]): number[] { const d = v[0]! * u[0]! + v[1]! * u[1]! + v[2]! * u[2]!; return v.map((x, i) => x - d * u[i]!); }
function cross(a: number[], b: number[]): number[] { return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!]; }

export function shapeStats(sh: ArrayLike<number>, points: readonly number[] = RIGID_FACE_POINTS): { noseDepthCm: number; eyeWidthCm: number } {
  const NOSE_TIP = points.indexOf(1);
  const EYE_CORNERS = [33, 133, 263, 362].map((m) => points.indexOf(m));
  const eyeZ = EYE_CORNERS.reduce((s, e) => s + sh[e * 3 + 2]!, 0) / 4;
  const eo = [points.indexOf(33), points.indexOf(263)];
  return { noseDepthCm: eyeZ - sh[NOSE_TIP * 3 + 2]!, eyeWidthCm: Math.hypot(sh[eo[0]! * 3]! - sh[eo[1]! * 3]!, sh[eo[0]! * 3 + 1]! - sh[eo[1]! * 3 + 1]!, sh[eo[0]! * 3 + 2]! - sh[eo[1]! * 3 + 2]!) };
}

/**
 * Weak-perspective 2-D fit: minimise sum |s (R X_i)_xy + t - u_i|^2 over R, s, t (Gauss-Newton, analytic Jacobian),
 * started from `start`. shape: P x 3 cm; obs: P x 2 px.
 */
export function fit2d(shape: ArrayLike<number>, obs: ArrayLike<number>, start: Mat3, iterations = 15): { rotation: Mat3; scale: number; rmsPx: number } {
  const n = obs.length / 2;
  // centre both (translation solved in closed form at the centroid)
  let ox = 0, oy = 0, cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) { ox += obs[i * 2]!; oy += obs[i * 2 + 1]!; cx += shape[i * 3]!; cy += shape[i * 3 + 1]!; cz += shape[i * 3 + 2]!; }
  ox /= n; oy /= n; cx /= n; cy /= n; cz /= n;
  const X = new Float64Array(n * 3), U = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) { X[i * 3] = shape[i * 3]! - cx; X[i * 3 + 1] = shape[i * 3 + 1]! - cy; X[i * 3 + 2] = shape[i * 3 + 2]! - cz; U[i * 2] = obs[i * 2]! - ox; U[i * 2 + 1] = obs[i * 2 + 1]! - oy; }
  let R = start;
  let s = 1;
  const rxy = (Rm: Mat3, i: number) => {
    const x = X[i * 3]!, y = X[i * 3 + 1]!, z = X[i * 3 + 2]!;
    return [Rm[0] * x + Rm[1] * y + Rm[2] * z, Rm[3] * x + Rm[4] * y + Rm[5] * z, Rm[6] * x + Rm[7] * y + Rm[8] * z] as const;
  };
  // initial scale by least squares
  { let num = 0, den = 0; for (let i = 0; i < n; i++) { const p = rxy(R, i); num += p[0] * U[i * 2]! + p[1] * U[i * 2 + 1]!; den += p[0] * p[0] + p[1] * p[1]; } s = num / den; }
  for (let it = 0; it < iterations; it++) {
    // params: w (3, left-multiplied), s
    const JtJ = new Float64Array(16), Jtr = new Float64Array(4);
    for (let i = 0; i < n; i++) {
      const p = rxy(R, i);
      const rx = s * p[0] - U[i * 2]!, ry = s * p[1] - U[i * 2 + 1]!;
      // d(w x p)/dw : x-row = (0, p2, -p1), y-row = (-p2, 0, p0)
      const jx = [0, s * p[2], -s * p[1], p[0]];
      const jy = [-s * p[2], 0, s * p[0], p[1]];
      for (let a = 0; a < 4; a++) {
        Jtr[a]! += jx[a]! * rx + jy[a]! * ry;
        for (let b = 0; b < 4; b++) JtJ[a * 4 + b]! += jx[a]! * jx[b]! + jy[a]! * jy[b]!;
      }
    }
    for (let a = 0; a < 4; a++) JtJ[a * 4 + a]! *= 1 + 1e-6;
    const dx = solve(Float64Array.from(JtJ), Jtr.map((v) => -v), 4);
    if (dx === null) break;
    R = mat3Multiply(expRot(dx[0]!, dx[1]!, dx[2]!), R);
    s += dx[3]!;
    if (Math.hypot(dx[0]!, dx[1]!, dx[2]!) < 1e-9) break;
  }
  let ss = 0;
  for (let i = 0; i < n; i++) { const p = rxy(R, i); ss += (s * p[0] - U[i * 2]!) ** 2 + (s * p[1] - U[i * 2 + 1]!) ** 2; }
  return { rotation: R, scale: s, rmsPx: Math.sqrt(ss / n) };
}

export interface PinholeCamera { readonly focalPx: number; readonly cxPx: number; readonly cyPx: number }

/**
 * Weak-perspective correction of one frame's observations for a pinhole camera (Christy & Horaud 1996, "Euclidean
 * shape and motion from multiple perspective views by affine iterations"): u' = c + (u - c)(1 + eps_i), with
 * eps_i = (R X_i)_z / T_z from the current pose (T_z = f / scale).
 */
export function perspectiveCorrect(shape: ArrayLike<number>, obs: ArrayLike<number>, rotation: Mat3, scalePxPerCm: number, cam: PinholeCamera): Float64Array {
  const n = obs.length / 2;
  let cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) { cx += shape[i * 3]!; cy += shape[i * 3 + 1]!; cz += shape[i * 3 + 2]!; }
  cx /= n; cy /= n; cz /= n;
  const tz = cam.focalPx / scalePxPerCm;
  const out = new Float64Array(n * 2);
  const R = rotation;
  for (let i = 0; i < n; i++) {
    const x = shape[i * 3]! - cx, y = shape[i * 3 + 1]! - cy, z = shape[i * 3 + 2]! - cz;
    const eps = (R[6] * x + R[7] * y + R[8] * z) / tz;
    out[i * 2] = cam.cxPx + (obs[i * 2]! - cam.cxPx) * (1 + eps);
    out[i * 2 + 1] = cam.cyPx + (obs[i * 2 + 1]! - cam.cyPx) * (1 + eps);
  }
  return out;
}

/** 2-D fit under a pinhole camera: weak-perspective fit iterated on corrected observations. */
export function fitPinhole(shape: ArrayLike<number>, obs: ArrayLike<number>, start: Mat3, cam: PinholeCamera, iterations = 3): { rotation: Mat3; scale: number; rmsPx: number } {
  let fit = fit2d(shape, obs, start);
  for (let k = 0; k < iterations; k++) fit = fit2d(shape, perspectiveCorrect(shape, obs, fit.rotation, fit.scale, cam), fit.rotation);
  return fit;
}

/** Factorisation, then (with a camera) affine iterations that remove perspective from the tracks. */
export function learnShape(tracks: readonly Float64Array[], points: readonly number[] = RIGID_FACE_POINTS, cam: PinholeCamera | null = null, iterations = 5): LearnResult {
  let res = factorise(tracks, points);
  if (cam === null) return res;
  for (let k = 0; k < iterations && res.ok; k++) {
    const sh = res.shape;
    const corrected = tracks.map((t, f) => {
      const fit = fit2d(sh.shapeCm, t, sh.rotations[f]!);
      return perspectiveCorrect(sh.shapeCm, t, fit.rotation, fit.scale, cam);
    });
    res = factorise(corrected, points);
  }
  return res;
}
