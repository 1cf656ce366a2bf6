import fc from 'fast-check';
import { injectionCycles, meanCycle, MS_PER_WEEK, TWSTRS_TOTAL_SCALE, describeCycles } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { cycleChart, linear, outOfBounds, pathOf, pathPoints, timeChart } from './chartGeometry.ts';

const T0 = Date.UTC(2025, 0, 6);
const W = MS_PER_WEEK;

describe('chart geometry', () => {
  it('maps domain to range, y upward', () => {
    const sy = linear(0, 10, 200, 0);
    expect(sy(0)).toBe(200);
    expect(sy(10)).toBe(0);
    expect(sy(5)).toBe(100);
  });
  it('breaks the line at missing values', () => {
    const sx = linear(0, 4, 0, 400);
    const sy = linear(0, 10, 100, 0);
    expect(pathOf([{ x: 0, y: 0 }, { x: 1, y: 10 }, { x: 2, y: null }, { x: 3, y: 5 }, { x: 4, y: 5 }], sx, sy)).toBe('M0.0 100.0 L100.0 0.0 M300.0 50.0 L400.0 50.0');
  });

  it('TWSTRS totals 20–67 are drawn at distinct heights inside the axes (not clipped at 15)', () => {
    const vals = [67, 50, 20, 35, 60, 66].map((v, i) => ({ atMs: T0 + [0, 2, 4, 8, 12, 16][i]! * W, value: v }));
    const g = timeChart(vals, TWSTRS_TOTAL_SCALE, [{ atMs: T0, label: 'injection' }]);
    expect(outOfBounds(g)).toEqual([]);
    const ys = pathPoints(g.paths[0]!.d).map((p) => p.y);
    expect(new Set(ys).size).toBe(6);
    expect(g.yTicks[g.yTicks.length - 1]!.value).toBeGreaterThanOrEqual(67);

    const cycles = injectionCycles([{ atMs: T0, effectStartedAtMs: null, effectWoreOffAtMs: null }], vals, { scale: TWSTRS_TOTAL_SCALE });
    const c = cycleChart(cycles, meanCycle(cycles), TWSTRS_TOTAL_SCALE, describeCycles(cycles));
    expect(outOfBounds(c)).toEqual([]);
    // Week 16 is on the chart.
    expect(c.points.length).toBe(6);
    expect(c.xTicks.map((t) => t.label)).toContain('16');
    expect(c.marks.map((m) => m.label)).toEqual(['onset', 'peak', 'wear-off']);
  });

  it('property: nothing is drawn outside the axes, whatever the values, dates and marks', () => {
    fc.assert(fc.property(
      fc.record({ min: fc.integer({ min: -20, max: 20 }), span: fc.integer({ min: 1, max: 200 }) }),
      fc.array(fc.record({ d: fc.integer({ min: 0, max: 600 }), f: fc.double({ min: -0.2, max: 1.2, noNaN: true }) }), { maxLength: 80 }),
      fc.array(fc.record({ d: fc.integer({ min: -100, max: 700 }), label: fc.constantFrom('injection', 'start Example oral medicine', 'DBS setting') }), { maxLength: 8 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { maxLength: 4 }),
      (dec, pts, mk, injW) => {
        const declared = { min: dec.min, max: dec.min + dec.span };
        const vals = pts.map((p) => ({ atMs: T0 + p.d * 86_400_000, value: dec.min + p.f * dec.span }));
        const g = timeChart(vals, declared, mk.map((m) => ({ atMs: T0 + m.d * 86_400_000, label: m.label })));
        expect(outOfBounds(g)).toEqual([]);
        const cycles = injectionCycles(injW.map((w) => ({ atMs: T0 + w * W, effectStartedAtMs: null, effectWoreOffAtMs: null })), vals, { scale: { ...TWSTRS_TOTAL_SCALE, ...declared } });
        const c = cycleChart(cycles, meanCycle(cycles), declared, describeCycles(cycles));
        expect(outOfBounds(c)).toEqual([]);
      },
    ), { numRuns: 200 });
  });
});
