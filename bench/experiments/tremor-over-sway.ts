// What a slow sway costs the tremor verdict: a 0.5° flexion tremor (1.5–8 Hz every 0.05 Hz) with a 2° tilt sway at f0
// (0.3–1.5 Hz) in 0.1° white jitter, 20 s at 30 fps with 10 % timing jitter, 3 seeds. Counts the tremors not found
// (flexion's peak not within 0.25 Hz of the tremor with verdict 'tremor'; a sway from 1 Hz is itself reported) by verdict.
// node --import tsx bench/experiments/tremor-over-sway.ts
import { analyzeTremorSeries, AXES, type Axis, type Series } from '@geste/core';
import { gaussian, makeTimestampsMs, syntheticRng } from '../../packages/core/src/signal/synthetic.ts';
for (const f0 of [0.3, 0.5, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5]) {
  const lost: Record<string, number> = {};
  const lostAt: number[] = [];
  let total = 0;
  for (let f = 1.5; f <= 8.001; f += 0.05) for (const seed of [1, 2, 3]) {
    const t = makeTimestampsMs(20, 30, 0.1, seed);
    const s = {} as Record<Axis, Series>;
    AXES.forEach((a, i) => {
      const g = gaussian(syntheticRng(seed * 13 + i));
      s[a] = { timestampsMs: t, values: t.map((ms) => (a === 'tiltDeg' ? 2 * Math.sin(2 * Math.PI * f0 * ms / 1000) : 0) + (a === 'flexionDeg' ? 0.5 * Math.sin(2 * Math.PI * f * ms / 1000 + 0.3 * seed) : 0) + 0.1 * g()) };
    });
    const r = analyzeTremorSeries(s);
    total++;
    const p = r.axes.flexionDeg.measurable ? r.axes.flexionDeg.peak : null;
    if (p && p.verdict === 'tremor' && Math.abs(p.freqHz - f) < 0.25) continue;
    const v = p ? `${p.verdict}${p.harmonicOf ? ` n=${p.harmonicOf.n}` : ''}` : 'none';
    lost[v] = (lost[v] ?? 0) + 1;
    if (seed === 1) lostAt.push(Math.round(f * 100) / 100);
  }
  console.log(`sway ${f0} Hz: lost ${Object.values(lost).reduce((a, b) => a + b, 0)} of ${total} (${Object.entries(lost).map(([k, n]) => `${k}: ${n}`).join(', ') || '—'}); seed 1 at ${lostAt.join(', ') || '—'} Hz`);
}
