import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DiaryEntry, Program } from '@geste/core';
import { listRecords, saveRecord } from '../records/db.ts';
import { getSetting, listSessions, putSetting, saveSession, type SessionRecord } from '../store/db.ts';
import { FakeSyncServer } from '../../test/clinic/fakeServer.ts';
import { deviceId, deviceSyncStore, installAssignedProgram, loadSyncState, OWN_PROGRAM_KEY, PROGRAM_KEY } from './store.ts';
import { syncOnce, wireId } from './sync.ts';

const T0 = Date.UTC(2026, 9, 1, 9);
const diary = (id: string, neck: number, note = ''): DiaryEntry => ({
  type: 'diary', schemaVersion: 2, id, atMs: T0, period: 'day', pain: { neck, shoulders: null, head: null },
  symptoms: { pulling: null, spasms: null, jerks: null, tremor: null },
  impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null }, stress: null, mood: null, note,
});
const session: SessionRecord = {
  type: 'session', schemaVersion: 1, id: 'exam-1', startedAtMs: T0, endedAtMs: T0 + 60_000, kind: 'exam', neutral: 'calibrated',
  measures: { maxRotationDeg: 42 }, items: { rotation: 1 }, trick: null, note: '',
};

describe('the device sync store over the app databases (IndexedDB)', () => {
  it('reads records and sessions, applies remote puts and deletions to the right store, keeps a device id', async () => {
    await saveRecord(diary('mine', 3));
    await saveSession(session);
    await putSetting('unrelated', 1); // settings do not sync
    const store = deviceSyncStore('acct-1');
    expect((await store.listLocal()).map((r) => `${r.type}/${r.id}`).sort()).toEqual(['diary/mine', 'session/exam-1']);

    const server = new FakeSyncServer();
    const other = { kind: 'diary', category: 'diary' as const, deviceId: 'dev-other', version: 2 };
    server.push([{ ...other, id: wireId('diary', 'theirs'), updatedAt: '2026-10-01T09:00:00.000Z-0000', payload: diary('theirs', 7, 'from the phone') as unknown as Record<string, unknown> }]);
    const r1 = await syncOnce(server.transport(), store);
    expect(r1.pushed).toBe(2);
    expect((await listRecords('diary')).map((d) => d.id).sort()).toEqual(['mine', 'theirs']);

    // Another device deletes "mine" and the session.
    const far = '2100-01-01T00:00:00.000Z-0000';
    server.push([
      { ...other, id: wireId('diary', 'mine'), updatedAt: far, deleted: true, payload: { type: 'diary', id: 'mine' } },
      { ...other, kind: 'session', category: 'measures', id: wireId('session', 'exam-1'), updatedAt: far, deleted: true, payload: { type: 'session', id: 'exam-1' } },
    ]);
    await syncOnce(server.transport(), store);
    expect((await listRecords('diary')).map((d) => d.id)).toEqual(['theirs']);
    expect(await listSessions()).toEqual([]);

    const id = await deviceId();
    expect(await deviceId()).toBe(id);
    expect((await loadSyncState('acct-1')).deviceId).toBe(id);
    const other2 = await loadSyncState('acct-2'); // another account starts afresh on the same device
    expect(other2).toMatchObject({ accountId: 'acct-2', deviceId: id, cursor: 0, known: {}, outbox: [] });
  });

  it("installs a clinician's program, keeping the person's own; refuses one it cannot run", async () => {
    const own: Program = { id: 'my-program', name: 'Mine', author: 'person', items: [{ exerciseId: 'slow-breathing', sets: 1 }], schedule: { weekdays: [1], sessionsPerDay: 1, startDate: '2026-10-01' }, reminderTimes: [] };
    await putSetting(PROGRAM_KEY, own);
    const doc = { id: 'clinic-1', name: 'From the clinic', author: 'person', items: [{ exerciseId: 'side-bend-stretch', sets: 2 }], schedule: { weekdays: [1, 3], sessionsPerDay: 1, startDate: '2026-10-02' }, reminderTimes: [] };
    expect(await installAssignedProgram({ id: 'p1', clinicianId: 'c', title: 'x', document: doc, createdAtMs: T0 })).toBe(true);
    expect(await getSetting<Program>(PROGRAM_KEY)).toMatchObject({ name: 'From the clinic', author: 'clinician' });
    expect(await getSetting<Program>(OWN_PROGRAM_KEY)).toEqual(own);
    const bad = { ...doc, items: [{ exerciseId: 'no-such-exercise', sets: 1 }] };
    expect(await installAssignedProgram({ id: 'p2', clinicianId: 'c', title: 'y', document: bad, createdAtMs: T0 + 1 })).toBe(false);
    expect(await getSetting<Program>(PROGRAM_KEY)).toMatchObject({ name: 'From the clinic' });
  });
});
