// A guided exercise set: the exercise's tracking turned into a RepCounter or HoldTimer for one person
// (direction resolved from their pull), fed frame by frame, and summarised at the end.
import type { FrameMeasure } from '../measures/types.ts';
import { resolveDirection, type ResolvedDirection } from './direction.ts';
import { HoldTimer, type HoldEvent, type HoldSummary } from './holdTimer.ts';
import { RepCounter, type RepEvent, type RepSummary } from './repCounter.ts';
import type { Exercise } from './schema.ts';

export type SetTracker =
  | { readonly kind: 'reps'; readonly direction: ResolvedDirection; readonly counter: RepCounter }
  | { readonly kind: 'hold'; readonly direction: ResolvedDirection; readonly timer: HoldTimer }
  | { readonly kind: 'paced' };

/** Builds the tracker for one set. `pullSign` is the person's pull on the exercise axis (null = unknown). */
export function trackerFor(ex: Exercise, pullSign: 1 | -1 | null): SetTracker {
  const tr = ex.tracking;
  if (tr.kind === 'paced') return { kind: 'paced' };
  const direction = resolveDirection(tr.direction, pullSign);
  if (tr.kind === 'reps') {
    return { kind: 'reps', direction, counter: new RepCounter({ axis: tr.axis, direction, targetDeg: tr.targetDeg, returnDeg: tr.returnDeg, dwellMs: tr.dwellMs }) };
  }
  const posture = tr.posture === 'target' ? ({ kind: 'target', axis: tr.axis, direction, targetDeg: tr.targetDeg, toleranceDeg: tr.toleranceDeg } as const) : ({ kind: 'neutral', axis: tr.axis, toleranceDeg: tr.toleranceDeg } as const);
  return { kind: 'hold', direction, timer: new HoldTimer({ posture, holdMs: tr.holdMs }) };
}

export function pushFrame(t: SetTracker, f: FrameMeasure): Array<RepEvent | HoldEvent> {
  if (t.kind === 'reps') return t.counter.push(f);
  if (t.kind === 'hold') return t.timer.push(f);
  return [];
}

export interface SetSummary {
  readonly exerciseId: string;
  readonly kind: 'reps' | 'hold' | 'paced';
  readonly target: number;
  /** Reps counted, or holds completed. */
  readonly done: number;
  readonly reps?: RepSummary;
  readonly holds?: HoldSummary;
  /** Share of the target done, 0..1 (paced sessions: 1 when finished). */
  readonly completion: number;
}

export function summariseSet(ex: Exercise, t: SetTracker, pacedFinished = true): SetSummary {
  const tr = ex.tracking;
  if (t.kind === 'reps' && tr.kind === 'reps') {
    const s = t.counter.summary();
    return { exerciseId: ex.id, kind: 'reps', target: tr.reps, done: s.reps, reps: s, completion: Math.min(1, s.reps / tr.reps) };
  }
  if (t.kind === 'hold' && tr.kind === 'hold') {
    t.timer.finish();
    const s = t.timer.summary();
    return { exerciseId: ex.id, kind: 'hold', target: tr.reps, done: s.completeHolds, holds: s, completion: Math.min(1, s.completeHolds / tr.reps) };
  }
  return { exerciseId: ex.id, kind: 'paced', target: tr.kind === 'paced' ? tr.cycles : 1, done: pacedFinished ? (tr.kind === 'paced' ? tr.cycles : 1) : 0, completion: pacedFinished ? 1 : 0 };
}
