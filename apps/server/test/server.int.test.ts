/**
 * The server suite, run twice: on embedded PGlite and on PostgreSQL (differential test).
 * PostgreSQL comes from GESTE_TEST_PG_URL, or from a throwaway cluster started here with
 * scripts/pg-test-cluster.sh when the binaries exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ERROR_CODES } from '../src/errors.ts';
import { compareVersions } from '../src/sync/hlc.ts';
import { Api, change, createScratchDatabase, hlc, ORIGIN, startPgCluster, startTestServer, type PgCluster, type TestServer } from './harness.ts';
import { SoftwareAuthenticator } from './webauthn-authenticator.ts';

const cluster: PgCluster | undefined = startPgCluster();
afterAll(() => cluster?.stop());

interface Backend {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<{ url: string | undefined; drop(): Promise<void> }>;
}
const BACKENDS: Backend[] = [{ name: 'pglite', open: async () => ({ url: undefined, drop: async () => undefined }) }];
if (cluster) BACKENDS.push({ name: 'postgres', open: () => createScratchDatabase(cluster.url) });

/** Observations each backend makes, compared at the end. */
const observed: Record<string, unknown[]> = {};

const errorCode = (r: { json(): unknown }): string => (r.json() as { error: { code: string } }).error.code;

describe.each(BACKENDS)('server on $name', (backend) => {
  let srv: TestServer;
  let api: Api;
  let drop: () => Promise<void>;
  const observe = (v: unknown) => (observed[backend.name] ??= []).push(v);

  beforeAll(async () => {
    const d = await backend.open();
    drop = d.drop;
    srv = await startTestServer(d.url);
    api = new Api(srv.app);
  });
  afterAll(async () => {
    await srv.close();
    await drop();
  });

  describe('schema', () => {
    it('applies every migration and yields the same tables and columns on both databases', async () => {
      const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(srv.database.db);
      expect(names.rows.map((r) => r.name)).toEqual(['0001_initial', '0002_cohorts']);
      const cols = await sql<{ t: string; c: string; d: string; n: string }>`
        select table_name as t, column_name as c, data_type as d, is_nullable as n from information_schema.columns
        where table_schema = 'public' and table_name not like 'kysely_%' order by table_name, column_name`.execute(srv.database.db);
      expect(cols.rows.length).toBeGreaterThan(60);
      observe({ schema: cols.rows });
    });
  });

  describe('accounts and sessions', () => {
    it('registers, logs in, stores only a scrypt hash, and refuses a wrong password', async () => {
      const p = await api.register('patient', 'Ada');
      const me = await api.call('GET', '/me', { token: p.token });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ accountId: p.id, role: 'patient', displayName: 'Ada' });
      const row = await srv.database.db.selectFrom('accounts').select('password_hash').where('id', '=', p.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$12\$8\$1\$/);
      expect(row.password_hash).not.toContain('horse');
      const ok = await api.call('POST', '/auth/login', { body: { email: p.email, password: 'correct horse battery staple' } });
      expect(ok.statusCode).toBe(200);
      const bad = await api.call('POST', '/auth/login', { body: { email: p.email, password: 'wrong horse battery staple' } });
      expect(bad.statusCode).toBe(401);
      expect(errorCode(bad)).toBe('invalid_credentials');
      const nobody = await api.call('POST', '/auth/login', { body: { email: 'nobody@example.org', password: 'whatever whatever' } });
      expect(errorCode(nobody)).toBe('invalid_credentials');
      const dup = await api.call('POST', '/auth/register', { body: { email: p.email, password: 'another long password', role: 'patient', displayName: 'X' } });
      expect(dup.statusCode).toBe(409);
      expect(errorCode(dup)).toBe('conflict');
    });

    it('refuses tampered, logged-out (replayed), expired and idle tokens', async () => {
      const p = await api.register('patient', 'Bea');
      const tampered = p.token.slice(0, -1) + (p.token.endsWith('A') ? 'B' : 'A');
      expect(errorCode(await api.call('GET', '/me', { token: tampered }))).toBe('unauthenticated');
      expect(errorCode(await api.call('GET', '/me', { headers: { authorization: 'Bearer x; drop table sessions' } }))).toBe('unauthenticated');
      expect(errorCode(await api.call('GET', '/me'))).toBe('unauthenticated');

      const logout = await api.call('POST', '/auth/logout', { token: p.token, body: {} });
      expect(logout.statusCode).toBe(200);
      const replay = await api.call('GET', '/me', { token: p.token });
      expect(replay.statusCode).toBe(401);
      expect(errorCode(replay)).toBe('session_expired');

      const login = async () => (await api.call('POST', '/auth/login', { body: { email: p.email, password: 'correct horse battery staple' } })).json() as { token: string };
      // Idle: automatic log-off after 30 min without use, even if used just before.
      const t1 = (await login()).token;
      srv.clock.advance(29 * 60_000);
      expect((await api.call('GET', '/me', { token: t1 })).statusCode).toBe(200);
      srv.clock.advance(31 * 60_000);
      expect(errorCode(await api.call('GET', '/me', { token: t1 }))).toBe('session_expired');
      // Absolute expiry after 12 h even with steady use.
      const t2 = (await login()).token;
      for (let i = 0; i < 25; i++) {
        srv.clock.advance(29 * 60_000);
        const r = await api.call('GET', '/me', { token: t2 });
        if (i < 24) expect(r.statusCode).toBe(200);
        else expect(errorCode(r)).toBe('session_expired');
      }
    });

    it('rate-limits login attempts per address and account', async () => {
      const p = await api.register('patient', 'Cy');
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push((await api.call('POST', '/auth/login', { body: { email: p.email, password: 'correct horse battery staple' } })).statusCode);
      }
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = await api.call('POST', '/auth/login', { body: { email: p.email, password: 'correct horse battery staple' } });
      expect(limited.statusCode).toBe(429);
      expect(errorCode(limited)).toBe('rate_limited');
    });
  });

  describe('passkeys (WebAuthn, verified for real)', () => {
    it('registers a passkey and logs in with it; replayed, re-used, foreign-origin and tampered assertions are refused', async () => {
      const p = await api.register('patient', 'Dee');
      const auth = new SoftwareAuthenticator('localhost', ORIGIN);
      const regOpts = (await api.call('POST', '/auth/passkeys/register/options', { token: p.token, body: {} })).json() as { challenge: string; rp: { id: string } };
      expect(regOpts.rp.id).toBe('localhost');
      const reg = await api.call('POST', '/auth/passkeys/register/verify', { token: p.token, body: { response: auth.create(regOpts.challenge) } });
      expect(reg.statusCode, reg.body).toBe(201);
      // The same registration challenge cannot be used twice.
      const regAgain = await api.call('POST', '/auth/passkeys/register/verify', { token: p.token, body: { response: auth.create(regOpts.challenge) } });
      expect(errorCode(regAgain)).toBe('invalid_credentials');

      const options = async () => ((await api.call('POST', '/auth/passkeys/login/options', { body: { email: p.email } })).json() as { challenge: string; allowCredentials: { id: string }[] });
      const o1 = await options();
      expect(o1.allowCredentials.map((c) => c.id)).toEqual([auth.id]);
      const assertion = auth.get(o1.challenge);
      const login = await api.call('POST', '/auth/passkeys/login/verify', { body: { response: assertion } });
      expect(login.statusCode, login.body).toBe(200);
      const token = (login.json() as { token: string }).token;
      expect((await api.call('GET', '/me', { token })).json()).toMatchObject({ accountId: p.id });

      // Replay of the exact same assertion: challenge already consumed.
      expect(errorCode(await api.call('POST', '/auth/passkeys/login/verify', { body: { response: assertion } }))).toBe('invalid_credentials');
      // Fresh challenge but a signature counter that did not advance (cloned authenticator / replay).
      const o2 = await options();
      expect(errorCode(await api.call('POST', '/auth/passkeys/login/verify', { body: { response: auth.get(o2.challenge, { counter: 1 }) } }))).toBe('invalid_credentials');
      // Wrong origin (phishing site).
      const o3 = await options();
      expect(errorCode(await api.call('POST', '/auth/passkeys/login/verify', { body: { response: auth.get(o3.challenge, { origin: 'https://evil.example' }) } }))).toBe('invalid_credentials');
      // Tampered signature.
      const o4 = await options();
      const a4 = auth.get(o4.challenge);
      const sig = Buffer.from(a4.response.signature, 'base64url');
      sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 0xff;
      a4.response.signature = sig.toString('base64url');
      expect(errorCode(await api.call('POST', '/auth/passkeys/login/verify', { body: { response: a4 } }))).toBe('invalid_credentials');
      // And a good one still works afterwards.
      const o5 = await options();
      expect((await api.call('POST', '/auth/passkeys/login/verify', { body: { response: auth.get(o5.challenge) } })).statusCode).toBe(200);
    });
  });

  describe('consented sharing — denial tests, one per rule', () => {
    it('a patient cannot read another patient', async () => {
      const a = await api.register('patient', 'PatA');
      const b = await api.register('patient', 'PatB');
      await api.call('POST', '/sync/push', { token: b.token, body: { changes: [change('b1', 'diary', 'db', hlc(Date.UTC(2026, 0, 1)), { note: 'b secret' })] } });
      for (const url of [`/fhir/Patient/${b.id}/$everything`, `/fhir/Patient/${b.id}`]) {
        const r = await api.call('GET', url, { token: a.token });
        expect(r.statusCode).toBe(403);
        expect(errorCode(r)).toBe('forbidden');
      }
      // Patient routes for clinicians are refused by role.
      expect(errorCode(await api.call('GET', `/clinician/patients/${b.id}/records`, { token: a.token }))).toBe('forbidden');
      // And A's own view does not contain B's data.
      const mine = (await api.call('GET', '/records', { token: a.token })).json() as { records: unknown[] };
      expect(mine.records).toEqual([]);
      const pull = (await api.call('GET', '/sync/pull?deviceId=x&since=0', { token: a.token })).json() as { changes: unknown[] };
      expect(pull.changes).toEqual([]);
    });

    it('a clinician sees only patients who shared, only what was shared; no share / revoked / ended / outside categories are refused', async () => {
      const pat = await api.register('patient', 'Pia');
      const other = await api.register('patient', 'Quinn');
      const doc = await api.register('clinician', 'Dr Rao');
      const t0 = Date.UTC(2026, 2, 1);
      await api.call('POST', '/sync/push', {
        token: pat.token,
        body: {
          changes: [
            change('m1', 'measures', 'd1', hlc(t0), { value: 12.5, unit: 'deg' }),
            change('d1', 'diary', 'd1', hlc(t0), { note: 'ok day' }),
            change('v1', 'videos', 'd1', hlc(t0), { clip: 'neck-rotation' }),
            change('h1', 'history', 'd1', hlc(t0), { onsetYear: 2019 }),
          ],
        },
      });
      // No share at all.
      const none = await api.call('GET', `/clinician/patients/${pat.id}/records`, { token: doc.token });
      expect(none.statusCode).toBe(403);
      expect(errorCode(none)).toBe('forbidden');
      expect(((await api.call('GET', '/clinician/patients', { token: doc.token })).json() as { patients: unknown[] }).patients).toEqual([]);

      // Default share: everything but videos.
      const shareId = await api.share(pat.token, doc.token, { categories: ['measures', 'diary'], endsAtMs: srv.clock.ms + 24 * 3600_000 });
      const list = (await api.call('GET', '/clinician/patients', { token: doc.token })).json() as { patients: { patientId: string; categories: string[] }[] };
      expect(list.patients.map((x) => x.patientId)).toEqual([pat.id]);
      expect(list.patients[0]?.categories.sort()).toEqual(['diary', 'measures']);
      const recs = (await api.call('GET', `/clinician/patients/${pat.id}/records`, { token: doc.token })).json() as { records: { id: string }[] };
      expect(recs.records.map((r) => r.id).sort()).toEqual(['d1', 'm1']);
      // Outside the shared categories.
      for (const cat of ['videos', 'history', 'treatments']) {
        const r = await api.call('GET', `/clinician/patients/${pat.id}/records?category=${cat}`, { token: doc.token });
        expect(r.statusCode).toBe(403);
        expect(errorCode(r)).toBe('forbidden');
      }
      // The other patient never shared.
      expect(errorCode(await api.call('GET', `/clinician/patients/${other.id}/records`, { token: doc.token }))).toBe('forbidden');
      expect(errorCode(await api.call('GET', `/fhir/Patient/${other.id}/$everything`, { token: doc.token }))).toBe('forbidden');

      // Narrowing the share takes effect at once.
      const narrowed = await api.call('PATCH', `/shares/${shareId}`, { token: pat.token, body: { categories: ['measures'] } });
      expect(narrowed.statusCode).toBe(200);
      expect(errorCode(await api.call('GET', `/clinician/patients/${pat.id}/records?category=diary`, { token: doc.token }))).toBe('forbidden');

      // Ended share.
      srv.clock.advance(24 * 3600_000 + 1);
      expect(errorCode(await api.call('GET', `/clinician/patients/${pat.id}/records?category=measures`, { token: (await relogin(doc.email)).token }))).toBe('forbidden');

      // Revoked share (a fresh one, then revoked).
      const doc2 = await relogin(doc.email);
      const share2 = await api.share(pat.token === '' ? '' : (await relogin(pat.email)).token, doc2.token);
      expect((await api.call('GET', `/clinician/patients/${pat.id}/records`, { token: doc2.token })).statusCode).toBe(200);
      const pTok = (await relogin(pat.email)).token;
      expect((await api.call('POST', `/shares/${share2}/revoke`, { token: pTok })).statusCode).toBe(200);
      const revoked = await api.call('GET', `/clinician/patients/${pat.id}/records`, { token: doc2.token });
      expect(revoked.statusCode).toBe(403);
      expect(errorCode(revoked)).toBe('forbidden');
      expect(((await api.call('GET', '/clinician/patients', { token: doc2.token })).json() as { patients: unknown[] }).patients).toEqual([]);
      // A clinician cannot revoke, create invites, or change a share.
      expect(errorCode(await api.call('POST', '/shares/invites', { token: doc2.token, body: {} }))).toBe('forbidden');
      expect(errorCode(await api.call('PATCH', `/shares/${share2}`, { token: doc2.token, body: { categories: ['videos'] } }))).toBe('forbidden');
    });

    it('invitation codes are single use; default categories exclude videos', async () => {
      const pat = await api.register('patient', 'Ravi');
      const d1 = await api.register('clinician', 'Dr One');
      const d2 = await api.register('clinician', 'Dr Two');
      const inv = (await api.call('POST', '/shares/invites', { token: pat.token, body: {} })).json() as { code: string; categories: string[]; link: string };
      expect(inv.categories).toEqual(['measures', 'diary', 'treatments', 'history']);
      expect(inv.link).toContain(inv.code);
      expect((await api.call('POST', '/shares/accept', { token: d1.token, body: { code: inv.code } })).statusCode).toBe(201);
      // Each side's list names the other party (a patient must see whom a share is with to revoke it).
      const mine = (await api.call('GET', '/shares', { token: pat.token })).json() as { shares: Array<{ clinicianId: string; clinicianName: string }> };
      expect(mine.shares).toEqual([expect.objectContaining({ clinicianId: d1.id, clinicianName: 'Dr One' })]);
      const theirs = (await api.call('GET', '/shares', { token: d1.token })).json() as { shares: Array<{ patientId: string; patientName: string }> };
      expect(theirs.shares).toEqual([expect.objectContaining({ patientId: pat.id, patientName: 'Ravi' })]);
      expect(((await api.call('GET', '/shares', { token: d2.token })).json() as { shares: unknown[] }).shares).toEqual([]);
      const again = await api.call('POST', '/shares/accept', { token: d2.token, body: { code: inv.code } });
      expect(again.statusCode).toBe(404);
      expect(errorCode(again)).toBe('not_found');
      expect(errorCode(await api.call('POST', '/shares/accept', { token: d2.token, body: { code: 'AAAA-BBBB-CCCC' } }))).toBe('not_found');
      expect(errorCode(await api.call('POST', '/shares/invites', { token: pat.token, body: { endsAtMs: srv.clock.ms - 1 } }))).toBe('invalid_input');
    });
  });

  async function relogin(email: string): Promise<{ token: string }> {
    const r = await api.call('POST', '/auth/login', { body: { email, password: 'correct horse battery staple' } });
    if (r.statusCode !== 200) throw new Error(`relogin ${r.statusCode} ${r.body}`);
    return r.json() as { token: string };
  }

  describe('sync', () => {
    it('push then pull round-trips; a retry of the same batch duplicates nothing', async () => {
      const p = await api.register('patient', 'Sam');
      const t = Date.UTC(2026, 4, 1);
      const batch = { changes: [change('r1', 'diary', 'phone', hlc(t), { mood: 3 }), change('r2', 'treatments', 'phone', hlc(t, 1), { product: 'x', units: 100 })] };
      const first = (await api.call('POST', '/sync/push', { token: p.token, body: batch })).json() as { results: { status: string }[] };
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const retry = (await api.call('POST', '/sync/push', { token: p.token, body: batch })).json() as { results: { status: string }[] };
      expect(retry.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      const pull = (await api.call('GET', '/sync/pull?deviceId=laptop&since=0', { token: p.token })).json() as { changes: { id: string; payload: unknown; seq: number }[]; cursor: number; hasMore: boolean };
      expect(pull.changes.map((c) => c.id)).toEqual(['r1', 'r2']);
      expect(pull.changes[1]?.payload).toEqual({ product: 'x', units: 100 });
      expect(pull.hasMore).toBe(false);
      // Cursor: stored per device, only moves forward.
      expect(((await api.call('POST', '/sync/ack', { token: p.token, body: { deviceId: 'laptop', cursor: pull.cursor } })).json() as { cursor: number }).cursor).toBe(pull.cursor);
      expect(((await api.call('POST', '/sync/ack', { token: p.token, body: { deviceId: 'laptop', cursor: 0 } })).json() as { cursor: number }).cursor).toBe(pull.cursor);
      const next = (await api.call('GET', '/sync/pull?deviceId=laptop', { token: p.token })).json() as { changes: unknown[] };
      expect(next.changes).toEqual([]);
      const other = (await api.call('GET', '/sync/pull?deviceId=tablet', { token: p.token })).json() as { changes: unknown[] };
      expect(other.changes).toHaveLength(2);
      // Paging.
      const page = (await api.call('GET', '/sync/pull?deviceId=tablet&since=0&limit=1', { token: p.token })).json() as { changes: unknown[]; hasMore: boolean; cursor: number };
      expect(page.changes).toHaveLength(1);
      expect(page.hasMore).toBe(true);
    });

    it('offline edits on two devices merge without loss (LWW by HLC then device id; every version kept)', async () => {
      const p = await api.register('patient', 'Tess');
      const t = Date.UTC(2026, 5, 1, 8);
      const base = change('shared', 'diary', 'phone', hlc(t), { text: 'v0' });
      await api.call('POST', '/sync/push', { token: p.token, body: { changes: [base] } });
      // Both devices edit offline; the tablet's edit is later by HLC; phone also creates a new record.
      const phoneEdit = change('shared', 'diary', 'phone', hlc(t + 60_000), { text: 'phone edit' });
      const phoneNew = change('only-phone', 'diary', 'phone', hlc(t + 61_000), { text: 'new on phone' });
      const tabletEdit = change('shared', 'diary', 'tablet', hlc(t + 90_000), { text: 'tablet edit' });
      const tabletNew = change('only-tablet', 'measures', 'tablet', hlc(t + 91_000), { value: 1, unit: 'deg' });
      // Same wall time, same counter: the device id breaks the tie, deterministically.
      const tieA = change('tie', 'diary', 'alpha', hlc(t + 100_000), { w: 'alpha' });
      const tieB = change('tie', 'diary', 'beta', hlc(t + 100_000), { w: 'beta' });
      // The tablet comes online first, then the phone (its older edit arrives last).
      const r1 = (await api.call('POST', '/sync/push', { token: p.token, body: { changes: [tabletEdit, tabletNew, tieB] } })).json() as { results: { status: string }[] };
      const r2 = (await api.call('POST', '/sync/push', { token: p.token, body: { changes: [phoneEdit, phoneNew, tieA] } })).json() as { results: { status: string }[] };
      expect(r1.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(r2.results.map((r) => r.status)).toEqual(['stale', 'applied', 'stale']);
      const cur = (await api.call('GET', '/records', { token: p.token })).json() as { records: { id: string; payload: unknown }[] };
      const byId = Object.fromEntries(cur.records.map((r) => [r.id, r.payload]));
      expect(byId).toEqual({ shared: { text: 'tablet edit' }, 'only-phone': { text: 'new on phone' }, 'only-tablet': { value: 1, unit: 'deg' }, tie: { w: 'beta' } });
      const hist = (await api.call('GET', '/records/shared/history', { token: p.token })).json() as { versions: { payload: { text: string } }[] };
      expect(hist.versions.map((v) => v.payload.text)).toEqual(['v0', 'phone edit', 'tablet edit']);
      observe({ merge: byId, history: hist.versions.map((v) => v.payload) });
    });

    it('property: any interleaving of pushes, retries and duplicates gives LWW state and a log of exactly the distinct versions', async () => {
      const changeArb = fc.record({
        rec: fc.constantFrom('a', 'b', 'c'),
        dev: fc.constantFrom('d1', 'd2', 'd3'),
        ms: fc.integer({ min: 0, max: 5 }),
        ctr: fc.integer({ min: 0, max: 2 }),
        v: fc.integer({ min: 0, max: 1000 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(changeArb, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(), { maxLength: 6 }), async (raw, batchSize, retryPicks) => {
          const p = await api.register('patient', 'Prop');
          const t = Date.UTC(2026, 6, 1);
          // A version's identity is (record, stamp, device); its payload is fixed by that identity.
          const changes = raw.map((c) => change(c.rec, 'diary', c.dev, hlc(t + c.ms * 1000, c.ctr), { id: `${c.rec}/${c.ms}/${c.ctr}/${c.dev}` }));
          const batches: (typeof changes)[] = [];
          for (let i = 0; i < changes.length; i += batchSize) batches.push(changes.slice(i, i + batchSize));
          for (const pick of retryPicks) batches.splice(pick % (batches.length + 1), 0, batches[pick % batches.length] as typeof changes);
          for (const b of batches) {
            const r = await api.call('POST', '/sync/push', { token: p.token, body: { changes: b } });
            expect(r.statusCode).toBe(200);
          }
          const distinct = new Map<string, (typeof changes)[number]>();
          for (const c of changes) distinct.set(`${c.id}|${c.updatedAt}|${c.deviceId}`, c);
          const pull = (await api.call('GET', '/sync/pull?deviceId=check&since=0&limit=1000', { token: p.token })).json() as { changes: { id: string; updatedAt: string; deviceId: string }[] };
          expect(pull.changes.length).toBe(distinct.size);
          expect(new Set(pull.changes.map((c) => `${c.id}|${c.updatedAt}|${c.deviceId}`))).toEqual(new Set(distinct.keys()));
          const expected: Record<string, unknown> = {};
          for (const rec of new Set(changes.map((c) => c.id))) {
            const win = [...distinct.values()].filter((c) => c.id === rec).sort((x, y) => compareVersions({ hlc: x.updatedAt, deviceId: x.deviceId }, { hlc: y.updatedAt, deviceId: y.deviceId })).at(-1);
            expected[rec] = win?.payload;
          }
          const cur = (await api.call('GET', '/records', { token: p.token })).json() as { records: { id: string; payload: unknown }[] };
          expect(Object.fromEntries(cur.records.map((r) => [r.id, r.payload]))).toEqual(expected);
        }),
        { numRuns: 12, seed: 20261125 },
      );
    });

    it('tombstones: a later deletion hides the record from reads but keeps its history', async () => {
      const p = await api.register('patient', 'Uma');
      const t = Date.UTC(2026, 7, 1);
      await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('x', 'diary', 'd', hlc(t), { a: 1 })] } });
      await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('x', 'diary', 'd', hlc(t + 1), {}, { deleted: true, version: 2 })] } });
      expect(((await api.call('GET', '/records', { token: p.token })).json() as { records: unknown[] }).records).toEqual([]);
      expect(((await api.call('GET', '/records/x/history', { token: p.token })).json() as { versions: unknown[] }).versions).toHaveLength(2);
    });
  });

  describe('programs, audit, export, deletion, FHIR', () => {
    it('a clinician with a share assigns a home program the patient pulls; without a share it is refused', async () => {
      const p = await api.register('patient', 'Vic');
      const d = await api.register('clinician', 'Dr Wu');
      const stranger = await api.register('clinician', 'Dr Xi');
      await api.share(p.token, d.token);
      const doc = { exercises: [{ name: 'chin tuck', reps: 10, holdS: 5 }], sessionsPerWeek: 5 };
      const created = await api.call('POST', `/clinician/patients/${p.id}/programs`, { token: d.token, body: { title: 'Week 1', document: doc } });
      expect(created.statusCode).toBe(201);
      const denied = await api.call('POST', `/clinician/patients/${p.id}/programs`, { token: stranger.token, body: { title: 'Spam', document: {} } });
      expect(errorCode(denied)).toBe('forbidden');
      const pulled = (await api.call('GET', '/programs', { token: p.token })).json() as { programs: { title: string; document: unknown; clinicianId: string }[] };
      expect(pulled.programs).toHaveLength(1);
      expect(pulled.programs[0]).toMatchObject({ title: 'Week 1', document: doc, clinicianId: d.id });
    });

    it('every read and write of patient data is audited, visible to the patient, and the log is append-only', async () => {
      const p = await api.register('patient', 'Yara');
      const d = await api.register('clinician', 'Dr Zed');
      await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('a1', 'measures', 'd', hlc(Date.UTC(2026, 8, 1)), { value: 2, unit: 'deg' })] } });
      await api.share(p.token, d.token);
      await api.call('GET', `/clinician/patients/${p.id}/records`, { token: d.token });
      await api.call('GET', `/fhir/Patient/${p.id}/$everything`, { token: d.token });
      const log = (await api.call('GET', '/audit', { token: p.token })).json() as { entries: { actorId: string; action: string; resource: string; atMs: number }[] };
      const summary = log.entries.map((e) => `${e.actorId === d.id ? 'clinician' : 'patient'}:${e.action}:${e.resource}`);
      expect(summary).toEqual(['patient:write:sync/push', 'clinician:write:share', 'clinician:read:records', 'clinician:read:fhir/Patient/$everything']);
      expect(log.entries.every((e) => e.atMs > 0)).toBe(true);
      // A clinician cannot read the patient's audit log through the patient route.
      expect(errorCode(await api.call('GET', '/audit', { token: d.token }))).toBe('forbidden');
      // The database refuses to change or remove audit rows.
      await expect(sql`update audit_log set action = 'read' where patient_id = ${p.id}`.execute(srv.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where patient_id = ${p.id}`.execute(srv.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`update change_log set version = 9 where owner_id = ${p.id}`.execute(srv.database.db)).rejects.toThrow(/append-only/);
    });

    it('exports everything and deletes everything on request', async () => {
      const p = await api.register('patient', 'Abe');
      const d = await api.register('clinician', 'Dr Bo');
      await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('e1', 'diary', 'd', hlc(Date.UTC(2026, 9, 1)), { n: 1 })] } });
      await api.share(p.token, d.token);
      await api.call('POST', `/clinician/patients/${p.id}/programs`, { token: d.token, body: { title: 'P', document: { a: 1 } } });
      const exp = (await api.call('GET', '/me/export', { token: p.token })).json() as Record<string, unknown[]> & { account: { id: string } };
      expect(exp.account.id).toBe(p.id);
      expect(exp['changeLog']).toHaveLength(1);
      expect(exp['currentRecords']).toHaveLength(1);
      expect(exp['shares']).toHaveLength(1);
      expect(exp['programs']).toHaveLength(1);
      expect((exp['audit'] as unknown[]).length).toBeGreaterThanOrEqual(3);

      expect(errorCode(await api.call('POST', '/me/delete', { token: p.token, body: { confirm: 'yes' } }))).toBe('invalid_input');
      expect((await api.call('POST', '/me/delete', { token: p.token, body: { confirm: 'delete all my data' } })).statusCode).toBe(200);
      const db = srv.database.db;
      for (const [table, col] of [['change_log', 'owner_id'], ['records_current', 'owner_id'], ['shares', 'patient_id'], ['programs', 'patient_id'], ['sessions', 'account_id'], ['accounts', 'id']] as const) {
        const n = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(col)} = ${p.id}`.execute(db);
        expect(n.rows[0]?.n, table).toBe(0);
      }
      expect(errorCode(await api.call('GET', '/me', { token: p.token }))).toBe('unauthenticated');
      expect(errorCode(await api.call('GET', `/clinician/patients/${p.id}/records`, { token: d.token }))).toBe('forbidden');
      // The deletion itself stays in the (pseudonymous) audit log.
      const audit = await sql<{ action: string }>`select action from audit_log where patient_id = ${p.id} order by seq desc limit 1`.execute(db);
      expect(audit.rows[0]?.action).toBe('delete');
    });

    it('serves a FHIR R4 $everything Bundle with only the shared categories', async () => {
      const p = await api.register('patient', 'Cleo');
      const d = await api.register('clinician', 'Dr Dan');
      const t = Date.UTC(2026, 10, 1, 9, 30);
      await api.call('POST', '/sync/push', {
        token: p.token,
        body: {
          changes: [
            change('m9', 'measures', 'd', hlc(t), { value: 22.5, unit: 'deg' }),
            change('t9', 'treatments', 'd', hlc(t), { product: 'toxin', note: '<script>alert(1)</script>' }),
            change('h9', 'history', 'd', hlc(t), { onsetYear: 2018 }),
          ],
        },
      });
      await api.share(p.token, d.token, { categories: ['measures', 'treatments'] });
      const r = await api.call('GET', `/fhir/Patient/${p.id}/$everything`, { token: d.token });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const bundle = r.json() as { resourceType: string; type: string; entry: { resource: { resourceType: string; id: string; valueQuantity?: unknown } }[] };
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.type).toBe('searchset');
      const kinds = bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`).sort();
      expect(kinds).toEqual([`Observation/m9`, `Patient/${p.id}`, `Procedure/t9`].sort());
      expect(bundle.entry.find((e) => e.resource.id === 'm9')?.resource.valueQuantity).toEqual({ value: 22.5, unit: 'deg' });
      observe({ fhir: bundle.entry.map((e) => ({ ...e, fullUrl: e.resource.resourceType, resource: { ...e.resource, id: e.resource.resourceType === 'Patient' ? 'P' : e.resource.id, subject: undefined } })) });
    });
  });

  describe('hostile input and HTTP hygiene', () => {
    it('refuses oversized bodies, wrong types, unknown fields and non-JSON without effect', async () => {
      const p = await api.register('patient', 'Eve');
      const countLog = async () => Number((await sql<{ n: number }>`select count(*)::int as n from change_log where owner_id = ${p.id}`.execute(srv.database.db)).rows[0]?.n);
      const big = { changes: [change('big', 'diary', 'd', hlc(Date.UTC(2026, 0, 1)), { blob: 'x'.repeat(300 * 1024) })] };
      const r1 = await api.call('POST', '/sync/push', { token: p.token, body: big });
      expect(r1.statusCode).toBe(413);
      expect(errorCode(r1)).toBe('payload_too_large');
      const wrong = [
        { changes: 'not an array' },
        { changes: [{ ...change('w', 'diary', 'd', hlc(Date.UTC(2026, 0, 1))), version: '1' }] },
        { changes: [{ ...change('w', 'diary', 'd', hlc(Date.UTC(2026, 0, 1))), category: 'secrets' }] },
        { changes: [{ ...change('w', 'diary', 'd', '2026-01-01') }] },
        { changes: [{ ...change('w', 'diary', 'd', hlc(Date.UTC(2026, 0, 1))), payload: [1, 2] }] },
        { changes: [{ ...change('w', 'diary', 'd', hlc(Date.UTC(2026, 0, 1))), owner: 'someone-else' }] },
        { changes: [change("w'; delete from change_log; --", 'diary', 'd', hlc(Date.UTC(2026, 0, 1)))] },
        { changes: [change('w', 'diary', "d' or '1'='1", hlc(Date.UTC(2026, 0, 1)))] },
        { changes: [], extra: true },
      ];
      for (const body of wrong) {
        const r = await api.call('POST', '/sync/push', { token: p.token, body });
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(errorCode(r)).toBe('invalid_input');
        expect((r.json() as { error: { message: string } }).error.message).toMatch(/schema/);
      }
      const text = await api.call('POST', '/sync/push', { token: p.token, body: 'changes=1', headers: { 'content-type': 'text/plain' } });
      expect(text.statusCode).toBe(415);
      expect(errorCode(text)).toBe('unsupported_media_type');
      const broken = await api.call('POST', '/sync/push', { token: p.token, body: '{"changes": [', headers: { 'content-type': 'application/json' } });
      expect(errorCode(broken)).toBe('invalid_input');
      expect(await countLog()).toBe(0);

      const inj = [
        { email: "x'; drop table accounts; --@example.org", password: 'long enough password', role: 'patient', displayName: 'X' },
        { email: 'ok@example.org', password: 'long enough password', role: 'admin', displayName: 'X' },
        { email: 'ok2@example.org', password: 'long enough password', role: 'patient', displayName: '<script>alert(1)</script>' },
        { email: 'ok3@example.org', password: 'short', role: 'patient', displayName: 'X' },
        { email: 'ok4@example.org', password: 12345678901234, role: 'patient', displayName: 'X' },
      ];
      for (const body of inj) {
        const r = await api.call('POST', '/auth/register', { body });
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(errorCode(r)).toBe('invalid_input');
      }
      const accounts = await sql<{ n: number }>`select count(*)::int as n from accounts where email like 'ok%'`.execute(srv.database.db);
      expect(accounts.rows[0]?.n).toBe(0);
      // SQL in a query parameter and a path parameter.
      expect(errorCode(await api.call('GET', "/sync/pull?deviceId=a&since=0%20or%201=1", { token: p.token }))).toBe('invalid_input');
      expect(errorCode(await api.call('GET', "/records/x'%20or%201=1/history", { token: p.token }))).toBe('invalid_input');
      // A script inside an opaque payload is stored as data and served as JSON, never as HTML.
      const xss = change('xss', 'diary', 'd', hlc(Date.UTC(2026, 0, 2)), { note: '<img src=x onerror=alert(1)>' });
      expect((await api.call('POST', '/sync/push', { token: p.token, body: { changes: [xss] } })).statusCode).toBe(200);
      const rec = await api.call('GET', '/records', { token: p.token });
      expect(rec.headers['content-type']).toMatch(/^application\/json/);
      expect(rec.headers['x-content-type-options']).toBe('nosniff');
      expect((rec.json() as { records: { payload: unknown }[] }).records[0]?.payload).toEqual({ note: '<img src=x onerror=alert(1)>' });
      expect(await countLog()).toBe(1);
    });

    it('sends security headers and locks CORS to configured origins; errors come from a closed set', async () => {
      const r = await api.call('GET', '/health');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ ok: true, backend: backend.name });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(r.headers['strict-transport-security']).toBeDefined();
      expect(r.headers['cache-control']).toBe('no-store');
      const okCors = await api.call('GET', '/health', { headers: { origin: 'https://clinic.example' } });
      expect(okCors.headers['access-control-allow-origin']).toBe('https://clinic.example');
      const badCors = await api.call('GET', '/health', { headers: { origin: 'https://evil.example' } });
      expect(badCors.headers['access-control-allow-origin']).toBeUndefined();
      const q = await api.call('GET', '/health?debug=1');
      expect(q.statusCode).toBe(400);
      expect(errorCode(q)).toBe('invalid_input');
      const nf = await api.call('GET', '/nope');
      expect(nf.statusCode).toBe(404);
      expect(errorCode(nf)).toBe('not_found');
      for (const res of [nf, await api.call('GET', '/me'), await api.call('POST', '/auth/login', { body: {} })]) {
        expect(ERROR_CODES).toContain(errorCode(res));
        expect(Object.keys(res.json() as object)).toEqual(['error']);
      }
    });
  });
});

describe('lifecycle', () => {
  it('close() releases every database connection and the PGlite instance', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { Kysely } = await import('kysely');
    const { PGliteDialect } = await import('../src/db/pglite-dialect.ts');
    const lite = new PGlite();
    const k = new Kysely<Record<string, never>>({ dialect: new PGliteDialect(lite) });
    await sql`select 1`.execute(k);
    await k.destroy();
    expect(lite.closed).toBe(true);
    if (!cluster) return;
    const scratch = await createScratchDatabase(cluster.url);
    const name = new URL(scratch.url).pathname.slice(1);
    const s = await startTestServer(scratch.url);
    await Promise.all(Array.from({ length: 6 }, () => s.app.inject({ method: 'GET', url: '/health' })));
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: cluster.url });
    await admin.connect();
    const count = async () => Number((await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])).rows[0].n);
    expect(await count()).toBeGreaterThan(0);
    await s.close();
    for (let i = 0; i < 50 && (await count()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(0);
    await admin.end();
    await scratch.drop();
  });
});

describe('differential: PGlite and PostgreSQL agree', () => {
  it.skipIf(!cluster)('same schema, same merge result, same FHIR bundle', () => {
    expect(observed['pglite']).toBeDefined();
    expect(observed['postgres']).toEqual(observed['pglite']);
  });
});
