/**
 * Session 10 (facezero): the face-zero tracker's state frame by frame on saved landmarks — readings, the pitch
 * spread (10th–90th percentile) and the rigidity gain behind its decision — printed where the decision changes.
 *   node --import tsx bench/experiments/facezero-trace.ts FILE...
 */
import { AnatomicalEstimator } from '@geste/core';
import { loadLandmarkFrames } from './savedLandmarks.ts';


interface Internals { rigidityAlphas: number[]; rigidityPitches: number[]; values: number[] }

function spreadAndGain(a: readonly number[], p: readonly number[]): [number, number] {
  const n = p.length;
  if (n < 2) return [0, NaN];
  const s = [...p].sort((x, y) => x - y);
  const spread = s[Math.floor((n - 1) * 0.9)]! - s[Math.floor((n - 1) * 0.1)]!;
  let mp = 0, ma = 0;
  for (let i = 0; i < n; i++) { mp += p[i]!; ma += a[i]!; }
  mp /= n; ma /= n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (p[i]! - mp) * (a[i]! - ma); sxx += (p[i]! - mp) ** 2; }
  return [spread, sxx > 0 ? sxy / sxx : NaN];
}

for (const path of process.argv.slice(2)) {
  const est = new AnatomicalEstimator();
  const tracker = (est as unknown as { faceZero: Internals }).faceZero;
  let last = '';
  let maxSpread = 0;
  const out: string[] = [];
  for (const f of loadLandmarkFrames(path)) {
    const m = est.measure(f);
    const z = est.faceZeroState;
    const [spread, gain] = spreadAndGain(tracker.rigidityAlphas, tracker.rigidityPitches);
    maxSpread = Math.max(maxSpread, spread);
    const key = `${z.zero} ${z.notes.join(',')}`;
    if (key !== last) {
      out.push(`  ${(f.timestampMs / 1000).toFixed(2)} s: ${key} off ${z.offsetDeg.toFixed(1)} readings ${tracker.values.length} rigidity ${tracker.rigidityAlphas.length} spread ${spread.toFixed(1)} gain ${gain.toFixed(2)} flex ${m.flexionDeg?.toFixed(1)}`);
      last = key;
    }
  }
  const [spread, gain] = spreadAndGain(tracker.rigidityAlphas, tracker.rigidityPitches);
  console.log(`${path}: end spread ${spread.toFixed(1)} (max ${maxSpread.toFixed(1)}) gain ${gain.toFixed(2)} readings ${tracker.values.length} rigidity ${tracker.rigidityAlphas.length}`);
  for (const l of out) console.log(l);
}
