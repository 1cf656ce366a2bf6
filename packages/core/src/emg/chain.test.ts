// ref: RBJ Audio EQ Cookbook (biquads), De Luca et al. 2010 (20 Hz high-pass), Konrad 2005 (moving RMS).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { biquadCoefficients, butterworthQs, cascadeGain } from './biquad.ts';
import { EMG_ENVELOPE_HALF_RISE_MS, EmgChannelChain, MovingRms, emgChainParams, emgSections } from './chain.ts';

const SETTLE_MS = 2000;

function run(chain: EmgChannelChain, xs: readonly number[]): { f: number[]; e: number[] } {
  const f: number[] = [];
  const e: number[] = [];
  for (const x of xs) {
    const o = chain.step(x);
    f.push(o.filteredUv);
    e.push(o.envelopeUv);
  }
  return { f, e };
}

function rms(xs: readonly number[]): number {
  return Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / xs.length);
}

describe('biquads', () => {
  it('Butterworth Qs of a 4th-order cascade are 0.5412 and 1.3066', () => {
    const q = butterworthQs(4);
    expect(q[0]).toBeCloseTo(0.5412, 4);
    expect(q[1]).toBeCloseTo(1.3066, 4);
  });
  it('refuses a corner at or above Nyquist with words', () => {
    expect(() => biquadCoefficients('notch', 100, 200, 30)).toThrow(/needs a sampling rate above 200 Hz, got 200 Hz/);
    expect(() => emgChainParams(200, { lowPassHz: 120 })).toThrow(/inside what the sampling rate allows/);
  });
  it('band-pass response: −3 dB at the corners, passband ≈ 1, the mains notch deep', () => {
    for (const fs of [200, 250]) {
      const p = emgChainParams(fs, { mainsHz: 50 });
      const bp = emgSections(p).filter((_, i) => i >= emgSections(p).length - 4);
      expect(cascadeGain(bp, 20, fs)).toBeCloseTo(Math.SQRT1_2, 2);
      expect(cascadeGain(bp, 0.45 * fs, fs)).toBeCloseTo(Math.SQRT1_2, 2);
      expect(cascadeGain(emgSections(p), 50, fs)).toBeLessThan(1e-6);
      expect(cascadeGain(bp, 40, fs)).toBeGreaterThan(0.95);
    }
  });
});

describe('EmgChannelChain (properties)', () => {
  it('a sine at the notch frequency disappears (50 or 60 Hz, any amplitude, phase, DC offset, fs 200 or 250)', () => {
    fc.assert(
      fc.property(fc.constantFrom(50, 60), fc.constantFrom(200, 250), fc.double({ min: 1, max: 5000, noNaN: true }), fc.double({ min: 0, max: 6.28, noNaN: true }), fc.double({ min: -10000, max: 10000, noNaN: true }), (mains, fs, amp, ph, dc) => {
        const chain = new EmgChannelChain(emgChainParams(fs, { mainsHz: mains as 50 | 60 }));
        const n = Math.round((3 * SETTLE_MS * fs) / 1000);
        const xs = Array.from({ length: n }, (_, i) => dc + amp * Math.sin((2 * Math.PI * mains * i) / fs + ph));
        const { f, e } = run(chain, xs);
        const tail = f.slice(Math.round((SETTLE_MS * fs) / 1000));
        // residual below 1 % of the hum (and the envelope likewise)
        expect(rms(tail)).toBeLessThan(0.01 * amp);
        expect(e[e.length - 1]!).toBeLessThan(0.01 * amp);
      }),
      { numRuns: 40 },
    );
  });

  it('a constant input gives zero after the band-pass, from the first sample', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(200, 250), fc.integer({ min: 1, max: 400 }), (c, fs, n) => {
        const chain = new EmgChannelChain(emgChainParams(fs));
        const { f, e } = run(chain, Array.from({ length: n }, () => c));
        for (const y of f) expect(Math.abs(y)).toBeLessThan(1e-6 * Math.max(1, Math.abs(c)));
        for (const y of e) expect(y).toBeLessThan(1e-6 * Math.max(1, Math.abs(c)));
      }),
      { numRuns: 60 },
    );
  });

  it(`a scripted burst's envelope reaches half its steady level within ${EMG_ENVELOPE_HALF_RISE_MS} ms of the burst start`, () => {
    fc.assert(
      fc.property(fc.constantFrom(200, 250), fc.double({ min: 30, max: 80, noNaN: true }), fc.double({ min: 20, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (fs, fHz, amp, seed) => {
        const rand = seededRandom(seed);
        const chain = new EmgChannelChain(emgChainParams(fs));
        const onset = Math.round(fs); // 1 s of quiet rest (1 µV noise), then the burst
        const n = onset + Math.round(fs / 2);
        const xs = Array.from({ length: n }, (_, i) => 500 + (rand() - 0.5) * 2 + (i >= onset ? amp * Math.sin((2 * Math.PI * fHz * (i - onset)) / fs) : 0));
        const { e } = run(chain, xs);
        const steady = amp / Math.SQRT2;
        const atDelay = e[onset + Math.floor((EMG_ENVELOPE_HALF_RISE_MS * fs) / 1000)]!;
        expect(atDelay).toBeGreaterThanOrEqual(0.5 * steady * 0.9); // 10 % for the band edge's gain and ripple
        expect(e[onset - 1]!).toBeLessThan(0.1 * steady);
      }),
      { numRuns: 60 },
    );
  });

  it('a gap restarts the filters: a DC step after a gap gives no false burst', () => {
    const chain = new EmgChannelChain(emgChainParams(200));
    run(chain, Array.from({ length: 400 }, () => 100));
    chain.gap();
    const { e } = run(chain, Array.from({ length: 100 }, () => 5000));
    expect(Math.max(...e)).toBeLessThan(1e-6 * 5000);
    const noGap = new EmgChannelChain(emgChainParams(200));
    run(noGap, Array.from({ length: 400 }, () => 100));
    expect(Math.max(...run(noGap, Array.from({ length: 100 }, () => 5000)).e)).toBeGreaterThan(100);
  });

  it('non-finite samples are skipped (the last output repeats), never NaN', () => {
    const chain = new EmgChannelChain(emgChainParams(200));
    const { e } = run(chain, [1, 2, Number.NaN, Infinity, 3]);
    for (const y of e) expect(Number.isFinite(y)).toBe(true);
  });
});

describe('MovingRms', () => {
  it('equals the direct RMS of the last n values (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 400 }), (n, xs) => {
        const m = new MovingRms(n);
        xs.forEach((x, i) => {
          const got = m.push(x);
          const win = xs.slice(Math.max(0, i - n + 1), i + 1);
          expect(Math.abs(got - rms(win))).toBeLessThan(1e-7 * Math.max(1, rms(win)));
        });
      }),
      { numRuns: 60 },
    );
  });
});
