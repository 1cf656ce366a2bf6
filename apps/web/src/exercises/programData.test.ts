import { adherenceByWeek, parseProgram } from '@geste/core';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../store/db.ts';
import { localDate, sessionsDone } from './programData.ts';
import { setMeasures } from './words.ts';

const P = parseProgram({
  id: 'p1',
  name: 'Test',
  author: 'person',
  items: [{ exerciseId: 'turn-away-from-pull', sets: 1 }, { exerciseId: 'slow-breathing', sets: 1 }],
  schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], sessionsPerDay: 1, startDate: '2026-11-16' },
  reminderTimes: [],
});

const rec = (startedAtMs: number, completionPct: number, note: string): SessionRecord => ({
  type: 'session', schemaVersion: 1, id: `exercise-${startedAtMs}`, startedAtMs, endedAtMs: startedAtMs + 1, kind: 'exercise', neutral: 'calibrated',
  measures: { completionPct }, items: {}, trick: null, note,
});

describe('program data for the screen', () => {
  it('turns saved sets of the program into per-session completions (two items → each set is half a session)', () => {
    const day = new Date(2026, 10, 17, 10, 0).getTime(); // local 17 Nov 2026
    const done = sessionsDone(P, [rec(day, 100, 'exercise:turn-away-from-pull program:p1'), rec(day + 60_000, 50, 'exercise:slow-breathing program:p1'), rec(day, 100, 'exercise:gentle-nod')]);
    expect(done).toEqual([
      { date: '2026-11-17', programId: 'p1', completion: 0.5 },
      { date: '2026-11-17', programId: 'p1', completion: 0.25 },
    ]);
    const w = adherenceByWeek(P, done, '2026-11-16', '2026-11-22');
    expect(w[0]).toMatchObject({ isoWeek: '2026-W47', planned: 7, done: 0.75 });
    expect(localDate(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
  });

  it('saves finite numbers or null only', () => {
    const m = setMeasures({ exerciseId: 'x', kind: 'reps', target: 8, done: 6, completion: 0.75, reps: { reps: 6, cameraReps: 5, manualReps: 1, incomplete: 2, lost: 0, peaksDeg: [31, 33], bestDeg: 33.04, measuredMs: 1, notMeasurableMs: 0 } }, 0);
    expect(m).toEqual({ target: 8, done: 6, completionPct: 75, reps: 6, manualReps: 1, incomplete: 2, bestDeg: 33 });
    for (const v of Object.values(m)) expect(v === null || Number.isFinite(v)).toBe(true);
  });
});
