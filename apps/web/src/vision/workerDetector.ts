/**
 * The default detector: Human runs in a dedicated module worker (detector.worker.ts) and the page only
 * grabs frames. A frame goes over as a transferred ImageBitmap (`createImageBitmap(video)`, no copy on
 * the way) or, with `transfer: 'imagedata'`, as RGBA pixels read on the page (buffer transferred).
 * Models and wasm are resolved against the page's base URL, passed in the init message, because a
 * worker's own URL is its chunk's (`assets/…`). Worker failures (models missing, backend, crash) come
 * back as `DetectorError`s with words.
 */
import type { LandmarkFrame } from '@geste/core';
import { debugHookEnabled } from '../debugHook.ts';
import { DetectorError } from './detector.ts';
import type { DetectorErrorCode, DetectorInfo, DetectorInput, FrameDetector } from './detector.ts';
import { LIVE_TUNING } from './humanEngine.ts';
import type { VisionTuning } from './visionAdapter.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

export interface WorkerDetectorOptions {
  readonly backend?: 'wasm' | 'webgl';
  readonly tuning?: Partial<VisionTuning>;
  /** Absolute base URL of the app (defaults to document.baseURI). */
  readonly baseUrl?: string;
  /** How frames travel to the worker (default 'bitmap'). */
  readonly transfer?: 'bitmap' | 'imagedata';
  /** tfjs's threaded-SIMD WASM build (humanEngine.ts). */
  readonly wasmThreads?: boolean;
  /** Test seam: makes the worker (default: the bundled detector.worker.ts module worker). */
  readonly createWorker?: () => Worker;
}

interface Pending {
  resolve(f: LandmarkFrame): void;
  reject(e: Error): void;
}

/** Time the last frame spent in the worker (ms) and Human's stage timings, for the bench. */
declare global {
  var gesteWorkerMs: number | undefined;
}

export async function createWorkerDetector(opts: WorkerDetectorOptions = {}): Promise<FrameDetector> {
  const tuning: VisionTuning = { ...LIVE_TUNING, ...opts.tuning };
  const transfer = opts.transfer ?? 'bitmap';
  let worker: Worker;
  try {
    worker = opts.createWorker ? opts.createWorker() : new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module', name: 'geste-detector' });
  } catch (e) {
    throw new DetectorError('worker-failed', `This browser could not start the detector worker (${String(e)}). Open the app with ?detector=main to detect on the page instead.`);
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: DetectorError | null = null;
  let closed = false;
  let onReady: { resolve(i: DetectorInfo): void; reject(e: Error): void } | null = null;

  const fail = (err: DetectorError): void => {
    if (failure) return;
    failure = err;
    onReady?.reject(err);
    onReady = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker.terminate();
  };
  worker.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    const what = ev.message || 'the worker script failed to load or threw';
    fail(new DetectorError('worker-failed', `The detector worker stopped (${what}). Reload the page; if it happens again, open the app with ?detector=main.`));
  };
  worker.onmessageerror = () => fail(new DetectorError('worker-failed', 'The detector worker sent a message the page could not read.'));
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const msg = ev.data;
    if (msg.type === 'ready') {
      onReady?.resolve(msg.info);
      onReady = null;
    } else if (msg.type === 'frame') {
      if (debugHookEnabled()) {
        globalThis.gesteWorkerMs = msg.workerMs;
        (globalThis as { gesteHumanPerf?: unknown }).gesteHumanPerf = msg.perf;
        // Sums of Human's stage times over every frame, for bench/web-fps.ts's per-stage figures.
        const g = globalThis as { gesteHumanPerfSum?: Record<string, number> };
        const sum = (g.gesteHumanPerfSum ??= { frames: 0, workerMs: 0 });
        sum['frames']! += 1;
        sum['workerMs']! += msg.workerMs;
        for (const [k, v] of Object.entries((msg.perf ?? {}) as Record<string, unknown>)) {
          if (typeof v === 'number' && ['inputProcess', 'cacheCheck', 'face', 'body', 'hand', 'total'].includes(k)) sum[k] = (sum[k] ?? 0) + v;
        }
      }
      pending.get(msg.id)?.resolve(msg.frame);
      pending.delete(msg.id);
    } else {
      const err = new DetectorError(msg.code as DetectorErrorCode, msg.message);
      if (msg.id === null) {
        onReady?.reject(err);
        onReady = null;
      } else {
        pending.get(msg.id)?.reject(err);
        pending.delete(msg.id);
      }
    }
  };

  const post = (msg: ToWorker, transferList: Transferable[] = []): void => worker.postMessage(msg, transferList);
  const ready = new Promise<DetectorInfo>((resolve, reject) => (onReady = { resolve, reject }));
  post({ type: 'init', baseUrl: opts.baseUrl ?? document.baseURI, backend: opts.backend ?? 'wasm', tuning, wasmThreads: opts.wasmThreads ?? false });
  let info: DetectorInfo;
  try {
    info = await ready;
  } catch (e) {
    worker.terminate();
    throw e;
  }

  let grab: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } | null = null;
  const readPixels = (input: DetectorInput, w: number, h: number): ImageData => {
    if (!grab) {
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new DetectorError('backend-failed', 'This browser gave no 2D canvas to read video frames from.');
      grab = { canvas, ctx };
    }
    if (grab.canvas.width !== w || grab.canvas.height !== h) {
      grab.canvas.width = w;
      grab.canvas.height = h;
    }
    grab.ctx.drawImage(input, 0, 0, w, h);
    return grab.ctx.getImageData(0, 0, w, h);
  };

  return {
    info: { ...info, kind: `${info.kind}-worker` },
    async detect(input: DetectorInput, frameIndex: number, timestampMs: number): Promise<LandmarkFrame> {
      if (closed) throw new DetectorError('detector-closed', 'detect() called after close().');
      if (failure) throw failure;
      const w = input instanceof HTMLVideoElement ? input.videoWidth : input.width;
      const h = input instanceof HTMLVideoElement ? input.videoHeight : input.height;
      const id = nextId++;
      let msg: ToWorker;
      let list: Transferable[];
      if (transfer === 'imagedata') {
        const pixels = readPixels(input, w, h);
        msg = { type: 'detect', id, frameIndex, timestampMs, pixels };
        list = [pixels.data.buffer];
      } else {
        const bitmap = await createImageBitmap(input);
        msg = { type: 'detect', id, frameIndex, timestampMs, bitmap };
        list = [bitmap];
      }
      const result = new Promise<LandmarkFrame>((resolve, reject) => pending.set(id, { resolve, reject }));
      // Checked again: the worker may have failed while the bitmap was being made.
      if (failure) {
        pending.delete(id);
        throw failure;
      }
      post(msg, list);
      return result;
    },
    setNeeds(needs) {
      if (!closed && !failure) post({ type: 'needs', needs });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const err = new DetectorError('detector-closed', 'The detector was closed while a frame was being analysed.');
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      if (!failure) post({ type: 'close' });
    },
  };
}
