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
import type { StageTimesMs } from './humanNode.ts';
import type { BodyHandsTimesMs } from './bodyHandsNode.ts';
import type { PipelineRole } from './pipelineWorker.ts';
import { addFrameTimes, buildVideoSource, emptyStageTotals, openVideoAndDetectors, ownBuffer, videoSourceInfo, type VideoLandmarkSource } from './sourceBuilder.ts';
import type { VideoSourceOptions } from './videoSource.ts';

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

export async function openPipelinedVideoSource(path: string, opts: PipelineOptions = {}): Promise<VideoLandmarkSource> {
  const { video, tuning, detectors } = await openVideoAndDetectors(path, opts, (t) => Promise.all([spawn('face', t), spawn('body-hands', t)]));
  const [face, bodyHands] = detectors;
  const faceInfo = face.info!;
  const models: Record<string, string> = { ...faceInfo.models };
  const v = /\(human [^)]+\)/.exec(models['faceMesh'] ?? '')?.[0] ?? '';
  if (tuning.body) models['body'] = `movenet-lightning ${v}`.trim();
  if (tuning.hands) models['hands'] = `handtrack + handlandmark-lite ${v}`.trim();
  const schedule = new ModelSchedule(opts.schedule, opts.handsWindowsMs);
  const windowFrames = Math.max(1, Math.floor(opts.windowFrames ?? 4));
  const totals = emptyStageTotals();
  const latenciesMs: number[] = [];
  const decodedAtMs = new Map<number, number>();

  async function* run(it: AsyncIterator<DecodedFrame>): AsyncGenerator<LandmarkFrame> {
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
      // The face worker runs no body or hands; its times for them are not added.
      addFrameTimes(totals, { inputMs: at.inputMs, cacheCheckMs: at.cacheCheckMs, faceMs: at.faceMs, totalMs: at.totalMs }, b.times as BodyHandsTimesMs);
      sendB(); // B works on the next frame while the caller analyses this one
      done++;
      latenciesMs.push(performance.now() - (decodedAtMs.get(f.frameIndex) ?? performance.now()));
      decodedAtMs.delete(f.frameIndex);
      opts.onProgress?.({ framesDone: done, framesTotalEstimate: video.probe.estimatedFrames, lastTimestampMs: merged.timestampMs });
      yield merged;
    }
  }

  return buildVideoSource({
    video,
    info: videoSourceInfo(video, faceInfo.kind, models, 'pipeline: face | body+hands', tuning),
    totals,
    run,
    latenciesMs,
    closeDetectors: async () => {
      await Promise.all([face.close(), bodyHands.close()]);
    },
  });
}
