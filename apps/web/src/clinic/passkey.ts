/**
 * Passkeys (WebAuthn) for the clinic screens: the browser half of the server's
 * `/auth/passkeys/{register,login}/{options,verify}` routes (docs/server.md).
 *
 * The server sends options as JSON with binary fields in base64url; the browser's
 * `navigator.credentials.create/get` wants ArrayBuffers and answers with ArrayBuffers; the server wants
 * the answer back as JSON with base64url. The conversions here are pure and tested on their own
 * (passkey.test.ts); the flows take the `CredentialsContainer` as a parameter so that they can run
 * against the real browser (test/passkey.int.test.ts drives Chromium with a virtual authenticator).
 *
 * Every failure becomes a `ClinicError` with a passkey code and a sentence for a person; the password
 * form stays the fallback for all of them.
 * // ref: W3C Web Authentication Level 3, §5.1 PublicKeyCredential (toJSON shapes), §5.4 options
 * // ref: RFC 4648 §5 (base64url, no padding); the coders are @simplewebauthn/browser's
 */
import { base64URLStringToBuffer, bufferToBase64URLString } from '@simplewebauthn/browser';
import { ClinicError, CLINIC_ERROR_WORDS, type ClinicApi, type Session } from './api.ts';

// ---- base64url <-> bytes: @simplewebauthn/browser's coders, behind the shape check they leave out

/** Bytes → base64url without padding (RFC 4648 §5). */
export function bytesToBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const buf = data instanceof ArrayBuffer ? data : (new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer as ArrayBuffer);
  return bufferToBase64URLString(buf);
}

const B64URL_RE = /^[A-Za-z0-9_+/-]*={0,2}$/;

/** base64url (padding optional; `+` and `/` of plain base64 accepted too) → bytes; throws on anything else. */
export function base64urlToBytes(s: string): Uint8Array<ArrayBuffer> {
  // `atob` underneath skips white space and other oddities; the shape is checked here first.
  if (!B64URL_RE.test(s)) throw new Error(`not base64url: ${JSON.stringify(s.slice(0, 20))}`);
  if (s.replace(/=+$/, '').length % 4 === 1) throw new Error('not base64url: impossible length');
  return new Uint8Array(base64URLStringToBuffer(s.replace(/=+$/, '')));
}

// The server's JSON shapes live in webauthnJson.ts (api.ts needs them too; no import cycle).
import type { CredentialDescriptorJSON, CreationOptionsJSON, CredentialJSON, RequestOptionsJSON } from './webauthnJson.ts';
export type { CredentialDescriptorJSON, CreationOptionsJSON, CredentialJSON, RequestOptionsJSON } from './webauthnJson.ts';

const descriptor = (d: CredentialDescriptorJSON): PublicKeyCredentialDescriptor => ({
  type: 'public-key',
  id: base64urlToBytes(d.id),
  ...(d.transports ? { transports: [...d.transports] as AuthenticatorTransport[] } : {}),
});

/** Server JSON → the options `navigator.credentials.create({publicKey})` takes. Pure. */
export function creationOptionsFromJSON(j: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    challenge: base64urlToBytes(j.challenge),
    rp: j.rp.id === undefined ? { name: j.rp.name } : { name: j.rp.name, id: j.rp.id },
    user: { id: base64urlToBytes(j.user.id), name: j.user.name, displayName: j.user.displayName },
    pubKeyCredParams: j.pubKeyCredParams.map((p) => ({ alg: p.alg, type: 'public-key' })),
    ...(j.timeout === undefined ? {} : { timeout: j.timeout }),
    excludeCredentials: (j.excludeCredentials ?? []).map(descriptor),
    ...(j.authenticatorSelection ? { authenticatorSelection: j.authenticatorSelection } : {}),
    ...(j.attestation ? { attestation: j.attestation } : {}),
    ...(j.extensions ? { extensions: j.extensions as AuthenticationExtensionsClientInputs } : {}),
  };
}

/** Server JSON → the options `navigator.credentials.get({publicKey})` takes. Pure. */
export function requestOptionsFromJSON(j: RequestOptionsJSON): PublicKeyCredentialRequestOptions {
  return {
    challenge: base64urlToBytes(j.challenge),
    ...(j.rpId === undefined ? {} : { rpId: j.rpId }),
    ...(j.timeout === undefined ? {} : { timeout: j.timeout }),
    allowCredentials: (j.allowCredentials ?? []).map(descriptor),
    ...(j.userVerification ? { userVerification: j.userVerification } : {}),
    ...(j.extensions ? { extensions: j.extensions as AuthenticationExtensionsClientInputs } : {}),
  };
}

/** The parts of a PublicKeyCredential read here (structural, so tests can hand in plain objects). */
export interface CredentialLike {
  readonly id: string;
  readonly rawId: ArrayBuffer;
  readonly type: string;
  readonly authenticatorAttachment?: string | null;
  getClientExtensionResults?: () => unknown;
  readonly response: {
    readonly clientDataJSON: ArrayBuffer;
    readonly attestationObject?: ArrayBuffer;
    readonly authenticatorData?: ArrayBuffer;
    readonly signature?: ArrayBuffer;
    readonly userHandle?: ArrayBuffer | null;
    getTransports?: () => string[];
    getPublicKey?: () => ArrayBuffer | null;
    getPublicKeyAlgorithm?: () => number;
  };
}

function common(c: CredentialLike): Omit<CredentialJSON, 'response'> {
  const att = c.authenticatorAttachment;
  const ext = c.getClientExtensionResults?.();
  return {
    id: c.id,
    rawId: bytesToBase64url(c.rawId),
    type: 'public-key',
    ...(att === 'platform' || att === 'cross-platform' ? { authenticatorAttachment: att } : {}),
    clientExtensionResults: ext && typeof ext === 'object' ? (ext as Record<string, unknown>) : {},
  };
}

/** A credential from `create()` → the server's registration JSON. Pure. */
export function registrationToJSON(c: CredentialLike): CredentialJSON {
  const r = c.response;
  if (!r.attestationObject) throw new Error('not a registration: no attestationObject');
  const publicKey = r.getPublicKey?.() ?? null;
  return {
    ...common(c),
    response: {
      clientDataJSON: bytesToBase64url(r.clientDataJSON),
      attestationObject: bytesToBase64url(r.attestationObject),
      ...(r.getTransports ? { transports: r.getTransports() } : {}),
      ...(publicKey ? { publicKey: bytesToBase64url(publicKey) } : {}),
      ...(r.getPublicKeyAlgorithm ? { publicKeyAlgorithm: r.getPublicKeyAlgorithm() } : {}),
    },
  };
}

/** An assertion from `get()` → the server's authentication JSON. Pure. */
export function assertionToJSON(c: CredentialLike): CredentialJSON {
  const r = c.response;
  if (!r.authenticatorData || !r.signature) throw new Error('not an assertion: no authenticatorData/signature');
  return {
    ...common(c),
    response: {
      clientDataJSON: bytesToBase64url(r.clientDataJSON),
      authenticatorData: bytesToBase64url(r.authenticatorData),
      signature: bytesToBase64url(r.signature),
      ...(r.userHandle ? { userHandle: bytesToBase64url(r.userHandle) } : {}),
    },
  };
}

// ---- feature detection and errors

/** An IPv4 or IPv6 literal (as `location.hostname` gives it): WebAuthn refuses these as relying parties. */
export const isIpHost = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');

/**
 * Whether this page can use passkeys at all: WebAuthn present, a secure context (https, or http on
 * localhost), and a host name rather than an IP address (a page at http://127.0.0.1 can never match a
 * relying-party id, so it gets no passkey button).
 */
export function passkeysSupported(
  g: { PublicKeyCredential?: unknown; isSecureContext?: boolean; navigator?: { credentials?: unknown }; location?: { hostname?: string } } = globalThis as never,
): boolean {
  return (
    typeof g.PublicKeyCredential === 'function' &&
    g.isSecureContext === true &&
    typeof g.navigator?.credentials === 'object' &&
    g.navigator.credentials !== null &&
    !isIpHost(g.location?.hostname ?? '')
  );
}

const passkeyError = (code: 'passkey-unsupported' | 'passkey-cancelled' | 'passkey-none' | 'passkey-exists' | 'passkey-mismatch', extra = ''): ClinicError =>
  new ClinicError(code, extra ? `${CLINIC_ERROR_WORDS[code]} ${extra}` : CLINIC_ERROR_WORDS[code]);

/**
 * Maps what `navigator.credentials.create/get` threw to a ClinicError. Browsers report a cancelled
 * prompt, a timeout and "no passkey on this device for this account" all as NotAllowedError on
 * purpose (privacy), so one sentence covers the three. ClinicErrors (from the server) pass through.
 */
export function passkeyErrorFrom(e: unknown, phase: 'create' | 'get'): ClinicError {
  if (e instanceof ClinicError) return e;
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return phase === 'get' ? passkeyError('passkey-cancelled') : passkeyError('passkey-cancelled', 'No passkey was added.');
    case 'InvalidStateError':
      return passkeyError('passkey-exists');
    case 'SecurityError':
      return passkeyError('passkey-mismatch');
    case 'NotSupportedError':
      return passkeyError('passkey-unsupported');
    default:
      return passkeyError('passkey-unsupported', `(The browser said: ${name || String(e)}.)`);
  }
}

// ---- the two flows

export type Credentials = Pick<CredentialsContainer, 'create' | 'get'>;
export interface PasskeyOptions {
  /** Default: the browser's `navigator.credentials` where passkeysSupported(), else none. */
  readonly creds?: Credentials | null;
  /** Aborts the browser's passkey prompt (a "Cancel" button); the flow then fails as 'passkey-cancelled'. */
  readonly signal?: AbortSignal;
}
const browserCredentials = (): Credentials | null => (passkeysSupported() ? navigator.credentials : null);

/**
 * Adds a passkey on this device to the logged-in account of `api` (it must hold a session token).
 * Resolves with the new credential's id.
 */
export async function addPasskey(api: ClinicApi, opts: PasskeyOptions = {}): Promise<string> {
  const creds = opts.creds === undefined ? browserCredentials() : opts.creds;
  if (!creds) throw passkeyError('passkey-unsupported');
  const options = await api.passkeyRegisterOptions();
  let cred: Credential | null;
  try {
    cred = await creds.create({ publicKey: creationOptionsFromJSON(options), ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (e) {
    throw passkeyErrorFrom(e, 'create');
  }
  if (!cred) throw passkeyError('passkey-cancelled', 'No passkey was added.');
  const { credentialId } = await api.passkeyRegisterVerify(registrationToJSON(cred as unknown as CredentialLike));
  return credentialId;
}

/**
 * Signs in with a passkey; on success `api` holds the new session token. Usernameless: the server
 * names no credentials (so it cannot be asked who has an account), the browser offers the passkeys it
 * holds for this site, and the one chosen names the account. `_email` is kept for callers and unused.
 * A device with no passkey for this server answers like a cancelled request (`passkey-cancelled`).
 */
export async function signInWithPasskey(api: ClinicApi, _email?: string, opts: PasskeyOptions = {}): Promise<Session> {
  const creds = opts.creds === undefined ? browserCredentials() : opts.creds;
  if (!creds) throw passkeyError('passkey-unsupported');
  const options = await api.passkeyLoginOptions();
  let cred: Credential | null;
  try {
    cred = await creds.get({ publicKey: requestOptionsFromJSON(options), ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (e) {
    throw passkeyErrorFrom(e, 'get');
  }
  if (!cred) throw passkeyError('passkey-cancelled');
  return api.passkeyLoginVerify(assertionToJSON(cred as unknown as CredentialLike));
}
