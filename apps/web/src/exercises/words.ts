/** Words for the exercise screens (one place), and helpers that turn results into saved measures. */
import type { Exercise, ExerciseCategory, SetSummary } from '@geste/core';
import { EXERCISE_SAFETY_LINE } from '@geste/core';

export const CATEGORY_WORDS: Record<ExerciseCategory, string> = {
  stretch: 'Stretch',
  strengthen: 'Strengthening',
  'range-of-motion': 'Range of motion',
  posture: 'Posture',
  relaxation: 'Relaxation and breathing',
};

export const PHYSIO_LINE = `These are the kinds of exercises a physiotherapist may give. Geste guides and counts them; it does not choose them for you. ${EXERCISE_SAFETY_LINE}`;

export function targetWords(ex: Exercise): string {
  const t = ex.tracking;
  if (t.kind === 'reps') return `${t.reps} reps, each to ${t.targetDeg}° and back`;
  if (t.kind === 'hold') return `${t.reps} holds of ${Math.round(t.holdMs / 1000)} s${t.posture === 'target' ? ` at ${t.targetDeg}°` : ' in the middle'}`;
  return `${t.cycles} slow breaths`;
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Measures saved with an exercise session (SessionRecord.measures: numbers or null only). */
export function setMeasures(s: SetSummary, manualHolds: number): Record<string, number | null> {
  const m: Record<string, number | null> = { target: s.target, done: s.done + manualHolds, completionPct: r1(100 * Math.min(1, (s.done + manualHolds) / s.target)) };
  if (s.reps) {
    m['reps'] = s.reps.reps;
    m['manualReps'] = s.reps.manualReps;
    m['incomplete'] = s.reps.incomplete;
    m['bestDeg'] = s.reps.bestDeg === null ? null : r1(s.reps.bestDeg);
  }
  if (s.holds) {
    m['holdsComplete'] = s.holds.completeHolds;
    m['manualHolds'] = manualHolds;
    m['longestHoldS'] = r1(s.holds.longestMs / 1000);
    m['totalHeldS'] = r1(s.holds.totalHeldMs / 1000);
    m['bestDeg'] = s.holds.bestDeg === null ? null : r1(s.holds.bestDeg);
  }
  return m;
}
