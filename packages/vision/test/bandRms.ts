/**
 * RMS of a series' content in a frequency band (mean removed, plain DFT), for the panned-photograph checks:
 * `panJitter.int.test.ts` and bench/experiments/pan-jitter.ts use the same function.
 */
export function bandRmsDeg(xs: readonly number[], fps: number, loHz: number, hiHz: number): { rmsDeg: number; peakHz: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  let power = 0, best = 0, peakHz = Number.NaN;
  for (let k = 1; k < n / 2; k++) {
    const f = (k * fps) / n;
    if (f < loHz || f > hiHz) continue;
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * k * i) / n;
      re += (xs[i]! - mean) * Math.cos(a);
      im -= (xs[i]! - mean) * Math.sin(a);
    }
    // A sinusoid of amplitude A in bin k has |X_k| = A·n/2 and mean square A²/2 = 2|X_k|²/n².
    const p = (2 * (re * re + im * im)) / (n * n);
    power += p;
    if (p > best) { best = p; peakHz = f; }
  }
  return { rmsDeg: Math.sqrt(power), peakHz };
}
