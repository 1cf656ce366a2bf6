// Issue 13, session 9 ("speech2"): which face-mesh signal tells talking from a head tremor? For every saved landmark file
// given, replays `geste analyze` (calibrate-window neutral), and for every axis whose peak is 'tremor' before the mouth
// rule (and every 'matches-the-mouth' after it), prints the transfer gain (|Sxy|/Sxx, %-of-eye-distance per degree),
// coherence and own line of several mesh distances at the peak: the lip gap (13–14), upper lip (13) and lower lip (14)
// and chin (152) to the eye-corner midpoint, chin to upper lip. One JSON line per peak.
//   node --import tsx bench/experiments/speech2-survey.ts <landmarks.json>... > out.jsonl
import { readFileSync } from 'node:fs';
import { AXES, analyzeTremor, analyzeTremorAxis, cleanSeries, fftInPlace, hannWindow, measuredRuns, nextPowerOfTwo, nominalStepMs, resampleUniform, selectPatientFace, seriesFromFrames, spectralFloor, type LandmarkFrame, type Series } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

type P = { x: number; y: number; z: number };
const d3 = (a: P, b: P) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
const mid = (a: P, b: P): P => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, z: (a.z + b.z) / 2 });
const SIGNALS: Record<string, (m: readonly P[]) => number> = {
  gap: (m) => d3(m[13]!, m[14]!),
  upEye: (m) => d3(m[13]!, mid(m[33]!, m[263]!)),
  loEye: (m) => d3(m[14]!, mid(m[33]!, m[263]!)),
  chinEye: (m) => d3(m[152]!, mid(m[33]!, m[263]!)),
  chinUp: (m) => d3(m[152]!, m[13]!),
  noseEye: (m) => d3(m[1]!, mid(m[33]!, m[263]!)),
  // 2-D (image plane) versions: the gap's vertical extent in the face's own frame (perpendicular to the eye line)
  gap2: (m) => { const e = Math.hypot(m[263]!.x - m[33]!.x, m[263]!.y - m[33]!.y); const ux = (m[263]!.x - m[33]!.x) / e, uy = (m[263]!.y - m[33]!.y) / e; const dx = m[14]!.x - m[13]!.x, dy = m[14]!.y - m[13]!.y; return Math.abs(-uy * dx + ux * dy); },
};

function signal(frames: readonly LandmarkFrame[], fn: (m: readonly P[]) => number): Series {
  return {
    timestampsMs: frames.map((f) => f.timestampMs),
    values: frames.map((f) => {
      const s = selectPatientFace(f);
      if (s.kind !== 'one') return null;
      const m = s.face.meshPx as readonly P[];
      if (m.length < 300) return null;
      const e = d3(m[33]!, m[263]!);
      const v = fn(m);
      return e > 0 && Number.isFinite(v) ? (100 * v) / e : null;
    }),
  };
}

/** Cross spectrum of angle a (deg) and signal b (%) at f (2-s Hann segments): the bin of highest coherence within ±0.5 Hz. */
function cross(a: Series, b: Series, fHz: number, segmentS = 2): { coh: number; gain: number; phaseDeg: number; segments: number } | null {
  const ca = cleanSeries(a), cb = cleanSeries(b);
  const stepMs = nominalStepMs(ca.timestampsMs.filter((_, i) => ca.values[i] !== null));
  if (stepMs === null) return null;
  const startMs = Math.max(ca.timestampsMs[0]!, cb.timestampsMs[0]!);
  const endMs = Math.min(ca.timestampsMs.at(-1)!, cb.timestampsMs.at(-1)!);
  const maxGapMs = Math.max(100, 2.5 * stepMs);
  const ga = resampleUniform(ca, { stepMs, maxGapMs, method: 'cubic', startMs, endMs }).values;
  const gb = resampleUniform(cb, { stepMs, maxGapMs, method: 'cubic', startMs, endMs }).values;
  const n = Math.min(ga.length, gb.length);
  const both = Array.from({ length: n }, (_, i) => (ga[i] !== null && gb[i] !== null ? 1 : null));
  const fsHz = 1000 / stepMs;
  const segLen = Math.round(segmentS * fsHz);
  const nfft = nextPowerOfTwo(segLen) * 4;
  const w = hannWindow(segLen);
  const kLo = Math.max(1, Math.floor(((fHz - 1 / segmentS) * nfft) / fsHz));
  const kHi = Math.min(nfft / 2, Math.ceil(((fHz + 1 / segmentS) * nfft) / fsHz));
  const m = kHi - kLo + 1;
  const sxx = new Float64Array(m), syy = new Float64Array(m), sre = new Float64Array(m), sim = new Float64Array(m);
  let segments = 0;
  const seg = (src: readonly (number | null)[], s: number) => {
    let mean = 0;
    for (let i = 0; i < segLen; i++) mean += src[s + i] as number;
    mean /= segLen;
    const re = new Float64Array(nfft), im = new Float64Array(nfft);
    for (let i = 0; i < segLen; i++) re[i] = ((src[s + i] as number) - mean) * w[i]!;
    fftInPlace(re, im);
    return [re, im] as const;
  };
  for (const [r0, r1] of measuredRuns(both, segLen)) {
    for (let s = r0; s + segLen <= r1; s += segLen >> 1) {
      const [xr, xi] = seg(ga, s), [yr, yi] = seg(gb, s);
      for (let k = kLo; k <= kHi; k++) {
        const j = k - kLo, ar = xr[k]!, ai = xi[k]!, br = yr[k]!, bi = yi[k]!;
        sxx[j]! += ar * ar + ai * ai; syy[j]! += br * br + bi * bi; sre[j]! += ar * br + ai * bi; sim[j]! += ai * br - ar * bi;
      }
      segments++;
    }
  }
  if (segments === 0) return null;
  let best = -1, bj = 0;
  for (let j = 0; j < m; j++) { const den = sxx[j]! * syy[j]!; const c = den > 0 ? (sre[j]! ** 2 + sim[j]! ** 2) / den : 0; if (c > best) { best = c; bj = j; } }
  return { coh: best, gain: Math.hypot(sre[bj]!, sim[bj]!) / sxx[bj]!, phaseDeg: (Math.atan2(sim[bj]!, sre[bj]!) * 180) / Math.PI, segments };
}

/** A signal's own line at f: power within ±2/T of f over its floor (8-s Welch, as the angle's), % RMS; and its prominence there. */
function lineAt(s: Series, fHz: number): { rms: number; prom: number } | null {
  const r = analyzeTremorAxis('flexionDeg', s);
  if (!r.measurable) return null;
  const psd = r.psd, floor = spectralFloor(psd, fHz);
  let p = 0, top = 0;
  for (let k = 0; k < psd.psd.length; k++) if (Math.abs(psd.freqsHz[k]! - fHz) <= 2 / 8) { p += Math.max(0, psd.psd[k]! - floor) * psd.dfHz; top = Math.max(top, psd.psd[k]!); }
  return { rms: Math.sqrt(p), prom: floor > 0 ? top / floor : Infinity };
}

/** Low-frequency (< ~1 Hz: 0.5-s moving averages) least-squares slope of signal on angle over the clip, %/°, and the angle's slow range. */
function slowSlope(a: Series, b: Series): { slope: number; rangeDeg: number } | null {
  const xs: number[] = [], ys: number[] = [];
  const n = a.values.length, W = 8;
  for (let i = W; i < n - W; i++) {
    let sa = 0, sb = 0, c = 0;
    for (let j = i - W; j <= i + W; j++) { const x = a.values[j], y = b.values[j]; if (x == null || y == null) continue; sa += x; sb += y; c++; }
    if (c > W) { xs.push(sa / c); ys.push(sb / c); }
  }
  if (xs.length < 10) return null;
  const mx = xs.reduce((p, q) => p + q, 0) / xs.length, my = ys.reduce((p, q) => p + q, 0) / ys.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < xs.length; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; }
  const sorted = [...xs].sort((p, q) => p - q);
  return { slope: sxx > 0 ? sxy / sxx : NaN, rangeDeg: sorted[Math.floor(0.95 * (sorted.length - 1))]! - sorted[Math.floor(0.05 * (sorted.length - 1))]! };
}

const TALKERS = ['olive-narrow', 'hopper', 'hopper-beard', 'beard-glasses'];
for (const file of process.argv.slice(2)) {
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const blind = analyzeTremor(res.frames);
  const after = res.summary.tremor;
  const name = file.replace('/work/main/packages/phantom/.cache/', '').replace('/work/s8-matrix-replay/', '').replace('/work/s8-jerkpeak/', '').replace('.landmarks.json', '');
  const face = TALKERS.find((t) => name.includes(`/${t}/`) || name.includes(`small-${t}/`)) ?? null;
  const kind = /tremor/.test(name.split('/').at(-1)!) ? 'TRUE' : face ? 'TALKFACE' : 'OTHER';
  const sigs = Object.fromEntries(Object.entries(SIGNALS).map(([k, fn]) => [k, signal(frames, fn)]));
  for (const a of AXES) {
    const r = blind.axes[a], q = after.axes[a];
    if (!r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
    const f = r.peak.freqHz;
    const ang = seriesFromFrames(res.frames, a);
    const feats: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(sigs)) {
      const c = cross(ang, s, f), l = lineAt(s, f);
      feats[k] = { gain: c && +c.gain.toFixed(3), coh: c && +c.coh.toFixed(3), ph: c && Math.round(c.phaseDeg), line: l && +l.rms.toFixed(3), prom: l && +l.prom.toFixed(1), seg: c?.segments };
    }
    const slow = slowSlope(ang, sigs.gap!);
    const lines = Object.fromEntries(AXES.map((b) => [b, lineAt(seriesFromFrames(res.frames, b), f)?.rms ?? 0]));
    feats.head = { lines, H: +Math.hypot(...Object.values(lines)).toFixed(3) };
    console.log(JSON.stringify({ name, kind, axis: a, f: +f.toFixed(2), rms: +r.peak.rmsDeg.toFixed(3), prom: +r.peak.prominence.toFixed(1), after: q.measurable ? q.peak?.verdict : null, headline: after.headline?.axis === a, slow: slow && { slope: +slow.slope.toFixed(3), range: +slow.rangeDeg.toFixed(1) }, ...feats }));
  }
}
