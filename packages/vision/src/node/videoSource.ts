/**
 * A `LandmarkSource` over a video file: ffmpeg decode → Human (WASM) → LandmarkFrame, in frame order.
 *
 * Parallelism: with `workers: 2`, frame i goes to worker i mod 2; each worker has its own Human and
 * tracks faces over its own frame subsequence, and results are put back in frame order. Results are
 * deterministic for a given video, tuning and worker count (they can differ slightly between worker
 * counts because the trackers see different frame subsequences).
 */
import type { LandmarkFrame, LandmarkSource, SourceInfo } from '@geste/core';
import { startWorkerClient } from './workerClient.ts';
import type { DecodedFrame } from '../frames.ts';
import type { VisionTuning } from '../humanConfig.ts';
import type { ScheduleTuning } from '../schedule.ts';
import { createNodeDetector, resolveTuning, type StageTimesMs } from './humanNode.ts';
import { openVideo, type DecodeSummary, type VideoProbe } from './video.ts';

export interface VideoProgress {
  readonly framesDone: number;
  /** From container duration × fps; null when the file does not say. */
  readonly framesTotalEstimate: number | null;
  readonly lastTimestampMs: number;
}

export interface VideoSourceOptions {
  readonly maxSidePx?: number;
  readonly tuning?: Partial<VisionTuning>;
  /** 1 (default: in this thread) or more worker threads, each with its own Human. */
  readonly workers?: number;
  readonly ffmpegPath?: string;
  readonly onProgress?: (p: VideoProgress) => void;
  /** Body/hands scheduling (schedule.ts); 'human' = Human's own frame counters (before issue 15). */
  readonly schedule?: ScheduleTuning | 'human';
  /** Frame-time windows in which the hand model runs on every frame (sensory-trick phases; in-thread and pipeline). */
  readonly handsWindowsMs?: readonly { readonly startMs: number; readonly endMs: number }[];
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

export interface VideoLandmarkSource extends LandmarkSource {
  readonly probe: VideoProbe;
  /** Decoder summary (truncation, warnings) once frames() has finished; null before. */
  decodeSummary(): DecodeSummary | null;
  stageTotals(): StageTotalsMs;
  /** Per frame, ms from the decoder handing the frame over to the landmark frame being yielded (pipeline only). */
  frameLatenciesMs?(): readonly number[];
}

interface FrameDetector {
  info: SourceInfo;
  detect(f: DecodedFrame): Promise<{ frame: LandmarkFrame; times: StageTimesMs }>;
  close(): Promise<void>;
}

async function inThreadDetector(opts: VideoSourceOptions): Promise<FrameDetector> {
  const d = await createNodeDetector({ tuning: resolveTuning(opts.tuning), ...(opts.schedule ? { schedule: opts.schedule } : {}) });
  // One Human must see frames one after another (tracking state): chain the calls.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    info: d.info,
    detect(f) {
      const run = chain.then(async () => {
        const windows = opts.handsWindowsMs ?? [];
        if (windows.length > 0) d.schedule?.setNeeds({ hands: windows.some((w) => f.timestampMs >= w.startMs && f.timestampMs <= w.endMs) });
        const frame = await d.detect(f.rgb, f.timestampMs, f.frameIndex);
        return { frame, times: d.lastStageTimes() };
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      await chain;
      await d.close();
    },
  };
}

async function workerDetector(tuning: VisionTuning): Promise<FrameDetector> {
  const c = await startWorkerClient<SourceInfo, { frame: LandmarkFrame; times: StageTimesMs }>(
    new URL('./detectWorker.boot.mjs', import.meta.url),
    { type: 'init', opts: { tuning } },
    'detector',
  );
  return {
    info: c.info,
    detect(f) {
      // Transfer the frame's pixels instead of copying them (the decoder allocates a fresh buffer per frame).
      const ab = f.rgb.data.buffer as ArrayBuffer;
      const data = f.rgb.data.byteOffset === 0 && f.rgb.data.byteLength === ab.byteLength ? ab : f.rgb.data.slice().buffer;
      return c.request({ type: 'frame', data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, timestampMs: f.timestampMs, frameIndex: f.frameIndex }, [data]);
    },
    close: () => c.close(),
  };
}

/** Per-worker tuning: each worker sees every Nth frame, so frame-count knobs shrink accordingly. */
export function tuningPerWorker(t: VisionTuning, workers: number): VisionTuning {
  const per = (n: number): number => (n <= 1 ? n : Math.max(1, Math.round(n / workers)));
  return {
    ...t,
    faceDetectorEveryNFrames: per(t.faceDetectorEveryNFrames),
    bodyEveryNFrames: per(t.bodyEveryNFrames),
    handsEveryNFrames: per(t.handsEveryNFrames),
  };
}

export async function openVideoLandmarkSource(path: string, opts: VideoSourceOptions = {}): Promise<VideoLandmarkSource> {
  const decodeOpts = { ...(opts.maxSidePx !== undefined ? { maxSidePx: opts.maxSidePx } : {}), ...(opts.ffmpegPath ? { ffmpegPath: opts.ffmpegPath } : {}) };
  const video = await openVideo(path, decodeOpts);
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const tuning = resolveTuning(opts.tuning);
  let detectors: FrameDetector[];
  try {
    detectors = workers === 1 ? [await inThreadDetector(opts)] : await Promise.all(Array.from({ length: workers }, () => workerDetector(tuningPerWorker(tuning, workers))));
  } catch (e) {
    await video.close();
    throw e;
  }
  const first = detectors[0]!;
  const info: SourceInfo = {
    kind: first.info.kind,
    models: { ...first.info.models, workers: String(workers), tuning: JSON.stringify(tuning) },
    imageWidthPx: video.outWidthPx,
    imageHeightPx: video.outHeightPx,
    nominalFps: video.probe.nominalFps,
  };
  const totals: StageTotalsMs = { frames: 0, decodeWaitMs: 0, inputMs: 0, cacheCheckMs: 0, faceMs: 0, bodyMs: 0, handsMs: 0, detectTotalMs: 0 };
  let closed = false;
  const inFlightPerWorker = 2;

  function add(t: StageTimesMs): void {
    totals.frames++;
    totals.inputMs += t.inputMs;
    totals.cacheCheckMs += t.cacheCheckMs;
    totals.faceMs += t.faceMs;
    totals.bodyMs += t.bodyMs;
    totals.handsMs += t.handsMs;
    totals.detectTotalMs += t.totalMs;
  }

  async function* frames(): AsyncGenerator<LandmarkFrame> {
    if (closed) return;
    const pending: Promise<{ frame: LandmarkFrame; times: StageTimesMs }>[] = [];
    let done = 0;
    const emit = (r: { frame: LandmarkFrame; times: StageTimesMs }): LandmarkFrame => {
      add(r.times);
      done++;
      opts.onProgress?.({ framesDone: done, framesTotalEstimate: video.probe.estimatedFrames, lastTimestampMs: r.frame.timestampMs });
      return r.frame;
    };
    const it = video.frames()[Symbol.asyncIterator]();
    try {
      for (;;) {
        const t0 = performance.now();
        const next = await it.next();
        totals.decodeWaitMs += performance.now() - t0;
        if (next.done) break;
        const f = next.value;
        pending.push(detectors[f.frameIndex % detectors.length]!.detect(f));
        // A rejected promise waiting in the queue must not become an unhandled rejection.
        pending[pending.length - 1]!.catch(() => undefined);
        while (pending.length >= detectors.length * inFlightPerWorker) yield emit(await pending.shift()!);
      }
      while (pending.length > 0) yield emit(await pending.shift()!);
    } finally {
      await it.return?.(undefined);
      await video.close();
    }
  }

  return {
    info,
    probe: video.probe,
    frames,
    decodeSummary: () => video.summary(),
    stageTotals: () => ({ ...totals }),
    async close() {
      if (closed) return;
      closed = true;
      await video.close();
      await Promise.all(detectors.map((d) => d.close()));
    },
  };
}
