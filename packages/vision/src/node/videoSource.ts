/**
 * A `LandmarkSource` over a video file: ffmpeg decode → Human (WASM) → LandmarkFrame, in frame order.
 *
 * Parallelism: with `workers: 2`, frame i goes to worker i mod 2; each worker has its own Human and
 * tracks faces over its own frame subsequence, and results are put back in frame order. Results are
 * deterministic for a given video, tuning and worker count (they can differ slightly between worker
 * counts because the trackers see different frame subsequences).
 */
import type { LandmarkFrame, SourceInfo } from '@geste/core';
import { startWorkerClient } from './workerClient.ts';
import type { DecodedFrame } from '../frames.ts';
import type { VisionTuning } from '../humanConfig.ts';
import type { ScheduleTuning } from '../schedule.ts';
import { createNodeDetector, type StageTimesMs } from './humanNode.ts';
import { addFrameTimes, buildVideoSource, emptyStageTotals, openVideoAndDetectors, ownBuffer, videoSourceInfo, type VideoLandmarkSource, type VideoProgress } from './sourceBuilder.ts';

export type { StageTotalsMs, VideoLandmarkSource, VideoProgress } from './sourceBuilder.ts';

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

interface FrameDetector {
  info: SourceInfo;
  detect(f: DecodedFrame): Promise<{ frame: LandmarkFrame; times: StageTimesMs }>;
  close(): Promise<void>;
}

async function inThreadDetector(opts: VideoSourceOptions, tuning: VisionTuning): Promise<FrameDetector> {
  const d = await createNodeDetector({ tuning, ...(opts.schedule ? { schedule: opts.schedule } : {}) });
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
      // Transfer the frame's pixels instead of copying them.
      const data = ownBuffer(f);
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
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const { video, tuning, detectors } = await openVideoAndDetectors(path, opts, (t) =>
    workers === 1 ? Promise.all([inThreadDetector(opts, t)]) : Promise.all(Array.from({ length: workers }, () => workerDetector(tuningPerWorker(t, workers)))),
  );
  const first = detectors[0]!;
  const totals = emptyStageTotals();
  const inFlightPerWorker = 2;

  async function* run(decoded: AsyncIterator<DecodedFrame>): AsyncGenerator<LandmarkFrame> {
    const pending: Promise<{ frame: LandmarkFrame; times: StageTimesMs }>[] = [];
    let done = 0;
    const emit = (r: { frame: LandmarkFrame; times: StageTimesMs }): LandmarkFrame => {
      addFrameTimes(totals, r.times);
      done++;
      opts.onProgress?.({ framesDone: done, framesTotalEstimate: video.probe.estimatedFrames, lastTimestampMs: r.frame.timestampMs });
      return r.frame;
    };
    for (;;) {
      const t0 = performance.now();
      const next = await decoded.next();
      totals.decodeWaitMs += performance.now() - t0;
      if (next.done) break;
      const f = next.value;
      pending.push(detectors[f.frameIndex % detectors.length]!.detect(f));
      // A rejected promise waiting in the queue must not become an unhandled rejection.
      pending[pending.length - 1]!.catch(() => undefined);
      while (pending.length >= detectors.length * inFlightPerWorker) yield emit(await pending.shift()!);
    }
    while (pending.length > 0) yield emit(await pending.shift()!);
  }

  return buildVideoSource({
    video,
    info: videoSourceInfo(video, first.info.kind, first.info.models, String(workers), tuning),
    totals,
    run,
    closeDetectors: async () => {
      await Promise.all(detectors.map((d) => d.close()));
    },
  });
}
