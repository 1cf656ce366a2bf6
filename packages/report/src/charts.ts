/**
 * Vector charts drawn with pdf-lib lines: no raster, no chart library. Series are told apart by
 * line width and dash pattern and labelled in words, never by colour alone. The layout is computed
 * first (`layoutChart`, pure and tested: every line and point inside the box, every label on the page
 * column it belongs to), then drawn.
 */
import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
export interface ChartSeries {
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
  readonly width: number;
  readonly dash?: number[];
  readonly grey?: number;
  readonly label?: string;
  /** Draw a small square at each point (for sparse data). */
  readonly markers?: boolean;
}
export interface ChartOptions {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly xTicks: ReadonlyArray<{ readonly at: number; readonly label: string }>;
  readonly yTicks: readonly number[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Vertical marks (e.g. injections, onset/peak/wear-off) with a short label. */
  readonly marks?: ReadonlyArray<{ readonly at: number; readonly label: string; readonly dash?: number[] }>;
}
/** Text encoder and measurer of the font in use (Unicode font or WinAnsi fallback). */
export interface Pen {
  readonly font: PDFFont;
  readonly bold: PDFFont;
  enc(s: string): string;
}

interface Seg { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly width: number; readonly grey: number; readonly dash?: number[] }
interface Label { readonly x: number; readonly y: number; readonly text: string; readonly size: number; readonly w: number; readonly rotate?: boolean }
export interface ChartLayout {
  readonly box: Box;
  readonly frame: readonly Seg[];
  readonly grid: readonly Seg[];
  readonly data: readonly Seg[];
  readonly markers: ReadonlyArray<{ readonly x: number; readonly y: number; readonly grey: number }>;
  readonly marks: readonly Seg[];
  readonly labels: readonly Label[];
}

/** Pure layout. `width(text, size)` measures text in the font used. */
export function layoutChart(box: Box, series: readonly ChartSeries[], o: ChartOptions, width: (s: string, size: number) => number): ChartLayout {
  const sx = (x: number) => box.x + ((x - o.xMin) / (o.xMax - o.xMin || 1)) * box.w;
  const sy = (y: number) => box.y + ((y - o.yMin) / (o.yMax - o.yMin || 1)) * box.h;
  const inX = (x: number) => Number.isFinite(x) && x >= o.xMin && x <= o.xMax;
  const inY = (y: number) => Number.isFinite(y) && y >= o.yMin && y <= o.yMax;
  const frame: Seg[] = [
    { x1: box.x, y1: box.y, x2: box.x + box.w, y2: box.y, width: 0.8, grey: 0 },
    { x1: box.x, y1: box.y, x2: box.x, y2: box.y + box.h, width: 0.8, grey: 0 },
  ];
  const grid: Seg[] = [];
  const labels: Label[] = [];
  for (const t of o.yTicks.filter(inY)) {
    const y = sy(t);
    grid.push({ x1: box.x, y1: y, x2: box.x + box.w, y2: y, width: 0.25, grey: 0.8 });
    const s = String(t);
    labels.push({ x: box.x - 4 - width(s, 6.5), y: y - 2.2, text: s, size: 6.5, w: width(s, 6.5) });
  }
  for (const t of o.xTicks.filter((t) => inX(t.at))) {
    const x = sx(t.at);
    frame.push({ x1: x, y1: box.y, x2: x, y2: box.y - 3, width: 0.6, grey: 0 });
    const w = width(t.label, 6.5);
    labels.push({ x: Math.min(box.x + box.w - w, Math.max(box.x - 6, x - w / 2)), y: box.y - 11, text: t.label, size: 6.5, w });
  }
  const xw = width(o.xLabel, 7);
  labels.push({ x: box.x + box.w / 2 - xw / 2, y: box.y - 21, text: o.xLabel, size: 7, w: xw });
  labels.push({ x: box.x - 22, y: box.y + box.h / 2 - width(o.yLabel, 7) / 2, text: o.yLabel, size: 7, w: width(o.yLabel, 7), rotate: true });
  const marks: Seg[] = [];
  (o.marks ?? []).filter((m) => inX(m.at)).forEach((m, i) => {
    const x = sx(m.at);
    marks.push({ x1: x, y1: box.y, x2: x, y2: box.y + box.h, width: 0.7, grey: 0.3, dash: m.dash ?? [2, 2] });
    const w = width(m.label, 6);
    // Labels go right of the line, or left of it near the right edge; staggered so neighbours never overprint.
    labels.push({ x: x + 1.5 + w <= box.x + box.w ? x + 1.5 : x - 1.5 - w, y: box.y + box.h - 7 - (i % 2) * 8, text: m.label, size: 6, w });
  });
  const data: Seg[] = [];
  const markers: Array<{ x: number; y: number; grey: number }> = [];
  for (const s of series) {
    const g = s.grey ?? 0;
    // Points outside the axes are not drawn (the axes are fitted to the data, so none should be).
    const pts = s.points.filter((p) => inX(p.x) && inY(p.y));
    for (let i = 1; i < pts.length; i++) data.push({ x1: sx(pts[i - 1]!.x), y1: sy(pts[i - 1]!.y), x2: sx(pts[i]!.x), y2: sy(pts[i]!.y), width: s.width, grey: g, ...(s.dash === undefined ? {} : { dash: s.dash }) });
    if (s.markers === true) for (const p of pts) markers.push({ x: sx(p.x), y: sy(p.y), grey: g });
  }
  return { box, frame, grid, data, markers, marks, labels };
}

export function drawChart(page: PDFPage, pen: Pen, box: Box, series: readonly ChartSeries[], o: ChartOptions): ChartLayout {
  const enc = { ...o, xLabel: pen.enc(o.xLabel), yLabel: pen.enc(o.yLabel), xTicks: o.xTicks.map((t) => ({ ...t, label: pen.enc(t.label) })), marks: (o.marks ?? []).map((m) => ({ ...m, label: pen.enc(m.label) })) };
  const L = layoutChart(box, series, enc, (s, size) => pen.font.widthOfTextAtSize(s, size));
  const line = (s: Seg) => page.drawLine({ start: { x: s.x1, y: s.y1 }, end: { x: s.x2, y: s.y2 }, thickness: s.width, color: rgb(s.grey, s.grey, s.grey), ...(s.dash === undefined ? {} : { dashArray: s.dash }) });
  L.grid.forEach(line);
  L.frame.forEach(line);
  L.marks.forEach(line);
  L.data.forEach(line);
  for (const m of L.markers) page.drawRectangle({ x: m.x - 1.2, y: m.y - 1.2, width: 2.4, height: 2.4, color: rgb(m.grey, m.grey, m.grey) });
  for (const l of L.labels) page.drawText(l.text, { x: l.x, y: l.y, size: l.size, font: pen.font, ...(l.rotate === true ? { rotate: degrees(90), x: l.x, y: l.y } : {}) });
  return L;
}

/** A legend line: a sample of the stroke and its words. */
export function drawLegend(page: PDFPage, pen: Pen, x: number, y: number, items: ReadonlyArray<{ readonly label: string; readonly width: number; readonly dash?: number[]; readonly grey?: number }>): void {
  let cx = x;
  for (const it of items) {
    const g = it.grey ?? 0;
    page.drawLine({ start: { x: cx, y: y + 2.5 }, end: { x: cx + 16, y: y + 2.5 }, thickness: it.width, color: rgb(g, g, g), ...(it.dash === undefined ? {} : { dashArray: it.dash }) });
    const s = pen.enc(it.label);
    page.drawText(s, { x: cx + 19, y, size: 6.5, font: pen.font });
    cx += 26 + pen.font.widthOfTextAtSize(s, 6.5);
  }
}
