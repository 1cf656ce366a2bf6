/** Words for the exercise screens (one place), and helpers that turn results into saved measures. */
import type { Exercise, SetSummary } from '@geste/core';
import type { I18n } from '../i18n/i18n.tsx';

/** The exercise's target in words ("8 reps, each to 30° and back"), in the person's language. */
export function targetWords(ex: Exercise, t: I18n['t']): string {
  const tr = ex.tracking;
  if (tr.kind === 'reps') return t('ex.target.reps', { reps: tr.reps, deg: tr.targetDeg });
  if (tr.kind === 'hold') return t(tr.posture === 'target' ? 'ex.target.holdAt' : 'ex.target.holdMiddle', { reps: tr.reps, s: Math.round(tr.holdMs / 1000), deg: tr.targetDeg });
  return t('ex.target.paced', { n: tr.cycles });
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
