/**
 * Named FaceMesh landmark indices (MediaPipe 468-point topology; "right"/"left" are the person's own).
 * ref: MediaPipe face_mesh canonical model and `face_landmarks_connections.ts` (Apache-2.0), indices
 * checked against `canonicalFace.ts` (right-side points have negative x in the camera frame: the person's
 * right appears on the image left).
 */
export const FACE = {
  noseTip: 1,
  noseBridge: 6,
  betweenEyes: 168,
  foreheadTop: 10,
  chin: 152,
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeOuter: 263,
  leftEyeInner: 362,
  /** Face contour at the level of the ear tragus, person's right / left. */
  rightCheekContour: 234,
  leftCheekContour: 454,
} as const;

export const FACE_MESH_POINTS = 468;

/**
 * Points that move little with facial expression: forehead, nose bridge and tip, eye corners, cheekbones,
 * temples. Lips, jaw and eyebrows are left out because speaking and frowning move them.
 */
export const RIGID_FACE_POINTS: readonly number[] = [
  // forehead
  10, 151, 9, 8, 108, 337, 67, 297, 109, 338, 69, 299, 104, 333,
  // nose bridge, tip, wings
  168, 6, 197, 195, 5, 4, 1, 2, 98, 327, 129, 358, 48, 278,
  // eye corners and lower lids' outer ends
  33, 133, 263, 362, 130, 359, 243, 463, 226, 446,
  // cheekbones
  50, 280, 116, 345, 117, 346, 123, 352, 205, 425, 187, 411,
  // temples and face contour at the eyes
  127, 356, 234, 454, 93, 323, 162, 389, 21, 251,
];
