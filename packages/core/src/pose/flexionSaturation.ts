/**
 * A slow chin-down bend past where the face mesh follows (issue 13, session 6). On the full phantom set's range-of-motion
 * sweep (astronaut, 30 fps) the truth rose 30 → 45° at ≈ 0.8°/frame while the mesh's reading stood at 31–33°: 9 frames were
 * 10–12.8° off while given (low confidence counts as given). The lag rule (flexionLag.ts) does not see it: over its ¼ s the
 * eyes move only ≈ 0.02 face widths.
 *
 * A persistent lag shows over a longer span. From the last mesh frame whose chin-down reading was below `SAT_ANCHOR_DEG`
 * (the anchor), the eyes' downward image motion in face widths (outer eye corners apart), divided by `SAT_EYE_DROP_PER_RAD`,
 * estimates the chin-down gained since; minus what the reading gained, that is the *missing bend*. On a chin-down reading
 * at or past the anchor, with the face turned less than COMBINED_TURN_DEG: missing bend ≥ `SAT_MISSING_DEG` → flexion not
 * given (low confidence, reason `beyond-tracker-range`; rotation and tilt kept).
 *
 * Numbers (phantom, 25–45° of true chin-down, 5 faces, both face-mesh crops): the eyes move 0.65–0.99 face widths per
 * radian of true bend in this range (0.70–0.74 on the sweep and astronaut; 0.83–0.99 olive-narrow) — far more than the lag
 * rule's 0.3, which is about the motion nearer neutral. With 0.7, the sweep's frames > 10° off read a missing bend of
 * 10.6–14.3°; on every other replayed chin-down, the largest was 8.2° (a reading already 6.3° off), on a reading within 5°
 * 7.9° (olive-narrow: its larger eye motion reads as bend the mesh missed). The margin is thin (≈ 1.5° either side): more
 * faces would say whether it holds. A person sliding down in the chair or a camera moving up during a bend also reads as
 * missing bend: flagged, never given a number.
 *
 * Stateful, in frame order, after the lag guard; the live estimator and the recording analyser both use it.
 */
import type { FrameMeasure } from '../measures/types.ts';
import type { EyeEvidence } from './flexionLag.ts';
import { COMBINED_TURN_DEG } from './range.ts';
import { withoutFlexion } from './doubt.ts';

/** The anchor: the last mesh frame whose chin-down reading (relative to neutral) was below this, deg. */
export const SAT_ANCHOR_DEG = 25;
/** Downward eye motion per radian of true chin-down at 25–45°, face widths (outer eye corners apart). */
export const SAT_EYE_DROP_PER_RAD = 0.7;
/** Missing bend (eye-estimated chin-down gained since the anchor minus the reading's gain) from which flexion is not given, deg. */
export const SAT_MISSING_DEG = 9;

interface Anchor { readonly eyeYPx: number; readonly faceWidthPx: number; readonly flexionDeg: number }

export class FlexionSaturationGuard {
  private anchor: Anchor | null = null;

  /**
   * `raw`: the frame's mesh measure before the in-order guards; `m`: the guarded measure to pass on; `cameraTurnDeg`: the
   * fitted turn from the camera (null: no fit).
   */
  apply(m: FrameMeasure, raw: FrameMeasure, eyes: EyeEvidence | null, cameraTurnDeg: number | null): FrameMeasure {
    if (eyes === null || raw.method !== 'face-mesh' || raw.flexionDeg === null) {
      this.anchor = null; // a break: the motion is measured along one run of mesh frames
      return m;
    }
    if (raw.flexionDeg < SAT_ANCHOR_DEG) {
      this.anchor = { eyeYPx: eyes.eyeYPx, faceWidthPx: eyes.faceWidthPx, flexionDeg: raw.flexionDeg };
      return m;
    }
    if (this.anchor === null || m.method !== 'face-mesh' || m.flexionDeg === null) return m;
    if (cameraTurnDeg === null || Math.abs(cameraTurnDeg) >= COMBINED_TURN_DEG) return m;
    if (missingBendDeg(this.anchor, eyes, raw.flexionDeg) < SAT_MISSING_DEG) return m;
    return withoutFlexion(m, 'chin-down');
  }
}

/** Chin-down the eyes' motion since the anchor says was gained, minus what the reading gained, deg. */
export function missingBendDeg(anchor: Anchor, eyes: EyeEvidence, flexionDeg: number): number {
  const drop = (eyes.eyeYPx - anchor.eyeYPx) / ((anchor.faceWidthPx + eyes.faceWidthPx) / 2);
  return ((drop / SAT_EYE_DROP_PER_RAD) * 180) / Math.PI - (flexionDeg - anchor.flexionDeg);
}
