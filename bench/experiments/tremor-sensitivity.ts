// A 1° tremor (1.5–8 Hz, every 0.1 Hz, each axis) added to the truth angles of every phantom script without a
// scripted tremor: what core's tremor verdict calls it; and whether the bare truth angles are called tremor (a false alarm). Run: node --import tsx bench/experiments/tremor-sensitivity.ts
import { analyzeTremorSeries, AXES, type Axis, type Series } from '@geste/core';
import { SCRIPTS } from '../../packages/phantom/src/scripts/motion.ts';
import { truthRows } from '../../packages/phantom/src/truth.ts';
const FPS = 30;
const out: string[] = [];
for (const script of SCRIPTS) {
  if (script.events.tremors.length) continue;
  const truth = truthRows(script, FPS);
  if (truth.length < FPS * 8) continue;
  const bare = {} as Record<Axis, Series>;
  for (const a of AXES) bare[a] = { timestampsMs: truth.map((r) => r.timestampMs), values: truth.map((r) => r[a]) };
  const h0 = analyzeTremorSeries(bare).headline;
  let total = 0; const verdicts: Record<string, number> = {};
  for (let f = 1.5; f <= 8.001; f += 0.1) for (const ax of AXES) {
    const series = {} as Record<Axis, Series>;
    for (const a of AXES) series[a] = { timestampsMs: truth.map((r) => r.timestampMs), values: truth.map((r) => r[a] + (a === ax ? Math.sin(2 * Math.PI * f * r.timestampMs / 1000 + 0.3) : 0)) };
    const res = analyzeTremorSeries(series);
    const p = res.axes[ax].measurable ? res.axes[ax].peak : null;
    const v = res.headline && Math.abs(res.headline.peak.freqHz - f) < 0.25 ? 'found' : (p ? p.verdict : 'none');
    verdicts[v] = (verdicts[v] ?? 0) + 1; total++;
  }
  out.push(`${script.name} (${(truth.length / FPS).toFixed(0)} s): ${Object.entries(verdicts).map(([k, n]) => `${k} ${n}`).join(', ')} of ${total}; with nothing added: ${h0 ? `FALSE tremor ${h0.axis} ${h0.peak.freqHz.toFixed(2)} Hz` : 'no tremor'}`);
}
console.log(out.join('\n'));
