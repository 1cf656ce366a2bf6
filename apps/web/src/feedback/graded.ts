/**
 * Graded biofeedback: training goes step by step from the person's straightest comfortable posture toward
 * the anatomical zero (for example 30° → 20° → 10°). Pure and clock-free, on top of ZoneTracker: each
 * step is a zone with per-axis limits, so the delay, hysteresis and reminders that make training
 * tolerant of tremor and jerks stay exactly as in plain training.
 *
 * - Cues come only when the head stays beyond the *current* step's zone (never toward a zero the person
 *   cannot reach yet); at the current target the cueing stops.
 * - Progress: once the head has been inside the current step's zone for `advanceAfterMs` in total during
 *   that step (time in the plain zone, so a tremor crossing the edge does not restart it) and the shown
 *   state is 'in', the step is reached — a reward event — and the next, narrower step begins. The last
 *   step is the plain zone around the anatomical zero; reaching it is rewarded and training stays there.
 * The steps themselves (where to start, how far each step goes) come from core (see reference.ts).
 */
import type { Axis } from '@geste/core';
import { DEFAULT_ZONE, ZoneTracker, zoneLimits } from './zone.ts';
import type { ZoneEvent, ZoneParams, ZoneSample, ZoneState, ZoneStats } from './zone.ts';

/** One training step: the largest angle from the anatomical zero allowed on each axis, degrees. */
export interface GradedStep {
  readonly limitsDeg: Readonly<Record<Axis, number>>;
}

/** Time inside the current step's zone that reaches the step, ms. */
export const ADVANCE_AFTER_MS = 10_000;

export type GradedEvent =
  | ZoneEvent
  /** The step `reached` (0-based) was held; `next` is the new step's index, or null when it was the last. */
  | { readonly type: 'step-reached'; readonly reached: number; readonly next: number | null };

export interface GradedOptions {
  readonly zone?: ZoneParams;
  readonly advanceAfterMs?: number;
}

export class GradedTrainer {
  readonly tracker: ZoneTracker;
  private readonly steps: readonly GradedStep[];
  private readonly advanceAfterMs: number;
  private index = 0;
  private stepStartInZoneMs = 0;
  private finalReached = false;
  private stepsReachedCount = 0;

  /** `steps` from the widest to the last (the plain zone); an empty list trains the plain zone only. */
  constructor(steps: readonly GradedStep[], opts: GradedOptions = {}) {
    const zone = opts.zone ?? DEFAULT_ZONE;
    this.steps = steps.length > 0 ? steps : [{ limitsDeg: zoneLimits(zone) }];
    this.advanceAfterMs = opts.advanceAfterMs ?? ADVANCE_AFTER_MS;
    if (!(this.advanceAfterMs > 0)) throw new RangeError(`advanceAfterMs must be positive, got ${this.advanceAfterMs}`);
    this.tracker = new ZoneTracker({ ...zone, limitsDeg: this.steps[0]!.limitsDeg });
  }

  get stepIndex(): number {
    return this.index;
  }
  get stepCount(): number {
    return this.steps.length;
  }
  get current(): GradedStep {
    return this.steps[this.index]!;
  }
  get allSteps(): readonly GradedStep[] {
    return this.steps;
  }
  /** Steps reached so far in this session (the last counts once). */
  get stepsReached(): number {
    return this.stepsReachedCount;
  }
  get state(): ZoneState {
    return this.tracker.state;
  }
  get stats(): ZoneStats {
    return this.tracker.stats;
  }
  /** Time inside the current step's zone during this step, ms. */
  get inStepMs(): number {
    return this.tracker.stats.inZoneMs - this.stepStartInZoneMs;
  }

  update(sample: ZoneSample): GradedEvent[] {
    const events: GradedEvent[] = this.tracker.update(sample);
    if (this.finalReached || this.tracker.state !== 'in' || this.inStepMs < this.advanceAfterMs) return events;
    const reached = this.index;
    this.stepsReachedCount++;
    if (this.index + 1 < this.steps.length) {
      this.index++;
      this.tracker.setLimits(this.steps[this.index]!.limitsDeg);
      this.stepStartInZoneMs = this.tracker.stats.inZoneMs;
      events.push({ type: 'step-reached', reached, next: this.index });
    } else {
      this.finalReached = true;
      events.push({ type: 'step-reached', reached, next: null });
    }
    return events;
  }
}
