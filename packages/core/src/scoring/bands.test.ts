// ref: docs/clinical.md band edges, tested exactly at the boundaries; monotonicity as a property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anteroRetrocollisScore,
  durationFactorScore,
  FULL_RANGE_DEG,
  laterocollisScore,
  lateralShiftScore,
  rangeOfMotionScore,
  rotationScore,
  sensoryTrickScore,
  shoulderElevationScore,
  timeHoldingNeutralScore,
} from './bands.ts';

function table<T>(fn: (x: number) => T, rows: ReadonlyArray<readonly [number, T]>): void {
  for (const [x, want] of rows) expect(fn(x), `input ${x}`).toBe(want);
}

describe('band edges', () => {
  it('rotation: 0 → 0, 1–22 → 1, 23–45 → 2, 46–67 → 3, ≥ 68 → 4; halves round up; sign ignored', () => {
    table(rotationScore, [
      [0, 0], [0.49, 0], [0.5, 1], [1, 1], [22, 1], [22.49, 1], [22.5, 2], [23, 2], [45, 2], [46, 3], [67, 3], [67.5, 4], [68, 4], [90, 4], [120, 4], [-23, 2],
    ]);
  });

  it('laterocollis: 0 → 0, 1–15 → 1, 16–35 → 2, ≥ 36 → 3', () => {
    table(laterocollisScore, [[0, 0], [1, 1], [15, 1], [15.5, 2], [16, 2], [35, 2], [35.49, 2], [36, 3], [-40, 3]]);
  });

  it('antero/retrocollis against a 60° full range: 1–14 → 1, 15–44 → 2, ≥ 45 → 3', () => {
    expect(FULL_RANGE_DEG.flexion).toBe(60);
    expect(FULL_RANGE_DEG.extension).toBe(60);
    table((x) => anteroRetrocollisScore(x, 60), [[0, 0], [1, 1], [14, 1], [14.5, 2], [15, 2], [44, 2], [45, 3], [60, 3]]);
  });

  it('lateral shift: present from 2.0 cm (0.1 cm rounding)', () => {
    table(lateralShiftScore, [[0, 0], [1.94, 0], [1.95, 1], [2, 1], [-3, 1]]);
  });

  it('duration factor: [0] 0, [1,25) 1, [25,50) 2, [50,75] 3, (75,100] 4, +1 when often maximal', () => {
    table((p) => durationFactorScore(p, false), [[0, 0], [0.4, 0], [1, 1], [24, 1], [24.5, 2], [25, 2], [49, 2], [50, 3], [75, 3], [75.5, 4], [76, 4], [100, 4]]);
    table((p) => durationFactorScore(p, true), [[0, 0], [10, 2], [30, 3], [60, 4], [80, 5]]);
  });

  it('sensory trick: ≥ 75 % → 0, 25–74 % → 1, < 25 % (or worse) → 2', () => {
    table(sensoryTrickScore, [[100, 0], [75, 0], [74.5, 0], [74.4, 1], [25, 1], [24.4, 2], [0, 2], [-30, 2]]);
  });

  it('shoulder elevation: < 2° → 0; < 5° → 1; 5–9° → 2 if constant else 1; ≥ 10° → 3 if constant else 2', () => {
    expect(shoulderElevationScore(1.4, 0, 0)).toBe(0);
    expect(shoulderElevationScore(2, 0, 0)).toBe(1);
    expect(shoulderElevationScore(4.4, 1, 0)).toBe(1);
    expect(shoulderElevationScore(5, 0.74, 0)).toBe(1);
    expect(shoulderElevationScore(5, 0.75, 0)).toBe(2);
    expect(shoulderElevationScore(9.4, 1, 0)).toBe(2);
    expect(shoulderElevationScore(10, 1, 0.74)).toBe(2);
    expect(shoulderElevationScore(10, 1, 0.75)).toBe(3);
  });

  it('range of motion (rotation, full 90°): ≥ 72 → 0; 11–71 → 1; 0–10 → 2; below midline but ≥ 10° from the posture → 3; else 4', () => {
    table((r) => rangeOfMotionScore(r, 40, 90), [[90, 0], [72, 0], [71.9, 0], [71.4, 1], [11, 1], [10.4, 2], [10, 2], [0, 2], [-0.4, 2], [-1, 3], [-30, 3], [-30.6, 4], [-40, 4]]);
  });

  it('time holding neutral: 60 s → 0; 46–60 → 1 (59.6 rounds to 60 but is not the full 60); 31–45 → 2; 16–30 → 3; ≤ 15 → 4', () => {
    table(timeHoldingNeutralScore, [[60, 0], [59.6, 1], [46, 1], [45.5, 1], [45.4, 2], [31, 2], [30.4, 3], [16, 3], [15.4, 4], [0, 4]]);
  });
});

describe('monotone in the excursion (property)', () => {
  const deg = fc.double({ min: 0, max: 180, noNaN: true });
  it('more excursion never gives a lower score', () => {
    fc.assert(
      fc.property(deg, deg, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rotationScore(hi)).toBeGreaterThanOrEqual(rotationScore(lo));
        expect(laterocollisScore(hi)).toBeGreaterThanOrEqual(laterocollisScore(lo));
        expect(anteroRetrocollisScore(hi, 60)).toBeGreaterThanOrEqual(anteroRetrocollisScore(lo, 60));
        expect(lateralShiftScore(hi / 10)).toBeGreaterThanOrEqual(lateralShiftScore(lo / 10));
        expect(shoulderElevationScore(hi / 6, 1, 1)).toBeGreaterThanOrEqual(shoulderElevationScore(lo / 6, 1, 1));
        // More reach toward the opposite side never gives a higher (worse) range-of-motion score.
        expect(rangeOfMotionScore(hi - 90, 40, 90)).toBeLessThanOrEqual(rangeOfMotionScore(lo - 90, 40, 90));
      }),
    );
  });
  it('more time deviated never lowers the duration factor; more relief never raises the trick score; longer holds never raise the hold score', () => {
    const pct = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(pct, pct, fc.boolean(), (a, b, often) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(durationFactorScore(hi, often)).toBeGreaterThanOrEqual(durationFactorScore(lo, often));
        expect(durationFactorScore(hi, true)).toBeGreaterThanOrEqual(durationFactorScore(hi, false));
        expect(sensoryTrickScore(hi)).toBeLessThanOrEqual(sensoryTrickScore(lo));
        expect(timeHoldingNeutralScore(hi * 0.6)).toBeLessThanOrEqual(timeHoldingNeutralScore(lo * 0.6));
      }),
    );
  });
});
