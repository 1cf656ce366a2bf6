// Rigid structure from motion with missing points (issue 13, session 11 "klt2"): tracks of P points over F frames
// where a point may be unseen in some frames (lost at the far side of a turn, found again on the way back). Three
// steps: (1) affine rank-3 factorisation by alternating least squares on the observed entries only, started from the
// points seen in every frame (Tomasi-Kanade on those); (2) the metric upgrade of the motion rows (scaled orthography:
// |m| = |n|, m.n = 0 per frame), both depth flips; (3) pinhole bundle adjustment by resection-intersection (per frame
// the pose by Gauss-Newton on the observed points' reprojection error, per point its 3-D position by linear least
// squares over the frames that see it). Pure math: no Node, no DOM.
// ref: Tomasi C., Kanade T., IJCV 9(2) 1992 (factorisation, metric constraints); Buchanan A.M., Fitzgibbon A.W.,
//      "Damped Newton algorithms for matrix factorization with missing data", CVPR 2005 (ALS on observed entries and
//      its slow convergence); Hartley R., Zisserman A., "Multiple View Geometry", 2nd ed., ch. 18 (resection-
//      intersection bundle adjustment).
import { type Mat3, mat3Multiply, mat3Transpose } from '../../packages/core/src/pose/euler.ts';
import { expRot, solve } from '../../packages/core/src/pose/refine.ts';
import { metricEigen, symEig, type PinholeCamera } from './sfm-lib.ts';

/** Observations: uv[(f * P + p) * 2 + {0,1}], px; NaN = point p not seen in frame f. */
export interface Observations { readonly F: number; readonly P: number; readonly uv: Float64Array }

export const seen = (o: Observations, f: number, p: number): boolean => !Number.isNaN(o.uv[(f * o.P + p) * 2]!);

export interface AffineFactors {
  /** 2F x 3 motion rows (x row, y row per frame). */
  readonly M: Float64Array;
  /** P x 3 affine shape. */
  readonly S: Float64Array;
  /** 2F translation. */
  readonly t: Float64Array;
  readonly rmsPx: number;
}

/** Points seen in every frame. */
export function completePoints(o: Observations): number[] {
  const out: number[] = [];
  for (let p = 0; p < o.P; p++) { let all = true; for (let f = 0; f < o.F && all; f++) all = seen(o, f, p); if (all) out.push(p); }
  return out;
}

/**
 * Affine rank-3 factorisation W ~ M S^T + t 1^T over the observed entries (alternating least squares), started from the
 * Tomasi-Kanade factorisation of the points seen in every frame (at least 6).
 */
export function affineAls(o: Observations, iterations = 60): AffineFactors | null {
  const { F, P, uv } = o;
  const full = completePoints(o);
  if (full.length < 6) return null;
  // Initial motion: eigen-decomposition of the complete block (centred per row).
  const n = full.length;
  const W = new Float64Array(2 * F * n);
  const t = new Float64Array(2 * F);
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < 2; c++) {
      let m = 0;
      for (const p of full) m += uv[(f * P + p) * 2 + c]!;
      m /= n;
      t[2 * f + c] = m;
      full.forEach((p, k) => { W[(2 * f + c) * n + k] = uv[(f * P + p) * 2 + c]! - m; });
    }
  }
  const C = new Float64Array(n * n);
  for (let r = 0; r < 2 * F; r++) for (let i = 0; i < n; i++) { const wi = W[r * n + i]!; if (wi !== 0) for (let j = 0; j < n; j++) C[i * n + j]! += wi * W[r * n + j]!; }
  const { values, vectors } = symEig(C, n);
  const M = new Float64Array(2 * F * 3);
  for (let r = 0; r < 2 * F; r++) for (let k = 0; k < 3; k++) { let s = 0; for (let i = 0; i < n; i++) s += W[r * n + i]! * vectors[i * n + k]!; M[r * 3 + k] = s / Math.sqrt(values[k]!); }
  const S = new Float64Array(P * 3);
  const solvePoints = () => {
    for (let p = 0; p < P; p++) {
      const A = new Float64Array(9), b = new Float64Array(3);
      let rows = 0;
      for (let f = 0; f < F; f++) {
        if (!seen(o, f, p)) continue;
        for (let c = 0; c < 2; c++) {
          const r = 2 * f + c, y = uv[(f * P + p) * 2 + c]! - t[r]!;
          for (let i = 0; i < 3; i++) { b[i]! += M[r * 3 + i]! * y; for (let j = 0; j < 3; j++) A[i * 3 + j]! += M[r * 3 + i]! * M[r * 3 + j]!; }
          rows++;
        }
      }
      const x = rows >= 4 ? solve(A, b, 3) : null;
      for (let i = 0; i < 3; i++) S[p * 3 + i] = x ? x[i]! : NaN;
    }
  };
  const solveFrames = () => {
    for (let f = 0; f < F; f++) {
      for (let c = 0; c < 2; c++) {
        const r = 2 * f + c;
        const A = new Float64Array(16), b = new Float64Array(4);
        for (let p = 0; p < P; p++) {
          if (!seen(o, f, p) || Number.isNaN(S[p * 3]!)) continue;
          const a = [S[p * 3]!, S[p * 3 + 1]!, S[p * 3 + 2]!, 1];
          const y = uv[(f * P + p) * 2 + c]!;
          for (let i = 0; i < 4; i++) { b[i]! += a[i]! * y; for (let j = 0; j < 4; j++) A[i * 4 + j]! += a[i]! * a[j]!; }
        }
        const x = solve(A, b, 4);
        if (x) { for (let i = 0; i < 3; i++) M[r * 3 + i] = x[i]!; t[r] = x[3]!; }
      }
    }
  };
  solvePoints();
  for (let it = 0; it < iterations; it++) { solveFrames(); solvePoints(); }
  let ss = 0, cnt = 0;
  for (let f = 0; f < F; f++) for (let p = 0; p < P; p++) {
    if (!seen(o, f, p) || Number.isNaN(S[p * 3]!)) continue;
    for (let c = 0; c < 2; c++) { const r = 2 * f + c; const pr = M[r * 3]! * S[p * 3]! + M[r * 3 + 1]! * S[p * 3 + 1]! + M[r * 3 + 2]! * S[p * 3 + 2]! + t[r]!; ss += (pr - uv[(f * P + p) * 2 + c]!) ** 2; cnt++; }
  }
  return { M, S, t, rmsPx: Math.sqrt(ss / (cnt || 1)) };
}

export interface MetricResult {
  /** Per frame rotation object -> camera, for each depth flip [+1, -1]. */
  readonly rotations: [Mat3[], Mat3[]];
  /** Per frame scale (px per shape unit). */
  readonly scales: Float64Array;
  /** P x 3 metric shape for each flip. */
  readonly shapes: [Float64Array, Float64Array];
  /** Smallest / second smallest eigenvalue of the metric system (small: well determined). */
  readonly metricConditioning: number;
}

/** Metric upgrade of affine motion rows (scaled orthography), both depth flips. */
export function metricUpgrade(a: AffineFactors, F: number): MetricResult | { reason: string } {
  const M0 = a.M;
  const up = metricEigen(M0, F);
  if ('reason' in up) return up;
  const { le, metricConditioning } = up;
  const Q = new Float64Array(9);
  for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) Q[j * 3 + k] = le.vectors[j * 3 + k]! * Math.sqrt(le.values[k]!);
  const P = a.S.length / 3;
  const base = new Float64Array(P * 3);
  for (let p = 0; p < P; p++) for (let k = 0; k < 3; k++) { let s = 0; for (let j = 0; j < 3; j++) s += le.vectors[j * 3 + k]! * a.S[p * 3 + j]!; base[p * 3 + k] = s / Math.sqrt(le.values[k]!); }
  const scales = new Float64Array(F);
  const rots: Mat3[][] = [[], []];
  const shapes: [Float64Array, Float64Array] = [Float64Array.from(base), Float64Array.from(base)];
  for (let p = 0; p < P; p++) shapes[1][p * 3 + 2]! *= -1;
  for (let f = 0; f < F; f++) {
    const m = [0, 1, 2].map((k) => M0[6 * f]! * Q[k]! + M0[6 * f + 1]! * Q[3 + k]! + M0[6 * f + 2]! * Q[6 + k]!);
    const nn = [0, 1, 2].map((k) => M0[6 * f + 3]! * Q[k]! + M0[6 * f + 4]! * Q[3 + k]! + M0[6 * f + 5]! * Q[6 + k]!);
    scales[f] = (Math.hypot(m[0]!, m[1]!, m[2]!) + Math.hypot(nn[0]!, nn[1]!, nn[2]!)) / 2;
    [1, -1].forEach((flip, k) => {
      const mf = [m[0]!, m[1]!, m[2]! * flip], nf = [nn[0]!, nn[1]!, nn[2]! * flip];
      const r1 = normalize(mf), r2 = normalize(orthogonalize(nf, r1)), r3 = cross(r1, r2);
      rots[k]!.push([...r1, ...r2, ...r3] as unknown as Mat3);
    });
  }
  return { rotations: rots as [Mat3[], Mat3[]], scales, shapes, metricConditioning };
}

export interface Pose { R: Mat3; T: [number, number, number] }
export interface BundleResult {
  readonly shape: Float64Array;
  readonly poses: Pose[];
  readonly rmsPx: number;
  /** Per point RMS reprojection error over the frames that see it, px. */
  readonly pointRmsPx: Float64Array;
}

function project(R: Mat3, T: readonly number[], X: ArrayLike<number>, i: number, cam: PinholeCamera): [number, number, number, number, number] {
  const x = X[i * 3]!, y = X[i * 3 + 1]!, z = X[i * 3 + 2]!;
  const qx = R[0] * x + R[1] * y + R[2] * z, qy = R[3] * x + R[4] * y + R[5] * z, qz = R[6] * x + R[7] * y + R[8] * z;
  const px = qx + T[0]!, py = qy + T[1]!, pz = qz + T[2]!;
  return [cam.cxPx + (cam.focalPx * px) / pz, cam.cyPx + (cam.focalPx * py) / pz, qx, qy, qz];
}

/** Pose of one frame (Gauss-Newton on the pinhole reprojection error of the points it sees). */
export function resect(X: Float64Array, o: Observations, f: number, start: Pose, cam: PinholeCamera, iterations = 8): Pose {
  let { R } = start;
  const T = [...start.T] as [number, number, number];
  for (let it = 0; it < iterations; it++) {
    const JtJ = new Float64Array(36), Jtr = new Float64Array(6);
    for (let p = 0; p < o.P; p++) {
      if (!seen(o, f, p) || Number.isNaN(X[p * 3]!)) continue;
      const [u, v, qx, qy, qz] = project(R, T, X, p, cam);
      const pz = qz + T[2], px = qx + T[0], py = qy + T[1];
      const ru = u - o.uv[(f * o.P + p) * 2]!, rv = v - o.uv[(f * o.P + p) * 2 + 1]!;
      // d(u,v)/d(p): f/pz [1 0 -px/pz ; 0 1 -py/pz]; dp/dw = -[q]x ; dp/dT = I
      const a = cam.focalPx / pz;
      const du = [a, 0, -a * px / pz], dv = [0, a, -a * py / pz];
      // -[q]x columns: d(w x q)/dw = [[0, qz, -qy], [-qz, 0, qx], [qy, -qx, 0]]
      const dq = [[0, qz, -qy], [-qz, 0, qx], [qy, -qx, 0]];
      const ju = new Array<number>(6), jv = new Array<number>(6);
      for (let k = 0; k < 3; k++) {
        ju[k] = du[0]! * dq[0]![k]! + du[1]! * dq[1]![k]! + du[2]! * dq[2]![k]!;
        jv[k] = dv[0]! * dq[0]![k]! + dv[1]! * dq[1]![k]! + dv[2]! * dq[2]![k]!;
        ju[3 + k] = du[k]!; jv[3 + k] = dv[k]!;
      }
      for (let i = 0; i < 6; i++) { Jtr[i]! += ju[i]! * ru + jv[i]! * rv; for (let j = 0; j < 6; j++) JtJ[i * 6 + j]! += ju[i]! * ju[j]! + jv[i]! * jv[j]!; }
    }
    for (let i = 0; i < 6; i++) JtJ[i * 6 + i]! *= 1 + 1e-6;
    const dx = solve(JtJ, Jtr.map((v) => -v), 6);
    if (dx === null) break;
    R = mat3Multiply(expRot(dx[0]!, dx[1]!, dx[2]!), R);
    T[0] += dx[3]!; T[1] += dx[4]!; T[2] += dx[5]!;
    if (Math.hypot(dx[0]!, dx[1]!, dx[2]!) < 1e-10) break;
  }
  return { R, T };
}

/** 3-D position of every point from the frames that see it (linear least squares, pinhole). */
export function intersect(poses: readonly Pose[], o: Observations, cam: PinholeCamera, active: (p: number) => boolean): Float64Array {
  const X = new Float64Array(o.P * 3).fill(NaN);
  for (let p = 0; p < o.P; p++) {
    if (!active(p)) continue;
    const A = new Float64Array(9), b = new Float64Array(3);
    let rows = 0;
    for (let f = 0; f < o.F; f++) {
      if (!seen(o, f, p)) continue;
      const { R, T } = poses[f]!;
      const u = (o.uv[(f * o.P + p) * 2]! - cam.cxPx) / cam.focalPx, v = (o.uv[(f * o.P + p) * 2 + 1]! - cam.cyPx) / cam.focalPx;
      // u (r3.X + Tz) = r1.X + Tx  ->  (r1 - u r3).X = u Tz - Tx
      for (const [c, r] of [[u, 0], [v, 3]] as const) {
        const a = [R[r]! - c * R[6], R[r + 1]! - c * R[7], R[r + 2]! - c * R[8]];
        const y = c * T[2] - T[r / 3]!;
        for (let i = 0; i < 3; i++) { b[i]! += a[i]! * y; for (let j = 0; j < 3; j++) A[i * 3 + j]! += a[i]! * a[j]!; }
        rows++;
      }
    }
    const x = rows >= 4 ? solve(A, b, 3) : null;
    if (x) for (let i = 0; i < 3; i++) X[p * 3 + i] = x[i]!;
  }
  return X;
}

function reprojection(X: Float64Array, poses: readonly Pose[], o: Observations, cam: PinholeCamera): { rms: number; perPoint: Float64Array } {
  const acc = new Float64Array(o.P), cnt = new Float64Array(o.P);
  let ss = 0, n = 0;
  for (let f = 0; f < o.F; f++) for (let p = 0; p < o.P; p++) {
    if (!seen(o, f, p) || Number.isNaN(X[p * 3]!)) continue;
    const [u, v] = project(poses[f]!.R, poses[f]!.T, X, p, cam);
    const e = (u - o.uv[(f * o.P + p) * 2]!) ** 2 + (v - o.uv[(f * o.P + p) * 2 + 1]!) ** 2;
    acc[p]! += e; cnt[p]!++; ss += e; n++;
  }
  return { rms: Math.sqrt(ss / (n || 1)), perPoint: acc.map((s, p) => (cnt[p]! ? Math.sqrt(s / cnt[p]!) : NaN)) };
}

/**
 * Pinhole bundle adjustment by resection-intersection from a metric start (shape, rotations, scales, the per-frame
 * image centroid of the affine translation). Gauge: shape centred, its RMS radius 1.
 */
export function bundleAdjust(o: Observations, shape0: Float64Array, rotations: readonly Mat3[], scales: Float64Array, t: Float64Array, cam: PinholeCamera, rounds = 30, active: (p: number) => boolean = () => true): BundleResult {
  let X = normaliseShape(shape0);
  const k = X.k;
  let shape = X.shape;
  let poses: Pose[] = rotations.map((R, f) => {
    const s = scales[f]! / k; // px per unit of the normalised shape
    const tz = cam.focalPx / s;
    return { R, T: [((t[2 * f]! - cam.cxPx) * tz) / cam.focalPx, ((t[2 * f + 1]! - cam.cyPx) * tz) / cam.focalPx, tz] };
  });
  for (let r = 0; r < rounds; r++) {
    poses = poses.map((p, f) => resect(shape, o, f, p, cam));
    const Xn = intersect(poses, o, cam, active);
    // re-gauge: centre and unit RMS radius, the poses follow
    X = normaliseShape(Xn);
    shape = X.shape;
    poses = poses.map(({ R, T }) => {
      const c = X.centre;
      const Rc = [R[0] * c[0] + R[1] * c[1] + R[2] * c[2], R[3] * c[0] + R[4] * c[1] + R[5] * c[2], R[6] * c[0] + R[7] * c[1] + R[8] * c[2]];
      return { R, T: [(T[0] + Rc[0]!) * X.k, (T[1] + Rc[1]!) * X.k, (T[2] + Rc[2]!) * X.k] as [number, number, number] };
    });
  }
  const rep = reprojection(shape, poses, o, cam);
  return { shape, poses, rmsPx: rep.rms, pointRmsPx: rep.perPoint };
}

function normaliseShape(X: Float64Array): { shape: Float64Array; centre: [number, number, number]; k: number } {
  const P = X.length / 3;
  const c: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < P; p++) { if (Number.isNaN(X[p * 3]!)) continue; for (let i = 0; i < 3; i++) c[i]! += X[p * 3 + i]!; n++; }
  for (let i = 0; i < 3; i++) c[i]! /= n || 1;
  let ss = 0;
  for (let p = 0; p < P; p++) { if (Number.isNaN(X[p * 3]!)) continue; for (let i = 0; i < 3; i++) ss += (X[p * 3 + i]! - c[i]!) ** 2; }
  const k = 1 / Math.sqrt(ss / (n || 1));
  const shape = new Float64Array(P * 3);
  for (let p = 0; p < P; p++) for (let i = 0; i < 3; i++) shape[p * 3 + i] = (X[p * 3 + i]! - c[i]!) * k;
  return { shape, centre: c, k };
}

export interface MissingSfm {
  readonly flip: 1 | -1;
  readonly bundle: BundleResult;
  readonly affineRmsPx: number;
  readonly metricConditioning: number;
  /** Points kept after the outlier rounds. */
  readonly kept: number[];
  /** Reprojection RMS of the other flip's bundle, px (how much the perspective itself tells the flip). */
  readonly otherFlipRmsPx: number;
}

/**
 * The whole chain: affine ALS, metric upgrade, both flips bundle-adjusted, the flip chosen by `flipScore` (higher is
 * better: e.g. the correlation of the yaw with a reference reading's sign of motion); then points whose reprojection
 * RMS exceeds max(minPx, 3 x median) are dropped, up to 2 rounds.
 */
export function missingSfm(o: Observations, cam: PinholeCamera, flipScore: (poses: readonly Pose[]) => number, minPx = 1.5, rounds = 30): MissingSfm | { reason: string } {
  let active = new Set([...Array(o.P).keys()]);
  let last: MissingSfm | { reason: string } = { reason: 'no round' };
  for (let drop = 0; drop < 3; drop++) {
    const sub: Observations = { F: o.F, P: o.P, uv: o.uv.map((v, i) => (active.has(Math.floor(i / 2) % o.P) ? v : NaN)) };
    const aff = affineAls(sub);
    if (aff === null) return { reason: `fewer than 6 points seen in every frame (${completePoints(sub).length})` };
    const met = metricUpgrade(aff, o.F);
    if ('reason' in met) return met;
    const cands = ([0, 1] as const).map((k) => bundleAdjust(sub, met.shapes[k], met.rotations[k], met.scales, aff.t, cam, rounds, (p) => active.has(p)));
    const scores = cands.map((b) => flipScore(b.poses));
    const k = scores[0]! >= scores[1]! ? 0 : 1;
    const best = cands[k]!;
    last = { flip: k === 0 ? 1 : -1, bundle: best, affineRmsPx: aff.rmsPx, metricConditioning: met.metricConditioning, kept: [...active], otherFlipRmsPx: cands[1 - k]!.rmsPx };
    const errs = [...active].map((p) => best.pointRmsPx[p]!).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const lim = Math.max(minPx, 3 * errs[Math.floor(errs.length / 2)]!);
    const next = new Set([...active].filter((p) => best.pointRmsPx[p]! <= lim));
    if (next.size === active.size || drop === 2) break;
    active = next;
  }
  return last;
}

/** Rotation R R0^T (camera frame) read as yaw (about the camera's vertical axis) and pitch (about its horizontal axis), deg. */
export function relativeYawPitchDeg(R: Mat3, R0: Mat3): { yawDeg: number; pitchDeg: number } {
  const rel = mat3Multiply(R, mat3Transpose(R0));
  return { yawDeg: (Math.atan2(rel[2], rel[8]) * 180) / Math.PI, pitchDeg: (Math.atan2(-rel[5], rel[4]) * 180) / Math.PI };
}

function normalize(v: number[]): number[] { const n = Math.hypot(v[0]!, v[1]!, v[2]!); return v.map((x) => x / n); }
function orthogonalize(v: number[], u: number[]): number[] { const d = v[0]! * u[0]! + v[1]! * u[1]! + v[2]! * u[2]!; return v.map((x, i) => x - d * u[i]!); }
function cross(a: number[], b: number[]): number[] { return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!]; }
