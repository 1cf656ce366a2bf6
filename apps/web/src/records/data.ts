/** Everything on this device as core records: the records store plus the measurement store's sessions. */
import { validateRecord, type GesteRecord, type MeasurementSession } from '@geste/core';
import { listSessions } from '../store/db.ts';
import { allRecords } from './db.ts';

export async function everything(): Promise<GesteRecord[]> {
  const recs = await allRecords();
  const sessions = await listSessions().catch(() => []);
  const valid: MeasurementSession[] = [];
  for (const s of sessions) {
    const v = validateRecord(s);
    if (v.ok && v.value.type === 'session') valid.push(v.value);
  }
  return [...recs, ...valid];
}
