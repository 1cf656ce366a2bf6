/** Session 12: the app says which movement went beyond the tracker's range and why a frame has lower confidence, in
 * English and Spanish, with no codes; the exam's stored numbers give the shares per movement with registry labels. */
import { describe, expect, it } from 'vitest';
import { measureLabel, type FrameMeasure, type RangeDirection } from '@geste/core';
import { AnatomicalEstimator, syntheticFace } from '@geste/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { frameWhyWords } from './words.ts';
import { MeasureStatusView, ReferenceView } from '../components/Status.tsx';
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
  const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const note = (m: FrameMeasure, lang: 'en' | 'es'): string =>
    text(renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(m), detail: true, zeros: null, lang, notMeasured: true })));
  // The live view as it reads on such a frame: the note, then the measurement status below it.
  const liveView = (m: FrameMeasure, lang: 'en' | 'es'): string =>
    `${note(m, lang)} ${text(renderToStaticMarkup(createElement(MeasureStatusView, { measure: m, lang })))}`;
  const count = (hay: string, needle: string): number => hay.split(needle).length - 1;

  it('says "nothing is measured" and why once, in English and Spanish: the why is the status line\'s, not repeated in the note', () => {
    const noFace = frame(0, 0);
    expect(noFace.state).toBe('not-measurable');
    const two = frame(1, 2);
    expect(two.reasons).toContain('multiple-faces');
    expect(note(noFace, 'en')).toBe('Nothing is measured right now.');
    expect(note(noFace, 'es')).toBe('Ahora no se mide nada.');
    expect(liveView(noFace, 'en')).toBe('Nothing is measured right now. ? Not measurable Your face is not in view. Move so the camera can see your face.');
    expect(liveView(two, 'es')).toBe('Ahora no se mide nada. ? No medible Hay más de una cara a la vista. Geste mide a una sola persona: pida a los demás que se aparten.');
    for (const m of [noFace, two]) {
      for (const lang of ['en', 'es'] as const) {
        const view = liveView(m, lang).toLowerCase();
        for (const w of frameWhyWords(m, lang)) {
          const first = /^.*?[.!?:](?=\s|$)/.exec(w.words)![0].toLowerCase().replace(/[.!?:]$/, '');
          expect(count(view, first)).toBe(1);
        }
      }
    }
  });

  it('beyond the range: the status names the movement, once', () => {
    const m = { ...frame(2, 0), reasons: ['beyond-tracker-range', 'no-shoulders'], beyondRangeAxes: ['chin-down'] } as FrameMeasure;
    expect(liveView(m, 'en')).toBe('Nothing is measured right now. ? Not measurable Your chin is down further than the camera can measure reliably.');
    expect(count(liveView(m, 'es'), 'barbilla está más abajo')).toBe(1);
  });

  it('keeps the space of the last measured note (min-height), and a measured frame reads as before, its notes behind "Why?"', () => {
    const html = renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(frame(3, 0)), detail: true, zeros: null, lang: 'en', notMeasured: true, minHeightPx: 96 }));
    expect(html).toContain('min-height:96px');
    const measured = frame(4, 1);
    expect(measured.state).not.toBe('not-measurable');
    const view = renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(measured), detail: true, zeros: null, lang: 'en' }));
    expect(view).toMatch(/Turn and tilt: /);
    expect(referenceOf(measured).notes.length).toBeGreaterThan(0);
    expect(view).toMatch(/<details class="reference-more" data-testid="reference-why"><summary>Why\?<\/summary><ul class="reference-why">/);
    expect(renderToStaticMarkup(createElement(ReferenceView, { reference: referenceOf(measured), detail: true, zeros: null, lang: 'es', whyOpen: true }))).toMatch(/<details class="reference-more" data-testid="reference-why" open=""><summary>¿Por qué\?<\/summary>/);
  });
});
