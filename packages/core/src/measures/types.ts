/**
 * Per-frame measures in clinical terms. Signs follow CLINICAL.md, from the patient's point of view,
 * relative to the neutral named in `NeutralKind`:
 * - rotationDeg  > 0: chin toward the patient's RIGHT shoulder   (< 0: toward the left)
 * - tiltDeg      > 0: RIGHT ear toward the right shoulder          (< 0: left ear toward the left)
 * - flexionDeg   > 0: chin DOWN toward the chest (anterocollis)   (< 0: chin up, retrocollis)
 * - lateralShiftCm > 0: head displaced to the patient's right of the trunk midline
 * - shoulderElevationDeg > 0: the patient's right shoulder higher than the left
 */

import type { FrameReference } from '../pose/reference.ts';

/** 'calibrated' = the person's own resting-straight pose; 'anatomical' = face plane parallel to the image, eyes level. */
export type NeutralKind = 'calibrated' | 'anatomical';

export type MeasureState = 'measured' | 'low-confidence' | 'not-measurable';

/** Closed set of reasons a value is not (fully) measurable. UI and CLI map these to words. */
export type NotMeasurableReason =
  | 'no-face'
  | 'multiple-faces'
  | 'beyond-tracker-range'
  | 'face-occluded'
  | 'low-face-confidence'
  | 'no-shoulders'
  | 'invalid-frame';

/** How the head angles of a frame were obtained. */
export type PoseMethod = 'face-mesh' | 'body-keypoints' | 'none';

export interface HeadAngles {
  readonly rotationDeg: number;
  readonly tiltDeg: number;
  readonly flexionDeg: number;
}

export interface FrameMeasure {
  readonly frameIndex: number;
  readonly timestampMs: number;
  readonly state: MeasureState;
  readonly reasons: readonly NotMeasurableReason[];
  /** 0..1; 0 when not measurable. */
  readonly confidence: number;
  readonly method: PoseMethod;
  /** null when not measurable. flexionDeg/tiltDeg may be null while rotationDeg is kept (body-keypoint fallback). */
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
  readonly lateralShiftCm: number | null;
  readonly shoulderElevationDeg: number | null;
  /**
   * What each angle was measured against (trunk, gravity or camera; the head's zero; its ±), set by the
   * anatomical estimator (pose/anatomical.ts). Absent for angles relative to a calibrated neutral.
   */
  readonly reference?: FrameReference;
}

/** A time series of one measure; null = not measurable at that sample. Timestamps strictly increasing. */
export interface Series {
  readonly timestampsMs: readonly number[];
  readonly values: readonly (number | null)[];
}

export const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
export type Axis = (typeof AXES)[number];
