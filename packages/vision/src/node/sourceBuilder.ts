/**
 * The parts every video landmark source shares (one thread and workers in `videoSource.ts`, the two-core
 * pipeline in `pipeline.ts`): open the decoder and start the detectors (closing the decoder if they fail),
 * describe the source, add up the stage times, and hand out the frames and `close()` under one set of rules.
 */
import type { LandmarkFrame, LandmarkSource, SourceInfo } from '@geste/core';
import type { DecodedFrame } from '../frames.ts';
import type { VisionTuning } from '../humanConfig.ts';
import { resolveTuning } from './humanNode.ts';
import { openVideo, type DecodeOptions, type DecodeSummary, type VideoDecoder, type VideoProbe } from './video.ts';

export interface VideoProgress {
  readonly framesDone: number;
  /** From container duration × fps; null when the file does not say. */
  readonly framesTotalEstimate: number | null;
  readonly lastTimestampMs: number;
}

/** Summed milliseconds per stage over all frames (detector stages summed over workers). */
export interface StageTotalsMs {
  frames: number;
  /** Main thread waiting for ffmpeg to hand over frames. */
  decodeWaitMs: number;
  inputMs: number;
  cacheCheckMs: number;
  faceMs: number;
  bodyMs: number;
  handsMs: number;
  detectTotalMs: number;
}

/** One detector's times for one frame; the stages it does not run are absent. */
export interface FrameStageTimesMs {
  readonly inputMs: number;
  readonly cacheCheckMs: number;
  readonly faceMs?: number;
  readonly bodyMs?: number;
  readonly handsMs?: number;
  readonly totalMs: number;
}

export interface VideoLandmarkSource extends LandmarkSource {
  readonly probe: VideoProbe;
  /** Decoder summary (truncation, warnings) once frames() has finished; null before. */
  decodeSummary(): DecodeSummary | null;
  stageTotals(): StageTotalsMs;
  /** Per frame, ms from the decoder handing the frame over to the landmark frame being yielded (pipeline only). */
  frameLatenciesMs?(): readonly number[];
}

/** Opens the video, then starts the detectors with the resolved tuning; the decoder is closed if they fail. */
export async function openVideoAndDetectors<D>(
  path: string,
  opts: { readonly maxSidePx?: number; readonly ffmpegPath?: string; readonly tuning?: Partial<VisionTuning> },
  start: (tuning: VisionTuning) => Promise<D>,
): Promise<{ video: VideoDecoder; tuning: VisionTuning; detectors: D }> {
  const decodeOpts: DecodeOptions = { ...(opts.maxSidePx !== undefined ? { maxSidePx: opts.maxSidePx } : {}), ...(opts.ffmpegPath ? { ffmpegPath: opts.ffmpegPath } : {}) };
  const video = await openVideo(path, decodeOpts);
  const tuning = resolveTuning(opts.tuning);
  try {
    return { video, tuning, detectors: await start(tuning) };
  } catch (e) {
    await video.close();
    throw e;
  }
}

/** What `info` says about a video source: the detector's models plus how they ran and with which tuning. */
export function videoSourceInfo(video: VideoDecoder, kind: string, models: Readonly<Record<string, string>>, workers: string, tuning: VisionTuning): SourceInfo {
  return {
    kind,
    models: { ...models, workers, tuning: JSON.stringify(tuning) },
    imageWidthPx: video.outWidthPx,
    imageHeightPx: video.outHeightPx,
    nominalFps: video.probe.nominalFps,
  };
}

export function emptyStageTotals(): StageTotalsMs {
  return { frames: 0, decodeWaitMs: 0, inputMs: 0, cacheCheckMs: 0, faceMs: 0, bodyMs: 0, handsMs: 0, detectTotalMs: 0 };
}

/** Adds one frame's times from each detector that worked on it (one in a thread, two in the pipeline). */
export function addFrameTimes(totals: StageTotalsMs, ...parts: readonly FrameStageTimesMs[]): void {
  totals.frames++;
  for (const t of parts) {
    totals.inputMs += t.inputMs;
    totals.cacheCheckMs += t.cacheCheckMs;
    totals.faceMs += t.faceMs ?? 0;
    totals.bodyMs += t.bodyMs ?? 0;
    totals.handsMs += t.handsMs ?? 0;
    totals.detectTotalMs += t.totalMs;
  }
}

/** The frame's pixels as an ArrayBuffer of their own, to transfer to a worker (the decoder allocates a fresh buffer per frame). */
export function ownBuffer(f: DecodedFrame): ArrayBuffer {
  const d = f.rgb.data;
  const ab = d.buffer as ArrayBuffer;
  return d.byteOffset === 0 && d.byteLength === ab.byteLength ? ab : d.slice().buffer;
}

export interface SourceParts {
  readonly video: VideoDecoder;
  readonly info: SourceInfo;
  readonly totals: StageTotalsMs;
  /** Turns the decoded frames into landmark frames, in order. The decoder is closed after it, however it ends. */
  readonly run: (decoded: AsyncIterator<DecodedFrame>) => AsyncGenerator<LandmarkFrame>;
  readonly closeDetectors: () => Promise<void>;
  readonly latenciesMs?: readonly number[];
}

/** The one `VideoLandmarkSource` object both kinds of source return. */
export function buildVideoSource(p: SourceParts): VideoLandmarkSource {
  let closed = false;
  return {
    info: p.info,
    probe: p.video.probe,
    async *frames() {
      if (closed) return;
      const it = p.video.frames()[Symbol.asyncIterator]();
      try {
        yield* p.run(it);
      } finally {
        await it.return?.(undefined);
        await p.video.close();
      }
    },
    decodeSummary: () => p.video.summary(),
    stageTotals: () => ({ ...p.totals }),
    ...(p.latenciesMs ? { frameLatenciesMs: () => p.latenciesMs! } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await p.video.close();
      await p.closeDetectors();
    },
  };
}
