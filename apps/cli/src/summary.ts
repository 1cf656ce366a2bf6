/**
 * A session's summary: what was measured, how much could be measured, and the clinical measures of
 * docs/clinical.md computed by core's signal and scoring code. Serialised as summary.json.
 */
import {
  AXES,
  type Axis,
  type FrameMeasure,
  type JerkResult,
  type NeutralChoice,
  type NeutralResult,
  type NotMeasurableReason,
  type PoseMethod,
  type AxisRange,
  type TremorResult,
  analyzeTremor,
  detectJerks,
  neutralTime,
  rangeOfMotion,
  scoreSession,
  type SeverityReport,
  type ExamPhase,
} from '@geste/core';

export const SAFETY_LINE =
  'Geste measures and reports head posture and movement. It does not diagnose, and it does not recommend doses or treatment changes: discuss results with your clinician.';

export interface AxisPosture {
  /** Median over measurable frames, deg. */
  readonly medianDeg: number | null;
  /** Largest deviation each way over single frames, deg (positive / negative as docs/clinical.md). */
  readonly maxPositiveDeg: number | null;
  readonly maxNegativeDeg: number | null;
}

export interface SessionSummary {
  readonly format: 'geste-session-summary';
  readonly formatVersion: 1;
  readonly safety: string;
  readonly neutral: {
    readonly kind: NeutralChoice['neutral']['kind'];
    readonly requested: NeutralChoice['requested'];
    readonly fellBackToAnatomical: boolean;
    readonly calibrationProblem: string | null;
  };
  /** Things about the input a reader should know (truncated file, rotation, dropped frames). */
  readonly notes: readonly string[];
  readonly durationS: number;
  readonly frames: number;
  readonly measurableFrames: number;
  readonly lowConfidenceFrames: number;
  readonly notMeasurableFrames: number;
  readonly notMeasurableReasons: Partial<Record<NotMeasurableReason, number>>;
  readonly methods: Partial<Record<PoseMethod, number>>;
  readonly posture: Readonly<Record<Axis, AxisPosture>>;
  readonly lateralShiftCm: AxisPosture;
  readonly shoulderElevationDeg: AxisPosture;
  readonly timeInNeutral: NeutralResult;
  readonly rangeOfMotion: Readonly<Record<Axis, AxisRange>>;
  readonly jerks: JerkResult;
  /** Spectra (psd) left out of the JSON for size; the HTML report plots them. */
  readonly tremor: TremorResult;
  readonly severity: SeverityReport;
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

export function summarizeSession(
  frames: readonly FrameMeasure[],
  neutral: NeutralChoice,
  phases: readonly ExamPhase[] = [],
  notes: readonly string[] = [],
): SessionSummary {
  const reasons: Partial<Record<NotMeasurableReason, number>> = {};
  const methods: Partial<Record<PoseMethod, number>> = {};
  let measurable = 0, low = 0, none = 0;
  for (const f of frames) {
    if (f.state === 'not-measurable') none++;
    else {
      measurable++;
      if (f.state === 'low-confidence') low++;
    }
    methods[f.method] = (methods[f.method] ?? 0) + 1;
    for (const r of f.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
  }
  const first = frames[0]?.timestampMs ?? 0;
  const last = frames[frames.length - 1]?.timestampMs ?? 0;
  const postureByAxis = {} as Record<Axis, AxisPosture>;
  for (const a of AXES) postureByAxis[a] = posture(frames.map((f) => f[a]));
  const cal = neutral.calibration;
  return {
    format: 'geste-session-summary',
    formatVersion: 1,
    safety: SAFETY_LINE,
    neutral: {
      kind: neutral.neutral.kind,
      requested: neutral.requested,
      fellBackToAnatomical: neutral.fellBackToAnatomical,
      calibrationProblem: cal && !cal.ok ? cal.reason : null,
    },
    notes,
    durationS: frames.length > 1 ? (last - first) / 1000 : 0,
    frames: frames.length,
    measurableFrames: measurable,
    lowConfidenceFrames: low,
    notMeasurableFrames: none,
    notMeasurableReasons: reasons,
    methods,
    posture: postureByAxis,
    lateralShiftCm: posture(frames.map((f) => f.lateralShiftCm)),
    shoulderElevationDeg: posture(frames.map((f) => f.shoulderElevationDeg)),
    timeInNeutral: neutralTime(frames),
    rangeOfMotion: rangeOfMotion(frames),
    jerks: detectJerks(frames),
    tremor: analyzeTremor(frames),
    severity: scoreSession({ frames, neutralKind: neutral.neutral.kind, phases }),
  };
}

/** summary.json: the summary with the raw spectra left out (typed arrays; the HTML report plots them). */
export function summaryToJson(s: SessionSummary): string {
  return JSON.stringify(s, (key, value) => (key === 'psd' ? undefined : value), 2);
}
