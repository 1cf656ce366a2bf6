// ref: house conventions (DESIGN.md, STYLE.md): time comes in as timestampMs; null = not measurable.
import type { Axis, FrameMeasure, Series } from '../measures/types.ts';

/** Closed set of codes for invalid arguments given to signal functions (programming errors, thrown). */
export type SignalErrorCode = 'invalid-parameter' | 'invalid-window';

/** Typed error: a bad parameter, never bad data (bad data gives `not-measurable` results instead). */
export class SignalError extends Error {
  readonly code: SignalErrorCode;
  readonly detail: Readonly<Record<string, unknown>>;
  constructor(code: SignalErrorCode, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SignalError';
    this.code = code;
    this.detail = detail;
  }
}

/** Throws `invalid-parameter` unless `value` is finite and > 0. Message says what was expected and what came. */
export function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new SignalError('invalid-parameter', `${name} must be a finite number > 0, got ${String(value)}. Pass a positive value.`, {
      name,
      value,
    });
  }
}

/** A half-open time range [startMs, endMs). */
export interface TimeRangeMs {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Cleans a series deterministically: samples with a non-finite timestamp are dropped; a sample whose
 * timestamp is not strictly greater than the last kept one (out of order or duplicate) is dropped (the
 * first one wins); non-finite values (NaN, ±Infinity) become null (not measurable).
 */
export function cleanSeries(series: Series): Series {
  const t: number[] = [];
  const v: (number | null)[] = [];
  const n = Math.min(series.timestampsMs.length, series.values.length);
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const ti = series.timestampsMs[i] as number;
    if (!Number.isFinite(ti) || ti <= last) continue;
    const vi = series.values[i];
    t.push(ti);
    v.push(vi === null || vi === undefined || !Number.isFinite(vi) ? null : vi);
    last = ti;
  }
  return { timestampsMs: t, values: v };
}

/** Numeric measure fields of a FrameMeasure that signal functions can read. */
export type MeasureField = Axis | 'lateralShiftCm' | 'shoulderElevationDeg';

/**
 * One measure of a frame list as a cleaned Series. A frame whose state is 'not-measurable' gives null
 * whatever its value; 'low-confidence' values are kept (they are values, with a confidence).
 */
export function seriesFromFrames(frames: readonly FrameMeasure[], field: MeasureField): Series {
  const t: number[] = [];
  const v: (number | null)[] = [];
  for (const f of frames) {
    t.push(f.timestampMs);
    v.push(f.state === 'not-measurable' ? null : f[field]);
  }
  return cleanSeries({ timestampsMs: t, values: v });
}

/** Frames whose timestamp lies in [startMs, endMs). Order is kept. */
export function framesInRange(frames: readonly FrameMeasure[], range: TimeRangeMs): FrameMeasure[] {
  return frames.filter((f) => f.timestampMs >= range.startMs && f.timestampMs < range.endMs);
}

/** Median of the positive successive differences of timestamps, or null with fewer than 2 samples. */
export function medianStepMs(timestampsMs: readonly number[]): number | null {
  const d: number[] = [];
  for (let i = 1; i < timestampsMs.length; i++) {
    const x = (timestampsMs[i] as number) - (timestampsMs[i - 1] as number);
    if (x > 0 && Number.isFinite(x)) d.push(x);
  }
  if (d.length === 0) return null;
  d.sort((a, b) => a - b);
  const m = d.length >> 1;
  return d.length % 2 ? (d[m] as number) : ((d[m - 1] as number) + (d[m] as number)) / 2;
}

/**
 * Time weight of each sample for time-weighted statistics (sample-and-hold): sample i stands for
 * [t_i, t_i + min(t_{i+1} - t_i, maxHoldMs)); the last sample stands for min(median step, maxHoldMs).
 * Time beyond maxHoldMs in a gap counts as not covered by any sample.
 */
export function sampleWeightsMs(timestampsMs: readonly number[], maxHoldMs: number): number[] {
  const n = timestampsMs.length;
  const w = new Array<number>(n);
  const med = medianStepMs(timestampsMs) ?? 0;
  for (let i = 0; i < n; i++) {
    const d = i + 1 < n ? (timestampsMs[i + 1] as number) - (timestampsMs[i] as number) : med;
    w[i] = Math.max(0, Math.min(d, maxHoldMs));
  }
  return w;
}

/** Linear-interpolated quantile (q in [0,1]) of a non-empty sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/**
 * Nominal frame step: the mean of the successive steps that are within 1.5× the median step (so gaps
 * do not count). With jittered timestamps around a fixed rate, the mean keeps an analysis grid in step
 * with the frames, where the median would let it drift against them and linear interpolation would
 * attenuate the higher tremor band. null with fewer than 2 samples.
 */
export function nominalStepMs(t: readonly number[]): number | null {
  const med = medianStepMs(t);
  if (med === null) return null;
  let s = 0;
  let n = 0;
  for (let i = 1; i < t.length; i++) {
    const d = (t[i] as number) - (t[i - 1] as number);
    if (d > 0 && d <= 1.5 * med) {
      s += d;
      n++;
    }
  }
  return n > 0 ? s / n : med;
}
