/**
 * Test page for the browser-vs-CLI differential test (apps/web/test/parity.int.test.ts): the app's own
 * detectors (Human on WASM, configured with the CLI's tuning) — in the detector worker (the app's
 * default) and on the main thread — and core's pose estimator, fed RGB frames by the test so that every
 * path sees exactly the same pixels. Built only by that test.
 */
import { type FrameMeasure, type LandmarkFrame, anatomicalNeutral, measureFrame } from '@geste/core';
import { createHumanDetector } from '../vision/humanDetector.ts';
import { createWorkerDetector } from '../vision/workerDetector.ts';
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
(window as unknown as { gesteParityReady: boolean }).gesteParityReady = true;
