/** Rated-scale form state and its conversion to a record. Pure. No scale wording: items are keys and numbers. */
import { formatUnits, RATING_SCALE_INFO, type RatedScale, type RaterRole, type RatingScale } from '@geste/core';
import { num, type Words } from './treatmentForm.ts';
import { translate } from '../i18n/i18n.tsx';

export interface RatingDraft {
  scale: RatingScale;
  day: string;
  version: string;
  total: string;
  raterRole: RaterRole;
  raterName: string;
  visitLabel: string;
  /** Item scores as the rater keyed them ("1", "rotation", …); empty rows are ignored. */
  items: Array<{ key: string; value: string }>;
  note: string;
}

export function emptyRatingDraft(day: string, scale: RatingScale = 'twstrs-severity'): RatingDraft {
  return { scale, day, version: '', total: '', raterRole: RATING_SCALE_INFO[scale].usualRater, raterName: '', visitLabel: '', items: [], note: '' };
}

/** Item keys become record keys: letters, digits, "_", "-", "." starting with a letter ("1" → "item1"). */
export const itemKey = (k: string): string => {
  const t = k.trim().replace(/\s+/g, '_');
  return /^[A-Za-z]/.test(t) ? t : `item${t}`;
};

export function ratingFromDraft(d: RatingDraft, id: string, atMs: number): RatedScale {
  const items: Record<string, number | null> = {};
  for (const it of d.items) if (it.key.trim() !== '' || it.value.trim() !== '') items[itemKey(it.key)] = it.value.trim() === '' ? null : num(it.value);
  return {
    type: 'rating', schemaVersion: 1, id, atMs, scale: d.scale, version: d.version, items,
    total: d.total.trim() === '' ? null : num(d.total), raterRole: d.raterRole, raterName: d.raterName, visitLabel: d.visitLabel, note: d.note,
  };
}

/** "TWSTRS severity 18 (of 0–35), clinician-rated by Dr A, visit week 4" — who rated is always said. */
export function describeRating(r: RatedScale, w: Words = { t: (k, v) => translate('en', k, v) }): string {
  const { t } = w;
  const u = w.units ?? formatUnits;
  const info = RATING_SCALE_INFO[r.scale];
  const n = Object.keys(r.items).length;
  return t('rec.ra.d.main', { scale: info.label, total: r.total === null ? t('rec.ra.d.itemsOnly') : u(r.total), min: info.minTotal, max: info.maxTotal, role: t(r.raterRole === 'clinician' ? 'rec.ra.d.clinician' : 'rec.ra.d.patient') })
    + (r.raterName === '' ? '' : t('rec.ra.d.by', { name: r.raterName }))
    + (r.visitLabel === '' ? '' : t('rec.ra.d.visit', { visit: r.visitLabel }))
    + (r.version === '' ? '' : t('rec.ra.d.version', { version: r.version }))
    + (n === 0 ? '' : n === 1 ? t('rec.ra.d.item') : t('rec.ra.d.items', { n }));
}
