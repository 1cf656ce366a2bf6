/**
 * How far from the camera the face mesh is trusted, per axis (issue 13: the far-range rule covers rotation,
 * tilt and flexion). Angles are the head's orientation relative to the camera, as fitted.
 * - rotation 44° (48° until session 5): past it the mesh saturates and collapses toward frontal. On the crop the
 *   mesh was trained on (vision's own ROI, `faceMeshRoi: 'own'`) a true 60° turn reads ≈ 47.5°, so the limit
 *   sits below that plateau (at 48° those frames were measured and > 10° off). Human's crop over-reads turns
 *   (a true 73° read ≈ 50–55°); 44° only makes it more cautious near the edge (4 phantom clips: core-range
 *   not measurable 0.2 %, far turns 55/55 ok). One limit for both crops, docs/face-roi.md.
 * - tilt 45°: with the crop rotated to the eye line (vision cadence.ts) a 40° tilt reads 40° on the phantom;
 *   without it the mesh saturated at ≈ 27°.
 * - flexion 40°: a chin-down 40° is mostly not found by the face detector at all; chin-up −35° reads −32°.
 * From the "confident" limit on, confidence falls linearly to 0.5 (low confidence) at the range limit.
 */
import type { Axis } from '../measures/types.ts';

export const MESH_RANGE_DEG: Readonly<Record<Axis, number>> = { rotationDeg: 44, tiltDeg: 45, flexionDeg: 40 };
export const MESH_CONFIDENT_DEG: Readonly<Record<Axis, number>> = { rotationDeg: 40, tiltDeg: 35, flexionDeg: 30 };

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
