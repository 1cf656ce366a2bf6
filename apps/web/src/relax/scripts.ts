/**
 * Relaxation sessions as timed scripts (pure data + a pure timeline): paced breathing patterns and a
 * short progressive muscle relaxation (tense about 5 s, let go about 10 s, group by group — after
 * Jacobson's method as shortened in common clinical practice). Geste guides; it does not treat.
 */
import type { Key } from '../i18n/i18n.tsx';

export type Cue = 'in' | 'hold' | 'out' | 'tense' | 'release' | 'rest';

export interface ScriptStep {
  readonly cue: Cue;
  readonly ms: number;
  /** What is said and shown for this step. */
  readonly say: Key;
}

export interface RelaxScript {
  readonly id: string;
  readonly title: Key;
  readonly summary: Key;
  readonly steps: readonly ScriptStep[];
}

function breathing(id: string, title: Key, summary: Key, inMs: number, holdMs: number, outMs: number, holdOutMs: number, cycles: number): RelaxScript {
  const steps: ScriptStep[] = [];
  for (let i = 0; i < cycles; i++) {
    steps.push({ cue: 'in', ms: inMs, say: 'relax.in' });
    if (holdMs > 0) steps.push({ cue: 'hold', ms: holdMs, say: 'relax.hold' });
    steps.push({ cue: 'out', ms: outMs, say: 'relax.out' });
    if (holdOutMs > 0) steps.push({ cue: 'hold', ms: holdOutMs, say: 'relax.hold' });
  }
  return { id, title, summary, steps };
}

const PMR_GROUPS: readonly Key[] = ['relax.pmr.hands', 'relax.pmr.arms', 'relax.pmr.shoulders', 'relax.pmr.face', 'relax.pmr.jaw', 'relax.pmr.back', 'relax.pmr.legs', 'relax.pmr.feet'];

export const RELAX_SCRIPTS: readonly RelaxScript[] = [
  breathing('slow-4-6', 'relax.slow.title', 'relax.slow.summary', 4000, 0, 6000, 0, 12),
  breathing('box-4', 'relax.box.title', 'relax.box.summary', 4000, 4000, 4000, 4000, 8),
  {
    id: 'progressive',
    title: 'relax.pmr.title',
    summary: 'relax.pmr.summary',
    steps: PMR_GROUPS.flatMap((g): ScriptStep[] => [
      { cue: 'tense', ms: 5000, say: g },
      { cue: 'release', ms: 10_000, say: 'relax.release' },
    ]),
  },
];

export function totalMs(s: RelaxScript): number {
  return s.steps.reduce((t, x) => t + x.ms, 0);
}

/** The step at `elapsedMs` (null once finished), with its index and the time left in it. */
export function stepAt(s: RelaxScript, elapsedMs: number): { index: number; step: ScriptStep; leftMs: number } | null {
  if (!(elapsedMs >= 0)) return s.steps[0] ? { index: 0, step: s.steps[0], leftMs: s.steps[0].ms } : null;
  let t = 0;
  for (const [index, step] of s.steps.entries()) {
    if (elapsedMs < t + step.ms) return { index, step, leftMs: t + step.ms - elapsedMs };
    t += step.ms;
  }
  return null;
}
