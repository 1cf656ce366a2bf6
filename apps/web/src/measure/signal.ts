/** What the web app uses from core signal: 1€ smoothing of the live angles. */
export { OneEuroFilter } from '@geste/core';
import { OneEuroFilter } from '@geste/core';
import type { FrameMeasure } from '@geste/core';

export interface Angles {
  readonly timestampMs: number;
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
}

/**
 * Smooths the three head angles for display and feedback (1€ filter per axis; gaps stay gaps).
 * A camera stopped and started again is a new recording (MeasureSnapshot.cameraRun): its first readings
 * start the filters afresh instead of being blended with the last run's, even when the camera comes back
 * within the filter's own gap reset (ONE_EURO_DEFAULTS.resetAfterGapMs), and a timestamp going back does the same.
 */
export class AngleSmoother {
  private readonly f = { rotationDeg: new OneEuroFilter(), tiltDeg: new OneEuroFilter(), flexionDeg: new OneEuroFilter() };
  private run: number | null = null;
  private lastTimestampMs: number | null = null;

  /** One analysed frame of camera run `run` (one smoother used for a single run may leave it at 0). */
  push(m: FrameMeasure, run = 0): Angles {
    if (run !== this.run || (this.lastTimestampMs !== null && m.timestampMs < this.lastTimestampMs)) this.reset();
    this.run = run;
    this.lastTimestampMs = m.timestampMs;
    const one = (k: 'rotationDeg' | 'tiltDeg' | 'flexionDeg'): number | null => {
      const v = m[k];
      return v === null ? null : this.f[k].filter(v, m.timestampMs);
    };
    return { timestampMs: m.timestampMs, rotationDeg: one('rotationDeg'), tiltDeg: one('tiltDeg'), flexionDeg: one('flexionDeg') };
  }

  /** True (and the filters forgotten) when `run` is not the run the smoother holds: the camera was started again. */
  keepRun(run: number): boolean {
    if (this.run === null || run === this.run) return false;
    this.reset();
    this.run = run;
    return true;
  }

  private reset(): void {
    for (const k of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) this.f[k].reset();
    this.lastTimestampMs = null;
  }
}
