/**
 * A session's summary: what was measured, how much could be measured, and the clinical measures of
 * docs/clinical.md computed by core's signal and scoring code. The one `summarizeSession`: the CLI
 * (summary.json), the app, the PDF report and the clinician view all summarise frames with it, and
 * `summaryMeasures` turns it into registry keys (measures/registry.ts) for display and storage.
 */
import { AXES, type Axis, type DoubtReason, type FrameMeasure, type NotMeasurableReason, type PoseMethod, type RangeDirection } from '../measures/types.ts';
import type { SummaryMeasureKey } from '../measures/registry.ts';
import { type JerkResult, detectJerks } from '../signal/jerks.ts';
import { type NeutralResult, neutralTime } from '../signal/neutral.ts';
import { type AxisRange, rangeOfMotion } from '../signal/rangeOfMotion.ts';
import { type TremorResult, analyzeTremor } from '../signal/tremor.ts';
import type { MouthMovement } from '../signal/mouth.ts';
import { scoreSession } from '../scoring/items.ts';
import type { SeverityReport } from '../scoring/types.ts';
import type { ExamPhase } from '../scoring/types.ts';
import type { NeutralChoice } from './recording.ts';
import type { ReferenceSummary } from './referenceSummary.ts';
import type { RestLensGlare } from '../pose/lensGlare.ts';

export const SAFETY_LINE =
  'Geste measures and reports head posture and movement. It does not diagnose, and it does not recommend doses or treatment changes: discuss results with your clinician.';

export interface AxisPosture {
  /** Median over measurable frames, deg. */
  readonly medianDeg: number | null;
  /** Largest deviation each way over single frames, deg (positive / negative as CLINICAL.md). */
  readonly maxPositiveDeg: number | null;
  readonly maxNegativeDeg: number | null;
}

/** The same for a length: median and largest each way, cm. */
export interface ShiftPosture {
  readonly medianCm: number | null;
  readonly maxPositiveCm: number | null;
  readonly maxNegativeCm: number | null;
}

export interface SessionSummary {
  readonly format: 'geste-session-summary';
  readonly formatVersion: 2;
  readonly safety: string;
  readonly neutral: {
    readonly kind: NeutralChoice['neutral']['kind'];
    readonly requested: NeutralChoice['requested'];
    readonly fellBackToAnatomical: boolean;
    readonly calibrationProblem: string | null;
    /** Glare on glasses during the calibration rest (pose/lensGlare.ts); absent when there was none. */
    readonly lensGlare?: RestLensGlare;
  };
  /** Things about the input a reader should know (truncated file, rotation, dropped frames). */
  readonly notes: readonly string[];
  readonly durationS: number;
  readonly frames: number;
  readonly measurableFrames: number;
  readonly lowConfidenceFrames: number;
  readonly notMeasurableFrames: number;
  readonly notMeasurableReasons: Partial<Record<NotMeasurableReason, number>>;
  /**
   * Frames per movement that went beyond the tracker's range (FrameMeasure.beyondRangeAxes: a frame turned and tilted
   * beyond counts under both). Optional: summaries from before session 12 have none.
   */
  readonly beyondRangeByAxis?: Partial<Record<RangeDirection, number>>;
  /**
   * Frames per doubt (FrameMeasure.doubts: why a frame is low confidence where its reasons do not say; `tracker-jump` is
   * on frames held back as not measurable). Optional like beyondRangeByAxis.
   */
  readonly doubtReasons?: Partial<Record<DoubtReason, number>>;
  readonly methods: Partial<Record<PoseMethod, number>>;
  readonly posture: Readonly<Record<Axis, AxisPosture>>;
  readonly lateralShiftCm: ShiftPosture;
  readonly shoulderElevationDeg: AxisPosture;
  readonly timeInNeutral: NeutralResult;
  readonly rangeOfMotion: Readonly<Record<Axis, AxisRange>>;
  readonly jerks: JerkResult;
  /** Spectra (psd) left out of the JSON for size; the HTML report plots them. */
  readonly tremor: TremorResult;
  readonly severity: SeverityReport;
  /**
   * What the angles were measured against, the resting posture against the anatomical zero, and how far a
   * calibrated neutral is from it (session/referenceSummary.ts). Set by the recording's analyser.
   */
  readonly anatomical?: ReferenceSummary;
  /**
   * The headline numbers under registry keys (`summaryMeasures`): what `geste analyze` lists in its text report and
   * summary.json, and what the phantom benchmark scores (issue 13). Set by the recording's analyser.
   */
  readonly measures?: Readonly<Record<SummaryMeasureKey, number | null>>;
}

function posture(values: readonly (number | null)[]): AxisPosture {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { medianDeg: null, maxPositiveDeg: null, maxNegativeDeg: null };
  const m = xs.length >> 1;
  return {
    medianDeg: xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2,
    maxPositiveDeg: Math.max(0, xs[xs.length - 1]!),
    maxNegativeDeg: Math.min(0, xs[0]!),
  };
}

function shiftPosture(values: readonly (number | null)[]): ShiftPosture {
  const p = posture(values);
  return { medianCm: p.medianDeg, maxPositiveCm: p.maxPositiveDeg, maxNegativeCm: p.maxNegativeDeg };
}

export function summarizeSession(
  frames: readonly FrameMeasure[],
  neutral: NeutralChoice,
  phases: readonly ExamPhase[] = [],
  notes: readonly string[] = [],
  /** The mouth's opening (signal/mouth.ts, from the same landmarks): a tremor peak that is the mouth's rhythm (talking) is not called tremor. */
  mouthOpening: MouthMovement | null = null,
): SessionSummary {
  const reasons: Partial<Record<NotMeasurableReason, number>> = {};
  const methods: Partial<Record<PoseMethod, number>> = {};
  const beyondByAxis: Partial<Record<RangeDirection, number>> = {};
  const doubts: Partial<Record<DoubtReason, number>> = {};
  let measurable = 0, low = 0, none = 0;
  for (const f of frames) {
    if (f.state === 'not-measurable') none++;
    else {
      measurable++;
      if (f.state === 'low-confidence') low++;
    }
    methods[f.method] = (methods[f.method] ?? 0) + 1;
    for (const r of f.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
    for (const d of f.beyondRangeAxes ?? []) beyondByAxis[d] = (beyondByAxis[d] ?? 0) + 1;
    for (const d of f.doubts ?? []) doubts[d] = (doubts[d] ?? 0) + 1;
  }
  const first = frames[0]?.timestampMs ?? 0;
  const last = frames[frames.length - 1]?.timestampMs ?? 0;
  const postureByAxis = {} as Record<Axis, AxisPosture>;
  for (const a of AXES) postureByAxis[a] = posture(frames.map((f) => f[a]));
  const cal = neutral.calibration;
  return {
    format: 'geste-session-summary',
    formatVersion: 2,
    safety: SAFETY_LINE,
    neutral: {
      kind: neutral.neutral.kind,
      requested: neutral.requested,
      fellBackToAnatomical: neutral.fellBackToAnatomical,
      calibrationProblem: cal && !cal.ok ? cal.reason : null,
      ...(neutral.neutral.lensGlare ? { lensGlare: neutral.neutral.lensGlare } : {}),
    },
    notes,
    durationS: frames.length > 1 ? (last - first) / 1000 : 0,
    frames: frames.length,
    measurableFrames: measurable,
    lowConfidenceFrames: low,
    notMeasurableFrames: none,
    notMeasurableReasons: reasons,
    beyondRangeByAxis: beyondByAxis,
    doubtReasons: doubts,
    methods,
    posture: postureByAxis,
    lateralShiftCm: shiftPosture(frames.map((f) => f.lateralShiftCm)),
    shoulderElevationDeg: posture(frames.map((f) => f.shoulderElevationDeg)),
    timeInNeutral: neutralTime(frames),
    rangeOfMotion: rangeOfMotion(frames),
    jerks: detectJerks(frames),
    tremor: analyzeTremor(frames, {}, mouthOpening),
    severity: scoreSession({ frames, neutralKind: neutral.neutral.kind, phases }),
  };
}

/** summary.json: the summary with the raw spectra left out (typed arrays; the HTML report plots them). */
export function summaryToJson(s: SessionSummary): string {
  return JSON.stringify(s, (key, value) => (key === 'psd' ? undefined : value), 2);
}

/**
 * The headline numbers of a summary under registry keys (null = not measured): time within 10° of
 * neutral, longest hold, jerks, tremor (tremor.ts `headline`: the strongest peak from 1 to 8 Hz, on any axis,
 * measured around itself, that stands over the noise, is ≥ 0.1° RMS and is no overtone of a slower rhythm;
 * docs/tremor-peak.md), shift and shoulders (medians).
 */
export function summaryMeasures(s: SessionSummary): Record<SummaryMeasureKey, number | null> {
  const headline = s.tremor.headline ?? null;
  const tremorPeakHz = headline ? headline.peak.freqHz : null;
  const tremorRmsDeg = headline ? headline.peak.rmsDeg : null;
  return {
    timeInNeutralPct: s.timeInNeutral.combined.percentWithin,
    longestHoldS: s.timeInNeutral.longestHoldS,
    jerksPerMin: s.jerks.perMinute,
    jerkPeakVelocityDegPerS: s.jerks.peakVelocityDegPerS,
    tremorPeakHz,
    tremorRmsDeg,
    lateralShiftCm: s.lateralShiftCm.medianCm,
    shoulderElevationDeg: s.shoulderElevationDeg.medianDeg,
  };
}
