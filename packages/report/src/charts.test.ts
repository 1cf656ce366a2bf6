import fc from 'fast-check';
import { fitAxis } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { layoutChart } from './charts.ts';

const BOX = { x: 70, y: 300, w: 200, h: 90 };
const width = (s: string, size: number) => s.length * size * 0.55;

describe('PDF chart layout', () => {
  it('property: lines, points and marks stay inside the box; tick and mark labels stay beside it', () => {
    fc.assert(fc.property(
      fc.record({ min: fc.integer({ min: 0, max: 20 }), span: fc.integer({ min: 1, max: 100 }) }),
      fc.array(fc.record({ x: fc.double({ min: -2, max: 20, noNaN: true }), f: fc.double({ min: -0.1, max: 1.1, noNaN: true }) }), { maxLength: 60 }),
      fc.array(fc.record({ at: fc.double({ min: -2, max: 20, noNaN: true }), label: fc.constantFrom('inj.', 'onset', 'wear-off') }), { maxLength: 6 }),
      (dec, pts, marks) => {
        const values = pts.map((p) => dec.min + p.f * dec.span);
        const ax = fitAxis(values, { min: dec.min, max: dec.min + dec.span });
        const L = layoutChart(BOX, [{ points: pts.map((p, i) => ({ x: p.x, y: values[i]! })), width: 1, markers: true }], {
          xMin: 0, xMax: 16, yMin: ax.min, yMax: ax.max, yTicks: ax.ticks, xTicks: [0, 4, 8, 12, 16].map((t) => ({ at: t, label: String(t) })), xLabel: 'weeks', yLabel: 'points', marks,
        }, width);
        const inBox = (x: number, y: number) => x >= BOX.x - 1e-9 && x <= BOX.x + BOX.w + 1e-9 && y >= BOX.y - 1e-9 && y <= BOX.y + BOX.h + 1e-9;
        for (const s of [...L.data, ...L.grid, ...L.marks]) { expect(inBox(s.x1, s.y1)).toBe(true); expect(inBox(s.x2, s.y2)).toBe(true); }
        for (const m of L.markers) expect(inBox(m.x, m.y)).toBe(true);
        // Every value inside the x-range is drawn (fitted axis: nothing is clipped away).
        expect(L.markers.length).toBe(pts.filter((p) => p.x >= 0 && p.x <= 16).length);
        for (const l of L.labels.filter((l) => l.rotate !== true)) { expect(l.x).toBeGreaterThanOrEqual(BOX.x - 30); expect(l.x + l.w).toBeLessThanOrEqual(BOX.x + BOX.w + 1e-9); }
      },
    ), { numRuns: 300 });
  });
});
