// ref: P. D. Welch, "The use of fast Fourier transform for the estimation of power spectra: a method based
// on time averaging over short, modified periodograms", IEEE Trans. Audio Electroacoust. 15(2), 1967.
// Scaling as a one-sided power spectral density (unit²/Hz), like scipy.signal.welch(scaling='density').
import { fftInPlace, isPowerOfTwo, nextPowerOfTwo } from './fft.ts';
import { requirePositive, SignalError } from './series.ts';

export type Detrend = 'none' | 'constant' | 'linear';

export interface WelchOptions {
  /** Sampling rate of the input, Hz. */
  readonly fsHz: number;
  /** Segment length, samples (≥ 4). */
  readonly segmentLength: number;
  /** FFT length, a power of two ≥ segmentLength (zero-padding); default nextPowerOfTwo(segmentLength). */
  readonly nfft?: number;
  /** Per-segment detrend before windowing; default 'constant' (mean removed). */
  readonly detrend?: Detrend;
}

export interface Psd {
  /** Frequencies of the one-sided bins, Hz: k·fsHz/nfft, k = 0..nfft/2. */
  readonly freqsHz: Float64Array;
  /** One-sided PSD, unit²/Hz (deg²/Hz for angles). ∫ psd df = mean windowed power of the detrended segments. */
  readonly psd: Float64Array;
  readonly dfHz: number;
  readonly fsHz: number;
  readonly nfft: number;
  readonly segmentLength: number;
  /** Number of segments averaged. 0 when the input was too short (psd all zeros). */
  readonly segments: number;
}

/** Periodic Hann window w_n = 0.5 − 0.5·cos(2πn/N), the form used for spectral analysis (scipy's default). */
export function hannWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

function detrendInto(dst: Float64Array, src: ArrayLike<number>, offset: number, len: number, mode: Detrend): void {
  if (mode === 'none') {
    for (let i = 0; i < len; i++) dst[i] = src[offset + i] as number;
    return;
  }
  let sy = 0;
  for (let i = 0; i < len; i++) sy += src[offset + i] as number;
  const mean = sy / len;
  if (mode === 'constant') {
    for (let i = 0; i < len; i++) dst[i] = (src[offset + i] as number) - mean;
    return;
  }
  const xm = (len - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < len; i++) {
    const dx = i - xm;
    sxy += dx * ((src[offset + i] as number) - mean);
    sxx += dx * dx;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  for (let i = 0; i < len; i++) dst[i] = (src[offset + i] as number) - mean - slope * (i - xm);
}

/** Accumulator so that several continuous runs of one recording can be averaged into one PSD. */
export class WelchAccumulator {
  readonly fsHz: number;
  readonly segmentLength: number;
  readonly nfft: number;
  readonly detrend: Detrend;
  private readonly window: Float64Array;
  private readonly windowPower: number;
  private readonly sum: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly seg: Float64Array;
  private count = 0;

  constructor(options: WelchOptions) {
    requirePositive('fsHz', options.fsHz);
    if (!Number.isInteger(options.segmentLength) || options.segmentLength < 4) {
      throw new SignalError('invalid-parameter', `segmentLength must be an integer ≥ 4, got ${String(options.segmentLength)}.`, {
        name: 'segmentLength',
        value: options.segmentLength,
      });
    }
    const nfft = options.nfft ?? nextPowerOfTwo(options.segmentLength);
    if (!isPowerOfTwo(nfft) || nfft < options.segmentLength) {
      throw new SignalError('invalid-parameter', `nfft must be a power of two ≥ segmentLength (${options.segmentLength}), got ${String(nfft)}.`, {
        name: 'nfft',
        value: nfft,
      });
    }
    this.fsHz = options.fsHz;
    this.segmentLength = options.segmentLength;
    this.nfft = nfft;
    this.detrend = options.detrend ?? 'constant';
    this.window = hannWindow(options.segmentLength);
    let p = 0;
    for (const x of this.window) p += x * x;
    this.windowPower = p;
    this.sum = new Float64Array(nfft / 2 + 1);
    this.re = new Float64Array(nfft);
    this.im = new Float64Array(nfft);
    this.seg = new Float64Array(options.segmentLength);
  }

  /**
   * Adds every 50 %-overlapping segment of one continuous, uniformly sampled run (no NaN; the caller
   * splits at gaps). A run shorter than one segment adds nothing. Returns the number of segments added.
   */
  addRun(x: ArrayLike<number>, from = 0, to = x.length): number {
    const L = this.segmentLength;
    const hop = Math.max(1, Math.floor(L / 2));
    let added = 0;
    for (let s = from; s + L <= to; s += hop) {
      detrendInto(this.seg, x, s, L, this.detrend);
      this.re.fill(0);
      this.im.fill(0);
      for (let i = 0; i < L; i++) this.re[i] = (this.seg[i] as number) * (this.window[i] as number);
      fftInPlace(this.re, this.im);
      const half = this.nfft / 2;
      for (let k = 0; k <= half; k++) {
        const r = this.re[k] as number;
        const im = this.im[k] as number;
        this.sum[k] = (this.sum[k] as number) + r * r + im * im;
      }
      added++;
    }
    this.count += added;
    return added;
  }

  get segments(): number {
    return this.count;
  }

  result(): Psd {
    const half = this.nfft / 2;
    const psd = new Float64Array(half + 1);
    const freqs = new Float64Array(half + 1);
    const df = this.fsHz / this.nfft;
    const scale = this.count > 0 ? 1 / (this.fsHz * this.windowPower * this.count) : 0;
    for (let k = 0; k <= half; k++) {
      const onesided = k === 0 || k === half ? 1 : 2;
      psd[k] = (this.sum[k] as number) * scale * onesided;
      freqs[k] = k * df;
    }
    return { freqsHz: freqs, psd, dfHz: df, fsHz: this.fsHz, nfft: this.nfft, segmentLength: this.segmentLength, segments: this.count };
  }
}

/**
 * Welch PSD of one continuous uniformly sampled signal: Hann window, 50 % overlap, per-segment detrend,
 * averaged periodograms. Input shorter than one segment gives segments = 0 and an all-zero PSD.
 * Non-finite samples are a caller error (split runs at gaps first): throws `invalid-parameter`.
 */
export function welchPsd(x: ArrayLike<number>, options: WelchOptions): Psd {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number)) {
      throw new SignalError('invalid-parameter', `welchPsd needs finite samples; sample ${i} is ${String(x[i])}. Split the series at gaps (measuredRuns) first.`, {
        index: i,
      });
    }
  }
  const acc = new WelchAccumulator(options);
  acc.addRun(x);
  return acc.result();
}

/** ∫ psd df over [loHz, hiHz] by summing bins whose centre lies in the range (rectangle rule). */
export function bandPower(p: Psd, loHz: number, hiHz: number): number {
  let s = 0;
  for (let k = 0; k < p.psd.length; k++) {
    const f = p.freqsHz[k] as number;
    if (f >= loHz && f <= hiHz) s += (p.psd[k] as number) * p.dfHz;
  }
  return s;
}
