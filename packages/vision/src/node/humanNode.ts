/**
 * Human on the tfjs WASM backend in Node, models and .wasm binaries read from disk (no network).
 *
 * Human keeps its models and tracking caches in module scope, so one thread runs at most one open
 * detector at a time (`detector-busy` otherwise); use worker threads for parallelism.
 */
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { Human as HumanClass, Config as HumanConfig } from '@vladmandic/human';
import type { LandmarkFrame, SourceInfo } from '@geste/core';
import { toLandmarkFrame, type HumanResultLike } from '../convert.ts';
import { DEFAULT_TUNING, HUMAN_MODEL_FILES, humanConfig, modelVersions, type VisionTuning } from '../humanConfig.ts';
import { VisionError } from '../errors.ts';
import { FaceDetectorCadence, cadenceConfig } from '../cadence.ts';
import { ModelSchedule, planConfig, type ScheduleTuning } from '../schedule.ts';
import { DISK_SCHEME, registerDiskModelRouter } from './diskModels.ts';
import { detectWithOwnMesh, ownMeshFacePathFor, type FacePathCounters } from '../mesh/facePath.ts';
import { humanModelDir, humanNodeWasmEntry, humanVersion, tfjsWasmDir } from './paths.ts';
import { RgbInput } from './rgbInput.ts';

const require = createRequire(import.meta.url);

import type { RgbFrame } from '../frames.ts';
export type { RgbFrame };

export interface NodeDetectorOptions {
  readonly tuning?: Partial<VisionTuning>;
  /** Frames come from a mirror image (selfie). Default false (video files are not mirrored). */
  readonly imageMirrored?: boolean;
  readonly debug?: boolean;
  /** Body/hands scheduling (schedule.ts); 'human' = Human's own frame counters (the pre-issue-15 behaviour). */
  readonly schedule?: ScheduleTuning | 'human';
}

/** Milliseconds spent in each stage of the last `detect` call (Human's own counters). */
export interface StageTimesMs {
  readonly inputMs: number;
  readonly cacheCheckMs: number;
  readonly faceMs: number;
  readonly bodyMs: number;
  readonly handsMs: number;
  readonly totalMs: number;
}

export interface NodeDetector {
  readonly info: SourceInfo;
  readonly tuning: VisionTuning;
  /** Which models run on which frame (null with `schedule: 'human'`); `setNeeds` for trick windows. */
  readonly schedule: ModelSchedule | null;
  detect(rgb: RgbFrame, timestampMs: number, frameIndex: number): Promise<LandmarkFrame>;
  /** Per-stage times of the last detect call. */
  lastStageTimes(): StageTimesMs;
  /** How often the own-ROI face path needed Human's detector (null on Human's crop, docs/face-roi.md). */
  faceCounters?(): FacePathCounters | null;
  /** Tensors alive in this thread's tfjs engine (for leak checks). */
  numTensors(): number;
  /** Disposes the models and per-frame tensors; a later detector reloads them. Safe to call twice. */
  close(): Promise<void>;
}

interface HumanModule {
  Human: new (config?: Partial<HumanConfig>) => HumanClass;
}

let busy = false;

export function resolveTuning(partial: Partial<VisionTuning> | undefined): VisionTuning {
  return { ...DEFAULT_TUNING, ...(partial ?? {}) };
}

async function checkModelsPresent(dir: string, tuning: VisionTuning): Promise<void> {
  const needed: string[] = [HUMAN_MODEL_FILES.faceDetector, HUMAN_MODEL_FILES.faceMesh];
  if (tuning.iris) needed.push(HUMAN_MODEL_FILES.iris);
  if (tuning.body) needed.push(HUMAN_MODEL_FILES.body);
  if (tuning.hands) needed.push(HUMAN_MODEL_FILES.handDetector, HUMAN_MODEL_FILES.handSkeleton);
  for (const f of needed) {
    try {
      await access(dir + f);
    } catch {
      throw new VisionError(
        'models-missing',
        `Expected the model file ${dir + f} shipped by @vladmandic/human, but it is not there. ` +
          'Reinstall the dependencies (npm ci) so node_modules/@vladmandic/human/models is complete.',
        { path: dir + f },
      );
    }
  }
}

export async function createNodeDetector(opts: NodeDetectorOptions = {}): Promise<NodeDetector> {
  if (busy) {
    throw new VisionError(
      'detector-busy',
      'Expected at most one open detector per thread (Human keeps model state in module scope), ' +
        'but one is already open. Close it first, or run the second one in a worker thread.',
    );
  }
  const tuning = resolveTuning(opts.tuning);
  const modelDir = humanModelDir();
  await checkModelsPresent(modelDir, tuning);
  busy = true;
  try {
    registerDiskModelRouter();
    // A fresh copy of Human's module for every detector: Human keeps tracking caches (face boxes, body
    // jitter filter, previous frame) in module scope, and a detector must not inherit the last video's
    // state, or analysing the same video twice in one process would not give the same numbers.
    const entry = humanNodeWasmEntry();
    delete require.cache[entry];
    const { Human } = require(entry) as HumanModule;
    const config = humanConfig(
      { backend: 'wasm', modelBasePath: DISK_SCHEME + modelDir, wasmPath: tfjsWasmDir(), debug: opts.debug ?? false },
      tuning,
    ) as unknown as Partial<HumanConfig>;
    const human = new Human(config);
    // Force Human to (re)load every model even if an earlier detector in this thread disposed them.
    human.env.initial = true;
    await human.load();
    const version = humanVersion();
    const info: SourceInfo = {
      kind: 'human-wasm',
      models: modelVersions(version, tuning),
      imageWidthPx: 0,
      imageHeightPx: 0,
      nominalFps: null,
    };
    let last: StageTimesMs = { inputMs: 0, cacheCheckMs: 0, faceMs: 0, bodyMs: 0, handsMs: 0, totalMs: 0 };
    let closed = false;
    const cadence = new FaceDetectorCadence(tuning);
    const imageMirrored = opts.imageMirrored ?? false;
    const rgbInput = new RgbInput();
    const schedule = opts.schedule === 'human' ? null : new ModelSchedule(opts.schedule);
    // Own face-mesh ROI (docs/face-roi.md): Human's detector only when no face is tracked.
    const facePath = ownMeshFacePathFor(human, tuning);

    return {
      info,
      tuning,
      schedule,
      async detect(rgb, timestampMs, frameIndex) {
        if (closed) throw new VisionError('detector-closed', 'Expected an open detector, but close() was already called. Create a new detector.');
        const { widthPx, heightPx, data } = rgb;
        if (!(widthPx > 0 && heightPx > 0 && Number.isInteger(widthPx) && Number.isInteger(heightPx)) || data.length !== widthPx * heightPx * 3) {
          throw new VisionError(
            'bad-frame',
            `Expected packed RGB of ${widthPx}×${heightPx}×3 = ${widthPx * heightPx * 3} bytes, got ${data.length} bytes. ` +
              'Pass rgb24 frames (ffmpeg -pix_fmt rgb24) with their true width and height.',
            { widthPx, heightPx, bytes: data.length },
          );
        }
        const t0 = performance.now();
        const input = rgbInput.tensor(rgb);
        let result;
        const plan = schedule?.plan(frameIndex, timestampMs);
        let meshMs = 0;
        let humanSkipped = false;
        try {
          if (facePath) {
            let skipped;
            ({ result, meshMs, humanSkipped: skipped } = await detectWithOwnMesh(facePath, (c) => human.detect(input as never, c as never), { data, widthPx, heightPx, channels: 3 }, plan, timestampMs));
            humanSkipped = skipped;
          } else {
            const perCall = { ...cadenceConfig(cadence.nextSkipFrames(), cadence.nextRotateCrop()), ...(plan ? planConfig(plan, tuning) : {}) };
            result = await human.detect(input as never, perCall as never);
          }
        } finally {
          input.dispose();
        }
        // Human's result holds no tensors with our config (face.detector.return: false, no segmentation).
        const p = (humanSkipped ? {} : human.performance) as Record<string, number | undefined>;
        last = {
          inputMs: p['inputProcess'] ?? 0,
          cacheCheckMs: p['cacheCheck'] ?? 0,
          faceMs: (p['face'] ?? 0) + meshMs, // own ROI: Human's detector (when it ran) + our mesh step
          // Human leaves a skipped model's last time in place: count 0 for a model the schedule did not run.
          bodyMs: humanSkipped || (plan && !plan.runBody) ? 0 : (p['body'] ?? 0),
          handsMs: humanSkipped || (plan && !plan.runHands) ? 0 : (p['hand'] ?? 0),
          totalMs: performance.now() - t0,
        };
        if (result.error) {
          throw new VisionError('bad-frame', `Expected Human to analyse the frame, but it reported: ${result.error}.`, { frameIndex });
        }
        const frame = toLandmarkFrame(result as unknown as HumanResultLike, {
          frameIndex,
          timestampMs,
          imageWidthPx: widthPx,
          imageHeightPx: heightPx,
          imageMirrored,
        });
        cadence.observe(frame);
        return schedule ? schedule.complete(frame) : frame;
      },
      lastStageTimes: () => last,
      faceCounters: () => (facePath ? { ...facePath.counters } : null),
      numTensors: () => tf.memory().numTensors,
      async close() {
        if (closed) return;
        closed = true;
        const models = (human.models as unknown as { models: Record<string, { dispose?: () => void } | null> }).models;
        for (const m of Object.values(models)) m?.dispose?.();
        human.models.reset();
        busy = false;
      },
    };
  } catch (e) {
    busy = false;
    throw e;
  }
}

