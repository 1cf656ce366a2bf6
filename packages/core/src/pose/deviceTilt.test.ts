import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frontCameraElevationDeg } from './deviceTilt.ts';

const TOL_DEG = 1e-9;

describe('frontCameraElevationDeg', () => {
  it('upright device: the front camera looks horizontally (portrait and landscape)', () => {
    expect(frontCameraElevationDeg(90, 0)).toBeCloseTo(0, 9);
    expect(frontCameraElevationDeg(0, 90)).toBeCloseTo(0, 9); // landscape, lying on its side
    expect(frontCameraElevationDeg(0, -90)).toBeCloseTo(0, 9);
  });
  it('leaning back looks up, lying flat looks straight up, leaning forward looks down', () => {
    expect(frontCameraElevationDeg(80, 0)).toBeCloseTo(10, 9);
    expect(frontCameraElevationDeg(0, 0)).toBeCloseTo(90, 9);
    expect(frontCameraElevationDeg(100, 0)).toBeCloseTo(-10, 9);
    expect(frontCameraElevationDeg(-90, 0)).toBeCloseTo(0, 9); // upside down, still horizontal
  });
  it('is null for missing or non-finite readings (a device without sensors reports null)', () => {
    expect(frontCameraElevationDeg(null, 0)).toBeNull();
    expect(frontCameraElevationDeg(90, undefined)).toBeNull();
    expect(frontCameraElevationDeg(Number.NaN, 0)).toBeNull();
  });
  it('property: stays within ±90° and is symmetric in gamma', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (b, g) => {
        const e = frontCameraElevationDeg(b, g)!;
        return Math.abs(e) <= 90 + TOL_DEG && Math.abs(e - frontCameraElevationDeg(b, -g)!) < 1e-6;
      }),
    );
  });
});
