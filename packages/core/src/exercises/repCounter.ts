// A rep counter with hysteresis on one axis. A rep is counted only when the angle along the direction
// leaves rest, reaches `targetDeg` and stays at/after it for `dwellMs`, then comes back within `returnDeg`.
// Incomplete movements (back to rest without reaching the target) are never counted; those that passed
// halfway from returnDeg to targetDeg are reported as 'incomplete' attempts (smaller ones are noise).
// Not-measurable frames pause the counter: the state is kept across a short gap (< maxGapMs); after a
// longer gap a movement in progress is dropped ('lost'), because the camera did not see it end.
// ref: Schmitt trigger / hysteresis thresholding (two thresholds so noise near one cannot toggle the state).
import type { Axis, FrameMeasure } from '../measures/types.ts';
import { projectDeg, type ResolvedDirection } from './direction.ts';
import { ExerciseError } from './errors.ts';

export interface RepCounterConfig {
  readonly axis: Axis;
  readonly direction: ResolvedDirection;
  readonly targetDeg: number;
  readonly returnDeg: number;
  /** Time at/after the target before the rep may count, ms. */
  readonly dwellMs: number;
  /** Longest not-measurable gap across which a movement in progress is kept, ms. Default 1500. */
  readonly maxGapMs?: number;
  /** Dwell keeps running while the angle stays above targetDeg − this, deg. Default min(2, (target − return)/4). */
  readonly targetHysteresisDeg?: number;
}

/** 'settle' = waiting for the first return to rest (at start, after a long gap or a manual count). */
export type RepPhase = 'settle' | 'rest' | 'moving' | 'at-target';

export type RepEvent =
  | { readonly kind: 'rep'; readonly atMs: number; readonly peakDeg: number; readonly manual: boolean; readonly count: number }
  | { readonly kind: 'incomplete'; readonly atMs: number; readonly peakDeg: number }
  | { readonly kind: 'target-reached'; readonly atMs: number }
  | { readonly kind: 'lost'; readonly atMs: number; readonly gapMs: number };

export interface RepSummary {
  readonly reps: number;
  readonly cameraReps: number;
  readonly manualReps: number;
  readonly incomplete: number;
  readonly lost: number;
  /** Peak angle along the direction of each camera-counted rep, deg. */
  readonly peaksDeg: readonly number[];
  /** Largest angle reached along the direction during the whole set (any movement), deg; null if nothing measured. */
  readonly bestDeg: number | null;
  readonly measuredMs: number;
  readonly notMeasurableMs: number;
}

const MAX_HOLD_MS = 200;

export class RepCounter {
  private phaseValue: RepPhase = 'settle';
  private peak = 0;
  private dwellStart: number | null = null;
  private lastTs: number | null = null;
  private lastMeasuredTs: number | null = null;
  private readonly maxGapMs: number;
  private readonly hystDeg: number;
  private cam = 0;
  private manual = 0;
  private incomplete = 0;
  private lost = 0;
  private readonly peaks: number[] = [];
  private best: number | null = null;
  private measuredMs = 0;
  private notMeasurableMs = 0;
  private lastValue: number | null = null;

  constructor(readonly config: RepCounterConfig) {
    const { targetDeg, returnDeg, dwellMs } = config;
    if (!(Number.isFinite(targetDeg) && Number.isFinite(returnDeg) && returnDeg >= 0 && targetDeg > returnDeg)) {
      throw new ExerciseError('invalid-parameter', `RepCounter needs 0 ≤ returnDeg < targetDeg, got returnDeg=${String(returnDeg)}, targetDeg=${String(targetDeg)}.`, { targetDeg, returnDeg });
    }
    if (!(Number.isFinite(dwellMs) && dwellMs >= 0)) throw new ExerciseError('invalid-parameter', `dwellMs must be ≥ 0, got ${String(dwellMs)}.`, { dwellMs });
    this.maxGapMs = config.maxGapMs ?? 1500;
    this.hystDeg = config.targetHysteresisDeg ?? Math.min(2, (targetDeg - returnDeg) / 4);
  }

  get phase(): RepPhase {
    return this.phaseValue;
  }
  get count(): number {
    return this.cam + this.manual;
  }
  /** Latest angle along the direction, deg (null when the last frame was not measurable). */
  get currentDeg(): number | null {
    return this.lastValue;
  }

  /** Feeds one frame; returns what happened (usually nothing). Frames not after the previous one are ignored. */
  push(frame: FrameMeasure): RepEvent[] {
    const t = frame.timestampMs;
    if (!Number.isFinite(t) || (this.lastTs !== null && t <= this.lastTs)) return [];
    const dt = this.lastTs === null ? 0 : Math.min(MAX_HOLD_MS, t - this.lastTs);
    this.lastTs = t;
    const v = projectDeg(frame, this.config.axis, this.config.direction);
    this.lastValue = v;
    if (v === null) {
      this.notMeasurableMs += dt;
      return [];
    }
    this.measuredMs += dt;
    const events: RepEvent[] = [];
    if (this.lastMeasuredTs !== null && t - this.lastMeasuredTs > this.maxGapMs && (this.phaseValue === 'moving' || this.phaseValue === 'at-target')) {
      events.push({ kind: 'lost', atMs: t, gapMs: t - this.lastMeasuredTs });
      this.lost++;
      this.phaseValue = 'settle';
    }
    this.lastMeasuredTs = t;
    this.best = this.best === null ? v : Math.max(this.best, v);
    const { targetDeg, returnDeg, dwellMs } = this.config;
    switch (this.phaseValue) {
      case 'settle':
        if (v <= returnDeg) this.phaseValue = 'rest';
        break;
      case 'rest':
        if (v > returnDeg) {
          this.phaseValue = 'moving';
          this.peak = v;
          this.dwellStart = null;
          this.checkTarget(v, t, targetDeg, dwellMs, events);
        }
        break;
      case 'moving':
        this.peak = Math.max(this.peak, v);
        if (v <= returnDeg) {
          // Only a real attempt (past halfway to the target) is reported; noise at the rest edge is not.
          if (this.peak >= (returnDeg + targetDeg) / 2) {
            events.push({ kind: 'incomplete', atMs: t, peakDeg: this.peak });
            this.incomplete++;
          }
          this.phaseValue = 'rest';
        } else this.checkTarget(v, t, targetDeg, dwellMs, events);
        break;
      case 'at-target':
        this.peak = Math.max(this.peak, v);
        if (v <= returnDeg) {
          this.cam++;
          this.peaks.push(this.peak);
          events.push({ kind: 'rep', atMs: t, peakDeg: this.peak, manual: false, count: this.count });
          this.phaseValue = 'rest';
        }
        break;
    }
    return events;
  }

  private checkTarget(v: number, t: number, targetDeg: number, dwellMs: number, events: RepEvent[]): void {
    if (this.dwellStart === null) {
      if (v >= targetDeg) this.dwellStart = t;
    } else if (v < targetDeg - this.hystDeg) this.dwellStart = null;
    if (this.dwellStart !== null && t - this.dwellStart >= dwellMs) {
      this.phaseValue = 'at-target';
      events.push({ kind: 'target-reached', atMs: t });
    }
  }

  /**
   * Manual override ("count it") for when the camera cannot see: adds one rep flagged manual and drops any
   * movement in progress, so the same rep cannot be counted twice; the counter then waits for rest.
   */
  countManually(atMs: number): RepEvent {
    this.manual++;
    this.phaseValue = 'settle';
    return { kind: 'rep', atMs, peakDeg: Number.NaN, manual: true, count: this.count };
  }

  summary(): RepSummary {
    return {
      reps: this.count,
      cameraReps: this.cam,
      manualReps: this.manual,
      incomplete: this.incomplete,
      lost: this.lost,
      peaksDeg: [...this.peaks],
      bestDeg: this.best,
      measuredMs: this.measuredMs,
      notMeasurableMs: this.notMeasurableMs,
    };
  }
}
