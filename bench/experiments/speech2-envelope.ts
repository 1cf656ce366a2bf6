// Issue 13, session 9 ("speech2"): does the angle's rhythm stop when the mouth stops? For every axis peak that is
// 'tremor' before the mouth rule, the angle band-limited to f ± 0.75 Hz and the mouth's activity (lip gap 1.5–8 Hz,
// moving RMS over 0.5 s) over the clip: the angle's RMS where the mouth is quiet over where it moves (Q), and the
// correlation of the two envelopes.   node --import tsx bench/experiments/speech2-envelope.ts <landmarks.json>... > out.jsonl
import { readFileSync } from 'node:fs';
import { AXES, analyzeTremor, cleanSeries, fftInPlace, measuredRuns, mouthOpeningSeries, nextPowerOfTwo, nominalStepMs, resampleUniform, seriesFromFrames, type LandmarkFrame, type Series } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

function grid(s: Series, stepMs: number, startMs: number, endMs: number): (number | null)[] {
  return resampleUniform(cleanSeries(s), { stepMs, maxGapMs: Math.max(100, 2.5 * stepMs), method: 'cubic', startMs, endMs }).values;
}
function bandpass(x: readonly number[], fsHz: number, lo: number, hi: number): number[] {
  const len = x.length, n = nextPowerOfTwo(2 * len);
  const mean = x.reduce((p, q) => p + q, 0) / len;
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < len; i++) re[i] = x[i]! - mean;
  fftInPlace(re, im);
  for (let k = 0; k < n; k++) { const f = (Math.min(k, n - k) * fsHz) / n; if (f < lo || f > hi) { re[k] = 0; im[k] = 0; } }
  fftInPlace(re, im, true);
  return Array.from(re.subarray(0, len));
}
function movingRms(x: readonly number[], half: number): number[] {
  return x.map((_, i) => { let s = 0, c = 0; for (let j = Math.max(0, i - half); j <= Math.min(x.length - 1, i + half); j++) { s += x[j]! ** 2; c++; } return Math.sqrt(s / c); });
}
export function envelopeFeatures(angle: Series, mouthPct: Series, fHz: number) {
  const stepMs = nominalStepMs(cleanSeries(angle).timestampsMs);
  if (stepMs === null) return null;
  const startMs = Math.max(angle.timestampsMs[0]!, mouthPct.timestampsMs[0]!), endMs = Math.min(angle.timestampsMs.at(-1)!, mouthPct.timestampsMs.at(-1)!);
  const ga = grid(angle, stepMs, startMs, endMs), gm = grid(mouthPct, stepMs, startMs, endMs);
  const both = ga.map((v, i) => (v !== null && gm[i] !== null ? 1 : null));
  const runs = measuredRuns(both, 1);
  const [r0, r1] = runs.reduce((b, r) => (r[1] - r[0] > b[1] - b[0] ? r : b), [0, 0] as [number, number]);
  const fsHz = 1000 / stepMs;
  if (r1 - r0 < 4 * fsHz) return null;
  const a = ga.slice(r0, r1) as number[], m = gm.slice(r0, r1) as number[];
  const ab = bandpass(a, fsHz, fHz - 0.75, fHz + 0.75), mb = bandpass(m, fsHz, 1.5, 8);
  const half = Math.round(0.25 * fsHz), trim = Math.round(0.5 * fsHz);
  const ea = movingRms(ab, half).slice(trim, -trim), em = movingRms(mb, half).slice(trim, -trim), abt = ab.slice(trim, -trim);
  const sorted = [...em].sort((p, q) => p - q);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
  const thr = 0.5 * p95;
  let qs = 0, qc = 0, as = 0, ac = 0;
  for (let i = 0; i < abt.length; i++) { if (em[i]! < 0.5 * thr) { qs += abt[i]! ** 2; qc++; } else if (em[i]! >= thr) { as += abt[i]! ** 2; ac++; } }
  const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
  const ma = mean(ea), mm = mean(em);
  let sab = 0, saa = 0, smm = 0;
  for (let i = 0; i < ea.length; i++) { sab += (ea[i]! - ma) * (em[i]! - mm); saa += (ea[i]! - ma) ** 2; smm += (em[i]! - mm) ** 2; }
  return { Q: qc > 0 && ac > 0 ? Math.sqrt(qs / qc) / Math.sqrt(as / ac) : null, quietS: qc / fsHz, activeS: ac / fsHz, envCorr: sab / Math.sqrt(saa * smm), mouthP95: p95 };
}

if (process.argv[1]?.endsWith('speech2-envelope.ts')) {
  for (const file of process.argv.slice(2)) {
    const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
    const blind = analyzeTremor(res.frames);
    const mo = mouthOpeningSeries(frames);
    const pct: Series = { timestampsMs: mo.timestampsMs, values: mo.values.map((v) => (v === null ? null : 100 * v)) };
    const name = file.replace('/work/main/packages/phantom/.cache/', '').replace('/work/s8-matrix-replay/', '').replace('/work/s8-jerkpeak/', '').replace('.landmarks.json', '');
    for (const a of AXES) {
      const r = blind.axes[a];
      if (!r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
      const e = envelopeFeatures(seriesFromFrames(res.frames, a), pct, r.peak.freqHz);
      console.log(JSON.stringify({ name, axis: a, f: +r.peak.freqHz.toFixed(2), rms: +r.peak.rmsDeg.toFixed(3), after: res.summary.tremor.axes[a].measurable ? (res.summary.tremor.axes[a] as { peak: { verdict: string } }).peak.verdict : null, ...(e && Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === null ? null : +v.toFixed(3)]))) }));
    }
  }
}
