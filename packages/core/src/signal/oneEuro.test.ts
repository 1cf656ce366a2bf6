// ref: Casiez et al. 2012 (1€ filter) — behaviour tests and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OneEuroFilter, oneEuroSeries } from './oneEuro.ts';


describe('OneEuroFilter', () => {
  it('first sample passes through; a constant stays exactly that constant (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 2, max: 200 }), fc.double({ min: 1, max: 100, noNaN: true }), (c, n, stepMs) => {
        const f = new OneEuroFilter();
        for (let i = 0; i < n; i++) expect(f.filter(c, i * stepMs) === c).toBe(true); // === so that -0 and 0 are the same constant
      }),
    );
  });

  it('never leaves the [min, max] of its inputs (property, irregular timestamps)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: 0.5, max: 120, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (samples, minCutoffHz, beta) => {
          const f = new OneEuroFilter({ minCutoffHz, beta });
          let t = 0;
          let lo = Infinity;
          let hi = -Infinity;
          for (const [v, dt] of samples) {
            t += dt;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            const y = f.filter(v, t) as number;
            expect(y).toBeGreaterThanOrEqual(lo);
            expect(y).toBeLessThanOrEqual(hi);
          }
        },
      ),
    );
  });

  it('smooths noise when still and follows a fast turn with little lag', () => {
    const f = new OneEuroFilter();
    // Alternating ±1° jitter at 30 fps: output swing far smaller than the input's 2°.
    const outs: number[] = [];
    for (let i = 0; i < 90; i++) outs.push(f.filter(i % 2 ? 1 : -1, (i * 1000) / 30) as number);
    const tail = outs.slice(60);
    expect(Math.max(...tail) - Math.min(...tail)).toBeLessThan(0.5);
    // A ramp at 120 deg/s: after 0.5 s the lag is < 10°.
    const g = new OneEuroFilter();
    let y = 0;
    for (let i = 0; i <= 15; i++) y = g.filter(4 * i, (i * 1000) / 30) as number;
    expect(60 - y).toBeLessThan(10);
    expect(60 - y).toBeGreaterThan(0);
  });

  it('ignores NaN, duplicate and out-of-order samples deterministically, and reset() restarts', () => {
    const f = new OneEuroFilter();
    expect(f.filter(Number.NaN, 0)).toBeNull();
    expect(f.filter(10, 0)).toBe(10);
    const y1 = f.filter(20, 33) as number;
    expect(y1).toBeGreaterThan(10);
    expect(y1).toBeLessThan(20);
    const before = f.state;
    expect(f.filter(99, 33)).toBe(y1); // duplicate timestamp: first wins
    expect(f.filter(99, 10)).toBe(y1); // out of order
    expect(f.filter(Number.NaN, 50)).toBe(y1);
    expect(f.filter(5, Number.POSITIVE_INFINITY)).toBe(y1);
    expect(f.state).toEqual(before);
    f.reset();
    expect(f.state).toEqual({ lastTimestampMs: null, xHat: null, dxHat: 0 });
    expect(f.filter(-7, 1000)).toBe(-7);
  });

  it('restarts at the new value after a gap longer than resetAfterGapMs', () => {
    const f = new OneEuroFilter({ resetAfterGapMs: 500 });
    f.filter(0, 0);
    f.filter(0, 33);
    expect(f.filter(30, 1000)).toBe(30);
    const g = new OneEuroFilter({ resetAfterGapMs: 5000 });
    g.filter(0, 0);
    expect(g.filter(30, 1000) as number).toBeLessThan(30);
  });

  it('rejects bad parameters with a typed error that says what was expected', () => {
    expect(() => new OneEuroFilter({ minCutoffHz: 0 })).toThrowError(/minCutoffHz must be a finite number > 0, got 0/);
    expect(() => new OneEuroFilter({ beta: -1 })).toThrowError(/beta must be a finite number ≥ 0/);
    try {
      new OneEuroFilter({ dCutoffHz: Number.NaN });
    } catch (e) {
      expect((e as { code: string }).code).toBe('invalid-parameter');
    }
  });

  it('oneEuroSeries keeps nulls and is deterministic (same input, same output)', () => {
    const s = { timestampsMs: [0, 33, 66, 100, 133], values: [1, null, 3, Number.NaN, 5] };
    const a = oneEuroSeries(s);
    expect(a.values[1]).toBeNull();
    expect(a.values[3]).toBeNull();
    expect(a.values[0]).toBe(1);
    expect(oneEuroSeries(s)).toEqual(a);
  });
});
