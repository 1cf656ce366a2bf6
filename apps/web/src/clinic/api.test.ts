import { describe, expect, it } from 'vitest';
import { ClinicApi, ClinicError, CLINIC_ERROR_CODES, CLINIC_ERROR_WORDS, errorFromAnswer, normalizeServerUrl, type FetchLike } from './api.ts';

const SERVER_CODES = ['invalid_input', 'payload_too_large', 'unsupported_media_type', 'unauthenticated', 'session_expired', 'invalid_credentials', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'db_unavailable', 'internal'];
const answer = (code: string, message = 'm') => ({ error: { code, message } });

describe('errors in plain words', () => {
  it('maps every server error code to a closed client code with a sentence, never a status number alone', () => {
    for (const c of SERVER_CODES) {
      const e = errorFromAnswer(400, answer(c), { path: '/x' });
      expect(CLINIC_ERROR_CODES).toContain(e.code);
      expect(e.message.length).toBeGreaterThan(20);
      expect(e.serverCode).toBe(c);
    }
    for (const c of CLINIC_ERROR_CODES) expect(CLINIC_ERROR_WORDS[c]).toMatch(/[.!]$/);
  });

  it('says what happened in context', () => {
    expect(errorFromAnswer(401, answer('invalid_credentials'), { path: '/auth/login' }).code).toBe('wrong-password');
    expect(errorFromAnswer(409, answer('conflict'), { path: '/auth/register' }).code).toBe('account-exists');
    expect(errorFromAnswer(404, answer('not_found'), { path: '/shares/accept' }).code).toBe('share-expired');
    const gone = errorFromAnswer(403, answer('forbidden', 'This patient has no active share with you (never shared, revoked or ended).'), { path: '/clinician/patients/p1/records' });
    expect(gone.code).toBe('not-shared');
    expect(gone.message).toMatch(/no longer shares/);
    expect(errorFromAnswer(403, answer('forbidden', 'This action is for clinician accounts; you are logged in as a patient.'), { path: '/shares/accept' }).code).toBe('wrong-role');
    expect(errorFromAnswer(401, answer('session_expired'), { path: '/sync/push' }).code).toBe('session-ended');
    expect(errorFromAnswer(503, answer('db_unavailable'), { path: '/sync/push' }).transient).toBe(true);
    expect(errorFromAnswer(502, '<html>bad gateway</html>', { path: '/me' }).code).toBe('server-busy');
    expect(errorFromAnswer(500, null, { path: '/me' }).code).toBe('server-error');
  });

  it('checks server addresses', () => {
    expect(normalizeServerUrl(' https://clinic.example.org/ ')).toBe('https://clinic.example.org');
    expect(normalizeServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(() => normalizeServerUrl('clinic')).toThrow(ClinicError);
    expect(() => normalizeServerUrl('ftp://clinic.example.org')).toThrow(/not a server address/);
    expect(() => normalizeServerUrl('http://clinic.example.org')).toThrow(/https/);
  });
});

describe('ClinicApi over a fetch', () => {
  const recorder = (status: number, body: unknown) => {
    const calls: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }> = [];
    const f: FetchLike = async (url, init) => {
      calls.push({ url, method: init.method, headers: init.headers, ...(init.body === undefined ? {} : { body: init.body }) });
      return { status, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
    };
    return { calls, f };
  };

  it('sends the bearer token and JSON, and reads the answer', async () => {
    const r = recorder(200, { results: [{ id: 'd_a', updatedAt: 'x', deviceId: 'dev', status: 'applied' }] });
    const api = new ClinicApi({ baseUrl: 'http://127.0.0.1:1', token: 'tok', fetch: r.f, isOnline: () => true });
    const out = await api.push([]);
    expect(out[0]!.status).toBe('applied');
    expect(r.calls[0]).toMatchObject({ url: 'http://127.0.0.1:1/sync/push', method: 'POST', headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' }, body: '{"changes":[]}' });
    // A POST without a body sends no Content-Type (the server refuses an empty JSON body).
    await api.revoke('s1').catch(() => undefined);
    expect(r.calls[1]!.headers['Content-Type']).toBeUndefined();
  });

  it('offline, unreachable and a non-Geste answer are told apart', async () => {
    const failing: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    let online = false;
    const api = new ClinicApi({ baseUrl: 'http://127.0.0.1:1', fetch: failing, isOnline: () => online });
    await expect(api.me()).rejects.toMatchObject({ code: 'offline' });
    online = true;
    await expect(api.me()).rejects.toMatchObject({ code: 'unreachable' });
    const html = recorder(200, '<!doctype html><p>a web page</p>');
    await expect(new ClinicApi({ baseUrl: 'http://127.0.0.1:1', fetch: html.f, isOnline: () => true }).health()).rejects.toMatchObject({ code: 'unreachable' });
    const wrong = recorder(401, answer('invalid_credentials', 'Email or password is wrong.'));
    await expect(new ClinicApi({ baseUrl: 'http://127.0.0.1:1', fetch: wrong.f, isOnline: () => true }).login('a@b.c', 'x')).rejects.toMatchObject({ code: 'wrong-password', message: CLINIC_ERROR_WORDS['wrong-password'] });
  });
});
