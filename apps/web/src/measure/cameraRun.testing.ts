/**
 * Test helper (session 12): the frames of one camera run as the app makes them — generated faces measured by a fresh
 * core AnatomicalEstimator (one engine per camera run). Used by the live trace and the live dials' tests.
 */
import { AnatomicalEstimator, syntheticFace } from '@geste/core';
import type { FrameMeasure } from '@geste/core';

/** One camera run: `n` frames at 30 fps from `t0Ms`, the head turned `rotationDeg`, through a fresh engine. */
export function cameraRunFrames(n: number, t0Ms: number, rotationDeg: number): FrameMeasure[] {
  const e = new AnatomicalEstimator();
  return Array.from({ length: n }, (_, i) =>
    e.measure({
      frameIndex: i, timestampMs: t0Ms + i * 33, imageWidthPx: 640, imageHeightPx: 480,
      faces: [syntheticFace({ angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, noisePx: 0.2, seed: i + 1 })],
      bodies: [], hands: [],
    }),
  );
}
