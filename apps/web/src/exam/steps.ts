/**
 * The guided exam script: rest, two attempts to hold neutral (up to 60 s each), then turning, tilting
 * and chin down/up each way as far as is comfortable. Each step has its spoken instruction, its
 * on-screen words and the exam phase it marks for core scoring. The words come from the i18n layer
 * (`m.step.<id>.*` in i18n/areas/measure.*.ts); `title`/`say` are the English ones, `stepWords` any language.
 */
import type { Axis } from '@geste/core';
import { translate } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';

export type StepMark = { kind: 'rest' } | { kind: 'hold-neutral' } | { kind: 'rom-sweep'; axis: Axis } | { kind: 'none' };

export interface ExamStep {
  readonly id: string;
  readonly title: string;
  readonly say: string;
  /** Full length, s. */
  readonly durationS: number;
  /** Shortest length when the exam is shortened for a try-out or a test, s. */
  readonly minS: number;
  readonly mark: StepMark;
  /** Hold steps end early once the head has left the 10° zone for good (core holdAttempt decides). */
  readonly endsWhenHoldEnds?: boolean;
}

type WordsId = 'intro' | 'rest' | 'hold-1' | 'relax-1' | 'hold-2' | 'relax-2' | 'back' | 'turn-right' | 'turn-left' | 'tilt-right' | 'tilt-left' | 'chin-down' | 'chin-up';

const wordsId = (id: string): WordsId => (id.endsWith('-back') ? 'back' : (id as WordsId));

/** A step's on-screen title and spoken instruction in a language. */
export function stepWords(step: ExamStep, lang: Lang): { title: string; say: string } {
  const w = wordsId(step.id);
  return { title: translate(lang, `m.step.${w}.title`), say: translate(lang, `m.step.${w}.say`) };
}

type StepTiming = Omit<ExamStep, 'title' | 'say'> & { readonly id: WordsId | `${WordsId}-back` };
const withWords = (s: StepTiming): ExamStep => ({ ...s, title: translate('en', `m.step.${wordsId(s.id)}.title`), say: translate('en', `m.step.${wordsId(s.id)}.say`) });

const sweep = (id: WordsId, axis: Axis): StepTiming[] => [
  { id, durationS: 6, minS: 2, mark: { kind: 'rom-sweep', axis } },
  { id: `${id}-back`, durationS: 3, minS: 1, mark: { kind: 'none' } },
];

export const EXAM_STEPS: readonly ExamStep[] = (
  [
    { id: 'intro', durationS: 6, minS: 2, mark: { kind: 'none' } },
    { id: 'rest', durationS: 30, minS: 8, mark: { kind: 'rest' } },
    { id: 'hold-1', durationS: 60, minS: 5, mark: { kind: 'hold-neutral' }, endsWhenHoldEnds: true },
    { id: 'relax-1', durationS: 10, minS: 2, mark: { kind: 'none' } },
    { id: 'hold-2', durationS: 60, minS: 5, mark: { kind: 'hold-neutral' }, endsWhenHoldEnds: true },
    { id: 'relax-2', durationS: 5, minS: 1.5, mark: { kind: 'none' } },
    ...sweep('turn-right', 'rotationDeg'),
    ...sweep('turn-left', 'rotationDeg'),
    ...sweep('tilt-right', 'tiltDeg'),
    ...sweep('tilt-left', 'tiltDeg'),
    ...sweep('chin-down', 'flexionDeg'),
    ...sweep('chin-up', 'flexionDeg'),
  ] satisfies StepTiming[]
).map(withWords);

/** Step length in ms for a time scale (1 = the real exam; <1 only for try-outs/tests, never below minS). */
export function stepMs(step: ExamStep, scale: number): number {
  return Math.max(step.minS, step.durationS * Math.min(1, Math.max(0, scale))) * 1000;
}

export function examLengthS(scale: number): number {
  return EXAM_STEPS.reduce((s, st) => s + stepMs(st, scale) / 1000, 0);
}
