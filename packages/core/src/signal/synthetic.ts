// ref: mulberry32 PRNG (Tommy Ettinger, public domain) and Box–Muller normal deviates; used to make
// deterministic synthetic head-motion sessions for tests, benchmarks and the phantom.
import type { FrameMeasure } from '../measures/types.ts';
import { seededRandom } from '../random.ts';

/** Deterministic uniform [0, 1) generator from a 32-bit seed (see ../random.ts). */
export const syntheticRng = seededRandom;

/** Standard normal deviates from a uniform generator (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Timestamps at a nominal rate with optional jitter (fraction of a frame, uniform ±) — strictly increasing. */
export function makeTimestampsMs(durationS: number, fpsHz: number, jitterFraction = 0, seed = 1): number[] {
  const rand = syntheticRng(seed);
  const step = 1000 / fpsHz;
  const n = Math.floor(durationS * fpsHz);
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push(i * step + (jitterFraction > 0 ? (rand() - 0.5) * 2 * jitterFraction * step : 0));
  return t;
}

/** A raised-cosine bump of `amplitudeDeg` lasting `durationMs` starting at `startMs` (0 outside). Peak at the middle. */
export function bumpDeg(tMs: number, startMs: number, durationMs: number, amplitudeDeg: number): number {
  if (tMs <= startMs || tMs >= startMs + durationMs) return 0;
  return (amplitudeDeg * (1 - Math.cos((2 * Math.PI * (tMs - startMs)) / durationMs))) / 2;
}

/** A measured frame with the given angles (other fields neutral). */
export function syntheticFrame(
  frameIndex: number,
  timestampMs: number,
  angles: { rotationDeg: number | null; tiltDeg: number | null; flexionDeg: number | null },
  extra: { lateralShiftCm?: number | null; shoulderElevationDeg?: number | null } = {},
): FrameMeasure {
  const measurable = angles.rotationDeg !== null || angles.tiltDeg !== null || angles.flexionDeg !== null;
  return {
    frameIndex,
    timestampMs,
    state: measurable ? 'measured' : 'not-measurable',
    reasons: measurable ? [] : ['no-face'],
    confidence: measurable ? 0.9 : 0,
    method: measurable ? 'face-mesh' : 'none',
    rotationDeg: angles.rotationDeg,
    tiltDeg: angles.tiltDeg,
    flexionDeg: angles.flexionDeg,
    lateralShiftCm: extra.lateralShiftCm ?? (measurable ? 0 : null),
    shoulderElevationDeg: extra.shoulderElevationDeg ?? (measurable ? 0 : null),
  };
}
