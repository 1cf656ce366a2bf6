import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExerciseError } from './errors.ts';
import { adherenceByWeek, isoWeek, isoWeekday, parseProgram, plannedSessions, remindersOn, type Program } from './program.ts';

const BASE = {
  id: 'p1',
  name: 'Morning neck work',
  author: 'person',
  items: [{ exerciseId: 'turn-away-from-pull', sets: 2 }, { exerciseId: 'slow-breathing', sets: 1 }],
  schedule: { weekdays: [1, 3, 5], sessionsPerDay: 1, startDate: '2026-11-02' },
  reminderTimes: ['08:30'],
};

describe('ISO weeks', () => {
  it('matches known ISO 8601 week dates', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // Thursday
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // Friday → last week of 2026
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // Monday
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // Sunday
    expect(isoWeek('2026-11-25')).toBe('2026-W48');
    expect(isoWeekday('2026-11-25')).toBe(3);
  });

  it('property: seven consecutive days from a Monday share one week, the next Monday starts the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const day = (k: number) => new Date((n + k) * 86_400_000).toISOString().slice(0, 10);
        let k = 0;
        while (isoWeekday(day(k)) !== 1) k++;
        const w = isoWeek(day(k));
        for (let j = 1; j < 7; j++) if (isoWeek(day(k + j)) !== w) return false;
        return isoWeek(day(k + 7)) !== w;
      }),
      { numRuns: 200 },
    );
  });
});

describe('programs', () => {
  it('plans sessions on the chosen weekdays and reminds only on those days', () => {
    const p = parseProgram(BASE);
    const planned = plannedSessions(p, '2026-11-02', '2026-11-15');
    expect(planned.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-04', '2026-11-06', '2026-11-09', '2026-11-11', '2026-11-13']);
    expect(remindersOn(p, '2026-11-04')).toEqual(['2026-11-04T08:30']);
    expect(remindersOn(p, '2026-11-05')).toEqual([]);
    expect(remindersOn(p, '2026-11-01')).toEqual([]); // before the start
  });

  it('adherence by ISO week: partial sessions count by share, extra sessions do not make up for missed days', () => {
    const p: Program = parseProgram(BASE);
    const done = [
      { date: '2026-11-02', programId: 'p1', completion: 1 },
      { date: '2026-11-02', programId: 'p1', completion: 1 }, // extra, capped
      { date: '2026-11-04', programId: 'p1', completion: 0.5 },
      { date: '2026-11-07', programId: 'p1', completion: 1 }, // Saturday, not planned
      { date: '2026-11-09', programId: 'p1', completion: 1 },
      { date: '2026-11-11', programId: 'other', completion: 1 }, // another program
    ];
    const w = adherenceByWeek(p, done, '2026-11-02', '2026-11-15');
    expect(w).toEqual([
      { isoWeek: '2026-W45', planned: 3, done: 1.5, percent: 50 },
      { isoWeek: '2026-W46', planned: 3, done: 1, percent: 33.3 },
    ]);
  });

  it('a week with nothing planned has percent null', () => {
    const p = parseProgram({ ...BASE, schedule: { ...BASE.schedule, startDate: '2026-11-09' } });
    expect(adherenceByWeek(p, [], '2026-11-02', '2026-11-08')).toEqual([{ isoWeek: '2026-W45', planned: 0, done: 0, percent: null }]);
  });

  it('refuses unknown exercises, an end before the start, too many reminders, bad dates — with codes', () => {
    const code = (x: unknown): string => {
      try {
        parseProgram(x);
        return 'none';
      } catch (e) {
        expect(e).toBeInstanceOf(ExerciseError);
        return (e as ExerciseError).code;
      }
    };
    expect(code({ ...BASE, items: [{ exerciseId: 'headstand', sets: 1 }] })).toBe('unknown-exercise');
    expect(code({ ...BASE, schedule: { ...BASE.schedule, endDate: '2026-10-01' } })).toBe('invalid-program');
    expect(code({ ...BASE, reminderTimes: ['08:00', '12:00'] })).toBe('invalid-program');
    expect(code({ ...BASE, schedule: { ...BASE.schedule, startDate: '2026-02-30' } })).toBe('invalid-program');
    expect(code({ ...BASE, reminderTimes: ['25:00'] })).toBe('invalid-program');
    expect(code({ ...BASE, extra: 1 })).toBe('invalid-program');
  });
});

describe('clinician-set training target (issue 12)', () => {
  const withTarget = (trainingTarget: unknown) => ({ ...BASE, author: 'clinician', trainingTarget });

  it('accepts a target per axis (null = not trained) and keeps programs without one valid', () => {
    const p = parseProgram(withTarget({ rotationDeg: 20, tiltDeg: -5, flexionDeg: null }));
    expect(p.trainingTarget).toEqual({ rotationDeg: 20, tiltDeg: -5, flexionDeg: null });
    expect(parseProgram(BASE).trainingTarget).toBeUndefined();
  });

  it('refuses targets outside ±45°, non-numbers, unknown keys and a target with no axis, in words', () => {
    for (const bad of [{ rotationDeg: 60, tiltDeg: null, flexionDeg: null }, { rotationDeg: '20', tiltDeg: null, flexionDeg: null }, { rotationDeg: 10, tiltDeg: null, flexionDeg: null, shiftCm: 1 }, { rotationDeg: null, tiltDeg: null, flexionDeg: null }, { rotationDeg: 10 }]) {
      let err: unknown;
      try {
        parseProgram(withTarget(bad));
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ExerciseError);
      expect((err as ExerciseError).message).toMatch(/trainingTarget/);
    }
  });
});
