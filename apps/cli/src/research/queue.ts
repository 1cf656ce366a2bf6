/**
 * Scale-out over PostgreSQL: `geste analyze <folder> --pg URL` enqueues one pg-boss job per video;
 * `geste worker --pg URL` on any number of machines pulls jobs, analyses, and stores each result in
 * `geste_research_result` (primary key run + video: a job done twice still gives one row).
 *
 * A worker killed mid-job (kill -9) never completes its job: pg-boss's maintenance moves it from
 * `active` back to `retry` once it has been active longer than the job timeout, and another worker
 * takes it. Because the result insert is `ON CONFLICT DO NOTHING`, a job retried after its result
 * was stored (worker killed between insert and complete) does not duplicate the row either.
 *
 * Workers read the video from the path in the job: every worker must see the same files (a shared
 * folder). The content hash in the job is checked so a different file at that path is refused.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { NeutralStrategy } from '@geste/core';
import { CliError } from '../errors.ts';
import { sha256File } from './inputs.ts';
import type { IdentifiedInput } from './inputs.ts';
import { type VideoJob, type VideoOutcome, runVideoJob } from './job.ts';
import { createVideoPool } from './pool.ts';
import { type ResultRow, failedRow, rowsToCsv } from './row.ts';

export const QUEUE = 'geste-research';

export interface QueuedVideo {
  readonly runId: string;
  readonly path: string;
  readonly videoId: string;
  readonly contentSha256: string;
  readonly label: string;
  readonly neutral: NeutralStrategy;
  readonly maxSidePx: number;
}

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS geste_research_run (
  run_id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  settings jsonb NOT NULL,
  video_ids text[] NOT NULL
);
CREATE TABLE IF NOT EXISTS geste_research_result (
  run_id text NOT NULL REFERENCES geste_research_run(run_id),
  video_id text NOT NULL,
  label text NOT NULL,
  status text NOT NULL,
  row jsonb NOT NULL,
  summary_json text,
  report_html text,
  worker text NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, video_id)
);
CREATE TABLE IF NOT EXISTS geste_research_attempt (
  run_id text NOT NULL,
  video_id text NOT NULL,
  worker text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now()
);`;

/** A job id derived from (run, video), formatted as a UUID: enqueuing the same run twice inserts nothing new. */
export function jobIdFor(runId: string, videoId: string): string {
  const h = createHash('sha256').update(`${runId}\0${videoId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Run id from what determines the results: the set of videos and the settings. */
export function runIdFor(videoIds: readonly string[], settings: unknown): string {
  return createHash('sha256').update(JSON.stringify([[...videoIds].sort(), settings])).digest('hex').slice(0, 12);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch (e) {
    throw new CliError('environment', `Could not connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}.`);
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export interface BossTimings {
  /** Seconds a job may stay active before it is considered lost and retried. */
  readonly jobTimeoutS: number;
  /** How often this process runs pg-boss maintenance (expiring lost jobs), s. */
  readonly maintenanceIntervalS: number;
  /** How often an idle worker polls for jobs, s (≥ 0.5). */
  readonly pollIntervalS: number;
}


async function startBoss(url: string, t: BossTimings): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, maintenanceIntervalSeconds: t.maintenanceIntervalS, monitorStateIntervalSeconds: 60, max: 4 });
  boss.on('error', (e: Error) => process.stderr.write(`geste: queue: ${e.message}\n`));
  try {
    await boss.start();
  } catch (e) {
    throw new CliError('environment', `Could not start the job queue on ${redactUrl(url)}: ${(e as Error).message}.`);
  }
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 0, expireInSeconds: t.jobTimeoutS });
  return boss;
}

export interface EnqueueResult {
  readonly runId: string;
  readonly enqueued: number;
  readonly alreadyDone: number;
}

export async function enqueueRun(url: string, runId: string, videos: readonly IdentifiedInput[], settings: { neutral: NeutralStrategy; maxSidePx: number; hashNames: boolean }, t: BossTimings): Promise<EnqueueResult> {
  await withClient(url, async (c) => {
    await c.query(SCHEMA_SQL);
    await c.query('INSERT INTO geste_research_run (run_id, settings, video_ids) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO NOTHING', [runId, JSON.stringify(settings), videos.map((v) => v.videoId)]);
  });
  const done = new Set(await withClient(url, async (c) => (await c.query<{ video_id: string }>('SELECT video_id FROM geste_research_result WHERE run_id = $1', [runId])).rows.map((r) => r.video_id)));
  const boss = await startBoss(url, t);
  try {
    const jobs = videos.filter((v) => !done.has(v.videoId)).map((v) => {
      const data: QueuedVideo = { runId, path: v.path, videoId: v.videoId, contentSha256: v.contentSha256, label: v.label, neutral: settings.neutral, maxSidePx: settings.maxSidePx };
      return { id: jobIdFor(runId, v.videoId), name: QUEUE, data, retryLimit: 5, retryDelay: 0, expireInSeconds: t.jobTimeoutS };
    });
    for (let i = 0; i < jobs.length; i += 500) await boss.insert(jobs.slice(i, i + 500));
    return { runId, enqueued: jobs.length, alreadyDone: done.size };
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export interface WorkerOptions {
  readonly url: string;
  /** Videos this process analyses at once. */
  readonly jobs: number;
  readonly detectorThreads: number;
  readonly timings: BossTimings;
  /** Stop once the queue has been empty this long, s (for batch use and tests); undefined = run until stopped. */
  readonly exitWhenIdleS?: number;
  readonly onResult?: (videoId: string, status: string, ms: number) => void;
  readonly signal?: AbortSignal;
}

/** Pulls and analyses jobs until stopped (or idle long enough). Returns the number of videos it stored. */
export async function runWorker(o: WorkerOptions): Promise<number> {
  const workerName = `${hostname()}:${process.pid}`;
  await withClient(o.url, (c) => c.query(SCHEMA_SQL));
  const pool = new pg.Pool({ connectionString: o.url, max: 2 });
  const boss = await startBoss(o.url, o.timings);
  // Several videos at once run in worker threads (the analysis of a landmark recording is CPU work on
  // the calling thread); one at a time runs here.
  const threads = o.jobs > 1 ? createVideoPool(o.jobs) : null;
  let stored = 0;
  let lastActivity = performance.now();
  let active = 0;
  const handle = async ([job]: PgBoss.Job<QueuedVideo>[]) => {
    if (!job) return;
    active++;
    try {
      const d = job.data;
      await pool.query('INSERT INTO geste_research_attempt (run_id, video_id, worker) VALUES ($1, $2, $3)', [d.runId, d.videoId, workerName]);
      const exists = await pool.query('SELECT 1 FROM geste_research_result WHERE run_id = $1 AND video_id = $2', [d.runId, d.videoId]);
      if (exists.rowCount) return; // stored by an earlier attempt that died before completing the job
      let hash: string | null = null;
      try {
        hash = await sha256File(d.path);
      } catch {
        // Missing here: the analysis below reports it as a failed video with the usual words.
      }
      const vj: VideoJob = { path: d.path, videoId: d.videoId, label: d.label, neutral: d.neutral, maxSidePx: d.maxSidePx, detectorThreads: o.detectorThreads };
      const out: VideoOutcome = hash !== null && hash !== d.contentSha256
        ? { videoId: d.videoId, label: d.label, status: 'failed', row: failedRow(d.label, d.videoId, 'input: the file changed since it was enqueued (content hash differs); not analysed.'), summaryJson: null, reportHtml: null, elapsedMs: 0 }
        : threads ? await threads.run(vj) : await runVideoJob(vj);
      const r = await pool.query(
        `INSERT INTO geste_research_result (run_id, video_id, label, status, row, summary_json, report_html, worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id, video_id) DO NOTHING`,
        [d.runId, d.videoId, d.label, out.status, JSON.stringify(out.row), out.summaryJson, out.reportHtml, workerName],
      );
      if (r.rowCount) stored++;
      o.onResult?.(d.videoId, out.status, out.elapsedMs);
    } finally {
      active--;
      lastActivity = performance.now();
    }
  };
  for (let i = 0; i < o.jobs; i++) await boss.work<QueuedVideo>(QUEUE, { batchSize: 1, pollingIntervalSeconds: o.timings.pollIntervalS }, handle);
  try {
    await new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      if (o.exitWhenIdleS !== undefined) {
        const idleMs = o.exitWhenIdleS * 1000;
        const timer = setInterval(() => {
          void (async () => {
            if (active > 0 || performance.now() - lastActivity < idleMs) return;
            const waiting = await boss.getQueueSize(QUEUE, { before: 'completed' });
            if (waiting === 0 && active === 0) { clearInterval(timer); resolve(); }
          })().catch(() => {});
        }, 250);
        o.signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
      }
    });
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await threads?.close();
    await pool.end();
  }
  return stored;
}

export interface RunStatus {
  readonly total: number;
  readonly stored: number;
  readonly failed: number;
}

export async function runStatus(url: string, runId: string): Promise<RunStatus> {
  return withClient(url, async (c) => {
    const run = await c.query<{ n: number }>('SELECT cardinality(video_ids) AS n FROM geste_research_run WHERE run_id = $1', [runId]);
    if (!run.rows[0]) throw new CliError('input', `No run "${runId}" in the database. List runs with: SELECT run_id FROM geste_research_run.`);
    const r = await c.query<{ stored: string; failed: string }>(`SELECT count(*) AS stored, count(*) FILTER (WHERE status = 'failed') AS failed FROM geste_research_result WHERE run_id = $1`, [runId]);
    return { total: Number(run.rows[0].n), stored: Number(r.rows[0]!.stored), failed: Number(r.rows[0]!.failed) };
  });
}

export interface StoredResult {
  readonly videoId: string;
  readonly row: ResultRow;
  readonly summaryJson: string | null;
  readonly reportHtml: string | null;
}

export async function fetchResults(url: string, runId: string): Promise<StoredResult[]> {
  return withClient(url, async (c) => {
    const r = await c.query<{ video_id: string; row: ResultRow; summary_json: string | null; report_html: string | null }>(
      'SELECT video_id, row, summary_json, report_html FROM geste_research_result WHERE run_id = $1 ORDER BY video_id', [runId]);
    return r.rows.map((x) => ({ videoId: x.video_id, row: x.row, summaryJson: x.summary_json, reportHtml: x.report_html }));
  });
}

export function resultsCsv(results: readonly StoredResult[]): string {
  return rowsToCsv(results.map((r) => r.row));
}
