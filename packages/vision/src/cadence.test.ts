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
    expect(cadenceConfig(0)).toEqual({ face: { detector: { skipFrames: 0, rotation: false } } });
    expect(cadenceConfig(3, true)).toEqual({ face: { detector: { skipFrames: 3, rotation: true } } });
  });

  it('rotates the face crop only while the head is tilted ≥ 15° and turned ≤ 20° from the camera', () => {
    const tilted = (rotationDeg: number, tiltDeg: number): LandmarkFrame => ({
      ...frame(0), faces: [syntheticFace({ angles: { rotationDeg, tiltDeg, flexionDeg: 0 }, centerPx: [320, 240] })],
    });
    const c = new FaceDetectorCadence(DEFAULT_TUNING);
    expect(c.nextRotateCrop()).toBe(false); // nothing seen yet
    c.observe(tilted(0, 30));
    expect(c.nextRotateCrop()).toBe(true);
    c.observe(tilted(0, -16));
    expect(c.nextRotateCrop()).toBe(true);
    c.observe(tilted(0, 10));
    expect(c.nextRotateCrop()).toBe(false);
    c.observe(tilted(35, 20)); // turned: a rotated crop would read the turn as tilt and flexion
    expect(c.nextRotateCrop()).toBe(false);
    c.observe(frame(null));
    expect(c.nextRotateCrop()).toBe(false);
    const off = new FaceDetectorCadence({ ...DEFAULT_TUNING, faceRotationCorrection: false });
    off.observe(tilted(0, 30));
    expect(off.nextRotateCrop()).toBe(false);
  });
});
