import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ADVANCE_AFTER_MS, GradedTrainer } from './graded.ts';
import type { GradedEvent, GradedStep } from './graded.ts';
import { DEFAULT_ZONE } from './zone.ts';

const STEP_MS = 33;
const step = (rotationDeg: number, other = DEFAULT_ZONE.zoneDeg): GradedStep => ({ limitsDeg: { rotationDeg, tiltDeg: other, flexionDeg: other } });
/** 30° straightest → 20° → 10° (the last is the plain zone). */
const STEPS = [step(20), step(10)];

function run(g: GradedTrainer, rotationsDeg: readonly (number | null)[], t0 = 0): GradedEvent[] {
  const out: GradedEvent[] = [];
  rotationsDeg.forEach((r, i) => out.push(...g.update({ timestampMs: t0 + i * STEP_MS, rotationDeg: r, tiltDeg: r === null ? null : 1, flexionDeg: r === null ? null : -2 })));
  return out;
}
const hold = (ms: number, deg: number | null): (number | null)[] => Array.from({ length: Math.ceil(ms / STEP_MS) }, () => deg);

describe('GradedTrainer', () => {
  it('cues a head held at 30° toward the first step (20°), and not toward zero', () => {
    const g = new GradedTrainer(STEPS);
    const ev = run(g, hold(4000, 30));
    const cues = ev.filter((e) => e.type === 'cue');
    expect(cues.length).toBeGreaterThanOrEqual(1);
    expect(cues[0]).toMatchObject({ type: 'cue', correction: 'turn-left' });
    expect(g.state).toBe('out');
    expect(g.stepIndex).toBe(0);
  });

  it('stops cueing at the current target: 18° holds the 20° step for minutes without a cue', () => {
    const g = new GradedTrainer([step(20), step(10)], { advanceAfterMs: 10 * 60_000 });
    const ev = run(g, hold(120_000, 18));
    expect(ev.filter((e) => e.type === 'cue')).toHaveLength(0);
    expect(g.state).toBe('in');
  });

  it('rewards a step held long enough and moves to the next, narrower one; the last step is rewarded once', () => {
    const g = new GradedTrainer(STEPS);
    const ev = run(g, [...hold(ADVANCE_AFTER_MS + 500, 17), ...hold(4000, 17), ...hold(ADVANCE_AFTER_MS + 2000, 6), ...hold(30_000, 6)]);
    const reached = ev.filter((e) => e.type === 'step-reached');
    expect(reached).toEqual([
      { type: 'step-reached', reached: 0, next: 1 },
      { type: 'step-reached', reached: 1, next: null },
    ]);
    // At 17° in the 10° step, the person was cued toward 10° (not toward 0°) before correcting.
    const cues = ev.filter((e) => e.type === 'cue');
    expect(cues.length).toBeGreaterThanOrEqual(1);
    expect(ev.some((e) => e.type === 'corrected')).toBe(true);
    expect(g.stepsReached).toBe(2);
    expect(g.stepIndex).toBe(1);
  });

  it('tolerates a tremor crossing the step edge: ±4° around 18° still reaches the 20° step, without cues', () => {
    const g = new GradedTrainer(STEPS);
    const n = Math.ceil((ADVANCE_AFTER_MS * 2) / STEP_MS);
    const tremor = Array.from({ length: n }, (_, i) => 18 + 4 * Math.sin((2 * Math.PI * 2 * i * STEP_MS) / 1000)); // 2 Hz
    const ev = run(g, tremor);
    const at = ev.findIndex((e) => e.type === 'step-reached');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(ev.slice(0, at).filter((e) => e.type === 'cue')).toHaveLength(0);
  });

  it('does not count not-measurable time toward a step', () => {
    const g = new GradedTrainer(STEPS);
    const ev = run(g, [...hold(2000, 15), ...hold(ADVANCE_AFTER_MS * 2, null)]);
    expect(ev.some((e) => e.type === 'step-reached')).toBe(false);
    expect(g.state).toBe('unknown');
  });

  it('with no steps trains the plain zone', () => {
    const g = new GradedTrainer([]);
    expect(g.stepCount).toBe(1);
    expect(g.current.limitsDeg).toEqual({ rotationDeg: 10, tiltDeg: 10, flexionDeg: 10 });
  });

  it('property: never cues while every axis stays within the current step', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 10, maxLength: 400 }), (rs) => {
        const g = new GradedTrainer([step(20)]);
        return run(g, rs).every((e) => e.type !== 'cue');
      }),
    );
  });
});
