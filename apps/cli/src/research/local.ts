/**
 * `geste analyze <folder or list>` on this machine: every video through a pool of worker threads,
 * resumable (videos whose outputs are in the run folder and whose file is unchanged are not redone).
 */
import { availableParallelism } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NeutralStrategy } from '@geste/core';
import { DEFAULT_TUNING, usesOwnMeshRoi, type VisionTuning } from '@geste/vision';
import { CliError } from '../errors.ts';
import { type IdentifiedInput, discoverInputs, identify, pathKey } from './inputs.ts';
import { type VideoJob, runVideoJob } from './job.ts';
import { type VideoPool, createVideoPool } from './pool.ts';
import type { VideoStatus } from './row.ts';
import type { VideoProgress } from './progress.ts';
import { type Manifest, type ManifestEntry, readManifest, readVideoRow, rebuildCsv, runLogger, writeManifest, writeVideoOutputs } from './runDir.ts';

export interface LocalRunOptions {
  readonly input: string;
  readonly runDir: string;
  /** Videos analysed at once (one worker thread each). */
  readonly jobs: number;
  /** Detector threads per video; default `defaultDetectorThreads` (1 with the own face-mesh ROI, the default). */
  readonly detectorThreads?: number;
  readonly hashNames: boolean;
  readonly neutral: NeutralStrategy;
  readonly maxSidePx: number;
  readonly progress?: VideoProgress;
  /** Aborting stops handing out videos and terminates the threads; finished videos stay finished. */
  readonly signal?: AbortSignal;
}

export interface LocalRunResult {
  readonly total: number;
  readonly analysed: number;
  readonly skipped: number;
  readonly failed: number;
  readonly duplicates: number;
  readonly interrupted: boolean;
  readonly csvPath: string;
  readonly elapsedMs: number;
}

/**
 * Detector threads per video when --detector-threads is not given. Research jobs run the default tuning
 * (job.ts passes none), so by default the face mesh reads the own ROI (≈ 10–13 ms a frame): one thread per
 * video, as `geste analyze` picks for one video (`defaultDetectorThreadsFor`: a second thread per video gained
 * no wall time and cost ≈ 8 ms CPU a frame plus ≈ 0.6 s to start; the cores go to more videos at once instead).
 * With Human's crop (`faceMeshRoi: 'human'` or the iris model) the cores left per video: max(1, floor(cores / jobs)).
 */
export function defaultDetectorThreads(jobs: number, cores = availableParallelism(), tuning: Pick<VisionTuning, 'iris' | 'faceMeshRoi'> = DEFAULT_TUNING): number {
  if (usesOwnMeshRoi(tuning)) return 1;
  return Math.max(1, Math.floor(cores / jobs));
}

/** Identity, dedupe by content and labels for a run; shared with the PostgreSQL path. */
export async function prepareInputs(input: string, hashNames: boolean, known?: Manifest | null): Promise<{ videos: IdentifiedInput[]; duplicates: number }> {
  const files = await discoverInputs(input);
  const byKey = new Map<string, ManifestEntryLike>();
  for (const e of Object.values(known?.videos ?? {})) byKey.set(e.pathKey, e);
  const seen = new Set<string>();
  const videos: IdentifiedInput[] = [];
  let duplicates = 0;
  for (const f of files) {
    const id = await identify(f, (key, size, mtime) => {
      const e = byKey.get(key);
      return e && e.sizeBytes === size && e.mtimeMs === mtime ? e.contentSha256 : undefined;
    });
    if (seen.has(id.videoId)) { duplicates++; continue; }
    seen.add(id.videoId);
    videos.push(hashNames ? { ...id, label: id.videoId } : id);
  }
  return { videos, duplicates };
}

interface ManifestEntryLike { pathKey: string; sizeBytes: number; mtimeMs: number; contentSha256: string }

export async function runLocal(o: LocalRunOptions): Promise<LocalRunResult> {
  const t0 = performance.now();
  await mkdir(o.runDir, { recursive: true });
  const settings = { neutral: o.neutral, maxSidePx: o.maxSidePx, hashNames: o.hashNames };
  const previous = await readManifest(o.runDir);
  if (previous && JSON.stringify(previous.settings) !== JSON.stringify(settings)) {
    throw new CliError('usage', `${o.runDir} holds a run made with other settings (${JSON.stringify(previous.settings)}); resume with the same options or choose another --out.`);
  }
  const manifest: Manifest = { format: 'geste-research-manifest', formatVersion: 1, settings, videos: { ...(previous?.videos ?? {}) } };
  const log = runLogger(o.runDir);
  const { videos, duplicates } = await prepareInputs(o.input, o.hashNames, previous);
  const detectorThreads = o.detectorThreads ?? defaultDetectorThreads(o.jobs);
  await log.log('start', { videos: videos.length, duplicates, jobs: o.jobs, detectorThreads, resumed: previous !== null });

  // The settings are on disk before the first video, so a result.json found later always belongs to them.
  await writeManifest(o.runDir, manifest);
  const todo: IdentifiedInput[] = [];
  let skipped = 0;
  for (const v of videos) {
    // result.json is written last, atomically, in a folder named by content hash: its presence means
    // done, even when the run was killed before the manifest caught up (the entry is then repaired).
    const row = await readVideoRow(o.runDir, v.videoId);
    if (row) {
      skipped++;
      manifest.videos[v.videoId] ??= entryFor(v, o.hashNames, row.status as VideoStatus);
      await log.log('skipped', { videoId: v.videoId, ...(o.hashNames ? {} : { video: v.label }), status: row.status });
    } else todo.push(v);
  }

  let analysed = 0, failed = 0, interrupted = false;
  const total = videos.length;
  o.progress?.update(skipped, total, 0);
  // One video at a time runs on this thread (its detector threads do the heavy work; no thread start-up);
  // several at once each get a worker thread.
  const pool: VideoPool = o.jobs > 1 ? createVideoPool(Math.max(1, Math.min(o.jobs, todo.length || 1))) : inThreadPool();
  const onAbort = () => { interrupted = true; void pool.close(); };
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) onAbort();
  let next = 0;
  let manifestWrite = Promise.resolve();
  const lane = async () => {
    while (!interrupted && next < todo.length) {
      const v = todo[next++]!;
      const job: VideoJob = { path: v.path, videoId: v.videoId, label: v.label, neutral: o.neutral, maxSidePx: o.maxSidePx, detectorThreads };
      let outcome;
      try {
        outcome = await pool.run(job);
      } catch (e) {
        if (interrupted) return;
        throw e;
      }
      await writeVideoOutputs(o.runDir, v.videoId, outcome);
      manifest.videos[v.videoId] = entryFor(v, o.hashNames, outcome.status);
      manifestWrite = manifestWrite.then(() => writeManifest(o.runDir, manifest));
      await manifestWrite;
      analysed++;
      if (outcome.status === 'failed') failed++;
      await log.log(outcome.status === 'failed' ? 'failed' : 'done', {
        videoId: v.videoId, ...(o.hashNames ? {} : { video: v.label }), status: outcome.status, ms: Math.round(outcome.elapsedMs),
        ...(outcome.status === 'failed' ? { error: outcome.row.error } : {}),
      });
      o.progress?.update(skipped + analysed, total, failed);
    }
  };
  try {
    await Promise.all(Array.from({ length: o.jobs }, lane));
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  await writeManifest(o.runDir, manifest);
  await rebuildCsv(o.runDir, videos.map((v) => v.videoId));
  const elapsedMs = performance.now() - t0;
  await log.log(interrupted ? 'interrupted' : 'end', { analysed, skipped, failed, ms: Math.round(elapsedMs) });
  await log.flush();
  return { total, analysed, skipped, failed, duplicates, interrupted, csvPath: join(o.runDir, 'results.csv'), elapsedMs };
}

function inThreadPool(): VideoPool {
  let closed = false;
  return {
    async run(job) {
      if (closed) throw new Error('The video pool is closed.');
      return runVideoJob(job);
    },
    async close() {
      closed = true;
    },
  };
}

function entryFor(v: IdentifiedInput, hashNames: boolean, status: VideoStatus): ManifestEntry {
  return {
    videoId: v.videoId, contentSha256: v.contentSha256, pathKey: pathKey(v.path), ...(hashNames ? {} : { path: v.path }),
    label: v.label, sizeBytes: v.sizeBytes, mtimeMs: v.mtimeMs, status,
  };
}
