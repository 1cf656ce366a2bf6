/**
 * Vector charts drawn with pdf-lib lines: no raster, no chart library. Series are told apart by
 * line width and dash pattern and labelled in words, never by colour alone.
 */
import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsi } from './text.ts';

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

export function drawChart(page: PDFPage, font: PDFFont, box: Box, series: readonly ChartSeries[], o: ChartOptions): void {
  const black = rgb(0, 0, 0);
  const sx = (x: number) => box.x + ((x - o.xMin) / (o.xMax - o.xMin || 1)) * box.w;
  const sy = (y: number) => box.y + ((Math.min(o.yMax, Math.max(o.yMin, y)) - o.yMin) / (o.yMax - o.yMin || 1)) * box.h;
  page.drawLine({ start: { x: box.x, y: box.y }, end: { x: box.x + box.w, y: box.y }, thickness: 0.8, color: black });
  page.drawLine({ start: { x: box.x, y: box.y }, end: { x: box.x, y: box.y + box.h }, thickness: 0.8, color: black });
  for (const t of o.yTicks) {
    const y = sy(t);
    page.drawLine({ start: { x: box.x, y }, end: { x: box.x + box.w, y }, thickness: 0.25, color: rgb(0.8, 0.8, 0.8) });
    const s = String(t);
    page.drawText(s, { x: box.x - 4 - font.widthOfTextAtSize(s, 6.5), y: y - 2.2, size: 6.5, font });
  }
  for (const t of o.xTicks) {
    const x = sx(t.at);
    page.drawLine({ start: { x, y: box.y }, end: { x, y: box.y - 3 }, thickness: 0.6, color: black });
    const s = winAnsi(t.label);
    page.drawText(s, { x: x - font.widthOfTextAtSize(s, 6.5) / 2, y: box.y - 11, size: 6.5, font });
  }
  const xl = winAnsi(o.xLabel);
  page.drawText(xl, { x: box.x + box.w / 2 - font.widthOfTextAtSize(xl, 7) / 2, y: box.y - 21, size: 7, font });
  page.drawText(winAnsi(o.yLabel), { x: box.x - 22, y: box.y + box.h / 2 - 20, size: 7, font, rotate: degrees(90) });
  (o.marks ?? []).forEach((m, i) => {
    if (m.at < o.xMin || m.at > o.xMax) return;
    const x = sx(m.at);
    page.drawLine({ start: { x, y: box.y }, end: { x, y: box.y + box.h }, thickness: 0.7, color: rgb(0.3, 0.3, 0.3), dashArray: m.dash ?? [2, 2] });
    // Stagger labels so neighbouring marks never overprint each other.
    page.drawText(winAnsi(m.label), { x: x + 1.5, y: box.y + box.h - 7 - (i % 2) * 8, size: 6, font });
  });
  for (const s of series) {
    const g = s.grey ?? 0;
    const color = rgb(g, g, g);
    const pts = s.points.filter((p) => Number.isFinite(p.y) && p.x >= o.xMin && p.x <= o.xMax);
    for (let i = 1; i < pts.length; i++) {
      page.drawLine({ start: { x: sx(pts[i - 1]!.x), y: sy(pts[i - 1]!.y) }, end: { x: sx(pts[i]!.x), y: sy(pts[i]!.y) }, thickness: s.width, color, ...(s.dash === undefined ? {} : { dashArray: s.dash }) });
    }
    if (s.markers === true) for (const p of pts) page.drawRectangle({ x: sx(p.x) - 1.2, y: sy(p.y) - 1.2, width: 2.4, height: 2.4, color });
  }
}

/** A legend line: a sample of the stroke and its words. */
export function drawLegend(page: PDFPage, font: PDFFont, x: number, y: number, items: ReadonlyArray<{ readonly label: string; readonly width: number; readonly dash?: number[]; readonly grey?: number }>): void {
  let cx = x;
  for (const it of items) {
    const g = it.grey ?? 0;
    page.drawLine({ start: { x: cx, y: y + 2.5 }, end: { x: cx + 16, y: y + 2.5 }, thickness: it.width, color: rgb(g, g, g), ...(it.dash === undefined ? {} : { dashArray: it.dash }) });
    const s = winAnsi(it.label);
    page.drawText(s, { x: cx + 19, y, size: 6.5, font });
    cx += 26 + font.widthOfTextAtSize(s, 6.5);
  }
}
