/**
 * Sync load test on loopback: sustained push and pull req/s and p99 latency, on file-backed PGlite
 * and on PostgreSQL (GESTE_TEST_PG_URL, or a throwaway cluster from apps/server/scripts/pg-test-cluster.sh).
 *   node --import tsx bench/server-sync.ts [--seconds 10] [--connections 10] [--batch 10]
 * Bounded: each run lasts --seconds and targets 127.0.0.1 only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp, configFromEnv, openDatabase } from '@geste/server';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 10);
const BATCH = arg('batch', 10);
const SCRIPT = fileURLToPath(new URL('../apps/server/scripts/pg-test-cluster.sh', import.meta.url));

interface Row {
  backend: string;
  scenario: string;
  reqPerSec: number;
  changesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function runOne(backend: string, databaseUrl: string | undefined, dataDir: string): Promise<Row[]> {
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 10 });
  const app = await buildApp({ database, config: { ...configFromEnv({}), loginRateMax: 1000, loginRateIpMax: 100_000, loginRateGlobalMax: 100_000 }, passwordCostLog2: 12 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const rows: Row[] = [];
  try {
    // One patient per connection: a clinic serves many patients; one patient's pushes are serialised.
    const tokens: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const email = `bench${i}-${backend.replace(/[^a-z]/g, '')}@example.org`;
      const password = 'correct horse battery staple';
      const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const reg = await post('/auth/register', { email, password, role: 'patient', displayName: 'Bench' });
      if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
      // Registration gives no session: log in.
      const login = await post('/auth/login', { email, password });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      tokens.push(((await login.json()) as { token: string }).token);
    }
    let clients = 0;
    const setupClient = (client: autocannon.Client) => {
      client.setHeaders({ authorization: `Bearer ${tokens[clients++ % tokens.length] as string}`, 'content-type': 'application/json' });
    };
    let n = 0;
    const t0 = Date.UTC(2026, 0, 1);
    const batch = () => {
      const changes = Array.from({ length: BATCH }, () => {
        n++;
        return { id: `r${n % 5000}`, kind: 'diary.entry', category: 'diary', updatedAt: `${new Date(t0 + n).toISOString()}-0000`, deviceId: n % 2 ? 'phone' : 'tablet', version: 1, payload: { n, note: 'bench entry text of ordinary length' } };
      });
      return JSON.stringify({ changes });
    };
    const push = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      setupClient,
      requests: [{ method: 'POST', path: '/sync/push', setupRequest: (req) => ({ ...req, body: batch() }) }],
    });
    rows.push(summarise(backend, `push ${BATCH}/req`, push, BATCH));
    const total = n;
    const pull = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      setupClient,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/sync/pull?deviceId=bench&limit=100&since=${Math.floor(Math.random() * Math.max(1, total - 100 * CONNECTIONS))}` }) }],
    });
    rows.push(summarise(backend, 'pull 100/req', pull, 100));
  } finally {
    await app.close();
    await database.close();
  }
  return rows;
}

function summarise(backend: string, scenario: string, r: autocannon.Result, perReq: number): Row {
  return {
    backend,
    scenario,
    reqPerSec: Math.round(r.requests.average),
    changesPerSec: Math.round(r.requests.average * perReq),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'geste-bench-pglite-'));
try {
  rows.push(...(await runOne('pglite (file)', undefined, dir)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
let pgUrl = process.env['GESTE_TEST_PG_URL'];
let pgDir: string | undefined;
if (!pgUrl) {
  try {
    const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
    pgUrl = /GESTE_TEST_PG_URL=(\S+)/.exec(out)?.[1];
    pgDir = /GESTE_TEST_PG_DIR=(\S+)/.exec(out)?.[1];
  } catch {
    console.error('no PostgreSQL binaries: PostgreSQL run skipped');
  }
}
if (pgUrl) {
  const name = `geste_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  try {
    rows.push(...(await runOne('postgres', u.toString(), 'memory://')));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    if (pgDir) execFileSync('bash', [SCRIPT, 'stop', pgDir]);
  }
}
console.table(rows);
console.log(JSON.stringify({ seconds: SECONDS, connections: CONNECTIONS, batch: BATCH, rows }));
