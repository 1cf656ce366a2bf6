/**
 * Botulinum toxin products and the standard cervical muscle list, plausibility warnings for doses,
 * and dose printing. Geste records what the clinician wrote: a dose outside a product's plausible
 * range is a *warning* (a likely unit mix-up between products), never a refusal, and Geste never
 * suggests a dose. Ranges: /work/shared/CLINICAL.md (label and trial totals per session).
 */
import type { BotulinumTreatment } from './schemas.ts';

export const TOXIN_PRODUCTS = [
  'onabotulinumtoxinA',
  'abobotulinumtoxinA',
  'incobotulinumtoxinA',
  'rimabotulinumtoxinB',
  'daxibotulinumtoxinA',
] as const;
export type ToxinProduct = (typeof TOXIN_PRODUCTS)[number];
/** `other` = a product not in the list (its name is in `product`); `unknown` = blinded or not known. */
export const PRODUCT_CODES = [...TOXIN_PRODUCTS, 'other', 'unknown'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export interface ToxinProductInfo {
  readonly code: ToxinProduct;
  /** Brand names a clinician may write instead of the generic name (matched case-insensitively). */
  readonly brands: readonly string[];
  /** Usual total per cervical dystonia session (label and trial ranges, CLINICAL.md). */
  readonly typicalTotalUnits: readonly [number, number];
  /**
   * Geste's plausibility bounds for a session total: outside them a dose is more likely a unit
   * mix-up between products than a real dose, so the form warns (and still saves). Not label limits.
   */
  readonly plausibleTotalUnits: readonly [number, number];
}

export const TOXIN_PRODUCT_INFO: Readonly<Record<ToxinProduct, ToxinProductInfo>> = {
  onabotulinumtoxinA: { code: 'onabotulinumtoxinA', brands: ['botox'], typicalTotalUnits: [200, 300], plausibleTotalUnits: [10, 600] },
  abobotulinumtoxinA: { code: 'abobotulinumtoxinA', brands: ['dysport', 'azzalure'], typicalTotalUnits: [250, 1000], plausibleTotalUnits: [50, 2000] },
  incobotulinumtoxinA: { code: 'incobotulinumtoxinA', brands: ['xeomin', 'bocouture'], typicalTotalUnits: [120, 300], plausibleTotalUnits: [10, 600] },
  rimabotulinumtoxinB: { code: 'rimabotulinumtoxinB', brands: ['myobloc', 'neurobloc'], typicalTotalUnits: [2500, 10_000], plausibleTotalUnits: [1000, 20_000] },
  daxibotulinumtoxinA: { code: 'daxibotulinumtoxinA', brands: ['daxxify'], typicalTotalUnits: [125, 250], plausibleTotalUnits: [10, 500] },
};

/** Muscles commonly injected for cervical dystonia (anatomical names; no scale wording). */
export const CERVICAL_MUSCLES = [
  'sternocleidomastoid',
  'splenius capitis',
  'splenius cervicis',
  'trapezius',
  'levator scapulae',
  'semispinalis capitis',
  'semispinalis cervicis',
  'longissimus capitis',
  'scalenus anterior',
  'scalenus medius',
  'scalenus posterior',
  'obliquus capitis inferior',
  'rectus capitis posterior major',
  'longus colli',
  'longus capitis',
  'platysma',
  'multifidus',
] as const;
export type CervicalMuscle = (typeof CERVICAL_MUSCLES)[number];

/** The product a clinician's wording names (generic or brand), or null. "Botox 200 U" → onabotulinumtoxinA. */
export function productFromText(text: string): ToxinProduct | null {
  const t = text.toLowerCase();
  for (const p of TOXIN_PRODUCTS) {
    const info = TOXIN_PRODUCT_INFO[p];
    if (t.includes(p.toLowerCase().slice(0, 8)) || info.brands.some((b) => t.includes(b))) return p;
  }
  if (/\bona\b/.test(t)) return 'onabotulinumtoxinA';
  if (/\babo\b/.test(t)) return 'abobotulinumtoxinA';
  if (/\binco\b/.test(t)) return 'incobotulinumtoxinA';
  if (/\brima\b|\btype b\b/.test(t)) return 'rimabotulinumtoxinB';
  if (/\bdaxi\b/.test(t)) return 'daxibotulinumtoxinA';
  return null;
}

/** The listed muscle a free-text name means (exact, case- and space-insensitive), or null. */
export function muscleFromText(text: string): CervicalMuscle | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const aliases: Record<string, CervicalMuscle> = { scm: 'sternocleidomastoid', 'levator scapulae muscle': 'levator scapulae', 'upper trapezius': 'trapezius' };
  return (CERVICAL_MUSCLES as readonly string[]).includes(t) ? (t as CervicalMuscle) : (aliases[t] ?? null);
}

/**
 * Units printed as written: at most 2 decimals, no binary noise (1666.6666666666667 → "1666.67",
 * 0.1 + 0.2 → "0.3"), no exponent, no thousands separator (which would read differently by locale).
 */
export function formatUnits(units: number): string {
  if (!Number.isFinite(units)) return '—';
  const r = Math.round(units * 100) / 100;
  return r.toFixed(2).replace(/\.?0+$/, '');
}

/** The session total: what the clinician wrote as total, else the sum of the muscles (null when neither). */
export function toxinTotalUnits(t: Pick<BotulinumTreatment, 'totalUnits' | 'injections'>): number | null {
  if (t.totalUnits !== null) return t.totalUnits;
  if (t.injections.length === 0) return null;
  return Math.round(t.injections.reduce((s, j) => s + j.units, 0) * 100) / 100;
}

export type DoseWarningCode = 'total-above-plausible' | 'total-below-plausible' | 'muscle-above-plausible' | 'sum-exceeds-total';
export interface DoseWarning {
  readonly code: DoseWarningCode;
  /** Where, e.g. `totalUnits` or `injections[2].units`. */
  readonly path: string;
  /** One sentence with the range and what to check. Never a suggested dose. */
  readonly message: string;
}

/** Plausibility warnings for one toxin visit (empty for placebo, unknown or other products). */
export function toxinDoseWarnings(t: Pick<BotulinumTreatment, 'productCode' | 'totalUnits' | 'injections' | 'placebo'>): DoseWarning[] {
  const out: DoseWarning[] = [];
  const sum = t.injections.reduce((s, j) => s + j.units, 0);
  if (t.totalUnits !== null && t.injections.length > 0 && sum > t.totalUnits + 1e-9)
    out.push({ code: 'sum-exceeds-total', path: 'totalUnits', message: `The muscles add up to ${formatUnits(sum)} U, more than the total of ${formatUnits(t.totalUnits)} U written: check the total or the muscle doses.` });
  if (t.productCode === 'other' || t.productCode === 'unknown') return out;
  const info = TOXIN_PRODUCT_INFO[t.productCode];
  const [lo, hi] = info.plausibleTotalUnits;
  const range = `${formatUnits(lo)}–${formatUnits(hi)} U per session for ${info.code}`;
  const total = toxinTotalUnits(t);
  if (total !== null && total > hi)
    out.push({ code: 'total-above-plausible', path: t.totalUnits !== null ? 'totalUnits' : 'injections', message: `${formatUnits(total)} U is above the plausible range (${range}): units of different toxins are not interchangeable — check the product and the units. Saved as written.` });
  else if (total !== null && total < lo && !t.placebo)
    out.push({ code: 'total-below-plausible', path: t.totalUnits !== null ? 'totalUnits' : 'injections', message: `${formatUnits(total)} U is below the plausible range (${range}): units of different toxins are not interchangeable — check the product and the units. Saved as written.` });
  t.injections.forEach((j, i) => {
    if (j.units > hi)
      out.push({ code: 'muscle-above-plausible', path: `injections[${i}].units`, message: `${formatUnits(j.units)} U into one muscle is above the plausible session total (${range}): check the product and the units. Saved as written.` });
  });
  return out;
}
