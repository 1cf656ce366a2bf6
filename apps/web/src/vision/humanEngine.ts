/**
 * Human (face detector, face mesh, MoveNet, hand tracker) configured like the CLI, with no DOM use:
 * it runs on the page (humanDetector.ts) and inside the detector worker (detector.worker.ts).
 * Input is RGBA pixels (ImageData), as the Node CLI gives Human a pixel tensor; output is the
 * vision adapter's `LandmarkFrame`, so every path produces the same landmark frames.
 */
import { Human } from '@vladmandic/human';
import type { LandmarkFrame } from '@geste/core';
import { humanConfig, modelVersions, DEFAULT_TUNING, toLandmarkFrame, FaceDetectorCadence, cadenceConfig, HUMAN_MODEL_FILES, ModelSchedule, planConfig, ownMeshFacePathFor, detectWithOwnMesh } from './visionAdapter.ts';
import type { HumanResultLike, ScheduleNeeds, VisionTuning } from './visionAdapter.ts';
import { MODELS_URL, WASM_URL } from './assets.ts';
import { DetectorError } from './detector.ts';
import type { DetectorInfo } from './detector.ts';

/**
 * Live tuning. Which frames run the body and hand models is decided by @geste/vision's `ModelSchedule`
 * (schedule.ts, shared with the CLI): body at 3 Hz of frame time (every frame when turned ≥ 35° or no
 * face), hands only while a screen needs them (`setNeeds`), on occlusion signals, while in view, or on a
 * 1 s sweep; `handsEveryNFrames` is the hand tracker's own re-detection cadence inside those runs.
 * Measured in bench/web-fps.ts: the hand model alone took ~400 ms on a loaded 2-core machine.
 */
export const LIVE_TUNING: VisionTuning = { ...DEFAULT_TUNING, bodyEveryNFrames: 6, handsEveryNFrames: 15 };

export interface HumanEngineOptions {
  /** 'wasm' is the default: deterministic and close to the CLI's WASM numbers; 'webgl' when a GPU helps. */
  readonly backend: 'wasm' | 'webgl';
  readonly tuning: VisionTuning;
  /** Absolute base URL of the app: models and wasm are resolved against it (a worker has no document). */
  readonly baseUrl: string;
  /** Let tfjs use its threaded-SIMD WASM build when the page is cross-origin isolated (default false). */
  readonly wasmThreads?: boolean;
}

export interface HumanEngine {
  readonly info: DetectorInfo;
  detectPixels(pixels: ImageData, frameIndex: number, timestampMs: number): Promise<LandmarkFrame>;
  /** Human's own stage timings of the last frame (ms). */
  lastPerf(): unknown;
  /** What the screen needs now (e.g. hands in a sensory-trick window); see @geste/vision schedule.ts. */
  setNeeds(needs: ScheduleNeeds): void;
  close(): void;
}

export async function createHumanEngine(opts: HumanEngineOptions): Promise<HumanEngine> {
  const { backend, tuning, baseUrl } = opts;
  const config = humanConfig(
    {
      backend,
      modelBasePath: new URL('.' + MODELS_URL, baseUrl).href,
      wasmPath: new URL('.' + WASM_URL, baseUrl).href,
    },
    tuning,
  );
  // Human's image filter runs a WebGL pass even when every adjustment is off (a plain copy); with no
  // GPU that costs tens of ms per frame. Turning it off gives the same pixels.
  const browserConfig = { ...config, filter: { ...(config['filter'] as object), enabled: false } };
  const human = new Human(browserConfig as ConstructorParameters<typeof Human>[0]);
  // The multi-threaded WASM build's worker script inside Human's bundled tfjs fails to start
  // ("e is not defined"), so use the single-threaded SIMD build (also what the Node CLI uses).
  if (!opts.wasmThreads) {
    try {
      human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    } catch {
      /* flag unknown in this tfjs: nothing to turn off */
    }
  }
  await checkModelsServed(config['modelBasePath'] as string, tuning);
  try {
    await human.load();
  } catch (e) {
    throw new DetectorError('models-missing', `Could not load the face models from ${config['modelBasePath'] as string} (${String(e)}). Rebuild the app with "npm run build -w @geste/web".`);
  }
  const activeBackend = String(human.tf.getBackend?.() ?? '');
  if (!activeBackend) throw new DetectorError('backend-failed', `The ${backend} backend did not start.`);
  // Which WASM build tfjs chose (the threaded one needs a cross-origin isolated page and ?wasmThreads=1).
  let wasmBuild: Record<string, string> = {};
  if (activeBackend === 'wasm') {
    const mt = await Promise.resolve(human.tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).catch(() => false);
    wasmBuild = { wasmBuild: mt ? 'threaded-simd' : 'simd (one thread)' };
  }
  const cadence = new FaceDetectorCadence(tuning);
  const schedule = new ModelSchedule();
  // Own face-mesh ROI, the same code as the CLI (packages/vision/src/mesh, docs/face-roi.md).
  const facePath = ownMeshFacePathFor(human, tuning);
  let perf: unknown = null;
  let closed = false;
  return {
    info: { kind: `human-${activeBackend}`, models: { ...modelVersions(human.version, tuning), ...wasmBuild } },
    async detectPixels(pixels, frameIndex, timestampMs) {
      if (closed) throw new DetectorError('detector-closed', 'detect() called after close().');
      const plan = schedule.plan(frameIndex, timestampMs);
      // The frame becomes a tensor only for a call to Human: the own-ROI path samples its crop from the pixels
      // and, on a tracked frame with no body or hands planned, does not call Human at all.
      const detect = async (config: Record<string, unknown>) => {
        const tensor = human.tf.browser.fromPixels(pixels) as { dispose(): void };
        try {
          return await human.detect(tensor as unknown as Parameters<typeof human.detect>[0], config as Parameters<typeof human.detect>[1]);
        } finally {
          tensor.dispose();
        }
      };
      const result = facePath
        ? (await detectWithOwnMesh(facePath, detect, { data: pixels.data, widthPx: pixels.width, heightPx: pixels.height, channels: 4 }, plan, timestampMs)).result
        : await detect({ ...cadenceConfig(cadence.nextSkipFrames(), cadence.nextRotateCrop()), ...planConfig(plan, tuning) });
      // Human leaves a skipped model's last time in place: 0 for a model the schedule did not run. A frame
      // Human did not see (own ROI, tracked, nothing else planned) has no timings at all.
      const hp: Partial<typeof result.performance> = result.performance ?? {};
      perf = { ...hp, body: plan.runBody ? (hp.body ?? 0) : 0, hand: plan.runHands ? (hp.hand ?? 0) : 0 };
      if ('error' in result && result.error) throw new DetectorError('backend-failed', String(result.error));
      // Human's Point is [x, y, z?]; the adapter reads missing z as 0.
      const frame = toLandmarkFrame(result as unknown as HumanResultLike, { frameIndex, timestampMs, imageWidthPx: pixels.width, imageHeightPx: pixels.height });
      cadence.observe(frame);
      return schedule.complete(frame);
    },
    lastPerf: () => perf,
    setNeeds: (needs) => schedule.setNeeds(needs),
    close() {
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

/**
 * Human's load() does not fail when a model file is missing (it logs and leaves the model empty, and
 * detect() then finds nothing), and a static server may answer a missing file with the app's HTML.
 * So fetch each model manifest first and check that it is a model JSON.
 */
async function checkModelsServed(modelBaseUrl: string, tuning: VisionTuning): Promise<void> {
  const needed: string[] = [HUMAN_MODEL_FILES.faceDetector, HUMAN_MODEL_FILES.faceMesh];
  if (tuning.iris) needed.push(HUMAN_MODEL_FILES.iris);
  if (tuning.body) needed.push(HUMAN_MODEL_FILES.body);
  if (tuning.hands) needed.push(HUMAN_MODEL_FILES.handDetector, HUMAN_MODEL_FILES.handSkeleton);
  for (const f of needed) {
    const url = new URL(f, modelBaseUrl).href;
    let why: string | null = null;
    try {
      const r = await fetch(url);
      if (!r.ok) why = `HTTP ${r.status}`;
      else {
        const manifest = (await r.json().catch(() => null)) as { modelTopology?: unknown } | null;
        if (!manifest || typeof manifest !== 'object' || !('modelTopology' in manifest)) why = 'the server sent something that is not a model file';
      }
    } catch (e) {
      why = String(e);
    }
    if (why !== null) {
      throw new DetectorError('models-missing', `Could not load the face models from ${modelBaseUrl}: ${f} (${why}). Rebuild the app with "npm run build -w @geste/web".`);
    }
  }
}
