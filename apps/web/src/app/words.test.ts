import { describe, expect, it } from 'vitest';
import { checkStraightest } from '@geste/core';
import type { FrameMeasure } from '@geste/core';
import { CORRECTION_WORDS, REASON_WORDS, angleWords, correctionWords, devicePitchWords, flexionReferenceWords, measureValueWords, reasonWords, straightestSentence, trainingStartWords, trunkCheckWords } from './words.ts';

describe('words for the anatomical zero', () => {
  it('a side never reached in the range of motion is said in words, not as a negative range', () => {
    expect(measureValueWords('romRotationLeftDeg', -29.8)).toBe('not reached: stayed 30° on the other side of straight');
    expect(measureValueWords('romRotationRightDeg', 29.8)).toMatch(/^30/);
    expect(measureValueWords('romRotationLeftDeg', null)).toBe('not measurable');
  });
  it('a training start in words, largest axis first; small axes left out', () => {
    expect(trainingStartWords({ rotationDeg: 30.2, tiltDeg: -12, flexionDeg: 1 })).toBe('30° turned to the right and 12° tilted to the left');
    expect(trainingStartWords({ rotationDeg: 2, tiltDeg: null, flexionDeg: -1 })).toMatch(/^within \d+° of straight$/);
  });
  it('the shoulder check names what is wrong (two people, mirrored, covered, out of view)', () => {
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-multiple-people'] })).toMatchObject({ ok: false, text: expect.stringMatching(/More than one person/) });
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-sides-swapped'] }).text).toMatch(/mirrored/);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-occluded'] }).text).toMatch(/covers a shoulder/);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-not-visible'] }).text).toMatch(/not in view/);
    expect(trunkCheckWords({ turnTilt: 'trunk', notes: [] }).ok).toBe(true);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-yaw-unavailable'] })).toMatchObject({ ok: true, hint: expect.stringMatching(/against the camera/) });
    expect(trunkCheckWords(null).ok).toBeNull();
  });
  it('a tick says only what was checked; the camera\'s limitation is a separate neutral hint (EN and ES)', () => {
    // Shoulders seen but the body's turn is not: "✓ Shoulders in view. The camera cannot see…" read as a contradiction.
    for (const lang of ['en', 'es'] as const) {
      const w = trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-yaw-unavailable'] }, lang);
      expect(w.ok).toBe(true);
      expect(w.text).toBe(lang === 'en' ? 'Shoulders in view.' : 'Hombros a la vista.');
      expect(w.text).not.toMatch(/cannot|no puede|camera|cámara/);
      expect(w.hint).toMatch(lang === 'en' ? /^Turn is measured against the camera, .*sit facing it\.$/ : /^La rotación se mide respecto a la cámara, .*siéntese de frente a ella\.$/);
    }
    // The other outcomes carry no hint: a "!" line already says what to do, and the trunk line has nothing to add.
    expect(trunkCheckWords({ turnTilt: 'trunk', notes: [] }).hint).toBeUndefined();
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-not-visible'] }).hint).toBeUndefined();
  });
});

describe('the same words in Spanish', () => {
  it('angles, training start, range of motion and shoulder check speak Spanish when asked', () => {
    expect(trainingStartWords({ rotationDeg: 30.2, tiltDeg: -12, flexionDeg: 1 }, 'es')).toBe('30° girada a la derecha y 12° inclinada a la izquierda');
    expect(measureValueWords('romRotationLeftDeg', -29.8, 'es')).toBe('no alcanzado: se quedó 30° al otro lado de la posición recta');
    expect(measureValueWords('lateralShiftCm', 1.26, 'es')).toBe('1,3 cm hacia la derecha');
    expect(angleWords('flexionDeg', -8, 'es')).toBe('8° barbilla arriba');
    expect(trunkCheckWords({ turnTilt: 'trunk', notes: [] }, 'es').text).toMatch(/respecto a su tronco/);
    expect(reasonWords('no-face', 'es')).toMatch(/^Su cara no está a la vista/);
    // Core sets this reason for a far turn, tilt or chin up/down alike (session 11): the words must not say "turned" only.
    expect(reasonWords('beyond-tracker-range')).toMatch(/turned, tilted or bent \(chin up or down\)/);
    expect(reasonWords('beyond-tracker-range', 'es')).toMatch(/girada, inclinada o flexionada \(barbilla arriba o abajo\)/);
    expect(correctionWords('chin-up', 'es')).toMatchObject({ spoken: 'Levante un poco la barbilla.', arrow: '↑' });
    expect(flexionReferenceWords('uncertain', null, 'es').short).toBe('incierto (puede desviarse varios grados)');
    expect(devicePitchWords({ kind: 'ok', elevationDeg: -7 } as Parameters<typeof devicePitchWords>[0], 'es').text).toBe('La cámara mira 7° hacia abajo. Geste corrige la flexión/extensión según esto.');
  });
  it('the English tables other screens still import are the English dictionary words', () => {
    expect(REASON_WORDS['no-face']).toBe(reasonWords('no-face'));
    expect(CORRECTION_WORDS['turn-left'].short).toBe('Turn a little to your left');
  });
  it("rebuilds core's straightest sentence in Spanish from the same numbers", () => {
    const frames: FrameMeasure[] = Array.from({ length: 30 }, (_, i) => ({ frameIndex: i, timestampMs: i * 100, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 24, tiltDeg: -3, flexionDeg: 2, lateralShiftCm: 0, shoulderElevationDeg: 0 }));
    const c = checkStraightest(frames);
    if (!c.ok) throw new Error('expected a straightest check');
    expect(straightestSentence(c, 'en')).toBe(c.sentence);
    expect(straightestSentence(c, 'es')).toBe('Su postura más recta es 24° girada a la derecha. Eso está a más de 10° de la posición recta: el entrenamiento empieza desde ahí y sus medidas siguen siendo respecto a la posición recta.');
  });
});
