/** Every measure key the app stores has a label, unit and direction in core's registry (no code names on screen). */
import { describe, expect, it } from 'vitest';
import { measureDef } from '@geste/core';
import { DEFAULT_ZONE, ZoneTracker } from '../feedback/zone.ts';
import { sessionMeasures } from '../screens/Train.tsx';
import { setMeasures } from '../exercises/words.ts';

describe('app measure keys are in the registry', () => {
  it('training sessions', () => {
    const keys = Object.keys(sessionMeasures(new ZoneTracker().stats, DEFAULT_ZONE.zoneDeg, 60_000));
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });
  it('exercise sets (reps and holds)', () => {
    const keys = Object.keys(setMeasures({ target: 5, done: 4, reps: { reps: 4, manualReps: 0, incomplete: 1, bestDeg: 30 }, holds: { completeHolds: 2, longestMs: 9000, totalHeldMs: 15_000, bestDeg: 20 } } as never, 1));
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });
});
