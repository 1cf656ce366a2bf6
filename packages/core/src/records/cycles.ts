/**
 * Injection-cycle analysis (pure). Groups dated values (severity, pain) by weeks since each botulinum
 * injection, each cycle ending at the next injection or after `maxWeeks`, and estimates:
 * - baseline: mean in the `baselineWeeks` before the injection (else the mean of week 0);
 * - peak: the week with the largest improvement (baseline − weekly mean; lower values = better);
 * - onset: the first week, up to the peak, whose improvement reaches `fraction` of the peak's;
 * - wear-off: the first week after the peak whose improvement falls back below that level.
 * No estimate is made when the peak improvement is below `minEffect` (in the value's own units).
 * These are descriptive estimates from the person's own records, never a treatment judgement.
 */
// ref: typical toxin course (onset within about 1–2 weeks, peak about 4–6 weeks, wearing off about
//      10–14 weeks) as described in cervical-dystonia treatment reviews; used only to choose defaults.

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
  readonly maxWeeks: number;
  readonly baselineWeeks: number;
  readonly fraction: number;
  readonly minEffect: number;
}
export const DEFAULT_CYCLE_OPTIONS: CycleOptions = { maxWeeks: 16, baselineWeeks: 4, fraction: 0.5, minEffect: 1 };

export const MS_PER_WEEK = 7 * 24 * 3600 * 1000;

export interface WeekMean {
  /** Week w covers [w, w+1) weeks after the injection. */
  readonly week: number;
  readonly mean: number | null;
  readonly n: number;
}
export interface InjectionCycle {
  readonly injectionAtMs: number;
  readonly endAtMs: number;
  readonly points: ReadonlyArray<{ readonly weeksSince: number; readonly value: number }>;
  readonly weekly: readonly WeekMean[];
  readonly baseline: number | null;
  readonly baselineSource: 'before' | 'week0' | null;
  readonly peakWeek: number | null;
  readonly peakImprovement: number | null;
  readonly onsetWeek: number | null;
  readonly wearOffWeek: number | null;
  /** What the person logged on the injection record, in weeks since it (null = not logged). */
  readonly reportedOnsetWeeks: number | null;
  readonly reportedWearOffWeeks: number | null;
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function injectionCycles(
  injections: readonly InjectionMark[],
  values: readonly TimedValue[],
  options: Partial<CycleOptions> = {},
): InjectionCycle[] {
  const o = { ...DEFAULT_CYCLE_OPTIONS, ...options };
  const inj = [...injections].sort((a, b) => a.atMs - b.atMs);
  const vals = values.filter((v) => Number.isFinite(v.value) && Number.isFinite(v.atMs));
  return inj.map((m, i) => {
    const next = inj[i + 1];
    const endAtMs = Math.min(m.atMs + o.maxWeeks * MS_PER_WEEK, next?.atMs ?? Infinity);
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
    const empty = { peakWeek: null, peakImprovement: null, onsetWeek: null, wearOffWeek: null };
    const base = { injectionAtMs: m.atMs, endAtMs, points, weekly, baseline, baselineSource, reportedOnsetWeeks: reported(m.effectStartedAtMs), reportedWearOffWeeks: reported(m.effectWoreOffAtMs) };
    if (baseline === null) return { ...base, ...empty };
    const imp = weekly.filter((w) => w.mean !== null).map((w) => ({ week: w.week, imp: baseline - w.mean! }));
    let peak: { week: number; imp: number } | undefined;
    for (const x of imp) if (peak === undefined || x.imp > peak.imp) peak = x;
    if (peak === undefined || peak.imp < o.minEffect) return { ...base, ...empty };
    const level = o.fraction * peak.imp;
    const onset = imp.find((x) => x.week <= peak.week && x.imp >= level)?.week ?? peak.week;
    const wear = imp.find((x) => x.week > peak.week && x.imp < level)?.week ?? null;
    return { ...base, peakWeek: peak.week, peakImprovement: peak.imp, onsetWeek: onset, wearOffWeek: wear };
  });
}

/** Cycles overlaid: per week since injection, the mean of the cycles' weekly means. */
export function meanCycle(cycles: readonly InjectionCycle[], maxWeeks = DEFAULT_CYCLE_OPTIONS.maxWeeks): WeekMean[] {
  return Array.from({ length: maxWeeks }, (_, w) => {
    const xs = cycles.map((c) => c.weekly[w]?.mean).filter((x): x is number => x !== null && x !== undefined);
    return { week: w, mean: mean(xs), n: xs.length };
  });
}
