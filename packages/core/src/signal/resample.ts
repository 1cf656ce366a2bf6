// ref: linear interpolation onto a uniform grid (textbook; e.g. numpy.interp semantics between samples),
// with gaps longer than a bound left as not-measurable instead of being bridged.
import type { Series } from '../measures/types.ts';
import { cleanSeries, requirePositive } from './series.ts';

/** A series on a uniform grid: sample k is at startMs + k·stepMs. null = not measurable. */
export interface UniformSeries {
  readonly startMs: number;
  readonly stepMs: number;
  readonly values: (number | null)[];
}

export interface ResampleOptions {
  /** Grid step, ms (> 0). */
  readonly stepMs: number;
  /**
   * Two consecutive measured samples further apart than this are not bridged: grid points between
   * them are null. A null sample between two measured ones always breaks the bridge.
   */
  readonly maxGapMs: number;
  /** First grid time; default the first sample's timestamp. */
  readonly startMs?: number;
  /** Last grid time is ≤ this; default the last sample's timestamp. */
  readonly endMs?: number;
  /**
   * 'linear' (default), or 'cubic': cubic Hermite with finite-difference (Catmull-Rom-like) tangents on
   * the actual timestamps, which attenuates fast content (e.g. a 7 Hz tremor at 30 fps) far less than linear
   * interpolation when timestamps jitter. Falls back to linear next to a gap or a null.
   */
  readonly method?: 'linear' | 'cubic';
}

/**
 * Puts an irregular series on a uniform grid by linear interpolation between consecutive measured
 * samples. A grid point that falls exactly on a measured sample takes its value exactly, so a series
 * already on the grid comes back unchanged. Grid points outside the data, in a gap > maxGapMs, or next to
 * a null sample are null. Input is cleaned first (`cleanSeries`: out-of-order/duplicate timestamps dropped,
 * NaN → null). An empty series gives an empty grid.
 */
export function resampleUniform(series: Series, options: ResampleOptions): UniformSeries {
  requirePositive('stepMs', options.stepMs);
  requirePositive('maxGapMs', options.maxGapMs);
  const s = cleanSeries(series);
  const t = s.timestampsMs;
  const v = s.values;
  const n = t.length;
  const step = options.stepMs;
  if (n === 0) return { startMs: options.startMs ?? 0, stepMs: step, values: [] };
  const start = options.startMs ?? (t[0] as number);
  const end = options.endMs ?? (t[n - 1] as number);
  // Small tolerance so that a grid computed as start + k·step lands on samples written the same way.
  const count = end >= start ? Math.floor((end - start) / step + 1e-9) + 1 : 0;
  const out = new Array<number | null>(count);
  let i = 0; // index of the last sample with t[i] <= tk
  for (let k = 0; k < count; k++) {
    const tk = start + k * step;
    while (i + 1 < n && (t[i + 1] as number) <= tk) i++;
    const ti = t[i] as number;
    const vi = v[i] ?? null;
    if (tk < ti) {
      out[k] = null; // before the first sample
    } else if (tk === ti) {
      out[k] = vi;
    } else if (i + 1 >= n) {
      out[k] = null; // after the last sample
    } else {
      const tj = t[i + 1] as number;
      const vj = v[i + 1] ?? null;
      if (vi === null || vj === null || tj - ti > options.maxGapMs) out[k] = null;
      else if (options.method === 'cubic') out[k] = hermite(t, v, i, tk, options.maxGapMs);
      else out[k] = vi + ((vj - vi) * (tk - ti)) / (tj - ti);
    }
  }
  return { startMs: start, stepMs: step, values: out };
}

/** Tangent at sample i from its neighbours (one-sided at a gap or null; 0 if isolated). */
function tangent(t: readonly number[], v: readonly (number | null)[], i: number, maxGapMs: number): number {
  const ti = t[i] as number;
  const vi = v[i] as number;
  const pOk = i > 0 && v[i - 1] !== null && v[i - 1] !== undefined && ti - (t[i - 1] as number) <= maxGapMs;
  const nOk = i + 1 < t.length && v[i + 1] !== null && v[i + 1] !== undefined && (t[i + 1] as number) - ti <= maxGapMs;
  if (pOk && nOk) return ((v[i + 1] as number) - (v[i - 1] as number)) / ((t[i + 1] as number) - (t[i - 1] as number));
  if (nOk) return ((v[i + 1] as number) - vi) / ((t[i + 1] as number) - ti);
  if (pOk) return (vi - (v[i - 1] as number)) / (ti - (t[i - 1] as number));
  return 0;
}

/** Cubic Hermite between samples i and i+1 (both measured, gap ≤ maxGapMs) at time tk. */
function hermite(t: readonly number[], v: readonly (number | null)[], i: number, tk: number, maxGapMs: number): number {
  const t0 = t[i] as number;
  const t1 = t[i + 1] as number;
  const h = t1 - t0;
  const u = (tk - t0) / h;
  const y0 = v[i] as number;
  const y1 = v[i + 1] as number;
  const m0 = tangent(t, v, i, maxGapMs) * h;
  const m1 = tangent(t, v, i + 1, maxGapMs) * h;
  const u2 = u * u;
  const u3 = u2 * u;
  return (2 * u3 - 3 * u2 + 1) * y0 + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * y1 + (u3 - u2) * m1;
}

/** Maximal runs of consecutive non-null values of a uniform series, as [startIndex, endIndexExclusive). */
export function measuredRuns(values: readonly (number | null)[], minLength = 1): Array<readonly [number, number]> {
  const runs: Array<readonly [number, number]> = [];
  let s = -1;
  for (let k = 0; k <= values.length; k++) {
    const ok = k < values.length && values[k] !== null;
    if (ok && s < 0) s = k;
    if (!ok && s >= 0) {
      if (k - s >= minLength) runs.push([s, k]);
      s = -1;
    }
  }
  return runs;
}
