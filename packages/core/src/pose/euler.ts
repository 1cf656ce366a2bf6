/**
 * Clinical head angles <-> rotation matrices.
 *
 * Camera frame (Geste-wide): x = image right, y = image down, z = away from the camera (right-handed).
 * A head-fixed frame coincides with the camera frame when the face looks straight into the camera with
 * its eyes level. For a patient facing the camera, the patient's right is image left (-x), up is -y and
 * the face points toward the camera (-z).
 *
 * The three elementary motions are defined by what they do, from the patient's point of view
 * (docs/clinical.md):
 * - rotationDeg  θ > 0: the face turns toward the patient's RIGHT shoulder. About the vertical axis:
 *   the forward vector (0,0,-1) goes to (-sin θ, 0, -cos θ).            Matrix Ry(θ).
 * - flexionDeg   ψ > 0: chin DOWN toward the chest. About the left-right axis: forward (0,0,-1) goes to
 *   (0, sin ψ, -cos ψ).                                                   Matrix Rx(ψ).
 * - tiltDeg      φ > 0: RIGHT ear toward the right shoulder. About the front-back axis: up (0,-1,0) goes to
 *   (-sin φ, -cos φ, 0) (the top of the head moves to the image left).    Matrix Rz(-φ).
 *
 * Composition (intrinsic, in this order): rotation about the trunk's vertical axis, then flexion about the
 * head's own left-right axis, then tilt about the head's own front-back axis:
 *     R = Ry(rotation) · Rx(flexion) · Rz(-tilt)
 * R maps head-fixed vectors to the reference frame (camera, or the neutral head frame).
 * This is the yaw-pitch-roll order used by head-pose datasets; for single-axis motion every order agrees.
 * Gimbal lock is at flexion ±90°, far outside what a face tracker can see.
 *
 * ref: Diebel J. "Representing attitude: Euler angles, unit quaternions, and rotation vectors", 2006 (YXZ).
 */
import type { HeadAngles } from '../measures/types.ts';

/** Row-major 3×3 matrix: [r00, r01, r02, r10, r11, r12, r20, r21, r22]. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

const DEG = Math.PI / 180;

export function mat3Multiply(a: Mat3, b: Mat3): Mat3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
    }
  }
  return out as unknown as Mat3;
}

export function mat3Transpose(a: Mat3): Mat3 {
  return [a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]];
}

export const MAT3_IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Head orientation from clinical angles (degrees). */
export function headRotationMatrix(angles: HeadAngles): Mat3 {
  const t = angles.rotationDeg * DEG;
  const p = angles.flexionDeg * DEG;
  const b = -angles.tiltDeg * DEG;
  const ct = Math.cos(t), st = Math.sin(t);
  const cp = Math.cos(p), sp = Math.sin(p);
  const cb = Math.cos(b), sb = Math.sin(b);
  // Ry(t) · Rx(p) · Rz(b), multiplied out.
  return [
    ct * cb + st * sp * sb, -ct * sb + st * sp * cb, st * cp,
    cp * sb, cp * cb, -sp,
    -st * cb + ct * sp * sb, st * sb + ct * sp * cb, ct * cp,
  ];
}

/** Clinical angles (degrees) of a rotation matrix built as in `headRotationMatrix`. */
export function anglesFromRotationMatrix(m: Mat3): HeadAngles {
  const sp = Math.max(-1, Math.min(1, -m[5]));
  const flexion = Math.asin(sp);
  const rotation = Math.atan2(m[2], m[8]);
  const b = Math.atan2(m[3], m[4]);
  return { rotationDeg: rotation / DEG, flexionDeg: flexion / DEG, tiltDeg: -b / DEG };
}

/** Angle of the rotation that takes a to b, in degrees (geodesic distance on SO(3)). */
export function rotationDistanceDeg(a: Mat3, b: Mat3): number {
  const r = mat3Multiply(mat3Transpose(a), b);
  const c = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
  return Math.acos(c) / DEG;
}
