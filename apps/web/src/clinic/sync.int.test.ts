/**
 * The sync engine and the API client against the real clinic server (its own process, PGlite in a
 * temp folder): two devices of one patient with offline edits on both, a retry after a lost answer,
 * a clinician reading only what is shared and refused after revocation, a program delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryEntry, type GesteRecord } from '@geste/core';
import { ClinicApi, ClinicError, type FetchLike } from './api.ts';
import { syncOnce } from './sync.ts';
import { MemoryDevice as Device } from './fakeServer.ts';
import { freePort, startClinicServer, type RunningServer } from './testServer.ts';

const T0 = Date.UTC(2026, 9, 1, 9);
const DAY = 86_400_000;
function diary(id: string, atMs: number, neck: number, note = ''): DiaryEntry {
  return {
    type: 'diary', schemaVersion: 2, id, atMs, period: 'day', pain: { neck, shoulders: null, head: null },
    symptoms: { pulling: null, spasms: null, jerks: null, tremor: null },
    impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null }, stress: null, mood: null, note,
  };
}
const botox: GesteRecord = {
  type: 'treatment', schemaVersion: 2, id: 'inj-1', kind: 'botulinum', atMs: T0, product: 'Example toxin', productCode: 'other', totalUnits: null, dilutionUnitsPerMl: null, blinded: false, placebo: false, injections: [{ muscle: 'splenius capitis', muscleCode: 'splenius capitis', side: 'left', units: 50 }],
  guidance: 'none', clinician: '', effectStartedAtMs: null, effectWoreOffAtMs: null, note: '',
};


let srv: RunningServer;
beforeAll(async () => {
  srv = await startClinicServer();
}, 120_000);
afterAll(async () => {
  await srv?.stop();
});

const email = (n: string) => `${n}.${Math.random().toString(36).slice(2, 8)}@example.org`;
const PW = 'correct horse battery staple';

describe('sync engine against the real server', () => {
  it('two devices edit offline, both sync: no loss, no duplicates, same records; the clinician sees only what is shared', async () => {
    const patient = new ClinicApi({ baseUrl: srv.url, isOnline: () => true });
    const s = await patient.register(email('pat'), PW, 'patient', 'Pat Example');
    const a = new Device('dev-a', s.accountId);
    const b = new Device('dev-b', s.accountId);
    const apiB = new ClinicApi({ baseUrl: srv.url, token: s.token, isOnline: () => true });

    // Device A writes and syncs; device B pulls.
    a.put(diary('d1', T0, 3));
    a.put(botox);
    await syncOnce(patient, a);
    await syncOnce(apiB, b);
    expect(b.snapshot()).toEqual(a.snapshot());

    // Both edit offline: each a new entry, and both the same entry (a conflict).
    a.put(diary('d2', T0 + DAY, 4, 'from A'));
    b.put(diary('d3', T0 + 2 * DAY, 5, 'from B'));
    a.put(diary('d1', T0, 6, 'A edits d1'));
    b.put(diary('d1', T0, 7, 'B edits d1 later'));
    await syncOnce(patient, a, { now: () => Date.now() });
    await syncOnce(apiB, b, { now: () => Date.now() + 10 }); // B's edit is the later one
    await syncOnce(patient, a);
    expect(a.snapshot()).toEqual(b.snapshot());
    const diaries = [...a.records.values()].filter((r) => r.type === 'diary');
    expect(diaries.map((r) => r.id).sort()).toEqual(['d1', 'd2', 'd3']); // no loss, no duplicate
    expect((diaries.find((r) => r.id === 'd1') as DiaryEntry).note).toBe('B edits d1 later');
    // The losing edit is not lost: the server keeps every version.
    const hist = await patient.call<{ versions: Array<{ payload: { note: string } }> }>('GET', '/records/d_d1/history');
    expect(hist.versions.map((v) => v.payload.note)).toEqual(['', 'A edits d1', 'B edits d1 later']);
    const current = await patient.call<{ records: unknown[] }>('GET', '/records');
    expect(current.records).toHaveLength(4);

    // A retry after a lost answer: the server stored the push, the device did not hear back.
    a.put(diary('d4', T0 + 3 * DAY, 2));
    let drop = true;
    const lossy: FetchLike = async (url, init) => {
      const r = await globalThis.fetch(url, init);
      if (drop && url.endsWith('/sync/push')) {
        drop = false;
        await r.text();
        throw new TypeError('connection reset');
      }
      return r;
    };
    const apiLossy = new ClinicApi({ baseUrl: srv.url, token: s.token, fetch: lossy, isOnline: () => true });
    await expect(syncOnce(apiLossy, a)).rejects.toMatchObject({ code: 'unreachable' });
    expect(a.state.outbox.map((c) => c.id)).toEqual(['d_d4']);
    const again = await syncOnce(apiLossy, a);
    expect(again.duplicate).toBe(1);
    const log = await patient.call<{ versions: unknown[] }>('GET', '/records/d_d4/history');
    expect(log.versions).toHaveLength(1);

    // Clinician: measures + diary shared, not treatments.
    const inv = await patient.invite(['measures', 'diary'], null);
    const clin = new ClinicApi({ baseUrl: srv.url, isOnline: () => true });
    await clin.register(email('doc'), PW, 'clinician', 'Dr Example');
    await clin.accept(inv.code.toLowerCase());
    const pts = await clin.patients();
    expect(pts.map((p) => p.displayName)).toEqual(['Pat Example']);
    const recs = await clin.patientRecords(s.accountId);
    expect(recs.records.map((r) => r.category).sort()).toEqual(['diary', 'diary', 'diary', 'diary']);
    await expect(clin.accept(inv.code)).rejects.toMatchObject({ code: 'share-expired' }); // single use

    // A program reaches the patient's device at the next sync.
    await clin.assignProgram(s.accountId, 'Home', { id: 'p', name: 'Home' });
    const r = await syncOnce(patient, a);
    expect(r.programs).toBe(1);
    expect(a.installed).toEqual([{ id: 'p', name: 'Home' }]);

    // Revoked: the clinician is refused in words.
    const share = (await patient.shares())[0]!;
    await patient.revoke(share.id);
    const err = await clin.patientRecords(s.accountId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClinicError);
    expect((err as ClinicError).code).toBe('not-shared');
    expect(await clin.patients()).toEqual([]);
  });

  it('a server that is not there: a clear error, local records intact, the change stays queued', async () => {
    const dead = new ClinicApi({ baseUrl: `http://127.0.0.1:${await freePort()}`, isOnline: () => true, timeoutMs: 5000 });
    const d = new Device('dev-x', 'acct');
    d.put(diary('x', T0, 1));
    const err = await syncOnce(dead, d).catch((e: unknown) => e);
    expect((err as ClinicError).code).toBe('unreachable');
    expect((err as ClinicError).message).toMatch(/cannot be reached/);
    expect(d.records.size).toBe(1);
    expect(d.state.outbox).toHaveLength(1);
  });
});
