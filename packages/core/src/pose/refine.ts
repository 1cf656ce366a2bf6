/**
 * Refines a head fit with a pinhole camera model against the mesh's image coordinates, trusting the
 * model's depth (z) less.
 *
 * Why: the face-mesh model measures x and y from the picture, but z is the network's guess of depth
 * (a learned prior that is compressed for turned faces), and the closed-form fit assumes an orthographic
 * camera — at webcam distances (40–80 cm) perspective makes the near side of a turned face look larger,
 * which biases yaw by a few degrees. This step minimises over rotation R and position T (cm):
 *   Σ wᵢ ( ‖π(R·Xᵢ + T) − xyᵢ‖² + λ·(f/T_z · (R·Xᵢ)_z + c − zᵢ)² )
 * with π the pinhole projection (focal length f from an assumed field of view, principal point at the
 * image centre), λ = Z_WEIGHT < 1 and c a free depth offset (the mesh's z has no absolute origin).
 * Gauss–Newton with a forward-difference Jacobian, started from the closed-form solution.
 * ref: Hartley & Zisserman, "Multiple View Geometry", 2nd ed., §7 (camera resection) and §A6.2.
 * Known limit: the field of view is assumed (DEFAULT_HFOV_DEG), not calibrated; a 10° error in it moves
 * yaw at 30° by about 0.3° (checked in the tests).
 */
import type { Mat3 } from './euler.ts';
import { mat3Multiply } from './euler.ts';

/** Weight of the model's depth relative to the image coordinates. */
export const Z_WEIGHT = 0.1;
/** Horizontal field of view assumed for the camera: typical built-in and USB webcams span 55–70°. */
export const DEFAULT_HFOV_DEG = 60;
const ITERATIONS = 10;
const NPARAM = 7; // ωx, ωy, ωz, Tx, Ty, Tz, c

/** Rotation exp([ω]×) of a rotation vector ω (Rodrigues), rad. */
export function expRot(wx: number, wy: number, wz: number): Mat3 {
  const th = Math.hypot(wx, wy, wz);
  if (th < 1e-12) return [1, -wz, wy, wz, 1, -wx, -wy, wx, 1];
  const kx = wx / th, ky = wy / th, kz = wz / th;
  const c = Math.cos(th), s = Math.sin(th), v = 1 - c;
  return [
    c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
    ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
    kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v,
  ];
}

/** Solves A·x = b (n×n, Gaussian elimination with partial pivoting); null if singular. Overwrites A, b. */
export function solve(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]!) > Math.abs(A[piv * n + col]!)) piv = r;
    if (Math.abs(A[piv * n + col]!) < 1e-12) return null;
    if (piv !== col) {
      for (let k = 0; k < n; k++) { const t = A[col * n + k]!; A[col * n + k] = A[piv * n + k]!; A[piv * n + k] = t; }
      const t = b[col]!; b[col] = b[piv]!; b[piv] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col]! / A[col * n + col]!;
      for (let k = col; k < n; k++) A[r * n + k]! -= f * A[col * n + k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= A[r * n + k]! * x[k]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}

export interface CameraModel {
  readonly focalPx: number;
  readonly cxPx: number;
  readonly cyPx: number;
}

export function assumedCamera(imageWidthPx: number, imageHeightPx: number, hfovDeg = DEFAULT_HFOV_DEG): CameraModel {
  return { focalPx: imageWidthPx / 2 / Math.tan((hfovDeg * Math.PI) / 360), cxPx: imageWidthPx / 2, cyPx: imageHeightPx / 2 };
}

export interface PerspectiveFit {
  readonly rotation: Mat3;
  /** Canonical origin in camera coordinates, cm. */
  readonly positionCm: readonly [number, number, number];
  /** Image scale at the head's depth, px per cm (= f / T_z). */
  readonly pxPerCm: number;
  /** Where the canonical origin projects, px (z: the mesh-depth offset). */
  readonly originPx: readonly [number, number, number];
}

/**
 * @param model canonical points, cm (flattened xyz); @param observed mesh points, px (flattened xyz);
 * @param start closed-form (orthographic) fit: rotation, px-per-cm scale and translation in px.
 */
export function refinePerspective(
  model: ArrayLike<number>,
  observed: ArrayLike<number>,
  weights: ArrayLike<number>,
  start: { readonly rotation: Mat3; readonly scale: number; readonly translation: readonly [number, number, number] },
  camera: CameraModel,
): PerspectiveFit | null {
  const { focalPx: f, cxPx, cyPx } = camera;
  // Initial position: depth from the scale, x/y by back-projecting the orthographic origin.
  const tz0 = f / start.scale;
  let R = start.rotation;
  let p: number[] = [0, 0, 0, ((start.translation[0] - cxPx) * tz0) / f, ((start.translation[1] - cyPx) * tz0) / f, tz0, start.translation[2]];
  const n = weights.length;
  const lz = Math.sqrt(Z_WEIGHT);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (weights[i]! > 0) rows.push(i);

  const residuals = (Rb: Mat3, q: readonly number[], out: Float64Array) => {
    const Rq = mat3Multiply(expRot(q[0]!, q[1]!, q[2]!), Rb);
    const tx = q[3]!, ty = q[4]!, tz = q[5]!, c = q[6]!;
    const s = f / tz;
    let k = 0;
    for (const i of rows) {
      const w = Math.sqrt(weights[i]!);
      const X = model[i * 3]!, Y = model[i * 3 + 1]!, Z = model[i * 3 + 2]!;
      const px = Rq[0] * X + Rq[1] * Y + Rq[2] * Z;
      const py = Rq[3] * X + Rq[4] * Y + Rq[5] * Z;
      const pz = Rq[6] * X + Rq[7] * Y + Rq[8] * Z;
      const depth = pz + tz;
      out[k++] = w * (cxPx + (f * (px + tx)) / depth - observed[i * 3]!);
      out[k++] = w * (cyPx + (f * (py + ty)) / depth - observed[i * 3 + 1]!);
      out[k++] = w * lz * (s * pz + c - observed[i * 3 + 2]!);
    }
  };

  const m = rows.length * 3;
  const r0 = new Float64Array(m);
  const r1 = new Float64Array(m);
  const J = new Float64Array(m * NPARAM);
  const A = new Float64Array(NPARAM * NPARAM);
  const b = new Float64Array(NPARAM);
  const steps = [1e-6, 1e-6, 1e-6, 1e-4, 1e-4, 1e-3, 1e-3];
  for (let it = 0; it < ITERATIONS; it++) {
    residuals(R, p, r0);
    for (let a = 0; a < NPARAM; a++) {
      const q = [...p];
      q[a]! += steps[a]!;
      residuals(R, q, r1);
      for (let k = 0; k < m; k++) J[k * NPARAM + a] = (r1[k]! - r0[k]!) / steps[a]!;
    }
    A.fill(0);
    b.fill(0);
    for (let k = 0; k < m; k++) {
      for (let a = 0; a < NPARAM; a++) {
        const ja = J[k * NPARAM + a]!;
        b[a]! -= ja * r0[k]!;
        for (let c = a; c < NPARAM; c++) A[a * NPARAM + c]! += ja * J[k * NPARAM + c]!;
      }
    }
    for (let a = 0; a < NPARAM; a++) for (let c = 0; c < a; c++) A[a * NPARAM + c] = A[c * NPARAM + a]!;
    const dx = solve(A, b, NPARAM);
    if (dx === null || !dx.every(Number.isFinite)) return null;
    R = mat3Multiply(expRot(p[0]! + dx[0]!, p[1]! + dx[1]!, p[2]! + dx[2]!), R);
    p = [0, 0, 0, p[3]! + dx[3]!, p[4]! + dx[4]!, p[5]! + dx[5]!, p[6]! + dx[6]!];
    if (!(p[5]! > 1)) return null;
    if (Math.hypot(dx[0]!, dx[1]!, dx[2]!) < 1e-8) break;
  }
  const tz = p[5]!;
  return {
    rotation: R,
    positionCm: [p[3]!, p[4]!, tz],
    pxPerCm: f / tz,
    originPx: [cxPx + (f * p[3]!) / tz, cyPx + (f * p[4]!) / tz, p[6]!],
  };
}
