// Issue 13, session 9 ("speech2"): every axis's tremor verdict and the headline `geste analyze` gives (saved landmarks
// replayed, calibrate-window neutral), one line per file — run before and after a talking-rule change and diff.
//   node --import tsx bench/experiments/speech2-verdicts.ts <landmarks.json>... > verdicts.txt
import { readFileSync } from 'node:fs';
import { AXES, type LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

for (const file of process.argv.slice(2)) {
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const t = (await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } })).summary.tremor;
  const h = t.headline ? `${t.headline.axis.slice(0, 3)} ${t.headline.peak.freqHz.toFixed(2)} Hz ${t.headline.peak.rmsDeg.toFixed(3)}°` : 'none';
  const axes = AXES.map((a) => { const r = t.axes[a]; return `${a.slice(0, 3)} ${r.measurable && r.peak ? `${r.peak.freqHz.toFixed(2)} ${r.peak.verdict}` : '-'}`; });
  console.log(`${file.replace('/work/main/packages/phantom/.cache/', '').replace('.landmarks.json', '')} | headline ${h} | ${axes.join(' ; ')}`);
}
