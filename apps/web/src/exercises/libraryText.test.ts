import { describe, expect, it } from 'vitest';
import { ALL_TRICKS, EXERCISES, EXERCISE_SAFETY_LINE, trickWords } from '@geste/core';
import { EXERCISES_ES, exerciseText, trickText } from './libraryText.ts';

describe('exercise library in Spanish: parity with core', () => {
  it('every exercise in core has a complete Spanish entry, and no entry is left over', () => {
    expect(Object.keys(EXERCISES_ES).sort()).toEqual(EXERCISES.map((e) => e.id).sort());
    for (const ex of EXERCISES) {
      const es = EXERCISES_ES[ex.id]!;
      expect(es.steps, ex.id).toHaveLength(ex.steps.length);
      for (const s of [es.title, es.summary, ...es.steps, es.cues.start, es.cues.further, es.cues.back, es.cues.done]) expect(s.trim(), ex.id).not.toBe('');
      // Translated, not copied.
      expect(es.title, ex.id).not.toBe(ex.title);
      expect(es.summary, ex.id).not.toBe(ex.summary);
      es.steps.forEach((s, i) => expect(s, `${ex.id} step ${i + 1}`).not.toBe(ex.steps[i]));
      for (const k of ['start', 'further', 'back', 'done'] as const) expect(es.cues[k], `${ex.id} cue ${k}`).not.toBe(ex.cues[k]);
    }
  });
  it('the one Spanish safety line stands for core’s one safety line (a new, different line needs its own translation)', () => {
    for (const ex of EXERCISES) {
      expect(ex.safety, ex.id).toBe(EXERCISES[0]!.safety);
      expect(ex.safety.endsWith(EXERCISE_SAFETY_LINE)).toBe(true);
    }
    expect(exerciseText(EXERCISES[0]!, 'es').safety).toMatch(/^Un fisioterapeuta .* Pare si le duele/);
  });
  it('English is core’s own text', () => {
    const ex = EXERCISES[0]!;
    expect(exerciseText(ex, 'en')).toEqual({ title: ex.title, summary: ex.summary, steps: ex.steps, cues: ex.cues, safety: ex.safety });
  });
  it('tricks: English as core says them; Spanish for every place/side/contact; own tricks keep their words', () => {
    for (const t of ALL_TRICKS) {
      expect(trickText(t, 'en')).toBe(trickWords(t));
      expect(trickText(t, 'es')).toMatch(/^(Toque ligero en|Mano cerca de) la (barbilla|mejilla|nuca), del (mismo lado del|lado contrario al) tirón$/);
    }
    expect(trickText({ place: 'cheek', side: 'same', contact: 'touch', name: 'Dedo en la ceja' }, 'en')).toBe('Dedo en la ceja');
  });
});
