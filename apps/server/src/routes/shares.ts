/** Consented sharing: a patient invites a clinician, chooses categories and an end date, may revoke. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { parseCategories } from '../access.ts';
import { audit } from '../audit.ts';
import { ApiError } from '../errors.ts';
import { DEFAULT_SHARE_CATEGORIES, num, type AppContext, type Category } from '../context.ts';
import { CATEGORY_LIST, ID, INVITE_CODE, TIME_MS } from '../schemas.ts';
import { needAuth, who } from './guard.ts';

const INVITE_TTL_MS = 7 * 24 * 3600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols, no 0/O/1/I

function newInviteCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (let i = 0; i < 12; i++) {
    s += CODE_ALPHABET[(bytes[i] as number) % 32];
    if (i === 3 || i === 7) s += '-';
  }
  return s;
}
const hashCode = (code: string): string => createHash('sha256').update(code).digest('hex');

function shareOut(r: { id: string; patient_id: string; clinician_id: string; categories: unknown; ends_at_ms: number | string | null; revoked_at_ms: number | string | null; created_at_ms: number | string }, now: number) {
  const endsAtMs = num(r.ends_at_ms);
  const revokedAtMs = num(r.revoked_at_ms);
  return {
    id: r.id,
    patientId: r.patient_id,
    clinicianId: r.clinician_id,
    categories: parseCategories(r.categories),
    endsAtMs,
    revokedAtMs,
    createdAtMs: Number(r.created_at_ms),
    active: revokedAtMs === null && (endsAtMs === null || endsAtMs > now),
  };
}

export function shareRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/shares/invites',
    {
      onRequest: needAuth(ctx, 'patient'),
      schema: { body: { type: 'object', additionalProperties: false, properties: { categories: CATEGORY_LIST, endsAtMs: TIME_MS } } },
    },
    async (req, reply) => {
      const p = who(req);
      const b = req.body as { categories?: Category[]; endsAtMs?: number };
      const now = ctx.now();
      if (b.endsAtMs !== undefined && b.endsAtMs <= now) throw new ApiError('invalid_input', 'endsAtMs must be in the future; it came in the past.');
      const code = newInviteCode();
      const categories = b.categories ?? [...DEFAULT_SHARE_CATEGORIES];
      await ctx.db
        .insertInto('invites')
        .values({
          code_hash: hashCode(code),
          patient_id: p.accountId,
          categories: JSON.stringify(categories),
          ends_at_ms: b.endsAtMs ?? null,
          expires_at_ms: now + INVITE_TTL_MS,
          used_at_ms: null,
          created_at_ms: now,
        })
        .execute();
      return reply.code(201).send({ code, link: `${ctx.config.publicUrl}/share/accept#${code}`, categories, endsAtMs: b.endsAtMs ?? null, expiresAtMs: now + INVITE_TTL_MS });
    },
  );

  app.post(
    '/shares/accept',
    { onRequest: needAuth(ctx, 'clinician'), schema: { body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: INVITE_CODE } } } },
    async (req, reply) => {
      const p = who(req);
      const { code } = req.body as { code: string };
      const now = ctx.now();
      const share = await ctx.db.transaction().execute(async (trx) => {
        // Single use: the update succeeds for exactly one caller.
        const inv = await trx
          .updateTable('invites')
          .set({ used_at_ms: now })
          .where('code_hash', '=', hashCode(code))
          .where('used_at_ms', 'is', null)
          .where('expires_at_ms', '>', now)
          .returning(['patient_id', 'categories', 'ends_at_ms'])
          .executeTakeFirst();
        if (!inv) throw new ApiError('not_found', 'This invitation code is unknown, already used or expired. Ask the patient for a new one.');
        const row = {
          id: randomUUID(),
          patient_id: inv.patient_id,
          clinician_id: p.accountId,
          categories: JSON.stringify(parseCategories(inv.categories)),
          ends_at_ms: num(inv.ends_at_ms),
          revoked_at_ms: null,
          created_at_ms: now,
        };
        await trx.insertInto('shares').values(row).execute();
        await audit(ctx, p, { patientId: inv.patient_id, action: 'write', resource: 'share', detail: { shareId: row.id, accepted: true } }, trx);
        return row;
      });
      return reply.code(201).send(shareOut({ ...share, categories: share.categories }, now));
    },
  );

  app.get('/shares', { onRequest: needAuth(ctx, 'any') }, async (req) => {
    const p = who(req);
    const mine = p.role === 'patient' ? 'patient_id' : 'clinician_id';
    const other = p.role === 'patient' ? 'clinician_id' : 'patient_id';
    // The other party's display name, so a patient can tell whom each share is with.
    const rows = await ctx.db
      .selectFrom('shares')
      .innerJoin('accounts', 'accounts.id', `shares.${other}`)
      .selectAll('shares')
      .select('accounts.display_name as other_name')
      .where(`shares.${mine}`, '=', p.accountId)
      .orderBy(sql`shares.created_at_ms`)
      .execute();
    const now = ctx.now();
    return { shares: rows.map((r) => ({ ...shareOut(r, now), [p.role === 'patient' ? 'clinicianName' : 'patientName']: r.other_name })) };
  });

  app.patch(
    '/shares/:id',
    {
      onRequest: needAuth(ctx, 'patient'),
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: ID } },
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { categories: CATEGORY_LIST, endsAtMs: { anyOf: [TIME_MS, { type: 'null' }] } } },
      },
    },
    async (req) => {
      const p = who(req);
      const { id } = req.params as { id: string };
      const b = req.body as { categories?: Category[]; endsAtMs?: number | null };
      const set: { categories?: string; ends_at_ms?: number | null } = {};
      if (b.categories) set.categories = JSON.stringify(b.categories);
      if (b.endsAtMs !== undefined) set.ends_at_ms = b.endsAtMs;
      const row = await ctx.db
        .updateTable('shares')
        .set(set)
        .where('id', '=', id)
        .where('patient_id', '=', p.accountId)
        .where('revoked_at_ms', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new ApiError('not_found', 'No active share with this id among yours.');
      await audit(ctx, p, { patientId: p.accountId, action: 'write', resource: 'share', detail: { shareId: id, changed: Object.keys(b) } });
      return shareOut(row, ctx.now());
    },
  );

  app.post(
    '/shares/:id/revoke',
    { onRequest: needAuth(ctx, 'patient'), schema: { params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: ID } } } },
    async (req) => {
      const p = who(req);
      const { id } = req.params as { id: string };
      const now = ctx.now();
      const row = await ctx.db
        .updateTable('shares')
        .set({ revoked_at_ms: sql`coalesce(revoked_at_ms, ${now})` })
        .where('id', '=', id)
        .where('patient_id', '=', p.accountId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new ApiError('not_found', 'No share with this id among yours.');
      await audit(ctx, p, { patientId: p.accountId, action: 'write', resource: 'share', detail: { shareId: id, revoked: true } });
      return shareOut(row, now);
    },
  );
}
