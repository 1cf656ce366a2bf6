import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ZONE, ZoneTracker, deviationOf } from './zone.ts';
import type { ZoneEvent, ZoneSample } from './zone.ts';

const STEP_MS = 33;
function run(tracker: ZoneTracker, angles: Array<[number | null, number | null, number | null]>, t0 = 0): ZoneEvent[] {
  const out: ZoneEvent[] = [];
  angles.forEach(([r, t, f], i) => out.push(...tracker.update({ timestampMs: t0 + i * STEP_MS, rotationDeg: r, tiltDeg: t, flexionDeg: f })));
  return out;
}
const hold = (n: number, a: [number | null, number | null, number | null]) => Array.from({ length: n }, () => a);

describe('deviationOf', () => {
  it('names the correction opposite to the clinical sign', () => {
    expect(deviationOf({ timestampMs: 0, rotationDeg: 20, tiltDeg: 5, flexionDeg: -3 })?.correction).toBe('turn-left');
    expect(deviationOf({ timestampMs: 0, rotationDeg: -20, tiltDeg: 5, flexionDeg: -3 })?.correction).toBe('turn-right');
    expect(deviationOf({ timestampMs: 0, rotationDeg: 1, tiltDeg: 15, flexionDeg: -3 })?.correction).toBe('tilt-left');
    expect(deviationOf({ timestampMs: 0, rotationDeg: 1, tiltDeg: 2, flexionDeg: -30 })?.correction).toBe('chin-down');
    expect(deviationOf({ timestampMs: 0, rotationDeg: 1, tiltDeg: 2, flexionDeg: 30 })?.correction).toBe('chin-up');
    expect(deviationOf({ timestampMs: 0, rotationDeg: null, tiltDeg: null, flexionDeg: null })).toBeNull();
  });
});

describe('ZoneTracker', () => {
  it('does not cue for a brief excursion shorter than the delay', () => {
    const z = new ZoneTracker();
    const ev = run(z, [...hold(30, [0, 0, 0]), ...hold(30, [25, 0, 0]), ...hold(30, [0, 0, 0])]); // 1 s out < 1.5 s delay
    expect(ev.filter((e) => e.type === 'cue')).toHaveLength(0);
    expect(z.state).toBe('in');
  });

  it('does not cue inside the hysteresis band however long it lasts', () => {
    const z = new ZoneTracker();
    const ev = run(z, [...hold(10, [0, 0, 0]), ...hold(300, [DEFAULT_ZONE.zoneDeg + DEFAULT_ZONE.hysteresisDeg - 0.5, 0, 0])]);
    expect(ev.filter((e) => e.type === 'cue')).toHaveLength(0);
  });

  it('cues after a sustained deviation, then rewards the correction', () => {
    const z = new ZoneTracker();
    const ev = run(z, [...hold(30, [0, 0, 0]), ...hold(60, [-25, 0, 0]), ...hold(10, [2, 0, 0])]);
    const cues = ev.filter((e) => e.type === 'cue');
    expect(cues).toHaveLength(1);
    expect(cues[0]).toMatchObject({ correction: 'turn-right', reminder: false });
    expect(ev.at(-1)).toEqual({ type: 'corrected' });
    expect(z.stats.corrections).toBe(1);
  });

  it('reminds while still out, not on every frame', () => {
    const z = new ZoneTracker();
    const ev = run(z, [...hold(10, [0, 0, 0]), ...hold(Math.ceil(30_000 / STEP_MS), [0, 0, 30])]);
    const cues = ev.filter((e) => e.type === 'cue');
    expect(cues.length).toBeGreaterThanOrEqual(2);
    expect(cues.length).toBeLessThanOrEqual(3);
    expect(cues.slice(1).every((c) => c.type === 'cue' && c.reminder)).toBe(true);
  });

  it('measures time in zone and the longest hold, excluding not-measurable time', () => {
    const z = new ZoneTracker();
    run(z, [...hold(301, [0, 0, 0]), ...hold(100, [null, null, null]), ...hold(151, [30, 0, 0])]);
    const s = z.stats;
    // Core's one definition (NeutralTimeAccumulator): each sample stands for the time until the next one,
    // so 301 samples in the zone stand for 301 steps; the newest sample's own step is not counted yet.
    expect(s.inZoneMs).toBeCloseTo(301 * STEP_MS, 0);
    expect(s.longestHoldMs).toBeCloseTo(301 * STEP_MS, 0);
    expect(s.notMeasurableMs).toBeCloseTo(100 * STEP_MS, 0);
    expect(s.measuredMs).toBeCloseTo((301 + 150) * STEP_MS, 0);
    // At the end of a session the newest sample stands for the median step, as in a recording's summary.
    expect(z.finalStats.measuredMs).toBeCloseTo((301 + 151) * STEP_MS, 0);
  });

  it('reports lost and found when measurement drops out for longer than lostAfterMs', () => {
    const z = new ZoneTracker();
    const ev = run(z, [...hold(10, [0, 0, 0]), ...hold(60, [null, null, null]), ...hold(5, [0, 0, 0])]);
    expect(ev.map((e) => e.type)).toEqual(['lost', 'found']);
  });

  it('praises holds at each milestone', () => {
    const z = new ZoneTracker();
    const ev = run(z, hold(Math.ceil(31_000 / STEP_MS), [1, 1, 1]));
    expect(ev.filter((e) => e.type === 'hold').map((e) => (e.type === 'hold' ? e.heldMs : 0))).toEqual([15000, 30000]);
  });

  it('ignores samples out of time order', () => {
    const z = new ZoneTracker();
    z.update({ timestampMs: 100, rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 });
    expect(z.update({ timestampMs: 50, rotationDeg: 50, tiltDeg: 0, flexionDeg: 0 })).toEqual([]);
    expect(z.stats.measuredMs).toBe(0);
  });

  it('never counts more time in zone than measured time (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.option(fc.double({ min: -60, max: 60, noNaN: true }))), { maxLength: 200 }), (steps) => {
        const z = new ZoneTracker();
        let t = 0;
        for (const [dt, v] of steps) {
          t += dt;
          const s: ZoneSample = { timestampMs: t, rotationDeg: v ?? null, tiltDeg: 0, flexionDeg: v === null ? null : 0 };
          z.update(s);
        }
        const st = z.stats;
        return st.inZoneMs <= st.measuredMs + 1e-9 && st.longestHoldMs <= st.inZoneMs + 1e-9;
      }),
    );
  });
});
