/**
 * Injection-cycle analysis (pure). Groups dated values of one series (pain, objective items, a rated
 * scale) by weeks since each botulinum injection and, per cycle, says whether a change is visible:
 * - window: weeks 0–16 always (week 16 included: a visit on day 112 is in bin 16), and beyond while
 *   the series has data (up to `maxWeeks`); a cycle always ends at the next injection;
 * - baseline: mean in the `baselineWeeks` (2) before the injection — the state the injection was given
 *   for, not the tail of the previous cycle — else the mean of week 0;
 * - threshold: the scale's published minimal clinically important difference (MCID) when there is one,
 *   else 2 × the series' own noise (robust SD from successive differences; see `changeThreshold`);
 * - status `effect` only when at least `minWeeksOverThreshold` weekly means improve on the baseline by
 *   the threshold or more, with `minWeeksAfter` weeks of data after week 0; otherwise
 *   `not-enough-change` or `not-enough-data` — and then no onset, peak or wear-off at all;
 * - onset: first week improving by ≥ threshold; peak: week of the largest improvement;
 *   wear-off: first week after the peak from which the improvement stays below the threshold for
 *   `minWeeksOverThreshold` observed weeks (or to the end of the data), so one noisy week is not a wear-off.
 * These are descriptive estimates from the person's own records, never a treatment judgement.
 */
// ref: typical toxin course (onset within about 1–2 weeks, peak about 4–6 weeks, wearing off about
//      10–14 weeks) as described in cervical-dystonia treatment reviews; used only to choose defaults.
import type { SeriesScale } from './seriesScale.ts';

export interface TimedValue {
  readonly atMs: number;
  readonly value: number;
}
export interface InjectionMark {
  readonly atMs: number;
  readonly effectStartedAtMs: number | null;
  readonly effectWoreOffAtMs: number | null;
}
export interface CycleOptions {
  /** The window always covers weeks 0 … minWeeks (inclusive). */
  readonly minWeeks: number;
  /** … and extends while data exists, up to this week (inclusive). */
  readonly maxWeeks: number;
  readonly baselineWeeks: number;
  /** Weeks with data after week 0 needed before any estimate. */
  readonly minWeeksAfter: number;
  /** Weekly means at or beyond the threshold needed to call it a change. */
  readonly minWeeksOverThreshold: number;
  /** The series' scale (range, direction, MCID); null = unknown scale, lower is better, noise threshold. */
  readonly scale: SeriesScale | null;
}
export const DEFAULT_CYCLE_OPTIONS: CycleOptions = { minWeeks: 16, maxWeeks: 52, baselineWeeks: 2, minWeeksAfter: 3, minWeeksOverThreshold: 2, scale: null };

export const MS_PER_WEEK = 7 * 24 * 3600 * 1000;

export interface WeekMean {
  /** Week w covers [w, w+1) weeks after the injection. */
  readonly week: number;
  readonly mean: number | null;
  readonly n: number;
}
export interface ChangeThreshold {
  readonly points: number;
  readonly basis: 'mcid' | 'noise';
  /** Words for the report: the citation, or how the noise was measured. */
  readonly source: string;
}
export type CycleStatus = 'effect' | 'not-enough-change' | 'not-enough-data';
export interface InjectionCycle {
  readonly injectionAtMs: number;
  readonly endAtMs: number;
  readonly points: ReadonlyArray<{ readonly weeksSince: number; readonly value: number }>;
  readonly weekly: readonly WeekMean[];
  readonly baseline: number | null;
  readonly baselineSource: 'before' | 'week0' | null;
  readonly threshold: ChangeThreshold | null;
  readonly status: CycleStatus;
  readonly peakWeek: number | null;
  /** Improvement at the peak, in the scale's points (positive = better). */
  readonly peakImprovement: number | null;
  readonly onsetWeek: number | null;
  readonly wearOffWeek: number | null;
  /** What the person logged on the injection record, in weeks since it (null = not logged). */
  readonly reportedOnsetWeeks: number | null;
  readonly reportedWearOffWeeks: number | null;
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Fewest values from which the noise of a series is measured. */
export const MIN_VALUES_FOR_NOISE = 6;

/**
 * The change a cycle must exceed: the scale's MCID when published, else 2 × the series' noise SD,
 * estimated robustly from successive differences (SD ≈ 1.4826·MAD(diff)/√2, insensitive to the slow
 * cycle itself), never below one scale step. null when neither is available (too few values).
 */
export function changeThreshold(values: readonly TimedValue[], scale: SeriesScale | null): ChangeThreshold | null {
  if (scale?.mcid != null) return { points: scale.mcid.points, basis: 'mcid', source: `minimal clinically important difference ${scale.mcid.points} points (${scale.mcid.source})` };
  const vs = [...values].filter((v) => Number.isFinite(v.value)).sort((a, b) => a.atMs - b.atMs).map((v) => v.value);
  if (vs.length < MIN_VALUES_FOR_NOISE) return null;
  const d = vs.slice(1).map((v, i) => v - vs[i]!);
  const md = median(d);
  const sd = (1.4826 * median(d.map((x) => Math.abs(x - md)))) / Math.SQRT2;
  const points = Math.max(scale?.step ?? 0, 2 * sd);
  const floor = scale !== null && points === scale.step ? `, at least one scale step (${scale.step})` : '';
  return { points, basis: 'noise', source: `2 × measured noise (SD ${sd.toFixed(2)} from ${d.length} successive differences${floor})` };
}

export function injectionCycles(
  injections: readonly InjectionMark[],
  values: readonly TimedValue[],
  options: Partial<CycleOptions> = {},
): InjectionCycle[] {
  const o = { ...DEFAULT_CYCLE_OPTIONS, ...options };
  const inj = [...injections].sort((a, b) => a.atMs - b.atMs);
  const vals = values.filter((v) => Number.isFinite(v.value) && Number.isFinite(v.atMs));
  const threshold = changeThreshold(vals, o.scale);
  const lowerIsBetter = o.scale?.lowerIsBetter ?? true;
  return inj.map((m, i) => {
    const next = inj[i + 1];
    const hardEnd = Math.min(m.atMs + (o.maxWeeks + 1) * MS_PER_WEEK, next?.atMs ?? Infinity);
    const lastWeek = vals.filter((v) => v.atMs >= m.atMs && v.atMs < hardEnd).reduce((w, v) => Math.max(w, Math.floor((v.atMs - m.atMs) / MS_PER_WEEK)), 0);
    const endAtMs = Math.min(hardEnd, m.atMs + (Math.max(o.minWeeks, lastWeek) + 1) * MS_PER_WEEK);
    const points = vals
      .filter((v) => v.atMs >= m.atMs && v.atMs < endAtMs)
      .sort((a, b) => a.atMs - b.atMs)
      .map((v) => ({ weeksSince: (v.atMs - m.atMs) / MS_PER_WEEK, value: v.value }));
    const nWeeks = Math.ceil((endAtMs - m.atMs) / MS_PER_WEEK);
    const weekly: WeekMean[] = Array.from({ length: nWeeks }, (_, w) => {
      const xs = points.filter((p) => p.weeksSince >= w && p.weeksSince < w + 1).map((p) => p.value);
      return { week: w, mean: mean(xs), n: xs.length };
    });
    const before = vals.filter((v) => v.atMs < m.atMs && v.atMs >= m.atMs - o.baselineWeeks * MS_PER_WEEK).map((v) => v.value);
    let baseline = mean(before);
    let baselineSource: InjectionCycle['baselineSource'] = baseline === null ? null : 'before';
    if (baseline === null && weekly[0]?.mean != null) {
      baseline = weekly[0].mean;
      baselineSource = 'week0';
    }
    const reported = (ms: number | null) => (ms === null ? null : (ms - m.atMs) / MS_PER_WEEK);
    const none = { peakWeek: null, peakImprovement: null, onsetWeek: null, wearOffWeek: null };
    const base = { injectionAtMs: m.atMs, endAtMs, points, weekly, baseline, baselineSource, threshold, reportedOnsetWeeks: reported(m.effectStartedAtMs), reportedWearOffWeeks: reported(m.effectWoreOffAtMs) };
    const weeksAfter = weekly.filter((w) => w.week >= 1 && w.mean !== null).length;
    if (baseline === null || threshold === null || weeksAfter < o.minWeeksAfter) return { ...base, status: 'not-enough-data' as const, ...none };
    const b = baseline;
    const imp = weekly.filter((w) => w.mean !== null).map((w) => ({ week: w.week, imp: lowerIsBetter ? b - w.mean! : w.mean! - b }));
    // A tiny tolerance keeps a change of exactly the threshold from being lost to rounding.
    const reaches = (x: number) => x > 1e-9 && x >= threshold.points - 1e-9;
    const over = imp.filter((x) => reaches(x.imp));
    if (over.length < o.minWeeksOverThreshold) return { ...base, status: 'not-enough-change' as const, ...none };
    let peak = over[0]!;
    for (const x of over) if (x.imp > peak.imp) peak = x;
    const onset = over[0]!.week;
    const after = imp.filter((x) => x.week > peak.week);
    const wear = after.find((x, j) => after.slice(j, j + o.minWeeksOverThreshold).every((y) => !reaches(y.imp)))?.week ?? null;
    return { ...base, status: 'effect' as const, peakWeek: peak.week, peakImprovement: peak.imp, onsetWeek: onset, wearOffWeek: wear };
  });
}

/** Cycles overlaid: per week since injection, the mean of the cycles' weekly means (as many weeks as the longest cycle). */
export function meanCycle(cycles: readonly InjectionCycle[], minWeeks = DEFAULT_CYCLE_OPTIONS.minWeeks): WeekMean[] {
  const n = Math.max(minWeeks + 1, ...cycles.map((c) => c.weekly.length));
  return Array.from({ length: n }, (_, w) => {
    const xs = cycles.map((c) => c.weekly[w]?.mean).filter((x): x is number => x !== null && x !== undefined);
    return { week: w, mean: mean(xs), n: xs.length };
  });
}

/** One sentence for a cycle summary (median over cycles with an effect), e.g. for the report and the app. */
export function describeCycles(cycles: readonly InjectionCycle[]): { status: CycleStatus; onset: number | null; peak: number | null; wearOff: number | null; words: string } {
  const eff = cycles.filter((c) => c.status === 'effect');
  const med = (xs: number[]) => { if (xs.length === 0) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
  const pick = (f: (c: InjectionCycle) => number | null) => med(eff.map(f).filter((x): x is number => x !== null));
  const thr = cycles.find((c) => c.threshold !== null)?.threshold ?? null;
  const thrWords = thr === null ? '' : ` Threshold: a change of ${Number.isInteger(thr.points) ? thr.points : thr.points.toFixed(1)} point${thr.points === 1 ? '' : 's'} or more (${thr.basis === 'mcid' ? 'published MCID' : 'measured noise'}).`;
  if (cycles.length === 0) return { status: 'not-enough-data', onset: null, peak: null, wearOff: null, words: 'No injection cycles on record.' };
  if (eff.length === 0) {
    const status: CycleStatus = cycles.some((c) => c.status === 'not-enough-change') ? 'not-enough-change' : 'not-enough-data';
    return { status, onset: null, peak: null, wearOff: null, words: `${status === 'not-enough-change' ? 'Not enough change' : 'Not enough data'} to estimate onset, peak or wear-off (${cycles.length} cycle${cycles.length === 1 ? '' : 's'}).${thrWords}` };
  }
  const onset = pick((c) => c.onsetWeek);
  const peak = pick((c) => c.peakWeek);
  const wearOff = pick((c) => c.wearOffWeek);
  const wk = (v: number | null) => (v === null ? 'not seen' : `week ${v}`);
  return { status: 'effect', onset, peak, wearOff, words: `Change seen in ${eff.length} of ${cycles.length} cycle${cycles.length === 1 ? '' : 's'}: onset ${wk(onset)}, peak ${wk(peak)}, wear-off ${wk(wearOff)} (median).${thrWords}` };
}
