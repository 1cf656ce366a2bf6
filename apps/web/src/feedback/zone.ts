/**
 * Target-zone tracker for biofeedback: pure, clock-free (time comes in as `timestampMs`).
 *
 * The displayed state has a delay and hysteresis so normal movement does not nag:
 * - 'in' → 'out' only after the deviation stays above `zoneDeg + hysteresisDeg` for `outDelayMs`;
 * - 'out' → 'in' as soon as the deviation is back within `zoneDeg` (that is the correction we reward).
 * Time in and out of the zone is core's one definition (`NeutralTimeAccumulator`, the same as the
 * recording summaries): every axis measured and within zoneDeg, without delay or hysteresis; frames that
 * are not measurable add no time to the measured time.
 * Deviation of a frame for cues = the largest of |rotation|, |tilt|, |flexion| relative to neutral (degrees).
 */
import { NEUTRAL_DEFAULTS, NeutralTimeAccumulator, type Axis, type NeutralZoneState, type ZoneTime } from '@geste/core';

export interface ZoneParams {
  /** Half-width of the target zone around neutral, degrees (CLINICAL.md uses 10° for "neutral"). */
  readonly zoneDeg: number;
  /** Extra margin beyond the zone before a cue, degrees. */
  readonly hysteresisDeg: number;
  /** How long the head must stay beyond zone + margin before a cue, ms. */
  readonly outDelayMs: number;
  /** While still out of the zone, cue again after this long, ms. */
  readonly remindEveryMs: number;
  /** Praise a continuous hold at every multiple of this, ms. */
  readonly holdMilestoneMs: number;
  /** Not measurable for longer than this → state 'unknown', ms. */
  readonly lostAfterMs: number;
  /** Gaps between frames longer than this count only this much time (tab paused, dropped frames), ms. */
  readonly maxStepMs: number;
}

export const DEFAULT_ZONE: ZoneParams = {
  zoneDeg: 10,
  hysteresisDeg: 3,
  outDelayMs: 1500,
  remindEveryMs: 12000,
  holdMilestoneMs: 15000,
  lostAfterMs: 1000,
  maxStepMs: NEUTRAL_DEFAULTS.maxHoldMs,
};

export type ZoneState = 'in' | 'out' | 'unknown';
/** Which way to move back toward neutral, in the person's own terms. */
export type Correction = 'turn-left' | 'turn-right' | 'tilt-left' | 'tilt-right' | 'chin-up' | 'chin-down';

export type ZoneEvent =
  | { readonly type: 'cue'; readonly correction: Correction; readonly deviationDeg: number; readonly reminder: boolean }
  | { readonly type: 'corrected' }
  | { readonly type: 'hold'; readonly heldMs: number }
  | { readonly type: 'lost' }
  | { readonly type: 'found' };

export interface ZoneSample {
  readonly timestampMs: number;
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
}

export interface ZoneStats {
  readonly measuredMs: number;
  readonly inZoneMs: number;
  readonly notMeasurableMs: number;
  readonly longestHoldMs: number;
  readonly currentHoldMs: number;
  readonly cues: number;
  readonly corrections: number;
}

/** Largest absolute angle and the correction that reduces it; null when nothing is measurable. */
export function deviationOf(s: ZoneSample): { deviationDeg: number; axis: Axis; correction: Correction } | null {
  let best: { deviationDeg: number; axis: Axis; correction: Correction } | null = null;
  const consider = (axis: Axis, v: number | null, pos: Correction, neg: Correction): void => {
    if (v === null || !Number.isFinite(v)) return;
    const d = Math.abs(v);
    if (!best || d > best.deviationDeg) best = { deviationDeg: d, axis, correction: v > 0 ? pos : neg };
  };
  // Positive rotation = chin toward the RIGHT shoulder → correct by turning left; etc. (CLINICAL.md).
  consider('rotationDeg', s.rotationDeg, 'turn-left', 'turn-right');
  consider('tiltDeg', s.tiltDeg, 'tilt-left', 'tilt-right');
  consider('flexionDeg', s.flexionDeg, 'chin-up', 'chin-down');
  return best;
}

export class ZoneTracker {
  private stateValue: ZoneState = 'unknown';
  private lastTs: number | null = null;
  private beyondSinceMs: number | null = null;
  private lastCueMs = -Infinity;
  private lastMeasuredMs: number | null = null;
  private holdMs = 0;
  private nextMilestoneMs: number;
  private s = { longestHoldMs: 0, cues: 0, corrections: 0 };
  private readonly time: NeutralTimeAccumulator;
  private prevZone: NeutralZoneState | null = null;

  constructor(readonly params: ZoneParams = DEFAULT_ZONE) {
    if (!(params.zoneDeg > 0) || !(params.hysteresisDeg >= 0) || !(params.outDelayMs >= 0)) {
      throw new RangeError(`zone parameters must be positive (zoneDeg ${params.zoneDeg}, hysteresisDeg ${params.hysteresisDeg}, outDelayMs ${params.outDelayMs})`);
    }
    this.nextMilestoneMs = params.holdMilestoneMs;
    this.time = new NeutralTimeAccumulator({ zoneDeg: params.zoneDeg, maxHoldMs: params.maxStepMs });
  }

  get state(): ZoneState {
    return this.stateValue;
  }

  /** The statistics at the end of a session: the newest sample stands for the median step, as in core's summaries. */
  get finalStats(): ZoneStats {
    return this.statsFrom(this.time.finish());
  }

  get stats(): ZoneStats {
    return this.statsFrom(this.time.current());
  }

  private statsFrom(z: ZoneTime): ZoneStats {
    return { ...this.s, measuredMs: z.measuredS * 1000, inZoneMs: z.withinS * 1000, notMeasurableMs: z.notMeasurableS * 1000, currentHoldMs: this.holdMs };
  }

  /** Feeds one sample; returns the events it causes. Samples out of time order are ignored. */
  update(sample: ZoneSample): ZoneEvent[] {
    const p = this.params;
    const t = sample.timestampMs;
    if (!Number.isFinite(t) || (this.lastTs !== null && t <= this.lastTs)) return [];
    const dt = this.lastTs === null ? 0 : Math.min(t - this.lastTs, p.maxStepMs);
    this.lastTs = t;
    const events: ZoneEvent[] = [];
    // Holds grow as the time accounting does: a sample in the zone stands for the time until the next one.
    if (this.prevZone === 'in') {
      this.holdMs += dt;
      if (this.holdMs > this.s.longestHoldMs) this.s.longestHoldMs = this.holdMs;
      if (this.holdMs >= this.nextMilestoneMs) {
        events.push({ type: 'hold', heldMs: this.nextMilestoneMs });
        this.nextMilestoneMs += p.holdMilestoneMs;
      }
    }
    this.prevZone = this.time.push(sample);
    const dev = deviationOf(sample);

    if (!dev) {
      this.beyondSinceMs = null;
      if (this.stateValue !== 'unknown' && this.lastMeasuredMs !== null && t - this.lastMeasuredMs > p.lostAfterMs) {
        this.stateValue = 'unknown';
        this.endHold();
        events.push({ type: 'lost' });
      }
      return events;
    }

    if (this.stateValue === 'unknown' && this.lastMeasuredMs !== null) events.push({ type: 'found' });
    this.lastMeasuredMs = t;
    const inside = dev.deviationDeg <= p.zoneDeg;
    if (this.prevZone === 'out') this.endHold();

    const beyond = dev.deviationDeg > p.zoneDeg + p.hysteresisDeg;
    if (beyond) this.beyondSinceMs ??= t;
    else this.beyondSinceMs = null;

    switch (this.stateValue) {
      case 'unknown':
        this.stateValue = inside ? 'in' : 'out';
        if (!inside) this.lastCueMs = -Infinity;
        break;
      case 'in':
        if (this.beyondSinceMs !== null && t - this.beyondSinceMs >= p.outDelayMs) {
          this.stateValue = 'out';
          this.s.cues++;
          this.lastCueMs = t;
          events.push({ type: 'cue', correction: dev.correction, deviationDeg: dev.deviationDeg, reminder: false });
        }
        break;
      case 'out':
        if (inside) {
          this.stateValue = 'in';
          this.s.corrections++;
          events.push({ type: 'corrected' });
        } else if (t - this.lastCueMs >= p.remindEveryMs && this.beyondSinceMs !== null && t - this.beyondSinceMs >= p.outDelayMs) {
          const reminder = Number.isFinite(this.lastCueMs);
          this.s.cues++;
          this.lastCueMs = t;
          events.push({ type: 'cue', correction: dev.correction, deviationDeg: dev.deviationDeg, reminder });
        }
        break;
    }
    return events;
  }

  private endHold(): void {
    this.holdMs = 0;
    this.nextMilestoneMs = this.params.holdMilestoneMs;
  }
}
