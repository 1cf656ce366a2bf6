/**
 * A numeric series with a declared range: what a chart axis and the cycle analysis need to know
 * about a score, whatever the score is (daily pain, the camera's objective items, a clinician-rated
 * scale entered later). `mcid` is the published minimal clinically important difference, when there
 * is one; without it the cycle analysis measures the series' own noise instead (see cycles.ts).
 */
export interface SeriesScale {
  /** Stable code, also used as Geste's FHIR code for the series (see docs/records.md). */
  readonly id: string;
  /** Clinical words for a person, e.g. "Worst daily pain". */
  readonly label: string;
  /** Unit shown after values, e.g. "points". */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Smallest step of the scale (1 for integer scores). */
  readonly step: number;
  /** True when a lower value means less severe (all of Geste's scores so far). */
  readonly lowerIsBetter: boolean;
  readonly mcid: { readonly points: number; readonly source: string } | null;
}

/** Worst of the neck/shoulder/head 0–10 ratings in a diary entry. */
// ref: Farrar JT et al. Clinical importance of changes in chronic pain intensity measured on an
//      11-point numerical pain rating scale. Pain 2001;94:149–158 (a reduction of about 2 points or 30 %).
export const PAIN_NRS_SCALE: SeriesScale = {
  id: 'worst-pain-nrs',
  label: 'Worst daily pain',
  unit: 'points, 0–10',
  min: 0,
  max: 10,
  step: 1,
  lowerIsBetter: true,
  mcid: { points: 2, source: 'Farrar et al., Pain 2001;94:149–158 (11-point pain rating scale)' },
};

/** Sum of the camera-derived objective severity items (bands of CLINICAL.md; 0–35 with duration ×2). No published MCID. */
export const OBJECTIVE_ITEMS_SCALE: SeriesScale = {
  id: 'objective-items-total',
  label: 'Objective severity items total (camera)',
  unit: 'points, 0–35',
  min: 0,
  max: 35,
  step: 1,
  lowerIsBetter: true,
  mcid: null,
};

/** TWSTRS total as entered by a clinician (0–85). Declared here so a rated-scale record plugs in. */
// ref: Dashtipour K et al. Minimal clinically important change in patients with cervical dystonia:
//      results from the CD PROBE study. J Neurol Sci 2019;405:116413 (MCIC for improvement ≥ 8 points).
export const TWSTRS_TOTAL_SCALE: SeriesScale = {
  id: 'twstrs-total',
  label: 'TWSTRS total (clinician-rated)',
  unit: 'points, 0–85',
  min: 0,
  max: 85,
  step: 1,
  lowerIsBetter: true,
  mcid: { points: 8, source: 'Dashtipour et al., J Neurol Sci 2019;405:116413 (CD PROBE)' },
};
