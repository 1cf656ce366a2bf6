/**
 * How the in-order guards (reentry.ts, flexionRange.ts, flexionLag.ts, flexionSaturation.ts) mark a frame they doubt:
 * one place for the confidence under the "measured" bar and for a flexion that is not given.
 */
import type { FrameMeasure } from '../measures/types.ts';

/** Confidence of a doubted frame: just under the 0.5 bar for "measured". */
export const DOUBTED_CONFIDENCE = 0.49;

/** The frame as low confidence (value kept). */
export function doubted(m: FrameMeasure): FrameMeasure {
  return { ...m, state: 'low-confidence', confidence: Math.min(m.confidence, DOUBTED_CONFIDENCE) };
}

/** A measured frame as low confidence; any other frame unchanged. */
export function provisional(m: FrameMeasure): FrameMeasure {
  return m.state === 'measured' ? doubted(m) : m;
}

/** Low confidence and flexion not given (reason `beyond-tracker-range`); rotation and tilt kept. */
export function withoutFlexion(m: FrameMeasure): FrameMeasure {
  return { ...doubted(m), flexionDeg: null, reasons: [...new Set([...m.reasons, 'beyond-tracker-range' as const])] };
}
