// Hold timing: time counts only while the posture is held. Short blips — a run of frames out of posture or
// not measurable lasting less than `blipToleranceMs` (default 300 ms) — do not end a hold and the time
// across them is counted, because a face tracker loses or jitters single frames while the person is still
// holding. A longer excursion ends the hold at the last in-posture frame; the excursion is not counted.
// The tolerance is on the gap between consecutive in-posture frames, so the longest bridged dropout is
// 300 ms minus up to two frame intervals (≈ 230 ms at 30 fps, ≈ 170 ms at 15 fps).
// A hold is timed from its first to its last in-posture frame (so it reads short by at most one frame).
// 'target' postures use hysteresis: enter at ≥ targetDeg, stay while ≥ targetDeg − toleranceDeg.
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import { projectDeg, type ResolvedDirection } from './direction.ts';
import { ExerciseError } from './errors.ts';

export type HoldPosture =
  | { readonly kind: 'target'; readonly axis: Axis; readonly direction: ResolvedDirection; readonly targetDeg: number; readonly toleranceDeg: number }
  /** Every measured axis within ±toleranceDeg of neutral; `axis` must be measured. */
  | { readonly kind: 'neutral'; readonly axis: Axis; readonly toleranceDeg: number };

export interface HoldTimerConfig {
  readonly posture: HoldPosture;
  /** The hold time asked for, ms: a hold of at least this long is 'complete'. */
  readonly holdMs: number;
  /** Out-of-posture or unmeasured runs shorter than this do not end a hold, ms. Default 300. */
  readonly blipToleranceMs?: number;
}

export interface TimedHold {
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  readonly complete: boolean;
}

export type HoldEvent =
  | { readonly kind: 'hold-start'; readonly atMs: number }
  | { readonly kind: 'hold-complete'; readonly atMs: number }
  | { readonly kind: 'hold-end'; readonly hold: TimedHold };

export interface HoldSummary {
  readonly holds: readonly TimedHold[];
  readonly completeHolds: number;
  readonly longestMs: number;
  readonly totalHeldMs: number;
  /** Largest angle along the direction while in posture ('target' only), deg. */
  readonly bestDeg: number | null;
}

export const BLIP_TOLERANCE_MS = 300;

export class HoldTimer {
  private startMs: number | null = null;
  private lastInMs = 0;
  private completedAnnounced = false;
  private lastTs: number | null = null;
  private readonly holds: TimedHold[] = [];
  private best: number | null = null;
  private readonly blipMs: number;
  private inside = false;

  constructor(readonly config: HoldTimerConfig) {
    const p = config.posture;
    this.blipMs = config.blipToleranceMs ?? BLIP_TOLERANCE_MS;
    if (!(config.holdMs > 0) || !(this.blipMs >= 0) || !(p.toleranceDeg > 0) || (p.kind === 'target' && !(p.targetDeg > p.toleranceDeg))) {
      throw new ExerciseError('invalid-parameter', 'HoldTimer needs holdMs > 0, blipToleranceMs ≥ 0, toleranceDeg > 0 and (for a target) targetDeg > toleranceDeg.', {
        holdMs: config.holdMs,
        blipToleranceMs: this.blipMs,
        toleranceDeg: p.toleranceDeg,
      });
    }
  }

  /** Whether the last frame was in posture. */
  get inPosture(): boolean {
    return this.inside;
  }

  /** Duration of the hold in progress at `nowMs` (0 when none), ms. */
  currentHoldMs(): number {
    return this.startMs === null ? 0 : this.lastInMs - this.startMs;
  }

  private classify(frame: FrameMeasure): boolean | null {
    const p = this.config.posture;
    if (p.kind === 'target') {
      const v = projectDeg(frame, p.axis, p.direction);
      if (v === null) return null;
      const thr = this.startMs !== null ? p.targetDeg - p.toleranceDeg : p.targetDeg;
      const ok = v >= thr;
      if (ok) this.best = this.best === null ? v : Math.max(this.best, v);
      return ok;
    }
    if (frame.state === 'not-measurable' || frame[p.axis] === null) return null;
    for (const a of AXES) {
      const v = frame[a];
      if (v !== null && Number.isFinite(v) && Math.abs(v) > p.toleranceDeg) return false;
    }
    return Number.isFinite(frame[p.axis]);
  }

  push(frame: FrameMeasure): HoldEvent[] {
    const t = frame.timestampMs;
    if (!Number.isFinite(t) || (this.lastTs !== null && t <= this.lastTs)) return [];
    this.lastTs = t;
    const c = this.classify(frame);
    this.inside = c === true;
    const events: HoldEvent[] = [];
    if (c === true) {
      if (this.startMs !== null && t - this.lastInMs >= this.blipMs) this.close(events);
      if (this.startMs === null) {
        this.startMs = t;
        this.completedAnnounced = false;
        events.push({ kind: 'hold-start', atMs: t });
      }
      this.lastInMs = t;
      if (!this.completedAnnounced && t - this.startMs >= this.config.holdMs) {
        this.completedAnnounced = true;
        events.push({ kind: 'hold-complete', atMs: t });
      }
    } else if (this.startMs !== null && t - this.lastInMs >= this.blipMs) this.close(events);
    return events;
  }

  private close(events: HoldEvent[]): void {
    if (this.startMs === null) return;
    const durationMs = this.lastInMs - this.startMs;
    const hold: TimedHold = { startMs: this.startMs, endMs: this.lastInMs, durationMs, complete: durationMs >= this.config.holdMs };
    this.startMs = null;
    this.holds.push(hold);
    events.push({ kind: 'hold-end', hold });
  }

  /** Ends any hold in progress (end of the set). */
  finish(): HoldEvent[] {
    const events: HoldEvent[] = [];
    this.close(events);
    return events;
  }

  summary(): HoldSummary {
    const all = this.startMs === null ? this.holds : [...this.holds, { startMs: this.startMs, endMs: this.lastInMs, durationMs: this.lastInMs - this.startMs, complete: this.lastInMs - this.startMs >= this.config.holdMs }];
    return {
      holds: all,
      completeHolds: all.filter((h) => h.complete).length,
      longestMs: all.reduce((m, h) => Math.max(m, h.durationMs), 0),
      totalHeldMs: all.reduce((s, h) => s + h.durationMs, 0),
      bestDeg: this.best,
    };
  }
}
