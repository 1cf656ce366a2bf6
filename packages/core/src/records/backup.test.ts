import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbRecords } from './arbitraries.ts';
import { createBackup, parseBackup, serializeBackup, utf8ByteLength, BACKUP_VERSION } from './backup.ts';
import { formatRecordError, type RecordError } from './errors.ts';
import { makeDemoRecords } from './sample.ts';

const DEMO = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 30 });
const good = serializeBackup(createBackup(DEMO, Date.UTC(2025, 2, 1)));

function refused(text: string, limits?: Parameters<typeof parseBackup>[1]): RecordError[] {
  const r = parseBackup(text, limits);
  if (r.ok) throw new Error('expected the file to be refused');
  return [...r.errors];
}

describe('backup round trip', () => {
  it('restoring a backup reproduces the records exactly (property)', () => {
    fc.assert(
      fc.property(arbRecords(25), fc.integer({ min: 0, max: 4_102_444_800_000 }), (records, at) => {
        const r = parseBackup(serializeBackup(createBackup(records, at)));
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value.records).toEqual(records);
          expect(r.value.exportedAtMs).toBe(at);
          // A restored store saved again gives the identical file, byte for byte.
          const again = parseBackup(serializeBackup(r.value));
          expect(again.ok && serializeBackup(again.value)).toBe(serializeBackup(r.value));
        }
      }),
      { numRuns: 150 },
    );
  });
  it('restores the generated demo year', () => {
    const r = parseBackup(good);
    expect(r.ok && r.value.records.length).toBe(DEMO.length);
  });
  it('accepts a byte-order mark', () => {
    expect(parseBackup(`\ufeff${good}`).ok).toBe(true);
  });
});

describe('hostile or broken files are refused with clear words', () => {
  it('truncated file', () => {
    const [e] = refused(good.slice(0, Math.floor(good.length / 2)));
    expect(e).toMatchObject({ code: 'not-json', received: 'text that ends early (the file looks cut off)' });
    expect(formatRecordError(e!)).toMatch(/^The file is not readable JSON.*Choose the complete backup file/);
  });
  it('not JSON at all, or empty', () => {
    expect(refused('<html><script>x</script></html>')[0]).toMatchObject({ code: 'not-json', received: 'text that is not valid JSON' });
    expect(refused('')[0]!.code).toBe('not-json');
  });
  it('JSON that is not a Geste backup', () => {
    expect(refused('{"resourceType":"Bundle"}')[0]).toMatchObject({ code: 'not-a-backup', path: 'format' });
    expect(refused('[1,2,3]')[0]).toMatchObject({ code: 'not-a-backup', received: 'a list of 3' });
  });
  it('wrong backup version: newer and nonsense', () => {
    const newer = good.replace(`"backupVersion":${BACKUP_VERSION}`, '"backupVersion":99');
    const [e] = refused(newer);
    expect(e).toMatchObject({ code: 'unsupported-version', received: 'version 99 (from a newer Geste)' });
    expect(formatRecordError(e!)).toContain('Update Geste');
    expect(refused(good.replace(`"backupVersion":${BACKUP_VERSION}`, '"backupVersion":"1"'))[0]!.code).toBe('unsupported-version');
  });
  it('huge file: refused before parsing', () => {
    const huge = `{"format":"geste-backup","backupVersion":1,"exportedAtMs":0,"records":[],"pad":"${'x'.repeat(2_000_000)}"}`;
    const [e] = refused(huge, { maxBytes: 1_000_000, maxRecords: 10, maxErrors: 5 });
    expect(e).toMatchObject({ code: 'too-large', expected: 'a file of at most 1.0 MB', received: '1.9 MB' });
    const many = serializeBackup(createBackup(DEMO.slice(0, 20), 0));
    expect(refused(many, { maxBytes: 1e9, maxRecords: 10, maxErrors: 5 })[0]).toMatchObject({ code: 'too-many-records', received: '20 records' });
  });
  it('script in a text field: the whole file is refused, the field named', () => {
    const data = JSON.parse(good) as { records: Array<Record<string, unknown>> };
    const i = data.records.findIndex((r) => r['type'] === 'diary');
    data.records[i]!['note'] = '<script>fetch("//evil")</script>';
    const errs = refused(JSON.stringify(data));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: 'unsafe-text', path: `records[${i}].note` });
  });
  it('duplicate ids and prototype keys', () => {
    const data = JSON.parse(good) as { records: unknown[] };
    data.records.push(data.records[3]);
    expect(refused(JSON.stringify(data))[0]).toMatchObject({ code: 'duplicate-id', path: `records[${data.records.length - 1}].id` });
    const proto = good.replace('"records":[', '"records":[{"__proto__":{"polluted":true},"type":"patient","schemaVersion":1,"id":"p2","displayName":"x","birthYear":null},');
    const r = parseBackup(proto);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (r.ok) expect(Object.getPrototypeOf(r.value.records[0])).toBe(Object.prototype);
  });
  it('deep nesting and oversized text fields are refused, not crashed on', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(refused(deep)[0]!.code).toBe('not-a-backup');
    const data = JSON.parse(good) as { records: Array<Record<string, unknown>> };
    const i = data.records.findIndex((r) => r['type'] === 'diary');
    data.records[i]!['note'] = 'x'.repeat(100_000);
    const j = data.records.findIndex((r, k) => k > i && r['type'] === 'diary');
    data.records[j]!['pain'] = '__DEEP__';
    // Built as text: JSON.stringify itself would overflow the stack on this nesting.
    const text = JSON.stringify(data).replace('"__DEEP__"', `{"neck":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const errs = refused(text);
    expect(errs[0]).toMatchObject({ code: 'out-of-range', path: `records[${i}].note`, expected: 'text of at most 2000 characters', received: '100000 characters' });
    expect(errs[1]).toMatchObject({ code: 'wrong-type', path: `records[${j}].pain.neck`, received: 'a list of 1' });
  });
  it('many bad records: lists at most maxErrors and counts the rest', () => {
    const data = { format: 'geste-backup', backupVersion: 1, exportedAtMs: 0, records: Array.from({ length: 50 }, () => ({ type: 'nope' })) };
    const errs = refused(JSON.stringify(data), { maxBytes: 1e7, maxRecords: 1000, maxErrors: 5 });
    expect(errs).toHaveLength(6);
    expect(errs[5]!.received).toBe('45 more problems not listed');
  });
  it('random corruption of a good file never throws and never half-succeeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), (at, junk) => {
        const text = good.slice(0, at) + junk + good.slice(at + 1);
        const r = parseBackup(text);
        if (r.ok) expect(r.value.records.length).toBe(DEMO.length);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('utf8ByteLength', () => {
  it('matches TextEncoder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => { expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length); }));
  });
});
