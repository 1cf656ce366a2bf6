import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExerciseError } from './errors.ts';
import { HoldTimer, type HoldTimerConfig } from './holdTimer.ts';
import { holdKeys, poseOf, pwl, sampleFrames, truthHolds, type Interval } from './motionScripts.fixture.ts';

/** Holds are timed within half a second of the scripted truth (issue 6 proof). */
const TOL_HOLD_MS = 500;

const TARGET: HoldTimerConfig = { posture: { kind: 'target', axis: 'tiltDeg', direction: 1, targetDeg: 15, toleranceDeg: 4 }, holdMs: 10_000 };

function runHolds(holds: Array<{ postureDeg: number; holdMs: number }>, cfg: HoldTimerConfig, extra: Partial<Parameters<typeof sampleFrames>[1]> = {}) {
  const { keys, endMs } = holdKeys(holds);
  const f = pwl(keys);
  const frames = sampleFrames(poseOf({ tiltDeg: f }), { durationMs: endMs, noiseDeg: 0.8, jitterFraction: 0.2, seed: 5, ...extra });
  const timer = new HoldTimer(cfg);
  for (const fr of frames) timer.push(fr);
  timer.finish();
  return { s: timer.summary(), f, endMs };
}

const dur = (i: Interval): number => i.endMs - i.startMs;

describe('HoldTimer on phantom hold scripts', () => {
  it('times three holds of known length within 0.5 s and counts the complete ones', () => {
    const { s, f, endMs } = runHolds([{ postureDeg: 20, holdMs: 10_000 }, { postureDeg: 20, holdMs: 6000 }, { postureDeg: 21, holdMs: 12_500 }], TARGET);
    const truth = truthHolds(f, endMs, 15, 11);
    expect(truth).toHaveLength(3);
    expect(s.holds).toHaveLength(3);
    s.holds.forEach((h, i) => expect(Math.abs(h.durationMs - dur(truth[i] as Interval))).toBeLessThanOrEqual(TOL_HOLD_MS));
    expect(s.holds.map((h) => h.complete)).toEqual([true, false, true]);
    expect(s.completeHolds).toBe(2);
  });

  it('does not time a posture that never reaches the target', () => {
    const { s } = runHolds([{ postureDeg: 12, holdMs: 15_000 }], TARGET);
    expect(s.holds).toHaveLength(0);
    expect(s.totalHeldMs).toBe(0);
  });

  it('bridges a 200 ms tracking dropout (counted) but splits on a 600 ms one (not counted)', () => {
    // Plateau from 2800 to 14800.
    const blip = runHolds([{ postureDeg: 20, holdMs: 12_000 }], TARGET, { dropouts: [{ startMs: 6000, endMs: 6200 }] });
    expect(blip.s.holds).toHaveLength(1);
    const truth = truthHolds(blip.f, blip.endMs, 15, 11)[0] as Interval;
    expect(Math.abs((blip.s.holds[0]?.durationMs ?? 0) - dur(truth))).toBeLessThanOrEqual(TOL_HOLD_MS);
    const gap = runHolds([{ postureDeg: 20, holdMs: 12_000 }], TARGET, { dropouts: [{ startMs: 6000, endMs: 6600 }] });
    expect(gap.s.holds).toHaveLength(2);
    expect(Math.abs(gap.s.totalHeldMs - (dur(truth) - 600))).toBeLessThanOrEqual(TOL_HOLD_MS);
  });

  it('splits a hold on a real excursion out of posture longer than 300 ms', () => {
    const keys: Array<[number, number]> = [[0, 0], [1000, 20], [5000, 20], [5050, 5], [5550, 5], [5600, 20], [9000, 20], [9500, 0], [11_000, 0]];
    const frames = sampleFrames(poseOf({ tiltDeg: pwl(keys) }), { durationMs: 11_000, seed: 9 });
    const t = new HoldTimer(TARGET);
    for (const fr of frames) t.push(fr);
    t.finish();
    expect(t.summary().holds).toHaveLength(2);
  });

  it('neutral posture: times the time inside ±tolerance on every measured axis', () => {
    // Rotation stays 0±2; tilt leaves the ±6 zone from 8 s to 11 s.
    const pose = poseOf({ rotationDeg: (t) => 2 * Math.sin(t / 700), tiltDeg: pwl([[0, 0], [8000, 0], [8300, 12], [10_700, 12], [11_000, 0], [20_000, 0]]) });
    const frames = sampleFrames(pose, { durationMs: 20_000, noiseDeg: 0.5, seed: 4 });
    const t = new HoldTimer({ posture: { kind: 'neutral', axis: 'rotationDeg', toleranceDeg: 6 }, holdMs: 6000 });
    for (const fr of frames) t.push(fr);
    t.finish();
    const s = t.summary();
    expect(s.holds).toHaveLength(2);
    // Tilt 6° is crossed at 8150 ms and 10 850 ms.
    expect(Math.abs((s.holds[0]?.durationMs ?? 0) - 8150)).toBeLessThanOrEqual(TOL_HOLD_MS);
    expect(Math.abs((s.holds[1]?.durationMs ?? 0) - (20_000 - 10_850))).toBeLessThanOrEqual(TOL_HOLD_MS);
    expect(s.completeHolds).toBe(2);
  });

  it('announces completion once, when the hold time is reached', () => {
    const { keys, endMs } = holdKeys([{ postureDeg: 20, holdMs: 12_000 }]);
    const frames = sampleFrames(poseOf({ tiltDeg: pwl(keys) }), { durationMs: endMs, seed: 2 });
    const t = new HoldTimer(TARGET);
    const completes = frames.flatMap((fr) => t.push(fr)).filter((e) => e.kind === 'hold-complete');
    expect(completes).toHaveLength(1);
  });

  it('property: random holds with random short dropouts are each timed within 0.5 s', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2000, max: 15_000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 10_000 }),
        // The tolerance applies to the gap between in-posture frames, which is the dropout plus up to two
        // jittered frame intervals at 30 fps (≈ 80 ms): dropouts up to 200 ms must always be bridged.
        fc.integer({ min: 40, max: 200 }),
        (holdMs, seed, blipMs) => {
          const { keys, endMs, plateaus } = holdKeys(holdMs.map((h) => ({ postureDeg: 21, holdMs: h })));
          const f = pwl(keys);
          // One tracker dropout shorter than the blip tolerance in the middle of every plateau.
          const dropouts = plateaus.map((p) => ({ startMs: (p.startMs + p.endMs) / 2, endMs: (p.startMs + p.endMs) / 2 + blipMs }));
          const frames = sampleFrames(poseOf({ tiltDeg: f }), { durationMs: endMs, noiseDeg: 0.8, jitterFraction: 0.2, seed, dropouts });
          const timer = new HoldTimer(TARGET);
          for (const fr of frames) timer.push(fr);
          timer.finish();
          const truth = truthHolds(f, endMs, 15, 11);
          const got = timer.summary().holds;
          return got.length === truth.length && got.every((h, i) => Math.abs(h.durationMs - dur(truth[i] as Interval)) <= TOL_HOLD_MS);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects a target inside its own tolerance with a typed error', () => {
    expect(() => new HoldTimer({ ...TARGET, posture: { kind: 'target', axis: 'tiltDeg', direction: 1, targetDeg: 3, toleranceDeg: 4 } })).toThrow(ExerciseError);
  });
});
