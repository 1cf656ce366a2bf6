/**
 * The real detector: @vladmandic/human (face detector, face mesh, MoveNet, hand tracker) in the
 * browser, configured exactly like the CLI (`humanConfig` from @geste/vision) and converted with the
 * vision adapter's `toLandmarkFrame`, so the browser and the CLI produce the same landmark frames.
 * Models and WASM binaries are served by this app's own origin (vite.config.ts), never a CDN.
 */
import { Human } from '@vladmandic/human';
import type { LandmarkFrame } from '@geste/core';
import { humanConfig, modelVersions, DEFAULT_TUNING, toLandmarkFrame } from './visionAdapter.ts';
import type { HumanResultLike, VisionTuning } from './visionAdapter.ts';
import { MODELS_URL, WASM_URL } from './assets.ts';
import { DetectorError } from './detector.ts';
import type { DetectorInput, FrameDetector } from './detector.ts';

/**
 * Live tuning: the body model every 6th frame and the hand detector every 15th instead of every 2nd and
 * 6th (the CLI's DEFAULT_TUNING). Head angles come from the face mesh, which still runs on every frame,
 * so they are unchanged; only shoulder/shift measures and the hand-over-face flag refresh less often.
 * Measured in bench/web-fps.ts: the hand model alone took ~400 ms on a loaded 2-core machine.
 */
export const LIVE_TUNING: VisionTuning = { ...DEFAULT_TUNING, bodyEveryNFrames: 6, handsEveryNFrames: 15 };

export interface HumanDetectorOptions {
  /** 'wasm' is the default: deterministic and close to the CLI's WASM numbers; 'webgl' when a GPU helps. */
  readonly backend?: 'wasm' | 'webgl';
  readonly tuning?: Partial<VisionTuning>;
  /** Absolute base URL of the app (defaults to document.baseURI). */
  readonly baseUrl?: string;
}

export async function createHumanDetector(opts: HumanDetectorOptions = {}): Promise<FrameDetector> {
  const base = opts.baseUrl ?? document.baseURI;
  const backend = opts.backend ?? 'wasm';
  const tuning: VisionTuning = { ...LIVE_TUNING, ...opts.tuning };
  const config = humanConfig(
    {
      backend,
      modelBasePath: new URL('.' + MODELS_URL, base).href,
      wasmPath: new URL('.' + WASM_URL, base).href,
    },
    tuning,
  );
  // Human's image filter runs a WebGL pass even when every adjustment is off (a plain copy); with no
  // GPU that costs tens of ms per frame. Turning it off gives the same pixels through a 2D canvas.
  const browserConfig = { ...config, filter: { ...(config['filter'] as object), enabled: false } };
  const human = new Human(browserConfig as ConstructorParameters<typeof Human>[0]);
  // The multi-threaded WASM build's worker script inside Human's bundled tfjs fails to start
  // ("e is not defined"), so use the single-threaded SIMD build (also what the Node CLI uses).
  try {
    human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } catch {
    /* flag unknown in this tfjs: nothing to turn off */
  }
  try {
    await human.load();
  } catch (e) {
    throw new DetectorError('models-missing', `Could not load the face models from ${MODELS_URL} (${String(e)}). Rebuild the app with "npm run build -w @geste/web".`);
  }
  const activeBackend = String(human.tf.getBackend?.() ?? backend);
  if (!activeBackend) throw new DetectorError('backend-failed', `The ${backend} backend did not start.`);
  let closed = false;
  const grab = document.createElement('canvas');
  const grabCtx = grab.getContext('2d', { willReadFrequently: true });
  if (!grabCtx) throw new DetectorError('backend-failed', 'This browser gave no 2D canvas to read video frames from.');
  return {
    info: { kind: `human-${activeBackend}`, models: modelVersions(human.version, tuning) },
    async detect(input: DetectorInput, frameIndex: number, timestampMs: number): Promise<LandmarkFrame> {
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
      const pixels = human.tf.browser.fromPixels(grabCtx.getImageData(0, 0, w, h)) as { dispose(): void };
      let result: Awaited<ReturnType<typeof human.detect>>;
      try {
        result = await human.detect(pixels as unknown as Parameters<typeof human.detect>[0]);
      } finally {
        pixels.dispose();
      }
      (globalThis as { gesteHumanPerf?: unknown }).gesteHumanPerf = result.performance;
      if ('error' in result && result.error) throw new DetectorError('backend-failed', String(result.error));
      // Human's Point is [x, y, z?]; the adapter reads missing z as 0.
      return toLandmarkFrame(result as unknown as HumanResultLike, { frameIndex, timestampMs, imageWidthPx: w, imageHeightPx: h });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const m of Object.values(human.models.models ?? {})) {
        try {
          (m as { dispose?: () => void } | null)?.dispose?.();
        } catch {
          /* already disposed */
        }
      }
    },
  };
}
