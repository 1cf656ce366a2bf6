/**
 * Coming back from beyond the tracker's range: a turn past ≈ 50° makes the face mesh flicker between
 * "beyond range" and single frames that collapse toward frontal while still fitting well (on the phantom's
 * ±80° sweep, frames at a true 76° read 29–37°; the body model's nose/ears check does not always catch
 * them). A real return from a far turn is a run of usable frames; a collapse is a lone frame between
 * beyond-range frames. So after a beyond-range frame, mesh readings are held back as not measurable until
 * they have been usable for `REENTRY_HOLD_MS` without a break. Stateful, in frame order; the CLI's
 * recording analyser and the live estimator both use it, so both paths give the same frames.
 */
import type { FrameMeasure } from '../measures/types.ts';

/** Usable mesh frames needed, without a break, before readings count again after a beyond-range frame. */
export const REENTRY_HOLD_MS = 150;

export class RangeReentryGuard {
  private beyond = false;
  private runStartMs: number | null = null;

  constructor(private readonly holdMs = REENTRY_HOLD_MS) {}

  /** Passes a frame's measure through, holding back mesh readings just after the tracker's range was exceeded. */
  apply(m: FrameMeasure): FrameMeasure {
    if (m.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range')) {
      this.beyond = true;
      this.runStartMs = null;
      return m;
    }
    if (!this.beyond) return m;
    if (m.method !== 'face-mesh') {
      this.runStartMs = null; // a break in the run (no face, fallback): start counting again
      return m;
    }
    if (this.runStartMs === null) this.runStartMs = m.timestampMs;
    if (m.timestampMs - this.runStartMs >= this.holdMs) {
      this.beyond = false;
      this.runStartMs = null;
      return m;
    }
    return {
      ...m,
      state: 'not-measurable',
      reasons: ['beyond-tracker-range'],
      confidence: 0,
      method: 'none',
      rotationDeg: null,
      tiltDeg: null,
      flexionDeg: null,
      lateralShiftCm: null,
    };
  }
}
