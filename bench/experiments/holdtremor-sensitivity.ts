// Issue 13, session 9 ("holdtremor"): tremor-sensitivity.ts's survey, parameterised for the low end where a slow
// movement's skirt is strongest: a tremor of <amplitude>° (peak) every <step> Hz from <from> to <to> Hz added to each
// axis of every phantom script's truth without a scripted tremor (30 fps); counts what core's verdict calls it.
// Run before and after a rule change and compare.
//   node --import tsx bench/experiments/holdtremor-sensitivity.ts [amplitudeDeg=1] [fromHz=1] [toHz=2.5] [stepHz=0.05]
import { analyzeTremorSeries, AXES, type Axis, type Series } from '@geste/core';
import { SCRIPTS } from '../../packages/phantom/src/scripts/motion.ts';
import { truthRows } from '../../packages/phantom/src/truth.ts';
const [amp = 1, from = 1, to = 2.5, step = 0.05] = process.argv.slice(2).map(Number);
const FPS = 30;
const totals: Record<string, number> = {};
for (const script of SCRIPTS) {
  if (script.events.tremors.length) continue;
  const truth = truthRows(script, FPS);
  if (truth.length < FPS * 8) continue;
  const verdicts: Record<string, number> = {};
  for (let f = from; f <= to + 1e-9; f += step) for (const ax of AXES) {
    const series = {} as Record<Axis, Series>;
    for (const a of AXES) series[a] = { timestampsMs: truth.map((r) => r.timestampMs), values: truth.map((r) => r[a] + (a === ax ? amp * Math.sin(2 * Math.PI * f * r.timestampMs / 1000 + 0.3) : 0)) };
    const res = analyzeTremorSeries(series);
    const p = res.axes[ax].measurable ? res.axes[ax].peak : null;
    const found = res.headline && Math.abs(res.headline.peak.freqHz - f) < 0.25;
    const v = found ? `found(rms ${res.headline!.peak.rmsDeg.toFixed(2)})` : (p ? p.verdict : 'none');
    const key = found ? 'found' : v;
    verdicts[key] = (verdicts[key] ?? 0) + 1;
    totals[key] = (totals[key] ?? 0) + 1;
    console.log(`${script.name} ${ax} ${f.toFixed(2)} ${v}`);
  }
  console.log(`# ${script.name}: ${Object.entries(verdicts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
}
console.log(`# total: ${Object.entries(totals).map(([k, n]) => `${k} ${n}`).join(', ')}`);
