/** Every measure key the app stores has a label, unit and direction in core's registry (no code names on screen). */
import { describe, expect, it } from 'vitest';
import { measureDef, type SetSummary } from '@geste/core';
import { DEFAULT_ZONE, ZoneTracker } from '../feedback/zone.ts';
import { sessionMeasures } from '../screens/Train.tsx';
import { setMeasures } from '../exercises/words.ts';

describe('app measure keys are in the registry', () => {
  it('training sessions', () => {
    const keys = Object.keys(sessionMeasures(new ZoneTracker().stats, DEFAULT_ZONE.zoneDeg, 60_000));
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });
  it('graded training and the reference shares (issue 12)', async () => {
    const { GradedSession } = await import('../feedback/graded.ts');
    const { ReferenceTally } = await import('../measure/reference.ts');
    const g = new GradedSession({ rotationDeg: 30, tiltDeg: 0, flexionDeg: null });
    const keys = [...Object.keys(sessionMeasures(g.stats, 5, 60_000)), 'gradedStages', 'stagesReached', 'trainingStartDeg', 'lastTargetDeg', ...Object.keys(new ReferenceTally().measures())];
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });
  it('exercise sets (reps and holds)', () => {
    const set: SetSummary = {
      exerciseId: 'x', kind: 'reps', target: 5, done: 4, completion: 0.8,
      reps: { reps: 4, cameraReps: 4, manualReps: 0, incomplete: 1, lost: 0, peaksDeg: [30], bestDeg: 30, measuredMs: 20_000, notMeasurableMs: 0 },
      holds: { holds: [], completeHolds: 2, longestMs: 9000, totalHeldMs: 15_000, bestDeg: 20 },
    };
    const keys = Object.keys(setMeasures(set, 1));
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });
});
