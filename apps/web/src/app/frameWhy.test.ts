/** Session 12: the app says which movement went beyond the tracker's range and why a frame has lower confidence, in
 * English and Spanish, with no codes; the exam's stored numbers give the shares per movement with registry labels. */
import { describe, expect, it } from 'vitest';
import { measureLabel, type FrameMeasure, type RangeDirection } from '@geste/core';
import { AnatomicalEstimator, syntheticFace } from '@geste/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { frameWhyWords, notMeasuredReferenceWords } from './words.ts';
import { ReferenceView } from '../components/Status.tsx';
import { referenceOf } from '../measure/reference.ts';
import { analyzeExam } from '../exam/analyze.ts';
import { formatMeasure } from '@geste/core';

const base: FrameMeasure = { frameIndex: 0, timestampMs: 0, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 1, tiltDeg: 0, flexionDeg: 2, lateralShiftCm: null, shoulderElevationDeg: null };
const beyond = (i: number, axes: RangeDirection[]): FrameMeasure => ({ ...base, frameIndex: i, timestampMs: i * 40, state: 'not-measurable', reasons: ['beyond-tracker-range', 'no-shoulders'], confidence: 0, method: 'none', rotationDeg: null, tiltDeg: null, flexionDeg: null, beyondRangeAxes: axes });

describe('why a frame is not measured or doubted, in words', () => {
  it('names the movement beyond the range, in English and Spanish, and leaves the shoulders out', () => {
    expect(frameWhyWords(beyond(0, ['chin-down'])).map((w) => w.words)).toEqual(['Your chin is down further than the camera can measure reliably.']);
    expect(frameWhyWords(beyond(0, ['turn', 'tilt']), 'es').map((w) => w.words)).toEqual([
      'Su cabeza está girada más de lo que la cámara puede medir con fiabilidad.',
      'Su cabeza está inclinada (oreja hacia el hombro) más de lo que la cámara puede medir con fiabilidad.',
    ]);
    // A frame saved before session 12 names no movement: the words for any movement.
    const { beyondRangeAxes: _a, ...old } = beyond(0, ['turn']);
    expect(frameWhyWords(old)[0]!.words).toMatch(/turned, tilted or bent \(chin up or down\)/);
  });
  it('a low-confidence frame says why', () => {
    const low: FrameMeasure = { ...base, state: 'low-confidence', reasons: ['no-shoulders'], confidence: 0.49, doubts: ['turn-with-tilt-or-bend', 'fast-bend'] };
    const en = frameWhyWords(low).map((w) => w.words);
    expect(en).toEqual([
      'Your head is turned and at the same time tilted or bent: tilt and chin up or down are less sure then.',
      'A fast chin movement (up or down): the camera may lag behind or overshoot.',
    ]);
    const es = frameWhyWords(low, 'es').map((w) => w.words);
    expect(es[0]).toMatch(/^Su cabeza está girada y a la vez inclinada o flexionada/);
    for (const w of [...en, ...es]) expect(w).not.toMatch(/[a-z]+-[a-z]+-[a-z]+|beyond-tracker|m\.doubt|m\.beyond/);
  });
  it('the exam stores the share of frames per movement beyond the range, labelled in words', () => {
    const frames: FrameMeasure[] = Array.from({ length: 100 }, (_, i) => {
      const f = { ...base, frameIndex: i, timestampMs: i * 40 };
      if (i < 12) return beyond(i, ['chin-down']);
      if (i < 15) return beyond(i, ['turn']);
      if (i < 20) return { ...f, state: 'low-confidence', confidence: 0.49, doubts: ['range-edge-chin-down'] };
      return f;
    });
    const { measures } = analyzeExam(frames, [], 'anatomical');
    expect(measures).toMatchObject({ beyondRangeChinDownPct: 12, beyondRangeTurnPct: 3, lowConfidencePct: 5 });
    expect(measures['beyondRangeTiltPct']).toBeUndefined();
    expect(`${measureLabel('beyondRangeChinDownPct', 'en')}: ${formatMeasure('beyondRangeChinDownPct', 12)}`).toBe('Chin down further than the camera measures reliably (share of frames): 12 %');
    expect(measureLabel('beyondRangeTurnPct', 'es')).toBe('Cabeza girada más de lo que la cámara mide con fiabilidad (proporción de fotogramas)');
  });
});

describe('the live reference note on a frame that is not measured', () => {
  // Real frames from core: no face in view, then two faces.
  const e = new AnatomicalEstimator();
  const frame = (i: number, faces: number): FrameMeasure => e.measure({
    frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480, bodies: [], hands: [],
    faces: Array.from({ length: faces }, (_, k) => syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }, noisePx: 0.2, seed: i + k + 1 })),
  });
  const note = (m: FrameMeasure, lang: 'en' | 'es'): string => {
    const html = renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(m), detail: true, zeros: null, lang, notMeasured: notMeasuredReferenceWords(m, lang) }));
    return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };

  it('says once why, in English and Spanish, instead of "not measurable" per axis', () => {
    const noFace = frame(0, 0);
    expect(noFace.state).toBe('not-measurable');
    expect(note(noFace, 'en')).toBe('Nothing is measured right now: your face is not in view.');
    expect(note(noFace, 'es')).toBe('Ahora no se mide nada: su cara no está a la vista.');
    const two = frame(1, 2);
    expect(two.reasons).toContain('multiple-faces');
    expect(note(two, 'en')).toBe('Nothing is measured right now: more than one face is in view.');
    expect(note(two, 'es')).toBe('Ahora no se mide nada: hay más de una cara a la vista.');
    for (const m of [noFace, two]) for (const lang of ['en', 'es'] as const) expect(note(m, lang)).not.toMatch(/not measurable|no medible/);
  });

  it('beyond the range: names the movement', () => {
    const m = { ...frame(2, 0), reasons: ['beyond-tracker-range', 'no-shoulders'], beyondRangeAxes: ['chin-down'] } as FrameMeasure;
    expect(notMeasuredReferenceWords(m)).toBe('Nothing is measured right now: your chin is down further than the camera can measure reliably.');
    expect(notMeasuredReferenceWords(m, 'es')).toBe('Ahora no se mide nada: su barbilla está más abajo de lo que la cámara puede medir con fiabilidad.');
  });

  it('keeps the space of the last measured note (min-height), and a measured frame reads as before', () => {
    const html = renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(frame(3, 0)), detail: true, zeros: null, lang: 'en', notMeasured: 'x', minHeightPx: 96 }));
    expect(html).toContain('min-height:96px');
    const measured = frame(4, 1);
    expect(measured.state).not.toBe('not-measurable');
    const text = renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(measured), detail: true, zeros: null, lang: 'en', notMeasured: null }));
    expect(text).toMatch(/Turn and tilt: /);
  });
});
