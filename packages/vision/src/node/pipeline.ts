/**
 * Two cores for one video, with the same output as one thread (issue 15).
 *
 *   ffmpeg (own process) ──frames──▶ main thread ──every frame──▶ worker A: face path (detector + mesh)
 *                                         │  ▲                      worker B: body + hands, as planned
 *                                         │  └── merged LandmarkFrame ◀── both results
 *                                         └──▶ yields in frame order → the caller's analysis (core) runs here
 *
 * Worker A runs ahead freely (up to `windowFrames` frames in flight). Worker B's frame i needs the plan
 * for frame i, which `ModelSchedule` makes from the merged frame i−1, so B runs one frame at a time; the
 * next B frame is sent before the merged frame is yielded, so B works while the caller analyses. Each
 * worker's Human sees every frame in order, exactly as the one-thread detector's Human does, so the
 * merged frames equal the one-thread detector's frames (pipeline.int.test.ts checks that on a phantom clip).
 */
import type { LandmarkFrame, SourceInfo } from '@geste/core';
import { startWorkerClient } from './workerClient.ts';
import type { DecodedFrame } from '../frames.ts';
import type { VisionTuning } from '../humanConfig.ts';
import { ModelSchedule, type FramePlan, type ScheduleTuning } from '../schedule.ts';
import { resolveTuning, type StageTimesMs } from './humanNode.ts';
import type { BodyHandsTimesMs } from './bodyHandsNode.ts';
import type { PipelineRole } from './pipelineWorker.ts';
import { openVideo } from './video.ts';
import type { StageTotalsMs, VideoLandmarkSource, VideoSourceOptions } from './videoSource.ts';

export interface PipelineOptions extends Omit<VideoSourceOptions, 'workers'> {
  readonly schedule?: ScheduleTuning;
  /** Frame-time windows in which the hand model runs on every frame (sensory-trick phases). */
  readonly handsWindowsMs?: readonly { readonly startMs: number; readonly endMs: number }[];
  /** Frames sent to the face worker ahead of the merge (default 4). */
  readonly windowFrames?: number;
}

type Times = StageTimesMs | BodyHandsTimesMs;
interface PipelineWorker {
  readonly info: SourceInfo | null;
  detect(f: DecodedFrame, data: ArrayBuffer, plan?: FramePlan): Promise<{ frame: LandmarkFrame; times: Times }>;
  close(): Promise<void>;
}

async function spawn(role: PipelineRole, tuning: VisionTuning): Promise<PipelineWorker> {
  const c = await startWorkerClient<SourceInfo | null, { frame: LandmarkFrame; times: Times }>(
    new URL('./pipelineWorker.boot.mjs', import.meta.url),
    { type: 'init', role, tuning },
    role,
  );
  return {
    info: c.info,
    detect(f, data, plan) {
      return c.request({ type: 'frame', data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, timestampMs: f.timestampMs, frameIndex: f.frameIndex, plan }, [data]);
    },
    close: () => c.close(),
  };
}

/** The frame's pixels as an ArrayBuffer of their own (the decoder allocates a fresh buffer per frame). */
function ownBuffer(f: DecodedFrame): ArrayBuffer {
  const d = f.rgb.data;
  const ab = d.buffer as ArrayBuffer;
  return d.byteOffset === 0 && d.byteLength === ab.byteLength ? ab : d.slice().buffer;
}

export async function openPipelinedVideoSource(path: string, opts: PipelineOptions = {}): Promise<VideoLandmarkSource> {
  const decodeOpts = { ...(opts.maxSidePx !== undefined ? { maxSidePx: opts.maxSidePx } : {}), ...(opts.ffmpegPath ? { ffmpegPath: opts.ffmpegPath } : {}) };
  const video = await openVideo(path, decodeOpts);
  const tuning = resolveTuning(opts.tuning);
  let face: PipelineWorker;
  let bodyHands: PipelineWorker;
  try {
    [face, bodyHands] = await Promise.all([spawn('face', tuning), spawn('body-hands', tuning)]);
  } catch (e) {
    await video.close();
    throw e;
  }
  const faceInfo = face.info!;
  const models: Record<string, string> = { ...faceInfo.models };
  const v = /\(human [^)]+\)/.exec(models['faceMesh'] ?? '')?.[0] ?? '';
  if (tuning.body) models['body'] = `movenet-lightning ${v}`.trim();
  if (tuning.hands) models['hands'] = `handtrack + handlandmark-lite ${v}`.trim();
  const info: SourceInfo = {
    kind: faceInfo.kind,
    models: { ...models, workers: 'pipeline: face | body+hands', tuning: JSON.stringify(tuning) },
    imageWidthPx: video.outWidthPx,
    imageHeightPx: video.outHeightPx,
    nominalFps: video.probe.nominalFps,
  };
  const schedule = new ModelSchedule(opts.schedule, opts.handsWindowsMs);
  const windowFrames = Math.max(1, Math.floor(opts.windowFrames ?? 4));
  const totals: StageTotalsMs = { frames: 0, decodeWaitMs: 0, inputMs: 0, cacheCheckMs: 0, faceMs: 0, bodyMs: 0, handsMs: 0, detectTotalMs: 0 };
  let closed = false;
  const latenciesMs: number[] = [];
  const decodedAtMs = new Map<number, number>();

  async function* frames(): AsyncGenerator<LandmarkFrame> {
    if (closed) return;
    const it = video.frames()[Symbol.asyncIterator]();
    const faceResults = new Map<number, Promise<{ frame: LandmarkFrame; times: Times }>>();
    const waitingForB: DecodedFrame[] = [];
    let decodeDone = false;
    let inB: { f: DecodedFrame; p: Promise<{ frame: LandmarkFrame; times: Times }> } | null = null;
    let done = 0;

    const fill = async (): Promise<void> => {
      while (!decodeDone && waitingForB.length + (inB ? 1 : 0) < windowFrames) {
        const t0 = performance.now();
        const next = await it.next();
        totals.decodeWaitMs += performance.now() - t0;
        if (next.done) {
          decodeDone = true;
          break;
        }
        const f = next.value;
        decodedAtMs.set(f.frameIndex, performance.now());
        const p = face.detect(f, f.rgb.data.slice().buffer as ArrayBuffer);
        p.catch(() => undefined); // awaited in order below; never an unhandled rejection meanwhile
        faceResults.set(f.frameIndex, p);
        waitingForB.push(f);
      }
    };
    const sendB = (): void => {
      if (inB || waitingForB.length === 0) return;
      const f = waitingForB.shift()!;
      const plan = schedule.plan(f.frameIndex, f.timestampMs);
      const p = bodyHands.detect(f, ownBuffer(f), plan);
      p.catch(() => undefined);
      inB = { f, p };
    };

    try {
      for (;;) {
        await fill();
        sendB();
        if (!inB) break;
        const { f, p } = inB as { f: DecodedFrame; p: Promise<{ frame: LandmarkFrame; times: Times }> };
        const b = await p;
        const a = await faceResults.get(f.frameIndex)!;
        faceResults.delete(f.frameIndex);
        inB = null;
        const merged = schedule.complete({ ...a.frame, bodies: b.frame.bodies, hands: b.frame.hands });
        const at = a.times as StageTimesMs;
        const bt = b.times as BodyHandsTimesMs;
        totals.frames++;
        totals.inputMs += at.inputMs + bt.inputMs;
        totals.cacheCheckMs += at.cacheCheckMs + bt.cacheCheckMs;
        totals.faceMs += at.faceMs;
        totals.bodyMs += bt.bodyMs;
        totals.handsMs += bt.handsMs;
        totals.detectTotalMs += at.totalMs + bt.totalMs;
        sendB(); // B works on the next frame while the caller analyses this one
        done++;
        latenciesMs.push(performance.now() - (decodedAtMs.get(f.frameIndex) ?? performance.now()));
        decodedAtMs.delete(f.frameIndex);
        opts.onProgress?.({ framesDone: done, framesTotalEstimate: video.probe.estimatedFrames, lastTimestampMs: merged.timestampMs });
        yield merged;
      }
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
    frameLatenciesMs: () => latenciesMs,
    async close() {
      if (closed) return;
      closed = true;
      await video.close();
      await Promise.all([face.close(), bodyHands.close()]);
    },
  };
}
