/**
 * Per-frame measures in clinical terms. Signs follow docs/clinical.md, from the patient's point of view,
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

/**
 * Which movement of the head went past (or toward the edge of) what the face tracker reads reliably: a turn, a tilt, a
 * bend with the chin down or one with the chin up (from the camera's view; flexion > 0 is chin down).
 */
export type RangeDirection = 'turn' | 'tilt' | 'chin-down' | 'chin-up';
export const RANGE_DIRECTIONS: readonly RangeDirection[] = ['turn', 'tilt', 'chin-down', 'chin-up'];

/**
 * Why a frame is low confidence, where `NotMeasurableReason` has no word for it (those codes stay as they were, so
 * frames.csv and the summary's reason counts of old recordings read the same). One code per rule that lowers confidence:
 * - `range-edge-turn` … `range-edge-chin-up`: the head near the edge of the tracker's range on that movement (confidence
 *   falls toward the edge, or a reading just back from it is held low; estimator.ts, flexionEdge.ts, flexionRange.ts)
 * - `fast-turn`: a fast turn toward the edge of the range (turnLead.ts)
 * - `fast-bend`: a fast chin movement the mesh lags or over-reads (flexionLag.ts, flexionJerkPeak.ts, flexionLead.ts)
 * - `turn-with-tilt-or-bend`: a turn combined with a tilt or bend, where the mesh's tilt and flexion are unreliable
 *   (combinedPosture.ts)
 * - `settling-after-range`: readings just after the head came back from beyond the range, or after the tracker's reading
 *   jumped, not yet steady (reentry.ts)
 * - `tracker-jump`: the reading jumped further than a head moves in the time; held back until steady (reentry.ts)
 * - `unsure-face`: the face models were unsure of the face (their scores or the fit of the face shape)
 */
export type DoubtReason =
  | 'range-edge-turn'
  | 'range-edge-tilt'
  | 'range-edge-chin-down'
  | 'range-edge-chin-up'
  | 'fast-turn'
  | 'fast-bend'
  | 'turn-with-tilt-or-bend'
  | 'settling-after-range'
  | 'tracker-jump'
  | 'unsure-face';
export const DOUBT_REASONS: readonly DoubtReason[] = [
  'range-edge-turn', 'range-edge-tilt', 'range-edge-chin-down', 'range-edge-chin-up', 'fast-turn', 'fast-bend',
  'turn-with-tilt-or-bend', 'settling-after-range', 'tracker-jump', 'unsure-face',
];

/** The `range-edge-…` doubt for a movement. */
export function rangeEdgeDoubt(d: RangeDirection): DoubtReason {
  return `range-edge-${d}`;
}

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
  /**
   * Set with the reason `beyond-tracker-range`: which movement(s) went beyond the tracker's range (optional: frames from
   * before session 12 have none, and then the words say "turned, tilted or bent").
   */
  readonly beyondRangeAxes?: readonly RangeDirection[];
  /** Why a low-confidence frame is low confidence, where `reasons` does not say it (optional; absent when none). */
  readonly doubts?: readonly DoubtReason[];
}

/** A time series of one measure; null = not measurable at that sample. Timestamps strictly increasing. */
export interface Series {
  readonly timestampsMs: readonly number[];
  readonly values: readonly (number | null)[];
}

export const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
export type Axis = (typeof AXES)[number];
