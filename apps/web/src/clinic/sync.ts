/**
 * The app's sync engine (docs/sync.md, "Client"). The device keeps, per record, the version it
 * last saw or wrote (`known`: HLC stamp, device, content hash). Syncing is four steps:
 *  1. stage — compare this device's records with `known`; every new or changed record (and every
 *     known record that is gone: a tombstone) gets a fresh HLC stamp and goes to the `outbox`.
 *     The outbox is saved before anything is sent: offline edits wait there.
 *  2. push — send the outbox in batches; a batch leaves the outbox only after the server answered.
 *     A retry after a lost answer resends the same (id, stamp, device): the server answers
 *     `duplicate` and stores nothing twice.
 *  3. pull — read the account's change log after this device's cursor, apply each version that
 *     beats the known one (last writer wins by stamp, then device id — the server's rule), save the
 *     cursor, then acknowledge it to the server.
 *  4. programs — home-exercise programs assigned by a clinician since the last one seen.
 * Steps 1 and 3's decisions are pure functions (`stageLocalChanges`, `applyPulled`); `syncOnce`
 * drives them through two small interfaces, so tests run it against an in-memory fake of the wire
 * protocol and against the real server alike.
 */
import {
  CATEGORY_OF,
  checkChangePayload,
  compareVersions,
  contentHash,
  receive,
  SYNC_TYPES,
  tick,
  tryParseHlc,
  wireId,
  type SyncRecord,
  type SyncType,
} from '@geste/contract';
import type { AssignedProgram, Category, PullPage, PushResult, WireChange } from './api.ts';

// The record ↔ wire mapping and the clock live in @geste/contract, shared with the server.
export { CATEGORY_OF, canonicalJson, contentHash, isSyncRecord, SYNC_TYPES, wireId, type SyncRecord, type SyncType } from '@geste/contract';

/** Categories a patient may choose to sync. Videos never leave the device. */
export const SYNC_CATEGORIES: readonly Category[] = ['measures', 'diary', 'treatments', 'history'];
export const PUSH_BATCH = 200;

export interface KnownVersion {
  readonly updatedAt: string;
  readonly deviceId: string;
  readonly hash: string;
  readonly deleted: boolean;
  readonly type: SyncType;
  readonly localId: string;
}

export interface SyncState {
  readonly accountId: string;
  readonly deviceId: string;
  /** Last HLC stamp this device issued or saw (null before the first). */
  readonly clock: string | null;
  /** Server change-log sequence number this device has applied up to. */
  readonly cursor: number;
  readonly known: Readonly<Record<string, KnownVersion>>;
  readonly outbox: readonly WireChange[];
  /** createdAtMs of the newest assigned program already installed. */
  readonly programsSinceMs: number;
  readonly lastSyncAtMs: number | null;
}

export function newSyncState(accountId: string, deviceId: string): SyncState {
  return { accountId, deviceId, clock: null, cursor: 0, known: {}, outbox: [], programsSinceMs: 0, lastSyncAtMs: null };
}

/** A device id the server accepts (`^[A-Za-z0-9_-]{1,64}$`), random. */
export function newDeviceId(random: () => number = Math.random): string {
  let s = 'dev-';
  for (let i = 0; i < 16; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return s;
}

const sameVersion = (a: { id: string; updatedAt: string; deviceId: string }, b: { id: string; updatedAt: string; deviceId: string }): boolean =>
  a.id === b.id && a.updatedAt === b.updatedAt && a.deviceId === b.deviceId;

/**
 * Step 1 (pure): new or changed local records, and known records now missing (tombstones), get a
 * stamp and join the outbox. An older unsent version of the same record is replaced (it never
 * reached anyone). Only records whose category is in `categories` are staged; deletions of
 * records that were synced are always staged.
 */
export function stageLocalChanges(state: SyncState, local: readonly SyncRecord[], nowMs: number, categories: readonly Category[]): { state: SyncState; staged: number } {
  let clock = state.clock;
  const known: Record<string, KnownVersion> = { ...state.known };
  const fresh = new Map<string, WireChange>();
  const present = new Set<string>();
  for (const rec of local) {
    const id = wireId(rec.type, rec.id);
    present.add(id);
    if (!categories.includes(CATEGORY_OF[rec.type])) continue;
    const hash = contentHash(rec);
    const k = known[id];
    if (k && !k.deleted && k.hash === hash) continue;
    clock = tick(clock, nowMs);
    fresh.set(id, { id, kind: rec.type, category: CATEGORY_OF[rec.type], updatedAt: clock, deviceId: state.deviceId, version: rec.schemaVersion, payload: rec as unknown as Record<string, unknown> });
    known[id] = { updatedAt: clock, deviceId: state.deviceId, hash, deleted: false, type: rec.type, localId: rec.id };
  }
  for (const [id, k] of Object.entries(known)) {
    if (k.deleted || present.has(id)) continue;
    clock = tick(clock, nowMs);
    fresh.set(id, { id, kind: k.type, category: CATEGORY_OF[k.type], updatedAt: clock, deviceId: state.deviceId, version: 1, deleted: true, payload: { type: k.type, id: k.localId } });
    known[id] = { ...k, updatedAt: clock, deviceId: state.deviceId, hash: '', deleted: true };
  }
  const outbox = [...state.outbox.filter((c) => !fresh.has(c.id)), ...fresh.values()];
  return { state: { ...state, clock, known, outbox }, staged: fresh.size };
}

/**
 * A change to make on the device. `expectHash` is the content hash the device's copy had when this
 * sync staged it (null = the device had no synced copy, '' = it deleted its copy): a store applies the
 * op only while its copy still has that hash (`stillAsStaged`), so an edit typed during the sync is not overwritten — it is
 * staged at the next sync with a later stamp and wins.
 */
export type LocalOp =
  | { readonly op: 'put'; readonly record: SyncRecord; readonly expectHash: string | null }
  | { readonly op: 'delete'; readonly type: SyncType; readonly id: string; readonly expectHash: string | null };

/** Whether the device's current copy (undefined = none) is still the one the sync staged. */
export function stillAsStaged(current: SyncRecord | undefined, expectHash: string | null): boolean {
  if (expectHash === null) return true; // never synced from here: nothing of ours to protect
  if (expectHash === '') return current === undefined; // deleted here and synced: still deleted?
  return current !== undefined && contentHash(current) === expectHash;
}

export interface ApplyResult {
  readonly state: SyncState;
  /** At most one operation per record: the final outcome of the page. */
  readonly ops: LocalOp[];
  /** Versions whose payload this app version cannot read (kept on the server, skipped here). */
  readonly refused: Array<{ id: string; reason: string }>;
}

/**
 * Step 3 (pure): merges a pulled page into the device. A version is applied when it beats the known
 * one by (stamp, device id); versions this device wrote itself, or older ones, change nothing.
 */
export function applyPulled(state: SyncState, page: PullPage['changes'], nowMs: number): ApplyResult {
  let clock = state.clock;
  const known: Record<string, KnownVersion> = { ...state.known };
  const ops = new Map<string, LocalOp>();
  const refused: ApplyResult['refused'] = [];
  for (const c of page) {
    // A stamp that is not a real time (stored before the server refused them) is skipped, never
    // applied, and moves no clock; `receive` also ignores stamps too far ahead of this device's clock.
    if (tryParseHlc(c.updatedAt) === null) {
      refused.push({ id: c.id, reason: `its time stamp "${c.updatedAt.slice(0, 40)}" is not a real time` });
      continue;
    }
    clock = receive(clock, c.updatedAt, nowMs);
    const before = state.known[c.id];
    const expectHash = before === undefined ? null : before.deleted ? '' : before.hash;
    const k = known[c.id];
    if (k && compareVersions(c, k) <= 0) continue;
    if (c.deleted) {
      const p = c.payload as { type?: unknown; id?: unknown };
      const type = (k?.type ?? p.type) as SyncType;
      const localId = k?.localId ?? (typeof p.id === 'string' ? p.id : undefined);
      if (!(SYNC_TYPES as readonly string[]).includes(type) || localId === undefined) {
        refused.push({ id: c.id, reason: 'a deletion of a record this device cannot identify' });
        continue;
      }
      known[c.id] = { updatedAt: c.updatedAt, deviceId: c.deviceId, hash: '', deleted: true, type, localId };
      ops.set(c.id, { op: 'delete', type, id: localId, expectHash });
      continue;
    }
    // The same check the server applies before it stores a pushed version (@geste/contract).
    const v = checkChangePayload({ ...c, kind: c.kind, deleted: false });
    if (!v.ok || v.record === null) {
      refused.push({ id: c.id, reason: v.ok ? `"${c.kind}" is not a record type this app keeps` : v.reason });
      continue;
    }
    const rec = v.record;
    known[c.id] = { updatedAt: c.updatedAt, deviceId: c.deviceId, hash: contentHash(rec), deleted: false, type: rec.type, localId: rec.id };
    ops.set(c.id, { op: 'put', record: rec, expectHash });
  }
  return { state: { ...state, clock, known }, ops: [...ops.values()], refused };
}

// ------------------------------------------------------------------ the driver

/** The wire protocol, as the client uses it (ClinicApi implements it; tests use a fake). */
export interface SyncTransport {
  push(changes: readonly WireChange[]): Promise<PushResult[]>;
  pull(deviceId: string, since: number, limit?: number): Promise<PullPage>;
  ack(deviceId: string, cursor: number): Promise<number>;
  programs(sinceMs: number): Promise<AssignedProgram[]>;
}

/** This device's storage, as the engine uses it. */
export interface SyncStore {
  loadState(): Promise<SyncState>;
  saveState(s: SyncState): Promise<void>;
  listLocal(): Promise<SyncRecord[]>;
  apply(ops: readonly LocalOp[]): Promise<void>;
  /** Installs a program a clinician assigned (the newest one). */
  installProgram?(p: AssignedProgram): Promise<boolean>;
}

export interface SyncReport {
  readonly staged: number;
  readonly pushed: number;
  readonly applied: number;
  readonly stale: number;
  readonly duplicate: number;
  readonly pulled: number;
  readonly updatedHere: number;
  readonly deletedHere: number;
  readonly refused: number;
  readonly programs: number;
  readonly cursor: number;
}

export interface SyncOptions {
  readonly now?: () => number;
  readonly categories?: readonly Category[];
  readonly pageSize?: number;
}

export async function syncOnce(transport: SyncTransport, store: SyncStore, opts: SyncOptions = {}): Promise<SyncReport> {
  const now = opts.now ?? Date.now;
  let state = await store.loadState();
  // 1. stage, and keep the queue before sending anything.
  const local = await store.listLocal();
  const st = stageLocalChanges(state, local, now(), opts.categories ?? SYNC_CATEGORIES);
  state = st.state;
  await store.saveState(state);

  // 2. push in batches; a batch leaves the outbox only once the server has answered.
  let pushed = 0;
  const count = { applied: 0, stale: 0, duplicate: 0 };
  while (state.outbox.length > 0) {
    const batch = state.outbox.slice(0, PUSH_BATCH);
    const results = await transport.push(batch);
    for (const r of results) count[r.status]++;
    pushed += batch.length;
    state = { ...state, outbox: state.outbox.filter((c) => !batch.some((b) => sameVersion(b, c))) };
    await store.saveState(state);
  }

  // 3. pull after the cursor, apply, save, acknowledge.
  let pulled = 0;
  let updatedHere = 0;
  let deletedHere = 0;
  let refused = 0;
  for (;;) {
    const page = await transport.pull(state.deviceId, state.cursor, opts.pageSize ?? 500);
    const r = applyPulled(state, page.changes, now());
    await store.apply(r.ops);
    pulled += page.changes.length;
    updatedHere += r.ops.filter((o) => o.op === 'put').length;
    deletedHere += r.ops.filter((o) => o.op === 'delete').length;
    refused += r.refused.length;
    state = { ...r.state, cursor: Math.max(state.cursor, page.cursor) };
    await store.saveState(state);
    if (page.changes.length > 0) await transport.ack(state.deviceId, state.cursor);
    if (!page.hasMore || page.changes.length === 0) break;
  }

  // 4. programs assigned since the last one installed: the newest readable one becomes the program.
  let programs = 0;
  if (store.installProgram) {
    const list = await transport.programs(state.programsSinceMs);
    const newestFirst = [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);
    for (const p of newestFirst) {
      if (await store.installProgram(p)) {
        programs++;
        break;
      }
    }
    if (list.length > 0) state = { ...state, programsSinceMs: Math.max(state.programsSinceMs, ...list.map((p) => p.createdAtMs)) };
  }
  state = { ...state, lastSyncAtMs: now() };
  await store.saveState(state);
  return { staged: st.staged, pushed, ...count, pulled, updatedHere, deletedHere, refused, programs, cursor: state.cursor };
}
