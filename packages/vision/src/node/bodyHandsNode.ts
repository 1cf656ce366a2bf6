/**
 * The body (MoveNet) and hand models alone, in their own Human, for the two-core pipeline (pipeline.ts):
 * one worker runs the face path (`createNodeDetector` with body and hands off), this one runs body and
 * hands as `ModelSchedule` plans them. Same configuration (`humanConfig`) and conversion (`toLandmarkFrame`)
 * as the one-thread detector; the face is switched off, so frames come back with `faces: []`.
 *
 * It sees every frame, including those on which neither model runs, so Human's scene-change check (which
 * compares each frame with the previous one and gates the hand tracker's cache) sees the same frames as
 * in the one-thread detector; that keeps the two paths' output identical.
 */
import { createRequire } from 'node:module';
import type { Human as HumanClass, Config as HumanConfig } from '@vladmandic/human';
import type { LandmarkFrame } from '@geste/core';
import { toLandmarkFrame, type HumanResultLike } from '../convert.ts';
import { humanConfig, type VisionTuning } from '../humanConfig.ts';
import { VisionError } from '../errors.ts';
import { planConfig, type FramePlan } from '../schedule.ts';
import type { RgbFrame } from '../frames.ts';
import { DISK_SCHEME, registerDiskModelRouter } from './diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from './paths.ts';
import { RgbInput } from './rgbInput.ts';

const require = createRequire(import.meta.url);

export interface BodyHandsTimesMs {
  readonly inputMs: number;
  readonly cacheCheckMs: number;
  readonly bodyMs: number;
  readonly handsMs: number;
  readonly totalMs: number;
}

export interface BodyHandsDetector {
  detect(rgb: RgbFrame, timestampMs: number, frameIndex: number, plan: FramePlan): Promise<LandmarkFrame>;
  lastTimes(): BodyHandsTimesMs;
  close(): Promise<void>;
}

/** One per thread (Human keeps state in module scope); the face detector must live in another thread. */
export async function createBodyHandsDetector(tuning: VisionTuning, imageMirrored = false): Promise<BodyHandsDetector> {
  registerDiskModelRouter();
  const entry = humanNodeWasmEntry();
  delete require.cache[entry];
  const { Human } = require(entry) as { Human: new (config?: Partial<HumanConfig>) => HumanClass };
  const base = humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir() }, tuning);
  const config = { ...base, face: { ...(base['face'] as object), enabled: false } } as unknown as Partial<HumanConfig>;
  const human = new Human(config);
  human.env.initial = true;
  await human.load();
  const rgbInput = new RgbInput();
  let last: BodyHandsTimesMs = { inputMs: 0, cacheCheckMs: 0, bodyMs: 0, handsMs: 0, totalMs: 0 };
  return {
    async detect(rgb, timestampMs, frameIndex, plan) {
      const { widthPx, heightPx } = rgb;
      const t0 = performance.now();
      const input = rgbInput.tensor(rgb);
      let result;
      try {
        result = await human.detect(input as never, planConfig(plan, tuning) as never);
      } finally {
        input.dispose();
      }
      const p = human.performance as Record<string, number | undefined>;
      last = { inputMs: p['inputProcess'] ?? 0, cacheCheckMs: p['cacheCheck'] ?? 0, bodyMs: plan.runBody ? (p['body'] ?? 0) : 0, handsMs: plan.runHands ? (p['hand'] ?? 0) : 0, totalMs: performance.now() - t0 };
      if (result.error) throw new VisionError('bad-frame', `Expected Human to analyse the frame, but it reported: ${result.error}.`, { frameIndex });
      return toLandmarkFrame(result as unknown as HumanResultLike, { frameIndex, timestampMs, imageWidthPx: widthPx, imageHeightPx: heightPx, imageMirrored });
    },
    lastTimes: () => last,
    async close() {
      const models = (human.models as unknown as { models: Record<string, { dispose?: () => void } | null> }).models;
      for (const m of Object.values(models)) m?.dispose?.();
      human.models.reset();
    },
  };
}
