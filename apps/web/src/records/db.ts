/**
 * Records storage (IndexedDB through Dexie): diary, treatments, history intake, reminder, patient,
 * plus drafts of forms being typed. Every write is validated by core; a restore replaces everything
 * in one transaction only after the whole file was accepted, so a refused or failed restore changes
 * nothing. Measurement sessions live in the measurement store (src/store/db.ts) and are read from there.
 *
 * Versions: 1 = records table + drafts; 2 = adds `meta`, and its upgrade brings every stored record
 * to the current schema version with core's migrations (e.g. diary v1 → v2). Each later schema change
 * adds a Dexie version whose upgrade runs the same migrations: 3 = treatment v1 → v2 (toxin product
 * list, total, dilution, blinded/placebo, listed muscles) and the new rated-scale records.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import {
  formatRecordError,
  parseBackup,
  validateRecord,
  type GesteRecord,
  type RecordError,
  type RecordType,
  type RecordOf,
} from '@geste/core';

export interface StoredRecord {
  type: RecordType;
  id: string;
  [k: string]: unknown;
}
export interface Draft {
  key: string;
  value: unknown;
  savedAtMs: number;
}
export interface Meta {
  key: string;
  value: unknown;
}

export const RECORDS_DB_NAME = 'geste-records';

export class RecordsDb extends Dexie {
  records!: Table<StoredRecord, [string, string]>;
  drafts!: Table<Draft, string>;
  meta!: Table<Meta, string>;
  constructor(name = RECORDS_DB_NAME, opts?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, opts);
    this.version(1).stores({ records: '[type+id], type', drafts: 'key' });
    const migrateAll = async (tx: Transaction) => {
      const bad: unknown[] = [];
      await tx
        .table('records')
        .toCollection()
        .modify((r: StoredRecord, ref: { value: StoredRecord }) => {
          const v = validateRecord(r);
          if (v.ok) ref.value = v.value as unknown as StoredRecord;
          else bad.push(r); // kept as it was; listed under meta so nothing is silently dropped
        });
      // Unreadable records stay in the table, so each run finds all of them again: the list is replaced.
      if (bad.length > 0) await tx.table('meta').put({ key: 'unmigrated', value: bad });
    };
    this.version(2).stores({ records: '[type+id], type', drafts: 'key', meta: 'key' }).upgrade(migrateAll);
    this.version(3).stores({ records: '[type+id], type', drafts: 'key', meta: 'key' }).upgrade(migrateAll);
  }
}

export type RecordStoreErrorCode = 'invalid-record' | 'storage-failed' | 'restore-refused';
export class RecordStoreError extends Error {
  override readonly name = 'RecordStoreError';
  constructor(
    readonly code: RecordStoreErrorCode,
    readonly errors: readonly RecordError[],
    message: string,
  ) {
    super(message);
  }
}

let shared: RecordsDb | null = null;
export function recordsDb(): RecordsDb {
  shared ??= new RecordsDb();
  return shared;
}

/** Validates and stores one record; throws RecordStoreError with words for a person. */
export async function saveRecord<T extends GesteRecord>(rec: T, d: RecordsDb = recordsDb()): Promise<T> {
  const v = validateRecord(rec);
  if (!v.ok) throw new RecordStoreError('invalid-record', v.errors, v.errors.map(formatRecordError).join('\n'));
  try {
    await d.records.put(v.value as unknown as StoredRecord);
  } catch (e) {
    throw new RecordStoreError('storage-failed', [], `Could not save on this device (${String(e)}). What you typed is kept as a draft; try again.`);
  }
  return v.value as T;
}

export async function deleteRecord(type: RecordType, id: string, d: RecordsDb = recordsDb()): Promise<void> {
  await d.records.delete([type, id]);
}

export async function listRecords<T extends RecordType>(type: T, d: RecordsDb = recordsDb()): Promise<RecordOf<T>[]> {
  const rows = await d.records.where('type').equals(type).toArray();
  return rows as unknown as RecordOf<T>[];
}

export async function allRecords(d: RecordsDb = recordsDb()): Promise<GesteRecord[]> {
  return (await d.records.toArray()) as unknown as GesteRecord[];
}

/**
 * Restores a backup file's text: parse and validate everything first, then replace all records in
 * one transaction. Returns the errors (and changes nothing) when the file is refused.
 * `sessions` receives the backup's measurement sessions for the measurement store.
 */
export async function restoreBackupText(
  text: string,
  d: RecordsDb = recordsDb(),
  sessions?: (s: Extract<GesteRecord, { type: 'session' }>[]) => Promise<void>,
): Promise<{ ok: true; count: number } | { ok: false; errors: readonly RecordError[] }> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const recs = parsed.value.records;
  const mine = recs.filter((r) => r.type !== 'session');
  await d.transaction('rw', d.records, async () => {
    await d.records.clear();
    await d.records.bulkPut(mine as unknown as StoredRecord[]);
  });
  if (sessions !== undefined) await sessions(recs.filter((r): r is Extract<GesteRecord, { type: 'session' }> => r.type === 'session'));
  return { ok: true, count: recs.length };
}

/**
 * Adds imported records (already validated by core's import) to this device in one transaction:
 * all or nothing. Each is validated again on the way in; an id already used is refused, so an import
 * never overwrites what is here. Returns the count written.
 */
export async function importRecords(recs: readonly GesteRecord[], d: RecordsDb = recordsDb()): Promise<number> {
  const errors: RecordError[] = [];
  const ok: StoredRecord[] = [];
  recs.forEach((r, i) => {
    const v = validateRecord(r, `records[${i}]`);
    if (v.ok) ok.push(v.value as unknown as StoredRecord);
    else errors.push(...v.errors);
  });
  if (errors.length > 0) throw new RecordStoreError('invalid-record', errors, errors.map(formatRecordError).join('\n'));
  await d.transaction('rw', d.records, async () => {
    const clash = (await d.records.bulkGet(ok.map((r) => [r.type, r.id] as [string, string]))).findIndex((x) => x !== undefined);
    if (clash >= 0) throw new RecordStoreError('restore-refused', [], `A record with the id "${ok[clash]!.id}" (${ok[clash]!.type}) is already on this device: nothing was imported. Import into an empty profile, or remove the earlier import first.`);
    await d.records.bulkAdd(ok);
  });
  return ok.length;
}

// ------------------------------------------------------------------ drafts
export async function saveDraft(key: string, value: unknown, nowMs: number, d: RecordsDb = recordsDb()): Promise<void> {
  await d.drafts.put({ key, value, savedAtMs: nowMs });
}
export async function loadDraft<T>(key: string, d: RecordsDb = recordsDb()): Promise<T | undefined> {
  return (await d.drafts.get(key))?.value as T | undefined;
}
export async function clearDraft(key: string, d: RecordsDb = recordsDb()): Promise<void> {
  await d.drafts.delete(key);
}

export function newRecordId(prefix: string, nowMs: number): string {
  const rand = Math.floor(Math.random() * 36 ** 5).toString(36).padStart(5, '0');
  return `${prefix}-${nowMs.toString(36)}-${rand}`;
}
