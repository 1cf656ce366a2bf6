import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMeasure, formatMeasure, measureDef, measureLabel, measureWords, MEASURES, roundForDisplay, SEVERITY_ITEM_MEASURES } from './registry.ts';
import { examMeasures } from '../session/examMeasures.ts';
import { summarizeSession, summaryMeasures } from '../session/summary.ts';
import { anatomicalNeutral } from '../pose/neutral.ts';
import { SEVERITY_ITEMS } from '../scoring/types.ts';
import type { FrameMeasure } from './types.ts';

function frame(i: number, r: number): FrameMeasure {
  return { frameIndex: i, timestampMs: i * 33, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: r, tiltDeg: 1, flexionDeg: 2, lateralShiftCm: 0.5, shoulderElevationDeg: 1 };
}
const FRAMES = Array.from({ length: 400 }, (_, i) => frame(i, 25 + 2 * Math.sin(i / 5)));

describe('measure registry', () => {
  it('knows every key that core stores (parity between code and vocabulary)', () => {
    const exam = examMeasures(FRAMES, [{ kind: 'rest', startMs: 0, endMs: 6000 }, { kind: 'hold-neutral', startMs: 6000, endMs: 9000 }, { kind: 'rom-sweep', axis: 'rotationDeg', startMs: 9000, endMs: 13_200 }], 'anatomical');
    const summary = summaryMeasures(summarizeSession(FRAMES, { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null }));
    const keys = [...Object.keys(exam.items), ...Object.keys(exam.measures), ...Object.keys(summary), ...SEVERITY_ITEMS];
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) expect(measureDef(k), k).not.toBeNull();
  });

  it('gives every item its maximum and every signed posture its two directions', () => {
    for (const [k, d] of Object.entries(SEVERITY_ITEM_MEASURES)) expect(d.max, k).toBeGreaterThan(0);
    for (const [k, d] of Object.entries(MEASURES)) if ('positive' in d) expect(d.negative, k).toBeTruthy();
  });

  it('writes values in words with units and directions', () => {
    expect(formatMeasure('romRotationRightDeg', 52.4)).toBe('52°');
    expect(formatMeasure('restRotationDeg', -18.2)).toBe('18° chin turned to the left');
    expect(formatMeasure('restRotationDeg', 30)).toBe('30° chin turned to the right');
    expect(formatMeasure('rotation', 2)).toBe('2 of 4');
    expect(formatMeasure('restTimeInNeutralPct', 80.04)).toBe('80 %');
    expect(formatMeasure('lateralShiftCm', 1.26)).toBe('1.3 cm to the right');
    expect(formatMeasure('holdNeutral1S', null)).toBe('not measured');
    expect(formatMeasure('holdNeutral1S', Number.NaN)).toBe('not measured');
    expect(formatMeasure('reductionPct.chin-same-touch', 41.7)).toBe('42 %');
  });

  it('labels unknown keys openly instead of hiding them', () => {
    expect(measureDef('reductionPct.')).toBeNull();
    expect(measureLabel('fromANewerVersion')).toBe('Other measure (fromANewerVersion)');
    expect(measureLabel('romRotationLeftDeg')).toBe('Turn to the left (range of motion)');
    expect(measureDef('toString')).toBeNull();
  });

  it('says which way is better', () => {
    expect(compareMeasure('rotation', 3, 2)).toBe('better');
    expect(compareMeasure('holdNeutral1S', 20, 12)).toBe('worse');
    expect(compareMeasure('holdNeutral1S', 20.2, 19.8)).toBe('same');
    expect(compareMeasure('restRotationDeg', 30, 10)).toBe('not-comparable');
    expect(compareMeasure('rotation', null, 2)).toBe('not-comparable');
  });

  it('comparison is antisymmetric (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(MEASURES)), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (k, a, b) => {
        const ab = compareMeasure(k, a, b);
        const ba = compareMeasure(k, b, a);
        if (ab === 'better') return ba === 'worse';
        if (ab === 'worse') return ba === 'better';
        return ab === ba;
      }),
    );
  });

  it('rounds for display without negative zero', () => {
    expect(Object.is(roundForDisplay('deg', -0.2), 0)).toBe(true);
    expect(roundForDisplay('cm', 1666.6666666666667)).toBe(1666.7);
  });

  describe('Spanish words (locale argument; English stays the default)', () => {
    it('has a Spanish label for every registry key, translated, with both directions where English has them', () => {
      const keys = [...Object.keys(MEASURES), 'reductionPct.chin-same-touch'];
      for (const k of keys) {
        const en = measureWords(k, 'en')!;
        const es = measureWords(k, 'es')!;
        expect(es.label.trim(), k).not.toBe('');
        expect(es.label, k).not.toBe(en.label);
        expect(es.label, k).not.toMatch(/^Other measure|^Otra medida/);
        expect(Boolean(es.positive) && Boolean(es.negative), k).toBe(Boolean(en.positive));
        if (en.positive) expect(es.positive, k).not.toBe(en.positive);
      }
    });

    it('uses the clinical Spanish terms for the posture items', () => {
      expect(measureLabel('rotation', 'es')).toContain('tortícolis');
      expect(measureLabel('laterocollis', 'es')).toContain('laterocolis');
      expect(measureLabel('anteroRetrocollis', 'es')).toMatch(/anterocolis.*retrocolis/);
      expect(measureLabel('shoulderElevation', 'es')).toBe('Elevación del hombro');
      expect(measureLabel('tremorRmsDeg', 'es')).toContain('temblor');
      expect(measureLabel('jerksPerMin', 'es')).toContain('Sacudidas');
    });

    it('writes values with Spanish units, decimal comma and directions', () => {
      expect(formatMeasure('restRotationDeg', -18.2, 'es')).toBe('18° barbilla girada a la izquierda');
      expect(formatMeasure('rotation', 2, 'es')).toBe('2 de 4');
      expect(formatMeasure('lateralShiftCm', 1.26, 'es')).toBe('1,3 cm hacia la derecha');
      expect(formatMeasure('jerksPerMin', 2.46, 'es')).toBe('2,5 por minuto');
      expect(formatMeasure('holdNeutral1S', null, 'es')).toBe('no medido');
      expect(measureLabel('fromANewerVersion', 'es')).toBe('Otra medida (fromANewerVersion)');
      expect(formatMeasure('lateralShiftCm', 1.26)).toBe('1.3 cm to the right');
    });
  });
});
