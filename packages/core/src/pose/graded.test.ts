import { describe, expect, it } from 'vitest';
import type { FrameMeasure } from '../measures/types.ts';
import { DEFAULT_GRADED, type GradedEvent, type GradedSample, INITIAL_GRADED_STATE, advanceGraded, beyondTargetDeg, gradedTargets } from './graded.ts';
import { STRAIGHTEST_WARN_DEG, TrainingStartFormatError, checkStraightest, trainingStartFromJson } from './straightest.ts';
import type { AxisReference, FrameReference } from './reference.ts';

const ref = (uncertain: boolean): AxisReference => ({ frame: 'camera', zero: 'canonical-face', uncertaintyDeg: uncertain ? 15 : 3, uncertain, notes: [] });
const REF: FrameReference = { rotationDeg: ref(false), tiltDeg: ref(false), flexionDeg: ref(true) };

function measures(n: number, rot: number, tilt = 0, flex = 0): FrameMeasure[] {
  return Array.from({ length: n }, (_, i) => ({
    frameIndex: i, timestampMs: i * 33, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh',
    rotationDeg: rot + (i % 3) * 0.5, tiltDeg: tilt, flexionDeg: flex, lateralShiftCm: 0, shoulderElevationDeg: 0, reference: REF,
  }));
}

describe('straightest posture check', () => {
  it('says how far the straightest is from the anatomical zero and warns beyond 10°', () => {
    const c = checkStraightest(measures(30, 17.7, -4, 25));
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.warn).toBe(true);
    expect(c.sentence).toContain('18° turned to the right');
    expect(c.sentence).toContain('4° tilted to the left');
    // Flexion's zero is uncertain here: given with its ±, never a warning of its own.
    expect(c.perAxis.flexionDeg.beyondWarn).toBe(false);
    expect(c.sentence).toMatch(/Chin up\/down reads about 25° chin down, but its zero is uncertain \(±15°\)/);
    expect(c.trainingStart.anglesDeg.flexionDeg).toBeNull();
    expect(c.trainingStart.anglesDeg.rotationDeg).toBeCloseTo(18.2, 6);
  });

  it('no warning within 10°; refuses too few or moving frames with words', () => {
    const ok = checkStraightest(measures(30, STRAIGHTEST_WARN_DEG - 2));
    expect(ok.ok && ok.warn).toBe(false);
    const few = checkStraightest(measures(3, 0));
    expect(few.ok).toBe(false);
    const moving = checkStraightest(measures(30, 0).map((m, i) => ({ ...m, rotationDeg: i % 2 ? 10 : -10 })));
    expect(!moving.ok && moving.reason).toBe('not-still');
  });

  it('training start JSON round-trips and bad input gets words', () => {
    const c = checkStraightest(measures(30, 18));
    if (!c.ok) throw new Error('expected a check');
    expect(trainingStartFromJson(JSON.parse(JSON.stringify(c.trainingStart)))).toEqual(c.trainingStart);
    expect(() => trainingStartFromJson({ kind: 'training-start', anglesDeg: { rotationDeg: 'x', tiltDeg: 0, flexionDeg: null } })).toThrow(TrainingStartFormatError);
    expect(() => trainingStartFromJson(null)).toThrow(/Expected a JSON object/);
  });
});

describe('graded targets', () => {
  it('steps from the start to 0 in steps of at most 10°', () => {
    const plan = gradedTargets({ rotationDeg: 30, tiltDeg: -6, flexionDeg: null });
    expect(plan.map((t) => t.anglesDeg.rotationDeg)).toEqual([30, 20, 10, 0]);
    expect(plan.map((t) => t.anglesDeg.tiltDeg)).toEqual([-6, -4, -2, 0]);
    expect(plan.every((t) => t.anglesDeg.flexionDeg === null)).toBe(true);
    expect(plan.at(-1)!.final).toBe(true);
    expect(gradedTargets({ rotationDeg: 33, tiltDeg: null, flexionDeg: null }).map((t) => t.anglesDeg.rotationDeg)).toEqual([33, 22, 11, 0]);
    expect(gradedTargets({ rotationDeg: 3, tiltDeg: 1, flexionDeg: null })).toHaveLength(1);
  });

  it('every step is larger than the cue margin, so resting at the previous target is cued toward the next', () => {
    const marginDeg = DEFAULT_GRADED.toleranceDeg + DEFAULT_GRADED.hysteresisDeg;
    for (let startDeg = 6; startDeg <= 80; startDeg++) {
      const plan = gradedTargets({ rotationDeg: startDeg, tiltDeg: null, flexionDeg: null }).map((t) => t.anglesDeg.rotationDeg!);
      expect(plan[0]).toBe(startDeg);
      expect(plan.at(-1)).toBe(0);
      const steps = plan.slice(1).map((v, i) => plan[i]! - v);
      if (startDeg > marginDeg) expect(Math.min(...steps), `start ${startDeg}°: ${plan.join(' → ')}`).toBeGreaterThan(marginDeg);
      expect(Math.max(...steps), `start ${startDeg}°`).toBeLessThanOrEqual(Math.max(DEFAULT_GRADED.stepDeg, 2 * (marginDeg + 1)) + 1);
    }
    expect(gradedTargets({ rotationDeg: 31, tiltDeg: null, flexionDeg: null }).map((t) => t.anglesDeg.rotationDeg)).toEqual([31, 21, 10, 0]);
  });

  it('a person resting at the start is cued once the session moves to the next target', () => {
    const plan = gradedTargets({ rotationDeg: 31, tiltDeg: null, flexionDeg: null });
    let state = { ...INITIAL_GRADED_STATE, stageIndex: 1 };
    const cues: GradedEvent[] = [];
    for (let t = 0; t <= 5000; t += 33) {
      const r = advanceGraded(plan, state, { timestampMs: t, rotationDeg: 31, tiltDeg: null, flexionDeg: null });
      state = r.state;
      cues.push(...r.events.filter((e) => e.type === 'cue'));
    }
    expect(cues.length).toBeGreaterThanOrEqual(1);
    expect(cues[0]).toMatchObject({ type: 'cue', axis: 'rotationDeg', correction: 'turn-left' });
  });

  it('beyond target: nearer straight on the target side is at target; the other side counts from straight', () => {
    expect(beyondTargetDeg(12, 20)).toBe(0);
    expect(beyondTargetDeg(25, 20)).toBe(5);
    expect(beyondTargetDeg(-8, 20)).toBe(8);
    expect(beyondTargetDeg(-8, 0)).toBe(8);
  });

  function drive(plan: ReturnType<typeof gradedTargets>, rot: (tMs: number) => number, ms: number) {
    let s = INITIAL_GRADED_STATE;
    const events: { t: number; e: GradedEvent }[] = [];
    for (let t = 0; t <= ms; t += 33) {
      const sample: GradedSample = { timestampMs: t, rotationDeg: rot(t), tiltDeg: 0, flexionDeg: null };
      const r = advanceGraded(plan, s, sample);
      s = r.state;
      for (const e of r.events) events.push({ t, e });
    }
    return { s, events };
  }

  it('no cue at the current target despite tremor and jerks; advances after 20 s at target', () => {
    const plan = gradedTargets({ rotationDeg: 30, tiltDeg: 0, flexionDeg: null });
    // Held at 30° with a 3° 2 Hz tremor and a 15° jerk of 300 ms at 8 s.
    const rot = (t: number) => 30 + 3 * Math.sin(2 * Math.PI * 2 * t / 1000) + (t > 8000 && t < 8300 ? 15 : 0);
    const { s, events } = drive(plan, rot, 21000);
    expect(events.filter((x) => x.e.type === 'cue')).toEqual([]);
    expect(events.some((x) => x.e.type === 'advanced')).toBe(true);
    expect(s.stageIndex).toBe(1);
  });

  it('cues after 1.5 s beyond target with the right correction, and stops when back', () => {
    const plan = gradedTargets({ rotationDeg: 30, tiltDeg: 0, flexionDeg: null });
    const rot = (t: number) => (t < 2000 ? 30 : t < 6000 ? 45 : 30);
    const { events } = drive(plan, rot, 8000);
    const cues = events.filter((x) => x.e.type === 'cue');
    expect(cues).toHaveLength(1);
    expect(cues[0]!.t).toBeGreaterThanOrEqual(3500);
    expect(cues[0]!.e).toMatchObject({ type: 'cue', correction: 'turn-left', axis: 'rotationDeg' });
    expect(events.filter((x) => x.e.type === 'at-target' && x.t >= 6000)).toHaveLength(1);
  });

  it('completes at the final target', () => {
    const plan = gradedTargets({ rotationDeg: 0, tiltDeg: 0, flexionDeg: null });
    const { s, events } = drive(plan, () => 1, 21000);
    expect(s.completed).toBe(true);
    expect(events.filter((x) => x.e.type === 'completed')).toHaveLength(1);
  });
});
