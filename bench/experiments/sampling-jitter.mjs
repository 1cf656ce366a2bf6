// node bench/experiments/sampling-jitter.mjs <dir>/<clip> …  (files <clip>.truth.csv and <clip>.measured.json from sampling-matrix.ts)
// Frame-to-frame jitter of measured angles where the truth holds still (|Δtruth| < 0.001° on every axis): RMS of Δ.
import { readFileSync } from 'node:fs';
for (const base of process.argv.slice(2)) {
  const t = readFileSync(base + '.truth.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const m = JSON.parse(readFileSync(base + '.measured.json', 'utf8')).frames;
  const out = {};
  for (const ax of ['rotationDeg', 'tiltDeg', 'flexionDeg']) {
    let s = 0, n = 0;
    for (let i = 1; i < Math.min(t.length, m.length); i++) {
      if ([2, 3, 4].some((c) => Math.abs(t[i][c] - t[i - 1][c]) > 1e-3)) continue;
      const a = m[i][ax], b = m[i - 1][ax];
      if (typeof a !== 'number' || typeof b !== 'number') continue;
      s += (a - b) ** 2; n++;
    }
    out[ax] = Math.sqrt(s / n).toFixed(3) + ` (${n})`;
  }
  console.log(base.split('/')[1] ?? base, base.split('/').slice(-2).join('/'), JSON.stringify(out));
}
