/**
 * Agreement statistics for validation studies: Geste's measure vs a clinician's rating of the same
 * videos. Pure functions on paired numbers; pairs with a missing side are left out before calling.
 *
 * Which ICC: we report ICC(2,1) — two-way random effects, absolute agreement, single rater — as the
 * headline, because a validation study asks whether Geste's number can stand in for a clinician's
 * number, so a constant offset between the two must count as disagreement. ICC(3,1) (two-way mixed,
 * consistency) is reported next to it: it ignores a constant offset, and the gap between the two
 * shows how much of the disagreement is systematic bias (which Bland–Altman's mean difference also shows).
 */

export interface Icc {
  /** ICC(2,1): absolute agreement, raters a random sample. */
  readonly icc21: number | null;
  /** ICC(3,1): consistency, raters fixed. */
  readonly icc31: number | null;
  /** ICC(1,1): one-way random (each target rated by different raters); for reference. */
  readonly icc11: number | null;
  readonly n: number;
  readonly k: number;
  /** Mean squares of the two-way ANOVA: between targets, between judges, residual, within targets. */
  readonly bms: number;
  readonly jms: number;
  readonly ems: number;
  readonly wms: number;
}

/**
 * Intraclass correlations from an n targets × k raters table (no missing cells).
 * ref: Shrout PE, Fleiss JL. Intraclass correlations: uses in assessing rater reliability.
 *      Psychol Bull 1979;86(2):420–428, Table 1 (mean squares) and equations for ICC(1,1), (2,1), (3,1).
 */
export function icc(table: readonly (readonly number[])[]): Icc {
  const n = table.length;
  const k = table[0]?.length ?? 0;
  if (table.some((r) => r.length !== k || r.some((v) => !Number.isFinite(v)))) {
    throw new RangeError('icc: every target needs a finite rating from every rater (a full n × k table).');
  }
  const nullResult = { icc21: null, icc31: null, icc11: null, n, k, bms: NaN, jms: NaN, ems: NaN, wms: NaN };
  if (n < 2 || k < 2) return nullResult;
  let grand = 0;
  for (const r of table) for (const v of r) grand += v;
  grand /= n * k;
  const rowMeans = table.map((r) => r.reduce((s, v) => s + v, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => table.reduce((s, r) => s + r[j]!, 0) / n);
  let sst = 0;
  for (const r of table) for (const v of r) sst += (v - grand) ** 2;
  const ssr = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssc = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const sse = sst - ssr - ssc;
  const bms = ssr / (n - 1);
  const jms = ssc / (k - 1);
  const ems = sse / ((n - 1) * (k - 1));
  const wms = (ssc + sse) / (n * (k - 1));
  const ratio = (num: number, den: number): number | null => (den > 0 && Number.isFinite(num / den) ? num / den : null);
  return {
    icc11: ratio(bms - wms, bms + (k - 1) * wms),
    icc21: ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n),
    icc31: ratio(bms - ems, bms + (k - 1) * ems),
    n, k, bms, jms, ems, wms,
  };
}

/** Pearson product-moment correlation; null when fewer than 3 pairs or a side is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError(`pearson: ${x.length} x values but ${y.length} y values.`);
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx, dy = y[i]! - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 1-based ranks, ties given their average rank (the usual correction for ordinal scores). */
export function averageRanks(x: readonly number[]): number[] {
  const idx = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(x.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) ranks[idx[m]![1]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation as Pearson's r of the average ranks (exact with ties, unlike 1 − 6Σd²/…).
 * ref: Spearman C. The proof and measurement of association between two things. Am J Psychol 1904;15:72–101.
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

export interface BlandAltman {
  readonly n: number;
  /** Mean of (geste − clinician): the systematic bias, in the item's unit. */
  readonly meanDiff: number | null;
  /** Sample SD of the differences (n − 1). */
  readonly sdDiff: number | null;
  /** meanDiff ∓ 1.96 SD: where 95 % of differences are expected to fall. */
  readonly lowerLoA: number | null;
  readonly upperLoA: number | null;
}

/**
 * Bland–Altman bias and 95 % limits of agreement of a − b.
 * ref: Bland JM, Altman DG. Statistical methods for assessing agreement between two methods of clinical
 *      measurement. Lancet 1986;1(8476):307–310.
 */
export function blandAltman(a: readonly number[], b: readonly number[]): BlandAltman {
  if (a.length !== b.length) throw new RangeError(`blandAltman: ${a.length} values against ${b.length}.`);
  const n = a.length;
  if (n < 2) return { n, meanDiff: n === 1 ? a[0]! - b[0]! : null, sdDiff: null, lowerLoA: null, upperLoA: null };
  const d = a.map((v, i) => v - b[i]!);
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { n, meanDiff: mean, sdDiff: sd, lowerLoA: mean - 1.96 * sd, upperLoA: mean + 1.96 * sd };
}

export interface ItemAgreement {
  /** The column compared (e.g. `severity.rotation` or `rotationDeg.medianDeg`). */
  readonly item: string;
  readonly n: number;
  readonly pearson: number | null;
  readonly spearman: number | null;
  readonly icc: Icc;
  readonly blandAltman: BlandAltman;
  /** The paired values (geste, clinician), for plots. */
  readonly pairs: readonly (readonly [number, number])[];
}

/** All statistics for one item from its (geste, clinician) pairs. */
export function itemAgreement(item: string, pairs: readonly (readonly [number, number])[]): ItemAgreement {
  const g = pairs.map((p) => p[0]);
  const c = pairs.map((p) => p[1]);
  return { item, n: pairs.length, pearson: pearson(g, c), spearman: spearman(g, c), icc: icc(pairs.map((p) => [p[0], p[1]])), blandAltman: blandAltman(g, c), pairs };
}
