import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createBackup, makeDemoRecords, serializeBackup, type GesteRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { allRecords, clearDraft, importRecords, listRecords, loadDraft, RecordsDb, RecordStoreError, restoreBackupText, saveDraft, saveRecord } from './db.ts';

const fresh = (name = 'r') => new RecordsDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
const DEMO = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 40 });
const diary = DEMO.find((r) => r.type === 'diary')!;

describe('records database', () => {
  it('saves valid records and refuses invalid ones with words, storing nothing', async () => {
    const d = fresh();
    await saveRecord(diary, d);
    expect(await listRecords('diary', d)).toEqual([diary]);
    const bad = { ...diary, id: 'x2', pain: { ...(diary as Extract<GesteRecord, { type: 'diary' }>).pain, neck: 11 } };
    const err = await saveRecord(bad as GesteRecord, d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordStoreError);
    expect((err as RecordStoreError).code).toBe('invalid-record');
    expect((err as RecordStoreError).message).toContain('expected a number at most 10, got 11');
    expect(await listRecords('diary', d)).toHaveLength(1);
    d.close();
  });

  it('restore replaces everything; a refused file changes nothing', async () => {
    const d = fresh();
    const keep = DEMO.filter((r) => r.type !== 'session').slice(0, 10);
    for (const r of keep) await saveRecord(r, d);
    const before = await allRecords(d);
    const good = serializeBackup(createBackup(DEMO, 1));
    for (const hostile of [
      good.slice(0, 1000), // truncated
      good.replace('"backupVersion":1', '"backupVersion":7'), // wrong version
      good.replace('"note":""', '"note":"<script>alert(1)</script>"'), // script in a text field
      `{"format":"geste-backup","backupVersion":1,"exportedAtMs":0,"records":[${'{"type":"diary"},'.repeat(5)}{}]}`,
    ]) {
      const r = await restoreBackupText(hostile, d);
      expect(r.ok).toBe(false);
      expect(await allRecords(d)).toEqual(before);
    }
    let sessions = 0;
    const ok = await restoreBackupText(good, d, async (s) => { sessions = s.length; });
    expect(ok).toEqual({ ok: true, count: DEMO.length });
    expect(sessions).toBe(DEMO.filter((r) => r.type === 'session').length);
    const after = await allRecords(d);
    expect(after.length).toBe(DEMO.length - sessions);
    expect(new Set(after.map((r) => `${r.type}/${r.id}`))).toEqual(new Set(DEMO.filter((r) => r.type !== 'session').map((r) => `${r.type}/${r.id}`)));
    d.close();
  });

  it('drafts survive closing and reopening the database (a reload)', async () => {
    const factory = new IDBFactory();
    const d1 = new RecordsDb('drafts', { indexedDB: factory, IDBKeyRange });
    await saveDraft('diary', { note: 'half typed' }, 5, d1);
    d1.close();
    const d2 = new RecordsDb('drafts', { indexedDB: factory, IDBKeyRange });
    expect(await loadDraft('diary', d2)).toEqual({ note: 'half typed' });
    await clearDraft('diary', d2);
    expect(await loadDraft('diary', d2)).toBeUndefined();
    d2.close();
  });

  it('opening a version-1 database upgrades stored records to the current schema', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('up', { indexedDB: factory, IDBKeyRange });
    old.version(1).stores({ records: '[type+id], type', drafts: 'key' });
    await old.table('records').put({ type: 'diary', schemaVersion: 1, id: 'old1', atMs: 1_700_000_000_000, painScore: 4, painSites: ['neck'], pulling: 2, spasms: 1, jerks: 0, tremor: 0, note: 'before' });
    await old.table('records').put({ type: 'diary', schemaVersion: 1, id: 'broken', atMs: 'yesterday' });
    old.close();
    const d = new RecordsDb('up', { indexedDB: factory, IDBKeyRange });
    const rows = await listRecords('diary', d);
    const migrated = rows.find((r) => r.id === 'old1')!;
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.pain).toEqual({ neck: 4, shoulders: null, head: null });
    expect(migrated.note).toBe('before');
    // A record that cannot be migrated is kept and listed, never silently dropped.
    expect(rows.find((r) => r.id === 'broken')).toBeDefined();
    expect(((await d.meta.get('unmigrated'))?.value as unknown[]).length).toBe(1);
    d.close();
  });

  it('opening a version-2 database brings a stored v1 toxin record to treatment v2 (it still loads)', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('up2', { indexedDB: factory, IDBKeyRange });
    old.version(2).stores({ records: '[type+id], type', drafts: 'key', meta: 'key' });
    await old.table('records').put({ type: 'treatment', schemaVersion: 1, id: 'inj-a', kind: 'botulinum', atMs: 1_700_000_000_000, product: 'Xeomin', injections: [{ muscle: 'splenius capitis', side: 'left', units: 50 }], guidance: 'none', clinician: '', effectStartedAtMs: null, effectWoreOffAtMs: null, note: '' });
    old.close();
    const d = new RecordsDb('up2', { indexedDB: factory, IDBKeyRange });
    const [t] = await listRecords('treatment', d);
    expect(t).toMatchObject({ schemaVersion: 2, productCode: 'incobotulinumtoxinA', totalUnits: null, placebo: false, injections: [{ muscle: 'splenius capitis', muscleCode: 'splenius capitis', units: 50 }] });
    d.close();
  });

  it('an import adds records all-or-nothing and never overwrites a record already here', async () => {
    const d = fresh('imp');
    const rating = { type: 'rating' as const, schemaVersion: 1 as const, id: 'r1', atMs: 1e12, scale: 'twstrs-total' as const, version: '', items: {}, total: 40, raterRole: 'clinician' as const, raterName: '', visitLabel: 'week 0', note: '' };
    expect(await importRecords([rating, { ...rating, id: 'r2', total: 38 }], d)).toBe(2);
    const bad = await importRecords([{ ...rating, id: 'r3' }, { ...rating, id: 'r4', total: 99 }], d).catch((e: unknown) => e);
    expect((bad as RecordStoreError).message).toContain('a total from 0 to 85 (TWSTRS total), got 99');
    const clash = await importRecords([{ ...rating, id: 'r5' }, { ...rating, id: 'r1', total: 10 }], d).catch((e: unknown) => e);
    expect((clash as RecordStoreError).code).toBe('restore-refused');
    expect((await listRecords('rating', d)).map((r) => [r.id, r.total])).toEqual([['r1', 40], ['r2', 38]]);
    d.close();
  });

  it('a failed save reports storage-failed and the draft typed before it is still there', async () => {
    const factory = new IDBFactory();
    const d = new RecordsDb('fail', { indexedDB: factory, IDBKeyRange });
    await saveDraft('diary', { note: 'typed before the failure' }, 1, d);
    // Make the store refuse writes, as a full disk or a revoked storage permission would.
    d.records.hook('creating', () => { throw new Error('QuotaExceededError'); });
    const err = await saveRecord(diary, d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordStoreError);
    expect((err as RecordStoreError).code).toBe('storage-failed');
    expect((err as RecordStoreError).message).toContain('What you typed is kept as a draft');
    d.close();
    const again = new RecordsDb('fail', { indexedDB: factory, IDBKeyRange });
    expect(await loadDraft('diary', again)).toEqual({ note: 'typed before the failure' });
    expect(await listRecords('diary', again)).toEqual([]);
    again.close();
  });
});
