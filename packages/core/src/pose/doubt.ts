/**
 * How the in-order guards (reentry.ts, flexionRange.ts, flexionLag.ts, flexionSaturation.ts, …) mark a frame they doubt:
 * one place for the confidence under the "measured" bar, for a flexion that is not given, and for saying why (the
 * optional `doubts` and `beyondRangeAxes` of FrameMeasure: added, never replacing the frame's `reasons`).
 */
import type { DoubtReason, FrameMeasure, RangeDirection } from '../measures/types.ts';

/** Confidence of a doubted frame: just under the 0.5 bar for "measured". */
export const DOUBTED_CONFIDENCE = 0.49;

/** `old` with `add` appended, each once and in order; null when nothing is new. */
function unionOf<T>(old: readonly T[] | undefined, add: readonly T[]): T[] | null {
  const all = [...new Set([...(old ?? []), ...add])];
  return all.length === (old?.length ?? 0) ? null : all;
}

/** The frame with `why` added to its doubts (once; in the order the rules found them). */
export function withDoubts(m: FrameMeasure, why: readonly DoubtReason[]): FrameMeasure {
  const doubts = unionOf(m.doubts, why);
  return doubts === null ? m : { ...m, doubts };
}

/** The frame with `axes` added to the movements beyond the tracker's range (see `beyond-tracker-range`). */
export function withBeyondAxes(m: FrameMeasure, axes: readonly RangeDirection[]): FrameMeasure {
  const beyondRangeAxes = unionOf(m.beyondRangeAxes, axes);
  return beyondRangeAxes === null ? m : { ...m, beyondRangeAxes };
}

/** The frame as low confidence (value kept), saying why. */
export function doubted(m: FrameMeasure, why: DoubtReason): FrameMeasure {
  return withDoubts({ ...m, state: 'low-confidence', confidence: Math.min(m.confidence, DOUBTED_CONFIDENCE) }, [why]);
}

/** A measured frame as low confidence, saying why; any other frame unchanged. */
export function provisional(m: FrameMeasure, why: DoubtReason): FrameMeasure {
  return m.state === 'measured' ? doubted(m, why) : m;
}

/** Low confidence and flexion not given (reason `beyond-tracker-range`, on the chin-up or chin-down side); rotation and tilt kept. */
export function withoutFlexion(m: FrameMeasure, side: 'chin-down' | 'chin-up'): FrameMeasure {
  const low = { ...m, state: 'low-confidence' as const, confidence: Math.min(m.confidence, DOUBTED_CONFIDENCE) };
  return withBeyondAxes({ ...low, flexionDeg: null, reasons: [...new Set([...m.reasons, 'beyond-tracker-range' as const])] }, [side]);
}
