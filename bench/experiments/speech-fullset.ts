// Issue 13, session 8 ("speech"): every saved full-set clip (<dir>/<clip>.s8.landmarks.json) replayed through this branch's
// `geste analyze` code; the tremor headline without the mouth (the rule before) and with it (summary), and every axis
// whose verdict changed.   node --import tsx bench/experiments/speech-fullset.ts <dir> [clip,clip]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AXES, analyzeTremor, coherenceAt, mouthLine, seriesFromFrames, mouthOpeningSeries, type LandmarkFrame, type TremorResult } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const dir = process.argv[2]!;
const head = (r: TremorResult) => (r.headline ? `${r.headline.axis.slice(0, 3)} ${r.headline.peak.freqHz.toFixed(2)} Hz ${r.headline.peak.rmsDeg.toFixed(3)}°` : 'none');
const only = process.argv[3]?.split(',');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.s8.landmarks.json') && (!only || only.includes(x.replace('.s8.landmarks.json', '')))).sort()) {
  const frames = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const blind = analyzeTremor(res.frames);
  const withMouth = res.summary.tremor;
  const m = mouthLine(mouthOpeningSeries(frames));
  const h = blind.headline;
  const coh = h ? coherenceAt(seriesFromFrames(res.frames, h.axis), mouthOpeningSeries(frames), h.peak.freqHz) : null;
  const changed = AXES.filter((a) => { const x = blind.axes[a], y = withMouth.axes[a]; return x.measurable && y.measurable && x.peak?.verdict !== y.peak?.verdict; });
  console.log(`${f.replace('.s8.landmarks.json', '')}: before ${head(blind)} | after ${head(withMouth)} | mouth ${m ? `${m.freqHz.toFixed(2)} Hz ${m.rmsDeg.toFixed(2)} % ${m.prominence.toFixed(0)}×` : '-'}${coh ? ` | coherence ${coh.coherence.toFixed(2)}/${coh.segments}` : ''}${changed.length ? ` | CHANGED ${changed.join(',')}` : ''}`);
}
