import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeThreshold, describeCycles, injectionCycles, meanCycle, MS_PER_WEEK, type InjectionMark, type TimedValue } from './cycles.ts';
import { demoCycleEffect } from './sample.ts';
import { PAIN_NRS_SCALE, TWSTRS_TOTAL_SCALE, OBJECTIVE_ITEMS_SCALE } from './seriesScale.ts';

const T0 = Date.UTC(2025, 0, 6);
const W = MS_PER_WEEK;
const mark = (atMs: number): InjectionMark => ({ atMs, effectStartedAtMs: null, effectWoreOffAtMs: null });
/** Pain 8 at baseline, falling to 3 with the demo cycle shape (onset ~2 w, peak 4–8 w, gone by 12 w). */
const valueAt = (weeks: number) => 8 - 5 * demoCycleEffect(weeks);

function dailyValues(injections: number[], fromMs: number, days: number): TimedValue[] {
  const out: TimedValue[] = [];
  for (let d = 0; d < days; d++) {
    const at = fromMs + d * 86_400_000;
    const last = [...injections].reverse().find((t) => t <= at);
    out.push({ atMs: at, value: last === undefined ? 8 : valueAt((at - last) / W) });
  }
  return out;
}
/** Trial visits (weeks 0, 2, 4, 8, 12, 16 after the injection on the same day as the baseline visit). */
const VISIT_WEEKS = [0, 2, 4, 8, 12, 16];
const visits = (vals: readonly number[], weeks = VISIT_WEEKS): TimedValue[] => weeks.map((w, i) => ({ atMs: T0 + w * W, value: vals[i]! }));

describe('injection cycles', () => {
  it('finds onset, peak and wear-off of a known daily pain curve (MCID 2 points)', () => {
    const inj = [T0 + 4 * W, T0 + 24 * W];
    const cycles = injectionCycles(inj.map((atMs) => ({ atMs, effectStartedAtMs: atMs + 10 * 86_400_000, effectWoreOffAtMs: null })), dailyValues(inj, T0, 42 * 7), { scale: PAIN_NRS_SCALE });
    expect(cycles).toHaveLength(2);
    for (const c of cycles) {
      expect(c.status).toBe('effect');
      expect(c.baseline).toBeCloseTo(8, 6);
      expect(c.baselineSource).toBe('before');
      expect(c.threshold).toMatchObject({ points: 2, basis: 'mcid' });
      // True curve: improvement 5·(w−1)/3 reaches 2 points at 2.2 weeks; bin [2,3) has mean ≈ 2.4 → week 2.
      expect(c.onsetWeek).toBe(2);
      expect(c.peakWeek).toBeGreaterThanOrEqual(4);
      expect(c.peakWeek).toBeLessThanOrEqual(7);
      expect(c.peakImprovement).toBeCloseTo(5, 6);
      // Falls below 2 points at 10.4 weeks; bin [10,11) has mean improvement ≈ 1.96 → week 10.
      expect(c.wearOffWeek).toBe(10);
      expect(c.reportedOnsetWeeks).toBeCloseTo(10 / 7, 6);
    }
    expect(cycles[0]!.endAtMs).toBe(T0 + 24 * W); // ends at the next injection
    expect(cycles[1]!.weekly).toHaveLength(18); // the last cycle: data run to week 17, so weeks 0–17
    const m = meanCycle(cycles);
    expect(m[5]!.mean).toBeCloseTo(3, 6);
    expect(m[5]!.n).toBe(2);
  });

  it('keeps week 16 of a trial (a visit on day 112) and goes beyond 16 weeks when data exists', () => {
    const [c] = injectionCycles([mark(T0)], visits([45, 44, 33, 33, 40, 45, 46], [...VISIT_WEEKS, 20]), { scale: TWSTRS_TOTAL_SCALE });
    expect(c!.weekly.map((w) => w.week).filter((w) => c!.weekly[w]!.n > 0)).toEqual([0, 2, 4, 8, 12, 16, 20]);
    expect(c!.weekly).toHaveLength(21);
  });

  it('a real TWSTRS dip (−12 at weeks 4–8, back by 16) gives onset 4, peak 4–8, wear-off 12', () => {
    const [c] = injectionCycles([mark(T0)], visits([45, 43, 33, 33, 40, 45]), { scale: TWSTRS_TOTAL_SCALE });
    expect(c).toMatchObject({ status: 'effect', baseline: 45, baselineSource: 'week0', onsetWeek: 4, wearOffWeek: 12, peakImprovement: 12 });
    expect(c!.peakWeek).toBeGreaterThanOrEqual(4);
    expect(c!.peakWeek).toBeLessThanOrEqual(8);
    expect(c!.threshold!.source).toContain('Dashtipour');
    expect(describeCycles([c!]).words).toMatch(/onset week 4, peak week [48], wear-off week 12/);
  });

  it('a placebo-like 5-point wobble on TWSTRS (0–85) gives "not enough change"', () => {
    const [c] = injectionCycles([mark(T0)], visits([45, 42, 40, 41, 44, 43]), { scale: TWSTRS_TOTAL_SCALE });
    expect(c).toMatchObject({ status: 'not-enough-change', onsetWeek: null, peakWeek: null, wearOffWeek: null });
    expect(describeCycles([c!]).words).toMatch(/^Not enough change/);
  });

  it('too few visits after the injection gives "not enough data"', () => {
    const [c] = injectionCycles([mark(T0)], visits([45, 30, 30], [0, 4, 8]), { scale: TWSTRS_TOTAL_SCALE });
    expect(c).toMatchObject({ status: 'not-enough-data', onsetWeek: null });
    // Without a published MCID and with too few values to measure noise: not enough data either.
    expect(changeThreshold(visits([10, 5, 5], [0, 4, 8]), OBJECTIVE_ITEMS_SCALE)).toBeNull();
  });

  it('a cycle ends at the next injection', () => {
    const inj = [T0, T0 + 6 * W];
    const cycles = injectionCycles(inj.map(mark), dailyValues(inj, T0 - 4 * W, 20 * 7), { scale: PAIN_NRS_SCALE });
    expect(cycles[0]!.endAtMs).toBe(T0 + 6 * W);
    expect(cycles[0]!.weekly).toHaveLength(6);
    expect(cycles[0]!.wearOffWeek).toBeNull(); // not observed before the next injection
  });

  it('flat values: not enough change', () => {
    const vals = Array.from({ length: 200 }, (_, d) => ({ atMs: T0 + d * 86_400_000, value: 5 }));
    const [c] = injectionCycles([mark(T0 + 30 * 86_400_000)], vals);
    expect(c).toMatchObject({ baseline: 5, status: 'not-enough-change', peakWeek: null, onsetWeek: null, wearOffWeek: null });
  });

  it('without a published MCID, the threshold is the measured noise of the series', () => {
    // Alternating ±1 noise around 10: successive differences ±2 → MAD 0 around median... use a mixed pattern.
    const noise = [0, 1, -1, 2, 0, -2, 1, 0, -1, 1];
    const vals = noise.map((n, i) => ({ atMs: T0 + i * W, value: 10 + n }));
    const t = changeThreshold(vals, OBJECTIVE_ITEMS_SCALE)!;
    expect(t.basis).toBe('noise');
    expect(t.points).toBeGreaterThan(1);
    expect(t.points).toBeLessThan(5);
  });

  it('property: a wobble smaller than half the MCID never gives an effect', () => {
    fc.assert(fc.property(
      fc.integer({ min: 10, max: 70 }),
      fc.array(fc.double({ min: -3.9, max: 3.9, noNaN: true }), { minLength: 6, maxLength: 6 }),
      (b, wobble) => {
        const [c] = injectionCycles([mark(T0)], visits(wobble.map((x) => b + x)), { scale: TWSTRS_TOTAL_SCALE });
        expect(c!.status).toBe('not-enough-change');
        expect(c!.onsetWeek).toBeNull();
      },
    ));
  });

  it('property: a dip deeper than the MCID, held for two visits or more, is found in the right weeks', () => {
    fc.assert(fc.property(
      fc.integer({ min: 30, max: 70 }),
      fc.integer({ min: 10, max: 25 }),
      fc.integer({ min: 1, max: 3 }), // first visit index in the dip
      fc.integer({ min: 2, max: 3 }), // visits in the dip
      fc.array(fc.double({ min: -0.9, max: 0.9, noNaN: true }), { minLength: 6, maxLength: 6 }),
      (b, depth, first, len, noise) => {
        const last = Math.min(first + len - 1, VISIT_WEEKS.length - 2);
        const vals = VISIT_WEEKS.map((_, i) => b - (i >= first && i <= last ? depth : 0) + noise[i]!);
        const [c] = injectionCycles([mark(T0)], visits(vals), { scale: TWSTRS_TOTAL_SCALE });
        expect(c!.status).toBe('effect');
        expect(c!.onsetWeek).toBe(VISIT_WEEKS[first]);
        expect(c!.peakWeek).toBeGreaterThanOrEqual(VISIT_WEEKS[first]!);
        expect(c!.peakWeek).toBeLessThanOrEqual(VISIT_WEEKS[last]!);
        expect(c!.wearOffWeek).toBe(VISIT_WEEKS[last + 1]);
      },
    ));
  });

  it('properties: every point lands in its cycle; onset ≤ peak < wear-off; estimates only with an effect', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
      fc.array(fc.record({ d: fc.integer({ min: 0, max: 800 }), value: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(Number.NaN)) }), { maxLength: 100 }),
      fc.constantFrom(null, PAIN_NRS_SCALE, OBJECTIVE_ITEMS_SCALE),
      (injWeeks, pts, scale) => {
        const marks = injWeeks.map((w) => mark(T0 + w * W));
        const cycles = injectionCycles(marks, pts.map((p) => ({ atMs: T0 + p.d * 86_400_000, value: p.value })), { scale });
        expect(cycles).toHaveLength(marks.length);
        for (const c of cycles) {
          expect(c.weekly.length).toBeLessThanOrEqual(53);
          for (const p of c.points) {
            expect(Number.isNaN(p.value)).toBe(false);
            expect(p.weeksSince).toBeGreaterThanOrEqual(0);
            expect(c.injectionAtMs + p.weeksSince * W).toBeLessThan(c.endAtMs);
          }
          expect(c.onsetWeek !== null).toBe(c.status === 'effect');
          if (c.onsetWeek !== null) expect(c.onsetWeek).toBeLessThanOrEqual(c.peakWeek!);
          if (c.wearOffWeek !== null) expect(c.wearOffWeek).toBeGreaterThan(c.peakWeek!);
          if (c.status === 'effect') expect(c.peakImprovement!).toBeGreaterThanOrEqual(c.threshold!.points - 1e-9);
        }
      },
    ));
  });
});
