// Issue 13, session 9 ("holdtremor"): a slow hold read as a 1.56 Hz rotation tremor. Replays one landmarks file
// (calibrate-window neutral), prints each axis's tremor peak and the PSD around it; --angles F writes the rotation
// series (timestampMs, rotationDeg) as JSON for a test fixture.
//   node --import tsx bench/experiments/holdtremor-probe.ts <landmarks.json> [--angles out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AXES, type LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { angles: { type: 'string' } } });
const frames = (JSON.parse(readFileSync(positionals[0]!, 'utf8')) as { frames: LandmarkFrame[] }).frames;
const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
const t = res.summary.tremor;
console.log('headline', t.headline ? `${t.headline.axis} ${t.headline.peak.freqHz.toFixed(3)} Hz ${t.headline.peak.rmsDeg.toFixed(3)}°` : 'none');
for (const a of AXES) {
  const r = t.axes[a];
  if (!r.measurable) { console.log(a, 'not measurable'); continue; }
  const p = r.peak;
  console.log(a, `segments ${r.segments}`, p ? `${p.freqHz.toFixed(3)} Hz ${p.rmsDeg.toFixed(3)}° range ${p.loHz.toFixed(2)}–${p.hiHz.toFixed(2)} power ${p.powerDeg2.toFixed(4)} floor ${p.floorDeg2PerHz.toExponential(2)} prom ${p.prominence.toFixed(1)} ${p.verdict}` : 'no peak');
  if (a === 'rotationDeg') for (let k = 0; k < r.psd.psd.length && r.psd.freqsHz[k]! <= 3; k++) console.log(`  ${r.psd.freqsHz[k]!.toFixed(3)} ${r.psd.psd[k]!.toExponential(3)}`);
}
if (values.angles) {
  const rows = res.frames.map((f) => [f.timestampMs, f.rotationDeg === null ? null : Math.round(f.rotationDeg * 1e4) / 1e4]);
  writeFileSync(values.angles, JSON.stringify(rows));
}
