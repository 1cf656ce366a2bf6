/**
 * CSV for spreadsheets (RFC 4180: comma, CRLF, quotes doubled). Text cells that a spreadsheet would
 * run as a formula (starting with = + - @ tab or CR) get a leading apostrophe — OWASP "CSV injection".
 * Times are ISO 8601 UTC. One table per record family.
 */
// ref: RFC 4180 "Common Format and MIME Type for CSV Files"; OWASP "CSV Injection"
import { ACTIVITIES, PAIN_SITES, RATING_SCALE_INFO, SYMPTOMS, type DiaryEntry, type GesteRecord, type MeasurementSession, type RatedScale, type Treatment } from './schemas.ts';

type Cell = string | number | boolean | null;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const isoTime = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function diaryCsv(entries: readonly DiaryEntry[]): string {
  const header = [
    'id', 'time', 'period',
    ...PAIN_SITES.map((s) => `pain_${s}_0to10`),
    ...SYMPTOMS.map((s) => `${s}_0to10`),
    ...ACTIVITIES.map((a) => `impact_${a}_0to4`),
    'stress_0to10', 'mood_0to10', 'note',
  ];
  const rows = [...entries].sort((a, b) => a.atMs - b.atMs).map((e) => [
    e.id, isoTime(e.atMs), e.period,
    ...PAIN_SITES.map((s) => e.pain[s]),
    ...SYMPTOMS.map((s) => e.symptoms[s]),
    ...ACTIVITIES.map((a) => e.impact[a]),
    e.stress, e.mood, e.note,
  ]);
  return toCsv(header, rows);
}

/** One row per treatment event; a botulinum visit gives one row per muscle, oral medicine one per dose step. */
export function treatmentsCsv(treatments: readonly Treatment[]): string {
  const header = ['id', 'kind', 'time', 'name', 'detail', 'side', 'amount', 'unit', 'note'];
  const rows: Cell[][] = [];
  for (const t of treatments) {
    switch (t.kind) {
      case 'botulinum': {
        const product = `${t.product} [${t.productCode}${t.blinded ? ', blinded' : ''}${t.placebo ? ', placebo' : ''}]`;
        if (t.totalUnits !== null || t.injections.length === 0) rows.push([t.id, t.kind, isoTime(t.atMs), product, `session total; guidance ${t.guidance}${t.dilutionUnitsPerMl === null ? '' : `; ${t.dilutionUnitsPerMl} U/mL`}`, null, t.totalUnits, t.totalUnits === null ? null : 'U', t.note]);
        for (const j of t.injections) rows.push([t.id, t.kind, isoTime(t.atMs), product, j.muscle, j.side, j.units, 'U', t.note]);
        break;
      }
      case 'oral':
        for (const d of t.doses) rows.push([t.id, t.kind, isoTime(d.fromMs), t.name, `${d.timesPerDay} times a day${t.stoppedAtMs === null ? '' : `; stopped ${isoTime(t.stoppedAtMs)}`}`, null, d.amount, d.unit, t.note]);
        break;
      case 'therapy':
        rows.push([t.id, t.kind, isoTime(t.atMs), t.modality, null, null, t.durationMin, t.durationMin === null ? null : 'min', t.note]);
        break;
      case 'biofeedback':
        rows.push([t.id, t.kind, isoTime(t.atMs), 'biofeedback', `session ${t.sessionId}`, null, null, null, t.note]);
        break;
      case 'surgery':
        rows.push([t.id, t.kind, isoTime(t.atMs), t.procedure, null, null, null, null, t.note]);
        break;
      case 'dbs-implant':
        rows.push([t.id, t.kind, isoTime(t.atMs), 'DBS implant', t.target, t.leads, null, null, t.note]);
        break;
      case 'dbs-setting':
        rows.push([t.id, t.kind, isoTime(t.atMs), 'DBS setting', `contacts ${t.contacts}; ${t.pulseWidthUs} us; ${t.frequencyHz} Hz`, t.side, t.amplitude, t.amplitudeUnit, t.note]);
        break;
    }
  }
  rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])));
  return toCsv(header, rows);
}

/** Sessions in wide form: one column per measure/item key seen in any session. */
export function sessionsCsv(sessions: readonly MeasurementSession[]): string {
  const mKeys = [...new Set(sessions.flatMap((s) => Object.keys(s.measures)))].sort();
  const iKeys = [...new Set(sessions.flatMap((s) => Object.keys(s.items)))].sort();
  const header = ['id', 'started', 'ended', 'kind', 'neutral', ...mKeys, ...iKeys.map((k) => `item_${k}`), 'trick', 'trick_reduction_pct', 'note'];
  const rows = [...sessions].sort((a, b) => a.startedAtMs - b.startedAtMs).map((s) => [
    s.id, isoTime(s.startedAtMs), isoTime(s.endedAtMs), s.kind, s.neutral,
    ...mKeys.map((k) => s.measures[k] ?? null),
    ...iKeys.map((k) => s.items[k] ?? null),
    s.trick?.name ?? null, s.trick?.reductionPct ?? null, s.note,
  ]);
  return toCsv(header, rows);
}

/** Rated scales, one row each; the rater role is a column so patient- and clinician-rated never blur. */
export function ratingsCsv(ratings: readonly RatedScale[]): string {
  const keys = [...new Set(ratings.flatMap((r) => Object.keys(r.items)))].sort();
  const header = ['id', 'time', 'scale', 'scale_label', 'version', 'total', 'rater_role', 'rater_name', 'visit', ...keys.map((k) => `item_${k}`), 'note'];
  const rows = [...ratings].sort((a, b) => a.atMs - b.atMs).map((r) => [
    r.id, isoTime(r.atMs), r.scale, RATING_SCALE_INFO[r.scale].label, r.version, r.total, r.raterRole, r.raterName, r.visitLabel, ...keys.map((k) => r.items[k] ?? null), r.note,
  ]);
  return toCsv(header, rows);
}

export function recordsToCsv(records: readonly GesteRecord[]): { diary: string; treatments: string; sessions: string; ratings: string } {
  return {
    ratings: ratingsCsv(records.filter((r): r is RatedScale => r.type === 'rating')),
    diary: diaryCsv(records.filter((r): r is DiaryEntry => r.type === 'diary')),
    treatments: treatmentsCsv(records.filter((r): r is Treatment => r.type === 'treatment')),
    sessions: sessionsCsv(records.filter((r): r is MeasurementSession => r.type === 'session')),
  };
}
