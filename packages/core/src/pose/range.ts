/**
 * How far from the camera the face mesh is trusted, per axis (issue 13: the far-range rule covers rotation,
 * tilt and flexion). Angles are the head's orientation relative to the camera, as fitted.
 * - rotation 44° (48° until session 5): past it the mesh saturates and collapses toward frontal. On the crop the
 *   mesh was trained on (vision's own ROI, `faceMeshRoi: 'own'`) a true 60° turn reads ≈ 47.5°, so the limit
 *   sits below that plateau (at 48° those frames were measured and > 10° off). Human's crop over-reads turns
 *   (a true 73° read ≈ 50–55°); 44° only makes it more cautious near the edge (4 phantom clips: core-range
 *   not measurable 0.2 %, far turns 55/55 ok). One limit for both crops, docs/face-roi.md.
 * - tilt 45°: with the crop rotated to the eye line (vision cadence.ts) a 40° tilt reads 40° on the phantom;
 *   without it the mesh saturated at ≈ 27°. Confident up to the range on a head neither turned nor bent (LEVEL_HEAD_TILT),
 *   else from 35°.
 * - flexion 40°: a chin-down 40° is mostly not found by the face detector at all; chin-up −35° reads −32°.
 * From the "confident" limit on, confidence falls linearly to 0.5 (low confidence) at the range limit (tilt: see tiltConfidentDeg).
 */
import type { Axis, HeadAngles } from '../measures/types.ts';

export const MESH_RANGE_DEG: Readonly<Record<Axis, number>> = { rotationDeg: 44, tiltDeg: 45, flexionDeg: 40 };
export const MESH_CONFIDENT_DEG: Readonly<Record<Axis, number>> = { rotationDeg: 40, tiltDeg: 35, flexionDeg: 30 };

/**
 * Tilt on a level head (session 8, docs/far-range.md): turned less than `turnBelowDeg` and bent less than `bendBelowDeg`
 * from the camera, the tilt is confident up to `confidentDeg` = the range (45°): no tilt ramp before the head is not
 * measurable. Replayed (BENCHMARKS.md "Tilt 30–45° confidence"): the frames this releases read tilt ≤ 1.4° off on the
 * phantom (own crop, 443 frames of 4 faces × 2 set-ups), ≤ 1.2° on real photographs rolled in the image plane (1161
 * frames, 10 faces × 5 set-ups), ≤ 4.1° with Human's crop (438 frames); none > 5°. A turned or bent head keeps the 35°
 * ramp: the phantom's turned-and-tilted postures read tilt 4–12° off, and no 3-D clip tilts past 30° while turned.
 */
export const LEVEL_HEAD_TILT: Readonly<{ confidentDeg: number; turnBelowDeg: number; bendBelowDeg: number }> = { confidentDeg: 45, turnBelowDeg: 15, bendBelowDeg: 10 };

/** From which tilt (deg, from the camera) confidence falls, for a head at `fromCamera` (angles from the camera). */
export function tiltConfidentDeg(fromCamera: HeadAngles): number {
  const level = Math.abs(fromCamera.rotationDeg) < LEVEL_HEAD_TILT.turnBelowDeg && Math.abs(fromCamera.flexionDeg) < LEVEL_HEAD_TILT.bendBelowDeg;
  return level ? Math.max(LEVEL_HEAD_TILT.confidentDeg, MESH_CONFIDENT_DEG.tiltDeg) : MESH_CONFIDENT_DEG.tiltDeg;
}

/**
 * A turned head that is also tilted or bent: on the phantom a posture of rotation −35°, tilt +20°, flexion
 * −15° read tilt ≈ 7° and flexion ≈ −27° (12° off each) on an otherwise good mesh fit. Such frames are
 * low confidence: turned at least COMBINED_TURN_DEG and tilted and bent together at least COMBINED_OTHER_DEG (√(tilt² + flexion²)) (relative to neutral).
 * 18° (was 25°): on the way into that posture one face read −21.6°/+12.3°/−9.2° as −19.6°/+9.2°/−11.4° (tilt 3.1° low)
 * while still called measured (issue 13, 2026-11-29). The mesh's own error there, not the angle order:
 * docs/angle-convention.md.
 */
export const COMBINED_TURN_DEG = 18;
export const COMBINED_OTHER_DEG = 10;
