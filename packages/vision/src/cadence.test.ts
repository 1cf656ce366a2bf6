import { describe, expect, it } from 'vitest';
import { syntheticFace, type LandmarkFrame } from '@geste/core';
import { FaceDetectorCadence, cadenceConfig, cameraYawDeg } from './cadence.ts';
import { DEFAULT_TUNING } from './humanConfig.ts';

const frame = (rotationDeg: number | null, faces = 1, mirrored = false): LandmarkFrame => ({
  frameIndex: 0,
  timestampMs: 0,
  imageWidthPx: 640,
  imageHeightPx: 480,
  faces: rotationDeg === null ? [] : Array.from({ length: faces }, (_, i) => syntheticFace({ angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, centerPx: [200 + 240 * i, 240], mirrored })),
  bodies: [],
  hands: [],
});

describe('face detector cadence', () => {
  it('reads the one face’s turn from the camera, either side, mirrored or not', () => {
    for (const deg of [0, 12, -25, 50]) {
      expect(cameraYawDeg(frame(deg))!).toBeCloseTo(Math.abs(deg), 6);
      expect(cameraYawDeg(frame(deg, 1, true))!).toBeCloseTo(Math.abs(deg), 6);
    }
    expect(cameraYawDeg(frame(null))).toBeNull();
    expect(cameraYawDeg(frame(0, 2))).toBeNull();
  });

  it('runs the detector on every frame near frontal and tracks when turned far (default 30°)', () => {
    const c = new FaceDetectorCadence(DEFAULT_TUNING);
    // nothing seen yet: the configured tracking cadence (the detector runs anyway while nothing is tracked)
    expect(c.nextSkipFrames()).toBe(DEFAULT_TUNING.faceDetectorEveryNFrames);
    c.observe(frame(5));
    expect(c.nextSkipFrames()).toBe(0);
    c.observe(frame(-29));
    expect(c.nextSkipFrames()).toBe(0);
    c.observe(frame(31));
    expect(c.nextSkipFrames()).toBe(DEFAULT_TUNING.faceDetectorEveryNFrames);
    c.observe(frame(null)); // face lost: Human re-detects by itself; no near-frontal claim
    expect(c.nextSkipFrames()).toBe(DEFAULT_TUNING.faceDetectorEveryNFrames);
    c.observe(frame(0, 2)); // two faces: no claim either
    expect(c.nextSkipFrames()).toBe(DEFAULT_TUNING.faceDetectorEveryNFrames);
  });

  it('0 turns the near-frontal rule off', () => {
    const c = new FaceDetectorCadence({ faceDetectorEveryNFrames: 12, faceDetectorEveryFrameBelowYawDeg: 0 });
    c.observe(frame(0));
    expect(c.nextSkipFrames()).toBe(12);
    expect(cadenceConfig(0)).toEqual({ face: { detector: { skipFrames: 0 } } });
  });
});
