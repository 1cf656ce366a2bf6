// Direction of a movement along one clinical axis (docs/clinical.md signs) and the projection of a measured
// angle onto it, shared by the rep counter, the hold timer and the session screen.
import type { Axis, FrameMeasure } from '../measures/types.ts';
import type { Direction } from './schema.ts';

/** +1 / −1: the sign of the angle that moves toward the target; 'abs' = either side (|angle|). */
export type ResolvedDirection = 1 | -1 | 'abs';

/**
 * Resolves an exercise direction for one person. `pullSign` is the sign of the person's own pull on that
 * axis (e.g. +1 when the chin pulls toward the right shoulder for rotation), or null when unknown or
 * none: then 'away-from-pull' falls back to 'abs' (either side counts) rather than guessing a side.
 */
export function resolveDirection(direction: Direction, pullSign: 1 | -1 | null): ResolvedDirection {
  switch (direction) {
    case 'positive':
      return 1;
    case 'negative':
      return -1;
    case 'both':
      return 'abs';
    case 'away-from-pull':
      return pullSign === null ? 'abs' : pullSign === 1 ? -1 : 1;
  }
}

/** The sign of a pull from a resting mean angle: null below `minDeg` (no clear pull). */
export function pullSignFromMeanDeg(meanDeg: number, minDeg = 3): 1 | -1 | null {
  if (!Number.isFinite(meanDeg) || Math.abs(meanDeg) < minDeg) return null;
  return meanDeg > 0 ? 1 : -1;
}

/** Angle along the direction (deg, ≥ 0 means toward the target side), or null when the axis is not measured. */
export function projectDeg(frame: FrameMeasure, axis: Axis, dir: ResolvedDirection): number | null {
  if (frame.state === 'not-measurable') return null;
  const v = frame[axis];
  if (v === null || !Number.isFinite(v)) return null;
  return dir === 'abs' ? Math.abs(v) : dir * v;
}
