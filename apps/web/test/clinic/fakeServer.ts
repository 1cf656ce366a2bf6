/**
 * In-memory fake of the sync wire protocol (docs/sync.md), for unit tests of the engine: an
 * append-only log deduplicated by (id, stamp, device), last-writer-wins current values, per-device
 * cursors, pages, programs. The same rules as apps/server/src/sync/sync.ts, with none of its storage;
 * the int test runs the engine against the real server too. `dropAnswers` stores a push and then
 * fails as if the answer was lost; `down` fails every call as an unreachable server.
 */
import { ClinicError, CLINIC_ERROR_WORDS, type AssignedProgram, type PulledChange, type PullPage, type PushResult, type WireChange } from '../../src/clinic/api.ts';
import { compareVersions, normalize } from '@geste/contract';
import { validateRecord, type GesteRecord } from '@geste/core';
import { canonicalJson, newSyncState, stillAsStaged, type LocalOp, type SyncRecord, type SyncState, type SyncStore, type SyncTransport } from '../../src/clinic/sync.ts';

export class FakeSyncServer {
  readonly log: PulledChange[] = [];
  readonly current = new Map<string, PulledChange>();
  readonly cursors = new Map<string, number>();
  readonly programs: AssignedProgram[] = [];
  dropAnswers = 0;
  down = false;
  calls = 0;

  private check(): void {
    this.calls++;
    if (this.down) throw new ClinicError('unreachable', CLINIC_ERROR_WORDS.unreachable);
  }

  transport(): SyncTransport {
    return {
      push: async (changes) => this.push(changes),
      pull: async (deviceId, since, limit) => this.pull(deviceId, since, limit ?? 500),
      ack: async (deviceId, cursor) => this.ack(deviceId, cursor),
      programs: async (sinceMs) => {
        this.check();
        return this.programs.filter((p) => p.createdAtMs > sinceMs);
      },
    };
  }

  push(changes: readonly WireChange[]): PushResult[] {
    this.check();
    const out: PushResult[] = changes.map((c) => {
      const updatedAt = normalize(c.updatedAt);
      const dup = this.log.some((l) => l.id === c.id && l.updatedAt === updatedAt && l.deviceId === c.deviceId);
      if (dup) return { id: c.id, updatedAt, deviceId: c.deviceId, status: 'duplicate' };
      // Stored as JSON text, like the server: the payload the client keeps is not shared.
      const entry: PulledChange = { ...(JSON.parse(JSON.stringify(c)) as WireChange), updatedAt, deleted: c.deleted ?? false, seq: this.log.length + 1 };
      this.log.push(entry);
      const cur = this.current.get(c.id);
      if (!cur || compareVersions(entry, cur) > 0) {
        this.current.set(c.id, entry);
        return { id: c.id, updatedAt, deviceId: c.deviceId, status: 'applied' };
      }
      return { id: c.id, updatedAt, deviceId: c.deviceId, status: 'stale' };
    });
    if (this.dropAnswers > 0) {
      this.dropAnswers--;
      throw new ClinicError('unreachable', CLINIC_ERROR_WORDS.unreachable);
    }
    return out;
  }

  pull(deviceId: string, since: number | undefined, limit: number): PullPage {
    this.check();
    const from = since ?? this.cursors.get(deviceId) ?? 0;
    const rows = this.log.filter((l) => l.seq > from);
    const page = rows.slice(0, limit).map((l) => JSON.parse(JSON.stringify(l)) as PulledChange);
    return { changes: page, cursor: page.length > 0 ? (page[page.length - 1] as PulledChange).seq : from, hasMore: rows.length > limit };
  }

  ack(deviceId: string, cursor: number): number {
    this.check();
    const c = Math.max(this.cursors.get(deviceId) ?? 0, cursor);
    this.cursors.set(deviceId, c);
    return c;
  }

  /** Current, non-deleted payloads (what a share or a new device would see). */
  livePayloads(): unknown[] {
    return [...this.current.values()].filter((c) => !c.deleted).map((c) => c.payload);
  }
}

/** One device for tests: records in a Map, sync state in memory, installed programs listed. */
export class MemoryDevice implements SyncStore {
  records = new Map<string, SyncRecord>();
  state: SyncState;
  /** How many times the engine saved its state. */
  saved = 0;
  installed: unknown[] = [];
  constructor(readonly deviceId: string, accountId = 'acct-1') {
    this.state = newSyncState(accountId, deviceId);
  }
  put(r: GesteRecord): void {
    const v = validateRecord(r);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    this.records.set(`${r.type}/${r.id}`, v.value as SyncRecord);
  }
  async loadState() { return this.state; }
  async saveState(s: SyncState) { this.state = s; this.saved++; }
  async listLocal() { return [...this.records.values()]; }
  async apply(ops: readonly LocalOp[]) {
    for (const o of ops) {
      const key = o.op === 'put' ? `${o.record.type}/${o.record.id}` : `${o.type}/${o.id}`;
      if (!stillAsStaged(this.records.get(key), o.expectHash)) continue;
      if (o.op === 'put') this.records.set(key, o.record);
      else this.records.delete(key);
    }
  }
  async installProgram(p: { document: unknown }) {
    this.installed.push(p.document);
    return true;
  }
  snapshot(): string[] {
    return [...this.records.values()].map((r) => canonicalJson(r)).sort();
  }
}
