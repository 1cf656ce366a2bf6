/**
 * The clinic client's storage on this device (IndexedDB `geste-clinic`): the server connections
 * (patient and clinician, each with its session token), this device's id, the sync state (known
 * versions, outbox, cursor) and the chosen sync categories. Also the engine's `SyncStore` over the
 * app's own stores (records in `geste-records`, sessions in `geste-measure`), and `runSync`, the one
 * entry point that syncs (one at a time, across tabs too).
 */
import Dexie, { type Table } from 'dexie';
import { validateRecord, type Program } from '@geste/core';
import { programFromAssigned } from '@geste/contract';
import { recordsDb } from '../records/db.ts';
import { db as measureDb, getSetting, listSessions, putSetting, type SessionRecord } from '../store/db.ts';
import { ClinicApi, ClinicError, type AssignedProgram, type Category, type Role } from './api.ts';
import { isSyncRecord, newDeviceId, stillAsStaged, newSyncState, SYNC_CATEGORIES, syncOnce, type LocalOp, type SyncRecord, type SyncReport, type SyncState, type SyncStore } from './sync.ts';

export interface Connection {
  readonly serverUrl: string;
  readonly token: string;
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

interface Kv {
  key: string;
  value: unknown;
}

export class ClinicDb extends Dexie {
  kv!: Table<Kv, string>;
  constructor(name = 'geste-clinic') {
    super(name);
    this.version(1).stores({ kv: 'key' });
  }
}

let shared: ClinicDb | null = null;
export function clinicDb(): ClinicDb {
  shared ??= new ClinicDb();
  return shared;
}

async function get<T>(key: string): Promise<T | undefined> {
  return (await clinicDb().kv.get(key))?.value as T | undefined;
}
async function put(key: string, value: unknown): Promise<void> {
  await clinicDb().kv.put({ key, value });
}

export const getConnection = (role: Role): Promise<Connection | undefined> => get<Connection>(`connection:${role}`);
export async function setConnection(role: Role, c: Connection | null): Promise<void> {
  if (c === null) await clinicDb().kv.delete(`connection:${role}`);
  else await put(`connection:${role}`, c);
}
export const apiFor = (c: Connection): ClinicApi => new ClinicApi({ baseUrl: c.serverUrl, token: c.token });

export async function getSyncCategories(): Promise<Category[]> {
  return (await get<Category[]>('syncCategories')) ?? [...SYNC_CATEGORIES];
}
export async function setSyncCategories(c: readonly Category[]): Promise<void> {
  await put('syncCategories', c.filter((x) => SYNC_CATEGORIES.includes(x)));
}

/** This device's id, made once. */
export async function deviceId(): Promise<string> {
  const have = await get<string>('deviceId');
  if (have) return have;
  const id = newDeviceId();
  await put('deviceId', id);
  return id;
}

/** The saved sync state for this account (a different account starts afresh; local records stay). */
export async function loadSyncState(accountId: string): Promise<SyncState> {
  const s = await get<SyncState>('syncState');
  if (s && s.accountId === accountId) return s;
  return newSyncState(accountId, await deviceId());
}

export const PROGRAM_KEY = 'exerciseProgram';
/** The person's own program, kept when a clinician's program replaces it. */
export const OWN_PROGRAM_KEY = 'exerciseProgramOwn';

/** Installs an assigned program as the exercise program (false when it is not a program this app can run). */
export async function installAssignedProgram(p: AssignedProgram): Promise<boolean> {
  const checked = programFromAssigned(p);
  if (!checked.ok) return false;
  const prog: Program = checked.program;
  const current = await getSetting<Program>(PROGRAM_KEY);
  if (current && current.author === 'person') await putSetting(OWN_PROGRAM_KEY, current);
  await putSetting(PROGRAM_KEY, prog);
  return true;
}

/** The engine's view of this device. */
export function deviceSyncStore(accountId: string): SyncStore {
  return {
    loadState: () => loadSyncState(accountId),
    saveState: (s) => put('syncState', s),
    async listLocal() {
      const out: SyncRecord[] = [];
      const rows = await recordsDb().records.where('type').anyOf(['diary', 'treatment', 'history', 'rating']).toArray();
      for (const r of rows) {
        const v = validateRecord(r);
        if (v.ok && isSyncRecord(v.value)) out.push(v.value);
      }
      for (const s of await listSessions()) {
        const v = validateRecord(s);
        if (v.ok && isSyncRecord(v.value)) out.push(v.value);
      }
      return out;
    },
    async apply(ops: readonly LocalOp[]) {
      const rdb = recordsDb();
      for (const o of ops) {
        const type = o.op === 'put' ? o.record.type : o.type;
        const id = o.op === 'put' ? o.record.id : o.id;
        const raw: unknown = type === 'session' ? await measureDb().sessions.get(id) : await rdb.records.get([type, id]);
        const v = raw === undefined ? undefined : validateRecord(raw);
        const current = v?.ok && isSyncRecord(v.value) ? v.value : undefined;
        if (!stillAsStaged(current, o.expectHash)) continue; // edited during this sync: the edit goes next time
        if (o.op === 'put') {
          if (o.record.type === 'session') await measureDb().sessions.put(o.record as unknown as SessionRecord);
          else await rdb.records.put(o.record as unknown as Parameters<typeof rdb.records.put>[0]);
        } else if (o.type === 'session') await measureDb().sessions.delete(o.id);
        else await rdb.records.delete([o.type, o.id]);
      }
    },
    installProgram: installAssignedProgram,
  };
}

export interface SyncOutcome {
  readonly ok: boolean;
  readonly report?: SyncReport;
  readonly error?: ClinicError | Error;
  /** Changes still waiting to be sent (this device's queue). */
  readonly waiting: number;
  readonly atMs: number;
}

type Listener = (o: SyncOutcome) => void;
const listeners = new Set<Listener>();
export function onSync(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let running: Promise<SyncOutcome> | null = null;

/** Syncs the connected patient account now (one sync at a time; a second call joins the first). */
export function runSync(): Promise<SyncOutcome> {
  running ??= (async () => {
    try {
      const work = () => syncConnected();
      const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
      return locks ? await locks.request('geste-clinic-sync', work) : await work();
    } finally {
      running = null;
    }
  })();
  return running;
}

async function syncConnected(): Promise<SyncOutcome> {
  const c = await getConnection('patient');
  let out: SyncOutcome;
  if (!c) {
    out = { ok: false, error: new Error('Not connected to a clinic server.'), waiting: 0, atMs: Date.now() };
    for (const l of listeners) l(out);
    return out;
  }
  const api = apiFor(c);
  try {
    const report = await syncOnce(api, deviceSyncStore(c.accountId), { categories: await getSyncCategories() });
    out = { ok: true, report, waiting: 0, atMs: Date.now() };
  } catch (e) {
    const s = await loadSyncState(c.accountId);
    out = { ok: false, error: e instanceof Error ? e : new Error(String(e)), waiting: s.outbox.length, atMs: Date.now() };
  }
  await put('lastSync', { ok: out.ok, atMs: out.atMs, message: out.error?.message ?? null });
  for (const l of listeners) l(out);
  return out;
}

export const lastSync = (): Promise<{ ok: boolean; atMs: number; message: string | null } | undefined> => get('lastSync');

let auto = false;
/** Syncs when the app opens, when the device comes back online, and every 5 minutes while open. */
export function startAutoSync(): void {
  if (auto || typeof window === 'undefined') return;
  auto = true;
  const maybe = (): void => {
    void getConnection('patient').then((c) => (c && navigator.onLine ? runSync() : undefined)).catch(() => undefined);
  };
  window.addEventListener('online', maybe);
  setTimeout(maybe, 3000);
  setInterval(() => {
    if (document.visibilityState === 'visible') maybe();
  }, 5 * 60_000);
}
