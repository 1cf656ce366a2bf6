/**
 * Pure geometry for the SVG charts (tested without a browser): scales, polyline paths, and whole
 * chart layouts whose every line, point and label anchor lies inside the chart — values are never
 * drawn outside the axes: the y-axis is fitted to the data and the scale's declared range (core's
 * `fitAxis`), the x-axis covers every point, and marks outside the x-range are left out.
 */
import { fitAxis, type InjectionCycle, type TimedValue, type WeekMean } from '@geste/core';

export interface Scale { (v: number): number }
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
/** SVG path "M x y L x y …" through the points, broken at nulls (not measurable / no entry). */
export function pathOf(points: ReadonlyArray<{ x: number; y: number | null }>, sx: Scale, sy: Scale): string {
  let out = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) { pen = false; continue; }
    out += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)} `;
    pen = true;
  }
  return out.trim();
}
/** The coordinates in a path made by `pathOf` (for checks). */
export function pathPoints(d: string): Array<{ x: number; y: number }> {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

export const CHART = { W: 720, H: 260, l: 52, r: 16, t: 22, b: 44 } as const;
/** Rough width of a label in px at 11 px (for keeping labels inside the chart). */
const labelWidth = (s: string) => s.length * 6.2;

export interface Declared { readonly min: number; readonly max: number }
export interface MarkGeom { readonly x: number; readonly label: string; readonly labelX: number; readonly labelY: number; readonly anchor: 'start' | 'end'; readonly dash: string }
export interface ChartGeom {
  readonly W: number;
  readonly H: number;
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
  readonly yTicks: ReadonlyArray<{ readonly value: number; readonly y: number }>;
  readonly xTicks: ReadonlyArray<{ readonly x: number; readonly label: string; readonly anchor: 'start' | 'middle' | 'end' }>;
  readonly paths: ReadonlyArray<{ readonly d: string; readonly role: 'each' | 'main' }>;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
  readonly marks: readonly MarkGeom[];
}

/** Vertical marks with labels placed on the first of 4 rows where they overlap no earlier label. */
function layoutMarks(marks: ReadonlyArray<{ x: number; label: string; dash: string }>, plot: ChartGeom['plot']): MarkGeom[] {
  const rows: Array<Array<[number, number]>> = [[], [], [], []];
  return [...marks].sort((a, b) => a.x - b.x).map((m, i) => {
    const w = labelWidth(m.label);
    const fitsRight = m.x + 3 + w <= plot.x1;
    const left = fitsRight ? m.x + 3 : m.x - 3 - w;
    const span: [number, number] = [left - 2, left + w + 2];
    let row = rows.findIndex((r) => r.every(([a, b]) => span[1] <= a || span[0] >= b));
    if (row < 0) row = i % rows.length;
    rows[row]!.push(span);
    return { x: m.x, label: m.label, labelX: fitsRight ? m.x + 3 : m.x - 3, labelY: plot.y1 + 11 + row * 12, anchor: fitsRight ? 'start' : 'end', dash: m.dash };
  });
}

/** A value over time with dated marks (injections, treatment changes); one chart per scale. */
export function timeChart(values: readonly TimedValue[], declared: Declared, marks: ReadonlyArray<{ readonly atMs: number; readonly label: string }>, range?: { readonly fromMs: number; readonly toMs: number }): ChartGeom {
  const { W, H } = CHART;
  const plot = { x0: CHART.l, x1: W - CHART.r, y0: H - CHART.b, y1: CHART.t };
  const times = values.length > 0 ? values.map((p) => p.atMs) : marks.length > 0 ? marks.map((m) => m.atMs) : [0];
  const x0 = range?.fromMs ?? Math.min(...times);
  const x1raw = range?.toMs ?? Math.max(...times);
  const x1 = Math.max(x1raw, x0 + 86_400_000);
  const ax = fitAxis(values.map((p) => p.value), declared);
  // 2 % air at each end so markers on the first and last day are drawn whole.
  const padMs = 0.02 * (x1 - x0);
  const sx = linear(x0 - padMs, x1 + padMs, plot.x0, plot.x1);
  const sy = linear(ax.min, ax.max, plot.y0, plot.y1);
  const inX = values.filter((p) => p.atMs >= x0 && p.atMs <= x1);
  const d = pathOf(inX.map((p) => ({ x: p.atMs, y: p.value })), sx, sy);
  return {
    W, H, plot,
    yTicks: ax.ticks.map((v) => ({ value: v, y: sy(v) })),
    xTicks: [0, 0.25, 0.5, 0.75, 1].map((f) => { const t = x0 + f * (x1 - x0); return { x: sx(t), label: new Date(t).toISOString().slice(0, 10), anchor: f === 0 ? 'start' as const : f === 1 ? 'end' as const : 'middle' as const }; }),
    paths: [{ d, role: 'main' }],
    points: inX.length <= 60 ? inX.map((p) => ({ x: sx(p.atMs), y: sy(p.value) })) : [],
    marks: layoutMarks(marks.filter((m) => m.atMs >= x0 && m.atMs <= x1).map((m) => ({ x: sx(m.atMs), label: m.label, dash: '5 4' })), plot),
  };
}

/** Cycles overlaid by weeks since injection: each cycle thin, the mean thick; onset/peak/wear-off marked. */
export function cycleChart(cycles: readonly InjectionCycle[], mean: readonly WeekMean[], declared: Declared, est: { onset: number | null; peak: number | null; wearOff: number | null }): ChartGeom {
  const { W, H } = CHART;
  const plot = { x0: CHART.l, x1: W - CHART.r, y0: H - CHART.b, y1: CHART.t };
  const weeks = Math.max(16, mean.length - 1, ...cycles.map((c) => c.weekly.length - 1));
  const values = [...cycles.flatMap((c) => c.weekly.map((w) => w.mean)), ...(cycles.map((c) => c.baseline))].filter((v): v is number => v !== null);
  const ax = fitAxis(values, declared);
  const sx = linear(0, weeks + 1, plot.x0, plot.x1);
  const sy = linear(ax.min, ax.max, plot.y0, plot.y1);
  const step = weeks <= 20 ? 2 : weeks <= 40 ? 4 : 8;
  const xTicks = Array.from({ length: Math.floor(weeks / step) + 1 }, (_, i) => ({ x: sx(i * step + 0.5), label: String(i * step), anchor: 'middle' as const }));
  const named: Array<[string, number | null, string]> = [['onset', est.onset, '6 3'], ['peak', est.peak, '1 3'], ['wear-off', est.wearOff, '6 3']];
  return {
    W, H, plot,
    yTicks: ax.ticks.map((v) => ({ value: v, y: sy(v) })),
    xTicks,
    paths: [
      // Weeks without data are skipped, not gaps: trial visits (weeks 0, 2, 4, 8 …) still make a line.
      ...cycles.map((c) => ({ d: pathOf(c.weekly.filter((w) => w.mean !== null).map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy), role: 'each' as const })),
      { d: pathOf(mean.filter((w) => w.mean !== null).map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy), role: 'main' as const },
    ],
    points: mean.flatMap((w) => (w.mean === null ? [] : [{ x: sx(w.week + 0.5), y: sy(w.mean) }])),
    marks: layoutMarks(named.flatMap(([label, v, dash]) => (v === null || v > weeks ? [] : [{ x: sx(v + 0.5), label, dash }])), plot),
  };
}

/** Every drawn coordinate of a chart lies inside its plot (lines, points) or the picture (labels). */
export function outOfBounds(g: ChartGeom): string[] {
  const bad: string[] = [];
  const eps = 0.06; // paths are written to 0.1 px
  const inPlot = (x: number, y: number) => x >= g.plot.x0 - eps && x <= g.plot.x1 + eps && y >= g.plot.y1 - eps && y <= g.plot.y0 + eps;
  g.paths.forEach((p, i) => pathPoints(p.d).forEach((q) => { if (!inPlot(q.x, q.y)) bad.push(`path ${i} point ${q.x},${q.y}`); }));
  g.points.forEach((q) => { if (!inPlot(q.x, q.y)) bad.push(`marker ${q.x},${q.y}`); });
  g.yTicks.forEach((t) => { if (t.y < g.plot.y1 - eps || t.y > g.plot.y0 + eps) bad.push(`y tick ${t.value}`); });
  g.xTicks.forEach((t) => {
    if (t.x < g.plot.x0 - eps || t.x > g.plot.x1 + eps) bad.push(`x tick ${t.label}`);
    const w = labelWidth(t.label);
    const left = t.anchor === 'start' ? t.x : t.anchor === 'end' ? t.x - w : t.x - w / 2;
    if (left < 0 || left + w > g.W) bad.push(`x label ${t.label} from ${left} to ${left + w}`);
  });
  g.marks.forEach((m) => {
    if (m.x < g.plot.x0 - eps || m.x > g.plot.x1 + eps) bad.push(`mark ${m.label} at ${m.x}`);
    const w = labelWidth(m.label);
    const left = m.anchor === 'start' ? m.labelX : m.labelX - w;
    if (left < 0 || left + w > g.W) bad.push(`label ${m.label} from ${left} to ${left + w}`);
  });
  return bad;
}
