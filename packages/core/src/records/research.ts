/**
 * Group summaries for research: per group and visit, the mean of a rated scale and the change from
 * baseline, each with a two-sided 95 % confidence interval (Student t; within-person change, so only
 * people with both the baseline and the visit count for the change). Descriptive only: no test, no
 * comparison between groups, no claim of effect. CSV and SVG out.
 */
// ref: Student t interval for a mean; regularized incomplete beta by continued fraction (Lentz).
import { toCsv } from './csv.ts';
import { RATING_SCALE_INFO, type GesteRecord, type RatedScale, type RaterRole, type RatingScale } from './schemas.ts';

export interface SummarySubject {
  readonly key: string;
  readonly group: string | null;
  readonly records: readonly GesteRecord[];
}
export interface GroupVisitSummary {
  readonly group: string;
  readonly visit: string;
  /** Median time of the visit since each person's first toxin visit (else first rating), weeks. */
  readonly weeks: number;
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly nChange: number;
  readonly meanChange: number | null;
  readonly sdChange: number | null;
  readonly changeCiLow: number | null;
  readonly changeCiHigh: number | null;
}
export interface GroupSummaryOptions {
  readonly scale: RatingScale;
  /** Only ratings by this rater role (patient- and clinician-rated are never pooled); null = refuse mixing. */
  readonly raterRole: RaterRole;
  /** The baseline visit label; default = the earliest visit. */
  readonly baselineVisit?: string;
}

// ---------------------------------------------------------------- Student t
function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}
/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lbt) * betaContinuedFraction(b, a, 1 - x)) / b;
}
/** Student t CDF with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}
/** The t value with `p` of the distribution below it (bisection; |error| < 1e-9). */
export function studentTQuantile(p: number, df: number): number {
  let lo = -1e3;
  let hi = 1e3;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean, SD and 95 % t interval; the interval is null below 2 values. */
export function meanCi95(xs: readonly number[]): { n: number; mean: number | null; sd: number | null; low: number | null; high: number | null } {
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, low: mean - half, high: mean + half };
}

// ---------------------------------------------------------------- summaries
const WEEK_MS = 7 * 86_400_000;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

export function groupSummaries(subjects: readonly SummarySubject[], opts: GroupSummaryOptions): GroupVisitSummary[] {
  // value per (group, visit, person); time of each visit since the person's anchor
  const perPerson = subjects.map((s) => {
    const ratings = s.records.filter((r): r is RatedScale => r.type === 'rating' && r.scale === opts.scale && r.raterRole === opts.raterRole && r.total !== null);
    const toxin = s.records.filter((r) => r.type === 'treatment' && r.kind === 'botulinum').map((r) => (r as { atMs: number }).atMs).sort((a, b) => a - b)[0];
    const anchor = toxin ?? Math.min(...ratings.map((r) => r.atMs));
    return { key: s.key, group: s.group ?? 'all', values: new Map(ratings.map((r) => [r.visitLabel, { total: r.total!, weeks: (r.atMs - anchor) / WEEK_MS }])) };
  });
  const visitWeeks = new Map<string, number[]>();
  for (const p of perPerson) for (const [v, x] of p.values) visitWeeks.set(v, [...(visitWeeks.get(v) ?? []), x.weeks]);
  const visits = [...visitWeeks.entries()].map(([v, ws]) => ({ v, weeks: median(ws) })).sort((a, b) => a.weeks - b.weeks || a.v.localeCompare(b.v));
  if (visits.length === 0) return [];
  const baseline = opts.baselineVisit ?? visits[0]!.v;
  const groups = [...new Set(perPerson.map((p) => p.group))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: GroupVisitSummary[] = [];
  for (const g of groups) {
    const members = perPerson.filter((p) => p.group === g);
    for (const { v, weeks } of visits) {
      const vals = members.flatMap((m) => { const x = m.values.get(v); return x === undefined ? [] : [x.total]; });
      const changes = members.flatMap((m) => { const x = m.values.get(v); const b = m.values.get(baseline); return x === undefined || b === undefined ? [] : [x.total - b.total]; });
      const a = meanCi95(vals);
      const c = meanCi95(changes);
      out.push({ group: g, visit: v, weeks: Math.round(weeks * 10) / 10, n: a.n, mean: a.mean, sd: a.sd, ciLow: a.low, ciHigh: a.high, nChange: c.n, meanChange: c.mean, sdChange: c.sd, changeCiLow: c.low, changeCiHigh: c.high });
    }
  }
  return out;
}

const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
export function groupSummariesCsv(rows: readonly GroupVisitSummary[], scale: RatingScale): string {
  const label = RATING_SCALE_INFO[scale].label;
  return toCsv(
    ['scale', 'group', 'visit', 'weeks', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'n_change', 'mean_change_from_baseline', 'sd_change', 'change_ci95_low', 'change_ci95_high'],
    rows.map((r) => [label, r.group, r.visit, r.weeks, r.n, r2(r.mean), r2(r.sd), r2(r.ciLow), r2(r.ciHigh), r.nChange, r2(r.meanChange), r2(r.sdChange), r2(r.changeCiLow), r2(r.changeCiHigh)]),
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/**
 * SVG plot: change from baseline per group over weeks, with 95 % interval bars. Axes fit the data
 * (rounded out to steps of 5). Groups are told apart by dash pattern and marker shape, not colour only.
 */
export function groupSummariesSvg(rows: readonly GroupVisitSummary[], scale: RatingScale): string {
  const W = 640, H = 400, L = 60, R = 150, T = 40, B = 50;
  const pts = rows.filter((r) => r.meanChange !== null);
  const ys = pts.flatMap((r) => [r.changeCiLow ?? r.meanChange!, r.changeCiHigh ?? r.meanChange!]);
  const y0 = Math.floor(Math.min(0, ...ys) / 5) * 5, y1 = Math.ceil(Math.max(0, ...ys) / 5) * 5 || 5;
  const xs = pts.map((r) => r.weeks);
  const x0 = Math.min(0, ...xs), x1 = Math.max(1, ...xs);
  const X = (w: number) => L + ((w - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v: number) => T + ((y1 - v) / (y1 - y0)) * (H - T - B);
  const groups = [...new Set(rows.map((r) => r.group))];
  const dashes = ['', '6 4', '2 3', '10 3 2 3'];
  const parts: string[] = [];
  const title = `${RATING_SCALE_INFO[scale].label}: mean change from baseline by group (95 % CI)`;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="t d"><title id="t">${esc(title)}</title><desc id="d">${esc(`${groups.length} groups, weeks ${x0}–${x1}; negative change = lower score than at baseline.`)}</desc>`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/><text x="${L}" y="22" font-family="sans-serif" font-size="14">${esc(title)}</text>`);
  for (let v = y0; v <= y1; v += 5) parts.push(`<line x1="${L}" x2="${W - R}" y1="${Y(v)}" y2="${Y(v)}" stroke="${v === 0 ? '#444' : '#ddd'}"/><text x="${L - 6}" y="${Y(v) + 4}" text-anchor="end" font-family="sans-serif" font-size="11">${v}</text>`);
  const weeks = [...new Set(xs)].sort((a, b) => a - b);
  for (const w of weeks) parts.push(`<text x="${X(w)}" y="${H - B + 16}" text-anchor="middle" font-family="sans-serif" font-size="11">${w}</text>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle" font-family="sans-serif" font-size="12">weeks since injection</text>`);
  parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" font-family="sans-serif" font-size="12">change from baseline (points)</text>`);
  groups.forEach((g, gi) => {
    const gp = pts.filter((r) => r.group === g).sort((a, b) => a.weeks - b.weeks);
    const off = (gi - (groups.length - 1) / 2) * 0.15; // small horizontal dodge so bars do not overlap
    parts.push(`<polyline fill="none" stroke="#000" stroke-width="1.6" stroke-dasharray="${dashes[gi % dashes.length]}" points="${gp.map((r) => `${X(r.weeks + off).toFixed(1)},${Y(r.meanChange!).toFixed(1)}`).join(' ')}"/>`);
    for (const r of gp) {
      const x = X(r.weeks + off);
      if (r.changeCiLow !== null && r.changeCiHigh !== null) parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${Y(r.changeCiLow).toFixed(1)}" y2="${Y(r.changeCiHigh).toFixed(1)}" stroke="#000"/>`);
      parts.push(gi % 2 === 0 ? `<circle cx="${x.toFixed(1)}" cy="${Y(r.meanChange!).toFixed(1)}" r="3.5" fill="${gi === 0 ? '#fff' : '#000'}" stroke="#000"/>` : `<rect x="${(x - 3.5).toFixed(1)}" y="${(Y(r.meanChange!) - 3.5).toFixed(1)}" width="7" height="7" fill="#000"/>`);
    }
    const ly = T + 16 + gi * 20;
    const mx = W - R + 26;
    const marker = gi % 2 === 0 ? `<circle cx="${mx}" cy="${ly}" r="3.5" fill="${gi === 0 ? '#fff' : '#000'}" stroke="#000"/>` : `<rect x="${mx - 3.5}" y="${ly - 3.5}" width="7" height="7" fill="#000"/>`;
    parts.push(`<line x1="${W - R + 12}" x2="${W - R + 40}" y1="${ly}" y2="${ly}" stroke="#000" stroke-width="1.6" stroke-dasharray="${dashes[gi % dashes.length]}"/>${marker}<text x="${W - R + 46}" y="${ly + 4}" font-family="sans-serif" font-size="12">${esc(g)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
