/**
 * Sync timing against the real server process (PGlite in a temp folder), one patient, two devices:
 *   node --import tsx apps/web/test/clinic/syncBench.ts [records=2000]
 * Prints: first push of N diary entries from device A, first full pull on device B, an idle sync
 * (nothing changed), and a sync after 10 edits. Numbers depend on the machine's load; not a test.
 */
import type { DiaryEntry } from '@geste/core';
import { ClinicApi } from '../../src/clinic/api.ts';
import { newSyncState, syncOnce, type LocalOp, type SyncRecord, type SyncState, type SyncStore } from '../../src/clinic/sync.ts';
import { startClinicServer } from './testServer.ts';

const N = Number(process.argv[2] ?? 2000);
const T0 = Date.UTC(2020, 0, 1, 12);
const diary = (i: number, neck: number): DiaryEntry => ({
  type: 'diary', schemaVersion: 2, id: `e${i}`, atMs: T0 + i * 86_400_000, period: 'day', pain: { neck, shoulders: null, head: null },
  symptoms: { pulling: 2, spasms: null, jerks: null, tremor: 1 }, impact: { work: 1, driving: null, reading: null, screens: 2, sleep: null, social: null },
  stress: 3, mood: 6, note: 'a short note about the day',
});
class Mem implements SyncStore {
  records = new Map<string, SyncRecord>();
  constructor(public state: SyncState) {}
  async loadState() { return this.state; }
  async saveState(s: SyncState) { this.state = s; }
  async listLocal() { return [...this.records.values()]; }
  async apply(ops: readonly LocalOp[]) {
    for (const o of ops) if (o.op === 'put') this.records.set(o.record.id, o.record); else this.records.delete(o.id);
  }
}

const srv = await startClinicServer();
try {
  const api = new ClinicApi({ baseUrl: srv.url, isOnline: () => true, timeoutMs: 120_000 });
  const s = await api.register(`bench.${Date.now()}@example.org`, 'correct horse battery staple', 'patient', 'Bench');
  const a = new Mem(newSyncState(s.accountId, 'dev-a'));
  const b = new Mem(newSyncState(s.accountId, 'dev-b'));
  for (let i = 0; i < N; i++) a.records.set(`e${i}`, diary(i, i % 11));
  const time = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    const r = await f();
    console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms`, JSON.stringify(r));
  };
  await time(`A first sync, push ${N}`, () => syncOnce(api, a).then((r) => ({ pushed: r.pushed, applied: r.applied })));
  await time(`B first sync, pull ${N}`, () => syncOnce(api, b).then((r) => ({ pulled: r.pulled, updatedHere: r.updatedHere })));
  await time('B idle sync', () => syncOnce(api, b).then((r) => ({ pushed: r.pushed, pulled: r.pulled })));
  for (let i = 0; i < 10; i++) a.records.set(`e${i}`, diary(i, 10 - (i % 11)));
  await time('A sync after 10 edits', () => syncOnce(api, a).then((r) => ({ pushed: r.pushed, pulled: r.pulled })));
  await time('B sync receiving them', () => syncOnce(api, b).then((r) => ({ pulled: r.pulled, updatedHere: r.updatedHere })));
} finally {
  await srv.stop();
}
