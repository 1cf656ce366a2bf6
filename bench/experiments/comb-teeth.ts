// The tremor peak of each axis, and how its spectrum looks at the multiples of the slow rhythm (a comb?), on
// `geste analyze` frames.json files. node --import tsx bench/experiments/comb-teeth.ts <frames.json>...
import { readFileSync } from 'node:fs';
import { analyzeTremor, spectralFloor, AXES, type FrameMeasure } from '@geste/core';
for (const file of process.argv.slice(2)) {
  const frames = JSON.parse(readFileSync(file, 'utf8')) as FrameMeasure[];
  const res = analyzeTremor(frames);
  console.log(`${file}: headline ${res.headline ? `${res.headline.axis} ${res.headline.peak.freqHz.toFixed(2)} Hz ${res.headline.peak.rmsDeg.toFixed(3)}°` : 'none'}`);
  for (const a of AXES) {
    const r = res.axes[a];
    if (!r.measurable) continue;
    const p = r.peak;
    const psd = r.psd;
    const at = (f: number) => { let best = 0; for (let k = 0; k < psd.psd.length; k++) if (Math.abs((psd.freqsHz[k] as number) - f) <= 0.07) best = Math.max(best, psd.psd[k] as number); return best; };
    const teeth = [];
    for (let f = 0.5; f <= 8.001; f += 0.5) teeth.push(`${f}:${(at(f) / spectralFloor(psd, f)).toFixed(0)}`);
    console.log(`  ${a} peak ${p ? `${p.freqHz.toFixed(3)} Hz ${p.rmsDeg.toFixed(3)}° ×${p.prominence.toFixed(1)} ${p.verdict}` : '—'} | density/floor at k·0.5 Hz: ${teeth.join(' ')}`);
  }
}
