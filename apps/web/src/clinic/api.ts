/**
 * Client for the optional clinic server (apps/server, docs/server.md). Every failure becomes a
 * `ClinicError` with a closed code and a sentence for a person: offline, server unreachable, wrong
 * password, share expired, … — never a raw status code or stack. `fetch` is injectable for tests.
 */
import type { PulledChange as ContractPulledChange, PushResult as ContractPushResult, WireChange as ContractWireChange } from '@geste/contract';
import type { CreationOptionsJSON, CredentialJSON, RequestOptionsJSON } from './webauthnJson.ts';

export const CLINIC_ERROR_CODES = [
  'offline',
  'unreachable',
  'bad-url',
  'wrong-password',
  'account-exists',
  'session-ended',
  'not-shared',
  'share-expired',
  'wrong-role',
  'not-found',
  'invalid',
  'too-many-attempts',
  'server-busy',
  'server-error',
  'passkey-unsupported',
  'passkey-cancelled',
  'passkey-none',
  'passkey-refused',
  'passkey-exists',
  'passkey-mismatch',
] as const;
export type ClinicErrorCode = (typeof CLINIC_ERROR_CODES)[number];

export class ClinicError extends Error {
  override readonly name = 'ClinicError';
  constructor(
    readonly code: ClinicErrorCode,
    message: string,
    /** The server's own error code, when the server answered. */
    readonly serverCode?: string,
  ) {
    super(message);
  }
  /** Worth retrying later without changing anything (the request may or may not have arrived). */
  get transient(): boolean {
    return this.code === 'offline' || this.code === 'unreachable' || this.code === 'server-busy';
  }
}

/** Sentences for each code; the server's message is added where it says more (e.g. which field). */
export const CLINIC_ERROR_WORDS: Readonly<Record<ClinicErrorCode, string>> = {
  offline: 'This device is offline. Your data is safe here and will be sent when you are online again.',
  unreachable: 'The clinic server cannot be reached. Check the address, or try again later. Your data on this device is intact.',
  'bad-url': 'This is not a server address. Type it like https://clinic.example.org.',
  'wrong-password': 'The email or the password is wrong.',
  'account-exists': 'The account could not be opened with this password. If this email already has an account, log in with its password instead.',
  'session-ended': 'You were logged out (the session ended). Log in again.',
  'not-shared': 'This patient no longer shares this with you: the share was revoked or has ended. Ask the patient for a new invitation.',
  'share-expired': 'This invitation code is unknown, already used or expired. Ask the patient for a new code.',
  'wrong-role': 'This account cannot do that (patient and clinician accounts do different things).',
  'not-found': 'Not found on the server.',
  invalid: 'The server refused the request as malformed.',
  'too-many-attempts': 'Too many attempts. Wait a minute and try again.',
  'server-busy': 'The clinic server is busy or restarting. Try again in a moment; nothing was lost.',
  'server-error': 'The clinic server had an unexpected problem. Try again later; your data on this device is intact.',
  'passkey-unsupported': 'This browser cannot use a passkey here. Log in with your password instead.',
  'passkey-cancelled': 'No passkey was used: the request was cancelled or timed out, or this device has no passkey for this account. Try again, or log in with your password.',
  'passkey-none': 'There is no passkey for this email on this clinic server. Log in with your password; then you can add a passkey to this device.',
  'passkey-refused': 'The clinic server did not accept this passkey. Log in with your password instead.',
  'passkey-exists': 'This device already has a passkey for this account. Use it next time you sign in.',
  'passkey-mismatch': "This page's address does not match the clinic server's passkey settings, so passkeys cannot be used here. Log in with your password.",
};

export type Category = 'measures' | 'diary' | 'treatments' | 'history' | 'videos';
export type Role = 'patient' | 'clinician';

export interface Session {
  readonly accountId: string;
  readonly role: Role;
  readonly token: string;
  readonly expiresAtMs: number;
}
export interface Me {
  readonly accountId: string;
  readonly email: string;
  readonly role: Role;
  readonly displayName: string;
}
export interface Invite {
  readonly code: string;
  readonly link: string;
  readonly categories: Category[];
  readonly endsAtMs: number | null;
  readonly expiresAtMs: number;
}
export interface Share {
  readonly id: string;
  readonly patientId: string;
  readonly clinicianId: string;
  readonly categories: Category[];
  readonly endsAtMs: number | null;
  readonly revokedAtMs: number | null;
  readonly createdAtMs: number;
  readonly active: boolean;
  /** The other party's display name (the patient sees clinicianName, the clinician patientName). */
  readonly clinicianName?: string;
  readonly patientName?: string;
}
/** One record version on the wire (docs/sync.md, "Envelope"): the contract's type (@geste/contract), read-only here. */
export type WireChange = Readonly<ContractWireChange>;
export type PushStatus = ContractPushResult['status'];
export type PushResult = Readonly<ContractPushResult>;
export type PulledChange = Readonly<Omit<ContractPulledChange, 'payload'>> & { readonly payload: Record<string, unknown> };
export interface PullPage {
  readonly changes: PulledChange[];
  readonly cursor: number;
  readonly hasMore: boolean;
}
/** A record as a clinician reads it: the current version of a wire change (no tombstones). */
export type SharedRecord = Readonly<Omit<ContractWireChange, 'deleted' | 'payload'>> & { readonly payload: unknown };
export interface PatientSummary {
  readonly patientId: string;
  readonly displayName: string;
  readonly categories: Category[];
  readonly endsAtMs: number | null;
}
export interface AssignedProgram {
  readonly id: string;
  readonly clinicianId: string;
  readonly title: string;
  readonly document: unknown;
  readonly createdAtMs: number;
}
export interface AuditEntry {
  readonly seq: number;
  readonly atMs: number;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly resource: string;
  readonly detail: unknown;
}

/** Checks and normalises a server address typed by a person; throws ClinicError('bad-url'). */
export function normalizeServerUrl(input: string): string {
  const s = input.trim().replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new ClinicError('bad-url', CLINIC_ERROR_WORDS['bad-url']);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ClinicError('bad-url', CLINIC_ERROR_WORDS['bad-url']);
  if (u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) && !/^(10|192\.168|172\.(1[6-9]|2\d|3[01]))\./.test(u.hostname)) {
    throw new ClinicError('bad-url', 'Use an https:// address (plain http is only for this computer or a local network).');
  }
  return s;
}

/** Maps a server error answer (HTTP status + `{error:{code,message}}`) to a ClinicError. Pure. */
export function errorFromAnswer(status: number, body: unknown, context: { path: string }): ClinicError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const serverCode = typeof err?.code === 'string' ? err.code : undefined;
  const serverMsg = typeof err?.message === 'string' ? err.message : '';
  const make = (code: ClinicErrorCode, extra = ''): ClinicError => new ClinicError(code, extra ? `${CLINIC_ERROR_WORDS[code]} ${extra}` : CLINIC_ERROR_WORDS[code], serverCode);
  if (context.path.startsWith('/auth/passkeys/')) {
    if (serverCode === 'invalid_credentials') return make('passkey-refused', /not registered/.test(serverMsg) ? '(This passkey is not registered on this server.)' : '');
    if (serverCode === 'conflict') return make('passkey-exists');
  }
  switch (serverCode) {
    case 'invalid_credentials':
      return make('wrong-password');
    case 'unauthenticated':
    case 'session_expired':
      return make('session-ended');
    case 'conflict':
      return context.path === '/auth/register' ? make('account-exists') : make('invalid', serverMsg);
    case 'forbidden':
      // A clinician reading through a share that is gone, or a role mismatch.
      return /for (patient|clinician) accounts/.test(serverMsg) ? make('wrong-role') : context.path.startsWith('/clinician/') ? make('not-shared') : make('wrong-role', serverMsg);
    case 'not_found':
      return context.path === '/shares/accept' ? make('share-expired') : make('not-found', serverMsg);
    case 'rate_limited':
      return make('too-many-attempts');
    case 'db_unavailable':
      return make('server-busy');
    case 'invalid_input':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'uri_too_long':
      return make('invalid', serverMsg);
    case 'internal':
      return make('server-error');
    default:
      break;
  }
  if (status === 502 || status === 503 || status === 504) return make('server-busy');
  if (status >= 500) return make('server-error');
  return make('invalid', `(HTTP ${status})`);
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export interface ClinicApiOptions {
  readonly baseUrl: string;
  readonly token?: string | null;
  readonly fetch?: FetchLike;
  /** Whether the device believes it is online (navigator.onLine); false turns a network failure into 'offline'. */
  readonly isOnline?: () => boolean;
  readonly timeoutMs?: number;
}

export class ClinicApi {
  readonly baseUrl: string;
  token: string | null;
  private readonly f: FetchLike;
  private readonly isOnline: () => boolean;
  private readonly timeoutMs: number;

  constructor(opts: ClinicApiOptions) {
    this.baseUrl = normalizeServerUrl(opts.baseUrl);
    this.token = opts.token ?? null;
    this.f = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.isOnline = opts.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    if (!this.isOnline()) throw new ClinicError('offline', CLINIC_ERROR_WORDS.offline);
    const headers: Record<string, string> = {};
    if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const ctrl = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = ctrl ? setTimeout(() => ctrl.abort(), this.timeoutMs) : null;
    let res: { status: number; text(): Promise<string> };
    let text: string;
    try {
      res = await this.f(`${this.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), ...(ctrl ? { signal: ctrl.signal } : {}) });
      text = await res.text();
    } catch {
      // fetch rejects (TypeError) for DNS, refused connections, CORS refusals and aborts alike.
      throw this.isOnline() ? new ClinicError('unreachable', CLINIC_ERROR_WORDS.unreachable) : new ClinicError('offline', CLINIC_ERROR_WORDS.offline);
    } finally {
      if (timer) clearTimeout(timer);
    }
    let json: unknown = null;
    try {
      json = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.status >= 200 && res.status < 300) {
      if (json === null && text.length > 0) throw new ClinicError('unreachable', `${CLINIC_ERROR_WORDS.unreachable} (The address answered, but not like a Geste clinic server.)`);
      return json as T;
    }
    throw errorFromAnswer(res.status, json, { path: path.split('?')[0] ?? path });
  }

  // ---- accounts
  async health(): Promise<{ ok: boolean; backend: string }> {
    const h = await this.call<{ ok?: unknown; backend?: unknown }>('GET', '/health');
    if (h?.ok !== true) throw new ClinicError('unreachable', `${CLINIC_ERROR_WORDS.unreachable} (The address answered, but not like a Geste clinic server.)`);
    return { ok: true, backend: String(h.backend) };
  }
  /**
   * Registers, then logs in: the server answers a registration alike for a new and a taken email (no
   * account enumeration) and gives no session. A login that then fails means the email was taken with
   * another password: `account-exists`.
   */
  async register(email: string, password: string, role: Role, displayName: string): Promise<Session> {
    const r = await this.call<Partial<Session>>('POST', '/auth/register', { email, password, role, displayName });
    if (typeof r.token === 'string' && typeof r.accountId === 'string' && typeof r.expiresAtMs === 'number' && (r.role === 'patient' || r.role === 'clinician')) {
      this.token = r.token; // a server from before that change
      return r as Session;
    }
    try {
      return await this.login(email, password);
    } catch (e) {
      if (e instanceof ClinicError && e.code === 'wrong-password') throw new ClinicError('account-exists', CLINIC_ERROR_WORDS['account-exists'], e.serverCode);
      throw e;
    }
  }
  async login(email: string, password: string): Promise<Session> {
    const s = await this.call<Session>('POST', '/auth/login', { email, password });
    this.token = s.token;
    return s;
  }
  async logout(): Promise<void> {
    try {
      await this.call('POST', '/auth/logout', {});
    } finally {
      this.token = null;
    }
  }
  me(): Promise<Me> {
    return this.call('GET', '/me');
  }

  // ---- passkeys (the browser part is in passkey.ts)
  /** 🔒 Options for adding a passkey to the logged-in account. */
  passkeyRegisterOptions(): Promise<CreationOptionsJSON> {
    return this.call('POST', '/auth/passkeys/register/options', {});
  }
  /** 🔒 Sends the new credential; the server checks it and stores its public key. */
  passkeyRegisterVerify(response: CredentialJSON): Promise<{ credentialId: string }> {
    return this.call('POST', '/auth/passkeys/register/verify', { response });
  }
  /** Options (a fresh challenge) for signing in with a passkey; the server lists no credentials (usernameless), so the email is not sent. */
  passkeyLoginOptions(): Promise<RequestOptionsJSON> {
    return this.call('POST', '/auth/passkeys/login/options', {});
  }
  /** Sends the signed assertion; on success this client holds the new session. */
  async passkeyLoginVerify(response: CredentialJSON): Promise<Session> {
    const s = await this.call<Session>('POST', '/auth/passkeys/login/verify', { response });
    this.token = s.token;
    return s;
  }

  // ---- sync (patient)
  async push(changes: readonly WireChange[]): Promise<PushResult[]> {
    return (await this.call<{ results: PushResult[] }>('POST', '/sync/push', { changes })).results;
  }
  pull(deviceId: string, since: number, limit = 500): Promise<PullPage> {
    return this.call('GET', `/sync/pull?deviceId=${encodeURIComponent(deviceId)}&since=${since}&limit=${limit}`);
  }
  async ack(deviceId: string, cursor: number): Promise<number> {
    return (await this.call<{ cursor: number }>('POST', '/sync/ack', { deviceId, cursor })).cursor;
  }

  // ---- sharing (patient)
  invite(categories: readonly Category[], endsAtMs: number | null): Promise<Invite> {
    return this.call('POST', '/shares/invites', endsAtMs === null ? { categories } : { categories, endsAtMs });
  }
  async shares(): Promise<Share[]> {
    return (await this.call<{ shares: Share[] }>('GET', '/shares')).shares;
  }
  revoke(shareId: string): Promise<Share> {
    return this.call('POST', `/shares/${encodeURIComponent(shareId)}/revoke`);
  }
  async programs(sinceMs = 0): Promise<AssignedProgram[]> {
    return (await this.call<{ programs: AssignedProgram[] }>('GET', `/programs?sinceMs=${Math.max(0, Math.floor(sinceMs))}`)).programs;
  }
  async audit(since = 0): Promise<AuditEntry[]> {
    return (await this.call<{ entries: AuditEntry[] }>('GET', `/audit?since=${since}&limit=1000`)).entries;
  }
  exportAll(): Promise<Record<string, unknown>> {
    return this.call('GET', '/me/export');
  }
  async deleteAccount(): Promise<void> {
    await this.call('POST', '/me/delete', { confirm: 'delete all my data' });
    this.token = null;
  }

  // ---- clinician
  accept(code: string): Promise<Share> {
    return this.call('POST', '/shares/accept', { code: code.trim().toUpperCase() });
  }
  async patients(): Promise<PatientSummary[]> {
    return (await this.call<{ patients: PatientSummary[] }>('GET', '/clinician/patients')).patients;
  }
  patientRecords(patientId: string): Promise<{ patientId: string; categories: Category[]; records: SharedRecord[] }> {
    return this.call('GET', `/clinician/patients/${encodeURIComponent(patientId)}/records`);
  }
  assignProgram(patientId: string, title: string, document: Record<string, unknown>): Promise<{ id: string; patientId: string; title: string; createdAtMs: number }> {
    return this.call('POST', `/clinician/patients/${encodeURIComponent(patientId)}/programs`, { title, document });
  }
}

/** Words for anything thrown by the client (a ClinicError's own message, else a generic sentence). */
export function clinicWords(e: unknown): string {
  if (e instanceof ClinicError) return e.message;
  return `Something went wrong (${String(e)}). Your data on this device is intact.`;
}
