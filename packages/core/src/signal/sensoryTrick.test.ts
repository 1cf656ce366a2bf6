// ref: docs/clinical.md — sensory-trick effect: deviation before / during / after, percent reduction.
import { describe, expect, it } from 'vitest';
import { sensoryTrickEffect } from './sensoryTrick.ts';
import { makeTimestampsMs, syntheticFrame } from './synthetic.ts';

function session(fn: (ms: number) => [number | null, number, number]) {
  return makeTimestampsMs(30, 30).map((ms, i) => {
    const [r, t, f] = fn(ms);
    return syntheticFrame(i, ms, r === null ? { rotationDeg: null, tiltDeg: null, flexionDeg: null } : { rotationDeg: r, tiltDeg: t, flexionDeg: f });
  });
}
const W = { before: { startMs: 0, endMs: 10_000 }, during: { startMs: 10_000, endMs: 20_000 }, after: { startMs: 20_000, endMs: 30_000 } };

describe('sensoryTrickEffect', () => {
  it('percent reduction of the mean absolute deviation, dominant axis and combined', () => {
    const r = sensoryTrickEffect(session((ms) => (ms < 10_000 ? [40, 10, 0] : ms < 20_000 ? [10, 10, 0] : [30, 10, 0])), W);
    expect(r.dominantAxis).toBe('rotationDeg');
    expect(r.before.perAxisDeg.rotationDeg).toBeCloseTo(40, 9);
    expect(r.after.perAxisDeg.rotationDeg).toBeCloseTo(30, 9);
    expect(r.reductionDominantPercent).toBeCloseTo(75, 9);
    const b = Math.hypot(40, 10);
    const d = Math.hypot(10, 10);
    expect(r.reductionCombinedPercent).toBeCloseTo((100 * (b - d)) / b, 9);
    expect(r.reason).toBeUndefined();
  });

  it('uses the absolute deviation (a sign flip is no relief) and can be negative when worse', () => {
    const r = sensoryTrickEffect(session((ms) => (ms < 10_000 ? [-20, 0, 0] : ms < 20_000 ? [25, 0, 0] : [-20, 0, 0])), W);
    expect(r.reductionDominantPercent).toBeCloseTo(-25, 9);
  });

  it('says why when there is no percent: hidden face during the trick, or nothing to relieve', () => {
    const hidden = sensoryTrickEffect(session((ms) => (ms < 10_000 ? [40, 0, 0] : ms < 18_000 ? [null, 0, 0] : [20, 0, 0])), W);
    expect(hidden.reductionDominantPercent).toBeNull();
    expect(hidden.reason).toBe('not-measurable-during');
    expect(hidden.during.coverage).toBeLessThan(0.5);
    const straight = sensoryTrickEffect(session(() => [2, 1, 0]), W);
    expect(straight.reason).toBe('no-deviation-before');
  });

  it('refuses an empty or reversed window with a typed error', () => {
    expect(() => sensoryTrickEffect([], { ...W, during: { startMs: 5, endMs: 5 } })).toThrowError(/'during' window must have finite startMs < endMs, got \[5, 5\)/);
  });
});
