// ref: linear interpolation onto a uniform grid with bounded gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuredRuns, resampleUniform } from './resample.ts';

describe('resampleUniform', () => {
  it('a uniform series on the same grid comes back unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -180, max: 180, noNaN: true }), { nil: null, freq: 5 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (values, stepMs, t0) => {
          const timestampsMs = values.map((_, i) => t0 + i * stepMs);
          const r = resampleUniform({ timestampsMs, values }, { stepMs, maxGapMs: 1.5 * stepMs });
          expect(r.values).toEqual(values);
          expect(r.startMs === timestampsMs[0]).toBe(true);
        },
      ),
    );
  });

  it('interpolates linearly on irregular timestamps and leaves long gaps null', () => {
    const r = resampleUniform({ timestampsMs: [0, 30, 100, 400, 420], values: [0, 3, 10, 0, 2] }, { stepMs: 10, maxGapMs: 100 });
    expect(r.values.length).toBe(43);
    expect(r.values[1]).toBeCloseTo(1, 12);
    expect(r.values[3]).toBe(3);
    expect(r.values[5]).toBeCloseTo(5, 12); // between 30 (3) and 100 (10)
    expect(r.values[10]).toBe(10);
    expect(r.values[11]).toBeNull(); // gap 100 → 400 is 300 ms > 100 ms
    expect(r.values[39]).toBeNull();
    expect(r.values[40]).toBe(0);
    expect(r.values[41]).toBeCloseTo(1, 12);
  });

  it('never bridges across a null sample, cleans NaN and out-of-order input, and handles empty input', () => {
    const r = resampleUniform({ timestampsMs: [0, 10, 20, 15, 30], values: [0, null, 2, 99, Number.NaN] }, { stepMs: 5, maxGapMs: 1000 });
    expect(r.values).toEqual([0, null, null, null, 2, null, null]);
    expect(resampleUniform({ timestampsMs: [], values: [] }, { stepMs: 5, maxGapMs: 10 }).values).toEqual([]);
    expect(() => resampleUniform({ timestampsMs: [0], values: [0] }, { stepMs: 0, maxGapMs: 10 })).toThrowError(/stepMs must be a finite number > 0/);
  });

  it('measuredRuns finds maximal non-null runs', () => {
    expect(measuredRuns([null, 1, 2, null, 3, 4, 5])).toEqual([
      [1, 3],
      [4, 7],
    ]);
    expect(measuredRuns([1, 2, null, 3], 2)).toEqual([[0, 2]]);
  });
});
