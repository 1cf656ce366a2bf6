/**
 * Weighted similarity alignment of two 3-D point sets: find scale s, rotation R and translation t that
 * minimise Σ wᵢ ‖s·R·aᵢ + t − bᵢ‖².
 *
 * ref: Horn B.K.P. "Closed-form solution of absolute orientation using unit quaternions",
 *      J. Opt. Soc. Am. A 4(4), 1987 — the rotation is the eigenvector of the largest eigenvalue of a
 *      symmetric 4×4 matrix built from the cross-covariance; scale by the symmetric formula of §2.D.
 * The eigenvector is found with cyclic Jacobi rotations (deterministic, no allocation per iteration).
 *
 * Bad input: fewer than 3 usable points, non-finite coordinates, or a degenerate (collinear) set give
 * `null`, never a made-up rotation.
 */
import type { Mat3 } from './euler.ts';

export interface Similarity {
  /** Scale from units of `a` to units of `b`. */
  readonly scale: number;
  /** Rotation applied to `a` (row-major). */
  readonly rotation: Mat3;
  /** Translation in units of `b`. */
  readonly translation: readonly [number, number, number];
  /** Weighted root-mean-square residual, in units of `a` (i.e. divided by scale). */
  readonly rmsResidualA: number;
}

/** Flattened xyz arrays of equal length; weights per point (≥ 0). */
export function alignSimilarity(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  weights: ArrayLike<number>,
): Similarity | null {
  const n = weights.length;
  if (a.length !== n * 3 || b.length !== n * 3) return null;
  let wSum = 0;
  let ca0 = 0, ca1 = 0, ca2 = 0, cb0 = 0, cb1 = 0, cb2 = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const ax = a[i * 3]!, ay = a[i * 3 + 1]!, az = a[i * 3 + 2]!;
    const bx = b[i * 3]!, by = b[i * 3 + 1]!, bz = b[i * 3 + 2]!;
    if (![ax, ay, az, bx, by, bz].every(Number.isFinite)) return null;
    wSum += w;
    used++;
    ca0 += w * ax; ca1 += w * ay; ca2 += w * az;
    cb0 += w * bx; cb1 += w * by; cb2 += w * bz;
  }
  if (used < 3 || wSum <= 0) return null;
  ca0 /= wSum; ca1 /= wSum; ca2 /= wSum;
  cb0 /= wSum; cb1 /= wSum; cb2 /= wSum;

  // Cross-covariance S = Σ w (a-ca)(b-cb)^T and the spreads.
  let sxx = 0, sxy = 0, sxz = 0, syx = 0, syy = 0, syz = 0, szx = 0, szy = 0, szz = 0;
  let spreadA = 0, spreadB = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const ax = a[i * 3]! - ca0, ay = a[i * 3 + 1]! - ca1, az = a[i * 3 + 2]! - ca2;
    const bx = b[i * 3]! - cb0, by = b[i * 3 + 1]! - cb1, bz = b[i * 3 + 2]! - cb2;
    sxx += w * ax * bx; sxy += w * ax * by; sxz += w * ax * bz;
    syx += w * ay * bx; syy += w * ay * by; syz += w * ay * bz;
    szx += w * az * bx; szy += w * az * by; szz += w * az * bz;
    spreadA += w * (ax * ax + ay * ay + az * az);
    spreadB += w * (bx * bx + by * by + bz * bz);
  }
  if (!(spreadA > 1e-12) || !(spreadB > 1e-12)) return null;

  // Horn's symmetric 4×4 matrix N (row-major).
  const N = [
    sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
    syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
    szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
    sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
  ];
  const q = largestEigenvector4(N);
  if (q === null) return null;
  const [q0, q1, q2, q3] = q;
  const rotation: Mat3 = [
    q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3, 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
    2 * (q2 * q1 + q0 * q3), q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3, 2 * (q2 * q3 - q0 * q1),
    2 * (q3 * q1 - q0 * q2), 2 * (q3 * q2 + q0 * q1), q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3,
  ];
  // Least-squares scale given R: s = Σ w (b'·R a') / Σ w |a'|².
  let dot = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const ax = a[i * 3]! - ca0, ay = a[i * 3 + 1]! - ca1, az = a[i * 3 + 2]! - ca2;
    const bx = b[i * 3]! - cb0, by = b[i * 3 + 1]! - cb1, bz = b[i * 3 + 2]! - cb2;
    const rx = rotation[0] * ax + rotation[1] * ay + rotation[2] * az;
    const ry = rotation[3] * ax + rotation[4] * ay + rotation[5] * az;
    const rz = rotation[6] * ax + rotation[7] * ay + rotation[8] * az;
    dot += w * (bx * rx + by * ry + bz * rz);
  }
  const scale = dot / spreadA;
  if (!(scale > 0)) return null;
  const translation: [number, number, number] = [
    cb0 - scale * (rotation[0] * ca0 + rotation[1] * ca1 + rotation[2] * ca2),
    cb1 - scale * (rotation[3] * ca0 + rotation[4] * ca1 + rotation[5] * ca2),
    cb2 - scale * (rotation[6] * ca0 + rotation[7] * ca1 + rotation[8] * ca2),
  ];
  // Residual: Σw|b'|² − 2 s Σ w b'·Ra' + s² Σw|a'|² = spreadB − s·dot.
  const sse = Math.max(0, spreadB - scale * dot);
  const rmsResidualA = Math.sqrt(sse / wSum) / scale;
  return { scale, rotation, translation, rmsResidualA };
}

/** Eigenvector of the largest eigenvalue of a symmetric 4×4 matrix (row-major), unit length, q0 ≥ 0. */
export function largestEigenvector4(m: readonly number[]): [number, number, number, number] | null {
  const a = m.slice(0, 16);
  const v = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let q = p + 1; q < 4; q++) off += a[p * 4 + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < 4; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[p * 4 + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * 4 + p]!, aqq = a[q * 4 + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = a[k * 4 + p]!, akq = a[k * 4 + q]!;
          a[k * 4 + p] = c * akp - s * akq;
          a[k * 4 + q] = s * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[p * 4 + k]!, aqk = a[q * 4 + k]!;
          a[p * 4 + k] = c * apk - s * aqk;
          a[q * 4 + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[k * 4 + p]!, vkq = v[k * 4 + q]!;
          v[k * 4 + p] = c * vkp - s * vkq;
          v[k * 4 + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < 4; i++) if (a[i * 4 + i]! > a[best * 4 + best]!) best = i;
  let q: [number, number, number, number] = [v[best]!, v[4 + best]!, v[8 + best]!, v[12 + best]!];
  const norm = Math.hypot(...q);
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  q = q.map((x) => x / norm) as [number, number, number, number];
  if (q[0] < 0) q = q.map((x) => -x) as [number, number, number, number];
  return q;
}
