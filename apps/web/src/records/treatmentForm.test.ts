import { validateRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { biofeedbackLink, describeTreatment, emptyTreatmentDraft, treatmentFromDraft } from './treatmentForm.ts';

const AT = Date.UTC(2025, 4, 2, 10);

describe('treatment form', () => {
  it('an injection with two muscles becomes a valid botulinum record', () => {
    const d = { ...emptyTreatmentDraft('2025-05-02'), product: 'Toxin A', guidance: 'emg' as const, muscles: [{ muscle: 'splenius capitis', side: 'right' as const, units: '60' }, { muscle: 'trapezius', side: 'left' as const, units: '37,5' }, { muscle: '', side: 'left' as const, units: '' }] };
    const r = treatmentFromDraft(d, 't1', AT);
    const v = validateRecord(r);
    expect(v.ok).toBe(true);
    expect(r.kind === 'botulinum' && r.injections).toEqual([{ muscle: 'splenius capitis', side: 'right', units: 60 }, { muscle: 'trapezius', side: 'left', units: 37.5 }]);
    expect(describeTreatment(r)).toContain('trapezius left 37.5 U');
  });
  it('missing units are named by validation, not silently dropped', () => {
    const d = { ...emptyTreatmentDraft('2025-05-02'), product: 'Toxin A', muscles: [{ muscle: 'trapezius', side: 'left' as const, units: '' }] };
    const v = validateRecord(treatmentFromDraft(d, 't2', AT));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'injections[0].units', code: 'wrong-type' });
  });
  it('oral medicine, therapy and a DBS setting from the form validate', () => {
    for (const d of [
      { ...emptyTreatmentDraft('x'), kind: 'oral' as const, name: 'Medicine', amount: '2', timesPerDay: '3' },
      { ...emptyTreatmentDraft('x'), kind: 'therapy' as const, modality: 'heat' as const, durationMin: '20' },
      { ...emptyTreatmentDraft('x'), kind: 'dbs-setting' as const, contacts: '1-, C+', amplitude: '3.1', pulseWidthUs: '60', frequencyHz: '130' },
      { ...emptyTreatmentDraft('x'), kind: 'surgery' as const, procedure: 'Selective denervation' },
    ]) expect(validateRecord(treatmentFromDraft(d, 'x1', AT)).ok).toBe(true);
  });
  it('biofeedback links are valid and stable for the same session', () => {
    const s = { id: 'biofeedback-m1abc-0001', startedAtMs: AT };
    expect(biofeedbackLink(s)).toEqual(biofeedbackLink(s));
    expect(validateRecord(biofeedbackLink(s)).ok).toBe(true);
  });
});
