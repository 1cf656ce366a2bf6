/**
 * For tests: starts the real clinic server (apps/server/src/main.ts) as its own process on a free
 * port of 127.0.0.1, with embedded PGlite in a temporary folder, CORS for the given origins and,
 * optionally, the passkey relying party (rpId, origins).
 * Resolves once it prints its GESTE_LISTENING line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../../server/', import.meta.url));
const SERVER_MAIN = join(SERVER_DIR, 'src', 'main.ts');

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ClinicServerOptions {
  /** Origins the browser reports for passkeys (GESTE_WEBAUTHN_ORIGINS); default: the server's public URL. */
  readonly webauthnOrigins?: readonly string[];
  /** Passkey relying party id (GESTE_RP_ID); default `localhost`. It must be the page's host (not an IP address). */
  readonly rpId?: string;
}

export async function startClinicServer(corsOrigins: readonly string[] = [], opts: ClinicServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'geste-clinic-server-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN], {
    cwd: SERVER_DIR, // tsx resolves from the workspace
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GESTE_DATA_DIR: join(dir, 'pglite'),
      GESTE_HOST: '127.0.0.1',
      GESTE_PORT: String(port),
      GESTE_CORS_ORIGINS: corsOrigins.join(','),
      GESTE_LOG: '0',
      // Cheaper password hashing for tests only (the server default is 2^17).
      GESTE_SCRYPT_LOG2_N: '12',
      GESTE_LOGIN_RATE_MAX: '100',
      // One browser signs up and in many times from 127.0.0.1; the address-wide limits have their own server test.
      GESTE_LOGIN_RATE_IP_MAX: '10000',
      GESTE_LOGIN_RATE_GLOBAL_MAX: '10000',
      ...(opts.webauthnOrigins ? { GESTE_WEBAUTHN_ORIGINS: opts.webauthnOrigins.join(',') } : {}),
      ...(opts.rpId ? { GESTE_RP_ID: opts.rpId } : {}),
    },
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clinic server did not start: ${out}`)), 90_000);
    const on = (d: Buffer): void => {
      out += d.toString();
      if (out.includes('GESTE_LISTENING')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`clinic server exited (${code}): ${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
