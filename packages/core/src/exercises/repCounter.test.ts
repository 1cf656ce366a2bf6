import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExerciseError } from './errors.ts';
import { poseOf, pwl, repKeys, sampleFrames, type Movement } from './motionScripts.fixture.ts';
import { RepCounter, type RepCounterConfig, type RepEvent } from './repCounter.ts';

const CFG: RepCounterConfig = { axis: 'rotationDeg', direction: -1, targetDeg: 30, returnDeg: 8, dwellMs: 300 };
const TOL_PEAK_DEG = 4;

function run(moves: Movement[], cfg: RepCounterConfig = CFG, extra: Partial<Parameters<typeof sampleFrames>[1]> = {}, axis: 'rotationDeg' | 'tiltDeg' | 'flexionDeg' = 'rotationDeg') {
  const { keys, endMs } = repKeys(moves);
  const frames = sampleFrames(poseOf({ [axis]: pwl(keys) }), { durationMs: endMs, noiseDeg: 1, jitterFraction: 0.2, seed: 11, ...extra });
  const c = new RepCounter(cfg);
  const events: RepEvent[] = [];
  for (const f of frames) events.push(...c.push(f));
  return { c, events, s: c.summary() };
}

const full = (peakDeg = -36, plateauMs = 800): Movement => ({ peakDeg, plateauMs });
const short = (peakDeg = -24): Movement => ({ peakDeg, plateauMs: 800 });

describe('RepCounter on phantom motion scripts', () => {
  it('counts exactly 8 full reps toward the left (away from a right pull), with noise and jitter', () => {
    const { s, events } = run(Array.from({ length: 8 }, () => full()));
    expect(s.reps).toBe(8);
    expect(s.cameraReps).toBe(8);
    expect(s.incomplete).toBe(0);
    expect(events.filter((e) => e.kind === 'rep').map((e) => (e as { count: number }).count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const p of s.peaksDeg) expect(Math.abs(p - 36)).toBeLessThanOrEqual(TOL_PEAK_DEG);
  });

  it('never counts an incomplete movement: 5 full + 4 short interleaved → 5 reps, 4 incomplete', () => {
    const { s } = run([full(), short(), full(), short(), short(), full(), full(), short(), full()]);
    expect(s.reps).toBe(5);
    expect(s.incomplete).toBe(4);
  });

  it('does not count movements to the wrong side', () => {
    const { s } = run(Array.from({ length: 4 }, () => full(36)));
    expect(s.reps).toBe(0);
  });

  it('does not count a touch of the target shorter than the dwell time', () => {
    // Peak 33° but only above 30° for ~100 ms (sharp turn-around, no plateau), noise-free.
    const { s } = run([{ peakDeg: -33, plateauMs: 0 }], CFG, { noiseDeg: 0 });
    expect(s.reps).toBe(0);
    expect(s.incomplete).toBe(1);
    const ok = run([{ peakDeg: -33, plateauMs: 500 }], CFG, { noiseDeg: 0 });
    expect(ok.s.reps).toBe(1);
  });

  it('pauses on not-measurable frames: a short dropout at the target still counts, frames alone never count', () => {
    // First rep: out 1500–2500, plateau 2500–3300, back 3300–4300. Drop 2600–3200 (600 ms).
    const { s } = run([full(), full()], CFG, { dropouts: [{ startMs: 2600, endMs: 3200 }] });
    expect(s.reps).toBe(2);
    expect(s.notMeasurableMs).toBeGreaterThan(500);
    const c = new RepCounter(CFG);
    for (let i = 0; i < 300; i++) c.push({ frameIndex: i, timestampMs: i * 33, state: 'not-measurable', reasons: ['no-face'], confidence: 0, method: 'none', rotationDeg: null, tiltDeg: null, flexionDeg: null, lateralShiftCm: null, shoulderElevationDeg: null });
    expect(c.count).toBe(0);
  });

  it('drops a rep whose return the camera did not see (gap > 1.5 s)', () => {
    // Drop 3000–4800 covers the end of the plateau and the whole return.
    const { s, events } = run([full(), full()], CFG, { dropouts: [{ startMs: 3000, endMs: 4800 }] });
    expect(s.reps).toBe(1);
    expect(s.lost).toBe(1);
    expect(events.some((e) => e.kind === 'lost')).toBe(true);
  });

  it("'both' (abs) counts turns to either side", () => {
    const { s } = run([full(-30), full(30), full(-30), full(30), short(20)], { ...CFG, direction: 'abs', targetDeg: 25 });
    expect(s.reps).toBe(4);
    expect(s.incomplete).toBe(1);
  });

  it('a manual count does not double-count the movement in progress', () => {
    const { keys, endMs } = repKeys([full()]);
    const frames = sampleFrames(poseOf({ rotationDeg: pwl(keys) }), { durationMs: endMs, seed: 3 });
    const c = new RepCounter(CFG);
    for (const f of frames) {
      c.push(f);
      if (f.timestampMs > 2800 && c.count === 0) c.countManually(f.timestampMs);
    }
    expect(c.summary()).toMatchObject({ reps: 1, manualReps: 1, cameraReps: 0 });
  });

  it('works on the flexion axis (gentle nod) at 15 fps', () => {
    const { s } = run(Array.from({ length: 6 }, () => full(19)), { axis: 'flexionDeg', direction: 1, targetDeg: 15, returnDeg: 5, dwellMs: 300 }, { fpsHz: 15 }, 'flexionDeg');
    expect(s.reps).toBe(6);
  });

  it('property: the count equals the number of movements clearly past the target', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (pattern, seed) => {
        const moves = pattern.map((ok) => (ok ? full(-34 - (seed % 5)) : short(-20 - (seed % 5))));
        const { s } = run(moves, CFG, { seed });
        return s.reps === pattern.filter(Boolean).length && s.incomplete === pattern.length - s.reps;
      }),
      { numRuns: 25 },
    );
  });

  it('rejects inconsistent thresholds with a typed error', () => {
    try {
      new RepCounter({ ...CFG, returnDeg: 30 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExerciseError);
      expect((e as ExerciseError).code).toBe('invalid-parameter');
      expect((e as Error).message).toMatch(/returnDeg < targetDeg/);
    }
  });

  it('ignores out-of-order frames', () => {
    const { keys, endMs } = repKeys([full()]);
    const frames = sampleFrames(poseOf({ rotationDeg: pwl(keys) }), { durationMs: endMs });
    const c = new RepCounter(CFG);
    for (const f of frames) {
      c.push(f);
      c.push({ ...f, timestampMs: f.timestampMs - 500, rotationDeg: 0 });
    }
    expect(c.count).toBe(1);
  });
});
