/**
 * One video of a research run, the same code whether it runs in a local worker thread or in a
 * `geste worker` pulling jobs from PostgreSQL: analyse → CSV row + summary.json + report.html.
 * Errors become a `failed` row with the error's code and words; nothing here throws for a bad video.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ExamPhase, type NeutralStrategy, parseExamPhases } from '@geste/core';
import { toCliError } from '../errors.ts';
import { analyzeFile } from '../inputs.ts';
import { renderHtmlReport } from '../report/html.ts';
import { summaryToJson } from '../summary.ts';
import { phasesPathFor } from './inputs.ts';
import { failedRow, meanConfidence, type ResultRow, summaryToRow, type VideoStatus } from './row.ts';

export interface VideoJob {
  readonly path: string;
  readonly videoId: string;
  /** Name used in outputs: the relative path, or the video id when names are hashed. */
  readonly label: string;
  readonly neutral: NeutralStrategy;
  readonly maxSidePx: number;
  /** Detector threads for this video. */
  readonly detectorThreads: number;
}

export interface VideoOutcome {
  readonly videoId: string;
  readonly label: string;
  readonly status: VideoStatus;
  readonly row: ResultRow;
  /** summary.json text; null when the video failed. */
  readonly summaryJson: string | null;
  /** report.html text; null when the video failed. */
  readonly reportHtml: string | null;
  readonly elapsedMs: number;
}

async function readPhases(videoPath: string): Promise<ExamPhase[]> {
  let text: string;
  try {
    text = await readFile(phasesPathFor(videoPath), 'utf8');
  } catch {
    return [];
  }
  return [...parseExamPhases(JSON.parse(text))];
}

export async function runVideoJob(job: VideoJob): Promise<VideoOutcome> {
  const t0 = performance.now();
  try {
    const phases = await readPhases(job.path);
    const a = await analyzeFile(job.path, { neutral: job.neutral, maxSidePx: job.maxSidePx, workers: job.detectorThreads, phases });
    const row = summaryToRow(job.label, job.videoId, a.summary, meanConfidence(a.frames));
    return {
      videoId: job.videoId,
      label: job.label,
      status: row.status as VideoStatus,
      row,
      summaryJson: summaryToJson(a.summary) + '\n',
      // The report holds plots and numbers only: no frame image, no face, and the label (not the path) as title.
      reportHtml: renderHtmlReport(a, job.label),
      elapsedMs: performance.now() - t0,
    };
  } catch (e) {
    const err = toCliError(e);
    // Error words may quote the path; outputs name the video by its label only.
    const words = err.message.replaceAll(job.path, job.label).replaceAll(basename(job.path), job.label);
    return { videoId: job.videoId, label: job.label, status: 'failed', row: failedRow(job.label, job.videoId, `${err.code}: ${words}`), summaryJson: null, reportHtml: null, elapsedMs: performance.now() - t0 };
  }
}
