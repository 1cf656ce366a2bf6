/**
 * Session 12 (webpolish2): the live dials' smoothing holds one camera run. A camera stopped and started again
 * is a new recording, so its first readings must not be blended with the last run's — also when it comes back
 * sooner than the 1€ filter's own gap reset (500 ms: switching cameras). Frames are generated faces measured by
 * core's AnatomicalEstimator, one engine per run as the app makes them.
 */
import { describe, expect, it } from 'vitest';
import { cameraRunFrames } from './cameraRun.testing.ts';
import type { FrameMeasure } from '@geste/core';
import { AngleSmoother } from './signal.ts';

const run = cameraRunFrames;
const TOL_ANGLE_DEG = 3;
const lastOf = (ms: FrameMeasure[]): FrameMeasure => ms[ms.length - 1]!;

describe('the live dials and camera runs', () => {
  it('camera started again 300 ms later (another camera chosen): the first reading is the new run’s, not a blend', () => {
    const first = run(60, 1_000, 25);
    const second = run(5, lastOf(first).timestampMs + 300, -15);
    // The same run going on would be smoothed: the new head position is not reached at once (the effect to avoid).
    const same = new AngleSmoother();
    for (const m of first) same.push(m, 1);
    expect(Math.abs(same.push(second[0]!, 1).rotationDeg! - second[0]!.rotationDeg!)).toBeGreaterThan(TOL_ANGLE_DEG);

    const s = new AngleSmoother();
    for (const m of first) s.push(m, 1);
    const a = s.push(second[0]!, 2);
    expect(a.rotationDeg).toBe(second[0]!.rotationDeg);
    expect(Math.abs(a.rotationDeg! - -15)).toBeLessThan(TOL_ANGLE_DEG);
    for (const m of second.slice(1)) expect(Math.abs(s.push(m, 2).rotationDeg! - -15)).toBeLessThan(TOL_ANGLE_DEG);
  });

  it('a timestamp going back (a camera clock started again) also starts afresh', () => {
    const s = new AngleSmoother();
    for (const m of run(60, 10_000, 25)) s.push(m, 1);
    const back = run(3, 0, -15);
    expect(s.push(back[0]!, 1).rotationDeg).toBe(back[0]!.rotationDeg);
  });

  it('keepRun: a new run forgets the old one before its first frame; the same run keeps smoothing', () => {
    const s = new AngleSmoother();
    const first = run(60, 1_000, 25);
    for (const m of first) s.push(m, 1);
    expect(s.keepRun(1)).toBe(false);
    expect(s.keepRun(2)).toBe(true);
    expect(s.keepRun(2)).toBe(false);
    const next = run(2, lastOf(first).timestampMs + 200, -15);
    expect(s.push(next[0]!, 2).rotationDeg).toBe(next[0]!.rotationDeg);
  });
});
