/**
 * The browser detector seam: anything that turns a video frame into a `LandmarkFrame`.
 * The measurement loop only sees this interface, so tests and benches can inject a replay detector
 * and the app uses the real Human models (see humanDetector.ts).
 */
import type { LandmarkFrame } from '@geste/core';
import type { ScheduleNeeds } from './visionAdapter.ts';

export type DetectorInput = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;

export interface DetectorInfo {
  /** e.g. 'human-wasm-worker', 'human-wasm-main', 'replay'. */
  readonly kind: string;
  readonly models: Readonly<Record<string, string>>;
}

export interface FrameDetector {
  readonly info: DetectorInfo;
  /** Finds faces/bodies/hands in one frame. Coordinates are pixels of the input as given (not mirrored). */
  detect(input: DetectorInput, frameIndex: number, timestampMs: number): Promise<LandmarkFrame>;
  /** What the screen needs from the next frames on (hands in a sensory-trick window); detectors without a schedule ignore it. */
  setNeeds?(needs: ScheduleNeeds): void;
  /** Releases models and tensors. Safe to call twice. */
  close(): Promise<void>;
}

/** models-missing: model files not served; backend-failed: WASM/WebGL did not start or a frame failed;
 *  detector-closed: used after close(); worker-failed: the detector worker could not start or crashed. */
export type DetectorErrorCode = 'models-missing' | 'backend-failed' | 'detector-closed' | 'worker-failed';

export class DetectorError extends Error {
  override readonly name = 'DetectorError';
  constructor(
    readonly code: DetectorErrorCode,
    message: string,
  ) {
    super(message);
  }
}
