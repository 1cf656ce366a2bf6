// How far the strongest 1–8 Hz peak of pure measurement jitter stands over its floor, by the number of Welch
// segments averaged: the source of core's TREMOR_PROMINENCE_BY_SEGMENTS (docs/tremor-peak.md). White and 1/f
// ("pink", Kellet's filter) jitter, 30 fps with 10 % timing jitter, RUNS seeds per length; prints the 99.5 %
// quantile of peak/floor per segment count. Deterministic (seeded).
//   node --import tsx bench/experiments/tremor-prominence-table.ts [RUNS=400]
import { analyzeTremorAxis, gaussian, makeTimestampsMs, syntheticRng } from '@geste/core';
const RUNS = Number(process.argv[2] ?? 400);
const Q = 0.995; // core uses the q99.9 column
// Lengths that give 1, 2, 3, 4, 5, 6, 8, 10, 14, 21, 29 segments (8-s Hann segments, 50 % overlap); bucketed by the segments each run got.
const lengthsS = [8.5, 12.5, 16.5, 20.5, 24.5, 28.5, 36.5, 44.5, 60.5, 88.5, 120.5];
function pink(n: number, g: () => number): number[] {
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = g();
    b0 = 0.99886 * b0 + w * 0.0555179; b1 = 0.99332 * b1 + w * 0.0750759; b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856; b4 = 0.55 * b4 + w * 0.5329522; b5 = -0.7616 * b5 - w * 0.016898;
    out.push(b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362); b6 = w * 0.115926;
  }
  return out;
}
const q = (v: number[], p: number) => { const s = v.slice().sort((a, b) => a - b); const x = p * (s.length - 1); const i = Math.floor(x); return s[i]! + (s[Math.min(i + 1, s.length - 1)]! - s[i]!) * (x - i); };
const byK = new Map<number, Record<'white' | 'pink', number[]>>();
for (const L of lengthsS) {
  for (let seed = 1; seed <= RUNS; seed++) {
    const t = makeTimestampsMs(L, 30, 0.1, seed);
    for (const kind of ['white', 'pink'] as const) {
      const g = gaussian(syntheticRng(seed * 31 + (kind === 'pink' ? 17 : 0)));
      const v = kind === 'white' ? t.map(() => 0.3 * g()) : pink(t.length, g).map((x) => 0.3 * x);
      const r = analyzeTremorAxis('rotationDeg', { timestampsMs: t, values: v });
      if (!r.measurable || !r.peak) continue;
      if (!byK.has(r.segments)) byK.set(r.segments, { white: [], pink: [] });
      byK.get(r.segments)![kind].push(r.peak.prominence);
    }
  }
}
console.log(`${RUNS} seeds a length; peak density over the floor (median 0.5–2 Hz around the peak)`);
console.log('| segments | runs | white q99.5 | pink q99.5 | white q99.9 | pink q99.9 | white max | pink max |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [k, res] of [...byK].sort((a, b) => a[0] - b[0])) {
  const c = (v: number[], p: number) => (v.length ? q(v, p).toFixed(1) : '—');
  console.log(`| ${k} | ${res.white.length} | ${c(res.white, Q)} | ${c(res.pink, Q)} | ${c(res.white, 0.999)} | ${c(res.pink, 0.999)} | ${Math.max(...res.white).toFixed(1)} | ${Math.max(...res.pink).toFixed(1)} |`);
}
