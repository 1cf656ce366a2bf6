/**
 * Where graded training starts (issue 12): a clinician's training target from the program feature
 * (`Program.trainingTarget`, set in the clinician view) takes precedence over the person's own straightest
 * posture (`TrainingStart`, straightest.ts); with neither, there is no graded start (plain training around
 * straight). Pure.
 *
 * Axes whose zero this device cannot give with confidence are not trained, whoever set the target: when the
 * person's own straightest was measured, its null axes (not measured, or zero uncertain) stay null; without
 * one, flexion is not trained (chin up/down has no confident zero until a camera pitch and a face zero are
 * known, docs/anatomical-zero.md).
 */
import type { Program } from '../exercises/program.ts';
import { AXES, type Axis } from '../measures/types.ts';
import type { TrainingStart } from './straightest.ts';

export interface GradedStart {
  /** Start angles per axis against the anatomical zero; null = the axis is not trained. */
  readonly anglesDeg: Readonly<Record<Axis, number | null>>;
  /** Who set it: the clinician's program, or the person's own straightest posture. */
  readonly source: 'clinician' | 'own-straightest';
}

export function chooseGradedStart(own: TrainingStart | null, program: Program | null): GradedStart | null {
  const target = program && program.author === 'clinician' ? program.trainingTarget : undefined;
  if (target) {
    const anglesDeg = Object.fromEntries(
      AXES.map((a) => {
        const v = target[a];
        const usable = own ? own.anglesDeg[a] !== null : a !== 'flexionDeg';
        return [a, v !== null && usable ? v : null];
      }),
    ) as Record<Axis, number | null>;
    if (AXES.some((a) => anglesDeg[a] !== null)) return { anglesDeg, source: 'clinician' };
  }
  return own ? { anglesDeg: own.anglesDeg, source: 'own-straightest' } : null;
}
