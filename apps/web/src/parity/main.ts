/**
 * Test page for the browser-vs-CLI differential test (apps/web/test/parity.int.test.ts): the app's own
 * detector (Human on WASM, configured with the CLI's tuning) and core's pose estimator, fed RGB frames by
 * the test so that both paths see exactly the same pixels. Built only by that test.
 */
import { type FrameMeasure, type LandmarkFrame, anatomicalNeutral, measureFrame } from '@geste/core';
import { createHumanDetector } from '../vision/humanDetector.ts';
import type { FrameDetector } from '../vision/detector.ts';
import { DEFAULT_TUNING } from '../vision/visionAdapter.ts';

let detector: FrameDetector | null = null;
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
  async init(): Promise<string> {
    detector = await createHumanDetector({ backend: 'wasm', tuning: DEFAULT_TUNING });
    return detector.info.kind;
  },
  async measure(b64: string, widthPx: number, heightPx: number, frameIndex: number, timestampMs: number): Promise<{ landmarks: LandmarkFrame; measure: FrameMeasure }> {
    if (!detector) throw new Error('call init() first');
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
