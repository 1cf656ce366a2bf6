/**
 * CLI commands of research mode: `geste analyze <folder|list>` (local or enqueued on PostgreSQL),
 * `geste worker`, `geste export`, `geste agreement`. main.ts dispatches here.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { NeutralStrategy } from '@geste/core';
import { CliError, EXIT_CODE } from '../errors.ts';
import { neutralFromJson } from '../neutralFile.ts';
import { agreementToJson, computeAgreement, renderAgreementHtml } from './agreementReport.ts';
import { defaultDetectorThreads, prepareInputs, runLocal } from './local.ts';
import { videoProgress } from './progress.ts';
import type { BossTimings } from './queue.ts';

/** pg-boss and pg load only for the PostgreSQL commands. */
const queue = () => import('./queue.ts');
const DEFAULT_TIMINGS: BossTimings = { jobTimeoutS: 1800, maintenanceIntervalS: 30, pollIntervalS: 2 };
import { writeAtomic, writeVideoOutputs } from './runDir.ts';

/** Exit code when a run is stopped by Ctrl-C (the shell convention 128 + SIGINT); a re-run resumes. */
export const EXIT_INTERRUPTED = 130;

/** True when `geste analyze` was given a folder, a list file or a database: the many-video mode. */
export async function isResearchAnalyze(args: readonly string[]): Promise<boolean> {
  if (args.includes('--pg') || args.some((a) => a.startsWith('--pg='))) return true;
  const positional = args.find((a, i) => !a.startsWith('-') && !(i > 0 && /^--(out|neutral|phases|max-side|jobs|detector-threads|run|job-timeout)$/.test(args[i - 1]!)));
  if (positional === undefined) return false;
  if (/\.(txt|list)$/i.test(positional)) return true;
  try {
    return (await stat(positional)).isDirectory();
  } catch {
    return false;
  }
}

function wholeNumber(name: string, v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError('usage', `--${name} must be a whole number from ${min} to ${max}; got "${v}".`);
  return n;
}

function seconds(name: string, v: string | undefined, def: number, min: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new CliError('usage', `--${name} must be a number of seconds ≥ ${min}; got "${v}".`);
  return n;
}

/** How `--neutral` text becomes a strategy: main.ts's parser, passed in (this module never imports main.ts: no import cycle). */
export type NeutralParser = (value: string | undefined) => NeutralStrategy | { kind: 'file'; path: string };

async function neutralOption(value: string | undefined, parseNeutral: NeutralParser): Promise<NeutralStrategy> {
  const n = parseNeutral(value);
  if (n.kind !== 'file') return n;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(n.path, 'utf8'));
  } catch (e) {
    throw new CliError('input', `Could not read the neutral file ${n.path}: ${(e as Error).message}.`);
  }
  return { kind: 'given', neutral: neutralFromJson(raw) };
}

function pgUrl(v: string | undefined): string | undefined {
  return v ?? process.env.GESTE_PG_URL;
}

function timings(values: { 'job-timeout'?: string | undefined; 'maintenance-interval'?: string | undefined; 'poll-interval'?: string | undefined }): BossTimings {
  return {
    jobTimeoutS: seconds('job-timeout', values['job-timeout'], DEFAULT_TIMINGS.jobTimeoutS, 1),
    maintenanceIntervalS: seconds('maintenance-interval', values['maintenance-interval'], DEFAULT_TIMINGS.maintenanceIntervalS, 1),
    pollIntervalS: seconds('poll-interval', values['poll-interval'], DEFAULT_TIMINGS.pollIntervalS, 0.5),
  };
}

function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const on = () => ac.abort();
  process.once('SIGINT', on);
  process.once('SIGTERM', on);
  return { signal: ac.signal, dispose: () => { process.off('SIGINT', on); process.off('SIGTERM', on); } };
}

/**
 * Exit code of a research run that finished but could not analyse some videos (their rows in
 * results.csv say why): not 0, so a script or a CI step notices.
 */
export const EXIT_VIDEOS_FAILED = 6;

export async function runResearchAnalyze(args: string[], parseNeutral: NeutralParser): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, jobs: { type: 'string' }, 'detector-threads': { type: 'string' }, 'hash-names': { type: 'boolean', default: false },
      neutral: { type: 'string' }, 'max-side': { type: 'string' }, json: { type: 'boolean', default: false },
      pg: { type: 'string' }, run: { type: 'string' }, 'no-wait': { type: 'boolean', default: false },
      'job-timeout': { type: 'string' }, 'maintenance-interval': { type: 'string' }, 'poll-interval': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new CliError('usage', `geste analyze takes one folder or list file; got ${positionals.length}. See geste --help.`);
  const input = resolve(positionals[0]!);
  const cores = availableParallelism();
  // Default: one video per core, up to 4 (each video's detector holds its own models); measured in
  // docs/research.md: on 2 cores, 2 videos × 1 detector thread beat 1 video × 2 threads.
  const jobs = wholeNumber('jobs', values.jobs, Math.max(1, Math.min(4, cores)), 1, 256);
  const detectorThreads = wholeNumber('detector-threads', values['detector-threads'], defaultDetectorThreads(jobs, cores), 1, 64);
  const maxSidePx = wholeNumber('max-side', values['max-side'], 640, 64, 4096);
  const neutral = await neutralOption(values.neutral, parseNeutral);
  const hashNames = values['hash-names'];
  const runDir = resolve(values.out ?? `${input.replace(/\/+$/, '')}.geste`);
  const url = pgUrl(values.pg);
  const progress = values.json ? undefined : videoProgress(process.stderr, () => performance.now(), 'Analysing');

  if (url === undefined) {
    const { signal, dispose } = interruptSignal();
    try {
      const r = await runLocal({ input, runDir, jobs, detectorThreads, hashNames, neutral, maxSidePx, signal, ...(progress ? { progress } : {}) });
      const line = `${r.analysed} analysed, ${r.skipped} already done, ${r.failed} failed${r.duplicates ? `, ${r.duplicates} duplicate files skipped` : ''} in ${(r.elapsedMs / 1000).toFixed(1)} s. Wrote ${r.csvPath}`;
      progress?.done(r.interrupted ? `Interrupted: ${line}. Run the same command again to resume.` : line);
      if (values.json) process.stdout.write(JSON.stringify(r) + '\n');
      return r.interrupted ? EXIT_INTERRUPTED : r.failed > 0 ? EXIT_VIDEOS_FAILED : EXIT_CODE.ok;
    } finally {
      dispose();
    }
  }

  // Scale-out: enqueue, then (unless --no-wait) follow the run and export it when complete.
  const { enqueueRun, redactUrl, runIdFor, runStatus } = await queue();
  const t = timings(values);
  const settings = { neutral, maxSidePx, hashNames };
  const { videos } = await prepareInputs(input, hashNames, null);
  const runId = values.run ?? runIdFor(videos.map((v) => v.videoId), settings);
  const q = await enqueueRun(url, runId, videos, settings, t);
  process.stderr.write(`Run ${runId}: ${q.enqueued} videos enqueued on ${redactUrl(url)}${q.alreadyDone ? ` (${q.alreadyDone} already done)` : ''}. Start workers with: geste worker --pg URL\n`);
  if (values['no-wait']) {
    if (values.json) process.stdout.write(JSON.stringify(q) + '\n');
    return EXIT_CODE.ok;
  }
  const { signal, dispose } = interruptSignal();
  let failed = 0;
  try {
    for (;;) {
      const s = await runStatus(url, runId);
      failed = s.failed;
      progress?.update(s.stored, s.total, s.failed);
      if (s.stored >= s.total) break;
      if (signal.aborted) {
        progress?.done(`Stopped following run ${runId}; workers carry on. Export later with: geste export --pg URL --run ${runId} --out ${runDir}`);
        return EXIT_INTERRUPTED;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    dispose();
  }
  const n = await exportRun(url, runId, runDir);
  progress?.done(`Run ${runId}: ${n} videos. Wrote ${join(runDir, 'results.csv')}`);
  if (values.json) process.stdout.write(JSON.stringify({ runId, videos: n, failed, csvPath: join(runDir, 'results.csv') }) + '\n');
  return failed > 0 ? EXIT_VIDEOS_FAILED : EXIT_CODE.ok;
}

/** Writes results.csv and videos/<id>/{result,summary,report} of a PostgreSQL run; returns the number of videos. */
export async function exportRun(url: string, runId: string, outDir: string): Promise<number> {
  const { fetchResults, resultsCsv } = await queue();
  const results = await fetchResults(url, runId);
  await mkdir(outDir, { recursive: true });
  for (const r of results) await writeVideoOutputs(outDir, r.videoId, r);
  await writeAtomic(join(outDir, 'results.csv'), resultsCsv(results));
  return results.length;
}

export async function runExport(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { pg: { type: 'string' }, run: { type: 'string' }, out: { type: 'string' } } });
  const url = pgUrl(values.pg);
  if (!url || !values.run || !values.out) throw new CliError('usage', 'geste export needs --pg URL (or GESTE_PG_URL), --run ID and --out DIR.');
  const { runStatus } = await queue();
  const s = await runStatus(url, values.run);
  const n = await exportRun(url, values.run, resolve(values.out));
  process.stderr.write(`Run ${values.run}: ${n} of ${s.total} videos exported to ${resolve(values.out)}/results.csv${n < s.total ? ' (the run is not finished)' : ''}\n`);
  return EXIT_CODE.ok;
}

export async function runWorkerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      pg: { type: 'string' }, jobs: { type: 'string' }, 'detector-threads': { type: 'string' }, 'exit-when-idle': { type: 'string' },
      'job-timeout': { type: 'string' }, 'maintenance-interval': { type: 'string' }, 'poll-interval': { type: 'string' }, quiet: { type: 'boolean', default: false },
    },
  });
  const url = pgUrl(values.pg);
  if (!url) throw new CliError('usage', 'geste worker needs --pg URL (or the GESTE_PG_URL environment variable).');
  const jobs = wholeNumber('jobs', values.jobs, 1, 1, 64);
  const detectorThreads = wholeNumber('detector-threads', values['detector-threads'], defaultDetectorThreads(jobs), 1, 64);
  const exitWhenIdleS = values['exit-when-idle'] === undefined ? undefined : seconds('exit-when-idle', values['exit-when-idle'], 0, 0);
  const { redactUrl, runWorker } = await queue();
  const { signal, dispose } = interruptSignal();
  try {
    if (!values.quiet) process.stderr.write(`geste worker: pulling videos from ${redactUrl(url)} (${jobs} at a time)\n`);
    const n = await runWorker({
      url, jobs, detectorThreads, timings: timings(values), signal, ...(exitWhenIdleS !== undefined ? { exitWhenIdleS } : {}),
      onResult: (id, status, ms) => { if (!values.quiet) process.stderr.write(`${id} ${status} ${(ms / 1000).toFixed(1)} s\n`); },
    });
    if (!values.quiet) process.stderr.write(`geste worker: stored ${n} results; stopping.\n`);
    return EXIT_CODE.ok;
  } finally {
    dispose();
  }
}

export async function runAgreement(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ratings: { type: 'string' }, results: { type: 'string' }, out: { type: 'string' }, map: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } } });
  if (!values.ratings || !values.results) throw new CliError('usage', 'geste agreement needs --ratings RATINGS.csv and --results results.csv (from geste analyze).');
  const map: Record<string, string> = {};
  for (const m of values.map ?? []) {
    const [a, b] = m.split('=');
    if (!a || !b) throw new CliError('usage', `--map takes RATING_COLUMN=GESTE_COLUMN; got "${m}".`);
    map[a] = b;
  }
  const read = async (p: string) => {
    try {
      return await readFile(p, 'utf8');
    } catch {
      throw new CliError('input', `No file at ${p}.`);
    }
  };
  const r = computeAgreement({ ratingsCsv: await read(values.ratings), resultsCsv: await read(values.results), map });
  const out = resolve(values.out ?? 'agreement.html');
  await writeFile(out, renderAgreementHtml(r, basename(values.ratings)));
  if (values.json) process.stdout.write(agreementToJson(r) + '\n');
  else process.stderr.write(`${r.items.length} items over ${r.videosMatched} videos. Wrote ${out}\n`);
  return EXIT_CODE.ok;
}
