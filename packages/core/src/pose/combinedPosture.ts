/**
 * A turned head that is also tilted or bent (range.ts: a turn ≥ COMBINED_TURN_DEG with √(tilt² + flexion²) ≥
 * COMBINED_OTHER_DEG, relative to neutral) reads tilt and flexion off on the face mesh; such frames are low confidence.
 *
 * Session 9 (issue 13): the mesh's error there grows with the turn *and* the tilt and bend, so a smaller turn with more
 * tilt and bend is as doubtful. On the phantom, beard-glasses × webcam-640 on the way into −35°/+20°/−15° read
 * −18.1°/+10.3°/−7.8° as −16.6°/+8.0°/−11.7° and −19.2°/+11.0°/−8.2° as −17.7°/+8.4°/−13.2° (flexion 4.0° and 4.9° off,
 * measured): turned 16.6° and 17.7°, under the 18° bar, with 14.2° and 15.6° of tilt and bend. So a turn of at least
 * COMBINED_PRODUCT_MIN_TURN_DEG whose product with √(tilt² + flexion²) reaches COMBINED_PRODUCT_DEG2 is combined too: the
 * corner of the 18°/10° rule is 180 deg²; those two frames read 236 and 277 deg² (and the session-6 landmarks' twin on
 * laptop-15fps-dim, read −18.7°/+9.5°/−11.4°… at 268). Replayed over every saved landmark file: 3 core frames that are
 * not combined postures and 5 that are newly low confidence (BENCHMARKS.md, session 9 edge5); at 200 deg² it would be
 * 16 and 10, at 180 36 and 13.
 */
import type { HeadAngles } from '../measures/types.ts';
import { COMBINED_OTHER_DEG, COMBINED_TURN_DEG } from './range.ts';

/** Turn × √(tilt² + flexion²) (relative to neutral) from which a turned, tilted or bent head is combined, deg². */
export const COMBINED_PRODUCT_DEG2 = 220;
/** …for a turn of at least this, deg (the scorer's "an axis ≥ 10°" of a combined posture). */
export const COMBINED_PRODUCT_MIN_TURN_DEG = 10;

/** Whether the angles (relative to neutral) are a combined posture whose tilt and flexion the mesh misreads. */
export function isCombinedTurn(a: HeadAngles): boolean {
  const turn = Math.abs(a.rotationDeg);
  const other = Math.hypot(a.tiltDeg, a.flexionDeg);
  if (!(other >= COMBINED_OTHER_DEG)) return false;
  return turn >= COMBINED_TURN_DEG || (turn >= COMBINED_PRODUCT_MIN_TURN_DEG && turn * other >= COMBINED_PRODUCT_DEG2);
}
