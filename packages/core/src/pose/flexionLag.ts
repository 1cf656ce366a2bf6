/**
 * A chin-down bend the face mesh does not follow (issue 13). On a fast bend the mesh's rotation can stall while the face
 * itself keeps moving down the image: on the phantom (beard-glasses, dim 15 fps video) a true +32.5° read +19.9° (12.6°
 * off) — the reading stood at 20–22° for 4 frames while the eyes moved down 0.16 face widths; on another face (dark-stubble,
 * 30 fps) a true +31.1° read +24.4°. The mesh scored itself 1.00 and its fit residual was at or below the person's own, so
 * neither the range rule, the re-entry rule nor the flexion-range rule (flexionRange.ts) could see it.
 *
 * What does show is that the mesh's 2-D points keep tracking the face while its rotation does not: the eyes' image
 * position moves down faster than the reading's own change explains. Over the last ~¼ s (`LAG_WINDOW_MS`) this guard
 * takes the eyes' downward image motion in face widths (outer eye corners apart), minus `EYE_DROP_PER_RAD` per radian of
 * chin-down the reading gained (about what a bend about the neck moves the eyes at moderate angles on the phantom's faces),
 * and calls the excess unexplained. On a chin-down reading of at least `LAG_CHIN_DOWN_DEG` from neutral, with the face
 * turned less than COMBINED_TURN_DEG:
 * - excess ≥ `LAG_DOUBT_FACE_WIDTHS` → low confidence (value kept);
 * - excess ≥ `LAG_DROP_FACE_WIDTHS` → flexion not given (reason `beyond-tracker-range`; rotation and tilt kept).
 *
 * Tuned on the phantom's edge clips (6 face × camera groups): the three frames with the largest excess were exactly the
 * lagging ones (0.171, 0.166, 0.153 face widths; the next, a correct reading, 0.147). A head that slides down without
 * bending (slumping) or a camera that moves reads as excess too: such frames are flagged, never given a wrong number.
 * docs/far-range.md has what else was tried.
 *
 * Stateful, in frame order, after the flexion-range guard; the live estimator and the recording analyser both use it.
 */
import type { FrameMeasure } from '../measures/types.ts';
import type { LandmarkFrame } from '../landmarks/types.ts';
import { FACE } from './faceIndices.ts';
import { selectPatientFace } from './frameGeometry.ts';
import { COMBINED_TURN_DEG } from './range.ts';
import { doubted, withoutFlexion } from './doubt.ts';

/** The motion is measured against the oldest mesh frame at most this far back, ms. */
export const LAG_WINDOW_MS = 270;
/** …and at least this far back (fewer frames: no check), ms. At 15 fps three frames back is 200 ms. */
export const LAG_MIN_SPAN_MS = 190;
/** Downward eye motion per radian of chin-down explained by the reading, in face widths (outer eye corners apart). */
export const EYE_DROP_PER_RAD = 0.3;
/** Chin-down reading (relative to neutral) from which the check applies, deg. */
export const LAG_CHIN_DOWN_DEG = 15;
/** Unexplained downward motion from which the reading is low confidence, face widths. */
export const LAG_DOUBT_FACE_WIDTHS = 0.1;
/** …and from which its flexion is not given, face widths. */
export const LAG_DROP_FACE_WIDTHS = 0.16;

/** What the frame's mesh says for this rule: the eyes' image height and the face width, px (null: no single face). */
export interface EyeEvidence {
  /** Image y of the midpoint of the outer eye corners, px (down is positive). */
  readonly eyeYPx: number;
  /** Distance between the outer eye corners, px. */
  readonly faceWidthPx: number;
}

/** The eye evidence of the frame's one face (null: not exactly one face, or corners missing). */
export function eyeEvidence(frame: LandmarkFrame): EyeEvidence | null {
  if (!Array.isArray(frame.faces) || frame.faces.length === 0) return null;
  const sel = selectPatientFace(frame);
  if (sel.kind !== 'one') return null;
  const r = sel.face.meshPx[FACE.rightEyeOuter];
  const l = sel.face.meshPx[FACE.leftEyeOuter];
  if (!r || !l) return null;
  const w = Math.hypot(l.x - r.x, l.y - r.y);
  if (!(w > 1) || !Number.isFinite(l.y + r.y)) return null;
  return { eyeYPx: (l.y + r.y) / 2, faceWidthPx: w };
}

interface Sample { readonly ms: number; readonly eyeYPx: number; readonly faceWidthPx: number; readonly flexionDeg: number }

export class FlexionLagGuard {
  private history: Sample[] = [];

  /**
   * `raw`: the frame's mesh measure before the in-order guards (its flexion is the mesh's reading even while a guard holds
   * it back); `m`: the guarded measure to pass on; `cameraTurnDeg`: the fitted turn from the camera (null: no fit).
   */
  apply(m: FrameMeasure, raw: FrameMeasure, eyes: EyeEvidence | null, cameraTurnDeg: number | null): FrameMeasure {
    if (eyes === null || raw.method !== 'face-mesh' || raw.flexionDeg === null) {
      this.history = []; // a break: motion is measured over mesh frames only
      return m;
    }
    const now: Sample = { ms: raw.timestampMs, eyeYPx: eyes.eyeYPx, faceWidthPx: eyes.faceWidthPx, flexionDeg: raw.flexionDeg };
    this.history = this.history.filter((s) => s.ms < now.ms && now.ms - s.ms <= LAG_WINDOW_MS);
    this.history.push(now);
    const old = this.history[0]!;
    if (now.ms - old.ms < LAG_MIN_SPAN_MS) return m;
    if (m.method !== 'face-mesh' || m.flexionDeg === null || m.flexionDeg < LAG_CHIN_DOWN_DEG) return m;
    if (cameraTurnDeg === null || Math.abs(cameraTurnDeg) >= COMBINED_TURN_DEG) return m;
    const excess = this.unexplainedDrop(old, now);
    if (excess < LAG_DOUBT_FACE_WIDTHS) return m;
    return excess < LAG_DROP_FACE_WIDTHS ? doubted(m, 'fast-bend') : withoutFlexion(m, 'chin-down');
  }

  /** The eyes' downward image motion from `a` to `b` not explained by the chin-down the reading gained, face widths. */
  private unexplainedDrop(a: Sample, b: Sample): number {
    const drop = (b.eyeYPx - a.eyeYPx) / ((a.faceWidthPx + b.faceWidthPx) / 2);
    const gainedRad = ((b.flexionDeg - a.flexionDeg) * Math.PI) / 180;
    return drop - EYE_DROP_PER_RAD * gainedRad;
  }
}
