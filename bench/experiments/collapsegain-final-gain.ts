// Final learned gain per side for each file (replay through GuardedFrameMeasurer, calibrated on the first 2 s).
import { readFileSync } from 'node:fs';
import { GuardedFrameMeasurer, calibrateNeutral, type LandmarkFrame } from '@geste/core';
import { REST_MS } from '@geste/phantom';
type Side = { ms: number; ratio: number; meshYawDeg: number }[];
const q = (s: number[], p: number) => { const i = p * (s.length - 1), lo = Math.floor(i), hi = Math.ceil(i); return s[lo]! + (s[hi]! - s[lo]!) * (i - lo); };
for (const file of process.argv.slice(2)) {
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
  if (!cal.ok) { console.log(file, 'cal failed'); continue; }
  const g = new GuardedFrameMeasurer();
  const l = (g as unknown as { keypointGain: { sides: [Side, Side]; gainFor(y: number): { gain: number } | null } }).keypointGain;
  const firstTrusted: (number | null)[] = [null, null];
  for (const f of frames) { g.measure(f, cal.neutral); for (const k of [0, 1]) if (firstTrusted[k] === null && l.gainFor(k ? 1 : -1)) firstTrusted[k] = Math.round(f.timestampMs); }
  const desc = (k: 0 | 1) => { const s = l.sides[k]; if (!s.length) return 'n0'; const r = s.map((x) => x.ratio).sort((a, b) => a - b); const gg = l.gainFor(k ? 1 : -1);
    return `n${s.length} span${Math.round(s[s.length - 1]!.ms - s[0]!.ms)}ms med${q(r, .5).toFixed(2)} p10-90 ${q(r, .1).toFixed(2)}-${q(r, .9).toFixed(2)} ${gg ? 'TRUSTED ' + gg.gain.toFixed(2) : 'untrusted'}${firstTrusted[k] === null ? '' : ' first trusted at ' + firstTrusted[k] + 'ms'}`; };
  console.log(file.replace(/.*\.cache\//, '').replace('/work/s8-farturn/m8all/', 'm8all/'), '| −:', desc(0), '| +:', desc(1));
}
