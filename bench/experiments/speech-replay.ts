// Issue 13, session 8 ("speech"): talking read as tremor. Replays the matrix's saved landmarks (no models) through this
// branch's `geste analyze` code and prints, per face/camera/clip: the tremor headline, each axis's strongest 1–8 Hz peak
// (verdict), the mouth-opening signal's strongest 1–8 Hz peak (core signal/mouth.ts) and the angle–mouth coherence at
// the angle peak.   node --import tsx bench/experiments/speech-replay.ts <matrixDir> [--clips a,b] [--faces a,b]
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AXES, analyzeTremorAxis, coherenceAt, mouthOpeningSeries, seriesFromFrames, type LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { clips: { type: 'string' }, faces: { type: 'string' }, cameras: { type: 'string', default: 'webcam-640,laptop-15fps-dim' } } });
const dir = positionals[0]!;
const faces = values.faces?.split(',') ?? readdirSync(dir).sort();
for (const face of faces) for (const cam of values.cameras!.split(',')) {
  const cd = join(dir, face, cam);
  if (!existsSync(cd)) continue;
  const clips = values.clips?.split(',') ?? readdirSync(cd).filter((f) => f.endsWith('.landmarks.json')).map((f) => f.replace('.landmarks.json', '')).sort();
  for (const clip of clips) {
    const p = join(cd, `${clip}.landmarks.json`);
    if (!existsSync(p)) continue;
    const frames = (JSON.parse(readFileSync(p, 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
    const mouth = mouthOpeningSeries(frames);
    const m = analyzeTremorAxis('rotationDeg', { timestampsMs: mouth.timestampsMs, values: mouth.values.map((v) => (v === null ? null : 100 * v)) });
    const mp = m.measurable ? m.peak : null;
    const h = res.summary.tremor.headline;
    const parts: string[] = [];
    for (const a of AXES) {
      const r = res.summary.tremor.axes[a];
      if (!r.measurable || !r.peak) continue;
      const c = coherenceAt(seriesFromFrames(res.frames, a), mouth, r.peak.freqHz);
      parts.push(`${a.slice(0, 3)} ${r.peak.freqHz.toFixed(2)}Hz ${r.peak.rmsDeg.toFixed(2)}° ${r.peak.prominence.toFixed(0)}× ${r.peak.verdict} coh ${c ? c.coherence.toFixed(2) : '-'}/${c?.segments ?? 0}`);
    }
    const mouthTxt = mp ? `mouth ${mp.freqHz.toFixed(2)}Hz ${mp.rmsDeg.toFixed(2)}% ${mp.prominence.toFixed(0)}× ${mp.verdict}` : 'mouth -';
    console.log(`${face} ${cam} ${clip}: headline ${h ? `${h.axis.slice(0, 3)} ${h.peak.freqHz.toFixed(2)} Hz ${h.peak.rmsDeg.toFixed(2)}° (${h.peak.verdict})` : 'none'} | ${mouthTxt} | ${parts.join(' ; ')}`);
  }
}
