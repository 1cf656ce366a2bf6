/**
 * Where a person's data is in time (pure): the clinical dates of diary entries, measurement sessions
 * and dated treatments. The report's default period covers that span (at most `maxDays`, ending at the
 * last record), so a report never shows pages of empty time before or after the data.
 */
import type { GesteRecord } from './schemas.ts';

const DAY_MS = 86_400_000;

/** The clinical date of a record (when it happened, not when it was typed or synced); null for undated records. */
export function clinicalDateMs(r: GesteRecord): number | null {
  switch (r.type) {
    case 'diary': return r.atMs;
    case 'session': return r.startedAtMs;
    case 'treatment': return r.kind === 'oral' ? r.startedAtMs : r.atMs;
    case 'history': return r.recordedAtMs;
    default: return null;
  }
}

/** First and last clinical date of the time-series records (diary, sessions, treatments other than ongoing medicines), up to `upToMs`. */
export function dataExtent(records: readonly GesteRecord[], upToMs = Infinity): { firstMs: number; lastMs: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    if (r.type !== 'diary' && r.type !== 'session' && r.type !== 'treatment') continue;
    if (r.type === 'treatment' && r.kind === 'oral') continue; // a medicine started years ago does not make the period
    const t = clinicalDateMs(r);
    if (t === null || t > upToMs) continue;
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  return Number.isFinite(first) ? { firstMs: first, lastMs: last } : null;
}

/** Default report period: where the data is, ending at the last record on or before `nowMs`, at most `maxDays` long. */
export function defaultReportPeriod(records: readonly GesteRecord[], nowMs: number, maxDays = 365): { fromMs: number; toMs: number } {
  const ext = dataExtent(records, nowMs);
  if (ext === null) return { fromMs: nowMs - 90 * DAY_MS, toMs: nowMs };
  return { fromMs: Math.max(ext.firstMs, ext.lastMs - maxDays * DAY_MS), toMs: ext.lastMs };
}
