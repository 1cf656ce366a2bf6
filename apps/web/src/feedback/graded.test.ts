import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADED } from '@geste/core';
import type { GradedEvent } from '@geste/core';
import { GradedSession, stageDeg } from './graded.ts';
import { DEFAULT_ZONE, ZoneTracker } from './zone.ts';

const STEP_MS = 50;
const START = { rotationDeg: 30, tiltDeg: 2, flexionDeg: null };

function run(g: GradedSession, rotationsDeg: readonly (number | null)[], t0 = 0): GradedEvent[] {
  const out: GradedEvent[] = [];
  rotationsDeg.forEach((r, i) => out.push(...g.update({ timestampMs: t0 + i * STEP_MS, rotationDeg: r, tiltDeg: r === null ? null : 1, flexionDeg: r === null ? null : -3 })));
  return out;
}
const hold = (ms: number, deg: number | null): (number | null)[] => Array.from({ length: Math.ceil(ms / STEP_MS) }, () => deg);

describe('GradedSession (core plan and reducer + session statistics)', () => {
  it('plans from the straightest posture toward zero: 30° → 20° → 10° → 0°', () => {
    const g = new GradedSession(START);
    expect(g.plan.map(stageDeg)).toEqual([30, 20, 10, 0]);
    expect(g.target.anglesDeg.flexionDeg).toBeNull(); // not trained when the start has no flexion
  });

  it('a head held at its start is at target (no cue, no tone); after the stage it is cued toward 20°', () => {
    const g = new GradedSession(START);
    const first = run(g, hold(DEFAULT_GRADED.advanceAfterMs - 1000, 30));
    expect(first.filter((e) => e.type === 'cue')).toHaveLength(0);
    expect(g.state).toBe('in');
    const later = run(g, hold(6000, 30), DEFAULT_GRADED.advanceAfterMs - 1000);
    expect(later.some((e) => e.type === 'advanced')).toBe(true);
    expect(later.filter((e) => e.type === 'cue')).toHaveLength(1);
    expect(g.state).toBe('out');
    expect(g.correction).toBe('turn-left');
    expect(stageDeg(g.target)).toBe(20);
    expect(g.beyondToleranceDeg).toBeCloseTo(30 - 20 - DEFAULT_GRADED.toleranceDeg, 6);
    expect(g.stagesReached).toBe(1);
    expect(g.stats.cues).toBe(1);
  });

  it('counts a correction, time at target, the longest hold, and not-measurable time', () => {
    const g = new GradedSession({ rotationDeg: 20, tiltDeg: 0, flexionDeg: 0 });
    run(g, [...hold(3000, 20), ...hold(3000, 35), ...hold(2000, 18), ...hold(1000, null)]);
    const s = g.stats;
    expect(s.cues).toBe(1);
    expect(s.corrections).toBe(1);
    expect(s.inZoneMs).toBeGreaterThan(4500);
    expect(s.inZoneMs).toBeLessThan(5200);
    expect(s.longestHoldMs).toBeGreaterThan(2800);
    expect(s.notMeasurableMs).toBeGreaterThan(800);
    expect(s.measuredMs + s.notMeasurableMs).toBeCloseTo(9000 - STEP_MS, -2);
  });

  it('keeps time the one way (core NeutralTimeAccumulator): with the single target 0 it agrees with the plain zone on any sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.option(fc.double({ min: -30, max: 30, noNaN: true }), { nil: null }), fc.double({ min: -15, max: 15, noNaN: true })), { minLength: 1, maxLength: 120 }),
        (spec) => {
          const g = new GradedSession({ rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }, { toleranceDeg: DEFAULT_ZONE.zoneDeg, maxStepMs: DEFAULT_ZONE.maxStepMs });
          const z = new ZoneTracker();
          let t = 0;
          for (const [dt, r, tilt] of spec) {
            t += dt;
            const sample = { timestampMs: t, rotationDeg: r, tiltDeg: r === null ? null : tilt, flexionDeg: r === null ? null : 1 };
            g.update(sample);
            z.update(sample);
          }
          const a = g.finalStats, b = z.finalStats;
          return Math.abs(a.inZoneMs - b.inZoneMs) < 1e-6 && Math.abs(a.measuredMs - b.measuredMs) < 1e-6 && Math.abs(a.notMeasurableMs - b.notMeasurableMs) < 1e-6;
        },
      ),
    );
  });

  it('time at target is judged against the current target, not against straight', () => {
    const g = new GradedSession({ rotationDeg: 30, tiltDeg: null, flexionDeg: null });
    run(g, hold(4000, 28)); // 28° right aiming at 30°: at target all along
    expect(g.stats.inZoneMs).toBeCloseTo(4000 - STEP_MS, 6);
    expect(g.stats.measuredMs).toBeCloseTo(4000 - STEP_MS, 6);
  });
});
