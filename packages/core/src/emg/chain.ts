// ref: C. J. De Luca, L. D. Gilmore, M. Kuznetsov, S. H. Roy, "Filtering the surface EMG signal: movement
// artifact and baseline noise contamination", J Biomech 43(8):1573–1579, 2010 (high-pass corner 20 Hz);
// R. Merletti, P. Di Torino, "Standards for reporting EMG data", J Electromyogr Kinesiol 9(1):III–IV, 1999
// (ISEK: report filters, rectification and the RMS window); P. Konrad, "The ABC of EMG", Noraxon 2005
// (full-wave rectification, moving RMS windows of 50–100 ms for biofeedback).
//
// Per channel: notch at the mains frequency (and its harmonics below the low-pass corner) → 4th-order
// Butterworth band-pass (20 Hz … 0.45 × fs) → full-wave rectification → moving RMS over `windowMs`.
import { biquadCoefficients, Biquad, butterworthQs, type BiquadCoefficients } from './biquad.ts';
import { EmgError, requireFinitePositive } from './types.ts';

export type MainsHz = 50 | 60;

export interface EmgChainParams {
  readonly sampleRateHz: number;
  readonly mainsHz: MainsHz;
  /** High-pass corner, Hz (De Luca 2010: 20 Hz). */
  readonly highPassHz: number;
  /** Low-pass corner, Hz; default 0.45 × sampleRateHz (a margin below Nyquist). */
  readonly lowPassHz: number;
  /** Moving-RMS window, ms. */
  readonly windowMs: number;
  /** Notch quality factor (bandwidth = f0 / Q). */
  readonly notchQ: number;
}

export const EMG_CHAIN_DEFAULTS = { mainsHz: 50, highPassHz: 20, windowMs: 100, notchQ: 10 } as const;

/**
 * After a restart (the start, or a gap from lost packets) the notch must re-learn the hum's phase
 * (time constant Q / (π f0) ≈ 64 ms at Q 10, 50 Hz) and the moving RMS must flush: the envelope is
 * flagged `settling` (not used for cues, references or summaries) for this long.
 */
export const EMG_SETTLE_MS = 300;

/**
 * Stated delay: a burst's envelope reaches half of its steady level within this time after the burst
 * starts (moving RMS of window W reaches 1/2 at W/4; the band-pass adds a few ms of group delay).
 * Property-tested in chain.test.ts for the default 100 ms window.
 */
export const EMG_ENVELOPE_HALF_RISE_MS = 50;

export function emgChainParams(sampleRateHz: number, p: Partial<Omit<EmgChainParams, 'sampleRateHz'>> = {}): EmgChainParams {
  requireFinitePositive('sampleRateHz', sampleRateHz);
  const out: EmgChainParams = {
    sampleRateHz,
    mainsHz: p.mainsHz ?? EMG_CHAIN_DEFAULTS.mainsHz,
    highPassHz: p.highPassHz ?? EMG_CHAIN_DEFAULTS.highPassHz,
    lowPassHz: p.lowPassHz ?? 0.45 * sampleRateHz,
    windowMs: p.windowMs ?? EMG_CHAIN_DEFAULTS.windowMs,
    notchQ: p.notchQ ?? EMG_CHAIN_DEFAULTS.notchQ,
  };
  if (out.mainsHz !== 50 && out.mainsHz !== 60) throw new EmgError('invalid-parameter', `mainsHz must be 50 or 60, got ${String(out.mainsHz)}.`);
  if (!(out.highPassHz > 0 && out.highPassHz < out.lowPassHz && out.lowPassHz < sampleRateHz / 2)) {
    throw new EmgError(
      'invalid-parameter',
      `The band-pass needs 0 < highPassHz < lowPassHz < sampleRateHz / 2, got ${out.highPassHz} Hz, ${out.lowPassHz} Hz at ${sampleRateHz} Hz sampling. Use corners inside what the sampling rate allows.`,
    );
  }
  requireFinitePositive('windowMs', out.windowMs);
  requireFinitePositive('notchQ', out.notchQ);
  return out;
}

/** The biquad sections of the chain, in order (notches, high-pass, low-pass). */
export function emgSections(p: EmgChainParams): BiquadCoefficients[] {
  const s: BiquadCoefficients[] = [];
  for (let h = p.mainsHz; h < Math.min(p.lowPassHz + 10, p.sampleRateHz / 2); h += p.mainsHz) s.push(biquadCoefficients('notch', h, p.sampleRateHz, p.notchQ));
  for (const q of butterworthQs(4)) s.push(biquadCoefficients('highpass', p.highPassHz, p.sampleRateHz, q));
  for (const q of butterworthQs(4)) s.push(biquadCoefficients('lowpass', p.lowPassHz, p.sampleRateHz, q));
  return s;
}

/** Full-wave rectification. */
export function rectify(x: number): number {
  return Math.abs(x);
}

/** Moving RMS over the last `n` values (fewer at the start). */
/** A running sum of squares below this share of the largest square it held is recomputed exactly. */
const RECOMPUTE_BELOW_PEAK_SHARE = 1e-6;

export class MovingRms {
  private readonly ring: Float64Array;
  private i = 0;
  private count = 0;
  private sumSq = 0;
  private sinceExact = 0;
  private peakSq = 0;
  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new EmgError('invalid-parameter', `The RMS window must be a whole number of samples ≥ 1, got ${n}.`);
    this.ring = new Float64Array(n);
  }
  push(v: number): number {
    const sq = v * v;
    if (this.count === this.n) this.sumSq -= this.ring[this.i]!;
    else this.count++;
    this.ring[this.i] = sq;
    this.sumSq += sq;
    this.i = (this.i + 1) % this.n;
    if (sq > this.peakSq) this.peakSq = sq;
    // Recompute exactly now and then: a running sum drifts by rounding, and after a large value leaves the
    // window the remainder of a small sum is mostly that rounding (cancellation), so also when the sum falls
    // far below the largest square it has held.
    if (++this.sinceExact >= 4 * this.n || this.sumSq < RECOMPUTE_BELOW_PEAK_SHARE * this.peakSq) {
      this.sumSq = this.ring.reduce((a, b) => a + b, 0);
      this.peakSq = this.ring.reduce((a, b) => Math.max(a, b), 0);
      this.sinceExact = 0;
    }
    return Math.sqrt(Math.max(0, this.sumSq) / this.count);
  }
  clear(): void {
    this.ring.fill(0);
    this.i = 0;
    this.count = 0;
    this.sumSq = 0;
    this.peakSq = 0;
  }
}

export interface ChainOutput {
  /** Band-passed signal, µV. */
  readonly filteredUv: number;
  /** Moving-RMS envelope of the rectified signal, µV. */
  readonly envelopeUv: number;
  /** True for EMG_SETTLE_MS after a restart: the envelope may still carry the restart's transient. */
  readonly settling: boolean;
}

/** One channel's chain with explicit state. Non-finite samples are skipped (the last output is repeated). */
export class EmgChannelChain {
  private readonly filters: Biquad[];
  private readonly rms: MovingRms;
  private started = false;
  private settleLeft = 0;
  private readonly settleSamples: number;
  private lastOut: ChainOutput = { filteredUv: 0, envelopeUv: 0, settling: true };
  constructor(readonly params: EmgChainParams) {
    this.filters = emgSections(params).map((c) => new Biquad(c));
    this.rms = new MovingRms(Math.max(1, Math.round((params.windowMs * params.sampleRateHz) / 1000)));
    this.settleSamples = Math.round((EMG_SETTLE_MS * params.sampleRateHz) / 1000);
  }

  /** Restarts the filters as if `x0` had always been the input (after a gap or at the start). */
  restartAt(x0: number): void {
    let x = x0;
    for (const f of this.filters) {
      f.reset(x);
      x = ((f.c.b0 + f.c.b1 + f.c.b2) / (1 + f.c.a1 + f.c.a2)) * x;
    }
    this.started = true;
    this.settleLeft = this.settleSamples;
  }

  /** Marks a gap in the input: the next sample restarts the filters (no false burst from a step). */
  gap(): void {
    this.started = false;
  }

  step(xUv: number): ChainOutput {
    if (!Number.isFinite(xUv)) return this.lastOut;
    if (!this.started) this.restartAt(xUv);
    let y = xUv;
    for (const f of this.filters) y = f.step(y);
    const envelopeUv = this.rms.push(rectify(y));
    const settling = this.settleLeft > 0;
    if (settling) this.settleLeft--;
    this.lastOut = { filteredUv: y, envelopeUv, settling };
    return this.lastOut;
  }
}
