import { describe, expect, it } from 'vitest';
import { EXAM_STEPS, examLengthS, stepMs, stepWords } from './steps.ts';

describe('guided exam script', () => {
  it('has the issue\'s steps in order: rest, two neutral holds, then each direction of each axis', () => {
    const marks = EXAM_STEPS.map((s) => (s.mark.kind === 'rom-sweep' ? `sweep:${s.mark.axis}` : s.mark.kind)).filter((m) => m !== 'none');
    expect(marks).toEqual(['rest', 'hold-neutral', 'hold-neutral', 'sweep:rotationDeg', 'sweep:rotationDeg', 'sweep:tiltDeg', 'sweep:tiltDeg', 'sweep:flexionDeg', 'sweep:flexionDeg']);
    expect(EXAM_STEPS.find((s) => s.id === 'rest')?.durationS).toBe(30);
    expect(EXAM_STEPS.filter((s) => s.mark.kind === 'hold-neutral').every((s) => s.durationS === 60 && s.endsWhenHoldEnds)).toBe(true);
  });

  it('gives every step a spoken instruction and on-screen words, with unique ids', () => {
    for (const s of EXAM_STEPS) {
      expect(s.say.length).toBeGreaterThan(5);
      expect(s.title.length).toBeGreaterThan(3);
    }
    expect(new Set(EXAM_STEPS.map((s) => s.id)).size).toBe(EXAM_STEPS.length);
  });

  it('speaks and shows every step in Spanish too, not English copied', () => {
    for (const s of EXAM_STEPS) {
      const es = stepWords(s, 'es');
      expect(stepWords(s, 'en')).toEqual({ title: s.title, say: s.say });
      expect(es.title, s.id).not.toBe(s.title);
      expect(es.say, s.id).not.toBe(s.say);
    }
    expect(stepWords(EXAM_STEPS.find((s) => s.id === 'tilt-right')!, 'es').title).toBe('Incline la oreja derecha hacia el hombro derecho');
  });

  it('shortens steps with the time scale but never below their minimum, and never lengthens them', () => {
    for (const s of EXAM_STEPS) {
      expect(stepMs(s, 1)).toBe(s.durationS * 1000);
      expect(stepMs(s, 5)).toBe(s.durationS * 1000);
      expect(stepMs(s, 0.01)).toBe(s.minS * 1000);
    }
    expect(examLengthS(1)).toBeGreaterThan(200);
    expect(examLengthS(0.1)).toBeLessThan(60);
  });
});
