/**
 * The detector worker: Human (WASM) off the page's main thread, so React, uPlot and the avatar do not
 * compete with detection. Receives frames as transferred ImageBitmaps (or RGBA ImageData), reads their
 * pixels through an OffscreenCanvas and answers with the same `LandmarkFrame` as the main-thread
 * detector (shared humanEngine.ts). One frame at a time, in order.
 */
import { createHumanEngine } from './humanEngine.ts';
import type { HumanEngine } from './humanEngine.ts';
import { DetectorError } from './detector.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

interface WorkerScope {
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
  postMessage(msg: FromWorker): void;
  close(): void;
}
const scope = self as unknown as WorkerScope;

let engine: Promise<HumanEngine> | null = null;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
// Frames are handled strictly in arrival order.
let queue: Promise<void> = Promise.resolve();

function errorMessage(id: number | null, e: unknown): FromWorker {
  if (e instanceof DetectorError) return { type: 'error', id, code: e.code, message: e.message };
  return { type: 'error', id, code: 'backend-failed', message: e instanceof Error ? e.message : String(e) };
}

function pixelsOf(bitmap: ImageBitmap): ImageData {
  const { width: w, height: h } = bitmap;
  if (!canvas || canvas.width !== w || canvas.height !== h) {
    canvas = new OffscreenCanvas(w, h);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new DetectorError('backend-failed', 'This browser gives workers no 2D OffscreenCanvas to read frames from.');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, w, h);
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      engine = createHumanEngine({ backend: msg.backend, tuning: msg.tuning, baseUrl: msg.baseUrl, wasmThreads: msg.wasmThreads ?? false });
      try {
        scope.postMessage({ type: 'ready', info: (await engine).info });
      } catch (e) {
        engine = null;
        scope.postMessage(errorMessage(null, e));
      }
      return;
    }
    case 'detect': {
      const t0 = performance.now();
      try {
        if (!engine) throw new DetectorError('backend-failed', 'The detector worker got a frame before it was started.');
        const e = await engine;
        const pixels = msg.bitmap ? pixelsOf(msg.bitmap) : msg.pixels;
        if (!pixels) throw new DetectorError('backend-failed', 'The detector worker got a message without a frame.');
        const frame = await e.detectPixels(pixels, msg.frameIndex, msg.timestampMs);
        scope.postMessage({ type: 'frame', id: msg.id, frame, perf: e.lastPerf(), workerMs: performance.now() - t0 });
      } catch (err) {
        msg.bitmap?.close();
        scope.postMessage(errorMessage(msg.id, err));
      }
      return;
    }
    case 'needs': {
      (await engine?.catch(() => null))?.setNeeds(msg.needs);
      return;
    }
    case 'close': {
      (await engine?.catch(() => null))?.close();
      engine = null;
      scope.close();
      return;
    }
  }
}

scope.onmessage = (ev) => {
  queue = queue.then(() => handle(ev.data));
};
