/** Everything on this device as core records: the records store plus the measurement store's sessions. */
import { entryPain, severityTotal, validateRecord, type BotulinumTreatment, type GesteRecord, type MeasurementSession, type RecordError, type TimedValue } from '@geste/core';
import { db as measureDb, listSessions, type GesteDb } from '../store/db.ts';
import { allRecords, recordsDb, restoreBackupText, type RecordsDb } from './db.ts';

export async function everything(d: RecordsDb = recordsDb(), m: GesteDb = measureDb()): Promise<GesteRecord[]> {
  const recs = await allRecords(d);
  const sessions = await listSessions(undefined, m).catch(() => []);
  const valid: MeasurementSession[] = [];
  for (const s of sessions) {
    const v = validateRecord(s);
    if (v.ok && v.value.type === 'session') valid.push(v.value);
  }
  return [...recs, ...valid];
}

/**
 * Restores a backup and replaces everything it says it replaces: the records (diary, treatments,
 * history, reminder, name) AND the measurement sessions with their angle series and any kept videos,
 * so one person's exams never survive under another person's name. Settings (exercise program,
 * camera choice) are kept. The file is checked in full first; a refused file changes nothing.
 */
export async function restoreReplacingEverything(
  text: string,
  d: RecordsDb = recordsDb(),
  m: GesteDb = measureDb(),
): Promise<{ ok: true; count: number } | { ok: false; errors: readonly RecordError[] }> {
  return restoreBackupText(text, d, async (sessions) => {
    await m.transaction('rw', m.sessions, m.series, m.videos, async () => {
      await m.sessions.clear();
      await m.series.clear();
      await m.videos.clear();
      await m.sessions.bulkPut(sessions);
    });
  });
}

/** The series the charts draw: worst daily pain, objective items total per exam, injections. */
export function chartSeries(records: readonly GesteRecord[]): { pain: TimedValue[]; severity: TimedValue[]; injections: BotulinumTreatment[] } {
  const pain: TimedValue[] = [];
  const severity: TimedValue[] = [];
  for (const r of records) {
    if (r.type === 'diary') { const v = entryPain(r); if (v !== null) pain.push({ atMs: r.atMs, value: v }); }
    if (r.type === 'session' && r.kind === 'exam') { const v = severityTotal(r); if (v !== null) severity.push({ atMs: r.startedAtMs, value: v }); }
  }
  const injections = records.filter((r): r is BotulinumTreatment => r.type === 'treatment' && r.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs);
  return { pain: pain.sort((a, b) => a.atMs - b.atMs), severity: severity.sort((a, b) => a.atMs - b.atMs), injections };
}
