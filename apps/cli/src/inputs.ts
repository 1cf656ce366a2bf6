/** Opens what the user named — a video file or a recorded landmarks.jsonl — and analyses it. */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { createReplaySource, usesOwnMeshRoi } from '@geste/vision';
import { openPipelinedVideoSource, openVideoLandmarkSource, resolveTuning } from '@geste/vision/node';
import type { VisionTuning } from '@geste/vision';
import { type AnalyzeOptions, type RecordingAnalysis, analyzeLandmarkSource } from './analyze.ts';
import { CliError } from './errors.ts';

/** Landmark recordings larger than this are refused rather than read into memory. */
const MAX_LANDMARKS_FILE_BYTES = 2 * 1024 ** 3;

export interface AnalyzeFileOptions extends AnalyzeOptions {
  readonly maxSidePx?: number;
  /**
   * Detector threads (default: `defaultDetectorThreadsFor`). 1 = in this thread; 2 = the two-core
   * pipeline (face | body+hands), whose output equals the one-thread output; 3+ = frame-interleaved workers.
   */
  readonly workers?: number;
  /** Model cadence overrides (default: @geste/vision's DEFAULT_TUNING). */
  readonly tuning?: Partial<VisionTuning>;
}

export async function analyzeFile(path: string, opts: AnalyzeFileOptions = {}): Promise<RecordingAnalysis> {
  if (path.endsWith('.jsonl')) {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new CliError('input', `No file at ${path}. Check the path.`);
    }
    if (size > MAX_LANDMARKS_FILE_BYTES) throw new CliError('input', `${path} is ${(size / 1024 ** 3).toFixed(1)} GiB; landmark recordings up to 2 GiB are read.`);
    const source = createReplaySource(await readFile(path, 'utf8'));
    return analyzeLandmarkSource(source, opts);
  }
  return analyzeVideo(path, opts);
}

/**
 * One thread or the two-core pipeline for one video (both give the same frames). The pipeline only when
 * a second core is free (on a busy machine its two threads stall each other and one thread finished sooner)
 * and the face path is the expensive one (Human's crop, its detector on every near-frontal frame ≈ 40 ms):
 * with the own face-mesh ROI (≈ 10–13 ms) splitting face from body+hands gained no wall time on two cores
 * and cost ≈ 8 ms CPU/frame more plus ≈ 0.6 s CPU to start the two workers (BENCHMARKS.md, issue 15).
 */
export function defaultDetectorThreadsFor(tuning: VisionTuning, cores = availableParallelism(), load1Min = loadavg()[0]!): 1 | 2 {
  return cores >= 2 && load1Min < cores - 0.5 && !usesOwnMeshRoi(tuning) ? 2 : 1;
}

/** A video file through the on-device models. */
export async function analyzeVideo(path: string, opts: AnalyzeFileOptions = {}): Promise<RecordingAnalysis> {
  const workers = opts.workers ?? defaultDetectorThreadsFor(resolveTuning(opts.tuning));
  const sourceOpts = { maxSidePx: opts.maxSidePx ?? 640, ...(opts.tuning ? { tuning: opts.tuning } : {}) };
  // The hand model runs on every frame in the exam's sensory-trick windows (before → after), else on signals.
  const handsWindowsMs = (opts.phases ?? []).flatMap((p) => (p.kind === 'sensory-trick' ? [{ startMs: p.before.startMs, endMs: p.after.endMs }] : []));
  const source = workers === 2 ? await openPipelinedVideoSource(path, { ...sourceOpts, handsWindowsMs }) : await openVideoLandmarkSource(path, { ...sourceOpts, workers, handsWindowsMs });
  opts.onPhase?.(`open video, load models (${workers === 2 ? 'two-core pipeline' : workers === 1 ? 'one thread' : `${workers} workers`})`);
  const analysis = await analyzeLandmarkSource(source, { ...opts, framesTotal: opts.framesTotal ?? source.probe.estimatedFrames });
  const decode = source.decodeSummary();
  const notes: string[] = [];
  if (decode?.truncated) {
    notes.push(`The video file ended early or had damaged data; the ${decode.framesDecoded} frames before that were analysed.`);
  }
  if (source.probe.rotationDeg) notes.push(`The video is stored rotated by ${source.probe.rotationDeg}°; it was analysed upright.`);
  return notes.length ? { ...analysis, summary: { ...analysis.summary, notes: [...analysis.summary.notes, ...notes] } } : analysis;
}
