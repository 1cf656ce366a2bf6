/**
 * Experiment (issue 13, session 7): is the tremor amplitude's per-face, per-frequency gain the crop's dynamics or the
 * face-mesh model's? Runs `geste analyze`'s own pipeline (analyzeVideo, one thread, default tuning) on phantom clips
 * with FaceMeshTracker's crop rule switched per run, scores the result with the bench's code (@geste/phantom
 * scoreClips) and fits the measured angle against the truth in the tremor band (complex gain: magnitude and phase).
 *
 *   node --import tsx bench/experiments/crop-dynamics.ts <clip.mp4,...> [variant,...] [--json dir]
 * A clip needs <clip>.truth.csv and <clip>.events.json beside it (copy them from the phantom cache).
 * Variants (crop rule of FaceMeshTracker.track, everything else as shipped):
 *   default   as shipped (crop from frame n−1's mesh, move-ahead, re-read)
 *   nofollow  followMotion off: the crop from frame n−1's mesh, nothing else
 *   nopredict no move-ahead (re-read kept)
 *   noreread  no re-read (move-ahead kept)
 *   predictall move-ahead on any motion (no 1 % threshold)
 *   zerolag   every frame read twice, the second time in the crop its own first reading gives (no lag, no move-ahead)
 *   frozen    inside the scripted tremor interval the crop is frozen at the mean crop of the default run there
 *             (the default run is made first, whatever the list says); outside it, as shipped
 * Output per clip × variant: the summary's tremor peak on the scripted axis against the truth (the bench's score),
 * complex gain |G| and phase (° and frames of lag) per axis in ±0.4 Hz of the scripted frequency, and for clips
 * with jerks: jerks found on the scripted axis, the reading's error at each true peak and the combined-posture
 * frames > 3° off.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeVideo } from '@geste/cli';
import { parseTruthCsv, scoreClips, REST_MS, type EventsFile, type MeasuredRow, type TruthRow } from '@geste/phantom';
import { FaceMeshTracker, type TrackedMeshFace } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { OwnMeshFacePath } from '../../packages/vision/src/mesh/facePath.ts';
import type { FramePixels, MeshRoi } from '../../packages/vision/src/mesh/roi.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' } } });
const clips = (positionals[0] ?? '').split(',').filter(Boolean);
const variants = (positionals[1] ?? 'default,nofollow,frozen').split(',');
const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
type Axis = (typeof AXES)[number];

// ---- the crop rule switch: FaceMeshTracker.track wrapped (one process, one module instance) ----
let variant = 'default';
let nowMs = 0;
let frozen: MeshRoi | null = null;
let frozenWindow: [number, number] = [Infinity, -Infinity];
const used: { tMs: number; roi: MeshRoi }[] = [];
const proto = FaceMeshTracker.prototype as unknown as { track: (px: FramePixels) => Promise<{ faces: TrackedMeshFace[]; lost: number }> };
const origTrack = proto.track;
type Mutable = { followMotion: boolean; opts: Record<string, unknown>; tracks: { roi: MeshRoi }[] };
proto.track = async function (this: FaceMeshTracker, px: FramePixels) {
  const self = this as unknown as Mutable;
  self.followMotion = true;
  const base = { ...self.opts };
  delete base['recentreShare'];
  delete base['predictMinShare'];
  self.opts = base;
  if (variant === 'nofollow') self.followMotion = false;
  if (variant === 'nopredict') self.opts = { ...base, predictMinShare: Infinity };
  if (variant === 'noreread') self.opts = { ...base, recentreShare: Infinity };
  if (variant === 'predictall') self.opts = { ...base, predictMinShare: 0 };
  if (variant === 'zerolag') self.opts = { ...base, recentreShare: 0, predictMinShare: Infinity };
  if (variant === 'frozen' && frozen && nowMs >= frozenWindow[0] && nowMs < frozenWindow[1]) {
    self.followMotion = false;
    for (const t of self.tracks) t.roi = frozen;
  }
  const res = await origTrack.call(this, px);
  if (res.faces[0]) used.push({ tMs: nowMs, roi: res.faces[0].roi });
  return res;
};
const fpProto = OwnMeshFacePath.prototype as unknown as { beginFrame: (t?: number) => void };
const origBegin = fpProto.beginFrame;
fpProto.beginFrame = function (this: OwnMeshFacePath, t?: number) {
  nowMs = t ?? nowMs;
  return origBegin.call(this, t);
};

// ---- complex gain of measured against truth in a band, over an interval ----
function complexGain(truth: readonly TruthRow[], measured: readonly MeasuredRow[], axis: Axis, fromMs: number, toMs: number, fHz: number, fps: number) {
  const byIdx = new Map(measured.map((m) => [m.frameIndex, m]));
  const t: number[] = [], m: number[] = [];
  for (const r of truth) {
    if (r.timestampMs < fromMs || r.timestampMs >= toMs) continue;
    const v = byIdx.get(r.frameIndex)?.[axis];
    t.push(r[axis]);
    m.push(typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  }
  // Fill gaps by the previous reading (few or none on these clips); count them.
  let gaps = 0;
  for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i]!)) { gaps++; m[i] = i > 0 ? m[i - 1]! : 0; }
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n, mm = m.reduce((a, b) => a + b, 0) / n;
  let nr = 0, ni = 0, den = 0, mpow = 0;
  for (let k = 1; k < n / 2; k++) {
    const f = (k * fps) / n;
    if (Math.abs(f - fHz) > 0.4) continue;
    let tr = 0, ti = 0, mr = 0, mi = 0;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * k * i) / n;
      const c = Math.cos(a), s = Math.sin(a);
      tr += (t[i]! - mt) * c; ti -= (t[i]! - mt) * s;
      mr += (m[i]! - mm) * c; mi -= (m[i]! - mm) * s;
    }
    // M · conj(T)
    nr += mr * tr + mi * ti; ni += mi * tr - mr * ti;
    den += tr * tr + ti * ti;
    mpow += mr * mr + mi * mi;
  }
  if (!(den > 0)) return null;
  const g = Math.hypot(nr, ni) / den;
  const phaseDeg = (Math.atan2(ni, nr) * 180) / Math.PI;
  // Share of the measured band power coherent with the truth.
  const coherence = (nr * nr + ni * ni) / (den * mpow);
  return { gain: g, phaseDeg, lagFrames: (-phaseDeg / 360) * (fps / fHz), coherence, gaps };
}

const f2 = (v: number | null | undefined, d = 2) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');

for (const clip of clips) {
  const truthRows = parseTruthCsv(readFileSync(clip.replace(/\.mp4$/, '.truth.csv'), 'utf8'));
  const events = JSON.parse(readFileSync(clip.replace(/\.mp4$/, '.events.json'), 'utf8')) as EventsFile;
  const tremor = events.events.tremors[0] ?? null;
  const order = variants.includes('frozen') && !variants.includes('default') ? ['default', ...variants] : variants.includes('frozen') ? ['default', ...variants.filter((v) => v !== 'default')] : variants;
  frozen = null;
  for (const v of order) {
    variant = v;
    used.length = 0;
    if (v === 'frozen') {
      if (!tremor) { console.log(`${clip} frozen: no scripted tremor, skipped`); continue; }
      if (!frozen) { console.log(`${clip} frozen: no default run to take the crop from, skipped`); continue; }
      frozenWindow = [tremor.startMs, tremor.endMs];
    }
    const t0 = Date.now();
    const res = await analyzeVideo(clip, { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, workers: 1 });
    const wallS = (Date.now() - t0) / 1000;
    if (v === 'default' && tremor) {
      const inWin = used.filter((u) => u.tMs >= tremor.startMs && u.tMs < tremor.endMs);
      const mean = (k: keyof MeshRoi) => inWin.reduce((a, u) => a + u.roi[k], 0) / inWin.length;
      frozen = { centerXPx: mean('centerXPx'), centerYPx: mean('centerYPx'), sizePx: mean('sizePx'), angleRad: mean('angleRad') };
      const spread = (k: keyof MeshRoi) => Math.max(...inWin.map((u) => u.roi[k])) - Math.min(...inWin.map((u) => u.roi[k]));
      console.log(`  default crop in the tremor interval: centre spread x ${f2(spread('centerXPx'))} y ${f2(spread('centerYPx'))} px, side ${f2(mean('sizePx'), 1)} (spread ${f2(spread('sizePx'))}) px, angle spread ${f2((spread('angleRad') * 180) / Math.PI)}°`);
    }
    const measured = res.frames as unknown as MeasuredRow[];
    const g = scoreClips([{ name: clip, truth: truthRows, measured, summary: res.summary, events }]);
    const lines: string[] = [];
    for (const ts of g.tremors) {
      lines.push(`tremor ${ts.axis} ${ts.scriptedHz} Hz: truth ${f2(ts.truthRmsDeg)}°, summary ${f2(ts.measuredHz)} Hz ${f2(ts.measuredRmsDeg)}° (${ts.amplitudeErrorRel === null ? '—' : (100 * ts.amplitudeErrorRel).toFixed(0)} %), headline ${f2(ts.headlineHz)} Hz ${f2(ts.headlineRmsDeg)}° ${ts.pass ? 'ok' : 'FAIL'} ${ts.note}`);
    }
    if (tremor) {
      const parts = AXES.map((a) => {
        const cg = complexGain(truthRows, measured, a, tremor.startMs, tremor.endMs, tremor.frequencyHz, events.fps);
        return a === tremor.axis ? `${a} gain ${f2(cg?.gain, 3)} phase ${f2(cg?.phaseDeg, 1)}° (lag ${f2(cg?.lagFrames)} fr) coh ${f2(cg?.coherence)}${cg?.gaps ? ` gaps ${cg.gaps}` : ''}` : null;
      }).filter(Boolean);
      lines.push(parts.join(' | '));
    }
    for (const fl of g.falseTremors) lines.push(`no scripted tremor: headline ${fl.headlineHz === null ? 'none' : `${f2(fl.headlineHz)} Hz ${f2(fl.headlineRmsDeg)}°`} ${fl.pass ? 'ok' : 'FALSE TREMOR'}`);
    for (const j of g.jerks) {
      const byIdx = new Map(measured.map((m) => [m.frameIndex, m]));
      const errs = events.events.jerks.map((jk) => {
        const tr = truthRows.reduce((b, r) => (Math.abs(r.timestampMs - jk.peakMs) < Math.abs(b.timestampMs - jk.peakMs) ? r : b));
        const m = byIdx.get(tr.frameIndex)?.[jk.axis];
        // Largest signed error on the jerk's axis within the jerk (start → end): overshoot in the jerk's direction.
        let worst = 0;
        for (const r of truthRows) {
          if (r.timestampMs < jk.startMs || r.timestampMs > jk.endMs) continue;
          const mv = byIdx.get(r.frameIndex)?.[jk.axis];
          if (typeof mv !== 'number') continue;
          const e = (mv - r[jk.axis]) * Math.sign(jk.peakDeg);
          if (Math.abs(e) > Math.abs(worst)) worst = e;
        }
        return { axis: jk.axis, peak: tr[jk.axis], err: typeof m === 'number' ? m - tr[jk.axis] : NaN, worst };
      });
      const okErr = errs.filter((e) => Number.isFinite(e.err));
      const comb = g.combined.map((c) => `${c.axis.slice(0, 4)} ${c.frames - c.okFrames}/${c.frames}`).join(' ');
      lines.push(`jerks ${j.cmp.matched}/${j.cmp.truth} found on the scripted axis, ${j.cmp.detected} detected; |error at true peak| mean ${f2(okErr.reduce((a, e) => a + Math.abs(e.err), 0) / okErr.length)}°; combined frames > 3° off unflagged: ${comb}`);
      lines.push('   per jerk (axis truth@peak err@peak worst-in-jerk, + = overshoot): ' + errs.map((e) => `${e.axis.slice(0, 4)} ${f2(e.peak, 1)} ${f2(e.err, 1)} ${f2(e.worst, 1)}`).join(' · '));
    }
    const rereadFrames = used.length;
    console.log(`${clip} ${v}: ${measured.filter((m) => m.state !== 'not-measurable').length}/${measured.length} measured, ${wallS.toFixed(0)} s wall (${rereadFrames} tracked frames)`);
    for (const l of lines) console.log('   ' + l);
    if (values.json) writeFileSync(`${values.json}/${clip.split('/').slice(-2).join('.').replace(/\.mp4$/, '')}.${v}.json`, JSON.stringify({ frames: measured.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state })), crops: used.map((u) => ({ tMs: u.tMs, x: u.roi.centerXPx, y: u.roi.centerYPx, side: u.roi.sizePx, angleRad: u.roi.angleRad })), summary: res.summary }));
  }
}
