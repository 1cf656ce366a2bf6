import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { compareWindows, windowBlocks, type TimedDeviation } from './trickStats.ts';

/** 30 fps values over [startMs, endMs) from f(t). */
function series(startMs: number, endMs: number, f: (tMs: number) => number): TimedDeviation[] {
  const out: TimedDeviation[] = [];
  for (let t = startMs; t < endMs; t += 1000 / 30) out.push({ timestampMs: t, value: f(t) });
  return out;
}

describe('block permutation test (trickStats)', () => {
  it('exact test: 4 blocks clearly apart give p = 2/70 (the smallest two-sided p with 4 + 4 blocks)', () => {
    const v = [...series(0, 4000, () => 20), ...series(4000, 8000, () => 10)];
    const c = compareWindows(windowBlocks(v, 0, 4000), windowBlocks(v, 4000, 8000));
    expect(c.method).toBe('exact');
    expect(c.pValue).toBeCloseTo(2 / 70, 12);
    expect(c.verdict).toBe('smaller');
    expect(c.differenceDeg).toBeCloseTo(10, 9);
  });

  it('noise alone: no clear difference', () => {
    const r = seededRandom(5);
    const v = series(0, 16000, () => 20 + 4 * (r() - 0.5));
    const c = compareWindows(windowBlocks(v, 0, 8000), windowBlocks(v, 8000, 16000));
    expect(c.verdict).toBe('no-clear-difference');
  });

  it('a slow drift of 2° between windows is below the floor even when the test is "significant"', () => {
    const v = series(0, 16000, (t) => 20 - (2 * t) / 16000);
    const c = compareWindows(windowBlocks(v, 0, 8000), windowBlocks(v, 8000, 16000));
    expect(c.pValue).toBeLessThan(0.05);
    expect(c.verdict).toBe('no-clear-difference');
  });

  it('many blocks: seeded Monte-Carlo, same answer every time', () => {
    const r = seededRandom(9);
    const v = series(0, 24000, (t) => (t < 12000 ? 25 : 15) + 2 * (r() - 0.5));
    const a = windowBlocks(v, 0, 12000, { blockMs: 500, minFramesPerBlock: 3, minBlocksPerWindow: 4, minFramesPerWindow: 12, alpha: 0.05, maxPermutations: 2000, seed: 3, minDifferenceDeg: 3, noiseMultiple: 2 });
    const b = windowBlocks(v, 12000, 24000, { blockMs: 500, minFramesPerBlock: 3, minBlocksPerWindow: 4, minFramesPerWindow: 12, alpha: 0.05, maxPermutations: 2000, seed: 3, minDifferenceDeg: 3, noiseMultiple: 2 });
    const c1 = compareWindows(a, b, { maxPermutations: 2000, seed: 3 });
    const c2 = compareWindows(a, b, { maxPermutations: 2000, seed: 3 });
    expect(c1.method).toBe('monte-carlo');
    expect(c1.pValue).toBe(c2.pValue);
    expect(c1.pValue).toBeCloseTo(1 / 2001, 9);
    expect(c1.verdict).toBe('smaller');
  });

  it('too few measured frames or blocks: not enough data', () => {
    const v = [...series(0, 8000, () => 20), ...series(8000, 9000, () => 5)];
    const c = compareWindows(windowBlocks(v, 0, 8000), windowBlocks(v, 8000, 16000));
    expect(c.verdict).toBe('not-enough-data');
    expect(c.pValue).toBeNull();
    expect(c.framesB).toBeGreaterThan(20); // frames there, but all in one block
  });
});
