/**
 * Minimal SVG line plots for self-contained reports (no script, no external asset). Lines differ by
 * dash pattern as well as colour, so the plot reads without colour vision.
 */
export interface PlotLine {
  readonly label: string;
  readonly color: string;
  readonly dash: string;
  /** x, y; y null = gap. */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface PlotOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly widthPx?: number;
  readonly heightPx?: number;
  /** Intervals of x to shade (e.g. not measurable), with a legend label. */
  readonly shade?: { readonly label: string; readonly ranges: readonly (readonly [number, number])[] };
  /** Horizontal band to mark (e.g. the ±10° neutral zone). */
  readonly band?: { readonly label: string; readonly from: number; readonly to: number };
  readonly yMin?: number;
  readonly yMax?: number;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

export function linePlotSvg(lines: readonly PlotLine[], o: PlotOptions): string {
  const W = o.widthPx ?? 900, H = o.heightPx ?? 280;
  const L = 60, R = 16, T = 52, B = 44;
  const xs = lines.flatMap((l) => l.points.map((p) => p[0]));
  const ys = lines.flatMap((l) => l.points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v)));
  const x0 = xs.length ? Math.min(...xs) : 0, x1 = xs.length ? Math.max(...xs) : 1;
  let y0 = o.yMin ?? (ys.length ? Math.min(...ys) : -1);
  let y1 = o.yMax ?? (ys.length ? Math.max(...ys) : 1);
  if (o.band) { y0 = Math.min(y0, o.band.from); y1 = Math.max(y1, o.band.to); }
  if (y1 - y0 < 1e-9) { y0 -= 1; y1 += 1; }
  const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(o.title)}">`);
  parts.push(`<title>${esc(o.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
  if (o.band) {
    parts.push(`<rect x="${L}" y="${sy(o.band.to)}" width="${W - L - R}" height="${sy(o.band.from) - sy(o.band.to)}" fill="#e6f4ea"/>`);
  }
  for (const [a, b] of o.shade?.ranges ?? []) {
    parts.push(`<rect x="${sx(a)}" y="${T}" width="${Math.max(1, sx(b) - sx(a))}" height="${H - T - B}" fill="url(#hatch)"/>`);
  }
  parts.push(`<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3f3f3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="2"/></pattern></defs>`);
  for (const t of niceTicks(y0, y1, 6)) {
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${sy(t)}" y2="${sy(t)}" stroke="${t === 0 ? '#555' : '#ddd'}"/>`);
    parts.push(`<text x="${L - 6}" y="${sy(t) + 4}" font-size="12" text-anchor="end">${t}</text>`);
  }
  for (const t of niceTicks(x0, x1, 10)) {
    parts.push(`<text x="${sx(t)}" y="${H - B + 16}" font-size="12" text-anchor="middle">${t}</text>`);
  }
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 8}" font-size="13" text-anchor="middle">${esc(o.xLabel)}</text>`);
  parts.push(`<text x="14" y="${(T + H - B) / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 14 ${(T + H - B) / 2})">${esc(o.yLabel)}</text>`);
  parts.push(`<text x="${L}" y="20" font-size="15" font-weight="bold">${esc(o.title)}</text>`);
  for (const line of lines) {
    let d = '';
    let pen = false;
    for (const [x, y] of line.points) {
      if (y === null || !Number.isFinite(y)) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      pen = true;
    }
    parts.push(`<path d="${d}" fill="none" stroke="${line.color}" stroke-width="1.6" stroke-dasharray="${line.dash}"><title>${esc(line.label)}</title></path>`);
  }
  // Legend
  // Legend on its own line under the title.
  let lx = L;
  for (const line of lines) {
    parts.push(`<line x1="${lx}" x2="${lx + 28}" y1="36" y2="36" stroke="${line.color}" stroke-width="2.5" stroke-dasharray="${line.dash}"/>`);
    parts.push(`<text x="${lx + 34}" y="40" font-size="13">${esc(line.label)}</text>`);
    lx += 44 + line.label.length * 7.5;
  }
  if (o.band) {
    parts.push(`<rect x="${lx}" y="28" width="16" height="14" fill="#e6f4ea" stroke="#999"/><text x="${lx + 22}" y="40" font-size="13">${esc(o.band.label)}</text>`);
    lx += 30 + o.band.label.length * 7.5;
  }
  if (o.shade && o.shade.ranges.length) {
    parts.push(`<rect x="${lx}" y="28" width="16" height="14" fill="url(#hatch)" stroke="#999"/><text x="${lx + 22}" y="40" font-size="13">${esc(o.shade.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
