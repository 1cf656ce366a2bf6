/**
 * Sessions: an opaque random bearer token; the database keeps only its SHA-256. A session ends at its
 * absolute expiry, after `sessionIdleMs` without use (automatic log-off), or at logout.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import type { AppContext, Principal, Role } from '../context.ts';

export const TOKEN_PREFIX = 'gst_';
const TOKEN_RE = /^gst_[A-Za-z0-9_-]{43}$/;
/** last_seen is written at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 5_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(ctx: AppContext, accountId: string): Promise<{ token: string; expiresAtMs: number }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAtMs = now + ctx.config.sessionTtlMs;
  await ctx.db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), account_id: accountId, created_at_ms: now, expires_at_ms: expiresAtMs, last_seen_ms: now, revoked_at_ms: null })
    .execute();
  return { token, expiresAtMs };
}

function bearer(req: FastifyRequest): string {
  const h = req.headers.authorization;
  if (h === undefined) throw new ApiError('unauthenticated', 'Expected an "Authorization: Bearer <token>" header; none came. Log in first.');
  const m = /^Bearer (\S+)$/.exec(h);
  if (!m || !TOKEN_RE.test(m[1] ?? '')) throw new ApiError('unauthenticated', 'The Authorization header is not a Geste session token. Log in again.');
  return m[1] as string;
}

export async function authenticate(ctx: AppContext, req: FastifyRequest, need: Role | 'any'): Promise<Principal> {
  const tokenHash = hashToken(bearer(req));
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.account_id', 'sessions.expires_at_ms', 'sessions.last_seen_ms', 'sessions.revoked_at_ms', 'accounts.role'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) throw new ApiError('unauthenticated', 'This session token is not known. Log in again.');
  const now = ctx.now();
  if (row.revoked_at_ms !== null) throw new ApiError('session_expired', 'This session was logged out. Log in again.');
  if (Number(row.expires_at_ms) <= now) throw new ApiError('session_expired', 'This session has expired. Log in again.');
  if (now - Number(row.last_seen_ms) > ctx.config.sessionIdleMs) {
    await ctx.db.updateTable('sessions').set({ revoked_at_ms: now }).where('token_hash', '=', tokenHash).execute();
    throw new ApiError('session_expired', 'You were logged off after a period without activity. Log in again.');
  }
  if (now - Number(row.last_seen_ms) > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_ms: now }).where('token_hash', '=', tokenHash).execute();
  }
  if (need !== 'any' && row.role !== need) {
    throw new ApiError('forbidden', `This action is for ${need} accounts; you are logged in as a ${row.role}.`);
  }
  return { accountId: row.account_id, role: row.role, tokenHash };
}

export async function revokeSession(ctx: AppContext, tokenHash: string): Promise<void> {
  await ctx.db.updateTable('sessions').set({ revoked_at_ms: ctx.now() }).where('token_hash', '=', tokenHash).execute();
}
