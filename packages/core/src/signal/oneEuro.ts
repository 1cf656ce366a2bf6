// ref: G. Casiez, N. Roussel, D. Vogel, "1€ Filter: A Simple Speed-based Low-pass Filter for Noisy Input
// in Interactive Systems", CHI 2012, doi:10.1145/2207676.2208639 (alpha = 1/(1 + tau/Te), tau = 1/(2π fc),
// fc = minCutoff + beta·|dx̂|).
import type { Series } from '../measures/types.ts';
import { cleanSeries, requirePositive, SignalError } from './series.ts';

export interface OneEuroParams {
  /** Cutoff at zero speed, Hz. Lower = smoother when still, more lag. */
  readonly minCutoffHz: number;
  /** Cutoff increase per unit of speed, Hz per (unit/s); for angles Hz per (deg/s). Higher = less lag when moving. */
  readonly beta: number;
  /** Cutoff of the derivative low-pass, Hz. */
  readonly dCutoffHz: number;
  /**
   * A gap longer than this between accepted samples restarts the filter at the new value, so a jump
   * that happened while nothing was measured is not smeared in from stale state. Infinity disables.
   */
  readonly resetAfterGapMs: number;
}

/**
 * Defaults for head angles in degrees shown as live biofeedback: 1 Hz at rest keeps sub-degree landmark
 * jitter off the display; beta 0.02 /(deg/s) raises the cutoff to ~3 Hz at 100 deg/s so a turn is
 * followed with little lag; 1 Hz derivative cutoff as in the paper.
 */
export const ONE_EURO_DEFAULTS: OneEuroParams = {
  minCutoffHz: 1.0,
  beta: 0.02,
  dCutoffHz: 1.0,
  resetAfterGapMs: 500,
};

/** Snapshot of the filter state (for tests, replay and persistence). */
export interface OneEuroState {
  readonly lastTimestampMs: number | null;
  readonly xHat: number | null;
  readonly dxHat: number;
}

function alpha(cutoffHz: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtS);
}

/**
 * 1€ filter with explicit state, driven by the timestamps it is given (never a clock).
 *
 * Bad input, deterministic:
 * - non-finite value or non-finite timestamp: the sample is ignored; the last output is returned
 *   (null before any accepted sample); state unchanged.
 * - timestamp ≤ the last accepted one (duplicate or out of order): ignored the same way; the first
 *   sample at a timestamp wins.
 * - first sample, or a gap > resetAfterGapMs: output = input, derivative reset to 0.
 * The output is always between the previous output and the input (clamped against rounding), so it
 * never leaves the [min, max] of the inputs and a constant input gives exactly that constant.
 */
export class OneEuroFilter {
  private readonly params: OneEuroParams;
  private lastT: number | null = null;
  private xHat: number | null = null;
  private dxHat = 0;

  constructor(params: Partial<OneEuroParams> = {}) {
    const p = { ...ONE_EURO_DEFAULTS, ...params };
    requirePositive('minCutoffHz', p.minCutoffHz);
    requirePositive('dCutoffHz', p.dCutoffHz);
    requirePositive('resetAfterGapMs', p.resetAfterGapMs);
    if (!Number.isFinite(p.beta) || p.beta < 0) {
      throw new SignalError('invalid-parameter', `beta must be a finite number ≥ 0, got ${String(p.beta)}.`, { name: 'beta', value: p.beta });
    }
    this.params = p;
  }

  /** Feeds one sample; returns the filtered value (or the last output / null if the sample was ignored). */
  filter(value: number, timestampMs: number): number | null {
    if (!Number.isFinite(value) || !Number.isFinite(timestampMs)) return this.xHat;
    if (this.lastT === null || this.xHat === null || timestampMs - this.lastT > this.params.resetAfterGapMs) {
      this.lastT = timestampMs;
      this.xHat = value;
      this.dxHat = 0;
      return value;
    }
    if (timestampMs <= this.lastT) return this.xHat;
    const dtS = (timestampMs - this.lastT) / 1000;
    const prev = this.xHat;
    const dx = (value - prev) / dtS;
    const aD = alpha(this.params.dCutoffHz, dtS);
    this.dxHat = this.dxHat + aD * (dx - this.dxHat);
    const cutoff = this.params.minCutoffHz + this.params.beta * Math.abs(this.dxHat);
    const a = alpha(cutoff, dtS);
    let out = prev + a * (value - prev);
    // Clamp against floating-point rounding: exact arithmetic already keeps out between prev and value.
    const lo = Math.min(prev, value);
    const hi = Math.max(prev, value);
    out = out < lo ? lo : out > hi ? hi : out;
    this.xHat = out;
    this.lastT = timestampMs;
    return out;
  }

  /** Forgets everything: the next sample starts the filter afresh. */
  reset(): void {
    this.lastT = null;
    this.xHat = null;
    this.dxHat = 0;
  }

  get state(): OneEuroState {
    return { lastTimestampMs: this.lastT, xHat: this.xHat, dxHat: this.dxHat };
  }
}

/**
 * Filters a whole series with a fresh filter. The series is cleaned first (see `cleanSeries`); null
 * samples stay null and do not touch the state (a long run of nulls acts as a gap).
 */
export function oneEuroSeries(series: Series, params: Partial<OneEuroParams> = {}): Series {
  const s = cleanSeries(series);
  const f = new OneEuroFilter(params);
  const out: (number | null)[] = s.values.map((v, i) => (v === null ? null : f.filter(v, s.timestampsMs[i] as number)));
  return { timestampsMs: s.timestampsMs, values: out };
}
