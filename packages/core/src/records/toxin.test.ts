import { describe, expect, it } from 'vitest';
import { formatUnits, muscleFromText, productFromText, toxinDoseWarnings, toxinTotalUnits } from './toxin.ts';

const visit = (over: Partial<Parameters<typeof toxinDoseWarnings>[0]> = {}) => ({ productCode: 'rimabotulinumtoxinB' as const, totalUnits: null, injections: [], placebo: false, ...over });
const inj = (units: number) => ({ muscle: 'splenius capitis', muscleCode: 'splenius capitis' as const, side: 'left' as const, units });

describe('toxin products and doses', () => {
  it('prints doses as written: no binary noise, no exponent, at most 2 decimals', () => {
    expect([5000 / 3, 0.1 + 0.2, 10_000, 37.5, 1e-7, 12.005].map(formatUnits)).toEqual(['1666.67', '0.3', '10000', '37.5', '0', '12.01']);
  });
  it('recognises generic and brand names; unknown text stays unknown', () => {
    expect(['Botox 100 U', 'Dysport', 'xeomin', 'NeuroBloc 5000 U/mL', 'Daxxify', 'Myobloc', 'onabotulinumtoxinA'].map(productFromText)).toEqual(['onabotulinumtoxinA', 'abobotulinumtoxinA', 'incobotulinumtoxinA', 'rimabotulinumtoxinB', 'daxibotulinumtoxinA', 'rimabotulinumtoxinB', 'onabotulinumtoxinA']);
    expect(productFromText('Trial drug X')).toBeNull();
    expect([muscleFromText('  Levator  Scapulae '), muscleFromText('SCM'), muscleFromText('deep neck')]).toEqual(['levator scapulae', 'sternocleidomastoid', null]);
  });
  it('warns (never refuses) outside the plausible range, saying the range; 10 000 U type B is plausible', () => {
    expect(toxinDoseWarnings(visit({ totalUnits: 10_000 }))).toEqual([]);
    expect(toxinDoseWarnings(visit({ totalUnits: 300 }))[0]).toMatchObject({ code: 'total-below-plausible', path: 'totalUnits', message: expect.stringMatching(/^300 U is below the plausible range \(1000–20000 U per session for rimabotulinumtoxinB\)/) });
    expect(toxinDoseWarnings(visit({ placebo: true, totalUnits: null }))).toEqual([]);
    expect(toxinDoseWarnings(visit({ productCode: 'incobotulinumtoxinA', injections: [inj(700)] })).map((w) => w.code)).toEqual(['total-above-plausible', 'muscle-above-plausible']);
    expect(toxinDoseWarnings(visit({ totalUnits: 5000, injections: [inj(3000), inj(2500)] })).map((w) => w.code)).toEqual(['sum-exceeds-total']);
    expect(toxinDoseWarnings(visit({ productCode: 'other', totalUnits: 99_999 }))).toEqual([]);
  });
  it('the session total is what was written, else the muscles summed', () => {
    expect(toxinTotalUnits({ totalUnits: 5000, injections: [inj(1)] })).toBe(5000);
    expect(toxinTotalUnits({ totalUnits: null, injections: [inj(0.1), inj(0.2)] })).toBe(0.3);
    expect(toxinTotalUnits({ totalUnits: null, injections: [] })).toBeNull();
  });
});
