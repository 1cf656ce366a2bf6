// ref: R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter coefficients" (W3C Audio EQ
// Cookbook, w3.org/TR/audio-eq-cookbook): notch, high-pass and low-pass biquads from f0, fs and Q;
// run in transposed direct form II. Butterworth sections: Q_k = 1 / (2 cos((2k − 1)π / 2n)) for an
// n-th order cascade (S. Butterworth, "On the theory of filter amplifiers", Wireless Engineer 7, 1930).
import { EmgError, requireFinitePositive } from './types.ts';

export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export type BiquadKind = 'notch' | 'highpass' | 'lowpass';

export function biquadCoefficients(kind: BiquadKind, f0Hz: number, fsHz: number, q: number): BiquadCoefficients {
  requireFinitePositive('f0Hz', f0Hz);
  requireFinitePositive('fsHz', fsHz);
  requireFinitePositive('q', q);
  if (f0Hz >= fsHz / 2) throw new EmgError('invalid-parameter', `A ${kind} at ${f0Hz} Hz needs a sampling rate above ${2 * f0Hz} Hz, got ${fsHz} Hz. Lower the frequency.`, { f0Hz, fsHz });
  const w0 = (2 * Math.PI * f0Hz) / fsHz;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  let b: [number, number, number];
  if (kind === 'notch') b = [1, -2 * cos, 1];
  else if (kind === 'highpass') b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
  else b = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
  return { b0: b[0] / a0, b1: b[1] / a0, b2: b[2] / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Q of each biquad section of an order-`order` Butterworth filter (order even). */
export function butterworthQs(order: number): number[] {
  const qs: number[] = [];
  for (let k = 1; k <= order / 2; k++) qs.push(1 / (2 * Math.cos(((2 * k - 1) * Math.PI) / (2 * order))));
  return qs;
}

/** One biquad with explicit state. Non-finite input: ignored, last output returned. */
export class Biquad {
  private z1 = 0;
  private z2 = 0;
  private last = 0;
  constructor(readonly c: BiquadCoefficients) {}

  /** Sets the state as if `x0` had been the input forever (no start-up step from a DC offset). */
  reset(x0: number): void {
    const { b0, b1, b2, a1, a2 } = this.c;
    const y0 = ((b0 + b1 + b2) / (1 + a1 + a2)) * x0;
    this.z2 = b2 * x0 - a2 * y0;
    this.z1 = y0 - b0 * x0;
    this.last = y0;
  }

  step(x: number): number {
    if (!Number.isFinite(x)) return this.last;
    const { b0, b1, b2, a1, a2 } = this.c;
    const y = b0 * x + this.z1;
    this.z1 = b1 * x - a1 * y + this.z2;
    this.z2 = b2 * x - a2 * y;
    this.last = y;
    return y;
  }
}

/** Magnitude of the cascade's response at `fHz` (for tests and the documentation). */
export function cascadeGain(sections: readonly BiquadCoefficients[], fHz: number, fsHz: number): number {
  const w = (2 * Math.PI * fHz) / fsHz;
  let g = 1;
  for (const { b0, b1, b2, a1, a2 } of sections) {
    const nr = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
    const ni = -(b1 * Math.sin(w) + b2 * Math.sin(2 * w));
    const dr = 1 + a1 * Math.cos(w) + a2 * Math.cos(2 * w);
    const di = -(a1 * Math.sin(w) + a2 * Math.sin(2 * w));
    g *= Math.hypot(nr, ni) / Math.hypot(dr, di);
  }
  return g;
}
