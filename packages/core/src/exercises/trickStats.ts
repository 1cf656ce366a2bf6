// Is the posture during a sensory trick really different from before it, given how much the person's own
// posture wanders? Frames are strongly autocorrelated (30 frames a second of one slowly moving head), so
// frames are not independent samples. The windows are cut into blocks (1 s by default) and each block's
// mean deviation is one observation; the before and during blocks are then compared with a two-sample
// permutation test on the difference of means (exact over all relabellings when there are few, else a
// seeded Monte-Carlo sample of relabellings).
// ref: P. Good, "Permutation, Parametric and Bootstrap Tests of Hypotheses", 3rd ed., Springer 2005, ch. 3
//      (two-sample permutation test; Monte-Carlo p = (1 + b) / (1 + B), Phipson & Smyth 2010,
//      Stat Appl Genet Mol Biol 9:39).
// ref: H. Künsch, "The jackknife and the bootstrap for general stationary observations", Ann Stat 1989
//      (blocks of consecutive samples as the unit for dependent data).
// A significant difference must also exceed a floor: the measurement error of camera head pose (3°) and
// twice the posture's own noise, so a slow drift between windows is not called an effect.
// The spread of the before blocks (their standard deviation) is reported as the person's posture noise.
// Pure: no clock, the Monte-Carlo generator is seeded.
import { seededRandom } from '../random.ts';

export interface BlockStatsOptions {
  /** Block length, ms. Default 1000. */
  readonly blockMs: number;
  /** A block counts only with at least this many measured frames. Default 3. */
  readonly minFramesPerBlock: number;
  /** A window needs at least this many valid blocks. Default 4. */
  readonly minBlocksPerWindow: number;
  /** A window needs at least this many measured frames in all. Default 12. */
  readonly minFramesPerWindow: number;
  /** Significance level of the two-sided test. Default 0.05. */
  readonly alpha: number;
  /** Exact enumeration up to this many relabellings, else this many Monte-Carlo relabellings. Default 20000. */
  readonly maxPermutations: number;
  /** Seed of the Monte-Carlo relabellings. Default 1. */
  readonly seed: number;
  /**
   * A difference smaller than this is never called a difference, deg. Default 3: about the error of
   * camera head-pose measurement (2.8–4°, CLINICAL.md "Reference accuracy").
   */
  readonly minDifferenceDeg: number;
  /** ...nor one smaller than this many times the posture noise (SD of the first window's block means). Default 2. */
  readonly noiseMultiple: number;
}

export const BLOCK_STATS_DEFAULTS: BlockStatsOptions = {
  blockMs: 1000,
  minFramesPerBlock: 3,
  minBlocksPerWindow: 4,
  minFramesPerWindow: 12,
  alpha: 0.05,
  maxPermutations: 20000,
  seed: 1,
  minDifferenceDeg: 3,
  noiseMultiple: 2,
};

/** One measured value at a time (deviation in degrees). */
export interface TimedDeviation {
  readonly timestampMs: number;
  readonly value: number;
}

export interface WindowBlocks {
  /** Mean of each valid block, deg. */
  readonly blockMeansDeg: readonly number[];
  /** Measured frames in the window. */
  readonly frames: number;
  /** Enough frames and blocks to compare. */
  readonly enough: boolean;
}

/** Cuts [startMs, endMs) into blocks and keeps the mean of each block with enough frames. */
export function windowBlocks(values: readonly TimedDeviation[], startMs: number, endMs: number, o: BlockStatsOptions = BLOCK_STATS_DEFAULTS): WindowBlocks {
  const n = Math.max(1, Math.floor((endMs - startMs) / o.blockMs));
  const len = (endMs - startMs) / n;
  const sums = new Array<number>(n).fill(0);
  const counts = new Array<number>(n).fill(0);
  let frames = 0;
  for (const v of values) {
    if (v.timestampMs < startMs || v.timestampMs >= endMs || !Number.isFinite(v.value)) continue;
    const b = Math.min(n - 1, Math.floor((v.timestampMs - startMs) / len));
    sums[b] = (sums[b] as number) + v.value;
    counts[b] = (counts[b] as number) + 1;
    frames++;
  }
  const blockMeansDeg: number[] = [];
  for (let b = 0; b < n; b++) if ((counts[b] as number) >= o.minFramesPerBlock) blockMeansDeg.push((sums[b] as number) / (counts[b] as number));
  return { blockMeansDeg, frames, enough: frames >= o.minFramesPerWindow && blockMeansDeg.length >= o.minBlocksPerWindow };
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1));
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

export type Difference = 'smaller' | 'larger' | 'no-clear-difference' | 'not-enough-data';

export interface Comparison {
  readonly verdict: Difference;
  /** Mean of the first window minus mean of the second, deg (positive = smaller deviation in the second). */
  readonly differenceDeg: number | null;
  /** Two-sided permutation p-value; null when not enough data. */
  readonly pValue: number | null;
  /** 'exact' = every relabelling; 'monte-carlo' = a seeded sample. */
  readonly method: 'exact' | 'monte-carlo' | null;
  /** Standard deviation of the first window's block means, deg: the person's own posture noise. */
  readonly noiseDeg: number | null;
  /** The smallest difference called a difference here: max(minDifferenceDeg, noiseMultiple × noiseDeg). */
  readonly floorDeg: number | null;
  readonly blocksA: number;
  readonly blocksB: number;
  readonly framesA: number;
  readonly framesB: number;
}

/**
 * Two-sided permutation test of "the second window's deviation differs from the first's", on block means.
 * 'smaller' = the deviation is clearly smaller in the second window (p < alpha), 'larger' = clearly larger.
 */
export function compareWindows(a: WindowBlocks, b: WindowBlocks, options: Partial<BlockStatsOptions> = {}): Comparison {
  const o = { ...BLOCK_STATS_DEFAULTS, ...options };
  const base = { blocksA: a.blockMeansDeg.length, blocksB: b.blockMeansDeg.length, framesA: a.frames, framesB: b.frames };
  if (!a.enough || !b.enough) return { ...base, verdict: 'not-enough-data', differenceDeg: null, pValue: null, method: null, noiseDeg: a.blockMeansDeg.length >= 2 ? sd(a.blockMeansDeg) : null, floorDeg: null };
  const xs = [...a.blockMeansDeg, ...b.blockMeansDeg];
  const na = a.blockMeansDeg.length;
  const total = xs.reduce((s, x) => s + x, 0);
  const n = xs.length;
  const observed = mean(a.blockMeansDeg) - mean(b.blockMeansDeg);
  // For a fixed total, mean(A) − mean(B) is a monotone function of sum(A): compare |diff| through sum(A).
  const diffOf = (sumA: number): number => sumA / na - (total - sumA) / (n - na);
  const eps = 1e-9 * Math.max(1, Math.abs(observed));
  const combos = binomial(n, na);
  let extreme = 0;
  let count = 0;
  let method: 'exact' | 'monte-carlo';
  if (combos <= o.maxPermutations) {
    method = 'exact';
    const idx = Array.from({ length: na }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (const i of idx) s += xs[i] as number;
      if (Math.abs(diffOf(s)) >= Math.abs(observed) - eps) extreme++;
      count++;
      let k = na - 1;
      while (k >= 0 && idx[k] === n - na + k) k--;
      if (k < 0) break;
      idx[k] = (idx[k] as number) + 1;
      for (let j = k + 1; j < na; j++) idx[j] = (idx[j - 1] as number) + 1;
    }
  } else {
    method = 'monte-carlo';
    const rnd = seededRandom(o.seed);
    const perm = xs.slice();
    for (let r = 0; r < o.maxPermutations; r++) {
      // Partial Fisher–Yates: the first na places are a uniform random subset.
      for (let i = 0; i < na; i++) {
        const j = i + Math.floor(rnd() * (n - i));
        const t = perm[i] as number;
        perm[i] = perm[j] as number;
        perm[j] = t;
      }
      let s = 0;
      for (let i = 0; i < na; i++) s += perm[i] as number;
      if (Math.abs(diffOf(s)) >= Math.abs(observed) - eps) extreme++;
      count++;
    }
    extreme += 1; // the observed labelling itself (Phipson & Smyth)
    count += 1;
  }
  const pValue = extreme / count;
  const noiseDeg = sd(a.blockMeansDeg);
  const floorDeg = Math.max(o.minDifferenceDeg, o.noiseMultiple * noiseDeg);
  const verdict: Difference = pValue < o.alpha && Math.abs(observed) >= floorDeg ? (observed > 0 ? 'smaller' : 'larger') : 'no-clear-difference';
  return { ...base, verdict, differenceDeg: observed, pValue, method, noiseDeg, floorDeg };
}
