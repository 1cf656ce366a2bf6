// ref: SENIAM / R. Merletti & P. Di Torino, "Standards for reporting EMG data", J Electromyogr Kinesiol
// 9(1), 1999 (amplitude normalised to a reference contraction, reported as % of it; resting level
// reported); M. Halaki & K. Ginn, "Normalization of EMG signals: to normalize or not to normalize and what
// to normalize to?", in Computational Intelligence in Electromyography Analysis, InTech 2012, ch. 7
// (peak of a maximal effort as the reference; a robust high percentile rather than a single maximum);
// R. O. Robinson, W. Herzog, B. M. Nigg, "Use of force platform variables to quantify the effects of
// chiropractic manipulation on gait symmetry", J Manipulative Physiol Ther 10(4):172–176, 1987
// (symmetry index = (L − R) / ((L + R) / 2); here halved to (L − R) / (L + R) so it runs −100…100 %).

/** Why a reference could not be taken (shown in words by the app). */
export type ReferenceProblem = 'too-short' | 'flat' | 'not-above-rest';

export type Reference = { readonly ok: true; readonly valueUv: number; readonly spreadUv: number } | { readonly ok: false; readonly problem: ReferenceProblem };

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function finiteSorted(xs: readonly number[]): number[] {
  return xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/** Minimum envelope samples for a reference (at 200 Hz: 1 s). */
export const EMG_MIN_REFERENCE_SAMPLES = 200;
/** Below this a resting envelope is not a signal (an open or shorted input), µV. */
export const EMG_FLAT_ENVELOPE_UV = 0.2;

/** Resting baseline: the median envelope (robust to a swallow or a short twitch), spread = IQR. */
export function restingBaseline(envelopeUv: readonly number[]): Reference {
  const s = finiteSorted(envelopeUv);
  if (s.length < EMG_MIN_REFERENCE_SAMPLES) return { ok: false, problem: 'too-short' };
  const median = quantile(s, 0.5);
  if (median < EMG_FLAT_ENVELOPE_UV) return { ok: false, problem: 'flat' };
  return { ok: true, valueUv: median, spreadUv: quantile(s, 0.75) - quantile(s, 0.25) };
}

/** Maximum-effort reference: the 95th percentile of the envelope during the effort; must exceed twice the rest. */
export function maxEffortReference(envelopeUv: readonly number[], restUv: number): Reference {
  const s = finiteSorted(envelopeUv);
  if (s.length < EMG_MIN_REFERENCE_SAMPLES) return { ok: false, problem: 'too-short' };
  const p95 = quantile(s, 0.95);
  if (p95 < EMG_FLAT_ENVELOPE_UV) return { ok: false, problem: 'flat' };
  if (!(p95 > 2 * restUv)) return { ok: false, problem: 'not-above-rest' };
  return { ok: true, valueUv: p95, spreadUv: p95 - quantile(s, 0.5) };
}

/** Envelope relative to rest (1 = resting level); null when rest is not positive. */
export function ratioToRest(envelopeUv: number, restUv: number): number | null {
  return restUv > 0 && Number.isFinite(envelopeUv) ? envelopeUv / restUv : null;
}

/** Envelope as % of the span rest → maximum effort (0 = rest, 100 = the reference effort); null if not measurable. */
export function percentOfMaxEffort(envelopeUv: number, restUv: number, maxUv: number): number | null {
  return maxUv > restUv && Number.isFinite(envelopeUv) ? (100 * (envelopeUv - restUv)) / (maxUv - restUv) : null;
}

/**
 * Left/right asymmetry of a paired muscle, %: (L − R) / (L + R) × 100, from −100 to 100.
 * Positive = the patient's LEFT muscle more active; negative = the RIGHT. Give each side's envelope
 * above its own rest (or as % of its own maximum effort) so electrode differences do not dominate.
 * null when both sides are at or below zero (nothing to compare).
 */
export function asymmetryPct(leftUv: number, rightUv: number): number | null {
  if (!Number.isFinite(leftUv) || !Number.isFinite(rightUv)) return null;
  const l = Math.max(0, leftUv);
  const r = Math.max(0, rightUv);
  if (l + r <= 0) return null;
  return Math.max(-100, Math.min(100, (100 * (l - r)) / (l + r))); // clamp: rounding of tiny values can give 100.00000000000001
}

// ------------------------------------------------------------------ electrode contact

export type ElectrodeStatus = 'ok' | 'flat' | 'railed' | 'unknown';

/** Raw signal standard deviation below this over the window = flat (no contact or a shorted input), µV. */
export const EMG_FLAT_RAW_SD_UV = 0.5;
/** Fraction of the window at ≥ 98 % of full scale that counts as railed (electrode off, amplifier saturated). */
export const EMG_RAILED_FRACTION = 0.1;

/**
 * Electrode contact from the raw (unfiltered) signal of the last window: railed when at least 10 % of
 * the samples sit at ≥ 98 % of the ADC's full scale; flat when the standard deviation is below 0.5 µV.
 */
export function electrodeStatus(rawUv: readonly number[], fullScaleUv: number): ElectrodeStatus {
  const xs = rawUv.filter((x) => Number.isFinite(x));
  if (xs.length < 20) return 'unknown';
  const railed = xs.filter((x) => Math.abs(x) >= 0.98 * fullScaleUv).length / xs.length;
  if (railed >= EMG_RAILED_FRACTION) return 'railed';
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return sd < EMG_FLAT_RAW_SD_UV ? 'flat' : 'ok';
}
