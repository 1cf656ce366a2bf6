/**
 * Poison inputs the server refuses (issue 16): each a clear 4xx in the documented error shape, and
 * nothing stored. Run on PGlite and on PostgreSQL (when the binaries exist), like server.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { HLC_MAX_SKEW_MS } from '@geste/contract';
import { ERROR_CODES } from '../src/errors.ts';
import { MAX_JSON_DEPTH } from '../src/input.ts';
import { Api, change, createScratchDatabase, hlc, startPgCluster, startTestServer, type PgCluster, type TestServer } from './harness.ts';

const cluster: PgCluster | undefined = startPgCluster();
afterAll(() => cluster?.stop());

const BACKENDS: Array<{ name: string; open(): Promise<{ url: string | undefined; drop(): Promise<void> }> }> = [{ name: 'pglite', open: async () => ({ url: undefined, drop: async () => undefined }) }];
if (cluster) BACKENDS.push({ name: 'postgres', open: () => createScratchDatabase(cluster.url) });

type Answer = { statusCode: number; json(): unknown; body: string };
/** The documented error shape, with a code from the closed set. */
function refusal(r: Answer, status: number, code: string): string {
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(ERROR_CODES).toContain(body.error.code);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

const PASSWORD = 'correct horse battery staple';
const z = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, null]));
/** A diary entry the app itself would write (core's DiaryEntry schema, version 2). */
const RECORD_DIARY = (id: string) => ({
  type: 'diary',
  schemaVersion: 2,
  id,
  atMs: Date.UTC(2026, 10, 1),
  period: 'day',
  pain: z(['neck', 'shoulders', 'head']),
  symptoms: z(['pulling', 'spasms', 'jerks', 'tremor']),
  impact: z(['work', 'driving', 'reading', 'screens', 'sleep', 'social']),
  stress: 3,
  mood: 7,
  note: 'fine',
});

describe.each(BACKENDS)('refusals on $name', (backend) => {
  let srv: TestServer;
  let api: Api;
  let drop: () => Promise<void>;
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
  const count = async (table: string, where = sql`true`) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(srv.database.db)).rows[0]?.n);

  it('HLC poisoning: impossible dates and stamps beyond the skew are refused, the batch stored not at all', async () => {
    const p = await api.register('patient', 'Hal');
    const now = srv.clock.now();
    const good = change('ok', 'diary', 'phone', hlc(now - 1000));
    for (const stamp of ['2026-99-99T99:99:99.999Z-0000', '2026-02-30T10:00:00.000Z-0000', '9999-12-31T23:59:59.999Z-9999', hlc(now + HLC_MAX_SKEW_MS + 60_000), '1970-01-01T00:00:00.000Z-0000']) {
      const r = await api.call('POST', '/sync/push', { token: p.token, body: { changes: [good, change('bad', 'diary', 'phone', stamp)] } });
      const msg = refusal(r, 400, 'invalid_input');
      expect(msg, stamp).toMatch(/changes\[1\] \(bad\) updatedAt/);
      expect((r.json() as { error: { details: { issues: { path: string }[] } } }).error.details.issues[0]?.path).toBe('/changes/1/updatedAt');
    }
    expect(await count('change_log', sql`owner_id = ${p.id}`)).toBe(0);
    expect(await count('records_current', sql`owner_id = ${p.id}`)).toBe(0);
    // Within the skew: accepted (a device clock a little ahead is normal).
    const ahead = await api.call('POST', '/sync/push', { token: p.token, body: { changes: [good, change('ahead', 'diary', 'phone', hlc(now + HLC_MAX_SKEW_MS - 60_000))] } });
    expect(ahead.statusCode, ahead.body).toBe(200);
  });

  it('payloads of the app\'s record kinds must pass the app\'s record schema', async () => {
    const p = await api.register('patient', 'Ria');
    const t = hlc(srv.clock.now());
    const valid = { id: 'd_r1', kind: 'diary', category: 'diary', updatedAt: t, deviceId: 'phone', version: 1, payload: RECORD_DIARY('r1') };
    const bad = [
      { ...valid, payload: { type: 'diary', id: 'r1' } }, // missing fields
      { ...valid, payload: { ...RECORD_DIARY('r1'), mood: 'high' } },
      { ...valid, id: 'd_other' }, // id does not match the record
      { ...valid, category: 'measures' }, // wrong category for the kind
      { ...valid, kind: 'treatment', category: 'treatments', id: 't_r1' }, // payload of another type
      { ...valid, deleted: true, payload: { type: 'diary' } }, // tombstone without id
    ];
    for (const c of bad) {
      const msg = refusal(await api.call('POST', '/sync/push', { token: p.token, body: { changes: [c] } }), 400, 'invalid_input');
      expect(msg).toMatch(/payload/);
    }
    expect(await count('change_log', sql`owner_id = ${p.id}`)).toBe(0);
    const ok = await api.call('POST', '/sync/push', { token: p.token, body: { changes: [valid] } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('NUL and unpaired surrogates in payloads, keys, display names and emails → 400, nothing stored', async () => {
    const p = await api.register('patient', 'Nul');
    const t = hlc(srv.clock.now());
    for (const note of ['a\u0000b', 'x\ud800', '\udc00y']) {
      const r = await api.call('POST', '/sync/push', { token: p.token, body: JSON.stringify({ changes: [change('n', 'diary', 'd', t, { note })] }), headers: { 'content-type': 'application/json' } });
      expect(refusal(r, 400, 'invalid_input')).toMatch(/U\+0000|surrogate/);
    }
    const keyNul = await api.call('POST', '/sync/push', { token: p.token, body: `{"changes":[${JSON.stringify(change('n', 'diary', 'd', t)).replace('"payload":{}', '"payload":{"a\\u0000":1}')}]}`, headers: { 'content-type': 'application/json' } });
    refusal(keyNul, 400, 'invalid_input');
    expect(await count('change_log', sql`owner_id = ${p.id}`)).toBe(0);
    for (const body of [
      { email: 'zznul1@example.org', password: PASSWORD, role: 'patient', displayName: 'A\u0000B' },
      { email: 'zznul2@example.org', password: PASSWORD, role: 'patient', displayName: 'A\ud83d' },
      { email: 'zznul3\u0000@example.org', password: PASSWORD, role: 'patient', displayName: 'A' },
      { email: 'zznul4\udfff@example.org', password: PASSWORD, role: 'patient', displayName: 'A' },
    ]) {
      refusal(await api.call('POST', '/auth/register', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }), 400, 'invalid_input');
    }
    expect(await count('accounts', sql`email like 'zznul%'`)).toBe(0);
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('e', 'diary', 'd', t, { note: 'ok 🙂' })] } });
    expect(emoji.statusCode).toBe(200);
  });

  it(`JSON nested 10 000 deep → 400 before parsing; ${MAX_JSON_DEPTH} levels is the limit`, async () => {
    const p = await api.register('patient', 'Deep');
    const t = hlc(srv.clock.now());
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const body of [deep, `{"changes":${deep}}`, `{"changes":[${JSON.stringify(change('x', 'diary', 'd', t)).replace('"payload":{}', `"payload":{"a":${deep}}`)}]}`]) {
      const r = await api.call('POST', '/sync/push', { token: p.token, body, headers: { 'content-type': 'application/json' } });
      expect(refusal(r, 400, 'invalid_input')).toMatch(/nested deeper/);
    }
    refusal(await api.call('POST', '/auth/login', { body: '{"email":' + '['.repeat(5000), headers: { 'content-type': 'application/json' } }), 400, 'invalid_input');
    // Brackets inside strings do not count.
    const nested = (n: number): unknown => (n === 0 ? { s: '[[[[{{{{' } : { a: nested(n - 1) });
    const fine = await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('y', 'diary', 'd', t, nested(MAX_JSON_DEPTH - 5) as Record<string, unknown>)] } });
    expect(fine.statusCode, fine.body).toBe(200);
    expect(await count('change_log', sql`owner_id = ${p.id}`)).toBe(1);
  });

  it('common and repetitive passwords, bidi overrides in display names are refused', async () => {
    for (const password of ['password1234', 'aaaaaaaaaaaa', 'qwerty123456', 'Password2024!', 'abcabcabcabc']) {
      const msg = refusal(await api.call('POST', '/auth/register', { body: { email: `weak.${password.length}.${password.charCodeAt(0)}@example.org`, password, role: 'patient', displayName: 'W' } }), 400, 'invalid_input');
      expect(msg).toMatch(/too easy to guess/);
    }
    for (const displayName of ['Ada\u202Egnp.exe', 'Bob\u2066x\u2069', 'C\u200Fd', 'tab\there']) {
      refusal(await api.call('POST', '/auth/register', { body: { email: 'bidi@example.org', password: PASSWORD, role: 'patient', displayName } }), 400, 'invalid_input');
    }
    expect(await count('accounts', sql`email like 'weak.%' or email = 'bidi@example.org'`)).toBe(0);
  });

  it('no account enumeration: registration and passkey options answer alike for taken and new emails', async () => {
    const taken = await api.register('patient', 'Taken');
    const a = await api.call('POST', '/auth/register', { body: { email: taken.email, password: 'some other long phrase', role: 'clinician', displayName: 'Impostor' } });
    const b = await api.call('POST', '/auth/register', { body: { email: 'brand.new.person@example.org', password: 'some other long phrase', role: 'clinician', displayName: 'New' } });
    expect([a.statusCode, a.json()]).toEqual([b.statusCode, b.json()]);
    const acct = await srv.database.db.selectFrom('accounts').select(['role', 'display_name']).where('email', '=', taken.email).executeTakeFirstOrThrow();
    expect(acct).toEqual({ role: 'patient', display_name: 'Taken' });
    const o1 = (await api.call('POST', '/auth/passkeys/login/options', { body: { email: taken.email } })).json() as Record<string, unknown>;
    const o2 = (await api.call('POST', '/auth/passkeys/login/options', { body: { email: 'nobody.at.all@example.org' } })).json() as Record<string, unknown>;
    const o3 = (await api.call('POST', '/auth/passkeys/login/options', { body: {} })).json() as Record<string, unknown>;
    expect({ ...o1, challenge: '' }).toEqual({ ...o2, challenge: '' });
    expect({ ...o3, challenge: '' }).toEqual({ ...o2, challenge: '' });
  });

  it('URL and HTTP hygiene: bad escape, too long, in the error shape', async () => {
    refusal(await api.call('GET', '/records/%E0%A4%A/history'), 400, 'invalid_input');
    refusal(await api.call('GET', `/records/${'a'.repeat(300)}/history`), 414, 'uri_too_long');
    refusal(await api.call('GET', `/nope/${'b'.repeat(5000)}`), 404, 'not_found');
  });

  it('TRUNCATE of the audit log and the change log is refused by the database', async () => {
    const p = await api.register('patient', 'Tru');
    await api.call('POST', '/sync/push', { token: p.token, body: { changes: [change('t', 'diary', 'd', hlc(srv.clock.now()))] } });
    const before = await count('audit_log');
    await expect(sql`truncate audit_log`.execute(srv.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate change_log cascade`.execute(srv.database.db)).rejects.toThrow(/append-only/);
    expect(await count('audit_log')).toBe(before);
    expect(await count('change_log', sql`owner_id = ${p.id}`)).toBe(1);
  });

  it('refused clinician reads are audited and shown to the patient', async () => {
    const p = await api.register('patient', 'Aud');
    const d = await api.register('clinician', 'Dr Nosy');
    refusal(await api.call('GET', `/clinician/patients/${p.id}/records`, { token: d.token }), 403, 'forbidden');
    refusal(await api.call('GET', `/fhir/Patient/${p.id}/$everything`, { token: d.token }), 403, 'forbidden');
    await api.share(p.token, d.token, { categories: ['diary'] });
    refusal(await api.call('GET', `/clinician/patients/${p.id}/records?category=treatments`, { token: d.token }), 403, 'forbidden');
    const log = (await api.call('GET', '/audit', { token: p.token })).json() as { entries: { actorId: string; action: string; resource: string; detail: { reason?: string } }[] };
    const refused = log.entries.filter((e) => e.action === 'refused').map((e) => `${e.actorId === d.id ? 'clinician' : '?'}:${e.resource}:${e.detail.reason}`);
    expect(refused).toEqual(['clinician:records:no-active-share', 'clinician:fhir:no-active-share', 'clinician:records:category-not-shared:treatments']);
  });
});

describe('sign-in limits (PGlite)', () => {
  it('per address across emails, per account across addresses (failures only), globally; a trusted proxy gives the client address', async () => {
    const srv = await startTestServer(undefined, { loginRateMax: 100, loginRateIpMax: 3, loginRateAccountMax: 3, loginRateGlobalMax: 12, trustProxy: ['10.0.0.1'] });
    const api = new Api(srv.app);
    try {
      const login = (email: string, password: string, ip: string, fwd?: string) =>
        srv.app.inject({ method: 'POST', url: '/auth/login', remoteAddress: ip, headers: fwd ? { 'x-forwarded-for': fwd } : {}, payload: { email, password } });
      // Per address: the 4th email from one address is refused, whatever the email.
      const spray = [];
      for (let i = 0; i < 4; i++) spray.push((await login(`spray${i}@example.org`, 'whatever whatever', '198.51.100.7')).statusCode);
      expect(spray).toEqual([401, 401, 401, 429]);
      // Per account: 3 failures from 3 addresses; then even the right password from a 4th address waits.
      const v = await api.register('patient', 'Victim'); // from 127.0.0.1 (inject's default)
      for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) expect((await login(v.email, 'wrong wrong wrong', ip)).statusCode).toBe(401);
      expect((await login(v.email, PASSWORD, '203.0.113.4')).statusCode).toBe(429);
      srv.clock.advance(61_000);
      expect((await login(v.email, PASSWORD, '203.0.113.4')).statusCode).toBe(200);
      // Behind the trusted proxy, each forwarded client has its own budget…
      for (let i = 0; i < 3; i++) expect((await login(`p${i}@example.org`, 'x x x x x x', '10.0.0.1', '192.0.2.1')).statusCode).toBe(401);
      expect((await login('p9@example.org', 'x x x x x x', '10.0.0.1', '192.0.2.1')).statusCode).toBe(429);
      expect((await login('p9@example.org', 'x x x x x x', '10.0.0.1', '192.0.2.2')).statusCode).toBe(401);
      // …and an untrusted sender cannot pick its address with the header.
      srv.clock.advance(61_000);
      for (let i = 0; i < 3; i++) await login(`q${i}@example.org`, 'x x x x x x', '198.51.100.9', `192.0.2.${10 + i}`);
      expect((await login('q9@example.org', 'x x x x x x', '198.51.100.9', '192.0.2.99')).statusCode).toBe(429);
      // Globally: 12 attempts a window in all, from any mix of addresses.
      srv.clock.advance(61_000);
      const codes = [];
      for (let i = 0; i < 13; i++) codes.push((await login(`g${i}@example.org`, 'x x x x x x', `192.0.2.${100 + i}`)).statusCode);
      expect(codes.slice(0, 12).every((c) => c === 401)).toBe(true);
      expect(codes[12]).toBe(429);
    } finally {
      await srv.close();
    }
  });

  it('password hashing is bounded: at most `hashConcurrency` at once, a short queue, the rest refused at once', async () => {
    const srv = await startTestServer(undefined, { loginRateMax: 1000, loginRateIpMax: 1000, loginRateGlobalMax: 1000, loginRateAccountMax: 1000, hashConcurrency: 1, hashQueueMax: 3 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => srv.app.inject({ method: 'POST', url: '/auth/login', payload: { email: `c${i}@example.org`, password: 'whatever whatever' } })),
      );
      const codes = answers.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401).length).toBeGreaterThanOrEqual(1);
      expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4); // 1 running + 3 queued
      const busy = answers.filter((r) => r.statusCode === 429);
      expect(busy.length).toBeGreaterThanOrEqual(16);
      expect((busy[0]?.json() as { error: { message: string } }).error.message).toMatch(/busy/);
      expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    } finally {
      await srv.close();
    }
  });
});
