/**
 * `geste agreement`: clinician ratings (CSV, one row per video) against Geste's results.csv, per item:
 * Pearson, Spearman, ICC(2,1)/(3,1), Bland–Altman — as JSON and a self-contained HTML report with a
 * scatter plot and a Bland–Altman plot per item (inline SVG: no script, no external asset).
 */
import { CliError } from '../errors.ts';
import { type ItemAgreement, itemAgreement } from './agreement.ts';
import type { CsvDelimiter } from '@geste/core';
import { csvToRecords, readCsvRecords } from './row.ts';

export interface AgreementInput {
  readonly ratingsCsv: string;
  readonly resultsCsv: string;
  /** clinician column → Geste column; columns with the same name in both files are paired without it. */
  readonly map?: Readonly<Record<string, string>>;
}

export interface AgreementResult {
  readonly items: readonly ItemAgreement[];
  /** Rating rows whose video is not in the results (by `video` or `videoId`). */
  readonly unmatchedVideos: readonly string[];
  readonly videosMatched: number;
}

const ID_COLUMNS = new Set(['video', 'videoId', 'rater', 'status', 'error']);

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** Cells a rater leaves for "not rated". */
const NOT_RATED = new Set(['', 'na', 'n/a', 'nan', '-', '.', 'missing']);

/**
 * A rating cell: a number (a decimal comma is read as the decimal point in semicolon- or tab-separated
 * files, as European spreadsheets write "1,5"), null when left blank or NA, or a located problem.
 */
function ratingNumber(raw: string | undefined, delimiter: CsvDelimiter): number | string | null {
  const s = (raw ?? '').trim();
  if (NOT_RATED.has(s.toLowerCase())) return null;
  const plain = delimiter !== ',' ? s.replace(/^([+-]?\d+),(\d+)$/, '$1.$2') : s;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(plain)) return Number(plain);
  const hint = delimiter === ',' && /^[+-]?\d+,\d+$/.test(s) ? ' (this file is comma-separated, so write the decimal with a point, or save it separated by semicolons)' : '';
  return `expected a number (or blank / NA when not rated); got "${s.length > 30 ? `${s.slice(0, 30)}…` : s}"${hint}`;
}

export function computeAgreement(input: AgreementInput): AgreementResult {
  const { records: ratings, delimiter } = readCsvRecords(input.ratingsCsv, 'The ratings CSV');
  const results = csvToRecords(input.resultsCsv, 'The results CSV');
  if (ratings.length === 0) throw new CliError('input', 'The ratings CSV has no rows. Expected a header with a "video" column and one column per rated item.');
  if (!('video' in ratings[0]!)) throw new CliError('input', `The ratings CSV needs a "video" column (the file name or video id as in results.csv); its columns are: ${Object.keys(ratings[0]!).join(', ')}.`);
  const byVideo = new Map<string, Record<string, string>>();
  for (const r of results) {
    if (r.status === 'failed') continue;
    if (r.video) byVideo.set(r.video, r);
    if (r.videoId) byVideo.set(r.videoId, r);
  }
  const resultColumns = new Set(Object.keys(results[0] ?? {}));
  const pairsOf = new Map<string, [string, string]>(); // item label → [clinician col, geste col]
  for (const col of Object.keys(ratings[0]!)) {
    if (ID_COLUMNS.has(col)) continue;
    const g = input.map?.[col] ?? (resultColumns.has(col) ? col : undefined);
    if (g !== undefined) {
      if (!resultColumns.has(g)) throw new CliError('usage', `--map ${col}=${g}: results.csv has no column "${g}".`);
      pairsOf.set(col === g ? col : `${col} ↔ ${g}`, [col, g]);
    }
  }
  if (pairsOf.size === 0) throw new CliError('input', `No rating column matches a results.csv column (e.g. severity.rotation, rotationDeg.medianDeg). Rename the columns or pair them with --map RATING=GESTE.`);
  // Several rows for one video (several raters) are averaged per item.
  const perVideo = new Map<string, Record<string, number[]>>();
  const unmatched = new Set<string>();
  const problems: string[] = [];
  ratings.forEach((r, i) => {
    // Every paired cell is checked, matched video or not: a typo is reported, never dropped silently.
    const values: [string, number][] = [];
    for (const [, [c]] of pairsOf) {
      const v = ratingNumber(r[c], delimiter);
      if (typeof v === 'string') problems.push(`row ${i + 2}, column \`${c}\`: ${v}`);
      else if (v !== null) values.push([c, v]);
    }
    const g = byVideo.get(r.video ?? '');
    if (!g) { unmatched.add(r.video ?? ''); return; }
    const key = g.videoId ?? r.video!;
    const acc = perVideo.get(key) ?? {};
    for (const [c, v] of values) (acc[c] ??= []).push(v);
    perVideo.set(key, acc);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    throw new CliError('input', `The ratings CSV has ${problems.length} cell${problems.length === 1 ? '' : 's'} that ${problems.length === 1 ? 'is' : 'are'} not a rating: ${shown}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}. Fix ${problems.length === 1 ? 'it' : 'them'} and run again; nothing was compared.`);
  }
  const items: ItemAgreement[] = [];
  for (const [label, [c, gcol]] of pairsOf) {
    const pairs: [number, number][] = [];
    for (const [vid, acc] of perVideo) {
      const gv = num(byVideo.get(vid)?.[gcol]);
      const cs = acc[c];
      if (gv === null || !cs?.length) continue;
      pairs.push([gv, cs.reduce((s, v) => s + v, 0) / cs.length]);
    }
    items.push(itemAgreement(label, pairs));
  }
  return { items, unmatchedVideos: [...unmatched].sort(), videosMatched: perVideo.size };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const f = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));

function scale(lo: number, hi: number, a: number, b: number) {
  const span = hi - lo || 1;
  return (v: number) => a + ((v - lo) / span) * (b - a);
}

function range(vs: readonly number[]): [number, number] {
  let lo = Math.min(...vs), hi = Math.max(...vs);
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

function axes(w: number, h: number, m: number, xl: string, yl: string, xr: [number, number], yr: [number, number]): string {
  const t = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
  return `<rect x="${m}" y="10" width="${w - m - 10}" height="${h - m - 10}" fill="none" stroke="#444"/>` +
    `<text x="${(w + m) / 2}" y="${h - 8}" text-anchor="middle" font-size="12">${esc(xl)}</text>` +
    `<text x="14" y="${(h - m) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(h - m) / 2})">${esc(yl)}</text>` +
    `<text x="${m}" y="${h - m + 14}" font-size="10">${t(xr[0])}</text><text x="${w - 10}" y="${h - m + 14}" font-size="10" text-anchor="end">${t(xr[1])}</text>` +
    `<text x="${m - 4}" y="${h - m}" font-size="10" text-anchor="end">${t(yr[0])}</text><text x="${m - 4}" y="18" font-size="10" text-anchor="end">${t(yr[1])}</text>`;
}

export function scatterSvg(a: ItemAgreement): string {
  const w = 360, h = 300, m = 44;
  const all = a.pairs.flatMap((p) => [p[0], p[1]]);
  const r = range(all);
  const x = scale(r[0], r[1], m, w - 10), y = scale(r[0], r[1], h - m, 10);
  const dots = a.pairs.map((p) => `<circle cx="${x(p[1]).toFixed(1)}" cy="${y(p[0]).toFixed(1)}" r="3.5" fill="#1f4e99" fill-opacity="0.7"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Geste against clinician, ${esc(a.item)}">` +
    axes(w, h, m, 'clinician', 'Geste', r, r) +
    `<line x1="${x(r[0])}" y1="${y(r[0])}" x2="${x(r[1])}" y2="${y(r[1])}" stroke="#999" stroke-dasharray="4 3"/>${dots}</svg>`;
}

export function blandAltmanSvg(a: ItemAgreement): string {
  const w = 360, h = 300, m = 44;
  const means = a.pairs.map((p) => (p[0] + p[1]) / 2);
  const diffs = a.pairs.map((p) => p[0] - p[1]);
  const ba = a.blandAltman;
  const xr = range(means);
  const yr = range([...diffs, ...(ba.lowerLoA !== null ? [ba.lowerLoA, ba.upperLoA!] : []), 0]);
  const x = scale(xr[0], xr[1], m, w - 10), y = scale(yr[0], yr[1], h - m, 10);
  const hline = (v: number | null, dash: string, label: string) =>
    v === null ? '' : `<line x1="${m}" x2="${w - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#b33" stroke-dasharray="${dash}"/><text x="${w - 12}" y="${(y(v) - 3).toFixed(1)}" font-size="10" text-anchor="end" fill="#b33">${esc(label)} ${f(v, 2)}</text>`;
  const dots = means.map((mv, i) => `<circle cx="${x(mv).toFixed(1)}" cy="${y(diffs[i]!).toFixed(1)}" r="3.5" fill="#1f4e99" fill-opacity="0.7"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Bland–Altman plot, ${esc(a.item)}">` +
    axes(w, h, m, 'mean of Geste and clinician', 'Geste − clinician', xr, yr) +
    hline(ba.meanDiff, '', 'bias') + hline(ba.upperLoA, '5 3', '+1.96 SD') + hline(ba.lowerLoA, '5 3', '−1.96 SD') + dots + '</svg>';
}

export function renderAgreementHtml(r: AgreementResult, title: string): string {
  const rows = r.items.map((a) => `<tr><th scope="row">${esc(a.item)}</th><td>${a.n}</td><td>${f(a.pearson)}</td><td>${f(a.spearman)}</td><td>${f(a.icc.icc21)}</td><td>${f(a.icc.icc31)}</td><td>${f(a.blandAltman.meanDiff)}</td><td>${f(a.blandAltman.lowerLoA)} to ${f(a.blandAltman.upperLoA)}</td></tr>`).join('');
  const plots = r.items.map((a) => `<section><h2>${esc(a.item)}</h2><p>${a.n} videos with both a rating and a Geste value.</p><div class="plots">${scatterSvg(a)}${blandAltmanSvg(a)}</div></section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Geste agreement — ${esc(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;color:#111;max-width:1000px;margin:24px auto;padding:0 16px}table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px;text-align:left}.plots{display:flex;flex-wrap:wrap;gap:16px}</style></head><body>
<h1>Agreement of Geste's measures with clinician ratings</h1>
<p>${r.videosMatched} videos matched${r.unmatchedVideos.length ? `; ${r.unmatchedVideos.length} rated videos not found in the results` : ''}.
ICC(2,1) is two-way random, absolute agreement, single measures (Shrout &amp; Fleiss 1979): a constant offset counts as disagreement.
ICC(3,1) is two-way mixed, consistency: it ignores a constant offset. Bland–Altman (Bland &amp; Altman 1986): bias = mean of Geste − clinician; limits of agreement = bias ± 1.96 SD.</p>
<table><thead><tr><th>item</th><th>n</th><th>Pearson r</th><th>Spearman ρ</th><th>ICC(2,1)</th><th>ICC(3,1)</th><th>bias</th><th>95 % limits of agreement</th></tr></thead><tbody>${rows}</tbody></table>
${plots}
<p><small>Geste measures and reports. It does not diagnose and does not recommend treatment.</small></p>
</body></html>
`;
}

/** JSON for scripts: the statistics without the raw pairs. */
export function agreementToJson(r: AgreementResult): string {
  return JSON.stringify({ ...r, items: r.items.map(({ pairs: _pairs, ...rest }) => rest) }, null, 2);
}
