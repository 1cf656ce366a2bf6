/**
 * Flexion near its edges that no earlier guard sees (issue 13, session 9). Stateless, after the in-order guards' edge band
 * (estimator.ts), so its doubts do not start that band's hold.
 *
 * **Chin-up from `CHIN_UP_DOUBT_DEG` on: low confidence (value kept).** The face mesh reads a large chin-up low on some
 * faces, with nothing else in the frame to show it: on the phantom beard-glasses (dark glasses, beard) read a held −35°
 * as −25.5…−29.0° (6–9.5° off, webcam-640 and laptop-15fps-dim) at mesh score 0.99–1.00, a fit residual 0.01–0.05 cm over
 * its own near-frontal one (under the residual rule's 0.05, flexionRange.ts), steady (< 35 deg/s), facing the camera.
 * Over every saved phantom replay facing the camera, chin-up readings of 15–25° from the camera read 5.9–7.3° short on
 * that face and 4–5° on olive-narrow; the other five faces within ±3°. A reading past 25° — within 5° of the 30° edge band
 * — may then be a posture past 30° read more than 5° short, so it is not given as sure. Below 25° nothing tells a short
 * reading of −31° (read −23.2…−23.7°, same face) from a held −25° retrocollis (read −22…−23.9°, full set): those stay.
 *
 * **Chin-down from `UNSURE_CHIN_DOWN_DEG` on a mesh its model is unsure of: flexion not given.** Approaching the
 * detector's chin-down limit the face-mesh model scores its own mesh 0.5–0.9 (a mesh tracking the face scores ≥ 0.9,
 * CONSISTENT_MESH_SCORE, reentry.ts); there a chin-down read +26.1° at a true +38.6° (12.5° off). Over all 292 saved
 * landmark files every chin-down reading ≥ 15° (or 25°) with a mesh scored under 0.9 is in the 30–45° band (none in the core range):
 * 205 frames, already low confidence, 111 of them > 5° off.
 */
import type { FrameMeasure } from '../measures/types.ts';
import { CONSISTENT_MESH_SCORE } from './reentry.ts';
import { doubted, withoutFlexion } from './doubt.ts';

/** Chin-up reading (from neutral) from which a measured frame is low confidence, deg (30° edge band − the 5° target). */
export const CHIN_UP_DOUBT_DEG = 25;
/**
 * Chin-down reading (from neutral) from which an unsure mesh (score < CONSISTENT_MESH_SCORE) gives no flexion, deg: like
 * CHIN_UP_DOUBT_DEG, within 5° of the 30° edge band (on the saved landmarks 15° or 20° dropped the same frames).
 */
export const UNSURE_CHIN_DOWN_DEG = 25;

/**
 * `raw`: the frame's mesh measure before the in-order guards; `m`: the guarded measure; `meshScore`: the face-mesh model's
 * own score for the frame's face (null: no single face).
 */
export function flexionEdgeDoubt(m: FrameMeasure, raw: FrameMeasure, meshScore: number | null): FrameMeasure {
  if (m.method !== 'face-mesh' || m.flexionDeg === null || raw.method !== 'face-mesh' || raw.flexionDeg === null) return m;
  if (raw.flexionDeg >= UNSURE_CHIN_DOWN_DEG && meshScore !== null && meshScore < CONSISTENT_MESH_SCORE) return withoutFlexion(m, 'chin-down');
  if (m.state === 'measured' && m.flexionDeg <= -CHIN_UP_DOUBT_DEG) return doubted(m, 'range-edge-chin-up');
  return m;
}
