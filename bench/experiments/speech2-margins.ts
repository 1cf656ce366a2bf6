// Issue 13, session 9 ("speech2"): the talking rule's quantities (tremor.ts talkingMatch) for every axis peak that is
// 'tremor' before the mouth rule, from core's own functions: the mouth line (Hz, %, prominence), the angle–lips
// coherence, and the lips' and jaw's lines at the peak per degree of the head's whole movement there. One JSON line per peak.
//   node --import tsx bench/experiments/speech2-margins.ts <landmarks.json>... > margins.jsonl
import { readFileSync } from 'node:fs';
import { AXES, analyzeTremor, analyzeTremorAxis, coherenceAt, lineRmsAt, mouthOpeningSeries, seriesFromFrames, type LandmarkFrame, type Series } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const pct = (t: readonly number[], v: readonly (number | null)[]): Series => ({ timestampsMs: t, values: v.map((x) => (x === null ? null : 100 * x)) });
for (const file of process.argv.slice(2)) {
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const blind = analyzeTremor(res.frames);
  const mouth = mouthOpeningSeries(frames);
  const lips = analyzeTremorAxis('flexionDeg', pct(mouth.timestampsMs, mouth.values));
  const jaw = analyzeTremorAxis('flexionDeg', pct(mouth.timestampsMs, mouth.jaw));
  if (!lips.measurable || !jaw.measurable || !lips.peak) continue;
  const spectra = AXES.flatMap((b) => { const x = blind.axes[b]; return x.measurable ? [x.psd] : []; });
  const name = file.replace('/work/main/packages/phantom/.cache/', '').replace('/work/s8-matrix-replay/', '').replace('/work/s8-jerkpeak/', '').replace('.landmarks.json', '');
  for (const a of AXES) {
    const r = blind.axes[a];
    if (!r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
    const f = r.peak.freqHz, w = 2 / 8;
    const head = Math.hypot(...spectra.map((p) => lineRmsAt(p, f, w)));
    const c = coherenceAt(seriesFromFrames(res.frames, a), mouth, f);
    const after = res.summary.tremor.axes[a];
    console.log(JSON.stringify({
      name, axis: a, f: +f.toFixed(2), rmsDeg: +r.peak.rmsDeg.toFixed(3), headDeg: +head.toFixed(3),
      mouthHz: +lips.peak.freqHz.toFixed(2), mouthPct: +lips.peak.rmsDeg.toFixed(3), mouthProm: +lips.peak.prominence.toFixed(1),
      coh: c && +c.coherence.toFixed(3), seg: c?.segments ?? 0,
      lipsPerHead: +(lineRmsAt(lips.psd, f, w) / head).toFixed(3), jawPerHead: +(lineRmsAt(jaw.psd, f, w) / head).toFixed(3),
      lipsPerPeak: +(lips.peak.rmsDeg / r.peak.rmsDeg).toFixed(3),
      verdict: after.measurable ? after.peak?.verdict : null, headline: res.summary.tremor.headline?.axis === a,
    }));
  }
}
