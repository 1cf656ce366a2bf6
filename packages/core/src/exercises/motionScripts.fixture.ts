// Phantom motion scripts for the exercise tests, in the style of packages/phantom/src/scripts/motion.ts:
// pure functions t → pose, sampled into FrameMeasures at a frame rate with timestamp jitter, Gaussian
// measurement noise, dropouts (not measurable) and hand occlusion (low confidence, only rotation kept,
// as the body-keypoint fallback does). Each script returns its ground truth (reps, holds, reductions).
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import { gaussian, syntheticRng } from '../signal/synthetic.ts';

export type Pose = Record<Axis, number>;
export type PoseFn = (tMs: number) => Pose;
export type Keys = ReadonlyArray<readonly [number, number]>;

/** Piecewise-linear interpolation of [tMs, value] keys (held flat outside). */
export function pwl(keys: Keys): (tMs: number) => number {
  return (t) => {
    const first = keys[0];
    if (!first) return 0;
    if (t <= first[0]) return first[1];
    for (let i = 1; i < keys.length; i++) {
      const a = keys[i - 1] as readonly [number, number];
      const b = keys[i] as readonly [number, number];
      if (t <= b[0]) return a[1] + ((b[1] - a[1]) * (t - a[0])) / (b[0] - a[0]);
    }
    return (keys[keys.length - 1] as readonly [number, number])[1];
  };
}

export function poseOf(parts: Partial<Record<Axis, (tMs: number) => number>>): PoseFn {
  return (t) => ({ rotationDeg: parts.rotationDeg?.(t) ?? 0, tiltDeg: parts.tiltDeg?.(t) ?? 0, flexionDeg: parts.flexionDeg?.(t) ?? 0 });
}

export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

export interface SampleOptions {
  readonly durationMs: number;
  readonly fpsHz?: number;
  readonly jitterFraction?: number;
  readonly noiseDeg?: number;
  readonly seed?: number;
  /** Not measurable (no face) during these intervals. */
  readonly dropouts?: readonly Interval[];
  /** Hand over the face: low confidence, tilt and flexion lost, rotation kept. */
  readonly occlusions?: readonly Interval[];
}

const inAny = (t: number, xs: readonly Interval[] | undefined): boolean => (xs ?? []).some((x) => t >= x.startMs && t < x.endMs);

export function sampleFrames(pose: PoseFn, o: SampleOptions): FrameMeasure[] {
  const fps = o.fpsHz ?? 30;
  const step = 1000 / fps;
  const rand = syntheticRng(o.seed ?? 7);
  const g = gaussian(syntheticRng((o.seed ?? 7) + 1000));
  const out: FrameMeasure[] = [];
  for (let i = 0; i * step < o.durationMs; i++) {
    const t = i * step + (o.jitterFraction ? (rand() - 0.5) * 2 * o.jitterFraction * step : 0);
    const p = pose(t);
    const n = (): number => (o.noiseDeg ? o.noiseDeg * g() : 0);
    if (inAny(t, o.dropouts)) {
      out.push({ frameIndex: i, timestampMs: t, state: 'not-measurable', reasons: ['no-face'], confidence: 0, method: 'none', rotationDeg: null, tiltDeg: null, flexionDeg: null, lateralShiftCm: null, shoulderElevationDeg: null });
      continue;
    }
    if (inAny(t, o.occlusions)) {
      out.push({ frameIndex: i, timestampMs: t, state: 'low-confidence', reasons: ['face-occluded'], confidence: 0.4, method: 'body-keypoints', rotationDeg: p.rotationDeg + n(), tiltDeg: null, flexionDeg: null, lateralShiftCm: 0, shoulderElevationDeg: 0 });
      continue;
    }
    const a = {} as Record<Axis, number>;
    for (const ax of AXES) a[ax] = p[ax] + n();
    out.push({ frameIndex: i, timestampMs: t, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', ...a, lateralShiftCm: 0, shoulderElevationDeg: 0 });
  }
  return out;
}

export interface Movement {
  /** Peak angle of this movement (signed, deg). */
  readonly peakDeg: number;
  /** Time spent at the peak, ms. */
  readonly plateauMs: number;
}

/** Rest, then each movement: ramp out (rampMs), plateau, ramp back, rest. Returns the keys and the end time. */
export function repKeys(moves: readonly Movement[], o: { restMs?: number; rampMs?: number; leadMs?: number } = {}): { keys: Array<[number, number]>; endMs: number } {
  const rest = o.restMs ?? 1200;
  const ramp = o.rampMs ?? 1000;
  let t = o.leadMs ?? 1500;
  const keys: Array<[number, number]> = [[0, 0], [t, 0]];
  for (const m of moves) {
    keys.push([t + ramp, m.peakDeg], [t + ramp + m.plateauMs, m.peakDeg], [t + 2 * ramp + m.plateauMs, 0]);
    t += 2 * ramp + m.plateauMs + rest;
    keys.push([t, 0]);
  }
  return { keys, endMs: t + 500 };
}

/** Holds on one axis: ramp to `postureDeg`, stay `holdMs`, ramp back, rest. Truth: time at/over the posture. */
export function holdKeys(holds: ReadonlyArray<{ postureDeg: number; holdMs: number }>, o: { restMs?: number; rampMs?: number } = {}): { keys: Array<[number, number]>; endMs: number; plateaus: Interval[] } {
  const rest = o.restMs ?? 3000;
  const ramp = o.rampMs ?? 800;
  let t = 2000;
  const keys: Array<[number, number]> = [[0, 0], [t, 0]];
  const plateaus: Interval[] = [];
  for (const h of holds) {
    keys.push([t + ramp, h.postureDeg], [t + ramp + h.holdMs, h.postureDeg], [t + 2 * ramp + h.holdMs, 0]);
    plateaus.push({ startMs: t + ramp, endMs: t + ramp + h.holdMs });
    t += 2 * ramp + h.holdMs + rest;
    keys.push([t, 0]);
  }
  return { keys, endMs: t, plateaus };
}

/** Ground-truth hold intervals of a 1-D signal with hysteresis (enter at ≥ enterDeg, leave below exitDeg), scanned at 1 ms. */
export function truthHolds(f: (tMs: number) => number, endMs: number, enterDeg: number, exitDeg: number): Interval[] {
  const out: Interval[] = [];
  let start: number | null = null;
  for (let t = 0; t <= endMs; t++) {
    const v = f(t);
    if (start === null && v >= enterDeg) start = t;
    else if (start !== null && v < exitDeg) {
      out.push({ startMs: start, endMs: t });
      start = null;
    }
  }
  if (start !== null) out.push({ startMs: start, endMs });
  return out;
}
