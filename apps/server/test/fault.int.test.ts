/**
 * Fault tests: the server process killed with SIGKILL in the middle of a sync, on a file-backed PGlite
 * and on PostgreSQL; and PostgreSQL restarted (crash-style) under load. Loopback only, bounded loops.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/open.ts';
import { change, createScratchDatabase, hlc, SCRIPT, startPgCluster, testConfig, type PgCluster } from './harness.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const cluster: PgCluster | undefined = startPgCluster(true);
afterAll(() => cluster?.stop());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Child {
  readonly proc: ChildProcess;
  readonly url: string;
}

/** Starts `src/main.ts` as a child on 127.0.0.1:port and waits for its GESTE_LISTENING line. */
function spawnServer(port: number, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, GESTE_PORT: String(port), GESTE_HOST: '127.0.0.1', GESTE_LOG: '0', GESTE_SCRYPT_LOG2_N: '12', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s: ${out} ${err}`)), 120_000);
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /GESTE_LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] as string });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)} before listening: ${err}`));
    });
  });
}

function kill9(c: Child): Promise<void> {
  return new Promise((resolve) => {
    if (c.proc.exitCode !== null || c.proc.signalCode !== null) return resolve();
    c.proc.once('exit', () => resolve());
    c.proc.kill('SIGKILL');
  });
}

async function post(url: string, token: string | undefined, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pushes one batch until the server acknowledges it; connection errors and 503 are retried. */
async function pushUntilAcked(base: () => string, token: string, changes: unknown[], deadline: number, seen: { errors: number; codes: Set<string> }): Promise<void> {
  for (;;) {
    if (Date.now() > deadline) throw new Error('push did not succeed before the deadline');
    try {
      const r = await post(`${base()}/sync/push`, token, { changes });
      if (r.status === 200) return;
      seen.codes.add((r.json as { error: { code: string } }).error.code);
      if (r.status !== 503) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.json)}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
      seen.errors++;
    }
    await sleep(50);
  }
}

function makeBatches(tag: string, nBatches: number, perBatch: number) {
  const t = Date.UTC(2026, 0, 1);
  return Array.from({ length: nBatches }, (_, b) =>
    Array.from({ length: perBatch }, (_, i) => change(`${tag}-${b}-${i}`, 'diary', i % 2 ? 'phone' : 'tablet', hlc(t + b * 1000 + i), { b, i, note: 'x'.repeat(200) })),
  );
}

async function pullAll(base: string, token: string): Promise<{ id: string }[]> {
  const all: { id: string }[] = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${base}/sync/pull?deviceId=verify&since=${since}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const j = (await res.json()) as { changes: { id: string }[]; cursor: number; hasMore: boolean };
    all.push(...j.changes);
    since = j.cursor;
    if (!j.hasMore) return all;
  }
}

interface KillBackend {
  readonly name: string;
  readonly available: boolean;
  env(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}
const KILL_BACKENDS: KillBackend[] = [
  {
    name: 'pglite (file-backed)',
    available: true,
    async env() {
      const dir = mkdtempSync(join(tmpdir(), 'geste-pglite-'));
      return { env: { GESTE_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    available: cluster !== undefined,
    async env() {
      const d = await createScratchDatabase((cluster as PgCluster).url);
      return { env: { GESTE_DATABASE_URL: d.url }, cleanup: () => d.drop() };
    },
  },
];

describe.each(KILL_BACKENDS)('server killed with SIGKILL mid-sync on $name', (backend) => {
  it.skipIf(!backend.available)('loses nothing and duplicates nothing', async () => {
    const { env, cleanup } = await backend.env();
    const port = await freePort();
    let child = await spawnServer(port, env);
    const base = () => child.url;
    try {
      const reg = await post(`${base()}/auth/register`, undefined, { email: 'kill@example.org', password: 'correct horse battery staple', role: 'patient', displayName: 'K' });
      expect(reg.status).toBe(201);
      // Registration gives no session (it answers alike for a taken email): log in.
      const token = ((await post(`${base()}/auth/login`, undefined, { email: 'kill@example.org', password: 'correct horse battery staple' })).json as { token: string }).token;
      const batches = makeBatches('k', 24, 20);
      const deadline = Date.now() + 180_000;
      const seen = { errors: 0, codes: new Set<string>() };
      let acked = 0;
      // Two lanes push concurrently; the killer strikes once a third of the batches are acknowledged.
      const lanes = [0, 1].map(async (lane) => {
        for (let b = lane; b < batches.length; b += 2) {
          await pushUntilAcked(base, token, batches[b] as unknown[], deadline, seen);
          acked++;
        }
      });
      const killer = (async () => {
        while (acked < batches.length / 3) await sleep(5);
        await kill9(child);
        child = await spawnServer(port, env);
      })();
      await Promise.all([...lanes, killer]);
      expect(seen.errors).toBeGreaterThan(0); // the kill really interrupted requests
      // A client that lost every acknowledgement re-sends everything: still no duplicate.
      for (const b of batches.slice(0, 8)) await pushUntilAcked(base, token, b, deadline, seen);
      const all = await pullAll(base(), token);
      const expected = batches.flat().map((c) => c.id);
      expect(all.length).toBe(expected.length);
      expect(new Set(all.map((c) => c.id))).toEqual(new Set(expected));
    } finally {
      await kill9(child);
      await cleanup();
    }
  }, 240_000);
});

describe('PostgreSQL restarted under load', () => {
  it.skipIf(!cluster?.dir)('answers db_unavailable while it is down, recovers by itself, loses and duplicates nothing', async () => {
    const scratch = await createScratchDatabase((cluster as PgCluster).url);
    const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 4 });
    const app = await buildApp({ database, config: testConfig({ loginRateMax: 1000 }), passwordCostLog2: 12 });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      await post(`${url}/auth/register`, undefined, { email: 'restart@example.org', password: 'correct horse battery staple', role: 'patient', displayName: 'R' });
      const token = ((await post(`${url}/auth/login`, undefined, { email: 'restart@example.org', password: 'correct horse battery staple' })).json as { token: string }).token;
      const startedAt = async () => String((await sql<{ t: string }>`select pg_postmaster_start_time()::text as t`.execute(database.db)).rows[0]?.t);
      const before = await startedAt();
      const batches = makeBatches('r', 60, 10);
      const deadline = Date.now() + 180_000;
      const seen = { errors: 0, codes: new Set<string>() };
      let acked = 0;
      const workers = [0, 1, 2, 3].map(async (w) => {
        for (let b = w; b < batches.length; b += 4) {
          await pushUntilAcked(() => url, token, batches[b] as unknown[], deadline, seen);
          acked++;
        }
      });
      const restarter = (async () => {
        while (acked < 15) await sleep(5);
        execFileSync('bash', [SCRIPT, 'restart', (cluster as PgCluster).dir as string, 'immediate']);
      })();
      await Promise.all([...workers, restarter]);
      // Only the typed "try again" answer was seen, never an internal error.
      expect([...seen.codes].every((c) => c === 'db_unavailable')).toBe(true);
      const all = await pullAll(url, token);
      expect(all.length).toBe(600);
      expect(new Set(all.map((c) => c.id)).size).toBe(600);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await startedAt()).not.toBe(before); // the database really did restart
    } finally {
      await app.close();
      await database.close();
      await scratch.drop();
    }
  }, 240_000);
});
