/**
 * A generated, trial-like dataset (seeded; clearly not real patients) shaped like a published
 * randomised trial of rimabotulinumtoxinB in cervical dystonia: three arms (placebo, 5000 U,
 * 10 000 U), clinician-rated TWSTRS totals at weeks 0, 2, 4, 8, 12 and 16, some visits missing.
 * Used by the import, FHIR round-trip and group-summary tests and by the CLI/server/web tests.
 */
import { seededRandom } from '../random.ts';

export const TRIAL_WEEKS = [0, 2, 4, 8, 12, 16] as const;
export const TRIAL_ARMS = [
  { arm: 'placebo', doseUnits: 0, peakImprovement: 2 },
  { arm: '5000 U', doseUnits: 5000, peakImprovement: 10 },
  { arm: '10000 U', doseUnits: 10_000, peakImprovement: 12 },
] as const;

export interface TrialRow {
  readonly subject: string;
  readonly site: string;
  readonly arm: string;
  readonly doseUnits: number;
  /** Injection (anchor) date, YYYY-MM-DD. */
  readonly injectionDate: string;
  readonly week: number;
  /** TWSTRS total 0–85, integer; null = visit missed. */
  readonly twstrsTotal: number | null;
}

/** Improvement at `week` as a fraction of the arm's peak: onset by week 2, peak at 4, wearing off by 16. */
export function trialEffectShape(week: number): number {
  const table: Record<number, number> = { 0: 0, 2: 0.6, 4: 1, 8: 0.8, 12: 0.45, 16: 0.15 };
  return table[week] ?? 0;
}

export function makeTrialRows(opts: { seed?: number; patients?: number; missingFraction?: number } = {}): TrialRow[] {
  const rnd = seededRandom(opts.seed ?? 14);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const n = opts.patients ?? 109;
  const missing = opts.missingFraction ?? 0.08;
  const rows: TrialRow[] = [];
  for (let i = 0; i < n; i++) {
    const arm = TRIAL_ARMS[i % 3]!;
    const subject = `S${String(i + 1).padStart(3, '0')}`;
    const site = `site-${1 + (i % 4)}`;
    const day = Math.floor(rnd() * 300);
    const inj = new Date(Date.UTC(2023, 0, 9) + day * 86_400_000).toISOString().slice(0, 10);
    const baseline = Math.max(25, Math.min(70, 44 + 8 * normal()));
    const responder = 0.5 + rnd();
    for (const week of TRIAL_WEEKS) {
      const mean = baseline - arm.peakImprovement * responder * trialEffectShape(week);
      const v = Math.round(Math.max(0, Math.min(85, mean + (week === 0 ? 0 : 3 * normal()))));
      const miss = week !== 0 && rnd() < missing;
      rows.push({ subject, site, arm: arm.arm, doseUnits: arm.doseUnits, injectionDate: inj, week, twstrsTotal: miss ? null : v });
    }
  }
  return rows;
}

/** Long table: subject, site, arm, dose_U, injection_date, week, twstrs_total (empty = missing). */
export function trialLongCsv(rows: readonly TrialRow[], delimiter: ',' | ';' = ','): string {
  const head = ['subject', 'site', 'arm', 'dose_U', 'injection_date', 'week', 'twstrs_total'];
  const lines = rows.map((r) => [r.subject, r.site, r.arm, String(r.doseUnits), r.injectionDate, String(r.week), r.twstrsTotal === null ? '' : String(r.twstrsTotal)].join(delimiter));
  return [head.join(delimiter), ...lines].join('\r\n') + '\r\n';
}

/** Wide table: one row per subject, columns week_0 … week_16 (empty = missing). */
export function trialWideCsv(rows: readonly TrialRow[], delimiter: ',' | ';' = ','): string {
  const head = ['subject', 'site', 'arm', 'dose_U', 'injection_date', ...TRIAL_WEEKS.map((w) => `week_${w}`)];
  const bySubject = new Map<string, TrialRow[]>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  const lines = [...bySubject.values()].map((rs) => {
    const f = rs[0]!;
    return [f.subject, f.site, f.arm, String(f.doseUnits), f.injectionDate, ...TRIAL_WEEKS.map((w) => { const v = rs.find((r) => r.week === w)?.twstrsTotal; return v === null || v === undefined ? '' : String(v); })].join(delimiter);
  });
  return [head.join(delimiter), ...lines].join('\r\n') + '\r\n';
}
