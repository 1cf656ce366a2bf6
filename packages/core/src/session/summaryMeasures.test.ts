// The headline tremor (what `geste analyze` lists and the benchmark scores, issue 13) is the peak measured around
// itself, so a 4.5 Hz tremor on the band edge is not cut in two.
import { describe, expect, it } from 'vitest';
import type { FrameMeasure } from '../measures/types.ts';
import { anatomicalNeutral } from '../pose/neutral.ts';
import { summarizeSession, summaryMeasures } from './summary.ts';

/** Perfect data: the RMS of a sine is amplitude/√2; the band sums read a 4.5 Hz tremor ≈ 30 % low. */
const TOL_RMS_REL = 0.05;
const TOL_HZ = 0.1;

function tremorFrames(hz: number, amplitudeDeg: number, seconds = 12, fps = 30): FrameMeasure[] {
  return Array.from({ length: seconds * fps }, (_, i) => ({
    frameIndex: i, timestampMs: (i * 1000) / fps, state: 'measured', reasons: [], confidence: 1, method: 'face-mesh',
    rotationDeg: 0, tiltDeg: amplitudeDeg * Math.sin((2 * Math.PI * hz * i) / fps), flexionDeg: 0, lateralShiftCm: 0, shoulderElevationDeg: 0,
  }));
}
const neutral = { neutral: anatomicalNeutral(), requested: 'anatomical' as const, fellBackToAnatomical: false, calibration: null };

describe('summaryMeasures: headline tremor', () => {
  for (const [hz, amp] of [[4.5, 1.5], [2, 2], [6, 0.7]] as const) {
    it(`${hz} Hz, ${amp}° peak: frequency and RMS as scripted`, () => {
      const m = summaryMeasures(summarizeSession(tremorFrames(hz, amp), neutral));
      expect(Math.abs(m.tremorPeakHz! - hz)).toBeLessThan(TOL_HZ);
      expect(Math.abs(m.tremorRmsDeg! - amp / Math.SQRT2) / (amp / Math.SQRT2)).toBeLessThan(TOL_RMS_REL);
    });
  }

  it('a 1.2 Hz tremor is the headline (tremor is 1–8 Hz, issue 13); a 0.8 Hz sway is not', () => {
    const m = summaryMeasures(summarizeSession(tremorFrames(1.2, 3, 20), neutral));
    expect(Math.abs(m.tremorPeakHz! - 1.2)).toBeLessThan(TOL_HZ);
    expect(Math.abs(m.tremorRmsDeg! - 3 / Math.SQRT2) / (3 / Math.SQRT2)).toBeLessThan(TOL_RMS_REL);
    const slow = summaryMeasures(summarizeSession(tremorFrames(0.8, 3, 20), neutral));
    expect(slow.tremorPeakHz).toBeNull();
    expect(slow.tremorRmsDeg).toBeNull();
  });
});
