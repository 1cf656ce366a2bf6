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
import { validateRecord, type GesteRecord } from '@geste/core';
import type { AssignedProgram, Category, PullPage, PushResult, WireChange } from './api.ts';
import { compareVersions, receive, tick } from './hlc.ts';

/**
 * Record types that sync, and the share category each belongs to. Reminder and patient profile stay on
 * the device. Rated scales (TWSTRS, Tsui, …) share with measurements: both are how the condition is measured.
 */
export const SYNC_TYPES = ['diary', 'treatment', 'history', 'session', 'rating'] as const;
export type SyncType = (typeof SYNC_TYPES)[number];
export const CATEGORY_OF: Readonly<Record<SyncType, Category>> = { diary: 'diary', treatment: 'treatments', history: 'history', session: 'measures', rating: 'measures' };
/** Categories a patient may choose to sync. Videos never leave the device. */
export const SYNC_CATEGORIES: readonly Category[] = ['measures', 'diary', 'treatments', 'history'];
const PREFIX: Readonly<Record<SyncType, string>> = { diary: 'd', treatment: 't', history: 'h', session: 's', rating: 'r' };
export const PUSH_BATCH = 200;

export type SyncRecord = Extract<GesteRecord, { type: SyncType }>;
export const isSyncRecord = (r: GesteRecord): r is SyncRecord => (SYNC_TYPES as readonly string[]).includes(r.type);

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

/**
 * Server record id for a local record: type letter + id ('.' → '_', which local ids never contain,
 * so the mapping is one-to-one). Ids too long for the server's 64 characters use a hash instead;
 * the payload always carries the real type and id.
 */
export function wireId(type: SyncType, id: string): string {
  const plain = `${PREFIX[type]}_${id.replaceAll('.', '_')}`;
  return plain.length <= 64 ? plain : `${PREFIX[type]}_x${contentHash(id)}`;
}

/** Canonical JSON: object keys sorted, so equal records give equal text whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** 53-bit content hash (cyrb53) of the canonical JSON, as base-36 text. For change detection, not security. */
export function contentHash(v: unknown): string {
  const s = typeof v === 'string' ? v : canonicalJson(v);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
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
    const v = validateRecord(c.payload);
    if (!v.ok || !isSyncRecord(v.value) || wireId(v.value.type, v.value.id) !== c.id) {
      refused.push({ id: c.id, reason: v.ok ? 'the record does not match its id' : `it does not match this app's record schema (${v.errors.length} problem(s))` });
      continue;
    }
    const rec = v.value;
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
