/**
 * Browser detector: Human's ESM build (which bundles its own tfjs 4.22) on WebGL, falling back to
 * WASM, with the same configuration (`humanConfig.ts`) and the same conversion (`convert.ts`) as Node.
 *
 * Models and wasm binaries are loaded from URLs that the web app serves from its own origin: its build
 * copies `humanModelDir()` to e.g. `/models/human/` and `tfjsWasmDir()` to e.g. `/wasm/` (both helpers
 * are in `@geste/vision/node`). Nothing is fetched from elsewhere.
 */
import { Human } from '@vladmandic/human';
import type { Config as HumanConfigType } from '@vladmandic/human';
import type { LandmarkFrame, SourceInfo } from '@geste/core';
import { toLandmarkFrame, type HumanResultLike } from '../convert.ts';
import { DEFAULT_TUNING, humanConfig, modelVersions, type VisionTuning } from '../humanConfig.ts';
import { VisionError } from '../errors.ts';
import { detectWithOwnMesh, ownMeshFacePathFor } from '../mesh/facePath.ts';
import type { FramePixels } from '../mesh/roi.ts';

export interface BrowserDetectorOptions {
  /** URL prefix of the served Human model files, e.g. '/models/human/' (trailing slash added if missing). */
  readonly modelBaseUrl: string;
  /** URL prefix of the served tfjs-backend-wasm .wasm files, e.g. '/wasm/'. */
  readonly wasmBaseUrl: string;
  readonly tuning?: Partial<VisionTuning>;
  /** The frames are a mirror image (selfie preview drawn flipped). Default false. */
  readonly imageMirrored?: boolean;
  /** Backends to try in order. Default ['webgl', 'wasm']. */
  readonly backends?: readonly ('webgl' | 'wasm')[];
  readonly debug?: boolean;
}

/** What a browser frame can be: anything Human accepts that has a size. */
export type BrowserInput = HTMLVideoElement | HTMLCanvasElement | OffscreenCanvas | ImageBitmap | ImageData | HTMLImageElement;

export interface BrowserDetector {
  readonly info: SourceInfo;
  /** Analyses one frame; `timestampMs` is the frame's presentation time (e.g. video.currentTime × 1000). */
  detect(input: BrowserInput, timestampMs: number, frameIndex: number): Promise<LandmarkFrame>;
  close(): Promise<void>;
}

function slash(u: string): string {
  return u.endsWith('/') ? u : u + '/';
}

function sizeOf(input: BrowserInput): { w: number; h: number } {
  if (typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement) return { w: input.videoWidth, h: input.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && input instanceof HTMLImageElement) return { w: input.naturalWidth, h: input.naturalHeight };
  return { w: input.width, h: input.height };
}

export async function createBrowserDetector(opts: BrowserDetectorOptions): Promise<BrowserDetector> {
  const tuning: VisionTuning = { ...DEFAULT_TUNING, ...(opts.tuning ?? {}) };
  const backends = opts.backends ?? ['webgl', 'wasm'];
  let human: Human | null = null;
  let used = '';
  const failures: string[] = [];
  for (const backend of backends) {
    const config = humanConfig(
      { backend, modelBasePath: slash(opts.modelBaseUrl), wasmPath: slash(opts.wasmBaseUrl), debug: opts.debug ?? false },
      tuning,
    ) as unknown as Partial<HumanConfigType>;
    try {
      const h = new Human(config);
      await h.load();
      // Human silently falls back when a backend is unusable: accept only the backend we asked for.
      const actual = h.tf.getBackend() as string;
      if (actual !== backend) {
        failures.push(`${backend}: got ${actual}`);
        continue;
      }
      if (h.models.loaded().length === 0) {
        failures.push(`${backend}: no model loaded from ${opts.modelBaseUrl}`);
        continue;
      }
      human = h;
      used = backend;
      break;
    } catch (e) {
      failures.push(`${backend}: ${String((e as Error)?.message ?? e)}`);
    }
  }
  if (!human) {
    throw new VisionError(
      'models-missing',
      `Expected to start the face/body models on ${backends.join(' or ')}, but none worked (${failures.join('; ')}). ` +
        `Check that the app serves Human's model files at ${opts.modelBaseUrl} and the .wasm files at ${opts.wasmBaseUrl}.`,
      { modelBaseUrl: opts.modelBaseUrl, wasmBaseUrl: opts.wasmBaseUrl },
    );
  }
  const h = human;
  const info: SourceInfo = {
    kind: `human-${used}`,
    models: modelVersions(h.version, tuning),
    imageWidthPx: 0,
    imageHeightPx: 0,
    nominalFps: null,
  };
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();
  // Own face-mesh ROI, same code as Node (docs/face-roi.md).
  const facePath = ownMeshFacePathFor(h, tuning);
  const tf = h.tf as unknown as typeof import('@tensorflow/tfjs-core');
  return {
    info,
    detect(input, timestampMs, frameIndex) {
      const run = chain.then(async () => {
        if (closed) throw new VisionError('detector-closed', 'Expected an open detector, but close() was already called. Create a new detector.');
        const { w, h: hh } = sizeOf(input);
        if (!(w > 0 && hh > 0)) {
          throw new VisionError('bad-frame', `Expected a frame with a size, but got ${w}×${hh} (is the video playing yet?). Wait for loadeddata before detecting.`, { frameIndex });
        }
        let result;
        if (facePath) {
          result = (await detectWithOwnMesh(facePath, (c) => h.detect(input, c as Partial<HumanConfigType>), framePixels(tf, input, w, hh), null, timestampMs)).result;
        } else {
          result = await h.detect(input);
        }
        if (result.error) throw new VisionError('bad-frame', `Expected Human to analyse the frame, but it reported: ${result.error}.`, { frameIndex });
        return toLandmarkFrame(result as unknown as HumanResultLike, {
          frameIndex,
          timestampMs,
          imageWidthPx: w,
          imageHeightPx: hh,
          imageMirrored: opts.imageMirrored ?? false,
        });
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await chain;
      const models = (h.models as unknown as { models: Record<string, { dispose?: () => void } | null> }).models;
      for (const m of Object.values(models)) m?.dispose?.();
      h.models.reset();
    },
  };
}

/** The frame's pixels for the own-ROI crop: ImageData as it is, anything else read once through tfjs. */
function framePixels(tf: typeof import('@tensorflow/tfjs-core'), input: BrowserInput, w: number, h: number): FramePixels {
  if (typeof ImageData !== 'undefined' && input instanceof ImageData) return { data: input.data, widthPx: w, heightPx: h, channels: 4 };
  const t = tf.browser.fromPixels(input as Parameters<typeof tf.browser.fromPixels>[0]);
  try {
    return { data: t.dataSync(), widthPx: w, heightPx: h, channels: 3 };
  } finally {
    t.dispose();
  }
}
