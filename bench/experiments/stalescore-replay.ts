// Issue 13, session 8 ("stalescore"): how much of a full set's low confidence is only the face detector's score carried from
// its last run? Replays saved landmarks (<dir>/<clip><tag>.landmarks.json + <clip>.truth.csv) through this branch's
// `geste analyze` code twice: as recorded, and with a variant of the faces' detector score, then lists every frame whose
// state differs with its scores, the age of the detector score, its confidence and its error against the truth.
//   node --import tsx bench/experiments/stalescore-replay.ts <dir>... [--tag .s8] [--variant rescore-sim|carried-one|as-is]
//     [--frames clip] [--json out.json] [--against <dir> [--against-tag .s8]]
// Variants: rescore-sim (below); carried-one = a detector score carried by tracking (same value as the frame before, no fresh detector run)
// counts as 1 (core judges a tracked face by its mesh score); as-is = the recording untouched (for a branch whose core
// reads a `detectionCarried` flag the recording carries). A frame's "age" is the frame time since the detector score
// last changed (a fresh detector box always has a new float score).
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { parseTruthCsv, findScript, startsOffNeutral, REST_MS, EDGE_BANDS_DEG } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { tag: { type: 'string', default: '.s8' }, variant: { type: 'string', default: 'carried-one' }, frames: { type: 'string' }, json: { type: 'string' }, against: { type: 'string' }, 'against-tag': { type: 'string', default: '.s8' } } });
const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
type Axis = (typeof AXES)[number];

// rescore-sim: what the vision fix (faceMeshTracker `rescore`) would give without running the detector: a re-detection is
// a change of score (or a frame with no face before it); a periodic check falls 1000 ms of frame time after the detector
// last looked; there the track's score rises to the clip's first detection (a face at rest) when the truth is within 10°
// of neutral on every axis, and stays otherwise (an estimate: the real detector may score other poses higher too).
function rescoreSim(frames: LandmarkFrame[], truth: Map<number, Record<Axis, number>>): LandmarkFrame[] {
  const restScore = frames.find((f) => f.faces.length === 1)?.faces[0]!.detectionScore ?? 1;
  let recorded: number | null = null, track: number | null = null, lastLookMs = -Infinity;
  return frames.map((f) => {
    if (f.faces.length !== 1) { if (f.faces.length === 0) { recorded = null; track = null; lastLookMs = f.timestampMs; } return f; }
    const face = f.faces[0]!;
    if (recorded === null || face.detectionScore !== recorded) { recorded = face.detectionScore; track = recorded; lastLookMs = f.timestampMs; return f; }
    if (f.timestampMs - lastLookMs >= 1000) {
      lastLookMs = f.timestampMs;
      const t = truth.get(f.frameIndex);
      if (t && AXES.every((a) => Math.abs(t[a]) <= 10)) track = Math.max(track!, restScore);
    }
    return track === face.detectionScore ? f : { ...f, faces: [{ ...face, detectionScore: track! }] };
  });
}

function variantFrames(frames: LandmarkFrame[], truth: Map<number, Record<Axis, number>>): LandmarkFrame[] {
  if (values.variant === 'as-is') return frames;
  if (values.variant === 'rescore-sim') return rescoreSim(frames, truth);
  let prev: number | null = null;
  return frames.map((f) => {
    if (f.faces.length !== 1) { prev = f.faces.length ? null : prev; return f; }
    const face = f.faces[0]!;
    const carried = prev !== null && face.detectionScore === prev;
    prev = face.detectionScore;
    if (!carried) return f;
    if (values.variant === 'carried-one') return { ...f, faces: [{ ...face, detectionScore: 1 }] };
    if (values.variant === 'carried-flag') return { ...f, faces: [{ ...face, detectionCarried: true } as typeof face] };
    throw new Error(`unknown variant ${values.variant}`);
  });
}

// The neutral the bench uses (bench/accuracy.ts isAnatomicalClip): the anatomical zero for clips that start off neutral.
function anatomicalClip(clip: string): boolean {
  return startsOffNeutral(findScript(clip));
}

async function analyze(frames: LandmarkFrame[], anatomical: boolean) {
  return analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: anatomical ? { kind: 'anatomical' } : { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
}

interface Row { clip: string; frameIndex: number; tMs: number; det: number; mesh: number; ageMs: number; confBefore: number; confAfter: number; before: string; after: string; truth: Record<Axis, number>; errDeg: Record<Axis, number | null>; edge: Axis[] }
const rows: Row[] = [];
const totals = { clips: 0, frames: 0, lowBefore: 0, lowAfter: 0, carriedFrames: 0, lowCarried: 0 };
for (const dir of positionals) {
  const files = readdirSync(dir).filter((f) => f.endsWith(`${values.tag}.landmarks.json`)).sort();
  for (const file of files) {
    const clip = file.slice(0, -`${values.tag}.landmarks.json`.length);
    const truthPath = join(dir, `${clip}.truth.csv`);
    if (!existsSync(truthPath)) { process.stderr.write(`${dir}/${clip}: no truth, skipped\n`); continue; }
    const truth = new Map(parseTruthCsv(readFileSync(truthPath, 'utf8')).map((t) => [t.frameIndex, t]));
    let frames: LandmarkFrame[];
    try { frames = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { frames: LandmarkFrame[] }).frames; } catch { process.stderr.write(`${dir}/${file}: not complete JSON, skipped\n`); continue; }
    const label = positionals.length > 1 ? `${dir.split('/').slice(-2).join('/')}/${clip}` : clip;
    const anat = anatomicalClip(clip);
    // --against <dir>: "after" is the same clip's landmarks from another models run (e.g. a vision change), not a variant.
    const afterPath = values.against ? join(values.against, `${clip}${values['against-tag']}.landmarks.json`) : null;
    if (afterPath && !existsSync(afterPath)) continue;
    const afterFrames = afterPath ? (JSON.parse(readFileSync(afterPath, 'utf8')) as { frames: LandmarkFrame[] }).frames : variantFrames(frames, truth);
    const a = await analyze(frames, anat), b = await analyze(afterFrames, anat);
    totals.clips++;
    let lastDet: number | null = null, lastChangeMs = 0;
    const age = new Map<number, { det: number; mesh: number; ageMs: number }>();
    for (const f of afterPath ? afterFrames : frames) {
      if (f.faces.length !== 1) continue;
      const d = f.faces[0]!.detectionScore;
      if (d !== lastDet) { lastDet = d; lastChangeMs = f.timestampMs; }
      age.set(f.frameIndex, { det: d, mesh: f.faces[0]!.meshScore, ageMs: f.timestampMs - lastChangeMs });
    }
    const bi = new Map(b.frames.map((m) => [m.frameIndex, m]));
    for (const m of a.frames) {
      totals.frames++;
      const n = bi.get(m.frameIndex)!;
      const s = age.get(m.frameIndex);
      if (m.state === 'low-confidence') totals.lowBefore++;
      if (n.state === 'low-confidence') totals.lowAfter++;
      if (s && s.ageMs > 0) { totals.carriedFrames++; if (m.state === 'low-confidence') totals.lowCarried++; }
      const dump = values.frames === clip || values.frames === label;
      if (m.state === n.state && !dump) continue;
      const t = truth.get(m.frameIndex);
      if (!t) continue;
      const errDeg = Object.fromEntries(AXES.map((ax) => [ax, n[ax] === null ? null : Math.abs((n[ax] as number) - t[ax])])) as Record<Axis, number | null>;
      const edge = AXES.filter((ax) => Math.abs(t[ax]) >= EDGE_BANDS_DEG[ax][0]);
      rows.push({ clip: label, frameIndex: m.frameIndex, tMs: m.timestampMs, det: s?.det ?? NaN, mesh: s?.mesh ?? NaN, ageMs: s?.ageMs ?? NaN, confBefore: m.confidence, confAfter: n.confidence, before: m.state, after: n.state, truth: { rotationDeg: t.rotationDeg, tiltDeg: t.tiltDeg, flexionDeg: t.flexionDeg }, errDeg, edge });
    }
  }
}
const changed = rows.filter((r) => r.before !== r.after);
const maxErr = (r: Row) => Math.max(...AXES.map((ax) => r.errDeg[ax] ?? 0));
const trans = new Map<string, number>();
for (const r of changed) trans.set(`${r.before} → ${r.after}`, (trans.get(`${r.before} → ${r.after}`) ?? 0) + 1);
console.log(`${values.against ? `against ${values.against}` : `variant ${values.variant}`}: ${totals.clips} clips, ${totals.frames} frames; low confidence ${totals.lowBefore} → ${totals.lowAfter}; frames with a carried detector score ${totals.carriedFrames} (low confidence ${totals.lowCarried})`);
console.log(`frames that change state: ${changed.length} (${[...trans].map(([k, v]) => `${k}: ${v}`).join(', ')})`);
const byClip = new Map<string, Row[]>();
for (const r of changed) byClip.set(r.clip, [...(byClip.get(r.clip) ?? []), r]);
for (const [clip, rs] of byClip) {
  const errs = rs.map(maxErr);
  const ages = rs.map((r) => r.ageMs);
  console.log(`  ${clip}: ${rs.length} frames, det ${Math.min(...rs.map((r) => r.det)).toFixed(3)}–${Math.max(...rs.map((r) => r.det)).toFixed(3)}, mesh ${Math.min(...rs.map((r) => r.mesh)).toFixed(3)}–${Math.max(...rs.map((r) => r.mesh)).toFixed(3)}, age ${Math.min(...ages)}–${Math.max(...ages)} ms, conf ${Math.min(...rs.map((r) => r.confBefore)).toFixed(3)}–${Math.max(...rs.map((r) => r.confBefore)).toFixed(3)} → ${Math.min(...rs.map((r) => r.confAfter)).toFixed(3)}–${Math.max(...rs.map((r) => r.confAfter)).toFixed(3)}; worst axis error max ${Math.max(...errs).toFixed(2)}°, > 5°: ${errs.filter((e) => e > 5).length}, > 10°: ${errs.filter((e) => e > 10).length}; at an edge band: ${rs.filter((r) => r.edge.length).length}`);
}
const newlyMeasured = changed.filter((r) => r.after === 'measured');
for (const ax of AXES) {
  const es = newlyMeasured.map((r) => r.errDeg[ax]).filter((e): e is number => e !== null);
  const edgeOver5 = newlyMeasured.filter((r) => r.edge.includes(ax) && (r.errDeg[ax] ?? 0) > 5).length;
  console.log(`newly measured, ${ax}: MAE ${(es.reduce((s, e) => s + e, 0) / Math.max(1, es.length)).toFixed(2)}°, max ${Math.max(0, ...es).toFixed(2)}°, > 10°: ${es.filter((e) => e > 10).length}; at its edge band > 5°: ${edgeOver5}`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ totals, rows }, null, 0));
