/** Accounts, password login, sessions and passkeys (WebAuthn). */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { weakPasswordReason } from '../auth/policy.ts';
import { createSession, revokeSession } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { DISPLAY_NAME, EMAIL, PASSWORD } from '../schemas.ts';
import { needAuth, who } from './guard.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const B64URL = { type: 'string', maxLength: 8192, pattern: '^[A-Za-z0-9_-]*={0,2}$' } as const;

const CREDENTIAL_RESPONSE = {
  type: 'object',
  required: ['id', 'rawId', 'type', 'response'],
  additionalProperties: false,
  properties: {
    id: B64URL,
    rawId: B64URL,
    type: { type: 'string', const: 'public-key' },
    authenticatorAttachment: { type: 'string', enum: ['platform', 'cross-platform'] },
    clientExtensionResults: { type: 'object', maxProperties: 16 },
    response: {
      type: 'object',
      additionalProperties: false,
      required: ['clientDataJSON'],
      properties: {
        clientDataJSON: B64URL,
        attestationObject: B64URL,
        authenticatorData: B64URL,
        signature: B64URL,
        userHandle: B64URL,
        publicKey: B64URL,
        publicKeyAlgorithm: { type: 'integer' },
        transports: { type: 'array', maxItems: 8, items: { type: 'string', maxLength: 32 } },
      },
    },
  },
} as const;

/** preHandler: one sign-in attempt from this address on the account named by `accountOf(body)`. */
function throttled(ctx: AppContext, accountOf: (body: unknown) => string) {
  return async (req: FastifyRequest): Promise<void> => {
    ctx.throttle.attempt(req.ip, accountOf(req.body));
  };
}
const emailOf = (body: unknown): string => {
  const e = (body as { email?: unknown } | undefined)?.email;
  return typeof e === 'string' ? e.toLowerCase() : '';
};

async function consumeChallenge(ctx: AppContext, challenge: string, accountId: string | null, purpose: 'register' | 'login'): Promise<boolean> {
  const now = ctx.now();
  let q = ctx.db
    .updateTable('webauthn_challenges')
    .set({ used_at_ms: now })
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .where('used_at_ms', 'is', null)
    .where('expires_at_ms', '>', now);
  // A login challenge is bound to no account (usernameless: the credential names the account); one
  // issued before that change may still name the credential's account.
  q = accountId === null ? q.where('account_id', 'is', null) : purpose === 'login' ? q.where((eb) => eb.or([eb('account_id', 'is', null), eb('account_id', '=', accountId)])) : q.where('account_id', '=', accountId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const origins = [...ctx.config.webauthnOrigins];

  /**
   * Registration answers the same whether the email is new or taken (no account enumeration): 201
   * `{ registered: true }`, no session. The person then logs in; with a taken email that login fails
   * unless the password is that account's. The password is hashed in both cases, so timing tells nothing.
   */
  app.post(
    '/auth/register',
    {
      preHandler: throttled(ctx, () => ''),
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password', 'role', 'displayName'],
          properties: { email: EMAIL, password: PASSWORD, role: { type: 'string', enum: ['patient', 'clinician'] }, displayName: DISPLAY_NAME },
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { email: string; password: string; role: 'patient' | 'clinician'; displayName: string };
      const weak = weakPasswordReason(b.password);
      if (weak) throw new ApiError('invalid_input', `This password is too easy to guess: ${weak}. Choose a longer phrase of unrelated words.`, { issues: [{ path: '/password', message: weak }] });
      const hash = await ctx.hashGate.run(() => hashPassword(b.password, ctx.passwordCostLog2));
      await ctx.db
        .insertInto('accounts')
        .values({ id: randomUUID(), email: b.email.toLowerCase(), role: b.role, display_name: b.displayName, password_hash: hash, created_at_ms: ctx.now() })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      return reply.code(201).send({ registered: true, next: 'Log in with this email and password.' });
    },
  );

  app.post(
    '/auth/login',
    {
      preHandler: throttled(ctx, emailOf),
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['email', 'password'], properties: { email: EMAIL, password: { type: 'string', minLength: 1, maxLength: 256 } } },
      },
    },
    async (req) => {
      const b = req.body as { email: string; password: string };
      const acct = await ctx.db.selectFrom('accounts').select(['id', 'role', 'password_hash']).where('email', '=', b.email.toLowerCase()).executeTakeFirst();
      // Inside the gate: for an unknown email the first call also computes the dummy hash.
      const ok = await ctx.hashGate.run(async () => verifyPassword(b.password, acct?.password_hash ?? (await dummyPasswordHash(ctx.passwordCostLog2))));
      if (!acct || !acct.password_hash || !ok) {
        ctx.throttle.failed(b.email);
        throw new ApiError('invalid_credentials', 'Email or password is wrong.');
      }
      const s = await createSession(ctx, acct.id);
      return { accountId: acct.id, role: acct.role, token: s.token, expiresAtMs: s.expiresAtMs };
    },
  );

  app.post('/auth/logout', { onRequest: needAuth(ctx, 'any'), schema: { body: { type: 'object', maxProperties: 0 } } }, async (req) => {
    await revokeSession(ctx, who(req).tokenHash);
    return { ok: true };
  });

  app.get('/me', { onRequest: needAuth(ctx, 'any') }, async (req) => {
    const p = who(req);
    const a = await ctx.db.selectFrom('accounts').select(['id', 'email', 'role', 'display_name']).where('id', '=', p.accountId).executeTakeFirstOrThrow();
    return { accountId: a.id, email: a.email, role: a.role, displayName: a.display_name };
  });

  // Passkeys: registration needs a logged-in account (add a passkey to it).
  app.post('/auth/passkeys/register/options', { onRequest: needAuth(ctx, 'any'), schema: { body: { type: 'object', maxProperties: 0 } } }, async (req) => {
    const p = who(req);
    const acct = await ctx.db.selectFrom('accounts').select(['email', 'display_name']).where('id', '=', p.accountId).executeTakeFirstOrThrow();
    const existing = await ctx.db.selectFrom('passkeys').select('credential_id').where('account_id', '=', p.accountId).execute();
    const options = await generateRegistrationOptions({
      rpName: ctx.config.rpName,
      rpID: ctx.config.rpId,
      userName: acct.email,
      userDisplayName: acct.display_name,
      userID: new TextEncoder().encode(p.accountId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credential_id })),
      // Discoverable ("resident") keys: sign-in asks for no email, so it cannot tell who has an account.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      supportedAlgorithmIDs: [-7, -257],
    });
    await ctx.db
      .insertInto('webauthn_challenges')
      .values({ challenge: options.challenge, account_id: p.accountId, purpose: 'register', expires_at_ms: ctx.now() + CHALLENGE_TTL_MS, used_at_ms: null })
      .execute();
    return options;
  });

  app.post(
    '/auth/passkeys/register/verify',
    {
      onRequest: needAuth(ctx, 'any'),
      schema: { body: { type: 'object', additionalProperties: false, required: ['response'], properties: { response: CREDENTIAL_RESPONSE } } },
    },
    async (req, reply) => {
      const p = who(req);
      const body = req.body as { response: RegistrationResponseJSON };
      let verification;
      try {
        verification = await verifyRegistrationResponse({
          response: body.response,
          expectedChallenge: (c) => consumeChallenge(ctx, c, p.accountId, 'register'),
          expectedOrigin: origins,
          expectedRPID: ctx.config.rpId,
          requireUserVerification: false,
        });
      } catch (err) {
        throw new ApiError('invalid_credentials', `The passkey registration could not be verified: ${err instanceof Error ? err.message : 'unknown reason'}. Start again.`);
      }
      if (!verification.verified) throw new ApiError('invalid_credentials', 'The passkey registration could not be verified. Start again.');
      const cred = verification.registrationInfo.credential;
      const inserted = await ctx.db
        .insertInto('passkeys')
        .values({
          credential_id: cred.id,
          account_id: p.accountId,
          public_key: Buffer.from(cred.publicKey).toString('base64url'),
          counter: cred.counter,
          transports: JSON.stringify(cred.transports ?? []),
          created_at_ms: ctx.now(),
        })
        .onConflict((oc) => oc.column('credential_id').doNothing())
        .returning('credential_id')
        .executeTakeFirst();
      if (!inserted) throw new ApiError('conflict', 'This passkey is already registered.');
      return reply.code(201).send({ credentialId: cred.id });
    },
  );

  /**
   * Usernameless: the options are the same for everyone (no `allowCredentials`), so they reveal neither
   * whether an email has an account nor whether it has a passkey. An `email` in the body is accepted
   * (older apps send it) and ignored.
   */
  app.post(
    '/auth/passkeys/login/options',
    { preHandler: throttled(ctx, () => ''), schema: { body: { type: 'object', additionalProperties: false, properties: { email: EMAIL } } } },
    async () => {
      const options = await generateAuthenticationOptions({ rpID: ctx.config.rpId, userVerification: 'preferred', allowCredentials: [] });
      await ctx.db
        .insertInto('webauthn_challenges')
        .values({ challenge: options.challenge, account_id: null, purpose: 'login', expires_at_ms: ctx.now() + CHALLENGE_TTL_MS, used_at_ms: null })
        .execute();
      return options;
    },
  );

  app.post(
    '/auth/passkeys/login/verify',
    {
      // Counted per address and globally; failures also per credential (a signature cannot be guessed, but a flood can be slowed).
      preHandler: throttled(ctx, () => ''),
      schema: { body: { type: 'object', additionalProperties: false, required: ['response'], properties: { response: CREDENTIAL_RESPONSE } } },
    },
    async (req) => {
      const body = req.body as { response: AuthenticationResponseJSON };
      const pk = await ctx.db
        .selectFrom('passkeys')
        .select(['credential_id', 'account_id', 'public_key', 'counter', 'transports'])
        .where('credential_id', '=', body.response.id)
        .executeTakeFirst();
      if (!pk) {
        ctx.throttle.failed(`passkey:${body.response.id}`);
        throw new ApiError('invalid_credentials', 'This passkey is not registered here.');
      }
      let verification;
      try {
        verification = await verifyAuthenticationResponse({
          response: body.response,
          expectedChallenge: (c) => consumeChallenge(ctx, c, pk.account_id, 'login'),
          expectedOrigin: origins,
          expectedRPID: ctx.config.rpId,
          credential: { id: pk.credential_id, publicKey: new Uint8Array(Buffer.from(pk.public_key, 'base64url')), counter: Number(pk.counter) },
          requireUserVerification: false,
        });
      } catch (err) {
        ctx.throttle.failed(`passkey:${pk.credential_id}`);
        throw new ApiError('invalid_credentials', `The passkey assertion could not be verified: ${err instanceof Error ? err.message : 'unknown reason'}.`);
      }
      if (!verification.verified) throw new ApiError('invalid_credentials', 'The passkey assertion could not be verified.');
      await ctx.db.updateTable('passkeys').set({ counter: verification.authenticationInfo.newCounter }).where('credential_id', '=', pk.credential_id).execute();
      const acct = await ctx.db.selectFrom('accounts').select(['id', 'role']).where('id', '=', pk.account_id).executeTakeFirstOrThrow();
      const s = await createSession(ctx, acct.id);
      return { accountId: acct.id, role: acct.role, token: s.token, expiresAtMs: s.expiresAtMs };
    },
  );
}
