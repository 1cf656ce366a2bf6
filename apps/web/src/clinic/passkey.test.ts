/**
 * The pure half of passkey.ts: base64url against Node's own codec (property test), options made by
 * the library the server uses (@simplewebauthn/server) turned into what the browser takes, and
 * credentials turned back into JSON that the same library verifies (real ES256 signatures from the
 * server's software authenticator). The browser half runs in test/passkey.int.test.ts.
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from '../../../server/test/webauthn-authenticator.ts';
import { ClinicApi, ClinicError, CLINIC_ERROR_CODES, CLINIC_ERROR_WORDS, errorFromAnswer, type FetchLike } from './api.ts';
import {
  assertionToJSON,
  base64urlToBytes,
  bytesToBase64url,
  creationOptionsFromJSON,
  isIpHost,
  passkeyErrorFrom,
  passkeysSupported,
  registrationToJSON,
  requestOptionsFromJSON,
  signInWithPasskey,
  type CreationOptionsJSON,
  type CredentialLike,
  type RequestOptionsJSON,
} from './passkey.ts';

const RP = 'localhost';
const ORIGIN = 'http://localhost:5173';
const ab = (b64url: string): ArrayBuffer => base64urlToBytes(b64url).buffer;
const same = (a: ArrayBuffer | ArrayBufferView | BufferSource, b: Uint8Array): boolean => Buffer.from(a instanceof ArrayBuffer ? a : (a as ArrayBufferView).buffer).equals(Buffer.from(b));

describe('base64url', () => {
  it('agrees with Node both ways for any bytes, padding or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const s = bytesToBase64url(bytes);
        expect(s).toBe(Buffer.from(bytes).toString('base64url'));
        expect(Buffer.from(base64urlToBytes(s)).equals(Buffer.from(bytes))).toBe(true);
        // Plain, padded base64 decodes to the same bytes.
        expect(Buffer.from(base64urlToBytes(Buffer.from(bytes).toString('base64'))).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('takes a view at its offset and refuses what is not base64url', () => {
    const buf = new Uint8Array([9, 9, 0xfb, 0xff, 0xbf, 9]);
    expect(bytesToBase64url(buf.subarray(2, 5))).toBe('-_-_');
    expect(() => base64urlToBytes('ab$d')).toThrow(/not base64url/);
    expect(() => base64urlToBytes('abcde')).toThrow(/impossible length/);
  });
});

describe('server options → browser options', () => {
  it('registration options from @simplewebauthn/server keep every byte and choice', async () => {
    const excluded = Buffer.from('an existing passkey').toString('base64url');
    const json = await generateRegistrationOptions({
      rpName: 'Geste',
      rpID: RP,
      userName: 'pat@example.org',
      userDisplayName: 'Pat',
      userID: new TextEncoder().encode('account-1'),
      attestationType: 'none',
      excludeCredentials: [{ id: excluded, transports: ['internal'] }],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      supportedAlgorithmIDs: [-7, -257],
    });
    const o = creationOptionsFromJSON(json as unknown as CreationOptionsJSON);
    expect(same(o.challenge, base64urlToBytes(json.challenge))).toBe(true);
    expect(new TextDecoder().decode(o.user.id as Uint8Array)).toBe('account-1');
    expect(o.rp).toEqual({ name: 'Geste', id: RP });
    expect(o.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    expect(o.excludeCredentials).toHaveLength(1);
    expect(new TextDecoder().decode(o.excludeCredentials![0]!.id as Uint8Array)).toBe('an existing passkey');
    expect(o.excludeCredentials![0]!.transports).toEqual(['internal']);
    expect(o.authenticatorSelection?.userVerification).toBe('preferred');
    expect(o.attestation).toBe('none');
  });
  it('login options list the account passkeys as bytes', async () => {
    const ids = [Buffer.from([1, 2, 3, 250]).toString('base64url'), Buffer.from('second').toString('base64url')];
    const json = await generateAuthenticationOptions({ rpID: RP, userVerification: 'preferred', allowCredentials: ids.map((id) => ({ id })) });
    const o = requestOptionsFromJSON(json as unknown as RequestOptionsJSON);
    expect(o.rpId).toBe(RP);
    expect(o.allowCredentials!.map((d) => Buffer.from(d.id as Uint8Array).toString('base64url'))).toEqual(ids);
    expect(same(o.challenge, base64urlToBytes(json.challenge))).toBe(true);
  });
});

/** What a browser's PublicKeyCredential looks like, rebuilt from the software authenticator's JSON. */
function asBrowserCredential(j: ReturnType<SoftwareAuthenticator['create']> | ReturnType<SoftwareAuthenticator['get']>): CredentialLike {
  const r = j.response as Record<string, unknown>;
  return {
    id: j.id,
    rawId: ab(j.rawId),
    type: 'public-key',
    authenticatorAttachment: null, // browsers may say null; it must not reach the server
    getClientExtensionResults: () => ({}),
    response: {
      clientDataJSON: ab(r['clientDataJSON'] as string),
      ...(r['attestationObject'] ? { attestationObject: ab(r['attestationObject'] as string), getTransports: () => ['internal'] } : {}),
      ...(r['authenticatorData'] ? { authenticatorData: ab(r['authenticatorData'] as string), signature: ab(r['signature'] as string), userHandle: null } : {}),
    },
  };
}

describe('browser credentials → server JSON, verified by the server library', () => {
  it('a registration and then an assertion verify with real ES256 signatures', async () => {
    const auth = new SoftwareAuthenticator(RP, ORIGIN);
    const reg = await generateRegistrationOptions({ rpName: 'Geste', rpID: RP, userName: 'p@x.org', attestationType: 'none' });
    const regJSON = registrationToJSON(asBrowserCredential(auth.create(reg.challenge)));
    expect(regJSON).not.toHaveProperty('authenticatorAttachment');
    expect(regJSON.response.transports).toEqual(['internal']);
    const v = await verifyRegistrationResponse({ response: regJSON as never, expectedChallenge: reg.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, requireUserVerification: false });
    expect(v.verified).toBe(true);
    const cred = v.registrationInfo!.credential;

    const login = await generateAuthenticationOptions({ rpID: RP, allowCredentials: [{ id: cred.id }] });
    const asJSON = assertionToJSON(asBrowserCredential(auth.get(login.challenge)));
    expect(asJSON.response).not.toHaveProperty('userHandle');
    const a = await verifyAuthenticationResponse({ response: asJSON as never, expectedChallenge: login.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, credential: cred, requireUserVerification: false });
    expect(a.verified).toBe(true);

    // One flipped signature bit and the same library refuses it.
    const bad = { ...asJSON, response: { ...asJSON.response, signature: bytesToBase64url(base64urlToBytes(asJSON.response.signature!).map((x, i) => (i === 10 ? x ^ 1 : x))) } };
    const login2 = await generateAuthenticationOptions({ rpID: RP, allowCredentials: [{ id: cred.id }] });
    const again = assertionToJSON(asBrowserCredential(auth.get(login2.challenge)));
    const tampered = { ...again, response: { ...again.response, signature: bad.response.signature } };
    await expect(
      verifyAuthenticationResponse({ response: tampered as never, expectedChallenge: login2.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, credential: cred, requireUserVerification: false }).then((r) => r.verified),
    ).resolves.toBe(false);
  });
  it('refuses to serialise the wrong kind of credential', () => {
    const auth = new SoftwareAuthenticator(RP, ORIGIN);
    expect(() => registrationToJSON(asBrowserCredential(auth.get('AAAA')))).toThrow(/not a registration/);
    expect(() => assertionToJSON(asBrowserCredential(auth.create('AAAA')))).toThrow(/not an assertion/);
  });
});

describe('feature detection and errors in words', () => {
  it('needs PublicKeyCredential, a secure context and navigator.credentials', () => {
    const PKC = function PublicKeyCredential(): void {};
    expect(passkeysSupported({ PublicKeyCredential: PKC, isSecureContext: true, navigator: { credentials: {} } })).toBe(true);
    expect(passkeysSupported({ isSecureContext: true, navigator: { credentials: {} } })).toBe(false);
    expect(passkeysSupported({ PublicKeyCredential: PKC, isSecureContext: false, navigator: { credentials: {} } })).toBe(false);
    expect(passkeysSupported({ PublicKeyCredential: PKC, isSecureContext: true, navigator: {} })).toBe(false);
    expect(passkeysSupported({ PublicKeyCredential: PKC, isSecureContext: true, navigator: { credentials: {} }, location: { hostname: 'localhost' } })).toBe(true);
    for (const ip of ['127.0.0.1', '192.168.1.20', '[::1]', '::1']) {
      expect(isIpHost(ip)).toBe(true);
      expect(passkeysSupported({ PublicKeyCredential: PKC, isSecureContext: true, navigator: { credentials: {} }, location: { hostname: ip } })).toBe(false);
    }
    expect(isIpHost('clinic.example.org')).toBe(false);
    expect(passkeysSupported()).toBe(false); // Node has no WebAuthn
  });
  it('maps what the browser throws to passkey codes with sentences', () => {
    const dom = (name: string): DOMException => new DOMException('x', name);
    expect(passkeyErrorFrom(dom('NotAllowedError'), 'get').code).toBe('passkey-cancelled');
    expect(passkeyErrorFrom(dom('AbortError'), 'get').code).toBe('passkey-cancelled');
    expect(passkeyErrorFrom(dom('NotAllowedError'), 'create').message).toMatch(/No passkey was added\.$/);
    expect(passkeyErrorFrom(dom('InvalidStateError'), 'create').code).toBe('passkey-exists');
    expect(passkeyErrorFrom(dom('SecurityError'), 'get').code).toBe('passkey-mismatch');
    expect(passkeyErrorFrom(dom('NotSupportedError'), 'get').code).toBe('passkey-unsupported');
    expect(passkeyErrorFrom(dom('WeirdError'), 'get').message).toMatch(/The browser said: WeirdError/);
    const fromServer = new ClinicError('server-busy', CLINIC_ERROR_WORDS['server-busy']);
    expect(passkeyErrorFrom(fromServer, 'get')).toBe(fromServer);
    for (const c of CLINIC_ERROR_CODES.filter((x) => x.startsWith('passkey-'))) expect(CLINIC_ERROR_WORDS[c]).toMatch(/[.!]$/);
  });
  it('server refusals on the passkey routes are passkey words, not "wrong password"', () => {
    const ans = (code: string, message: string) => ({ error: { code, message } });
    const unknown = errorFromAnswer(401, ans('invalid_credentials', 'This passkey is not registered here.'), { path: '/auth/passkeys/login/verify' });
    expect(unknown.code).toBe('passkey-refused');
    expect(unknown.message).toMatch(/not registered on this server/);
    const forged = errorFromAnswer(401, ans('invalid_credentials', 'The passkey assertion could not be verified: Signature verification failed.'), { path: '/auth/passkeys/login/verify' });
    expect(forged.message).toBe(CLINIC_ERROR_WORDS['passkey-refused']);
    expect(errorFromAnswer(409, ans('conflict', 'This passkey is already registered.'), { path: '/auth/passkeys/register/verify' }).code).toBe('passkey-exists');
    expect(errorFromAnswer(401, ans('invalid_credentials', 'Email or password is wrong.'), { path: '/auth/login' }).code).toBe('wrong-password');
  });
  it('sign-in is usernameless: sends no email, lets the browser offer its passkeys; none chosen = "cancelled"; "cannot" without WebAuthn', async () => {
    const calls: string[] = [];
    const bodies: unknown[] = [];
    const f: FetchLike = async (url, init) => {
      calls.push(url);
      bodies.push(init.body === undefined ? undefined : JSON.parse(init.body));
      return { status: 200, text: async () => JSON.stringify({ challenge: 'AAAA', rpId: RP, allowCredentials: [], timeout: 60000 }) };
    };
    let asked = 0;
    const creds = { create: async () => null, get: async () => (asked++, null) };
    const api = new ClinicApi({ baseUrl: 'http://127.0.0.1:1', fetch: f, isOnline: () => true });
    await expect(signInWithPasskey(api, 'nobody@example.org', { creds })).rejects.toMatchObject({ code: 'passkey-cancelled' });
    expect(calls).toEqual(['http://127.0.0.1:1/auth/passkeys/login/options']);
    expect(bodies).toEqual([{}]);
    expect(asked).toBe(1);
    await expect(signInWithPasskey(api, 'nobody@example.org', { creds: null })).rejects.toMatchObject({ code: 'passkey-unsupported' });
    expect(calls).toHaveLength(1); // nothing sent when the browser cannot use passkeys
  });
});
