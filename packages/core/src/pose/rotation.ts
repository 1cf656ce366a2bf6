/**
 * Rotation helpers: matrix ↔ unit quaternion and the mean of several rotations.
 * ref: Shepperd S.W. "Quaternion from rotation matrix", J. Guidance and Control 1(3), 1978 (branch on the
 * largest diagonal term); Markley F.L. et al. "Averaging quaternions", J. Guid. Control Dyn. 30(4), 2007
 * (for rotations this close together the sign-aligned normalised sum equals the eigenvector method to
 * well under 0.01°).
 */
import type { Mat3 } from './euler.ts';

export type Quat = readonly [number, number, number, number];

export function quatFromMatrix(m: Mat3): Quat {
  const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = m;
  const tr = m00 + m11 + m22;
  let q: [number, number, number, number];
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    q = [0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    q = [(m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s];
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    q = [(m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s];
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    q = [(m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s];
  }
  const n = Math.hypot(...q);
  const sign = q[0] < 0 ? -1 : 1;
  return q.map((x) => (sign * x) / n) as unknown as Quat;
}

export function matrixFromQuat(q: Quat): Mat3 {
  const [w, x, y, z] = q;
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  ];
}

/** Mean rotation of a non-empty list; `null` for an empty list. */
export function meanRotation(ms: readonly Mat3[]): Mat3 | null {
  if (ms.length === 0) return null;
  const ref = quatFromMatrix(ms[0]!);
  const acc = [0, 0, 0, 0];
  for (const m of ms) {
    const q = quatFromMatrix(m);
    const dot = q[0] * ref[0] + q[1] * ref[1] + q[2] * ref[2] + q[3] * ref[3];
    const s = dot < 0 ? -1 : 1;
    for (let k = 0; k < 4; k++) acc[k]! += s * q[k]!;
  }
  const n = Math.hypot(...acc);
  if (!(n > 0)) return null;
  return matrixFromQuat(acc.map((x) => x / n) as unknown as Quat);
}
