/**
 * Session 12 (webpolish): the live trace holds one camera run. A camera stopped and started again is a new
 * recording (a new engine, the chin up/down zero decided again), so the trace must not join the two runs' lines.
 * Frames are generated faces measured by core's AnatomicalEstimator, one engine per run as the app makes them.
 */
import { describe, expect, it } from 'vitest';
import { cameraRunFrames } from '../measure/cameraRun.testing.ts';
import { TraceWindow } from './traceWindow.ts';

const run = cameraRunFrames;
const TOL_ANGLE_DEG = 3;

describe('the live trace and camera runs', () => {
  it('a camera stopped and started again: the trace shows only the new run', () => {
    const w = new TraceWindow();
    for (const m of run(60, 1_000, 25)) w.push(m, 1);
    expect(w.length).toBe(60);
    // Camera stopped, then started again 5 s later (the page's clock goes on): the head now turned the other way.
    const second = run(10, 1_000 + 60 * 33 + 5_000, -15);
    for (const m of second) w.push(m, 2);
    const s = w.series();
    expect(s.rotationDeg).toHaveLength(10);
    for (const r of s.rotationDeg) expect(Math.abs(r! - -15)).toBeLessThan(TOL_ANGLE_DEG);
    expect(s.secondsAgo[0]).toBeCloseTo(-9 * 0.033, 6);
    expect(s.secondsAgo[9]).toBe(-0);
  });

  it('started again, no frame yet: the old run is cleared at the next redraw, not shown until a frame comes', () => {
    const w = new TraceWindow();
    for (const m of run(30, 0, 25)) w.push(m, 1);
    w.keepRun(1);
    expect(w.length).toBe(30);
    w.keepRun(2);
    expect(w.length).toBe(0);
  });

  it('within a run: the last 30 s, not-measurable frames as gaps', () => {
    const w = new TraceWindow();
    const frames = run(40 * 30, 0, 10);
    for (const m of frames) w.push(m, 1);
    w.push({ ...frames[frames.length - 1]!, timestampMs: 40 * 30 * 33, state: 'not-measurable', rotationDeg: null, tiltDeg: null, flexionDeg: null }, 1);
    const s = w.series();
    expect(s.secondsAgo[0]!).toBeGreaterThanOrEqual(-30);
    expect(s.secondsAgo[0]!).toBeLessThan(-29.9);
    expect(s.rotationDeg[s.rotationDeg.length - 1]).toBeNull();
    expect(s.rotationDeg.filter((r) => r === null)).toHaveLength(1);
  });
});
