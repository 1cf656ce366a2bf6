/**
 * Rated scales (clinician- or patient-rated records of type `rating`) as numeric series: one series
 * per (scale, rater role), never pooled across rater roles, each with its declared range and, where a
 * difference is published, its minimal clinically important difference (else the cycle analysis
 * measures the series' own noise, as for every other series). Pure.
 */
import { RATING_SCALE_INFO, RATING_SCALES, RATER_ROLES, type GesteRecord, type RatedScale, type RaterRole, type RatingScale } from './schemas.ts';
import { PAIN_NRS_SCALE, TWSTRS_TOTAL_SCALE, type SeriesScale } from './seriesScale.ts';
import type { TimedValue } from './cycles.ts';

/**
 * Published minimal clinically important differences Geste uses, per scale (points). Only where a
 * source is named; every other scale (TWSTRS subscales, Tsui, CDIP-58, global impressions) gets the
 * measured-noise threshold of cycles.ts.
 */
const RATED_MCID: Partial<Record<RatingScale, { readonly points: number; readonly source: string }>> = {
  'twstrs-total': TWSTRS_TOTAL_SCALE.mcid!,
  'pain-nrs': PAIN_NRS_SCALE.mcid!,
};

const ROLE_WORDS: Record<RaterRole, string> = { clinician: 'clinician-rated', patient: 'patient-rated' };

/** The declared scale of a rated series: range from RATING_SCALE_INFO, MCID where published. */
export function ratingSeriesScale(scale: RatingScale, role: RaterRole): SeriesScale {
  const info = RATING_SCALE_INFO[scale];
  return {
    id: `rating-${scale}-${role}`,
    label: `${info.label.replace(/ \(.*\)$/, '')} (${ROLE_WORDS[role]})`,
    unit: `points, ${info.minTotal}–${info.maxTotal}`,
    min: info.minTotal,
    max: info.maxTotal,
    step: 1,
    lowerIsBetter: info.higherIsWorse,
    mcid: RATED_MCID[scale] ?? null,
  };
}

export interface RatedSeries {
  readonly scale: RatingScale;
  readonly raterRole: RaterRole;
  readonly seriesScale: SeriesScale;
  /** Totals by date, sorted; ratings without a total (items only) are left out. */
  readonly values: readonly TimedValue[];
}

/** Every rated series present in the records, in RATING_SCALES order, clinician-rated first. */
export function ratedSeries(records: readonly GesteRecord[]): RatedSeries[] {
  const ratings = records.filter((r): r is RatedScale => r.type === 'rating' && r.total !== null && Number.isFinite(r.total));
  const out: RatedSeries[] = [];
  for (const scale of RATING_SCALES) for (const role of RATER_ROLES) {
    const values = ratings.filter((r) => r.scale === scale && r.raterRole === role).map((r) => ({ atMs: r.atMs, value: r.total! })).sort((a, b) => a.atMs - b.atMs);
    if (values.length > 0) out.push({ scale, raterRole: role, seriesScale: ratingSeriesScale(scale, role), values });
  }
  return out;
}
