// ref: Welch 1967; Parseval's theorem for the DFT.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fftInPlace } from './fft.ts';
import { syntheticRng, gaussian } from './synthetic.ts';
import { bandPower, hannWindow, welchPsd } from './welch.ts';

function naiveDft(x: number[]): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < n; k++) {
    let r = 0;
    let i = 0;
    for (let j = 0; j < n; j++) {
      r += (x[j] as number) * Math.cos((-2 * Math.PI * k * j) / n);
      i += (x[j] as number) * Math.sin((-2 * Math.PI * k * j) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe('fft', () => {
  it('matches a naive DFT and inverts exactly (differential test)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 1e6 }), (p, seed) => {
        const n = 2 ** p;
        const g = gaussian(syntheticRng(seed));
        const x = Array.from({ length: n }, () => g());
        const re = Float64Array.from(x);
        const im = new Float64Array(n);
        fftInPlace(re, im);
        const ref = naiveDft(x);
        for (let k = 0; k < n; k++) {
          expect(re[k]).toBeCloseTo(ref.re[k] as number, 9);
          expect(im[k]).toBeCloseTo(ref.im[k] as number, 9);
        }
        fftInPlace(re, im, true);
        for (let k = 0; k < n; k++) expect(re[k]).toBeCloseTo(x[k] as number, 12);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects non power-of-two lengths with a typed error', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrowError(/power-of-two length, got 6/);
  });
});

describe('welchPsd', () => {
  it('Parseval: ∫ PSD df equals the mean windowed power of the detrended segments (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 8, max: 100 }), fc.integer({ min: 1, max: 6 }), fc.double({ min: 5, max: 120, noNaN: true }), (seed, L, nseg, fsHz) => {
        const g = gaussian(syntheticRng(seed));
        const n = L + Math.floor((nseg - 1) * Math.floor(L / 2));
        const x = Array.from({ length: n }, () => 3 * g() + 1);
        const p = welchPsd(x, { fsHz, segmentLength: L, detrend: 'constant', nfft: 128 });
        // Time-domain reference.
        const w = hannWindow(L);
        const s2 = w.reduce((s, v) => s + v * v, 0);
        let ref = 0;
        let count = 0;
        for (let st = 0; st + L <= n; st += Math.floor(L / 2)) {
          const seg = x.slice(st, st + L);
          const mean = seg.reduce((s, v) => s + v, 0) / L;
          ref += seg.reduce((s, v, i) => s + ((v - mean) * (w[i] as number)) ** 2, 0) / s2;
          count++;
        }
        ref /= count;
        expect(p.segments).toBe(count);
        const total = p.psd.reduce((s, v) => s + v, 0) * p.dfHz;
        expect(total).toBeCloseTo(ref, 9);
      }),
      { numRuns: 50 },
    );
  });

  it('a pure sine puts its peak at its frequency and its power A²/2 in the peak region (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 12, noNaN: true }), fc.double({ min: 0.2, max: 20, noNaN: true }), fc.double({ min: 0, max: 6.28, noNaN: true }), (fHz, A, phase) => {
        const fsHz = 30;
        const x = Array.from({ length: 900 }, (_, i) => A * Math.sin((2 * Math.PI * fHz * i) / fsHz + phase));
        const p = welchPsd(x, { fsHz, segmentLength: 256, nfft: 1024 });
        let k = 1;
        for (let j = 1; j < p.psd.length; j++) if ((p.psd[j] as number) > (p.psd[k] as number)) k = j;
        expect(Math.abs((p.freqsHz[k] as number) - fHz)).toBeLessThanOrEqual(p.dfHz);
        expect(bandPower(p, fHz - 0.5, fHz + 0.5) / ((A * A) / 2)).toBeGreaterThan(0.95);
      }),
      { numRuns: 40 },
    );
  });

  it('input shorter than a segment gives zero segments; non-finite input is refused', () => {
    const p = welchPsd([1, 2, 3], { fsHz: 30, segmentLength: 8 });
    expect(p.segments).toBe(0);
    expect(p.psd.every((v) => v === 0)).toBe(true);
    expect(() => welchPsd([1, Number.NaN, 3, 4, 5, 6, 7, 8], { fsHz: 30, segmentLength: 8 })).toThrowError(/sample 1 is NaN/);
    expect(() => welchPsd([1, 2, 3, 4], { fsHz: 30, segmentLength: 4, nfft: 6 })).toThrowError(/power of two/);
  });
});
