/**
 * Sync as an append-only, idempotent change log (see docs/sync.md).
 * - Every pushed version is appended to `change_log` once: its identity is (owner, record id, HLC,
 *   device); a replay or retry of the same version inserts nothing and answers `duplicate`.
 * - `records_current` holds, per record, the version that wins last-writer-wins by (HLC, device id).
 *   Losing versions stay in the log: nothing is lost.
 * - Pushes of one owner are serialised (row lock on the account), so that owner's sequence numbers
 *   commit in order and a pull cursor never skips a change.
 */
import { sql } from 'kysely';
import { audit } from '../audit.ts';
import type { AppContext, Category, Principal } from '../context.ts';
import { checkChangePayload, checkStamp, compareVersions, type PulledChange, type PushResult as ContractPushResult, type WireChange } from '@geste/contract';
import { ApiError } from '../errors.ts';

/** The wire types are the contract's (packages/contract/src/wire.ts), as the app uses them. */
export type ChangeIn = Readonly<WireChange> & { readonly category: Category };
export type PushStatus = ContractPushResult['status'];
export type PushResult = Readonly<ContractPushResult>;
/** A change as a pull returns it: the stored version with its log sequence number. */
export type ChangeOut = Readonly<Omit<PulledChange, 'category'>> & { readonly category: string };

const key = (id: string, hlc: string, deviceId: string): string => `${id}\u0000${hlc}\u0000${deviceId}`;

/** At most this many problems are listed in a refusal (the rest are counted). */
const MAX_LISTED_PROBLEMS = 20;

/**
 * The checks a batch must pass before anything of it is stored: every stamp is a real time, not
 * before 2020 and at most HLC_MAX_SKEW_MS ahead of the server's clock; every payload of an app record
 * kind passes the record schema the app itself applies (@geste/contract `checkChangePayload`).
 */
export function checkBatch(changes: readonly ChangeIn[], nowMs: number): Array<ChangeIn & { hlc: string }> {
  const problems: Array<{ index: number; id: string; field: string; message: string }> = [];
  const out: Array<ChangeIn & { hlc: string }> = [];
  changes.forEach((c, index) => {
    const st = checkStamp(c.updatedAt, nowMs);
    if (!st.ok) problems.push({ index, id: c.id, field: 'updatedAt', message: st.message });
    const pl = checkChangePayload(c);
    if (!pl.ok) problems.push({ index, id: c.id, field: 'payload', message: pl.reason });
    if (st.ok) out.push({ ...c, hlc: st.stamp });
  });
  if (problems.length > 0) {
    const first = problems[0] as (typeof problems)[number];
    throw new ApiError(
      'invalid_input',
      `${problems.length} change(s) refused, nothing of the batch was stored. First: changes[${first.index}] (${first.id}) ${first.field}: ${first.message}. Fix them and push again.`,
      { issues: problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ path: `/changes/${p.index}/${p.field}`, message: p.message })), count: problems.length },
    );
  }
  return out;
}

export async function pushChanges(ctx: AppContext, who: Principal, changes: readonly ChangeIn[]): Promise<PushResult[]> {
  const now = ctx.now();
  const norm = checkBatch(changes, now);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select id from accounts where id = ${who.accountId} for update`.execute(trx);
    // Within one batch the same version may appear twice: keep the first.
    const seen = new Set<string>();
    const unique = norm.filter((c) => {
      const k = key(c.id, c.hlc, c.deviceId);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    // The columns a change shares between the log and the current-record table.
    const recordRow = (c: (typeof norm)[number]) => ({
      owner_id: who.accountId,
      record_id: c.id,
      kind: c.kind,
      category: c.category,
      hlc: c.hlc,
      device_id: c.deviceId,
      version: c.version,
      deleted: c.deleted ?? false,
      payload: JSON.stringify(c.payload),
    });
    const inserted = new Map<string, number>();
    if (unique.length > 0) {
      const rows = await trx
        .insertInto('change_log')
        .values(
          unique.map((c) => ({ ...recordRow(c), received_at_ms: now })),
        )
        .onConflict((oc) => oc.columns(['owner_id', 'record_id', 'hlc', 'device_id']).doNothing())
        .returning(['seq', 'record_id', 'hlc', 'device_id'])
        .execute();
      for (const r of rows) inserted.set(key(r.record_id, r.hlc, r.device_id), Number(r.seq));
    }
    // The newest new version of each record competes with what is current.
    const newest = new Map<string, (typeof norm)[number]>();
    for (const c of unique) {
      if (!inserted.has(key(c.id, c.hlc, c.deviceId))) continue;
      const prev = newest.get(c.id);
      if (!prev || compareVersions({ updatedAt: c.hlc, deviceId: c.deviceId }, { updatedAt: prev.hlc, deviceId: prev.deviceId }) > 0) newest.set(c.id, c);
    }
    const won = new Set<string>();
    if (newest.size > 0) {
      const values = [...newest.values()].map((c) => ({ ...recordRow(c), seq: inserted.get(key(c.id, c.hlc, c.deviceId)) as number }));
      const rows = await trx
        .insertInto('records_current')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['owner_id', 'record_id'])
            .doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              category: eb.ref('excluded.category'),
              hlc: eb.ref('excluded.hlc'),
              device_id: eb.ref('excluded.device_id'),
              version: eb.ref('excluded.version'),
              deleted: eb.ref('excluded.deleted'),
              payload: eb.ref('excluded.payload'),
              seq: eb.ref('excluded.seq'),
            }))
            .where(sql<boolean>`(records_current.hlc, records_current.device_id) < (excluded.hlc, excluded.device_id)`),
        )
        .returning(['record_id', 'hlc', 'device_id'])
        .execute();
      for (const r of rows) won.add(key(r.record_id, r.hlc, r.device_id));
    }
    if (inserted.size > 0) {
      await audit(ctx, who, { patientId: who.accountId, action: 'write', resource: 'sync/push', detail: { changes: inserted.size } }, trx);
    }
    return norm.map((c) => {
      const k = key(c.id, c.hlc, c.deviceId);
      // A version is "duplicate" when it was already in the log before this request (or earlier in this batch).
      const firstInBatch = unique.find((u) => key(u.id, u.hlc, u.deviceId) === k) === c;
      const status: PushStatus = !inserted.has(k) || !firstInBatch ? 'duplicate' : won.has(k) ? 'applied' : 'stale';
      return { id: c.id, updatedAt: c.hlc, deviceId: c.deviceId, status };
    });
  });
}

export async function pullChanges(
  ctx: AppContext,
  who: Principal,
  deviceId: string,
  since: number | undefined,
  limit: number,
): Promise<{ changes: ChangeOut[]; cursor: number; hasMore: boolean }> {
  let from = since;
  if (from === undefined) {
    const cur = await ctx.db
      .selectFrom('sync_cursors')
      .select('cursor')
      .where('owner_id', '=', who.accountId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    from = cur ? Number(cur.cursor) : 0;
  }
  const rows = await ctx.db
    .selectFrom('change_log')
    .select(['seq', 'record_id', 'kind', 'category', 'hlc', 'device_id', 'version', 'deleted', 'payload'])
    .where('owner_id', '=', who.accountId)
    .where('seq', '>', from)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes = page.map((r) => ({
    seq: Number(r.seq),
    id: r.record_id,
    kind: r.kind,
    category: r.category,
    updatedAt: r.hlc,
    deviceId: r.device_id,
    version: r.version,
    deleted: r.deleted,
    payload: r.payload,
  }));
  const cursor = changes.length > 0 ? (changes[changes.length - 1] as ChangeOut).seq : from;
  if (changes.length > 0) {
    await audit(ctx, who, { patientId: who.accountId, action: 'read', resource: 'sync/pull', detail: { deviceId, changes: changes.length } });
  }
  return { changes, cursor, hasMore };
}

/** Stores a device's cursor; it only moves forward (a late, older acknowledgement changes nothing). */
export async function ackCursor(ctx: AppContext, who: Principal, deviceId: string, cursor: number): Promise<number> {
  const row = await ctx.db
    .insertInto('sync_cursors')
    .values({ owner_id: who.accountId, device_id: deviceId, cursor, updated_at_ms: ctx.now() })
    .onConflict((oc) =>
      oc.columns(['owner_id', 'device_id']).doUpdateSet({
        cursor: sql`greatest(sync_cursors.cursor, excluded.cursor)`,
        updated_at_ms: sql`excluded.updated_at_ms`,
      }),
    )
    .returning('cursor')
    .executeTakeFirstOrThrow();
  return Number(row.cursor);
}
