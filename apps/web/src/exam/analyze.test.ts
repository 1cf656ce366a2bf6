import { describe, expect, it } from 'vitest';
import type { FrameMeasure } from '@geste/core';
import { analyzeExam } from './analyze.ts';
import type { ExamPhase } from './scoring.ts';

const STEP_MS = 33;
function frame(i: number, t: number, r: number, ti: number, f: number): FrameMeasure {
  return { frameIndex: i, timestampMs: t, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: r, tiltDeg: ti, flexionDeg: f, lateralShiftCm: 0, shoulderElevationDeg: 0 };
}

/** A synthetic exam: rest turned 30° right, holds of 20 s and 8 s, then sweeps. */
function synthetic(): { frames: FrameMeasure[]; phases: ExamPhase[] } {
  const frames: FrameMeasure[] = [];
  const phases: ExamPhase[] = [];
  let t = 0;
  let i = 0;
  const seg = (ms: number, fn: (u: number) => [number, number, number]): { startMs: number; endMs: number } => {
    const startMs = t;
    for (const end = t + ms; t < end; t += STEP_MS) frames.push(frame(i++, t, ...fn((t - startMs) / ms)));
    return { startMs, endMs: t };
  };
  phases.push({ kind: 'rest', ...seg(30_000, () => [30, 2, 3]) });
  phases.push({ kind: 'hold-neutral', ...seg(25_000, (u) => (u < 0.8 ? [3, 1, 1] : [25, 1, 1])) });
  phases.push({ kind: 'hold-neutral', ...seg(12_000, (u) => (u < 8 / 12 ? [4, 1, 1] : [25, 1, 1])) });
  phases.push({ kind: 'rom-sweep', axis: 'rotationDeg', ...seg(4000, () => [70, 0, 0]) });
  phases.push({ kind: 'rom-sweep', axis: 'rotationDeg', ...seg(4000, () => [-35, 0, 0]) });
  phases.push({ kind: 'rom-sweep', axis: 'tiltDeg', ...seg(4000, () => [0, 30, 0]) });
  phases.push({ kind: 'rom-sweep', axis: 'tiltDeg', ...seg(4000, () => [0, -25, 0]) });
  phases.push({ kind: 'rom-sweep', axis: 'flexionDeg', ...seg(4000, () => [0, 0, 40]) });
  phases.push({ kind: 'rom-sweep', axis: 'flexionDeg', ...seg(4000, () => [0, 0, -35]) });
  return { frames, phases };
}

describe('analyzeExam', () => {
  const { frames, phases } = synthetic();
  const out = analyzeExam(frames, phases, 'calibrated');

  it('reads the hold times and range of motion each way (degrees, ±1°)', () => {
    expect(out.measures['holdNeutral1S']).toBeCloseTo(20, 0);
    expect(out.measures['holdNeutral2S']).toBeCloseTo(8, 0);
    expect(Math.abs(out.measures['romRotationRightDeg']! - 70)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.measures['romRotationLeftDeg']! - 35)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.measures['romTiltRightDeg']! - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.measures['romExtensionDeg']! - 35)).toBeLessThanOrEqual(1);
    expect(out.measures['restTimeInNeutralPct']).toBe(0);
  });

  it('scores the posture at rest through core scoring: 30° rotation is band 2, mean hold 14 s is band 4', () => {
    expect(out.items['rotation']).toBe(2);
    expect(out.items['timeHoldingNeutral']).toBe(4);
    expect(out.items['sensoryTrick']).toBeNull(); // no trick windows in this exam
    expect(out.items['totalAssessed']).toBeGreaterThanOrEqual(6);
  });
});
