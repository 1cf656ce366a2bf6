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

/** Smooths the three head angles for display and feedback (1€ filter per axis; gaps stay gaps). */
export class AngleSmoother {
  private readonly f = { rotationDeg: new OneEuroFilter(), tiltDeg: new OneEuroFilter(), flexionDeg: new OneEuroFilter() };
  push(m: FrameMeasure): Angles {
    const one = (k: 'rotationDeg' | 'tiltDeg' | 'flexionDeg'): number | null => {
      const v = m[k];
      return v === null ? null : this.f[k].filter(v, m.timestampMs);
    };
    return { timestampMs: m.timestampMs, rotationDeg: one('rotationDeg'), tiltDeg: one('tiltDeg'), flexionDeg: one('flexionDeg') };
  }
}
