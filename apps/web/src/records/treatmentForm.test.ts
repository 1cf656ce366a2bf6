import { toxinDoseWarnings, validateRecord, type BotulinumTreatment } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { biofeedbackLink, describeTreatment, emptyTreatmentDraft, normalizeTreatmentDraft, treatmentFromDraft } from './treatmentForm.ts';

const AT = Date.UTC(2025, 4, 2, 10);
const dayToMs = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T12:00:00Z`) : null);

describe('treatment form', () => {
  it('an injection with listed and free-text muscles becomes a valid botulinum record', () => {
    const d = {
      ...emptyTreatmentDraft('2025-05-02'), product: 'Botox', productCode: 'onabotulinumtoxinA' as const, guidance: 'emg' as const,
      muscles: [{ muscleCode: 'splenius capitis' as const, muscle: '', side: 'right' as const, units: '60' }, { muscleCode: '' as const, muscle: 'Trapezius', side: 'left' as const, units: '37,5' }, { muscleCode: '' as const, muscle: '', side: 'left' as const, units: '' }],
    };
    const r = treatmentFromDraft(d, 't1', AT);
    const v = validateRecord(r);
    expect(v.ok).toBe(true);
    expect(r.kind === 'botulinum' && r.injections).toEqual([{ muscle: 'splenius capitis', muscleCode: 'splenius capitis', side: 'right', units: 60 }, { muscle: 'Trapezius', muscleCode: 'trapezius', side: 'left', units: 37.5 }]);
    expect(describeTreatment(r)).toBe('Botulinum toxin: Botox (onabotulinumtoxinA), 97.5 U in total — splenius capitis right 60 U, Trapezius left 37.5 U (guidance: EMG)');
  });
  it('10 000 U rimabotulinumtoxinB goes in (no cap, no warning); split doses print as written', () => {
    const d = {
      ...emptyTreatmentDraft('2025-05-02'), productCode: 'rimabotulinumtoxinB' as const, totalUnits: '10 000', blinded: true,
      muscles: [0, 1, 2].map(() => ({ muscleCode: 'sternocleidomastoid' as const, muscle: '', side: 'both' as const, units: String(5000 / 3) })),
    };
    const r = treatmentFromDraft(d, 't3', AT) as BotulinumTreatment;
    expect(validateRecord(r).ok).toBe(true);
    expect(r.totalUnits).toBe(10_000);
    expect(toxinDoseWarnings(r)).toEqual([]);
    expect(describeTreatment(r)).toContain('10000 U in total (as written) — sternocleidomastoid both sides 1666.67 U');
    expect(describeTreatment(r)).not.toMatch(/1666\.666/);
    expect(describeTreatment(r)).toContain('[blinded]');
  });
  it('a type-B-sized dose of onabotulinumtoxinA is saved but warned about, with the range', () => {
    const d = { ...emptyTreatmentDraft('x'), productCode: 'onabotulinumtoxinA' as const, totalUnits: '5000' };
    const r = treatmentFromDraft(d, 't4', AT) as BotulinumTreatment;
    expect(validateRecord(r).ok).toBe(true);
    expect(toxinDoseWarnings(r).map((w) => w.message)).toEqual([expect.stringMatching(/^5000 U is above the plausible range \(10–600 U per session for onabotulinumtoxinA\)/)]);
  });
  it('onset and wear-off can be past dates; a wear-off before onset is refused with the reason', () => {
    const d = { ...emptyTreatmentDraft('2025-05-02'), productCode: 'incobotulinumtoxinA' as const, effectStartedDay: '2025-05-12', effectWoreOffDay: '2025-07-30' };
    const r = treatmentFromDraft(d, 't5', Date.UTC(2025, 4, 2, 12), dayToMs) as BotulinumTreatment;
    expect(validateRecord(r).ok).toBe(true);
    expect(r.effectStartedAtMs).toBe(Date.UTC(2025, 4, 12, 12));
    const bad = validateRecord(treatmentFromDraft({ ...d, effectWoreOffDay: '2025-05-05' }, 't6', Date.UTC(2025, 4, 2, 12), dayToMs));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ code: 'inconsistent', path: 'effectWoreOffAtMs', expected: 'after the injection and after the effect started' });
  });
  it('missing units are named by validation, not silently dropped; an old draft loads with defaults', () => {
    const d = { ...emptyTreatmentDraft('2025-05-02'), product: 'Toxin A', muscles: [{ muscleCode: '' as const, muscle: 'trapezius', side: 'left' as const, units: '' }] };
    const v = validateRecord(treatmentFromDraft(d, 't2', AT));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'injections[0].units', code: 'wrong-type' });
    const old = normalizeTreatmentDraft({ kind: 'botulinum', day: '2025-01-01', product: 'Dysport', muscles: [{ muscle: 'SCM', side: 'left', units: '100' } as never] }, '2025-02-02');
    expect(old).toMatchObject({ productCode: 'abobotulinumtoxinA', totalUnits: '', placebo: false, muscles: [{ muscleCode: 'sternocleidomastoid', muscle: 'SCM' }] });
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
