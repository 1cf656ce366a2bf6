/** Messages between the page (workerDetector.ts) and the detector worker (detector.worker.ts). */
import type { LandmarkFrame } from '@geste/core';
import type { DetectorErrorCode, DetectorInfo } from './detector.ts';
import type { ScheduleNeeds, VisionTuning } from './visionAdapter.ts';

export type ToWorker =
  | { readonly type: 'init'; readonly baseUrl: string; readonly backend: 'wasm' | 'webgl'; readonly tuning: VisionTuning; readonly wasmThreads?: boolean }
  /** `bitmap` (transferred, closed by the worker) or RGBA `pixels` (buffer transferred). */
  | { readonly type: 'detect'; readonly id: number; readonly frameIndex: number; readonly timestampMs: number; readonly bitmap?: ImageBitmap; readonly pixels?: ImageData }
  | { readonly type: 'needs'; readonly needs: ScheduleNeeds }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'ready'; readonly info: DetectorInfo }
  | { readonly type: 'frame'; readonly id: number; readonly frame: LandmarkFrame; readonly perf: unknown; readonly workerMs: number }
  /** id null: the init failed. */
  | { readonly type: 'error'; readonly id: number | null; readonly code: DetectorErrorCode; readonly message: string };
