/**
 * Graded biofeedback targets: from a person's straightest posture (their training start, straightest.ts)
 * toward the anatomical zero in steps (30° → 20° → 10° → 0°), rewarding progress and not cueing while the
 * person is at their current target. Pure: `gradedTargets` makes the plan, `advanceGraded` is a reducer
 * (state + one sample → new state + events); time comes in as `timestampMs`.
 *
 * Tremor and jerk tolerance as the app's zone tracker (apps/web/src/feedback/zone.ts): a cue needs the
 * head beyond target + tolerance + hysteresis for `outDelayMs` on end; coming back within the tolerance
 * ends it at once; time at target accumulates over the stage (a jerk pauses it, never resets it).
 * "At target" on an axis means no further from straight than the target on the target's side, plus the
 * tolerance: a person aiming at 20° right who reaches 12° right is at (better than) the target; 8° left
 * of straight (the other side) counts as 8° off.
 */
import { AXES, type Axis } from '../measures/types.ts';

export interface GradedParams {
  /** Largest step between targets, deg. */
  readonly stepDeg: number;
  /** An axis within this of its target (or nearer straight) is at target, deg. */
  readonly toleranceDeg: number;
  /** Extra margin beyond the tolerance before a cue, deg. */
  readonly hysteresisDeg: number;
  /** The head must stay beyond tolerance + hysteresis this long before a cue, ms. */
  readonly outDelayMs: number;
  /** While still off target, cue again after this long, ms. */
  readonly remindEveryMs: number;
  /** Time at target (accumulated over the stage) that moves on to the next target, ms. */
  readonly advanceAfterMs: number;
  /** Not measurable for longer than this → status 'unknown', ms. */
  readonly lostAfterMs: number;
  /** Gaps between samples longer than this count only this much, ms. */
  readonly maxStepMs: number;
  /** A start within this of straight on every axis gets the single target 0, deg. */
  readonly straightWithinDeg: number;
}

export const DEFAULT_GRADED: GradedParams = {
  stepDeg: 10,
  toleranceDeg: 5,
  hysteresisDeg: 3,
  outDelayMs: 1500,
  remindEveryMs: 12000,
  advanceAfterMs: 20000,
  lostAfterMs: 1000,
  maxStepMs: 250,
  straightWithinDeg: 5,
};

export interface TrainingTarget {
  readonly index: number;
  /** Target angle per axis against the anatomical zero; null = this axis is not trained (not measured, or its zero uncertain). */
  readonly anglesDeg: Readonly<Record<Axis, number | null>>;
  /** The anatomical zero itself. */
  readonly final: boolean;
}

/**
 * A step must be larger than the cue margin (tolerance + hysteresis) by this much: a person who rests at the
 * previous target is then clearly beyond the new one and is cued toward it, instead of sitting exactly on the
 * cue threshold (a 31° start in steps of 8° against a margin of 8° gave no cue at all), deg.
 */
export const STEP_OVER_CUE_MARGIN_DEG = 1;

/**
 * The plan: equal steps from the start to 0 on every trained axis together. The first target is the start
 * itself (hold what you can), the last is 0. Steps are at most `stepDeg` where that keeps every step larger
 * than the cue margin (tolerance + hysteresis + STEP_OVER_CUE_MARGIN_DEG = 9° by default); otherwise fewer,
 * larger steps. Start 30° → [30, 20, 10, 0]; 33° → [33, 22, 11, 0]; 15° → [15, 0] (rounded to whole degrees).
 */
export function gradedTargets(start: Readonly<Record<Axis, number | null>>, params: Partial<GradedParams> = {}): TrainingTarget[] {
  const p = { ...DEFAULT_GRADED, ...params };
  if (!(p.stepDeg > 0)) throw new RangeError(`stepDeg must be positive; got ${p.stepDeg}`);
  const trained = AXES.filter((a) => start[a] !== null && Number.isFinite(start[a]!));
  const zero = Object.fromEntries(AXES.map((a) => [a, trained.includes(a) ? 0 : null])) as Record<Axis, number | null>;
  const largest = Math.max(0, ...trained.map((a) => Math.abs(start[a]!)));
  if (largest <= p.straightWithinDeg) return [{ index: 0, anglesDeg: zero, final: true }];
  const smallestStepDeg = p.toleranceDeg + p.hysteresisDeg + STEP_OVER_CUE_MARGIN_DEG;
  const n = Math.max(1, Math.min(Math.ceil(largest / p.stepDeg - 1e-9), Math.floor(largest / smallestStepDeg + 1e-9)));
  const out: TrainingTarget[] = [];
  for (let k = 0; k <= n; k++) {
    const anglesDeg = Object.fromEntries(AXES.map((a) => [a, trained.includes(a) ? Math.round(start[a]! * (1 - k / n)) + 0 : null])) as Record<Axis, number | null>;
    out.push({ index: k, anglesDeg, final: k === n });
  }
  return out;
}

/** How far an axis is beyond its target, deg: 0 when at the target or nearer straight on its side. */
export function beyondTargetDeg(valueDeg: number, targetDeg: number): number {
  if (targetDeg === 0) return Math.abs(valueDeg);
  const same = Math.sign(valueDeg) === Math.sign(targetDeg) || valueDeg === 0;
  return same ? Math.max(0, Math.abs(valueDeg) - Math.abs(targetDeg)) : Math.abs(valueDeg);
}

/** Which way to move, in the person's own terms (same words as the app's zone cues). */
export type GradedCorrection = 'turn-left' | 'turn-right' | 'tilt-left' | 'tilt-right' | 'chin-up' | 'chin-down';

export interface GradedSample {
  readonly timestampMs: number;
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
}

export type GradedStatus = 'at-target' | 'off-target' | 'unknown';

export interface GradedState {
  readonly stageIndex: number;
  readonly status: GradedStatus;
  /** Time at target in the current stage, ms. */
  readonly atTargetMs: number;
  readonly completed: boolean;
  readonly lastTimestampMs: number | null;
  readonly lastMeasuredMs: number | null;
  readonly beyondSinceMs: number | null;
  readonly lastCueMs: number | null;
}

export const INITIAL_GRADED_STATE: GradedState = {
  stageIndex: 0, status: 'unknown', atTargetMs: 0, completed: false,
  lastTimestampMs: null, lastMeasuredMs: null, beyondSinceMs: null, lastCueMs: null,
};

export type GradedEvent =
  | { readonly type: 'at-target'; readonly stageIndex: number }
  | { readonly type: 'cue'; readonly axis: Axis; readonly correction: GradedCorrection; readonly beyondDeg: number; readonly reminder: boolean }
  | { readonly type: 'advanced'; readonly stageIndex: number; readonly target: TrainingTarget }
  | { readonly type: 'completed' }
  | { readonly type: 'lost' }
  | { readonly type: 'found' };

/** The worst axis against a target: how far beyond it and which way to move back. Null when nothing trained is measured. */
export function offTarget(sample: GradedSample, target: TrainingTarget): { axis: Axis; beyondDeg: number; correction: GradedCorrection } | null {
  let best: { axis: Axis; beyondDeg: number; correction: GradedCorrection } | null = null;
  const words: Record<Axis, [GradedCorrection, GradedCorrection]> = {
    rotationDeg: ['turn-left', 'turn-right'], tiltDeg: ['tilt-left', 'tilt-right'], flexionDeg: ['chin-up', 'chin-down'],
  };
  for (const a of AXES) {
    const t = target.anglesDeg[a];
    const v = sample[a];
    if (t === null || v === null || !Number.isFinite(v)) continue;
    const beyond = beyondTargetDeg(v, t);
    // Positive = toward the right / chin down, so the correction goes the other way (CLINICAL.md signs).
    const correction = words[a][v > 0 ? 0 : 1];
    if (!best || beyond > best.beyondDeg) best = { axis: a, beyondDeg: beyond, correction };
  }
  return best;
}

/** One sample → the next state and its events. Samples not later than the last are ignored. */
export function advanceGraded(
  plan: readonly TrainingTarget[],
  state: GradedState,
  sample: GradedSample,
  params: Partial<GradedParams> = {},
): { state: GradedState; events: GradedEvent[] } {
  const p = { ...DEFAULT_GRADED, ...params };
  const t = sample.timestampMs;
  if (plan.length === 0 || !Number.isFinite(t) || (state.lastTimestampMs !== null && t <= state.lastTimestampMs)) return { state, events: [] };
  const dt = state.lastTimestampMs === null ? 0 : Math.min(t - state.lastTimestampMs, p.maxStepMs);
  const events: GradedEvent[] = [];
  const target = plan[Math.min(state.stageIndex, plan.length - 1)]!;
  const off = offTarget(sample, target);
  let s: GradedState = { ...state, lastTimestampMs: t };

  if (off === null) {
    s = { ...s, beyondSinceMs: null };
    if (s.status !== 'unknown' && s.lastMeasuredMs !== null && t - s.lastMeasuredMs > p.lostAfterMs) {
      s = { ...s, status: 'unknown' };
      events.push({ type: 'lost' });
    }
    return { state: s, events };
  }
  if (s.status === 'unknown' && s.lastMeasuredMs !== null) events.push({ type: 'found' });
  s = { ...s, lastMeasuredMs: t };
  const inside = off.beyondDeg <= p.toleranceDeg;
  const beyond = off.beyondDeg > p.toleranceDeg + p.hysteresisDeg;
  s = { ...s, beyondSinceMs: beyond ? (s.beyondSinceMs ?? t) : null };
  if (inside) s = { ...s, atTargetMs: s.atTargetMs + dt };

  if (s.status === 'unknown') {
    s = { ...s, status: inside ? 'at-target' : 'off-target', lastCueMs: inside ? s.lastCueMs : null };
    if (inside) events.push({ type: 'at-target', stageIndex: s.stageIndex });
  } else if (s.status === 'at-target') {
    if (s.beyondSinceMs !== null && t - s.beyondSinceMs >= p.outDelayMs) {
      s = { ...s, status: 'off-target', lastCueMs: t };
      events.push({ type: 'cue', axis: off.axis, correction: off.correction, beyondDeg: off.beyondDeg, reminder: false });
    }
  } else if (inside) {
    s = { ...s, status: 'at-target' };
    events.push({ type: 'at-target', stageIndex: s.stageIndex });
  } else if (s.beyondSinceMs !== null && t - s.beyondSinceMs >= p.outDelayMs && (s.lastCueMs === null || t - s.lastCueMs >= p.remindEveryMs)) {
    events.push({ type: 'cue', axis: off.axis, correction: off.correction, beyondDeg: off.beyondDeg, reminder: s.lastCueMs !== null });
    s = { ...s, lastCueMs: t };
  }

  if (!s.completed && s.atTargetMs >= p.advanceAfterMs) {
    if (target.final) {
      s = { ...s, completed: true };
      events.push({ type: 'completed' });
    } else {
      const next = plan[s.stageIndex + 1]!;
      s = { ...s, stageIndex: s.stageIndex + 1, atTargetMs: 0, status: 'unknown', lastMeasuredMs: null, beyondSinceMs: null, lastCueMs: null };
      events.push({ type: 'advanced', stageIndex: next.index, target: next });
    }
  }
  return { state: s, events };
}
