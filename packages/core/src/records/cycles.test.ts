import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { injectionCycles, meanCycle, MS_PER_WEEK, type TimedValue } from './cycles.ts';
import { demoCycleEffect } from './sample.ts';

const T0 = Date.UTC(2025, 0, 6);
const W = MS_PER_WEEK;
/** Severity 8 at baseline, falling to 3 with the demo cycle shape (onset ~2 w, peak 4–8 w, gone by 12 w). */
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

describe('injection cycles', () => {
  it('finds onset, peak and wear-off of a known curve within a week', () => {
    const inj = [T0 + 4 * W, T0 + 24 * W];
    const cycles = injectionCycles(inj.map((atMs) => ({ atMs, effectStartedAtMs: atMs + 10 * 86_400_000, effectWoreOffAtMs: null })), dailyValues(inj, T0, 42 * 7));
    expect(cycles).toHaveLength(2);
    for (const c of cycles) {
      expect(c.baseline).toBeCloseTo(8, 6);
      expect(c.baselineSource).toBe('before');
      // True curve: improvement reaches half of its peak (2.5 of 5) at 2.5 weeks; the mean of bin [2,3)
      // is just below half (0.476 of the peak), so the weekly estimate is bin 3 — within a week.
      expect(c.onsetWeek).toBe(3);
      expect(c.peakWeek).toBeGreaterThanOrEqual(4);
      expect(c.peakWeek).toBeLessThanOrEqual(7);
      expect(c.peakImprovement).toBeCloseTo(5, 6);
      // Falls below half at 10 weeks → bin 10.
      expect(c.wearOffWeek).toBe(10);
      expect(c.reportedOnsetWeeks).toBeCloseTo(10 / 7, 6);
    }
    expect(cycles[0]!.endAtMs).toBe(T0 + 20 * W); // capped at 16 weeks
    const m = meanCycle(cycles);
    expect(m[5]!.mean).toBeCloseTo(3, 6);
    expect(m[5]!.n).toBe(2);
  });
  it('a cycle ends at the next injection', () => {
    const inj = [T0, T0 + 6 * W];
    const cycles = injectionCycles(inj.map((atMs) => ({ atMs, effectStartedAtMs: null, effectWoreOffAtMs: null })), dailyValues(inj, T0 - 4 * W, 20 * 7));
    expect(cycles[0]!.endAtMs).toBe(T0 + 6 * W);
    expect(cycles[0]!.weekly).toHaveLength(6);
    expect(cycles[0]!.wearOffWeek).toBeNull(); // not observed before the next injection
  });
  it('reports no effect when there is none (flat values)', () => {
    const vals = Array.from({ length: 200 }, (_, d) => ({ atMs: T0 + d * 86_400_000, value: 5 }));
    const [c] = injectionCycles([{ atMs: T0 + 30 * 86_400_000, effectStartedAtMs: null, effectWoreOffAtMs: null }], vals);
    expect(c).toMatchObject({ baseline: 5, peakWeek: null, onsetWeek: null, wearOffWeek: null });
  });
  it('without values before the injection, uses week 0 as the baseline', () => {
    const inj = [T0];
    const [c] = injectionCycles([{ atMs: T0, effectStartedAtMs: null, effectWoreOffAtMs: null }], dailyValues(inj, T0, 16 * 7));
    expect(c!.baselineSource).toBe('week0');
    expect(c!.peakWeek).not.toBeNull();
  });
  it('properties: every point lands in its cycle with 0 ≤ weeksSince < cycle length; NaN values ignored', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
      fc.array(fc.record({ d: fc.integer({ min: 0, max: 800 }), value: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(Number.NaN)) }), { maxLength: 100 }),
      (injWeeks, pts) => {
        const marks = injWeeks.map((w) => ({ atMs: T0 + w * W, effectStartedAtMs: null, effectWoreOffAtMs: null }));
        const cycles = injectionCycles(marks, pts.map((p) => ({ atMs: T0 + p.d * 86_400_000, value: p.value })));
        expect(cycles).toHaveLength(marks.length);
        for (const c of cycles) {
          for (const p of c.points) {
            expect(Number.isNaN(p.value)).toBe(false);
            expect(p.weeksSince).toBeGreaterThanOrEqual(0);
            expect(c.injectionAtMs + p.weeksSince * W).toBeLessThan(c.endAtMs + 1);
          }
          if (c.onsetWeek !== null) expect(c.onsetWeek).toBeLessThanOrEqual(c.peakWeek!);
          if (c.wearOffWeek !== null) expect(c.wearOffWeek).toBeGreaterThan(c.peakWeek!);
        }
      },
    ));
  });
});
