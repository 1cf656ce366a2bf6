/**
 * The main-thread detector (`?detector=main`): Human runs on the page, configured exactly like the CLI
 * (humanEngine.ts). Kept for comparison with the worker detector (workerDetector.ts, the default) and
 * for browsers without module workers.
 */
import { DEFAULT_TUNING } from './visionAdapter.ts';
import type { VisionTuning } from './visionAdapter.ts';
import { createHumanEngine, LIVE_TUNING } from './humanEngine.ts';
import { debugHookEnabled } from '../debugHook.ts';
import { DetectorError } from './detector.ts';
import type { DetectorInput, FrameDetector } from './detector.ts';

export { LIVE_TUNING };
export { DEFAULT_TUNING };

export interface HumanDetectorOptions {
  /** 'wasm' is the default: deterministic and close to the CLI's WASM numbers; 'webgl' when a GPU helps. */
  readonly backend?: 'wasm' | 'webgl';
  readonly tuning?: Partial<VisionTuning>;
  /** Absolute base URL of the app (defaults to document.baseURI). */
  readonly baseUrl?: string;
  readonly wasmThreads?: boolean;
}

export async function createHumanDetector(opts: HumanDetectorOptions = {}): Promise<FrameDetector> {
  const tuning: VisionTuning = { ...LIVE_TUNING, ...opts.tuning };
  const engine = await createHumanEngine({ backend: opts.backend ?? 'wasm', tuning, baseUrl: opts.baseUrl ?? document.baseURI, wasmThreads: opts.wasmThreads ?? false });
  const grab = document.createElement('canvas');
  const grabCtx = grab.getContext('2d', { willReadFrequently: true });
  if (!grabCtx) throw new DetectorError('backend-failed', 'This browser gave no 2D canvas to read video frames from.');
  let closed = false;
  return {
    info: { ...engine.info, kind: `${engine.info.kind}-main` },
    async detect(input: DetectorInput, frameIndex: number, timestampMs: number) {
      if (closed) throw new DetectorError('detector-closed', 'detect() called after close().');
      const w = input instanceof HTMLVideoElement ? input.videoWidth : input.width;
      const h = input instanceof HTMLVideoElement ? input.videoHeight : input.height;
      // Hand Human a pixel tensor, as the Node CLI does: one draw + one read here instead of the four
      // canvas copies Human makes for a <video> (measured: ~80 → ~15 ms per frame on a loaded machine).
      if (grab.width !== w || grab.height !== h) {
        grab.width = w;
        grab.height = h;
      }
      grabCtx.drawImage(input, 0, 0, w, h);
      const frame = await engine.detectPixels(grabCtx.getImageData(0, 0, w, h), frameIndex, timestampMs);
      if (debugHookEnabled()) (globalThis as { gesteHumanPerf?: unknown }).gesteHumanPerf = engine.lastPerf();
      return frame;
    },
    setNeeds: (needs) => engine.setNeeds(needs),
    async close() {
      if (closed) return;
      closed = true;
      engine.close();
    },
  };
}
