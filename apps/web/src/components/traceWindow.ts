/**
 * The live trace's data: the last 30 s of the three angles, for one camera run. A camera stopped and started
 * again is a new recording whose chin up/down zero is decided again (measure/reference.ts EngineKeeper), so
 * the trace starts empty then rather than joining two runs' numbers on one line. Not-measurable frames are
 * gaps (null), never zeros.
 */
import type { FrameMeasure } from '@geste/core';

export const TRACE_WINDOW_MS = 30_000;

export interface TraceSeries {
  /** Seconds before the newest frame (≤ 0). */
  readonly secondsAgo: number[];
  readonly rotationDeg: (number | null)[];
  readonly tiltDeg: (number | null)[];
  readonly flexionDeg: (number | null)[];
}

export class TraceWindow {
  private run: number | null = null;
  private t: number[] = [];
  private r: (number | null)[] = [];
  private ti: (number | null)[] = [];
  private f: (number | null)[] = [];

  /** One analysed frame of camera run `run` (MeasureSnapshot.cameraRun); a new run empties the window first. */
  push(m: FrameMeasure, run: number): void {
    // A timestamp going back also means another recording (a camera's clock restarted).
    const last = this.t[this.t.length - 1];
    if (run !== this.run || (last !== undefined && m.timestampMs < last)) this.clear();
    this.run = run;
    this.t.push(m.timestampMs);
    this.r.push(m.rotationDeg);
    this.ti.push(m.tiltDeg);
    this.f.push(m.flexionDeg);
    const cut = m.timestampMs - TRACE_WINDOW_MS;
    let drop = 0;
    while (drop < this.t.length && this.t[drop]! < cut) drop++;
    if (drop > 0) for (const a of [this.t, this.r, this.ti, this.f]) a.splice(0, drop);
  }

  /** Empties the window when `run` is not the run it holds (the camera was started again, no frame yet). */
  keepRun(run: number): void {
    if (this.run !== null && run !== this.run) {
      this.clear();
      this.run = run;
    }
  }

  get length(): number {
    return this.t.length;
  }

  series(): TraceSeries {
    const last = this.t[this.t.length - 1] ?? 0;
    return { secondsAgo: this.t.map((x) => -(last - x) / 1000), rotationDeg: [...this.r], tiltDeg: [...this.ti], flexionDeg: [...this.f] };
  }

  private clear(): void {
    this.t = [];
    this.r = [];
    this.ti = [];
    this.f = [];
  }
}
