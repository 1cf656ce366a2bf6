// ref: event detection by threshold + minimum excursion + refractory time on a smoothed signal, as used
// for saccade/movement onset detection (e.g. R. Engbert, R. Kliegl, "Microsaccades uncover the orientation
// of covert attention", Vision Res. 43, 2003 — velocity from a smoothed signal, noise-adaptive threshold
// from a median-based SD). Jerks in cervical dystonia: docs/clinical.md ("brief high-velocity deviations").
import { AXES, type Axis, type FrameMeasure, type Series } from '../measures/types.ts';
import { measuredRuns, resampleUniform } from './resample.ts';
import { cleanSeries, nominalStepMs, requirePositive, seriesFromFrames } from './series.ts';

/**
 * Thresholds, and why:
 * - baselineWindowMs 2000: running median = the slow posture/drift. A jerk (≤ 500 ms) fills at most a
 *   quarter of the window, so the median ignores it; slow drift (seconds) is followed.
 * - smoothingSigmaMs 25: light Gaussian smoothing before differentiation; cuts frame-to-frame landmark
 *   noise in the velocity while a 100–150 ms jerk keeps most of its peak (σ = 40 ms lost short jerks on
 *   synthetic tests: their energy sits near 8 Hz, where a 40 ms Gaussian passes only ≈ 13 %).
 * - minExcursionDeg 5 and noiseK 4: a candidate must leave the baseline by max(5°, 4 × the robust SD of
 *   the deviation). Half the smallest jerk described (10°); 4 robust SDs sit above the peaks of any
 *   steady tremor (a sine's robust SD ≈ 1.05 × amplitude), so tremor alone never triggers.
 * - minPeakVelocityDegPerS 30: "high-velocity": a 10° excursion and back within 500 ms peaks at ≥ 63 deg/s;
 *   30 deg/s leaves margin for smoothing and rejects slow swings.
 * - edgeFraction 0.2: start/end are where the deviation falls below 20 % of its peak.
 * - maxDurationMs 800 (start→end) and the return check (level after the end within half the excursion of
 *   the level before the start): a jerk returns; a lasting change of posture is not a jerk.
 * - refractoryMs 250: a second candidate starting within 250 ms of the end of the previous one (on any
 *   axis) is the same event (overshoot, rebound, or the same movement seen on two axes).
 */
export interface JerkOptions {
  readonly baselineWindowMs: number;
  readonly smoothingSigmaMs: number;
  readonly minExcursionDeg: number;
  readonly noiseK: number;
  readonly minPeakVelocityDegPerS: number;
  readonly edgeFraction: number;
  readonly maxDurationMs: number;
  readonly refractoryMs: number;
  /** Gaps up to this are bridged; default max(100 ms, 2.5 frames). A jerk touching a longer gap is not counted. */
  readonly maxGapMs?: number;
}

export const JERK_DEFAULTS: JerkOptions = {
  baselineWindowMs: 2000,
  smoothingSigmaMs: 25,
  minExcursionDeg: 5,
  noiseK: 4,
  minPeakVelocityDegPerS: 30,
  edgeFraction: 0.2,
  maxDurationMs: 800,
  refractoryMs: 250,
};

export interface Jerk {
  readonly axis: Axis;
  readonly startMs: number;
  readonly peakMs: number;
  readonly endMs: number;
  /** Signed peak deviation from the running baseline, deg (sign as the axis, docs/clinical.md). */
  readonly excursionDeg: number;
  /**
   * Peak |angular velocity| of the smoothed signal between start and end, deg/s. Underestimates jerks that
   * span few frames (at 30 fps a 120 ms jerk reads ≈ 35 % of its true peak; from 300 ms on, within 30 %).
   */
  readonly peakVelocityDegPerS: number;
}

export interface JerkResult {
  readonly jerks: readonly Jerk[];
  readonly count: number;
  /** count / measured minutes; null when nothing was measured. */
  readonly perMinute: number | null;
  /** Largest peak velocity over all jerks, deg/s; null when there are none. */
  readonly peakVelocityDegPerS: number | null;
  /** Time with at least one axis measurable on the analysis grid, s (the denominator of perMinute). */
  readonly measuredS: number;
  /** Excursion threshold actually used per axis (max(minExcursionDeg, noiseK × robust SD)), deg; null if unmeasured. */
  readonly thresholdDeg: Readonly<Record<Axis, number | null>>;
}

export function detectJerks(frames: readonly FrameMeasure[], options: Partial<JerkOptions> = {}): JerkResult {
  const series = {} as Record<Axis, Series>;
  for (const a of AXES) series[a] = seriesFromFrames(frames, a);
  return detectJerksSeries(series, options);
}

export function detectJerksSeries(series: Readonly<Record<Axis, Series>>, options: Partial<JerkOptions> = {}): JerkResult {
  const o = { ...JERK_DEFAULTS, ...options };
  for (const k of ['baselineWindowMs', 'smoothingSigmaMs', 'minExcursionDeg', 'noiseK', 'minPeakVelocityDegPerS', 'edgeFraction', 'maxDurationMs', 'refractoryMs'] as const) {
    requirePositive(k, o[k]);
  }
  const candidates: Jerk[] = [];
  const thresholdDeg = {} as Record<Axis, number | null>;
  // Measured time: union over axes of measured grid time, from a common coverage of sample intervals.
  const covered: Array<readonly [number, number]> = [];
  for (const axis of AXES) {
    const r = detectAxis(axis, series[axis], o);
    thresholdDeg[axis] = r.thresholdDeg;
    candidates.push(...r.jerks);
    covered.push(...r.coveredMs);
  }
  const measuredS = unionLengthMs(covered) / 1000;
  candidates.sort((a, b) => a.startMs - b.startMs || a.peakMs - b.peakMs);
  const merged: Jerk[] = [];
  for (const c of candidates) {
    const last = merged[merged.length - 1];
    if (last && c.startMs <= last.endMs + o.refractoryMs) {
      const keep = Math.abs(c.excursionDeg) > Math.abs(last.excursionDeg) ? c : last;
      merged[merged.length - 1] = {
        ...keep,
        startMs: Math.min(last.startMs, c.startMs),
        endMs: Math.max(last.endMs, c.endMs),
        peakVelocityDegPerS: Math.max(last.peakVelocityDegPerS, c.peakVelocityDegPerS),
      };
    } else {
      merged.push(c);
    }
  }
  const peak = merged.reduce<number | null>((m, j) => (m === null || j.peakVelocityDegPerS > m ? j.peakVelocityDegPerS : m), null);
  return {
    jerks: merged,
    count: merged.length,
    perMinute: measuredS > 0 ? merged.length / (measuredS / 60) : null,
    peakVelocityDegPerS: peak,
    measuredS,
    thresholdDeg,
  };
}

interface AxisJerks {
  readonly jerks: Jerk[];
  readonly thresholdDeg: number | null;
  readonly coveredMs: Array<readonly [number, number]>;
}

function detectAxis(axis: Axis, input: Series, o: JerkOptions): AxisJerks {
  const s = cleanSeries(input);
  const measuredT = s.timestampsMs.filter((_, i) => s.values[i] !== null);
  const step = nominalStepMs(measuredT);
  if (step === null) return { jerks: [], thresholdDeg: null, coveredMs: [] };
  const grid = resampleUniform(s, { stepMs: step, maxGapMs: o.maxGapMs ?? Math.max(100, 2.5 * step) });
  const runs = measuredRuns(grid.values);
  const tOf = (k: number): number => grid.startMs + k * step;
  const coveredMs = runs.map(([a, b]) => [tOf(a), tOf(b - 1) + step] as const);
  const halfBase = Math.max(1, Math.round(o.baselineWindowMs / 2 / step));
  const sigma = o.smoothingSigmaMs / step;
  const kernel = gaussianKernel(sigma);
  // Deviation from baseline and velocity, per run.
  const perRun = runs.map(([a, b]) => {
    const x = new Float64Array(b - a);
    for (let i = a; i < b; i++) x[i - a] = grid.values[i] as number;
    const xs = convolveSame(x, kernel);
    const base = runningMedian(x, halfBase);
    const d = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) d[i] = (xs[i] as number) - (base[i] as number);
    const vel = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const lo = Math.max(0, i - 1);
      const hi = Math.min(x.length - 1, i + 1);
      vel[i] = hi > lo ? (((xs[hi] as number) - (xs[lo] as number)) / ((hi - lo) * step)) * 1000 : 0;
    }
    return { a, x, xs, d, vel };
  });
  // One robust SD for the whole axis (median absolute deviation of the deviation signal).
  const absAll: number[] = [];
  for (const r of perRun) for (const v of r.d) absAll.push(Math.abs(v));
  if (absAll.length === 0) return { jerks: [], thresholdDeg: null, coveredMs };
  absAll.sort((p, q) => p - q);
  const robustSd = 1.4826 * (absAll[absAll.length >> 1] as number);
  const theta = Math.max(o.minExcursionDeg, o.noiseK * robustSd);
  const jerks: Jerk[] = [];
  const retWin = Math.max(1, Math.round(200 / step));
  for (const { a, x, d, vel } of perRun) {
    const n = d.length;
    let i = 0;
    while (i < n) {
      if (Math.abs(d[i] as number) < theta) {
        i++;
        continue;
      }
      // Region above threshold with one sign.
      const sign = Math.sign(d[i] as number);
      let j = i;
      let pk = i;
      while (j < n && Math.sign(d[j] as number) === sign && Math.abs(d[j] as number) >= theta) {
        if (Math.abs(d[j] as number) > Math.abs(d[pk] as number)) pk = j;
        j++;
      }
      const peakAbs = Math.abs(d[pk] as number);
      const edge = o.edgeFraction * peakAbs;
      let st = i;
      while (st > 0 && Math.sign(d[st - 1] as number) === sign && Math.abs(d[st - 1] as number) > edge) st--;
      let en = j - 1;
      while (en < n - 1 && Math.sign(d[en + 1] as number) === sign && Math.abs(d[en + 1] as number) > edge) {
        en++;
        if (Math.abs(d[en] as number) > peakAbs) break; // rises again: let the next region handle it
      }
      i = Math.max(j, en + 1);
      const touchesGap = st === 0 || en === n - 1;
      if (touchesGap) continue;
      const durMs = (en - st) * step;
      if (durMs > o.maxDurationMs) continue;
      let vMax = 0;
      for (let k = st; k <= en; k++) vMax = Math.max(vMax, Math.abs(vel[k] as number));
      if (vMax < o.minPeakVelocityDegPerS) continue;
      // Return check on the raw signal: level after the end vs level before the start.
      const before = meanOf(x, Math.max(0, st - retWin), st);
      const after = meanOf(x, en + 1, Math.min(n, en + 1 + retWin));
      if (before === null || after === null || Math.abs(after - before) > 0.5 * peakAbs) continue;
      jerks.push({
        axis,
        startMs: tOf(a + st),
        peakMs: tOf(a + pk),
        endMs: tOf(a + en),
        excursionDeg: d[pk] as number,
        peakVelocityDegPerS: vMax,
      });
    }
  }
  return { jerks, thresholdDeg: theta, coveredMs };
}

function meanOf(x: Float64Array, from: number, to: number): number | null {
  if (to <= from) return null;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] as number;
  return s / (to - from);
}

function gaussianKernel(sigmaSamples: number): Float64Array {
  const half = Math.max(1, Math.ceil(3 * sigmaSamples));
  const k = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let i = -half; i <= half; i++) {
    const v = sigmaSamples > 0 ? Math.exp(-(i * i) / (2 * sigmaSamples * sigmaSamples)) : i === 0 ? 1 : 0;
    k[i + half] = v;
    sum += v;
  }
  for (let i = 0; i < k.length; i++) k[i] = (k[i] as number) / sum;
  return k;
}

/** Same-length convolution; at the ends the kernel is renormalised over the samples that exist. */
function convolveSame(x: Float64Array, k: Float64Array): Float64Array {
  const half = (k.length - 1) >> 1;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    let w = 0;
    for (let j = -half; j <= half; j++) {
      const idx = i + j;
      if (idx < 0 || idx >= x.length) continue;
      const kv = k[j + half] as number;
      s += kv * (x[idx] as number);
      w += kv;
    }
    out[i] = s / w;
  }
  return out;
}

/** Centred running median over [i − half, i + half] (truncated at the ends), with a sorted sliding window. */
export function runningMedian(x: ArrayLike<number>, half: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const win: number[] = [];
  /** First index whose value is ≥ v (binary search in the sorted window). */
  const lowerBound = (v: number): number => {
    let lo = 0;
    let hi = win.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if ((win[m] as number) < v) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const insert = (v: number): void => {
    win.splice(lowerBound(v), 0, v);
  };
  const remove = (v: number): void => {
    win.splice(lowerBound(v), 1);
  };
  let L = 0;
  let R = -1; // window is x[L..R]
  for (let i = 0; i < n; i++) {
    const wantL = Math.max(0, i - half);
    const wantR = Math.min(n - 1, i + half);
    while (R < wantR) insert(x[++R] as number);
    while (L < wantL) remove(x[L++] as number);
    const m = win.length;
    out[i] = m % 2 ? (win[m >> 1] as number) : ((win[(m >> 1) - 1] as number) + (win[m >> 1] as number)) / 2;
  }
  return out;
}

function unionLengthMs(ranges: Array<readonly [number, number]>): number {
  const r = ranges.slice().sort((p, q) => p[0] - q[0]);
  let total = 0;
  let cs = -Infinity;
  let ce = -Infinity;
  for (const [s, e] of r) {
    if (s > ce) {
      if (ce > cs) total += ce - cs;
      cs = s;
      ce = e;
    } else if (e > ce) ce = e;
  }
  if (ce > cs) total += ce - cs;
  return total;
}
