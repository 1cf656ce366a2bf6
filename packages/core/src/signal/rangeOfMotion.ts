// ref: docs/clinical.md — range of motion in degrees each way for rotation, tilt and flexion/extension.
// Robust extreme = the largest level held for ≥ minSustainMs (a running minimum over a sliding time
// window, i.e. a morphological opening), so a single-frame landmark spike cannot set the range.
import { AXES, type Axis, type FrameMeasure, type Series } from '../measures/types.ts';
import { cleanSeries, requirePositive, seriesFromFrames } from './series.ts';

export interface RangeOfMotionOptions {
  /** The level must be held at least this long, ms. Default 200. */
  readonly minSustainMs: number;
  /** A step longer than this breaks continuity (a level cannot be held across a gap). Default 200 ms. */
  readonly maxGapMs: number;
}

export const ROM_DEFAULTS: RangeOfMotionOptions = { minSustainMs: 200, maxGapMs: 200 };

export interface SustainedExtreme {
  /** Largest value held for ≥ minSustainMs, in the axis' signed units (deg or cm). */
  readonly value: number;
  /** The time range over which it was held. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface AxisRange {
  readonly axis: Axis;
  /** Furthest sustained excursion in the positive direction (rotation: chin to the right; tilt: right ear down; flexion: chin down), deg. Negative if the positive side of neutral was never reached. */
  readonly positiveDeg: number | null;
  /** Furthest sustained excursion in the negative direction, as a magnitude (rotation: to the left; tilt: left ear down; flexion: extension, chin up), deg. Negative if never reached. */
  readonly negativeDeg: number | null;
  /** positiveDeg + negativeDeg: the whole arc covered, deg. */
  readonly totalDeg: number | null;
  readonly positiveAt: SustainedExtreme | null;
  readonly negativeAt: SustainedExtreme | null;
}

/**
 * The largest level v such that the series stays ≥ v for a continuous stretch covering ≥ minSustainMs
 * (coverage of samples i..j = t_j − t_i + one nominal frame). null when no such stretch exists (too
 * little continuous data). Uses a monotonic deque: O(n).
 */
export function sustainedMax(input: Series, options: Partial<RangeOfMotionOptions> = {}): SustainedExtreme | null {
  const o = { ...ROM_DEFAULTS, ...options };
  requirePositive('minSustainMs', o.minSustainMs);
  requirePositive('maxGapMs', o.maxGapMs);
  const s = cleanSeries(input);
  const t = s.timestampsMs;
  const v = s.values;
  const n = t.length;
  // Split into continuous measured runs.
  let best: SustainedExtreme | null = null;
  let i = 0;
  while (i < n) {
    if (v[i] === null) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && v[j + 1] !== null && (t[j + 1] as number) - (t[j] as number) <= o.maxGapMs) j++;
    best = bestInRun(t, v as readonly number[], i, j, o.minSustainMs, best);
    i = j + 1;
  }
  return best;
}

function bestInRun(t: readonly number[], v: readonly number[], a: number, b: number, minMs: number, best: SustainedExtreme | null): SustainedExtreme | null {
  // Nominal frame for coverage: median step within the run (a single sample covers one frame).
  const steps: number[] = [];
  for (let k = a + 1; k <= b; k++) steps.push((t[k] as number) - (t[k - 1] as number));
  steps.sort((p, q) => p - q);
  const frame = steps.length ? (steps[steps.length >> 1] as number) : 0;
  // Sliding window [L, R] with the smallest R such that coverage ≥ minMs; min via deque.
  const dq: number[] = [];
  let head = 0;
  let R = a - 1;
  for (let L = a; L <= b; L++) {
    while (head < dq.length && (dq[head] as number) < L) head++;
    while (R < b && (R < L || (t[R] as number) - (t[L] as number) + frame < minMs - 1e-6)) {
      R++;
      while (dq.length > head && (v[dq[dq.length - 1] as number] as number) >= (v[R] as number)) dq.pop();
      dq.push(R);
    }
    if ((t[R] as number) - (t[L] as number) + frame < minMs - 1e-6) break; // the rest of the run is too short
    const m = v[dq[head] as number] as number;
    if (best === null || m > best.value) best = { value: m, startMs: t[L] as number, endMs: (t[R] as number) + frame };
  }
  return best;
}

/** Range of motion per axis over the given frames (e.g. the range-of-motion sweep phases). */
export function rangeOfMotion(frames: readonly FrameMeasure[], options: Partial<RangeOfMotionOptions> = {}): Readonly<Record<Axis, AxisRange>> {
  const out = {} as Record<Axis, AxisRange>;
  for (const axis of AXES) {
    const s = seriesFromFrames(frames, axis);
    const pos = sustainedMax(s, options);
    const negS: Series = { timestampsMs: s.timestampsMs, values: s.values.map((x) => (x === null ? null : -x)) };
    const neg = sustainedMax(negS, options);
    out[axis] = {
      axis,
      positiveDeg: pos ? pos.value : null,
      negativeDeg: neg ? neg.value : null,
      totalDeg: pos && neg ? pos.value + neg.value : null,
      positiveAt: pos,
      negativeAt: neg ? { ...neg, value: -neg.value } : null,
    };
  }
  return out;
}
