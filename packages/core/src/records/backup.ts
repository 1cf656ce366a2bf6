/**
 * Full JSON backup and restore. `parseBackup` is all-or-nothing: it returns every record validated
 * (and migrated) or only errors — the storage layer then replaces data in one transaction, so a bad
 * file never changes what is stored.
 */
import { describeReceived, fail, ok, type RecordError, type Result } from './errors.ts';
import type { GesteRecord } from './schemas.ts';
import { validateRecord } from './validate.ts';

export const BACKUP_FORMAT = 'geste-backup';
/** Version of the backup envelope (records carry their own `schemaVersion`). */
export const BACKUP_VERSION = 1;

export interface BackupLimits {
  /** Largest accepted file, in UTF-8 bytes. */
  readonly maxBytes: number;
  readonly maxRecords: number;
  /** At most this many errors are listed (the rest are counted). */
  readonly maxErrors: number;
}
export const DEFAULT_BACKUP_LIMITS: BackupLimits = { maxBytes: 64 * 1024 * 1024, maxRecords: 200_000, maxErrors: 20 };

export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly backupVersion: typeof BACKUP_VERSION;
  readonly exportedAtMs: number;
  readonly records: readonly GesteRecord[];
}

export function createBackup(records: readonly GesteRecord[], exportedAtMs: number): Backup {
  return { format: BACKUP_FORMAT, backupVersion: BACKUP_VERSION, exportedAtMs, records };
}

export function serializeBackup(b: Backup): string {
  return JSON.stringify(b);
}

/** UTF-8 byte length without allocating (surrogate pairs count 4). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseBackup(text: string, limits: BackupLimits = DEFAULT_BACKUP_LIMITS): Result<Backup> {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (text.length > limits.maxBytes || utf8ByteLength(text) > limits.maxBytes)
    return fail([{ code: 'too-large', path: '', expected: `a file of at most ${mb(limits.maxBytes)}`, received: `${mb(utf8ByteLength(text))}` }]);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const msg = err instanceof Error ? err.message : '';
    const endsEarly = /end of (JSON|data)|Unterminated/i.test(msg) || body.trim() === '';
    return fail([
      {
        code: 'not-json',
        path: '',
        expected: 'a complete JSON backup file',
        received: endsEarly ? 'text that ends early (the file looks cut off)' : 'text that is not valid JSON',
      },
    ]);
  }
  if (!isObj(data) || data['format'] !== BACKUP_FORMAT)
    return fail([{ code: 'not-a-backup', path: 'format', expected: `"${BACKUP_FORMAT}"`, received: isObj(data) ? describeReceived(data['format']) : describeReceived(data) }]);
  const v = data['backupVersion'];
  if (v !== BACKUP_VERSION)
    return fail([
      {
        code: 'unsupported-version',
        path: 'backupVersion',
        expected: `backup version ${BACKUP_VERSION}`,
        received: typeof v === 'number' && v > BACKUP_VERSION ? `version ${v} (from a newer Geste)` : describeReceived(v),
      },
    ]);
  const exportedAtMs = data['exportedAtMs'];
  if (typeof exportedAtMs !== 'number' || !Number.isInteger(exportedAtMs) || exportedAtMs < 0)
    return fail([{ code: 'bad-format', path: 'exportedAtMs', expected: 'a time in epoch milliseconds', received: describeReceived(exportedAtMs) }]);
  const recs = data['records'];
  if (!Array.isArray(recs)) return fail([{ code: 'missing-field', path: 'records', expected: 'a list of records', received: describeReceived(recs) }]);
  if (recs.length > limits.maxRecords)
    return fail([{ code: 'too-many-records', path: 'records', expected: `at most ${limits.maxRecords} records`, received: `${recs.length} records` }]);

  const errors: RecordError[] = [];
  let errorCount = 0;
  const out: GesteRecord[] = [];
  const seen = new Set<string>();
  recs.forEach((raw, i) => {
    const r = validateRecord(raw, `records[${i}]`);
    if (!r.ok) {
      errorCount += r.errors.length;
      for (const e of r.errors) if (errors.length < limits.maxErrors) errors.push(e);
      return;
    }
    const key = `${r.value.type}/${r.value.id}`;
    if (seen.has(key)) {
      errorCount++;
      if (errors.length < limits.maxErrors)
        errors.push({ code: 'duplicate-id', path: `records[${i}].id`, expected: 'an identifier used once per record type', received: describeReceived(r.value.id) });
      return;
    }
    seen.add(key);
    out.push(r.value);
  });
  if (errorCount > 0) {
    if (errorCount > errors.length)
      errors.push({ code: errors[0]!.code, path: 'records', expected: 'no further problems', received: `${errorCount - errors.length} more problems not listed` });
    return fail(errors);
  }
  return ok({ format: BACKUP_FORMAT, backupVersion: BACKUP_VERSION, exportedAtMs, records: out });
}
