// ref: linear interpolation onto a uniform grid with bounded gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuredRuns, resampleUniform } from './resample.ts';
import { syntheticRng } from './synthetic.ts';

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

  it("cubic: exact on samples, reproduces a quadratic between uniform samples, and keeps a 7 Hz sine's amplitude better than linear", () => {
    const t = Array.from({ length: 20 }, (_, i) => i * 10);
    const q = (x: number): number => 0.01 * x * x - 0.3 * x + 2;
    const r = resampleUniform({ timestampsMs: t, values: t.map(q) }, { stepMs: 2.5, maxGapMs: 50, method: 'cubic' });
    r.values.forEach((v, k) => {
      const x = k * 2.5;
      if (x >= 10 && x <= 180) expect(v).toBeCloseTo(q(x), 9);
    });
    // Jittered 30 fps samples of a 7 Hz sine onto a 30 Hz grid offset by half a frame: compare RMS.
    const rand = syntheticRng(5);
    const ts = Array.from({ length: 600 }, (_, i) => (i * 1000) / 30 + (rand() - 0.5) * 6);
    const vs = ts.map((ms) => Math.sin((2 * Math.PI * 7 * ms) / 1000));
    const rms = (xs: readonly (number | null)[]): number => Math.sqrt(xs.filter((x): x is number => x !== null).reduce((s, x) => s + x * x, 0) / xs.length);
    const opts = { stepMs: 1000 / 30, maxGapMs: 100, startMs: 1000 / 60 + 100, endMs: 19_000 };
    const lin = rms(resampleUniform({ timestampsMs: ts, values: vs }, opts).values);
    const cub = rms(resampleUniform({ timestampsMs: ts, values: vs }, { ...opts, method: 'cubic' }).values);
    // Half a frame off the samples is the worst case: Catmull-Rom passes ≈ 91 % at 7 Hz, linear ≈ 74 %.
    expect(Math.abs(cub - Math.SQRT1_2) / Math.SQRT1_2).toBeLessThan(0.1);
    expect(Math.abs(lin - Math.SQRT1_2) / Math.SQRT1_2).toBeGreaterThan(0.2);
  });

  it('measuredRuns finds maximal non-null runs', () => {
    expect(measuredRuns([null, 1, 2, null, 3, 4, 5])).toEqual([
      [1, 3],
      [4, 7],
    ]);
    expect(measuredRuns([1, 2, null, 3], 2)).toEqual([[0, 2]]);
  });
});
