// Issue 13, session 8 ("speech"): does a lip-free head motion (eye line, nose tip, forehead from the face mesh) tell talking
// from tremor? Coherence of the fitted angle with each upper-face proxy at the peak.   node --import tsx bench/experiments/speech-upperface.ts <landmarks.json>...
import { readFileSync } from 'node:fs';
import { coherenceAt, seriesFromFrames, type LandmarkFrame, type Series } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';
const cases = process.argv.slice(2);
for (const c of cases) {
  const frames = (JSON.parse(readFileSync(c, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const h = res.summary.tremor.headline ?? null;
  let axis = h?.axis; let f = h?.peak.freqHz;
  if (!h) { for (const a of ['rotationDeg','tiltDeg','flexionDeg'] as const) { const r = res.summary.tremor.axes[a]; if (r.measurable && r.peak?.verdict === 'matches-the-mouth') { axis = a; f = r.peak.freqHz; } } }
  if (!axis || !f) { console.log(c, 'no peak'); continue; }
  const t = frames.map((x) => x.timestampMs);
  const P = (fn: (m: readonly {x:number;y:number;z:number}[]) => number): Series => ({ timestampsMs: t, values: frames.map((x) => { const m = x.faces[0]?.meshPx; return m && m.length > 300 ? fn(m) : null; }) });
  const ed = (m: readonly {x:number;y:number;z:number}[]) => Math.hypot(m[33]!.x - m[263]!.x, m[33]!.y - m[263]!.y);
  const proxies: Record<string, Series> = {
    roll: P((m) => (Math.atan2(m[263]!.y - m[33]!.y, m[263]!.x - m[33]!.x) * 180) / Math.PI),
    yaw: P((m) => (m[1]!.x - (m[33]!.x + m[263]!.x) / 2) / ed(m)),
    pitch: P((m) => (m[1]!.y - (m[33]!.y + m[263]!.y) / 2) / ed(m)),
    fore: P((m) => (m[10]!.y - (m[33]!.y + m[263]!.y) / 2) / ed(m)),
    eyey: P((m) => ((m[33]!.y + m[263]!.y) / 2) / ed(m)),
  };
  const ang = seriesFromFrames(res.frames, axis);
  const out = Object.entries(proxies).map(([k, s]) => `${k} ${coherenceAt(ang, s, f)?.coherence.toFixed(2)}`);
  console.log(`${c.replace('/work/s8-matrix/matrix/', '').replace('/work/s8-jerkpeak/full/', 'full/').replace('.landmarks.json', '')}: ${axis.slice(0,3)} ${f.toFixed(2)} Hz ${h ? 'tremor' : 'mouth'} | ${out.join(' ')}`);
}
