/**
 * What a clinician report and the charts need, computed once from records (pure):
 * trends of objective measures, diary summary, adherence, sensory-trick results, current treatments
 * and the injection cycles. Lower severity / pain = better throughout.
 */
import { injectionCycles, meanCycle, MS_PER_WEEK, type InjectionCycle, type TimedValue, type WeekMean } from './cycles.ts';
import { ratedSeries, type RatedSeries } from './ratedSeries.ts';
import { OBJECTIVE_ITEMS_SCALE, PAIN_NRS_SCALE } from './seriesScale.ts';
import {
  ACTIVITIES,
  SYMPTOMS,
  type BotulinumTreatment,
  type DbsSetting,
  type DiaryEntry,
  type GesteRecord,
  type MeasurementSession,
  type OralTreatment,
  type Treatment,
} from './schemas.ts';

export interface Trend {
  readonly key: string;
  readonly n: number;
  readonly first: number | null;
  readonly last: number | null;
  /** Least-squares slope, units of the value per week; null with fewer than 2 points. */
  readonly slopePerWeek: number | null;
  readonly points: readonly TimedValue[];
}

export interface PeriodSummary {
  readonly fromMs: number;
  readonly toMs: number;
  readonly severityTotal: Trend;
  /** Exam sessions in the period (whether or not their items could be totalled). */
  readonly exams: readonly MeasurementSession[];
  readonly measureTrends: readonly Trend[];
  readonly diary: {
    readonly entries: number;
    readonly painMean: number | null;
    readonly painMax: number | null;
    readonly symptomMeans: Readonly<Record<(typeof SYMPTOMS)[number], number | null>>;
    readonly impactMeans: Readonly<Record<(typeof ACTIVITIES)[number], number | null>>;
    readonly stressMean: number | null;
    readonly moodMean: number | null;
    readonly pain: readonly TimedValue[];
  };
  readonly adherence: {
    readonly days: number;
    readonly diaryDays: number;
    readonly diaryPct: number;
    readonly exerciseSessions: number;
    readonly biofeedbackSessions: number;
    readonly exerciseSessionsPerWeek: number;
  };
  readonly tricks: ReadonlyArray<{ readonly name: string; readonly n: number; readonly meanReductionPct: number | null }>;
  readonly current: {
    readonly lastInjection: BotulinumTreatment | null;
    readonly oral: ReadonlyArray<{ readonly name: string; readonly amount: number; readonly unit: string; readonly timesPerDay: number }>;
    readonly dbs: readonly DbsSetting[];
    readonly therapies: Readonly<Record<string, number>>;
  };
  /**
   * Rated scales, one entry per (scale, rater role) — patient- and clinician-rated never pooled:
   * the whole series (`values`), its trend in the period, and its injection cycles (all on record).
   */
  readonly rated: ReadonlyArray<RatedSeries & { readonly trend: Trend; readonly cycles: readonly InjectionCycle[]; readonly cycleMean: readonly WeekMean[] }>;
  readonly cycles: { readonly severity: readonly InjectionCycle[]; readonly pain: readonly InjectionCycle[]; readonly severityMean: readonly WeekMean[]; readonly painMean: readonly WeekMean[] };
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const DAY_MS = 24 * 3600 * 1000;

export function trend(key: string, points: readonly TimedValue[]): Trend {
  const ps = [...points].sort((a, b) => a.atMs - b.atMs);
  let slope: number | null = null;
  if (ps.length >= 2) {
    const xs = ps.map((p) => p.atMs / MS_PER_WEEK);
    const mx = mean(xs)!;
    const my = mean(ps.map((p) => p.value))!;
    let sxx = 0;
    let sxy = 0;
    ps.forEach((p, i) => { sxx += (xs[i]! - mx) ** 2; sxy += (xs[i]! - mx) * (p.value - my); });
    slope = sxx === 0 ? null : sxy / sxx;
  }
  return { key, n: ps.length, first: ps[0]?.value ?? null, last: ps[ps.length - 1]?.value ?? null, slopePerWeek: slope, points: ps };
}

/** Keys the exam stores beside the items: totals, not items. */
export const ITEM_TOTAL_KEYS = ['totalAssessed', 'maxOfAssessed'] as const;

/**
 * Objective severity items total of a session: the exam's own `totalAssessed` when stored (the app's
 * exam stores it, with not-measurable items left out), else the sum of the items; null when no item
 * was measured, or when an item is not measurable and the exam stored no total of its own.
 */
export function severityTotal(s: MeasurementSession): number | null {
  const stored = s.items['totalAssessed'];
  if (typeof stored === 'number' && Number.isFinite(stored)) return stored;
  const vs = Object.entries(s.items).filter(([k]) => !(ITEM_TOTAL_KEYS as readonly string[]).includes(k)).map(([, v]) => v);
  if (vs.length === 0 || vs.some((v) => v === null)) return null;
  return (vs as number[]).reduce((a, b) => a + b, 0);
}

/** Worst pain site of a diary entry; null if no site was scored. */
export function entryPain(e: DiaryEntry): number | null {
  const vs = [e.pain.neck, e.pain.shoulders, e.pain.head].filter((v): v is number => v !== null);
  return vs.length === 0 ? null : Math.max(...vs);
}

export function summarizePeriod(records: readonly GesteRecord[], fromMs: number, toMs: number): PeriodSummary {
  const inP = (ms: number) => ms >= fromMs && ms <= toMs;
  const sessions = records.filter((r): r is MeasurementSession => r.type === 'session').sort((a, b) => a.startedAtMs - b.startedAtMs);
  const diaryAll = records.filter((r): r is DiaryEntry => r.type === 'diary').sort((a, b) => a.atMs - b.atMs);
  const treatments = records.filter((r): r is Treatment => r.type === 'treatment');
  const exams = sessions.filter((s) => s.kind === 'exam');

  const sevAll: TimedValue[] = exams.flatMap((s) => { const v = severityTotal(s); return v === null ? [] : [{ atMs: s.startedAtMs, value: v }]; });
  const painAll: TimedValue[] = diaryAll.flatMap((e) => { const v = entryPain(e); return v === null ? [] : [{ atMs: e.atMs, value: v }]; });

  const keys = [...new Set(exams.filter((s) => inP(s.startedAtMs)).flatMap((s) => Object.keys(s.measures)))].sort();
  const measureTrends = keys.map((k) => trend(k, exams.filter((s) => inP(s.startedAtMs)).flatMap((s) => { const v = s.measures[k]; return v === null || v === undefined ? [] : [{ atMs: s.startedAtMs, value: v }]; })));

  const diary = diaryAll.filter((e) => inP(e.atMs));
  const vals = <T,>(f: (e: DiaryEntry) => T | null) => diary.map(f).filter((v): v is T => v !== null);
  const painIn = painAll.filter((p) => inP(p.atMs));
  const days = Math.max(1, Math.round((toMs - fromMs) / DAY_MS));
  const diaryDays = new Set(diary.map((e) => Math.floor((e.atMs - fromMs) / DAY_MS))).size;
  const weeks = Math.max(1, (toMs - fromMs) / MS_PER_WEEK);
  const exSessions = sessions.filter((s) => inP(s.startedAtMs) && s.kind === 'exercise').length;
  const bfSessions = sessions.filter((s) => inP(s.startedAtMs) && s.kind === 'biofeedback').length;

  const trickMap = new Map<string, number[]>();
  const trickN = new Map<string, number>();
  for (const s of sessions) if (inP(s.startedAtMs) && s.trick !== null) {
    trickN.set(s.trick.name, (trickN.get(s.trick.name) ?? 0) + 1);
    const arr = trickMap.get(s.trick.name) ?? [];
    if (s.trick.reductionPct !== null) arr.push(s.trick.reductionPct);
    trickMap.set(s.trick.name, arr);
  }

  const botox = treatments.filter((t): t is BotulinumTreatment => t.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs);
  const lastInjection = [...botox].reverse().find((t) => t.atMs <= toMs) ?? null;
  const oral = treatments
    .filter((t): t is OralTreatment => t.kind === 'oral' && t.startedAtMs <= toMs && (t.stoppedAtMs === null || t.stoppedAtMs > toMs))
    .map((t) => { const d = [...t.doses].reverse().find((x) => x.fromMs <= toMs) ?? t.doses[0]!; return { name: t.name, amount: d.amount, unit: d.unit, timesPerDay: d.timesPerDay }; });
  const dbs = (['left', 'right'] as const).flatMap((side) => {
    const s = treatments.filter((t): t is DbsSetting => t.kind === 'dbs-setting' && t.side === side && t.atMs <= toMs).sort((a, b) => b.atMs - a.atMs)[0];
    return s === undefined ? [] : [s];
  });
  const therapies: Record<string, number> = {};
  for (const t of treatments) if (t.kind === 'therapy' && inP(t.atMs)) therapies[t.modality] = (therapies[t.modality] ?? 0) + 1;

  const marks = botox.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs }));
  const sevCycles = injectionCycles(marks, sevAll, { scale: OBJECTIVE_ITEMS_SCALE });
  const painCycles = injectionCycles(marks, painAll, { scale: PAIN_NRS_SCALE });
  const rated = ratedSeries(records).map((r) => {
    const cycles = injectionCycles(marks, r.values, { scale: r.seriesScale });
    return { ...r, trend: trend(r.seriesScale.id, r.values.filter((p) => inP(p.atMs))), cycles, cycleMean: meanCycle(cycles) };
  });

  return {
    fromMs,
    toMs,
    severityTotal: trend('objectiveSeverityItemsTotal', sevAll.filter((p) => inP(p.atMs))),
    exams: exams.filter((e) => inP(e.startedAtMs)),
    measureTrends,
    diary: {
      entries: diary.length,
      painMean: mean(painIn.map((p) => p.value)),
      painMax: painIn.length === 0 ? null : Math.max(...painIn.map((p) => p.value)),
      symptomMeans: Object.fromEntries(SYMPTOMS.map((s) => [s, mean(vals((e) => e.symptoms[s]))])) as PeriodSummary['diary']['symptomMeans'],
      impactMeans: Object.fromEntries(ACTIVITIES.map((a) => [a, mean(vals((e) => e.impact[a]))])) as PeriodSummary['diary']['impactMeans'],
      stressMean: mean(vals((e) => e.stress)),
      moodMean: mean(vals((e) => e.mood)),
      pain: painIn,
    },
    adherence: {
      days,
      diaryDays,
      diaryPct: Math.min(100, (100 * diaryDays) / days),
      exerciseSessions: exSessions,
      biofeedbackSessions: bfSessions,
      exerciseSessionsPerWeek: (exSessions + bfSessions) / weeks,
    },
    tricks: [...trickN.entries()].map(([name, n]) => ({ name, n, meanReductionPct: mean(trickMap.get(name) ?? []) })),
    current: { lastInjection, oral, dbs, therapies },
    rated,
    cycles: { severity: sevCycles, pain: painCycles, severityMean: meanCycle(sevCycles), painMean: meanCycle(painCycles) },
  };
}
