// Test helper: recorded far-turn frames (farTurnReturn.fixture.ts, backlitReturn.fixture.ts; both written by
// bench/experiments/farturn-fixture.ts) replayed through the re-entry guard alone, and their error against the truth.
import type { FrameMeasure } from '../measures/types.ts';
import type { ReturnReading } from './farTurnReturn.fixture.ts';
import { RangeReentryGuard } from './reentry.ts';

export interface Replayed { readonly reading: ReturnReading; readonly out: FrameMeasure }

/** Tilt and flexion added to a frame's readings (a synthetic posture held on top of the recorded one), deg. */
export type ReadingShift = (frameIndex: number) => { tiltDeg: number; flexionDeg: number };
const NO_SHIFT: ReadingShift = () => ({ tiltDeg: 0, flexionDeg: 0 });

export function replayReturn(fixture: readonly ReturnReading[], shift: ReadingShift = NO_SHIFT): Replayed[] {
  const guard = new RangeReentryGuard();
  return fixture.map((reading, frameIndex) => {
    const [timestampMs, state, reasons, method, rotationDeg, tiltDeg, flexionDeg, confidence, meshScore] = reading;
    const s = shift(frameIndex);
    const m: FrameMeasure = {
      frameIndex, timestampMs, state, reasons, confidence, method, rotationDeg,
      tiltDeg: tiltDeg === null ? null : tiltDeg + s.tiltDeg,
      flexionDeg: flexionDeg === null ? null : flexionDeg + s.flexionDeg,
      lateralShiftCm: 0, shoulderElevationDeg: null,
    };
    return { reading, out: guard.apply(m, meshScore === null ? null : { meshScore }) };
  });
}

/** The largest error of a given frame on any axis against the recording's truth, deg (null: no rotation given). */
export function largestReturnErrorDeg(r: Replayed): number | null {
  const { out, reading } = r;
  if (out.rotationDeg === null) return null;
  const [, , , , , , , , , tR, tT, tF] = reading;
  return Math.max(Math.abs(out.rotationDeg - tR), Math.abs((out.tiltDeg ?? tT) - tT), Math.abs((out.flexionDeg ?? tF) - tF));
}
