/**
 * A graded training session: core's plan (`gradedTargets`: from the straightest posture toward the
 * anatomical zero, e.g. 30° → 20° → 10° → 0°) and core's reducer (`advanceGraded`: at target / off target
 * with tolerance, delay and hysteresis, cues, stage advance) — plus the session bookkeeping the training
 * screen shows and stores (time at target, holds, cues, corrections, stages reached), in the same shape as
 * the plain zone's statistics (zone.ts), so a session is summarised the same way in both modes.
 * Time at target and time measured are core's one definition (`NeutralTimeAccumulator`, as ZoneTracker and
 * the recording summaries): each sample, re-expressed as how far beyond the current target each trained axis
 * is, stands for the time until the next one (at most `maxStepMs`); "at target" = every trained axis within
 * the tolerance. Pure and clock-free: time comes in as `timestampMs`.
 */
import { AXES, DEFAULT_GRADED, INITIAL_GRADED_STATE, NeutralTimeAccumulator, advanceGraded, beyondTargetDeg, gradedTargets, offTarget } from '@geste/core';
import type { Axis, FrameMeasure, GradedCorrection, GradedEvent, GradedParams, GradedState, NeutralZoneState, TrainingTarget, ZoneTime } from '@geste/core';
import type { ZoneSample, ZoneState, ZoneStats } from './zone.ts';

/** A sample for the session: angles, and (from a live measure) its state and per-axis reference. */
export type GradedSessionSample = ZoneSample & { readonly state?: FrameMeasure['state']; readonly reference?: FrameMeasure['reference'] };

export type { GradedEvent, TrainingTarget };

export class GradedSession {
  readonly plan: readonly TrainingTarget[];
  readonly params: GradedParams;
  private st: GradedState = INITIAL_GRADED_STATE;
  private lastTs: number | null = null;
  private s = { longestHoldMs: 0, currentHoldMs: 0, cues: 0, corrections: 0 };
  private readonly time: NeutralTimeAccumulator;
  private prevZone: NeutralZoneState | null = null;
  private reached = 0;
  private lastCorrection: GradedCorrection | null = null;
  private lastBeyondDeg: number | null = null;

  /** `start`: the training start's angles against the anatomical zero (core TrainingStart.anglesDeg). */
  constructor(start: Readonly<Record<Axis, number | null>>, params: Partial<GradedParams> = {}) {
    this.params = { ...DEFAULT_GRADED, ...params };
    this.plan = gradedTargets(start, this.params);
    const trained = AXES.filter((a) => this.plan[0]!.anglesDeg[a] !== null);
    this.time = new NeutralTimeAccumulator({ zoneDeg: this.params.toleranceDeg, maxHoldMs: this.params.maxStepMs }, trained);
  }

  get stageIndex(): number {
    return Math.min(this.st.stageIndex, this.plan.length - 1);
  }
  get target(): TrainingTarget {
    return this.plan[this.stageIndex]!;
  }
  get completed(): boolean {
    return this.st.completed;
  }
  /** Stages held long enough so far (the last one counts when completed). */
  get stagesReached(): number {
    return this.reached;
  }
  /** Time at target in the current stage, ms (core's count; a jerk pauses it, never resets it). */
  get atTargetMs(): number {
    return this.st.atTargetMs;
  }
  get state(): ZoneState {
    return this.st.status === 'at-target' ? 'in' : this.st.status === 'off-target' ? 'out' : 'unknown';
  }
  get stats(): ZoneStats {
    return this.statsFrom(this.time.current());
  }
  /** The statistics at the end of a session: the newest sample stands for the median step, as in core's summaries. */
  get finalStats(): ZoneStats {
    return this.statsFrom(this.time.finish());
  }
  private statsFrom(z: ZoneTime): ZoneStats {
    return { ...this.s, measuredMs: z.measuredS * 1000, inZoneMs: z.withinS * 1000, notMeasurableMs: z.notMeasurableS * 1000 };
  }
  /** Which way to move back toward the current target (last measured frame), and how far beyond the tolerance. */
  get correction(): GradedCorrection | null {
    return this.lastCorrection;
  }
  get beyondToleranceDeg(): number | null {
    return this.lastBeyondDeg;
  }

  update(sample: GradedSessionSample): GradedEvent[] {
    const t = sample.timestampMs;
    if (!Number.isFinite(t) || (this.lastTs !== null && t <= this.lastTs)) return [];
    const dt = this.lastTs === null ? 0 : Math.min(t - this.lastTs, this.params.maxStepMs);
    this.lastTs = t;
    const target = this.target;
    const wasOff = this.st.status === 'off-target';
    const { state, events } = advanceGraded(this.plan, this.st, sample, this.params);
    this.st = state;
    // Holds grow as the time accounting does: a sample at target stands for the time until the next one.
    if (this.prevZone === 'in') {
      this.s.currentHoldMs += dt;
      this.s.longestHoldMs = Math.max(this.s.longestHoldMs, this.s.currentHoldMs);
    }
    const beyond = (a: Axis): number | null => {
      const v = sample[a];
      const tg = target.anglesDeg[a];
      return tg === null || v === null || !Number.isFinite(v) ? null : beyondTargetDeg(v, tg);
    };
    this.prevZone = this.time.push({
      timestampMs: t,
      ...(sample.state ? { state: sample.state } : {}),
      ...(sample.reference ? { reference: sample.reference } : {}),
      rotationDeg: beyond('rotationDeg'),
      tiltDeg: beyond('tiltDeg'),
      flexionDeg: beyond('flexionDeg'),
    });
    if (this.prevZone !== 'in') this.s.currentHoldMs = 0;
    const off = offTarget(sample, target);
    if (off !== null) {
      this.lastCorrection = off.correction;
      this.lastBeyondDeg = Math.max(0, off.beyondDeg - this.params.toleranceDeg);
    }
    for (const e of events) {
      if (e.type === 'cue') this.s.cues++;
      else if (e.type === 'at-target' && wasOff) this.s.corrections++;
      else if (e.type === 'advanced' || e.type === 'completed') {
        this.reached++;
        this.s.currentHoldMs = 0;
      }
    }
    return events;
  }
}

/** The largest |target| over the trained axes of a stage, deg ("within 20° of straight" on screen). */
export function stageDeg(t: TrainingTarget): number {
  return Math.max(0, ...Object.values(t.anglesDeg).map((v) => (v === null ? 0 : Math.abs(v))));
}
