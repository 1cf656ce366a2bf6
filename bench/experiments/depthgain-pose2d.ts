/**
 * Experiment (issue 13, session 10, depthgain; not in core: it did not help, BENCHMARKS.md "(session 10, depthgain)").
 * Weak-perspective pose of a rigid 3-D model from the image x, y of its points (no use of the mesh's guessed depth), and
 * the canonical face with its depth scaled (depthgain-learner.ts learns the scale; depthgain-whatif.patch applies it in headFit.ts).
 * ref: Hartley & Zisserman, "Multiple View Geometry", 2nd ed., §6.3.4 (affine / weak-perspective camera) and §A6.2
 * (Gauss–Newton).
 */
import { type Mat3, mat3Multiply } from '../../packages/core/src/pose/euler.ts';
import { FACE_MESH_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { expRot } from '../../packages/core/src/pose/refine.ts';

/** Gauss–Newton iterations of the 2-D pose fit (it converges in 3–5 from the closed-form start). */
const POSE_ITERATIONS = 10;

export interface Pose2d {
  /** Model → camera rotation (row-major). */
  readonly rotation: Mat3;
  /** Image px per model unit. */
  readonly scale: number;
  /** Image position of the model origin, px. */
  readonly translation: readonly [number, number];
  /** Weighted sum of squared image residuals divided by scale² (model units², i.e. cm² for the canonical face). */
  readonly sseModel: number;
}

/** Symmetric positive 6×6 solve (Cholesky); null when not positive definite. */
function solve6(A: Float64Array, b: Float64Array): Float64Array | null {
  const n = 6;
  const L = new Float64Array(36);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-18)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/**
 * Weak-perspective pose of a 3-D model from the image x, y of its points: minimises Σ wᵢ ‖s·(R·Xᵢ)₍ₓᵧ₎ + t − xyᵢ‖² over
 * R, s, t by Gauss–Newton (analytic Jacobian, rotation updated multiplicatively), from `start`. The observed z (the
 * model's guess of depth) is not used. Null on non-finite input or a degenerate system.
 */
export function fitPose2d(
  model: ArrayLike<number>,
  observed: ArrayLike<number>,
  weights: ArrayLike<number>,
  start: { readonly rotation: Mat3; readonly scale: number; readonly translation: readonly [number, number] | readonly [number, number, number] },
): Pose2d | null {
  const n = weights.length;
  if (model.length !== n * 3 || observed.length !== n * 3) return null;
  let R = start.rotation;
  let s = start.scale;
  let tx = start.translation[0], ty = start.translation[1];
  if (![s, tx, ty].every(Number.isFinite) || !(s > 0)) return null;
  const A = new Float64Array(36);
  const g = new Float64Array(6);
  let sse = Infinity;
  let converged = false;
  for (let it = 0; it <= POSE_ITERATIONS; it++) {
    A.fill(0);
    g.fill(0);
    let e = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w > 0)) continue;
      const X = model[i * 3]!, Y = model[i * 3 + 1]!, Z = model[i * 3 + 2]!;
      const px = R[0] * X + R[1] * Y + R[2] * Z;
      const py = R[3] * X + R[4] * Y + R[5] * Z;
      const pz = R[6] * X + R[7] * Y + R[8] * Z;
      const rx = s * px + tx - observed[i * 3]!;
      const ry = s * py + ty - observed[i * 3 + 1]!;
      e += w * (rx * rx + ry * ry);
      // d(R·X)/dω = ω × p: x row (0, s·pz, −s·py), y row (−s·pz, 0, s·px); then ds, dtx, dty.
      const jx = [0, s * pz, -s * py, px, 1, 0];
      const jy = [-s * pz, 0, s * px, py, 0, 1];
      for (let a = 0; a < 6; a++) {
        g[a]! -= w * (jx[a]! * rx + jy[a]! * ry);
        for (let c = 0; c <= a; c++) A[a * 6 + c]! += w * (jx[a]! * jx[c]! + jy[a]! * jy[c]!);
      }
    }
    if (!Number.isFinite(e)) return null;
    sse = e;
    if (it === POSE_ITERATIONS || converged) break;
    for (let a = 0; a < 6; a++) for (let c = a + 1; c < 6; c++) A[a * 6 + c] = A[c * 6 + a]!;
    const d = solve6(A, g);
    if (d === null || !d.every(Number.isFinite)) return null;
    R = mat3Multiply(expRot(d[0]!, d[1]!, d[2]!), R);
    s += d[3]!;
    tx += d[4]!;
    ty += d[5]!;
    if (!(s > 0)) return null;
    // Converged: one more pass for the residual at the final pose.
    converged = Math.hypot(d[0]!, d[1]!, d[2]!) < 1e-9 && Math.abs(d[3]!) < 1e-9 * s;
  }
  return { rotation: R, scale: s, translation: [tx, ty], sseModel: sse / (s * s) };
}

/** Weights of the head fit: rigid points 1, the rest 0.15 (headFit.ts uses the same). */
export const WEIGHT_RIGID = 1;
export const WEIGHT_OTHER = 0.15;

export function fitWeights(rigid: readonly number[]): Float64Array {
  const w = new Float64Array(FACE_MESH_POINTS).fill(WEIGHT_OTHER);
  for (const i of rigid) w[i] = WEIGHT_RIGID;
  return w;
}

/**
 * The canonical face with its depth (z) scaled by k about the weighted centroid of its points (the face surface stays in
 * place; a plain shift along z would only move the 2-D fit's translation).
 */
export function depthScaledModel(model: ArrayLike<number>, weights: ArrayLike<number>, k: number): Float64Array {
  const n = weights.length;
  let wz = 0, w = 0;
  for (let i = 0; i < n; i++) { wz += weights[i]! * model[i * 3 + 2]!; w += weights[i]!; }
  const cz = w > 0 ? wz / w : 0;
  const out = Float64Array.from(model);
  for (let i = 0; i < n; i++) out[i * 3 + 2] = cz + k * (model[i * 3 + 2]! - cz);
  return out;
}
