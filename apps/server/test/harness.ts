/** Test harness: one suite, two databases (PGlite in memory and a throwaway PostgreSQL cluster). */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { configFromEnv, type ServerConfig } from '../src/config.ts';
import { openDatabase, type ServerDatabase } from '../src/db/open.ts';

export const SCRIPT = fileURLToPath(new URL('../scripts/pg-test-cluster.sh', import.meta.url));
export const ORIGIN = 'http://localhost:8787';

export function pgBinariesPresent(): boolean {
  if (process.env['PG_BIN']) return existsSync(`${process.env['PG_BIN']}/pg_ctl`);
  if (!existsSync('/usr/lib/postgresql')) return false;
  return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
}

export interface PgCluster {
  readonly url: string;
  /** Only for clusters this process started: the data folder, for restart. */
  readonly dir: string | undefined;
  stop(): void;
}

/** GESTE_TEST_PG_URL when set; else a cluster of our own when the binaries exist; else undefined. */
export function startPgCluster(forceOwn = false): PgCluster | undefined {
  const given = process.env['GESTE_TEST_PG_URL'];
  if (given && !forceOwn) return { url: given, dir: undefined, stop: () => undefined };
  if (!pgBinariesPresent()) return undefined;
  // The watchdog stops the cluster if this process dies without running afterAll.
  const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', env: { ...process.env, GESTE_PG_OWNER_PID: String(process.pid) } });
  const url = /GESTE_TEST_PG_URL=(\S+)/.exec(out)?.[1];
  const dir = /GESTE_TEST_PG_DIR=(\S+)/.exec(out)?.[1];
  if (!url || !dir) throw new Error(`pg-test-cluster.sh printed no URL: ${out}`);
  return { url, dir, stop: () => execFileSync('bash', [SCRIPT, 'stop', dir]) };
}

/** A fresh database inside the cluster, so suites never see each other's rows. */
export async function createScratchDatabase(clusterUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `geste_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(clusterUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: clusterUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function testConfig(over: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...configFromEnv({}),
    publicUrl: ORIGIN,
    webauthnOrigins: [ORIGIN],
    rpId: 'localhost',
    corsOrigins: ['https://clinic.example'],
    loginRateMax: 5,
    // One test client registers dozens of accounts from one address; the address-wide limits have their own test.
    loginRateIpMax: 10_000,
    loginRateGlobalMax: 10_000,
    bodyLimitBytes: 256 * 1024,
    ...over,
  };
}

export class Clock {
  ms = Date.now();
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly database: ServerDatabase;
  readonly clock: Clock;
  close(): Promise<void>;
}

export async function startTestServer(databaseUrl: string | undefined, over: Partial<ServerConfig> = {}): Promise<TestServer> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const clock = new Clock();
  const app = await buildApp({ database, config: testConfig(over), now: clock.now, passwordCostLog2: 12 });
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type Res = LightMyRequestResponse & { body: string };

export class Api {
  constructor(readonly app: FastifyInstance) {}
  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    return (await this.app.inject({
      method,
      url,
      headers,
      ...(opts.body === undefined ? {} : typeof opts.body === 'string' ? { payload: opts.body } : { payload: opts.body as object }),
    })) as Res;
  }
  async register(role: 'patient' | 'clinician', name: string, password = 'correct horse battery staple'): Promise<{ id: string; token: string; email: string }> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.${randomBytes(4).toString('hex')}@example.org`;
    const r = await this.call('POST', '/auth/register', { body: { email, password, role, displayName: name } });
    if (r.statusCode !== 201) throw new Error(`register failed: ${r.statusCode} ${r.body}`);
    // Registration gives no session (it answers alike for a taken email): log in.
    const l = await this.call('POST', '/auth/login', { body: { email, password } });
    if (l.statusCode !== 200) throw new Error(`login after register failed: ${l.statusCode} ${l.body}`);
    const j = l.json() as { accountId: string; token: string };
    return { id: j.accountId, token: j.token, email };
  }
  /** Patient invites, clinician accepts; returns the share id. */
  async share(patientToken: string, clinicianToken: string, body: Record<string, unknown> = {}): Promise<string> {
    const inv = await this.call('POST', '/shares/invites', { token: patientToken, body });
    if (inv.statusCode !== 201) throw new Error(`invite failed: ${inv.statusCode} ${inv.body}`);
    const acc = await this.call('POST', '/shares/accept', { token: clinicianToken, body: { code: (inv.json() as { code: string }).code } });
    if (acc.statusCode !== 201) throw new Error(`accept failed: ${acc.statusCode} ${acc.body}`);
    return (acc.json() as { id: string }).id;
  }
}

/** An HLC stamp at `ms` with an optional logical counter. */
export function hlc(ms: number, counter = 0): string {
  return `${new Date(ms).toISOString()}-${String(counter).padStart(4, '0')}`;
}
export function change(id: string, category: string, deviceId: string, stamp: string, payload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { id, kind: `${category}.entry`, category, updatedAt: stamp, deviceId, version: 1, payload, ...extra };
}
