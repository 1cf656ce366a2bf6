import { validateRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { describeRating, emptyRatingDraft, ratingFromDraft } from './ratingForm.ts';

describe('rating form', () => {
  it('a clinician-rated TWSTRS severity with items becomes a valid record and says who rated', () => {
    const d = { ...emptyRatingDraft('2025-05-02'), total: '18', raterName: 'Dr A', visitLabel: 'week 4', items: [{ key: '1', value: '3' }, { key: 'shift', value: '' }] };
    const r = ratingFromDraft(d, 'r1', Date.UTC(2025, 4, 2, 12));
    expect(validateRecord(r).ok).toBe(true);
    expect(r.items).toEqual({ item1: 3, shift: null });
    expect(describeRating(r)).toBe('TWSTRS severity 18 (range 0–35), clinician-rated by Dr A, visit week 4; 2 item scores');
  });
  it('a total outside the scale is refused with the range; pain NRS defaults to patient-rated', () => {
    const v = validateRecord(ratingFromDraft({ ...emptyRatingDraft('x'), total: '40' }, 'r2', 0));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ code: 'out-of-range', path: 'total', expected: 'a total from 0 to 35 (TWSTRS severity)', received: '40' });
    expect(emptyRatingDraft('x', 'pain-nrs').raterRole).toBe('patient');
    const none = validateRecord(ratingFromDraft(emptyRatingDraft('x'), 'r3', 0));
    expect(none.ok).toBe(false);
  });
});
