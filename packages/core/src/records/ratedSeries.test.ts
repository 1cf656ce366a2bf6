import { describe, expect, it } from 'vitest';
import { changeThreshold } from './cycles.ts';
import { ratedSeries, ratingSeriesScale } from './ratedSeries.ts';
import { RATING_SCALE_INFO, RATING_SCALES, type RatedScale } from './schemas.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const rating = (i: number, over: Partial<RatedScale>): RatedScale => ({
  type: 'rating', schemaVersion: 1, id: `r-${i}`, atMs: T0 + i * 7 * DAY, scale: 'tsui', version: '', items: {}, total: 10, raterRole: 'clinician', raterName: '', visitLabel: '', note: '', ...over,
});

describe('rated scales as series', () => {
  it('every scale declares its range from RATING_SCALE_INFO; MCID only for TWSTRS total (8) and pain NRS (2)', () => {
    for (const sc of RATING_SCALES) {
      const s = ratingSeriesScale(sc, 'clinician');
      expect([s.min, s.max]).toEqual([RATING_SCALE_INFO[sc].minTotal, RATING_SCALE_INFO[sc].maxTotal]);
      expect(s.mcid?.points ?? null).toBe(sc === 'twstrs-total' ? 8 : sc === 'pain-nrs' ? 2 : null);
    }
  });
  it('patient- and clinician-rated series of one scale stay apart; items-only ratings are left out', () => {
    const recs = [rating(0, { total: 12 }), rating(1, { total: 14, raterRole: 'patient' }), rating(2, { total: 9 }), rating(3, { total: null, items: { a: 1 } })];
    const rs = ratedSeries(recs);
    expect(rs.map((r) => [r.seriesScale.label, r.values.map((v) => v.value)])).toEqual([
      ['Tsui scale (clinician-rated)', [12, 9]],
      ['Tsui scale (patient-rated)', [14]],
    ]);
  });
  it('a scale without a published MCID gets the measured-noise threshold', () => {
    const vals = [10, 11, 10, 12, 11, 10, 11].map((v, i) => ({ atMs: T0 + i * DAY, value: v }));
    expect(changeThreshold(vals, ratingSeriesScale('tsui', 'clinician'))?.basis).toBe('noise');
    expect(changeThreshold(vals, ratingSeriesScale('twstrs-total', 'clinician'))?.basis).toBe('mcid');
  });
});
