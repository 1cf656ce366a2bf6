// Re-score saved phantom landmark files with the current core (issue 13, session 7 "collapse"): every
// <clip>[.tag].landmarks.json under the given folders (a copy of the phantom cache; identical files counted once) is
// replayed through `geste analyze`'s own code (analyzeLandmarkSource, neutral calibrated on the rest) and scored with
// @geste/phantom's score.ts per face × camera × crop tag: the edge bands (0 frames > 10° off while measurable), the
// core range's not-measurable share, and the frames blanked as beyond range.
//   node --import tsx bench/experiments/collapse-replay.ts <dir> [<dir> …] --json out.json [--only far]
// --only far: only clips whose truth turns past 44°.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { type ClipForScoring, type EventsFile, type MeasuredRow, REST_MS, inCoreRange, parseTruthCsv, scoreClips } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' }, only: { type: 'string' } } });

function walk(d: string, out: string[]): string[] {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.landmarks.json')) out.push(p);
  }
  return out;
}

const TAGS = /(\.faceMeshRoi-own|\.faceMeshRoi-human|\.own-s6)$/;
const seen = new Set<string>();
const groups = new Map<string, { clips: ClipForScoring[]; core: number; coreNm: number; coreBeyond: number; beyond: number; frames: number }>();
for (const root of positionals) {
  for (const file of walk(root, [])) {
    const text = readFileSync(file, 'utf8');
    const hash = createHash('md5').update(text).digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    const base = basename(file).replace(/\.landmarks\.json$/, '');
    const clip = base.replace(TAGS, '');
    const tag = base.slice(clip.length) || '.human-crop';
    const tp = join(dirname(file), `${clip}.truth.csv`);
    const ep = join(dirname(file), `${clip}.events.json`);
    if (!existsSync(tp) || !existsSync(ep)) continue;
    const truth = parseTruthCsv(readFileSync(tp, 'utf8'));
    if (values.only === 'far' && !truth.some((t) => Math.abs(t.rotationDeg) > 44)) continue;
    const frames = (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
    const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
    const byIdx = new Map<number, FrameMeasure>(res.frames.map((m) => [m.frameIndex, m]));
    const key = `${relative(root, dirname(file)).replace(/^s6-helpers\/(edges|sat)\//, '')}${tag}`;
    const g = groups.get(key) ?? { clips: [], core: 0, coreNm: 0, coreBeyond: 0, beyond: 0, frames: 0 };
    for (const t of truth) {
      if (t.timestampMs < REST_MS) continue;
      const m = byIdx.get(t.frameIndex);
      g.frames++;
      const beyond = m?.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range');
      if (beyond) g.beyond++;
      if (!inCoreRange(t)) continue;
      g.core++;
      if (!m || m.state === 'not-measurable') g.coreNm++;
      if (beyond) g.coreBeyond++;
    }
    const measured: MeasuredRow[] = res.frames.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state }));
    g.clips.push({ name: clip, truth, measured, summary: res.summary, events: JSON.parse(readFileSync(ep, 'utf8')) as EventsFile });
    groups.set(key, g);
    process.stderr.write('.');
  }
}
process.stderr.write('\n');
const out: Record<string, unknown>[] = [];
for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const s = scoreClips(g.clips);
  const edge = Object.fromEntries(s.edges.map((e) => [e.axis, { frames: e.frames, ok: e.okFrames, nm: e.notMeasurable, low: e.lowConfidence, off10: e.offBy10WhileMeasurable, maxErr: e.maxErrorWhileMeasurableDeg }]));
  out.push({ group: key, clips: g.clips.map((c) => c.name), frames: g.frames, beyond: g.beyond, core: g.core, coreNm: g.coreNm, coreBeyond: g.coreBeyond, coreMae: s.core.map((c) => c.stats.maeDeg), edge });
}
if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 1));
const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '—' : x.toFixed(d));
console.log('| group | clips | beyond-range frames | core nm (beyond) / core | rotation 45–80°: frames, nm, low, >10 off, max | tilt 30–45° >10 | flexion 30–45° >10 |');
console.log('|---|---|---|---|---|---|---|');
for (const o of out as { group: string; clips: string[]; beyond: number; core: number; coreNm: number; coreBeyond: number; edge: Record<string, { frames: number; nm: number; low: number; off10: number; maxErr: number | null }> }[]) {
  const r = o.edge.rotationDeg!, t = o.edge.tiltDeg!, fl = o.edge.flexionDeg!;
  console.log(`| ${o.group} | ${o.clips.length} | ${o.beyond} | ${o.coreNm} (${o.coreBeyond}) / ${o.core} | ${r.frames ? `${r.frames}, ${r.nm}, ${r.low}, ${r.off10}, ${f(r.maxErr)}°` : '—'} | ${t.frames ? `${t.off10} (${f(t.maxErr)}°)` : '—'} | ${fl.frames ? `${fl.off10} (${f(fl.maxErr)}°)` : '—'} |`);
}
