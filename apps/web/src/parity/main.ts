/**
 * Test page for the browser-vs-CLI differential test (apps/web/test/parity.int.test.ts): the app's own
 * detectors (Human on WASM, configured with the CLI's tuning) — in the detector worker (the app's
 * default) and on the main thread — and core's pose estimator, fed RGB frames by the test so that every
 * path sees exactly the same pixels. Built only by that test.
 */
import { type FrameMeasure, type LandmarkFrame, anatomicalNeutral, measureFrame } from '@geste/core';
import { createHumanDetector } from '../vision/humanDetector.ts';
import { createWorkerDetector } from '../vision/workerDetector.ts';
import { DetectorError } from '../vision/detector.ts';
import type { FrameDetector } from '../vision/detector.ts';
import { DEFAULT_TUNING } from '../vision/visionAdapter.ts';

type Place = 'worker' | 'main';
const detectors = new Map<Place, FrameDetector>();
const canvas = document.createElement('canvas');
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

function rgbFromBase64(b64: string, widthPx: number, heightPx: number): ImageData {
  const bin = atob(b64);
  const img = new ImageData(widthPx, heightPx);
  for (let p = 0, q = 0; p < widthPx * heightPx; p++, q += 3) {
    img.data[p * 4] = bin.charCodeAt(q);
    img.data[p * 4 + 1] = bin.charCodeAt(q + 1);
    img.data[p * 4 + 2] = bin.charCodeAt(q + 2);
    img.data[p * 4 + 3] = 255;
  }
  return img;
}

(window as unknown as { gesteParity: unknown }).gesteParity = {
  async init(place: Place): Promise<string> {
    const opts = { backend: 'wasm', tuning: DEFAULT_TUNING } as const;
    const detector = place === 'worker' ? await createWorkerDetector(opts) : await createHumanDetector(opts);
    detectors.set(place, detector);
    return detector.info.kind;
  },
  async measure(place: Place, b64: string, widthPx: number, heightPx: number, frameIndex: number, timestampMs: number): Promise<{ landmarks: LandmarkFrame; measure: FrameMeasure }> {
    const detector = detectors.get(place);
    if (!detector) throw new Error(`call init('${place}') first`);
    if (canvas.width !== widthPx || canvas.height !== heightPx) {
      canvas.width = widthPx;
      canvas.height = heightPx;
    }
    ctx.putImageData(rgbFromBase64(b64, widthPx, heightPx), 0, 0);
    const landmarks = await detector.detect(canvas, frameIndex, timestampMs);
    return { landmarks, measure: measureFrame(landmarks, anatomicalNeutral()) };
  },
};
/** A worker that starts, answers `init` with 'ready', and throws (uncaught) on the first frame. */
const CRASHING_WORKER = `onmessage = (ev) => {
  if (ev.data.type === 'init') postMessage({ type: 'ready', info: { kind: 'crash-test', models: {} } });
  else if (ev.data.type === 'detect') throw new Error('simulated crash in the detector worker');
};`;

/** How the worker detector reports failures: [code, message] for each case, or 'no error'. */
(window as unknown as { gesteWorkerErrors: unknown }).gesteWorkerErrors = async (): Promise<Record<string, [string, string] | 'no error'>> => {
  const codeOf = (e: unknown): [string, string] => (e instanceof DetectorError ? [e.code, e.message] : ['not a DetectorError', String(e)]);
  const out: Record<string, [string, string] | 'no error'> = {};
  // Models not served at the given base URL.
  try {
    await createWorkerDetector({ backend: 'wasm', baseUrl: new URL('./no-such-folder/', location.href).href });
    out['modelsMissing'] = 'no error';
  } catch (e) {
    out['modelsMissing'] = codeOf(e);
  }
  // The worker script cannot be loaded.
  try {
    await createWorkerDetector({ createWorker: () => new Worker(new URL('./no-such-worker.js', location.href), { type: 'module' }) });
    out['scriptMissing'] = 'no error';
  } catch (e) {
    out['scriptMissing'] = codeOf(e);
  }
  // The worker crashes while a frame is being analysed; later frames fail at once with the same error.
  const crashing = await createWorkerDetector({ createWorker: () => new Worker(URL.createObjectURL(new Blob([CRASHING_WORKER], { type: 'text/javascript' }))) });
  canvas.width = 64;
  canvas.height = 48;
  for (const key of ['crashMidFrame', 'afterCrash']) {
    try {
      await crashing.detect(canvas, 0, 0);
      out[key] = 'no error';
    } catch (e) {
      out[key] = codeOf(e);
    }
  }
  await crashing.close();
  try {
    await crashing.detect(canvas, 1, 1);
    out['afterClose'] = 'no error';
  } catch (e) {
    out['afterClose'] = codeOf(e);
  }
  return out;
};
(window as unknown as { gesteParityReady: boolean }).gesteParityReady = true;
