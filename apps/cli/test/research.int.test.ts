/**
 * Research mode as a person runs it: the real `geste` bin in child processes on a folder of phantom
 * recordings (landmark recordings of the canonical face at scripted angles, so the truth is known),
 * one real phantom video, and a real PostgreSQL (a throwaway cluster when GESTE_TEST_PG_URL is unset).
 */
import { EXIT_VIDEOS_FAILED } from '../src/research/commands.ts';
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PhantomRecordingSpec, phantomSpecs, writePhantomRecordings } from '../src/research/phantomRecordings.ts';
import { csvToRecords } from '../src/research/row.ts';

const BIN = fileURLToPath(new URL('../bin/geste.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Landmark recordings carry 0.3 px noise; the pose fit recovers scripted angles to well under this. */
const TOL_ANGLE_DEG = 0.5;
const TOL_FREQ_HZ = 0.3;
const TOL_RMS_DEG = 0.3;

function geste(args: string[], timeoutMs = 240_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr });
    });
  });
}

function spawnGeste(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countStored(runDir: string): Promise<number> {
  try {
    const ids = await readdir(join(runDir, 'videos'));
    return ids.filter((id) => existsSync(join(runDir, 'videos', id, 'result.json'))).length;
  } catch {
    return 0;
  }
}

async function logEvents(runDir: string): Promise<{ event: string; videoId?: string }[]> {
  return (await readFile(join(runDir, 'run.log.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
}

const N = 6;
let work: string;
let inDir: string;
let specs: PhantomRecordingSpec[];
let referenceCsv: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'geste-research-'));
  inDir = join(work, 'exams');
  await mkdir(inDir);
  specs = phantomSpecs(N, 9); // 9 s: enough continuous data (8 s) for the tremor spectrum
  await writePhantomRecordings(inDir, specs);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('geste analyze <folder> (local)', () => {
  it('writes one CSV row per video matching the scripted truth, reports, a manifest and a run log', async () => {
    const out = join(work, 'run-ref');
    const r = await geste(['analyze', inDir, '--out', out, '--jobs', '2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: N, analysed: N, skipped: 0, failed: 0, interrupted: false });
    referenceCsv = await readFile(join(out, 'results.csv'), 'utf8');
    const rows = csvToRecords(referenceCsv);
    expect(rows).toHaveLength(N);
    for (const s of specs) {
      const row = rows.find((x) => x.video === `${s.name}.landmarks.jsonl`)!;
      expect(row.status).toBe('ok');
      expect(Number(row.frames)).toBe(270);
      expect(Number(row.measurableFrames)).toBe(270);
      expect(Number(row.meanConfidence)).toBeGreaterThan(0.5);
      const amp = s.tremor?.amplitudeDeg ?? 0;
      const held = { rotationDeg: s.rotationDeg, tiltDeg: s.tiltDeg, flexionDeg: s.flexionDeg } as const;
      for (const axis of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
        const a = axis === 'rotationDeg' ? amp : 0;
        expect(Math.abs(Number(row[`${axis}.maxPositiveDeg`]) - (Math.max(0, held[axis]) + a)), `${s.name} ${axis} max+`).toBeLessThan(TOL_ANGLE_DEG + a * 0.05);
        expect(Math.abs(Number(row[`${axis}.maxNegativeDeg`]) - (Math.min(0, held[axis]) - a)), `${s.name} ${axis} max−`).toBeLessThan(TOL_ANGLE_DEG + a * 0.05);
      }
      // Rotation bands of docs/clinical.md: 0 none, 1 up to 22°, 2 23–45°, 3 46–67°.
      const band = (deg: number) => (deg < 1 ? 0 : deg <= 22 ? 1 : deg <= 45 ? 2 : deg <= 67 ? 3 : 4);
      if (!s.tremor) expect(Number(row['severity.rotation']), s.name).toBe(band(Math.abs(s.rotationDeg)));
      if (s.tremor) {
        expect(Math.abs(Number(row['tremor.rotationDeg.4.5-8Hz.peakFreqHz']) - s.tremor.freqHz)).toBeLessThan(TOL_FREQ_HZ);
        expect(Math.abs(Number(row['tremor.rotationDeg.4.5-8Hz.rmsDeg']) - s.tremor.amplitudeDeg / Math.SQRT2)).toBeLessThan(TOL_RMS_DEG);
      }
      const dir = join(out, 'videos', row.videoId!);
      expect(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')).frames).toBe(270);
      expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<svg');
    }
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.videos)).toHaveLength(N);
    const events = await logEvents(out);
    expect(events.map((e) => e.event).filter((e) => e === 'done')).toHaveLength(N);
    expect(events.at(-1)!.event).toBe('end');
  });

  it('geste agreement compares clinician ratings with the run’s CSV and writes the HTML report', async () => {
    const rows = csvToRecords(referenceCsv);
    // A "clinician" who reads rotation 2° higher than Geste on every video: r = 1, ICC(3,1) = 1, bias −2.
    const ratings = ['video,rotationDeg.medianDeg,severity.rotation', ...rows.map((r) => `${r.video},${Number(r['rotationDeg.medianDeg']) + 2},${r['severity.rotation']}`)].join('\n');
    const ratingsPath = join(work, 'ratings.csv');
    await writeFile(ratingsPath, ratings);
    const html = join(work, 'agreement.html');
    const r = await geste(['agreement', '--ratings', ratingsPath, '--results', join(work, 'run-ref', 'results.csv'), '--out', html, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const deg = out.items.find((i: { item: string }) => i.item === 'rotationDeg.medianDeg');
    expect(deg.n).toBe(N);
    expect(deg.pearson).toBeCloseTo(1, 9);
    expect(deg.icc.icc31).toBeCloseTo(1, 9);
    expect(deg.icc.icc21).toBeLessThan(1);
    expect(deg.blandAltman.meanDiff).toBeCloseTo(-2, 5);
    expect(out.items.find((i: { item: string }) => i.item === 'severity.rotation').icc.icc21).toBeCloseTo(1, 9);
    expect((await readFile(html, 'utf8')).match(/<svg/g)).toHaveLength(4);
  });

  it('a run killed (kill -9) part-way and run again does not redo finished videos and gives the same CSV', async () => {
    const out = join(work, 'run-killed');
    const child = spawnGeste(['analyze', inDir, '--out', out, '--jobs', '1']);
    while ((await countStored(out)) < 2 && child.exitCode === null) await sleep(50);
    child.kill('SIGKILL');
    await exited(child);
    const doneBeforeKill = await countStored(out);
    expect(doneBeforeKill).toBeGreaterThanOrEqual(2);
    expect(doneBeforeKill).toBeLessThan(N);
    const r = await geste(['analyze', inDir, '--out', out, '--jobs', '2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ skipped: doneBeforeKill, analysed: N - doneBeforeKill });
    expect(await readFile(join(out, 'results.csv'), 'utf8')).toBe(referenceCsv);
    const events = await logEvents(out);
    const skipped = events.filter((e) => e.event === 'skipped').map((e) => e.videoId);
    const lastStart = events.map((e) => e.event).lastIndexOf('start');
    const doneAfter = events.slice(lastStart).filter((e) => e.event === 'done').map((e) => e.videoId);
    expect(skipped).toHaveLength(doneBeforeKill);
    expect(doneAfter.filter((id) => skipped.includes(id))).toEqual([]);
  });

  it('--hash-names keeps file names (and so patient names) out of every output; a bad file is a failed row', async () => {
    const dir = join(work, 'named');
    await mkdir(dir);
    await copyFile(join(inDir, `${specs[1]!.name}.landmarks.jsonl`), join(dir, 'Doe_Jane_1961-03-04.landmarks.jsonl'));
    await writeFile(join(dir, 'Roe_Richard_visit2.mp4'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const out = join(work, 'named-run');
    const r = await geste(['analyze', dir, '--out', out, '--hash-names', '--json']);
    expect(r.code).toBe(EXIT_VIDEOS_FAILED); // finished, but a video failed: not 0
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, failed: 1 });
    const rows = csvToRecords(await readFile(join(out, 'results.csv'), 'utf8'));
    expect(rows.map((x) => x.status).sort()).toEqual(['failed', 'ok']);
    for (const row of rows) expect(row.video).toBe(row.videoId);
    expect(rows.find((x) => x.status === 'failed')!.error).toMatch(/^input: /);
    const files: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(d, e.name));
        else files.push(join(d, e.name));
      }
    };
    await walk(out);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      expect(text, f).not.toMatch(/Doe|Jane|Roe|Richard|1961-03-04/);
      expect(text, f).not.toMatch(/<img|data:image/);
    }
  });
});

describe('scale-out over PostgreSQL (pg-boss)', () => {
  let baseUrl: string;
  let clusterDir: string | null = null;
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    baseUrl = process.env.GESTE_TEST_PG_URL ?? '';
    if (!baseUrl) {
      const outText = execFileSync('bash', [join(ROOT, 'apps/server/scripts/pg-test-cluster.sh'), 'start'], { encoding: 'utf8' });
      baseUrl = /GESTE_TEST_PG_URL=(\S+)/.exec(outText)![1]!;
      clusterDir = /GESTE_TEST_PG_DIR=(\S+)/.exec(outText)![1]!;
    }
    const name = `geste_research_test_${process.pid}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    if (clusterDir) execFileSync('bash', [join(ROOT, 'apps/server/scripts/pg-test-cluster.sh'), 'stop', clusterDir]);
  });

  it('a worker killed mid-job (kill -9) loses nothing: another worker retries it; one row per video; same CSV as a local run', async () => {
    const enq = await geste(['analyze', inDir, '--pg', url, '--no-wait', '--json', '--job-timeout', '4']);
    expect(enq.code).toBe(0);
    const { runId, enqueued } = JSON.parse(enq.stdout);
    expect(enqueued).toBe(N);
    // Enqueuing the same run again adds nothing.
    expect(JSON.parse((await geste(['analyze', inDir, '--pg', url, '--no-wait', '--json', '--job-timeout', '4'])).stdout).runId).toBe(runId);
    const fast = ['--poll-interval', '0.5', '--maintenance-interval', '1'];
    const victim = spawnGeste(['worker', '--pg', url, ...fast]);
    let midJob: string | undefined;
    for (let i = 0; i < 2400 && midJob === undefined; i++) {
      const r = await db.query(`SELECT a.video_id FROM geste_research_attempt a LEFT JOIN geste_research_result r USING (run_id, video_id) WHERE r.video_id IS NULL`).catch(() => ({ rows: [] }));
      midJob = r.rows[0]?.video_id;
      if (midJob === undefined) await sleep(50);
    }
    expect(midJob).toBeDefined();
    victim.kill('SIGKILL');
    await exited(victim);
    const killedHad = await db.query('SELECT 1 FROM geste_research_result WHERE video_id = $1', [midJob]);
    expect(killedHad.rowCount).toBe(0); // it really was killed before storing that video

    const rescuer = await geste(['worker', '--pg', url, ...fast, '--exit-when-idle', '2']);
    expect(rescuer.code).toBe(0);
    const rows = await db.query<{ n: number; nd: number }>('SELECT count(*)::int AS n, count(DISTINCT video_id)::int AS nd FROM geste_research_result WHERE run_id = $1', [runId]);
    expect(rows.rows[0]).toEqual({ n: N, nd: N });
    const attempts = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM geste_research_attempt WHERE video_id = $1', [midJob]);
    expect(attempts.rows[0]!.n).toBeGreaterThanOrEqual(2);

    const out = join(work, 'pg-export');
    const ex = await geste(['export', '--pg', url, '--run', runId, '--out', out]);
    expect(ex.code).toBe(0);
    expect(await readFile(join(out, 'results.csv'), 'utf8')).toBe(referenceCsv);
  });

  it('a bad database URL is an environment error with the password hidden', async () => {
    const r = await geste(['worker', '--pg', 'postgresql://geste:hunter2@127.0.0.1:1/x']);
    expect(r.code).toBe(4);
    expect(r.stderr).not.toContain('hunter2');
  });
});

describe('one real phantom video end to end', () => {
  it('the rendered head turned 30° right reads 30° in the CSV', async () => {
    const cache = join(ROOT, '.phantom-cache/small');
    const clip = 'small-rotation-right-30';
    if (!existsSync(join(cache, `${clip}.mp4`))) {
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/phantom/src/cli.ts'), 'generate', '--set', 'small', '--only', clip, '--formats', 'mp4', '--out', cache], { stdio: 'ignore', timeout: 600_000 });
    }
    const dir = join(work, 'video');
    await mkdir(dir);
    await copyFile(join(cache, `${clip}.mp4`), join(dir, `${clip}.mp4`));
    const truth = csvToRecords(await readFile(join(cache, `${clip}.truth.csv`), 'utf8'));
    const truthMax = Math.max(...truth.map((t) => Number(t.rotationDeg)));
    const r = await geste(['analyze', dir, '--out', join(work, 'video-run'), '--json'], 600_000);
    expect(r.code).toBe(0);
    const [row] = csvToRecords(await readFile(join(work, 'video-run', 'results.csv'), 'utf8'));
    expect(row!.status).toBe('ok');
    // Real detector on a rendered face: the accuracy bench's rotation tolerance (bench/accuracy.ts).
    expect(Math.abs(Number(row!['rotationDeg.maxPositiveDeg']) - truthMax)).toBeLessThan(5);
  }, 900_000);
});
