import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitAxis } from './axis.ts';

describe('fitAxis', () => {
  it('TWSTRS values 20–67 on 0–85 are all inside the axis (no clipping at 15)', () => {
    const a = fitAxis([20, 45, 67], { min: 0, max: 85 });
    expect(a.min).toBeLessThanOrEqual(20);
    expect(a.max).toBeGreaterThanOrEqual(67);
    expect(a.max).toBeLessThanOrEqual(85);
    expect(a.ticks.length).toBeGreaterThanOrEqual(3);
  });
  it('a 5-point wobble on 0–85 spans at least a quarter of the scale, so it looks small', () => {
    const a = fitAxis([40, 45, 42], { min: 0, max: 85 });
    expect(a.max - a.min).toBeGreaterThanOrEqual(85 / 4);
  });
  it('pain 0–10 with few values keeps the full scale', () => {
    expect(fitAxis([3, 4], { min: 0, max: 10 })).toMatchObject({ min: 0, max: 10 });
  });
  it('no data: the declared range', () => {
    expect(fitAxis([], { min: 0, max: 35 })).toMatchObject({ min: 0, max: 35 });
  });
  it('property: every finite value lies on the axis, the axis stays within the declared range, ticks inside', () => {
    fc.assert(fc.property(
      fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 500 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }),
      (lo, span, fr) => {
        const values = fr.map((f) => lo + f * span);
        const a = fitAxis(values, { min: lo, max: lo + span });
        for (const v of values) { expect(v).toBeGreaterThanOrEqual(a.min - 1e-9); expect(v).toBeLessThanOrEqual(a.max + 1e-9); }
        expect(a.min).toBeGreaterThanOrEqual(lo - 1e-9);
        expect(a.max).toBeLessThanOrEqual(lo + span + 1e-9);
        expect(a.max).toBeGreaterThan(a.min);
        for (const t of a.ticks) { expect(t).toBeGreaterThanOrEqual(a.min - 1e-6); expect(t).toBeLessThanOrEqual(a.max + 1e-6); }
      },
    ));
  });
});
