import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type DiaryEntry, type GesteRecord } from '@geste/core';
import { ClinicError } from './api.ts';
import { FakeSyncServer, MemoryDevice as Device } from './fakeServer.ts';
import { compareVersions, formatHlc, parseHlc, receive, tick } from './hlc.ts';
// The server's own clock rules (a pure file with no dependencies): the client must order versions exactly as it does.
import { compareVersions as serverCompare, normalizeHlc as serverNormalize } from '../../../server/src/sync/hlc.ts';
import {
  applyPulled,
  canonicalJson,
  contentHash,
  newDeviceId,
  newSyncState,
  stageLocalChanges,
  stillAsStaged,
  syncOnce,
  wireId,
  type SyncRecord,
} from './sync.ts';

const SERVER_HLC = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z(-[0-9]{4})?$/; // apps/server/src/sync/hlc.ts
const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const DAY = 86_400_000;

function diary(id: string, atMs: number, neck: number, note = ''): DiaryEntry {
  return {
    type: 'diary', schemaVersion: 2, id, atMs, period: 'day',
    pain: { neck, shoulders: null, head: null },
    symptoms: { pulling: null, spasms: null, jerks: null, tremor: null },
    impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null },
    stress: null, mood: null, note,
  };
}
const botox = (id: string, atMs: number): GesteRecord => ({
  type: 'treatment', schemaVersion: 2, id, kind: 'botulinum', atMs, product: 'Example toxin', productCode: 'other', totalUnits: null, dilutionUnitsPerMl: null, blinded: false, placebo: false, injections: [{ muscle: 'splenius capitis', muscleCode: 'splenius capitis', side: 'left', units: 50 }],
  guidance: 'emg', clinician: '', effectStartedAtMs: null, effectWoreOffAtMs: null, note: '',
});


describe('hybrid logical clock', () => {
  it('formats stamps the server accepts, and parses them back', () => {
    const s = formatHlc({ ms: T0, counter: 7 });
    expect(s).toBe('2026-11-01T09:00:00.000Z-0007');
    expect(s).toMatch(SERVER_HLC);
    expect(parseHlc(s)).toEqual({ ms: T0, counter: 7 });
    expect(parseHlc('2026-11-01T09:00:00.000Z')).toEqual({ ms: T0, counter: 0 });
    expect(() => parseHlc('yesterday')).toThrow(/Not an HLC stamp/);
  });

  it('never goes backwards, whatever the wall clock does, and always passes what it received', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 9999 })), { minLength: 1, maxLength: 60 }),
        (steps) => {
          let clock: string | null = null;
          let wall = T0;
          for (const [isReceive, dWall, dRemote, rc] of steps) {
            wall += dWall; // the wall clock may jump back
            const prev: string | null = clock;
            if (isReceive) {
              const remote = formatHlc({ ms: wall + dRemote, counter: rc });
              clock = receive(clock, remote, wall);
              expect(clock > remote).toBe(true);
            } else clock = tick(clock, wall);
            expect(clock).toMatch(SERVER_HLC);
            if (prev !== null) expect(clock > prev).toBe(true);
          }
        },
      ),
    );
  });

  it('orders any two versions exactly as the server does, and every stamp it makes is one the server accepts', () => {
    const stamp = fc.tuple(fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) }), fc.integer({ min: 0, max: 9999 }), fc.boolean()).map(([ms, c, bare]) => {
      const s = formatHlc({ ms, counter: c });
      return bare && c === 0 ? s.slice(0, 24) : s;
    });
    const dev = fc.constantFrom('dev-a', 'dev-b', 'dev-B', 'dev-a0', 'a', '_');
    fc.assert(
      fc.property(stamp, dev, stamp, dev, (sa, da, sb, db) => {
        expect(serverNormalize(sa)).toBe(sa.length === 24 ? `${sa}-0000` : sa);
        const client = compareVersions({ updatedAt: sa, deviceId: da }, { updatedAt: sb, deviceId: db });
        const server = serverCompare({ hlc: serverNormalize(sa), deviceId: da }, { hlc: serverNormalize(sb), deviceId: db });
        expect(client).toBe(server);
      }),
      { numRuns: 500 },
    );
  });

  it('orders versions by stamp, then device id (the server rule)', () => {
    const a = { updatedAt: '2026-11-01T09:00:00.000Z-0001', deviceId: 'b' };
    expect(compareVersions(a, { updatedAt: '2026-11-01T09:00:00.000Z-0002', deviceId: 'a' })).toBe(-1);
    expect(compareVersions(a, { updatedAt: '2026-11-01T09:00:00.000Z-0001', deviceId: 'a' })).toBe(1);
    expect(compareVersions({ updatedAt: '2026-11-01T09:00:00.000Z', deviceId: 'x' }, { updatedAt: '2026-11-01T09:00:00.000Z-0000', deviceId: 'x' })).toBe(0);
  });
});

describe('record mapping', () => {
  it('gives ids the server accepts, one-to-one, and hashes ignore key order', () => {
    expect(wireId('diary', 'diary-abc.1')).toBe('d_diary-abc_1');
    expect(wireId('diary', 'x')).not.toBe(wireId('treatment', 'x'));
    const long = 'a'.repeat(64);
    expect(wireId('session', long)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(wireId('session', long)).not.toBe(wireId('session', `${'a'.repeat(63)}b`));
    expect(contentHash({ a: 1, b: [1, { c: 2, d: null }] })).toBe(contentHash({ b: [1, { d: null, c: 2 }], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(newDeviceId()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('staging (pure)', () => {
  it('stages new and changed records once, tombstones deleted ones, and respects categories', () => {
    let s = newSyncState('a', 'dev-a');
    const d1 = diary('d1', T0, 3);
    const t1 = botox('t1', T0) as SyncRecord;
    let r = stageLocalChanges(s, [d1, t1], T0, ['diary']);
    expect(r.staged).toBe(1); // treatments not chosen
    expect(r.state.outbox.map((c) => [c.id, c.category, c.kind])).toEqual([['d_d1', 'diary', 'diary']]);
    s = r.state;
    r = stageLocalChanges(s, [d1, t1], T0 + 1, ['diary']);
    expect(r.staged).toBe(0); // unchanged: nothing new
    r = stageLocalChanges(s, [{ ...d1, note: 'evening worse' }, t1], T0 + 2, ['diary']);
    expect(r.staged).toBe(1);
    expect(r.state.outbox).toHaveLength(1); // the unsent older version is replaced
    expect(r.state.outbox[0]!.updatedAt > s.outbox[0]!.updatedAt).toBe(true);
    s = { ...r.state, outbox: [] }; // as if sent
    r = stageLocalChanges(s, [t1], T0 + 3, ['diary']);
    expect(r.state.outbox).toEqual([expect.objectContaining({ id: 'd_d1', deleted: true, payload: { type: 'diary', id: 'd1' } })]);
    expect(r.state.known['d_d1']!.deleted).toBe(true);
    expect(stageLocalChanges(r.state, [t1], T0 + 4, ['diary']).staged).toBe(0); // a tombstone is sent once
  });

  it('applies only versions that beat the known one, and refuses unreadable payloads', () => {
    const s = stageLocalChanges(newSyncState('a', 'dev-a'), [diary('d1', T0, 3)], T0, ['diary']).state;
    const mine = s.known['d_d1']!;
    const older = { seq: 1, id: 'd_d1', kind: 'diary', category: 'diary' as const, updatedAt: formatHlc({ ms: T0 - 1000, counter: 0 }), deviceId: 'dev-b', version: 2, deleted: false, payload: diary('d1', T0, 9) as unknown as Record<string, unknown> };
    const newer = { ...older, seq: 2, updatedAt: formatHlc({ ms: T0 + 1000, counter: 0 }), payload: diary('d1', T0, 5) as unknown as Record<string, unknown> };
    const hostile = { ...older, seq: 3, id: 'd_d2', updatedAt: formatHlc({ ms: T0 + 2000, counter: 0 }), payload: { ...diary('d2', T0, 1), note: '<script>x</script>' } as unknown as Record<string, unknown> };
    const r = applyPulled(s, [older, newer, hostile], T0);
    expect(r.ops).toEqual([{ op: 'put', record: expect.objectContaining({ id: 'd1', pain: expect.objectContaining({ neck: 5 }) }), expectHash: mine.hash }]);
    expect(r.refused.map((x) => x.id)).toEqual(['d_d2']);
    expect(r.state.known['d_d1']!.updatedAt > mine.updatedAt).toBe(true);
    expect(r.state.clock! > hostile.updatedAt).toBe(true); // the clock moved past everything seen
    // The version this device wrote comes back from the server: nothing to do.
    const echo = applyPulled(s, [{ ...older, updatedAt: mine.updatedAt, deviceId: 'dev-a', payload: diary('d1', T0, 3) as unknown as Record<string, unknown> }], T0);
    expect(echo.ops).toEqual([]);
  });
});

describe('syncOnce against the in-memory fake of the wire protocol', () => {
  it('two devices: offline edits on both, both sync, no loss, no duplicates, same result everywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ dev: fc.integer({ min: 0, max: 1 }), rec: fc.integer({ min: 0, max: 4 }), neck: fc.integer({ min: 0, max: 10 }), del: fc.boolean(), sync: fc.boolean() }),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          const server = new FakeSyncServer();
          const devs = [new Device('dev-a'), new Device('dev-b')];
          let now = T0;
          const clock = () => now;
          const versionsWritten = new Set<string>();
          for (const s of steps) {
            now += 1000;
            const d = devs[s.dev]!;
            const key = `diary/r${s.rec}`;
            if (s.del && d.records.has(key)) d.records.delete(key);
            else d.put(diary(`r${s.rec}`, T0 + s.rec * DAY, s.neck, `from ${d.deviceId}`));
            if (s.sync) await syncOnce(server.transport(), d, { now: clock });
            for (const c of d.state.outbox) versionsWritten.add(`${c.id}|${c.updatedAt}|${c.deviceId}`);
            for (const c of server.log) versionsWritten.add(`${c.id}|${c.updatedAt}|${c.deviceId}`);
          }
          // Both come online: sync both, then the first again (it may have missed the second's push).
          for (const d of [devs[0]!, devs[1]!, devs[0]!]) {
            now += 1000;
            await syncOnce(server.transport(), d, { now: clock });
          }
          expect(devs[0]!.snapshot()).toEqual(devs[1]!.snapshot());
          expect(devs[0]!.snapshot()).toEqual(server.livePayloads().map((p) => canonicalJson(p)).sort());
          // No duplicates: every (id, stamp, device) once in the log; every staged version reached it.
          const keys = server.log.map((c) => `${c.id}|${c.updatedAt}|${c.deviceId}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const v of versionsWritten) expect(keys).toContain(v);
          expect(devs.every((d) => d.state.outbox.length === 0)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an edit typed while a sync runs is not overwritten by the pull; it goes at the next sync and wins everywhere', async () => {
    const server = new FakeSyncServer();
    const a = new Device('dev-a');
    const b = new Device('dev-b');
    a.put(diary('r', T0, 1, 'v0'));
    await syncOnce(server.transport(), a);
    await syncOnce(server.transport(), b);
    b.put(diary('r', T0, 2, 'edited on B'));
    await syncOnce(server.transport(), b);
    // A syncs; while its pull is on the way the person saves an edit of the same entry on A.
    const t = server.transport();
    const racing = { ...t, pull: async (dev: string, since: number, limit?: number) => { a.put(diary('r', T0, 3, 'typed on A during the sync')); return t.pull(dev, since, limit); } };
    await syncOnce(racing, a);
    expect((a.records.get('diary/r') as DiaryEntry).note).toBe('typed on A during the sync');
    await syncOnce(server.transport(), a);
    await syncOnce(server.transport(), b);
    expect((b.records.get('diary/r') as DiaryEntry).note).toBe('typed on A during the sync');
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(server.log.map((c) => (c.payload as { note: string }).note)).toEqual(['v0', 'edited on B', 'typed on A during the sync']);
    expect(stillAsStaged(undefined, null)).toBe(true);
    expect(stillAsStaged(diary('x', T0, 1), '')).toBe(false); // deleted here, then re-created: keep it
  });

  it('retries after a lost answer store nothing twice', async () => {
    const server = new FakeSyncServer();
    const d = new Device('dev-a');
    d.put(diary('a', T0, 2));
    d.put(diary('b', T0 + DAY, 4));
    server.dropAnswers = 1;
    await expect(syncOnce(server.transport(), d)).rejects.toBeInstanceOf(ClinicError);
    expect(server.log).toHaveLength(2); // the server stored them…
    expect(d.state.outbox).toHaveLength(2); // …but the device did not hear back, so they stay queued
    const r = await syncOnce(server.transport(), d);
    expect(r.duplicate).toBe(2);
    expect(server.log).toHaveLength(2);
    expect(d.state.outbox).toHaveLength(0);
  });

  it('offline: edits stay queued and the local records intact; they go when the server is back', async () => {
    const server = new FakeSyncServer();
    const d = new Device('dev-a');
    d.put(diary('a', T0, 2));
    server.down = true;
    const err = await syncOnce(server.transport(), d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClinicError);
    expect((err as ClinicError).code).toBe('unreachable');
    expect((err as ClinicError).transient).toBe(true);
    expect(d.records.size).toBe(1);
    expect(d.state.outbox.map((c) => c.id)).toEqual(['d_a']);
    d.put(diary('b', T0, 3)); // more offline edits
    server.down = false;
    const r = await syncOnce(server.transport(), d);
    expect(r.pushed).toBe(2);
    expect(server.livePayloads()).toHaveLength(2);
  });

  it('a new device pulls everything in pages, acknowledges its cursor, and installs the newest program', async () => {
    const server = new FakeSyncServer();
    const a = new Device('dev-a');
    for (let i = 0; i < 23; i++) a.put(diary(`e${i}`, T0 + i * DAY, i % 11));
    a.put(botox('t1', T0));
    await syncOnce(server.transport(), a);
    server.programs.push({ id: 'p1', clinicianId: 'c', title: 'Old', document: { n: 1 }, createdAtMs: T0 }, { id: 'p2', clinicianId: 'c', title: 'New', document: { n: 2 }, createdAtMs: T0 + 5 });
    const b = new Device('dev-b');
    const r = await syncOnce(server.transport(), b, { pageSize: 5 });
    expect(r.pulled).toBe(24);
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(server.cursors.get('dev-b')).toBe(24);
    expect(b.installed).toEqual([{ n: 2 }]);
    expect(b.state.programsSinceMs).toBe(T0 + 5);
    const again = await syncOnce(server.transport(), b);
    expect(again.pulled).toBe(0);
    expect(again.programs).toBe(0);
  });
});
