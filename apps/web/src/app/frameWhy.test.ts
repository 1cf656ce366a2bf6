/** Session 12: the app says which movement went beyond the tracker's range and why a frame has lower confidence, in
 * English and Spanish, with no codes; the exam's stored numbers give the shares per movement with registry labels. */
import { describe, expect, it } from 'vitest';
import { measureLabel, type FrameMeasure, type RangeDirection } from '@geste/core';
import { frameWhyWords } from './words.ts';
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
