import { describe, expect, it } from 'vitest';
import { makeDemoRecords } from './sample.ts';
import { summarizePeriod, trend } from './summary.ts';

const START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

describe('period summary', () => {
  const recs = makeDemoRecords({ startMs: START, days: 200, seed: 7 });
  const s = summarizePeriod(recs, START + 100 * DAY, START + 200 * DAY);
  it('summarises diary, adherence and current treatments of the period', () => {
    expect(s.diary.entries).toBeGreaterThan(70);
    expect(s.adherence.diaryPct).toBeGreaterThan(70);
    expect(s.adherence.diaryPct).toBeLessThanOrEqual(100);
    expect(s.diary.painMean).toBeGreaterThan(2);
    expect(s.diary.painMax).toBeLessThanOrEqual(10);
    expect(s.current.lastInjection?.id).toBe('inj-3');
    expect(s.current.oral).toEqual([{ name: 'Example oral medicine', amount: 2, unit: 'mg', timesPerDay: 3 }]);
    expect(s.current.therapies['physiotherapy']).toBeGreaterThan(10);
    expect(s.tricks[0]).toMatchObject({ name: 'Hand on chin' });
  });
  it('cycles over the whole record show the effect of each injection', () => {
    expect(s.cycles.pain.length).toBe(3);
    const c = s.cycles.severity[0]!;
    expect(c.peakWeek).toBeGreaterThanOrEqual(3);
    expect(c.peakWeek).toBeLessThanOrEqual(8);
    expect(s.severityTotal.n).toBeGreaterThan(10);
    expect(s.measureTrends.map((t) => t.key)).toContain('restRotationDeg');
  });
  it('trend slope is exact on a line', () => {
    const t = trend('x', [0, 1, 2, 3].map((w) => ({ atMs: w * 7 * DAY, value: 10 - 2 * w })));
    expect(t.slopePerWeek).toBeCloseTo(-2, 9);
    expect(trend('y', [{ atMs: 0, value: 1 }]).slopePerWeek).toBeNull();
  });
});

describe('severity total of an app exam', () => {
  it('uses the exam\'s own total (not-measurable items left out), so an exam is counted, not "0 exams"', () => {
    const exam = {
      type: 'session', schemaVersion: 1, id: 'e1', startedAtMs: START, endedAtMs: START + 60_000, kind: 'exam', neutral: 'anatomical',
      measures: { romRotationRightDeg: 60 }, items: { rotation: 2, laterocollis: null, durationFactor: 3, totalAssessed: 8, maxOfAssessed: 22 }, trick: null, note: '',
    } as const;
    const s2 = summarizePeriod([exam], START - DAY, START + DAY);
    expect(s2.exams).toHaveLength(1);
    expect(s2.severityTotal.n).toBe(1);
    expect(s2.severityTotal.last).toBe(8);
  });
});
