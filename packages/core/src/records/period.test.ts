import { describe, expect, it } from 'vitest';
import { dataExtent, defaultReportPeriod } from './period.ts';
import { makeDemoRecords } from './sample.ts';

const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

describe('report period', () => {
  it('defaults to where the data is, not to today', () => {
    const recs = makeDemoRecords({ startMs: START, days: 100, seed: 2 });
    const now = START + 500 * DAY; // a year after the last record
    const p = defaultReportPeriod(recs, now);
    expect(p.toMs).toBeLessThan(START + 101 * DAY);
    expect(p.toMs).toBeGreaterThan(START + 98 * DAY);
    expect(p.fromMs).toBeLessThanOrEqual(START + DAY);
  });
  it('at most a year, ending at the last record; no data → the last 90 days', () => {
    const recs = makeDemoRecords({ startMs: START, days: 800, seed: 2 });
    const p = defaultReportPeriod(recs, START + 900 * DAY);
    expect(p.toMs - p.fromMs).toBe(365 * DAY);
    expect(defaultReportPeriod([], START)).toEqual({ fromMs: START - 90 * DAY, toMs: START });
    expect(dataExtent([])).toBeNull();
  });
});
