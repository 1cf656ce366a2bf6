/** Server settings, all from the environment, with safe defaults for a laptop. */
export interface ServerConfig {
  /** `postgres://…` for PostgreSQL; undefined = embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** PGlite data directory (`memory://` for in-memory). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Origins allowed by CORS; empty = no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** WebAuthn relying party id (a domain) and the origin(s) the browser reports. */
  readonly rpId: string;
  readonly rpName: string;
  readonly webauthnOrigins: readonly string[];
  readonly sessionTtlMs: number;
  readonly sessionIdleMs: number;
  readonly bodyLimitBytes: number;
  /** Sign-in attempts per window: per address and account, per address, failed per account, and in all (auth/throttle.ts). */
  readonly loginRateMax: number;
  readonly loginRateIpMax: number;
  readonly loginRateAccountMax: number;
  readonly loginRateGlobalMax: number;
  readonly loginRateWindowMs: number;
  /** Password hashes computed at once, and how many may wait for one. */
  readonly hashConcurrency: number;
  readonly hashQueueMax: number;
  /**
   * Addresses (IPs or CIDR ranges) of reverse proxies whose `X-Forwarded-For` is believed; empty =
   * none (the socket address is the client). Set it when the server runs behind a proxy, or every
   * client shares the proxy's address and its sign-in limits.
   */
  readonly trustProxy: readonly string[];
  readonly publicUrl: string;
}

function int(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}".`);
  return n;
}

function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Where `npm start` serves the web app on this machine: allowed when GESTE_CORS_ORIGINS is not set. */
export const LOCAL_APP_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'] as const;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = int(env['GESTE_PORT'], 8787, 'GESTE_PORT');
  const host = env['GESTE_HOST'] ?? '127.0.0.1';
  const publicUrl = env['GESTE_PUBLIC_URL'] ?? `http://localhost:${port}`;
  return {
    databaseUrl: env['GESTE_DATABASE_URL'] || undefined,
    dataDir: env['GESTE_DATA_DIR'] ?? '.data/pglite',
    host,
    port,
    corsOrigins: env['GESTE_CORS_ORIGINS'] === undefined ? [...LOCAL_APP_ORIGINS] : list(env['GESTE_CORS_ORIGINS']),
    rpId: env['GESTE_RP_ID'] ?? 'localhost',
    rpName: env['GESTE_RP_NAME'] ?? 'Geste',
    // Passkeys are bound to the page's origin: by default the web app served locally (a host name, not 127.0.0.1).
    webauthnOrigins: list(env['GESTE_WEBAUTHN_ORIGINS']).length > 0 ? list(env['GESTE_WEBAUTHN_ORIGINS']) : [publicUrl, LOCAL_APP_ORIGINS[0]],
    sessionTtlMs: int(env['GESTE_SESSION_TTL_MS'], 12 * 3600_000, 'GESTE_SESSION_TTL_MS'),
    sessionIdleMs: int(env['GESTE_SESSION_IDLE_MS'], 30 * 60_000, 'GESTE_SESSION_IDLE_MS'),
    bodyLimitBytes: int(env['GESTE_BODY_LIMIT_BYTES'], 1024 * 1024, 'GESTE_BODY_LIMIT_BYTES'),
    loginRateMax: int(env['GESTE_LOGIN_RATE_MAX'], 10, 'GESTE_LOGIN_RATE_MAX'),
    loginRateIpMax: int(env['GESTE_LOGIN_RATE_IP_MAX'], 30, 'GESTE_LOGIN_RATE_IP_MAX'),
    loginRateAccountMax: int(env['GESTE_LOGIN_RATE_ACCOUNT_MAX'], 50, 'GESTE_LOGIN_RATE_ACCOUNT_MAX'),
    loginRateGlobalMax: int(env['GESTE_LOGIN_RATE_GLOBAL_MAX'], 600, 'GESTE_LOGIN_RATE_GLOBAL_MAX'),
    loginRateWindowMs: int(env['GESTE_LOGIN_RATE_WINDOW_MS'], 60_000, 'GESTE_LOGIN_RATE_WINDOW_MS'),
    hashConcurrency: Math.max(1, int(env['GESTE_HASH_CONCURRENCY'], 2, 'GESTE_HASH_CONCURRENCY')),
    hashQueueMax: int(env['GESTE_HASH_QUEUE_MAX'], 16, 'GESTE_HASH_QUEUE_MAX'),
    trustProxy: list(env['GESTE_TRUST_PROXY']),
    publicUrl,
  };
}
