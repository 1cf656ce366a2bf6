import { describe, expect, it } from 'vitest';
import { parseProgram } from '../exercises/program.ts';
import { gradedTargets } from './graded.ts';
import { chooseGradedStart } from './gradedStart.ts';
import type { TrainingStart } from './straightest.ts';

const own: TrainingStart = { kind: 'training-start', anglesDeg: { rotationDeg: 32, tiltDeg: 4, flexionDeg: null }, takenAtMs: 1, framesUsed: 30 };
const program = (author: 'person' | 'clinician', trainingTarget?: unknown) =>
  parseProgram({
    id: 'p', name: 'Home', author,
    items: [{ exerciseId: 'slow-breathing', sets: 1 }],
    schedule: { weekdays: [1], sessionsPerDay: 1, startDate: '2026-11-02' },
    reminderTimes: [],
    ...(trainingTarget ? { trainingTarget } : {}),
  });

describe('chooseGradedStart: a clinician’s target over the person’s own straightest', () => {
  it('uses the clinician’s target when the program carries one; the plan steps from it to zero', () => {
    const s = chooseGradedStart(own, program('clinician', { rotationDeg: 20, tiltDeg: 0, flexionDeg: 10 }))!;
    expect(s.source).toBe('clinician');
    // Flexion stays untrained: this device's own straightest had no confident flexion zero.
    expect(s.anglesDeg).toEqual({ rotationDeg: 20, tiltDeg: 0, flexionDeg: null });
    expect(gradedTargets(s.anglesDeg).map((t) => t.anglesDeg.rotationDeg)).toEqual([20, 10, 0]);
  });

  it('falls back to the person’s own straightest without a clinician target, or for a person’s own program', () => {
    expect(chooseGradedStart(own, program('clinician'))).toEqual({ anglesDeg: own.anglesDeg, source: 'own-straightest' });
    expect(chooseGradedStart(own, program('person', { rotationDeg: 5, tiltDeg: null, flexionDeg: null }))!.source).toBe('own-straightest');
    expect(chooseGradedStart(own, null)!.source).toBe('own-straightest');
  });

  it('without any straightest measured: the clinician’s rotation and tilt, not flexion; nothing without a target', () => {
    expect(chooseGradedStart(null, program('clinician', { rotationDeg: -25, tiltDeg: null, flexionDeg: 15 }))).toEqual({ anglesDeg: { rotationDeg: -25, tiltDeg: null, flexionDeg: null }, source: 'clinician' });
    // A flexion-only target that cannot be trained here leaves no graded start.
    expect(chooseGradedStart(null, program('clinician', { rotationDeg: null, tiltDeg: null, flexionDeg: 15 }))).toBeNull();
    expect(chooseGradedStart(null, null)).toBeNull();
  });
});
