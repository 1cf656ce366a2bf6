/**
 * Accuracy of measured head angles against the phantom's ground truth. Pure: no I/O.
 *
 * Per axis and per range band of |truth| (0–15, 15–30, 30–45, 45–60, 60–80°): mean absolute error and
 * 95th-percentile error over the frames claimed measurable, the share of frames marked not measurable,
 * and how many frames were claimed measurable but off by more than 10°.
 * Tremor, jerk and time-in-neutral comparisons take summary numbers, so they do not depend on the
 * signal library's types.
 */
import { AXES, analyzeTremorAxis, type Axis, type MeasureState } from '@geste/core';
import type { TruthRow } from './truth.ts';

export interface MeasuredRow {
  readonly frameIndex: number;
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
  readonly state: MeasureState;
}

export const RANGE_BANDS_DEG: readonly (readonly [number, number])[] = [[0, 15], [15, 30], [30, 45], [45, 60], [60, 80]];
/** "Claimed measurable but wrong" threshold. */
export const GROSS_ERROR_DEG = 10;

export interface ErrorStats {
  /** Frames compared (truth present and inside the band). */
  readonly frames: number;
  /** Frames with a value claimed (state not 'not-measurable' and value not null). */
  readonly measuredFrames: number;
  readonly maeDeg: number | null;
  readonly p95Deg: number | null;
  readonly maxDeg: number | null;
  /** Share (0..1) of frames with no value. */
  readonly shareNotMeasurable: number;
  /** Frames with a value that is off by more than GROSS_ERROR_DEG. */
  readonly claimedButOffBy10: number;
}

export interface AxisAccuracy {
  readonly axis: Axis;
  readonly all: ErrorStats;
  readonly bands: readonly { readonly loDeg: number; readonly hiDeg: number; readonly stats: ErrorStats }[];
}

/** Nearest-rank percentile of a non-empty array (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new RangeError('percentile of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

function stats(pairs: readonly { truth: number; measured: number | null }[]): ErrorStats {
  const errs: number[] = [];
  let gross = 0;
  for (const p of pairs) {
    if (p.measured === null) continue;
    const e = Math.abs(p.measured - p.truth);
    errs.push(e);
    if (e > GROSS_ERROR_DEG) gross++;
  }
  return {
    frames: pairs.length,
    measuredFrames: errs.length,
    maeDeg: errs.length ? errs.reduce((a, b) => a + b, 0) / errs.length : null,
    p95Deg: errs.length ? percentile(errs, 95) : null,
    maxDeg: errs.length ? Math.max(...errs) : null,
    shareNotMeasurable: pairs.length ? (pairs.length - errs.length) / pairs.length : 0,
    claimedButOffBy10: gross,
  };
}

export interface CompareOptions {
  /** Only frames satisfying this are compared (e.g. skip the calibration rest, or hand-over-face frames). */
  readonly include?: (t: TruthRow) => boolean;
}

/** Joins measured rows to truth rows by frameIndex (missing measured rows count as not measurable). */
export function joinFrames(truth: readonly TruthRow[], measured: readonly MeasuredRow[]): { truth: TruthRow; measured: MeasuredRow | null }[] {
  const byIndex = new Map<number, MeasuredRow>();
  for (const m of measured) byIndex.set(m.frameIndex, m);
  return truth.map((t) => ({ truth: t, measured: byIndex.get(t.frameIndex) ?? null }));
}

function valueOf(m: MeasuredRow | null, axis: Axis): number | null {
  if (m === null || m.state === 'not-measurable') return null;
  const v = m[axis];
  return v === null || !Number.isFinite(v) ? null : v;
}

export function compareAngles(truth: readonly TruthRow[], measured: readonly MeasuredRow[], opts: CompareOptions = {}): AxisAccuracy[] {
  const joined = joinFrames(truth, measured).filter((j) => opts.include?.(j.truth) ?? true);
  return AXES.map((axis) => {
    const pairs = joined.map((j) => ({ truth: j.truth[axis], measured: valueOf(j.measured, axis) }));
    const bands = RANGE_BANDS_DEG.map(([lo, hi]) => ({
      loDeg: lo, hiDeg: hi,
      stats: stats(pairs.filter((p) => Math.abs(p.truth) >= lo && (Math.abs(p.truth) < hi || (hi === 80 && Math.abs(p.truth) <= hi)))),
    }));
    return { axis, all: stats(pairs), bands };
  });
}

// ---- targets (issue 8) ------------------------------------------------------------------------------

export const TARGETS = {
  /** MAE per axis over frames within ±45° rotation, ±30° tilt, ±30° flexion. */
  coreMaeDeg: 3,
  coreRange: { rotationDeg: 45, tiltDeg: 30, flexionDeg: 30 } as Readonly<Record<Axis, number>>,
  /** 45–80° rotation: within 5° or marked not measurable; never off by > 10° while claimed measurable. */
  wideRotationWithinDeg: 5,
  tremorFrequencyHz: 0.25,
  /** Relative amplitude error, for tremors of ≥ 1°. */
  tremorAmplitudeRel: 0.2,
  tremorAmplitudeMinDeg: 1,
  jerkRecall: 0.9,
  jerkPrecision: 0.9,
  /** Time within 10° of neutral over a 60 s hold, seconds. */
  timeInNeutralS: 2,
} as const;

export function inCoreRange(t: Pick<TruthRow, Axis>): boolean {
  return AXES.every((a) => Math.abs(t[a]) <= TARGETS.coreRange[a]);
}

export interface CoreRangeResult {
  readonly perAxis: readonly { axis: Axis; stats: ErrorStats; pass: boolean }[];
}

/** MAE per axis over frames whose truth is inside the core range (all three axes). */
export function coreRangeAccuracy(truth: readonly TruthRow[], measured: readonly MeasuredRow[], opts: CompareOptions = {}): CoreRangeResult {
  const acc = compareAngles(truth, measured, { include: (t) => inCoreRange(t) && (opts.include?.(t) ?? true) });
  return {
    perAxis: acc.map((a) => ({ axis: a.axis, stats: a.all, pass: a.all.maeDeg !== null && a.all.maeDeg <= TARGETS.coreMaeDeg })),
  };
}

export interface WideRotationResult {
  readonly frames: number;
  /** Frames either not measurable or within 5°. */
  readonly okFrames: number;
  readonly notMeasurableFrames: number;
  readonly claimedButOffBy10: number;
  readonly pass: boolean;
}

/** 45° < |rotation truth| ≤ 80°: each frame within 5° or not measurable; none off by > 10° while claimed. */
export function wideRotationAccuracy(truth: readonly TruthRow[], measured: readonly MeasuredRow[], opts: CompareOptions = {}): WideRotationResult {
  let frames = 0, ok = 0, nm = 0, gross = 0;
  for (const j of joinFrames(truth, measured)) {
    const a = Math.abs(j.truth.rotationDeg);
    if (a <= 45 || a > 80 || !(opts.include?.(j.truth) ?? true)) continue;
    frames++;
    const v = valueOf(j.measured, 'rotationDeg');
    if (v === null) { nm++; ok++; continue; }
    const e = Math.abs(v - j.truth.rotationDeg);
    if (e <= TARGETS.wideRotationWithinDeg) ok++;
    if (e > GROSS_ERROR_DEG) gross++;
  }
  return { frames, okFrames: ok, notMeasurableFrames: nm, claimedButOffBy10: gross, pass: gross === 0 && ok === frames };
}

export interface TremorComparison {
  readonly truthHz: number;
  readonly measuredHz: number | null;
  readonly frequencyErrorHz: number | null;
  readonly truthAmplitudeDeg: number;
  readonly measuredAmplitudeDeg: number | null;
  /** |measured − truth| / truth. */
  readonly amplitudeErrorRel: number | null;
  readonly pass: boolean;
}

/** Frequency within 0.25 Hz; amplitude (same definition on both sides, e.g. RMS) within 20 % when ≥ 1°. */
export function compareTremor(truth: { frequencyHz: number; amplitudeDeg: number }, measured: { frequencyHz: number | null; amplitudeDeg: number | null }): TremorComparison {
  const fErr = measured.frequencyHz === null ? null : Math.abs(measured.frequencyHz - truth.frequencyHz);
  const aErr = measured.amplitudeDeg === null || truth.amplitudeDeg === 0 ? null : Math.abs(measured.amplitudeDeg - truth.amplitudeDeg) / truth.amplitudeDeg;
  const ampMatters = truth.amplitudeDeg >= TARGETS.tremorAmplitudeMinDeg;
  const pass = fErr !== null && fErr <= TARGETS.tremorFrequencyHz && (!ampMatters || (aErr !== null && aErr <= TARGETS.tremorAmplitudeRel));
  return { truthHz: truth.frequencyHz, measuredHz: measured.frequencyHz, frequencyErrorHz: fErr, truthAmplitudeDeg: truth.amplitudeDeg, measuredAmplitudeDeg: measured.amplitudeDeg, amplitudeErrorRel: aErr, pass };
}

/** Band RMS and spectral peak of the band holding `frequencyHz`, from core `analyzeTremorAxis` (Welch). */
export interface TremorBandReading {
  readonly rmsDeg: number;
  readonly peakFreqHz: number;
}

function bandReading(timestampsMs: readonly number[], values: readonly (number | null)[], axis: Axis, frequencyHz: number): TremorBandReading | null {
  const r = analyzeTremorAxis(axis, { timestampsMs, values });
  if (!r.measurable) return null;
  const band = r.bands.find((b) => b.loHz <= frequencyHz && frequencyHz < b.hiHz) ?? null;
  return band === null ? null : { rmsDeg: band.rmsDeg, peakFreqHz: band.peakFreqHz };
}

/**
 * A scripted tremor read by the same analyser (core `analyzeTremorAxis`) on the truth angles and on the
 * measured angles, both cut to the interval where the script has the tremor — so both sides share
 * windows and segments, and the turn into a posture before the tremor starts is not read as a slow
 * "tremor" (a 1.2 Hz tremor shares the 0–1.5 Hz band with that turn). Null on a side that cannot be
 * analysed (too short, too many not-measurable frames).
 */
export function tremorOverInterval(
  truth: readonly TruthRow[],
  measured: readonly MeasuredRow[],
  tremor: { axis: Axis; startMs: number; endMs: number; frequencyHz: number },
): { truth: TremorBandReading | null; measured: TremorBandReading | null } {
  const rows = joinFrames(truth, measured).filter((x) => x.truth.timestampMs >= tremor.startMs && x.truth.timestampMs < tremor.endMs);
  const t = rows.map((x) => x.truth.timestampMs);
  const measuredValues = rows.map((x) => valueOf(x.measured, tremor.axis));
  return {
    truth: bandReading(t, rows.map((x) => x.truth[tremor.axis]), tremor.axis, tremor.frequencyHz),
    measured: bandReading(t, measuredValues, tremor.axis, tremor.frequencyHz),
  };
}

/** The truth side of `tremorOverInterval` over the whole clip (the analyser's own windows). */
export function truthTremorBand(truth: readonly TruthRow[], axis: Axis, frequencyHz: number): TremorBandReading | null {
  return bandReading(truth.map((t) => t.timestampMs), truth.map((t) => t[axis]), axis, frequencyHz);
}

export interface JerkComparison {
  readonly truth: number;
  readonly detected: number;
  readonly matched: number;
  readonly recall: number;
  readonly precision: number;
  readonly pass: boolean;
}

/**
 * Matches detected jerks to true jerks one-to-one: a detection matches the nearest unmatched true jerk
 * whose peak is within `toleranceMs` of its peak (and on the same axis when both give one).
 */
export function compareJerks(
  truth: readonly { peakMs: number; axis?: Axis }[],
  detected: readonly { peakMs: number; axis?: Axis }[],
  toleranceMs = 250,
  sameAxis = false,
): JerkComparison {
  const used = new Set<number>();
  let matched = 0;
  const order = [...detected].sort((a, b) => a.peakMs - b.peakMs);
  for (const d of order) {
    let best = -1, bestDt = Infinity;
    truth.forEach((t, i) => {
      if (used.has(i)) return;
      if (sameAxis && d.axis !== undefined && t.axis !== undefined && d.axis !== t.axis) return;
      const dt = Math.abs(t.peakMs - d.peakMs);
      if (dt <= toleranceMs && dt < bestDt) { best = i; bestDt = dt; }
    });
    if (best >= 0) { used.add(best); matched++; }
  }
  const recall = truth.length ? matched / truth.length : 1;
  const precision = detected.length ? matched / detected.length : truth.length ? 0 : 1;
  return { truth: truth.length, detected: detected.length, matched, recall, precision, pass: recall >= TARGETS.jerkRecall && precision >= TARGETS.jerkPrecision };
}

export interface NeutralTimeComparison {
  readonly truthS: number;
  readonly measuredS: number | null;
  readonly errorS: number | null;
  readonly pass: boolean;
}

export function compareTimeInNeutral(truthS: number, measuredS: number | null): NeutralTimeComparison {
  const err = measuredS === null ? null : Math.abs(measuredS - truthS);
  return { truthS, measuredS, errorS: err, pass: err !== null && err <= TARGETS.timeInNeutralS };
}
