/**
 * Research-mode throughput: videos per minute for
 *   local --jobs 1 (one video at a time, detector threads = cores),
 *   local --jobs 2 (two videos at once, detector threads = cores / 2),
 *   PostgreSQL: 1 and 2 `geste worker` processes on loopback (pg-boss),
 * each timed as a child process from start to the last stored result. Prints a table and JSON.
 *
 *   node --import tsx bench/research.ts --set video [--videos 4]       phantom mp4s from .phantom-cache/small
 *   node --import tsx bench/research.ts --set landmarks [--videos 12]  generated landmark recordings (no detector)
 * PostgreSQL: GESTE_TEST_PG_URL, or a throwaway cluster from apps/server/scripts/pg-test-cluster.sh.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { phantomSpecs, writePhantomRecordings } from '../apps/cli/src/research/phantomRecordings.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'apps/cli/bin/geste.js');
const { values } = parseArgs({ options: { set: { type: 'string', default: 'landmarks' }, videos: { type: 'string' }, configs: { type: 'string', default: 'local1,local2,pg1,pg2' } } });

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => resolve(code ?? -1));
  });
}

async function inputs(dir: string): Promise<number> {
  if (values.set === 'video') {
    const src = join(ROOT, '.phantom-cache/small');
    const mp4s = (await readdir(src)).filter((f) => f.endsWith('.mp4')).sort().slice(0, Number(values.videos ?? 4));
    if (mp4s.length === 0) throw new Error(`No phantom videos in ${src}: node --import tsx packages/phantom/src/cli.ts generate --set small --out ${src}`);
    for (const f of mp4s) await copyFile(join(src, f), join(dir, f));
    return mp4s.length;
  }
  const n = Number(values.videos ?? 12);
  await writePhantomRecordings(dir, phantomSpecs(n, 10));
  return n;
}

async function withPg<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const given = process.env.GESTE_TEST_PG_URL;
  if (given) return fn(given);
  const script = join(ROOT, 'apps/server/scripts/pg-test-cluster.sh');
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8' });
  const url = /GESTE_TEST_PG_URL=(\S+)/.exec(out)![1]!;
  const dir = /GESTE_TEST_PG_DIR=(\S+)/.exec(out)![1]!;
  try {
    return await fn(url);
  } finally {
    execFileSync('bash', [script, 'stop', dir]);
  }
}

async function freshDb(url: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function pgRun(baseUrl: string, dir: string, n: number, workers: number): Promise<number> {
  const url = await freshDb(baseUrl, `geste_bench_${workers}`);
  if ((await run(['analyze', dir, '--pg', url, '--no-wait', '--json'])) !== 0) throw new Error('enqueue failed');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const procs = Array.from({ length: workers }, () => run(['worker', '--pg', url, '--jobs', '1', '--detector-threads', String(Math.max(1, Math.floor(availableParallelism() / workers))), '--exit-when-idle', '1', '--poll-interval', '0.5', '--quiet']));
  let elapsed = 0;
  for (;;) {
    const r = await c.query('SELECT count(*)::int AS n FROM geste_research_result');
    if (r.rows[0].n >= n) { elapsed = performance.now() - t0; break; }
    await new Promise((res) => setTimeout(res, 200));
  }
  await Promise.all(procs);
  await c.end();
  return elapsed;
}

const dir = await mkdtemp(join(tmpdir(), 'geste-bench-research-'));
const inDir = join(dir, 'in');
await mkdir(inDir);
const n = await inputs(inDir);
const results: { config: string; videos: number; seconds: number; videosPerMin: number }[] = [];
const configs = values.configs.split(',');
process.stderr.write(`${n} ${values.set} inputs, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
for (const cfg of configs) {
  let ms: number;
  if (cfg === 'local1' || cfg === 'local2') {
    const out = join(dir, cfg);
    const t0 = performance.now();
    if ((await run(['analyze', inDir, '--out', out, '--jobs', cfg === 'local1' ? '1' : '2', '--json'])) !== 0) throw new Error(`${cfg} failed`);
    ms = performance.now() - t0;
    await rm(out, { recursive: true });
  } else {
    ms = await withPg((url) => pgRun(url, inDir, n, cfg === 'pg1' ? 1 : 2));
  }
  const r = { config: cfg, videos: n, seconds: ms / 1000, videosPerMin: (n / ms) * 60_000 };
  results.push(r);
  process.stderr.write(`${cfg.padEnd(7)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.videosPerMin.toFixed(2).padStart(7)} videos/min  (load ${loadavg()[0]!.toFixed(1)})\n`);
}
const by = Object.fromEntries(results.map((r) => [r.config, r.videosPerMin]));
const ratio = (a?: number, b?: number) => (a && b ? a / b : null);
console.log(JSON.stringify({ set: values.set, cores: availableParallelism(), results, scaling: { local2_over_local1: ratio(by.local2, by.local1), pg2_over_pg1: ratio(by.pg2, by.pg1), pg2_over_local1: ratio(by.pg2, by.local1) } }, null, 2));
await rm(dir, { recursive: true });
