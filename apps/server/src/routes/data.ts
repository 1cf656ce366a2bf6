/** Sync, record reads (patient and clinician), home programs, audit view, export, deletion, FHIR. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { parseCategories, readableCategories, refuseRead, sharedPatients } from '../access.ts';
import { audit } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { num, type AppContext, type Category, type Principal } from '../context.ts';
import { everythingBundle, FHIR_CONTENT_TYPE, patientResource } from '../fhir.ts';
import { CATEGORY, ID, PROGRAM_BODY, PUSH_BODY, SEQ_QUERY } from '../schemas.ts';
import { ackCursor, pullChanges, pushChanges, type ChangeIn } from '../sync/sync.ts';
import { needAuth, who } from './guard.ts';

const PATIENT_PARAMS = { type: 'object', additionalProperties: false, required: ['patientId'], properties: { patientId: ID } } as const;

async function currentRecords(ctx: AppContext, ownerId: string, categories: readonly Category[]) {
  if (categories.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('records_current')
    .select(['record_id', 'kind', 'category', 'hlc', 'device_id', 'version', 'payload'])
    .where('owner_id', '=', ownerId)
    .where('deleted', '=', false)
    .where('category', 'in', [...categories])
    .orderBy('category')
    .orderBy('record_id')
    .execute();
  return rows.map((r) => ({ id: r.record_id, kind: r.kind, category: r.category, updatedAt: r.hlc, deviceId: r.device_id, version: r.version, payload: r.payload }));
}

/** Categories to read: the requested one (refused when not readable) or all readable ones. */
async function categoriesFor(ctx: AppContext, p: Principal, patientId: string, requested: Category | undefined): Promise<Category[]> {
  const readable = await readableCategories(ctx, p, patientId);
  if (requested === undefined) return [...readable];
  if (!readable.has(requested)) {
    return refuseRead(ctx, p, patientId, 'records', `category-not-shared:${requested}`, `The patient did not share "${requested}" with you; shared: ${[...readable].join(', ')}.`);
  }
  return [requested];
}

export function dataRoutes(app: FastifyInstance, ctx: AppContext): void {
  // ---- sync (patient's own devices)
  app.post('/sync/push', { onRequest: needAuth(ctx, 'patient'), schema: { body: PUSH_BODY } }, async (req) => {
    const { changes } = req.body as { changes: ChangeIn[] };
    return { results: await pushChanges(ctx, who(req), changes) };
  });

  app.get(
    '/sync/pull',
    {
      onRequest: needAuth(ctx, 'patient'),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['deviceId'],
          properties: { deviceId: ID, since: SEQ_QUERY, limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } },
        },
      },
    },
    async (req) => {
      const q = req.query as { deviceId: string; since?: string; limit?: string };
      const limit = Math.min(Number(q.limit ?? '500'), 1000);
      return pullChanges(ctx, who(req), q.deviceId, q.since === undefined ? undefined : Number(q.since), limit);
    },
  );

  app.post(
    '/sync/ack',
    {
      onRequest: needAuth(ctx, 'patient'),
      schema: { body: { type: 'object', additionalProperties: false, required: ['deviceId', 'cursor'], properties: { deviceId: ID, cursor: { type: 'integer', minimum: 0, maximum: 1e15 } } } },
    },
    async (req) => {
      const b = req.body as { deviceId: string; cursor: number };
      return { deviceId: b.deviceId, cursor: await ackCursor(ctx, who(req), b.deviceId, b.cursor) };
    },
  );

  /** Every stored version of one record, oldest first: the proof that last-writer-wins loses nothing. */
  app.get(
    '/records/:recordId/history',
    { onRequest: needAuth(ctx, 'patient'), schema: { params: { type: 'object', additionalProperties: false, required: ['recordId'], properties: { recordId: ID } } } },
    async (req) => {
      const p = who(req);
      const { recordId } = req.params as { recordId: string };
      const rows = await ctx.db
        .selectFrom('change_log')
        .select(['seq', 'kind', 'category', 'hlc', 'device_id', 'version', 'deleted', 'payload'])
        .where('owner_id', '=', p.accountId)
        .where('record_id', '=', recordId)
        .orderBy('hlc')
        .orderBy('device_id')
        .execute();
      await audit(ctx, p, { patientId: p.accountId, action: 'read', resource: 'record/history', detail: { recordId } });
      return {
        versions: rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, category: r.category, updatedAt: r.hlc, deviceId: r.device_id, version: r.version, deleted: r.deleted, payload: r.payload })),
      };
    },
  );

  app.get(
    '/records',
    { onRequest: needAuth(ctx, 'patient'), schema: { querystring: { type: 'object', additionalProperties: false, properties: { category: CATEGORY } } } },
    async (req) => {
      const p = who(req);
      const { category } = req.query as { category?: Category };
      const cats = await categoriesFor(ctx, p, p.accountId, category);
      const records = await currentRecords(ctx, p.accountId, cats);
      await audit(ctx, p, { patientId: p.accountId, action: 'read', resource: 'records', detail: { categories: cats, count: records.length } });
      return { records };
    },
  );

  // ---- clinician views
  app.get('/clinician/patients', { onRequest: needAuth(ctx, 'clinician') }, async (req) => {
    const rows = await sharedPatients(ctx, who(req).accountId);
    const byPatient = new Map<string, { patientId: string; displayName: string; categories: Set<Category>; endsAtMs: number | null }>();
    for (const r of rows) {
      const e = byPatient.get(r.patient_id) ?? { patientId: r.patient_id, displayName: r.display_name, categories: new Set<Category>(), endsAtMs: num(r.ends_at_ms) };
      for (const c of parseCategories(r.categories)) e.categories.add(c);
      byPatient.set(r.patient_id, e);
    }
    return { patients: [...byPatient.values()].map((e) => ({ ...e, categories: [...e.categories] })) };
  });

  app.get(
    '/clinician/patients/:patientId/records',
    {
      onRequest: needAuth(ctx, 'clinician'),
      schema: { params: PATIENT_PARAMS, querystring: { type: 'object', additionalProperties: false, properties: { category: CATEGORY } } },
    },
    async (req) => {
      const p = who(req);
      const { patientId } = req.params as { patientId: string };
      const { category } = req.query as { category?: Category };
      const cats = await categoriesFor(ctx, p, patientId, category);
      const records = await currentRecords(ctx, patientId, cats);
      await audit(ctx, p, { patientId, action: 'read', resource: 'records', detail: { categories: cats, count: records.length } });
      return { patientId, categories: cats, records };
    },
  );

  app.post(
    '/clinician/patients/:patientId/programs',
    { onRequest: needAuth(ctx, 'clinician'), schema: { params: PATIENT_PARAMS, body: PROGRAM_BODY } },
    async (req, reply) => {
      const p = who(req);
      const { patientId } = req.params as { patientId: string };
      await readableCategories(ctx, p, patientId, 'program'); // an active share is required to hand out a program
      const b = req.body as { title: string; document: Record<string, unknown> };
      const row = { id: randomUUID(), patient_id: patientId, clinician_id: p.accountId, title: b.title, document: JSON.stringify(b.document), created_at_ms: ctx.now() };
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('programs').values(row).execute();
        await audit(ctx, p, { patientId, action: 'write', resource: 'program', detail: { programId: row.id } }, trx);
      });
      return reply.code(201).send({ id: row.id, patientId, title: b.title, createdAtMs: row.created_at_ms });
    },
  );

  // ---- patient: programs, audit, export, delete
  app.get(
    '/programs',
    { onRequest: needAuth(ctx, 'patient'), schema: { querystring: { type: 'object', additionalProperties: false, properties: { sinceMs: SEQ_QUERY } } } },
    async (req) => {
      const p = who(req);
      const { sinceMs } = req.query as { sinceMs?: string };
      const rows = await ctx.db
        .selectFrom('programs')
        .selectAll()
        .where('patient_id', '=', p.accountId)
        .where('created_at_ms', '>', Number(sinceMs ?? '0'))
        .orderBy(sql`created_at_ms`)
        .execute();
      await audit(ctx, p, { patientId: p.accountId, action: 'read', resource: 'programs', detail: { count: rows.length } });
      return { programs: rows.map((r) => ({ id: r.id, clinicianId: r.clinician_id, title: r.title, document: r.document, createdAtMs: Number(r.created_at_ms) })) };
    },
  );

  app.get(
    '/audit',
    { onRequest: needAuth(ctx, 'patient'), schema: { querystring: { type: 'object', additionalProperties: false, properties: { since: SEQ_QUERY, limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } } } } },
    async (req) => {
      const p = who(req);
      const q = req.query as { since?: string; limit?: string };
      const rows = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('patient_id', '=', p.accountId)
        .where('seq', '>', Number(q.since ?? '0'))
        .orderBy('seq')
        .limit(Math.min(Number(q.limit ?? '500'), 1000))
        .execute();
      return {
        entries: rows.map((r) => ({ seq: Number(r.seq), atMs: Number(r.at_ms), actorId: r.actor_id, actorRole: r.actor_role, action: r.action, resource: r.resource, detail: r.detail })),
      };
    },
  );

  app.get('/me/export', { onRequest: needAuth(ctx, 'any') }, async (req) => {
    const p = who(req);
    const id = p.accountId;
    const account = await ctx.db.selectFrom('accounts').select(['id', 'email', 'role', 'display_name', 'created_at_ms']).where('id', '=', id).executeTakeFirstOrThrow();
    const [log, current, shares, programs, auditRows, passkeys, cursors] = await Promise.all([
      ctx.db.selectFrom('change_log').selectAll().where('owner_id', '=', id).orderBy('seq').execute(),
      ctx.db.selectFrom('records_current').selectAll().where('owner_id', '=', id).orderBy('record_id').execute(),
      ctx.db.selectFrom('shares').selectAll().where((eb) => eb.or([eb('patient_id', '=', id), eb('clinician_id', '=', id)])).execute(),
      ctx.db.selectFrom('programs').selectAll().where('patient_id', '=', id).execute(),
      ctx.db.selectFrom('audit_log').selectAll().where('patient_id', '=', id).orderBy('seq').execute(),
      ctx.db.selectFrom('passkeys').select(['credential_id', 'created_at_ms']).where('account_id', '=', id).execute(),
      ctx.db.selectFrom('sync_cursors').selectAll().where('owner_id', '=', id).execute(),
    ]);
    await audit(ctx, p, { patientId: id, action: 'export', resource: 'account', detail: { changes: log.length } });
    const n = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'seq' || k.endsWith('_ms') || k === 'counter' || k === 'cursor' ? num(v as number | string | null) : v])));
    return {
      format: 'geste-server-export/1',
      exportedAtMs: ctx.now(),
      account: n([account])[0],
      changeLog: n(log),
      currentRecords: n(current),
      shares: n(shares),
      programs: n(programs),
      audit: n(auditRows),
      passkeys: n(passkeys),
      syncCursors: n(cursors),
    };
  });

  app.post(
    '/me/delete',
    {
      onRequest: needAuth(ctx, 'any'),
      schema: { body: { type: 'object', additionalProperties: false, required: ['confirm'], properties: { confirm: { type: 'string', const: 'delete all my data' } } } },
    },
    async (req) => {
      const p = who(req);
      await ctx.db.transaction().execute(async (trx) => {
        // The audit entry survives (append-only, pseudonymous ids only); everything else cascades.
        await audit(ctx, p, { patientId: p.accountId, action: 'delete', resource: 'account' }, trx);
        await trx.deleteFrom('accounts').where('id', '=', p.accountId).execute();
      });
      return { deleted: true };
    },
  );

  // ---- FHIR R4
  const fhirRead = async (p: Principal, patientId: string) => {
    const cats = await readableCategories(ctx, p, patientId, 'fhir');
    const acct = await ctx.db.selectFrom('accounts').select(['id', 'display_name']).where('id', '=', patientId).where('role', '=', 'patient').executeTakeFirst();
    if (!acct) throw new ApiError('not_found', 'No such patient.');
    return { cats, acct };
  };
  app.get('/fhir/Patient/:patientId', { onRequest: needAuth(ctx, 'any'), schema: { params: PATIENT_PARAMS } }, async (req, reply) => {
    const p = who(req);
    const { patientId } = req.params as { patientId: string };
    const { acct } = await fhirRead(p, patientId);
    await audit(ctx, p, { patientId, action: 'read', resource: 'fhir/Patient' });
    return reply.type(FHIR_CONTENT_TYPE).send(patientResource(acct.id, acct.display_name));
  });
  app.get('/fhir/Patient/:patientId/$everything', { onRequest: needAuth(ctx, 'any'), schema: { params: PATIENT_PARAMS } }, async (req, reply) => {
    const p = who(req);
    const { patientId } = req.params as { patientId: string };
    const { cats, acct } = await fhirRead(p, patientId);
    const records = await currentRecords(ctx, patientId, [...cats]);
    await audit(ctx, p, { patientId, action: 'read', resource: 'fhir/Patient/$everything', detail: { categories: [...cats], count: records.length } });
    return reply.type(FHIR_CONTENT_TYPE).send(everythingBundle(patientResource(acct.id, acct.display_name), records, ctx.config.publicUrl));
  });
}
