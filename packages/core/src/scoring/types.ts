import type { Axis, NeutralKind } from '../measures/types.ts';
import type { TimeRangeMs } from '../signal/series.ts';

/** Exam-phase markers given by the guided exam (or a person marking a recording). */
export type ExamPhase =
  /** Sitting at rest, not resisting the pull: the posture items are read here when present. */
  | { readonly kind: 'rest'; readonly startMs: number; readonly endMs: number }
  /** One attempt to hold the head straight without tricks (time holding neutral). */
  | { readonly kind: 'hold-neutral'; readonly startMs: number; readonly endMs?: number }
  /** A voluntary sweep to the extremes (range of motion); `axis` when the sweep is for one axis only. */
  | { readonly kind: 'rom-sweep'; readonly startMs: number; readonly endMs: number; readonly axis?: Axis }
  /** A sensory trick with its before / during / after windows; `trick` names it (free text from a closed UI list). */
  | { readonly kind: 'sensory-trick'; readonly before: TimeRangeMs; readonly during: TimeRangeMs; readonly after: TimeRangeMs; readonly trick?: string };

export const SEVERITY_ITEMS = [
  'rotation',
  'laterocollis',
  'anteroRetrocollis',
  'lateralShift',
  'sagittalShift',
  'durationFactor',
  'sensoryTrick',
  'shoulderElevation',
  'rangeOfMotion',
  'timeHoldingNeutral',
] as const;
export type SeverityItemId = (typeof SEVERITY_ITEMS)[number];

/** Closed set of reasons an item cannot be assessed. UI and CLI map these to words. */
export type NotAssessableReason =
  | 'not-observable-frontal-camera'
  | 'too-little-measurable-data'
  | 'no-sensory-trick-windows'
  | 'no-deviation-to-relieve'
  | 'trick-not-measurable'
  | 'no-rom-sweeps'
  | 'no-hold-neutral-attempts'
  /** The axis has no reliable anatomical zero in most frames (flexion without the camera's tilt; pose/reference.ts). */
  | 'zero-uncertain';

export interface ItemEvidence {
  /** Time ranges that set the value (e.g. the 200 ms over which the maximum was held, or the analysed phases). */
  readonly timeRanges: readonly TimeRangeMs[];
  /** Frame indices inside the deciding ranges (only for short deciding ranges; empty for whole-session shares). */
  readonly frameIndices: readonly number[];
  /** The values that set the score, named with units. */
  readonly values: Readonly<Record<string, number | string | boolean | null>>;
}

export interface SeverityItem {
  readonly item: SeverityItemId;
  readonly score: number | null;
  readonly maxScore: number;
  /** How many times the item counts in the total (the duration factor counts twice). */
  readonly weight: 1 | 2;
  readonly assessable: boolean;
  readonly reason?: NotAssessableReason;
  readonly evidence: ItemEvidence;
  readonly neutralKind: NeutralKind;
}

export interface SeverityTotal {
  /** Weighted sum over the assessable items only. */
  readonly score: number;
  /** Weighted maximum over the assessable items only. */
  readonly maxOfAssessed: number;
  /** Weighted maximum over all items (35). */
  readonly maxScore: number;
  readonly itemsAssessed: number;
  readonly itemsTotal: number;
  /** True only when every item was assessable; a partial total must be shown as partial. */
  readonly complete: boolean;
  readonly notAssessed: readonly SeverityItemId[];
}

export interface SeverityReport {
  readonly items: readonly SeverityItem[];
  readonly total: SeverityTotal;
  readonly neutralKind: NeutralKind;
  /** Which frames the posture items were read from. */
  readonly postureBasis: 'rest-phases' | 'session-outside-marked-phases';
}

export interface ExamSession {
  readonly frames: readonly import('../measures/types.ts').FrameMeasure[];
  readonly neutralKind: NeutralKind;
  readonly phases?: readonly ExamPhase[];
}
