// A generated jaw drop for tests (mouthOpen.test.ts, mouthFlexion.test.ts): the canonical face with its jaw opened about the
// temporomandibular joints. Generated, not a real person's face: a real face's geometry from a video of unknown licence is
// not committed.
import { CANONICAL_FACE_CM } from './canonicalFace.ts';
import { FACE_MESH_POINTS } from './faceIndices.ts';
import { syntheticFace } from './syntheticFace.ts';
import type { HeadAngles } from '../measures/types.ts';
import type { LandmarkFrame } from '../landmarks/types.ts';

/**
 * The lips (MediaPipe face mesh, FACEMESH_LIPS and the two rings between): the upper lip's points, which stay with the
 * skull when the jaw opens. Mouth corners 61 / 291 are among them.
 */
export const UPPER_LIP = [
  61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308,
  76, 184, 74, 73, 72, 11, 302, 303, 304, 408, 306, 62, 183, 42, 41, 38, 12, 268, 271, 272, 407, 292,
];
/**
 * The mandible's points: below the line through the mouth corners (61 / 291, canonical y 4.34 cm) and not on the upper
 * lip — the lower lip, the chin and the jaw line up to its angle (58 / 288, y 4.79 cm); 97 points. Chosen by anatomy, not by
 * the flexion-range rule's own cut (MOUTH_JAW_BELOW_CM = 2.5 cm).
 */
export const JAW_POINTS: readonly number[] = (() => {
  const cornerYCm = CANONICAL_FACE_CM[61 * 3 + 1]!;
  const out: number[] = [];
  for (let i = 0; i < FACE_MESH_POINTS; i++) if (CANONICAL_FACE_CM[i * 3 + 1]! > cornerYCm && !UPPER_LIP.includes(i)) out.push(i);
  return out;
})();
/**
 * The jaw's hinge, a transverse axis (along x) through the two temporomandibular joints: taken through the face oval's
 * side points 234 / 454, canonical (±7.66, −0.67, 2.44) cm — the mesh's rearmost points, about 1 cm in front of the ear
 * and at the level of its middle (between the brow, y ≈ −4, and the nose's base, y 2.1). Canonical frame: y down, z away
 * from the camera.
 */
export const HINGE_Y_CM = CANONICAL_FACE_CM[234 * 3 + 1]!;
export const HINGE_Z_CM = CANONICAL_FACE_CM[234 * 3 + 2]!;

/** The canonical face with the jaw opened by jawDeg about the hinge (the chin goes down and back). */
export function withJawOpen(jawDeg: number): number[] {
  const t = (jawDeg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
  const out = [...CANONICAL_FACE_CM];
  for (const i of JAW_POINTS) {
    const dy = CANONICAL_FACE_CM[i * 3 + 1]! - HINGE_Y_CM, dz = CANONICAL_FACE_CM[i * 3 + 2]! - HINGE_Z_CM;
    out[i * 3 + 1] = HINGE_Y_CM + dy * c - dz * s;
    out[i * 3 + 2] = HINGE_Z_CM + dz * c + dy * s;
  }
  return out;
}

/** One generated frame's posture and jaw (session 12, lipschin: a talker who moves the head while talking). */
export interface JawStep {
  readonly angles: HeadAngles;
  readonly jawDeg: number;
}

/** The talker's jaw: 0 … 14° at 2.2 Hz (|sin|: 4.4 syllables/s), the lips 0.07 … 0.30 eye widths apart; k frames at 30 fps. */
export function talkingJawDeg(k: number): number {
  return 14 * Math.abs(Math.sin(2 * Math.PI * 1.1 * k / 30));
}

/**
 * Closed lips as the phantom's face mesh reads them at this flexion (deg, chin-down +): pressed together at a chin-down
 * (jaw −3° at 25°: lips 0.05 eye widths apart) and a little apart at a chin-up (jaw +3° at −18°: 0.12), 0.077 level. The
 * mesh on the phantom's faces that never talk: 0.10–0.12 level, 0.03–0.05 at 25–35° chin-down, up to 0.14 at 15–20°
 * chin-up (dark-stubble). A rigid rotation of the canonical face alone moves them ≤ 0.005.
 */
export function meshLikeClosedJawDeg(flexionDeg: number): number {
  return flexionDeg >= 0 ? (-3 * flexionDeg) / 25 : (-3 * flexionDeg) / 18;
}

/** n steps; angles and jaw per step k (0 … n − 1). */
export function jawSteps(n: number, angles: HeadAngles | ((k: number) => HeadAngles), jawDeg: (k: number) => number): JawStep[] {
  return Array.from({ length: n }, (_, k) => ({ angles: typeof angles === 'function' ? angles(k) : angles, jawDeg: jawDeg(k) }));
}

/** The generated frames (30 fps, 640×480, pinhole 600 px at 60 cm, seeded noise) of these steps. */
export function jawFrames(steps: readonly JawStep[], noisePx = 0.4): LandmarkFrame[] {
  const image = { imageWidthPx: 640, imageHeightPx: 480 } as const;
  return steps.map((s, k) => ({
    frameIndex: k, timestampMs: (k * 1000) / 30, ...image, bodies: [], hands: [],
    faces: [syntheticFace({ angles: s.angles, perspective: { focalPx: 600, distanceCm: 60 }, ...image, noisePx, seed: 1 + k, shapeCm: withJawOpen(s.jawDeg) })],
  }));
}
