/**
 * How the app's records travel: which record types sync, the share category of each, the wire id of
 * a record, and the one check of a pushed payload that the server and the app both apply (the app
 * stores a pulled payload only when it passes; the server stores a pushed one only when it passes),
 * so the server never keeps a version the app would refuse.
 */
import { validateRecord, type GesteRecord } from '@geste/core';
import type { Category, WireChange } from './wire.ts';

/** Record types that sync, and the share category each belongs to. Reminder and patient profile stay on the device. */
/**
 * Record types that sync, and the share category each belongs to. Reminder and patient profile stay on
 * the device. Rated scales (TWSTRS, Tsui, …) share with measurements: both are how the condition is measured.
 */
export const SYNC_TYPES = ['diary', 'treatment', 'history', 'session', 'rating'] as const;
export type SyncType = (typeof SYNC_TYPES)[number];
export const CATEGORY_OF: Readonly<Record<SyncType, Category>> = { diary: 'diary', treatment: 'treatments', history: 'history', session: 'measures', rating: 'measures' };
const PREFIX: Readonly<Record<SyncType, string>> = { diary: 'd', treatment: 't', history: 'h', session: 's', rating: 'r' };

export type SyncRecord = Extract<GesteRecord, { type: SyncType }>;
export const isSyncType = (t: unknown): t is SyncType => typeof t === 'string' && (SYNC_TYPES as readonly string[]).includes(t);
export const isSyncRecord = (r: GesteRecord): r is SyncRecord => isSyncType(r.type);

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

/**
 * Wire id for a local record: type letter + id ('.' → '_', which local ids never contain, so the
 * mapping is one-to-one). Ids too long for 64 characters use a hash instead; the payload always
 * carries the real type and id.
 */
export function wireId(type: SyncType, id: string): string {
  const plain = `${PREFIX[type]}_${id.replaceAll('.', '_')}`;
  return plain.length <= 64 ? plain : `${PREFIX[type]}_x${contentHash(id)}`;
}

export type PayloadCheck = { readonly ok: true; readonly record: SyncRecord | null } | { readonly ok: false; readonly reason: string };

/**
 * The check of one change of an app record kind (`diary`, `treatment`, `history`, `session`):
 * its category is the kind's, a tombstone names its type and id, and a record passes core's
 * `validateRecord` with the same type and a matching wire id. Other kinds are not the app's and are
 * not interpreted (`record: null`).
 */
export function checkChangePayload(c: Pick<WireChange, 'id' | 'kind' | 'category' | 'deleted'> & { readonly payload: unknown }): PayloadCheck {
  if (!isSyncType(c.kind)) return { ok: true, record: null };
  if (c.category !== CATEGORY_OF[c.kind]) return { ok: false, reason: `a ${c.kind} record belongs to category "${CATEGORY_OF[c.kind]}", not "${c.category}"` };
  const p = c.payload as { type?: unknown; id?: unknown } | null;
  if (c.deleted === true) {
    if (typeof p !== 'object' || p === null || p.type !== c.kind || typeof p.id !== 'string') return { ok: false, reason: `a deletion must carry {type: "${c.kind}", id}` };
    return wireId(c.kind, p.id) === c.id ? { ok: true, record: null } : { ok: false, reason: 'the deletion does not match its id' };
  }
  const v = validateRecord(c.payload);
  if (!v.ok) {
    const first = v.errors[0];
    return { ok: false, reason: `it does not match the ${c.kind} record schema (${v.errors.length} problem(s)${first ? `; first: ${first.path || 'record'}: expected ${first.expected}` : ''})` };
  }
  if (!isSyncRecord(v.value) || v.value.type !== c.kind) return { ok: false, reason: `the payload is a ${v.value.type} record, the kind says ${c.kind}` };
  if (wireId(v.value.type, v.value.id) !== c.id) return { ok: false, reason: 'the record does not match its id' };
  return { ok: true, record: v.value };
}
