/**
 * Changing and deleting treatment entries, for every kind a person logs, at the store level: the
 * change keeps the entry's id (one entry, new content), and a sync sends it as a new version of the
 * same record, so the clinic's log keeps the earlier version; a deletion becomes a tombstone after
 * the versions. Real IndexedDB code (Dexie on fake-indexeddb), the real sync engine, and the
 * in-memory server that follows the sync protocol's rules (test/clinic/fakeServer.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { validateRecord, type Treatment } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { FakeSyncServer } from '../../test/clinic/fakeServer.ts';
import { isSyncRecord, newSyncState, stillAsStaged, syncOnce, wireId, type LocalOp, type SyncState, type SyncStore } from '../clinic/sync.ts';
import { allRecords, deleteRecord, listRecords, RecordsDb, saveRecord } from './db.ts';
import { draftFromTreatment, emptyTreatmentDraft, treatmentFromDraft, treatmentFromEdit, type TreatmentDraft } from './treatmentForm.ts';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayToMs = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T12:00:00Z`) : null);
const START_DAY = '2026-03-02';

/** A device whose records are the real records store; sync state in memory. */
function device(db: RecordsDb): SyncStore & { state: SyncState } {
  const dev = {
    state: newSyncState('acct-1', 'dev-a'),
    async loadState() { return dev.state; },
    async saveState(s: SyncState) { dev.state = s; },
    async listLocal() { return (await allRecords(db)).filter(isSyncRecord); },
    async apply(ops: readonly LocalOp[]) {
      for (const o of ops) {
        const type = o.op === 'put' ? o.record.type : o.type;
        const id = o.op === 'put' ? o.record.id : o.id;
        const cur = (await allRecords(db)).find((r) => r.type === type && r.id === id);
        if (!stillAsStaged(cur as Parameters<typeof stillAsStaged>[0], o.expectHash)) continue;
        if (o.op === 'put') await saveRecord(o.record, db);
        else await deleteRecord(type, id, db);
      }
    },
  };
  return dev;
}

/** Each kind: the draft a person types, and the change they make later. */
const KINDS: ReadonlyArray<{ kind: TreatmentDraft['kind']; typed: Partial<TreatmentDraft>; change: Partial<TreatmentDraft>; changed: (t: Treatment) => unknown }> = [
  {
    kind: 'botulinum',
    typed: { productCode: 'incobotulinumtoxinA', muscles: [{ muscleCode: 'splenius capitis', muscle: '', side: 'right', units: '50' }, { muscleCode: 'sternocleidomastoid', muscle: '', side: 'left', units: '30' }] },
    change: { muscles: [{ muscleCode: 'splenius capitis', muscle: '', side: 'right', units: '60' }, { muscleCode: 'trapezius', muscle: '', side: 'left', units: '25' }], effectStartedDay: '2026-03-09' },
    changed: (t) => t.kind === 'botulinum' && [t.injections.map((j) => [j.muscleCode, j.side, j.units]), t.effectStartedAtMs],
  },
  { kind: 'oral', typed: { name: 'Trihexyphenidyl', amount: '2', unit: 'mg', timesPerDay: '3' }, change: { amount: '1', timesPerDay: '2' }, changed: (t) => t.kind === 'oral' && t.doses.map((d) => [d.amount, d.timesPerDay]) },
  { kind: 'therapy', typed: { modality: 'physiotherapy', durationMin: '45' }, change: { modality: 'massage', durationMin: '30' }, changed: (t) => t.kind === 'therapy' && [t.modality, t.durationMin] },
  { kind: 'dbs-setting', typed: { side: 'left', contacts: '1-', amplitude: '2,5', pulseWidthUs: '60', frequencyHz: '130' }, change: { amplitude: '3', frequencyHz: '160' }, changed: (t) => t.kind === 'dbs-setting' && [t.amplitude, t.frequencyHz, t.pulseWidthUs] },
  { kind: 'surgery', typed: { procedure: 'Selective peripheral denervation' }, change: { procedure: 'Selective peripheral denervation (left)', day: '2026-03-04' }, changed: (t) => t.kind === 'surgery' && [t.procedure, dayOf(t.atMs)] },
  { kind: 'dbs-implant', typed: { target: 'GPi', leads: 'both' }, change: { target: 'GPi (bilateral)' }, changed: (t) => t.kind === 'dbs-implant' && t.target },
];

describe('changing and deleting treatment entries keeps their history for sync', () => {
  for (const k of KINDS) {
    it(`${k.kind}: a change keeps the id and becomes a new version; a deletion becomes a tombstone after both versions`, async () => {
      const db = new RecordsDb(`tr-edit-${k.kind}`, { indexedDB: new IDBFactory(), IDBKeyRange });
      const server = new FakeSyncServer();
      const dev = device(db);
      let now = Date.parse('2026-03-02T15:00:00Z');
      const clock = () => now;

      const typed = { ...emptyTreatmentDraft(START_DAY), kind: k.kind, ...k.typed };
      const first = await saveRecord(treatmentFromDraft(typed, `${k.kind}-1`, dayToMs(START_DAY)!, dayToMs), db);
      await syncOnce(server.transport(), dev, { now: clock });

      // The person opens the entry, the form shows what was saved, they change it and save.
      const draft = draftFromTreatment(first, dayOf);
      expect(treatmentFromDraft(draft, first.id, first.kind === 'oral' ? first.startedAtMs : first.atMs, dayToMs)).toEqual(first);
      now += DAY_MS;
      const changed = await saveRecord(treatmentFromEdit({ ...draft, ...k.change }, first, dayToMs, dayOf), db);
      expect(validateRecord(changed).ok).toBe(true);
      const stored = await listRecords('treatment', db);
      expect(stored.map((r) => r.id)).toEqual([first.id]); // one entry, not a copy
      expect(k.changed(stored[0]!)).not.toEqual(k.changed(first));
      expect(stored[0]).toEqual(changed);
      await syncOnce(server.transport(), dev, { now: clock });

      const wid = wireId('treatment', first.id);
      const versions = () => server.log.filter((l) => l.id === wid);
      expect(versions().map((v) => v.payload)).toEqual([first, changed]); // the earlier version is kept
      expect(server.current.get(wid)?.payload).toEqual(changed);

      now += DAY_MS;
      await deleteRecord('treatment', first.id, db);
      await syncOnce(server.transport(), dev, { now: clock });
      expect(versions().map((v) => v.deleted)).toEqual([false, false, true]);
      expect(server.livePayloads()).toEqual([]);
      expect(await listRecords('treatment', db)).toEqual([]);
      db.close();
    });
  }

  it('a medicine keeps its later dose changes and its stop date when its start is changed', () => {
    const start = dayToMs(START_DAY)!;
    const oral = treatmentFromDraft({ ...emptyTreatmentDraft(START_DAY), kind: 'oral', name: 'Clonazepam', amount: '0,5', unit: 'mg', timesPerDay: '2' }, 'oral-2', start, dayToMs);
    if (oral.kind !== 'oral') throw new Error('not oral');
    const later = { ...oral, doses: [...oral.doses, { fromMs: start + 10 * DAY_MS, amount: 1, unit: 'mg' as const, timesPerDay: 2 }], stoppedAtMs: start + 40 * DAY_MS };
    const edited = treatmentFromEdit({ ...draftFromTreatment(later, dayOf), day: '2026-03-01', name: 'Clonazepam (Rivotril)' }, later, dayToMs, dayOf);
    expect(edited).toMatchObject({ id: 'oral-2', name: 'Clonazepam (Rivotril)', startedAtMs: dayToMs('2026-03-01'), stoppedAtMs: later.stoppedAtMs });
    expect(edited.kind === 'oral' && edited.doses.map((d) => d.amount)).toEqual([0.5, 1]);
    expect(validateRecord(edited).ok).toBe(true);
  });
});
