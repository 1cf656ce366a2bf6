/** Opens what the user named — a video file or a recorded landmarks.jsonl — and analyses it. */
import { readFile, stat } from 'node:fs/promises';
import { createReplaySource } from '@geste/vision';
import { openVideoLandmarkSource } from '@geste/vision/node';
import { type AnalyzeOptions, type RecordingAnalysis, analyzeLandmarkSource } from './analyze.ts';
import { CliError } from './errors.ts';

/** Landmark recordings larger than this are refused rather than read into memory. */
const MAX_LANDMARKS_FILE_BYTES = 2 * 1024 ** 3;

export interface AnalyzeFileOptions extends AnalyzeOptions {
  readonly maxSidePx?: number;
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

/** A video file through the on-device models. */
export async function analyzeVideo(path: string, opts: AnalyzeFileOptions = {}): Promise<RecordingAnalysis> {
  const source = await openVideoLandmarkSource(path, { maxSidePx: opts.maxSidePx ?? 640 });
  return analyzeLandmarkSource(source, { ...opts, framesTotal: opts.framesTotal ?? source.framesTotalEstimate ?? null });
}
