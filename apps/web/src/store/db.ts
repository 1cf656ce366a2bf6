/**
 * Local storage of measurement sessions (IndexedDB through Dexie). Only numbers by default:
 * the session record (a core `MeasurementSession`) and its per-frame angle series. A video is kept
 * only when the person asks for it, and only here, on this device.
 *
 * Sessions are written when they start and updated as they go, so a camera that stops, a closed
 * tab or a crash loses at most the last few seconds.
 */
import Dexie from 'dexie';
import type { Table } from 'dexie';
import * as core from '@geste/core';
import type { StoredZeroSegment } from '../measure/reference.ts';

export type SessionKind = 'exam' | 'biofeedback' | 'exercise' | 'trick';

/** Same shape as core's `MeasurementSession` record (schemaVersion 1). */
export interface SessionRecord {
  type: 'session';
  schemaVersion: 1;
  id: string;
  startedAtMs: number;
  endedAtMs: number | null;
  kind: SessionKind;
  neutral: 'calibrated' | 'anatomical' | null;
  measures: Record<string, number | null>;
  items: Record<string, number | null>;
  trick: { name: string; reductionPct: number | null } | null;
  note: string;
  /** The chin up/down zero stretch by stretch (exams since session 11, training, exercise and trick sessions since session 12; core MeasurementSession). */
  flexionZeroSegments?: StoredZeroSegment[] | undefined;
}

export interface SeriesChunk {
  id?: number;
  sessionId: string;
  chunk: number;
  timestampsMs: number[];
  rotationDeg: (number | null)[];
  tiltDeg: (number | null)[];
  flexionDeg: (number | null)[];
  confidence: number[];
}

export interface VideoRecord {
  sessionId: string;
  mimeType: string;
  blob: Blob;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export class GesteDb extends Dexie {
  sessions!: Table<SessionRecord, string>;
  series!: Table<SeriesChunk, number>;
  videos!: Table<VideoRecord, string>;
  settings!: Table<SettingRecord, string>;

  constructor(name = 'geste-measure') {
    super(name);
    this.version(1).stores({
      sessions: 'id, startedAtMs, kind',
      series: '++id, sessionId, [sessionId+chunk]',
      videos: 'sessionId',
      settings: 'key',
    });
  }
}

export type StoreErrorCode = 'invalid-session' | 'storage-failed';
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface SafeParser {
  safeParse(v: unknown): { success: boolean; error?: { message: string } };
}
const sessionSchema = (core as unknown as { MeasurementSession?: SafeParser }).MeasurementSession;

/** Validates with core's MeasurementSession schema (when core exports it) and a few local checks. */
export function validateSession(s: SessionRecord): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/.test(s.id)) throw new StoreError('invalid-session', `session id "${s.id}" has characters other than letters, digits, '.' and '-'`);
  for (const [k, v] of Object.entries({ ...s.measures, ...s.items })) {
    if (v !== null && !Number.isFinite(v)) throw new StoreError('invalid-session', `measure "${k}" is ${v}; expected a finite number or null`);
  }
  if (sessionSchema) {
    const r = sessionSchema.safeParse(s);
    if (!r.success) throw new StoreError('invalid-session', `session ${s.id} does not match the record schema: ${r.error?.message ?? ''}`);
  }
}

export function newSessionId(kind: SessionKind, nowMs: number): string {
  const rand = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${kind}-${nowMs.toString(36)}-${rand}`;
}

let shared: GesteDb | null = null;
export function db(): GesteDb {
  shared ??= new GesteDb();
  return shared;
}

export async function saveSession(s: SessionRecord, d: GesteDb = db()): Promise<void> {
  validateSession(s);
  try {
    await d.sessions.put(s);
  } catch (e) {
    throw new StoreError('storage-failed', `Could not save session ${s.id} (${String(e)}).`);
  }
}

export async function listSessions(kind?: SessionKind, d: GesteDb = db()): Promise<SessionRecord[]> {
  const all = await d.sessions.orderBy('startedAtMs').toArray();
  return kind ? all.filter((s) => s.kind === kind) : all;
}

export async function getSetting<T>(key: string, d: GesteDb = db()): Promise<T | undefined> {
  return (await d.settings.get(key))?.value as T | undefined;
}
export async function putSetting(key: string, value: unknown, d: GesteDb = db()): Promise<void> {
  await d.settings.put({ key, value });
}

/** Appends measured frames to a session's series in chunks (call every few seconds and at the end). */
export class SeriesWriter {
  private chunk = 0;
  private buf: Omit<SeriesChunk, 'sessionId' | 'chunk' | 'id'> = SeriesWriter.empty();
  constructor(
    private readonly sessionId: string,
    private readonly d: GesteDb = db(),
  ) {}
  private static empty(): Omit<SeriesChunk, 'sessionId' | 'chunk' | 'id'> {
    return { timestampsMs: [], rotationDeg: [], tiltDeg: [], flexionDeg: [], confidence: [] };
  }
  push(m: { timestampMs: number; rotationDeg: number | null; tiltDeg: number | null; flexionDeg: number | null; confidence: number }): void {
    this.buf.timestampsMs.push(m.timestampMs);
    this.buf.rotationDeg.push(m.rotationDeg);
    this.buf.tiltDeg.push(m.tiltDeg);
    this.buf.flexionDeg.push(m.flexionDeg);
    this.buf.confidence.push(m.confidence);
  }
  async flush(): Promise<void> {
    if (this.buf.timestampsMs.length === 0) return;
    const data = this.buf;
    this.buf = SeriesWriter.empty();
    await this.d.series.add({ sessionId: this.sessionId, chunk: this.chunk++, ...data });
  }
}

export async function loadSeries(sessionId: string, d: GesteDb = db()): Promise<SeriesChunk[]> {
  return d.series.where('sessionId').equals(sessionId).sortBy('chunk');
}
