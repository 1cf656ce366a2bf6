// ref: docs/clinical.md — sensory-trick (geste antagoniste) effect: deviation before, during and after the
// trick and the percent reduction. Deviation = time-weighted mean absolute angle from neutral.
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import { cleanFrames } from './neutral.ts';
import { requirePositive, SignalError, type TimeRangeMs } from './series.ts';

export interface TrickWindows {
  readonly before: TimeRangeMs;
  readonly during: TimeRangeMs;
  readonly after: TimeRangeMs;
}

export interface SensoryTrickOptions {
  /** Sample-and-hold limit for time weights, ms. Default 200. */
  readonly maxHoldMs: number;
  /** A window needs at least this share of its duration measured (the hand often hides the face). Default 0.5. */
  readonly minCoverage: number;
  /** Below this deviation before the trick there is nothing to relieve: no percent reduction. Default 5 deg. */
  readonly minDeviationBeforeDeg: number;
}

export const SENSORY_TRICK_DEFAULTS: SensoryTrickOptions = { maxHoldMs: 200, minCoverage: 0.5, minDeviationBeforeDeg: 5 };

export interface WindowDeviation {
  /** Time-weighted mean |angle| per axis, deg; null when the axis was not measured enough in the window. */
  readonly perAxisDeg: Readonly<Record<Axis, number | null>>;
  /** Time-weighted mean of √(rotation² + tilt² + flexion²), deg (frames with all three axes); null if not enough. */
  readonly combinedDeg: number | null;
  /** Measured share of the window (frames with all three axes), 0..1. */
  readonly coverage: number;
}

export type TrickReductionReason = 'not-measurable-before' | 'not-measurable-during' | 'no-deviation-before';

export interface SensoryTrickResult {
  readonly before: WindowDeviation;
  readonly during: WindowDeviation;
  readonly after: WindowDeviation;
  /** Axis with the largest deviation before the trick (null if none measurable). */
  readonly dominantAxis: Axis | null;
  /** 100 × (before − during) / before on the dominant axis; negative = worse during. null with `reason`. */
  readonly reductionDominantPercent: number | null;
  /** Same on the combined deviation. */
  readonly reductionCombinedPercent: number | null;
  readonly reason?: TrickReductionReason;
}

function windowDeviation(frames: readonly FrameMeasure[], w: TimeRangeMs, o: SensoryTrickOptions): WindowDeviation {
  const dur = w.endMs - w.startMs;
  const fs = frames.filter((f) => f.timestampMs >= w.startMs && f.timestampMs < w.endMs);
  const sum = { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } as Record<Axis, number>;
  const wt = { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } as Record<Axis, number>;
  let cSum = 0;
  let cW = 0;
  fs.forEach((f, i) => {
    const next = fs[i + 1];
    const h = Math.min(o.maxHoldMs, (next ? next.timestampMs : w.endMs) - f.timestampMs);
    if (h <= 0 || f.state === 'not-measurable') return;
    let all = true;
    let sq = 0;
    for (const a of AXES) {
      const v = f[a];
      if (v === null || !Number.isFinite(v)) {
        all = false;
        continue;
      }
      sum[a] += Math.abs(v) * h;
      wt[a] += h;
      sq += v * v;
    }
    if (all) {
      cSum += Math.sqrt(sq) * h;
      cW += h;
    }
  });
  const perAxisDeg = {} as Record<Axis, number | null>;
  for (const a of AXES) perAxisDeg[a] = wt[a] >= o.minCoverage * dur && wt[a] > 0 ? sum[a] / wt[a] : null;
  return { perAxisDeg, combinedDeg: cW >= o.minCoverage * dur && cW > 0 ? cSum / cW : null, coverage: dur > 0 ? cW / dur : 0 };
}

/**
 * Deviation before / during / after a sensory trick and the percent reduction during it, on the
 * dominant axis (largest deviation before) and combined. Windows must have endMs > startMs (else
 * `invalid-window`). Frames are cleaned first (`cleanFrames`).
 */
export function sensoryTrickEffect(frames: readonly FrameMeasure[], windows: TrickWindows, options: Partial<SensoryTrickOptions> = {}): SensoryTrickResult {
  const o = { ...SENSORY_TRICK_DEFAULTS, ...options };
  requirePositive('maxHoldMs', o.maxHoldMs);
  for (const k of ['before', 'during', 'after'] as const) {
    const w = windows[k];
    if (!(Number.isFinite(w.startMs) && Number.isFinite(w.endMs) && w.endMs > w.startMs)) {
      throw new SignalError('invalid-window', `The '${k}' window must have finite startMs < endMs, got [${String(w.startMs)}, ${String(w.endMs)}).`, {
        window: k,
        startMs: w.startMs,
        endMs: w.endMs,
      });
    }
  }
  const fs = cleanFrames(frames);
  const before = windowDeviation(fs, windows.before, o);
  const during = windowDeviation(fs, windows.during, o);
  const after = windowDeviation(fs, windows.after, o);
  let dominantAxis: Axis | null = null;
  for (const a of AXES) {
    const v = before.perAxisDeg[a];
    if (v !== null && (dominantAxis === null || v > (before.perAxisDeg[dominantAxis] as number))) dominantAxis = a;
  }
  const base = { before, during, after, dominantAxis };
  if (dominantAxis === null || before.combinedDeg === null) return { ...base, reductionDominantPercent: null, reductionCombinedPercent: null, reason: 'not-measurable-before' };
  const bDom = before.perAxisDeg[dominantAxis] as number;
  if (bDom < o.minDeviationBeforeDeg) return { ...base, reductionDominantPercent: null, reductionCombinedPercent: null, reason: 'no-deviation-before' };
  const dDom = during.perAxisDeg[dominantAxis];
  if (dDom === null || during.combinedDeg === null) return { ...base, reductionDominantPercent: null, reductionCombinedPercent: null, reason: 'not-measurable-during' };
  return {
    ...base,
    reductionDominantPercent: (100 * (bDom - dDom)) / bDom,
    reductionCombinedPercent: (100 * (before.combinedDeg - during.combinedDeg)) / before.combinedDeg,
  };
}
