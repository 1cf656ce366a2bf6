// Issue 13, session 8 ("jerkpeak"): the full phantom set scored as bench/accuracy.ts scores it (@geste/phantom scoreClips,
// targetLines), before = the saved analyses of a full-set run (<dir>/<clip>.measured.json, e.g. final session-7 main's),
// after = the same clips' saved landmarks (<dir>/<clip><tag>.landmarks.json, made by jerkpeak-landmarks.ts) replayed
// through this branch's `geste analyze` code (analyzeLandmarkSource, no models). Prints the target lines that differ, every
// jerk (truth peak, found or not, amplitude before → after) and the frames whose state changed.
//   node --import tsx bench/experiments/jerkpeak-fullset.ts <dir> [--tag .s8] [--only a,b]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { parseTruthCsv, scoreClips, targetLines, REST_MS, type ClipForScoring, type EventsFile, type MeasuredRow } from '@geste/phantom';

// The 21 clips of bench/results/accuracy-full-s7-21.md (the full set without issue 12's anatomical-zero clips).
const FULL_21 = 'small-rotation-right-30,small-rotation-left-60,small-tilt-flexion,small-tremor-yaw-2hz,small-jerks,torticollis-right-drift,torticollis-left,laterocollis-right-shoulder,laterocollis-left,anterocollis,retrocollis,combined-posture,jerks-train,tremor-yaw-2hz-irregular,tremor-pitch-3.5hz,tremor-roll-5hz,tremor-yaw-1.2hz-large-on-posture,tremor-pitch-7hz-small,hold-neutral-60s,range-of-motion-sweep,sensory-trick-chin';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { tag: { type: 'string', default: '.s8' }, only: { type: 'string' } } });
const dir = positionals[0]!;
const clips = (values.only ?? FULL_21).split(',');

interface Jerk { axis: string; peakMs: number; excursionDeg: number }
const before: ClipForScoring[] = [], after: ClipForScoring[] = [];
const changes: string[] = [];
const jerkRows: string[] = [];
for (const clip of clips) {
  const lmPath = join(dir, `${clip}${values.tag}.landmarks.json`);
  if (!existsSync(lmPath)) { process.stderr.write(`no landmarks for ${clip}: skipped\n`); continue; }
  const truth = parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8'));
  const events = JSON.parse(readFileSync(join(dir, `${clip}.events.json`), 'utf8')) as EventsFile;
  const saved = JSON.parse(readFileSync(join(dir, `${clip}.measured.json`), 'utf8')) as { frames: MeasuredRow[]; summary: unknown };
  const frames = (JSON.parse(readFileSync(lmPath, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const measured: MeasuredRow[] = res.frames.map((f) => ({ frameIndex: f.frameIndex, rotationDeg: f.rotationDeg, tiltDeg: f.tiltDeg, flexionDeg: f.flexionDeg, state: f.state }));
  before.push({ name: clip, truth, measured: saved.frames, summary: saved.summary, events });
  after.push({ name: clip, truth, measured, summary: res.summary, events });
  const byIdx = new Map(saved.frames.map((m) => [m.frameIndex, m]));
  for (const m of measured) {
    const b = byIdx.get(m.frameIndex);
    if (!b) continue;
    const same = (x: number | null, y: number | null) => (x === null && y === null) || (x !== null && y !== null && Math.abs(x - y) < 1e-9);
    if (b.state !== m.state || !same(b.flexionDeg, m.flexionDeg) || !same(b.rotationDeg, m.rotationDeg) || !same(b.tiltDeg, m.tiltDeg)) {
      const t = truth.find((r) => r.frameIndex === m.frameIndex)!;
      changes.push(`${clip} ${m.frameIndex}: ${b.state} → ${m.state}, flexion ${b.flexionDeg?.toFixed(2)} → ${m.flexionDeg?.toFixed(2)} (truth ${t.flexionDeg.toFixed(1)}, rotation ${t.rotationDeg.toFixed(1)})`);
    }
  }
  const jb = ((saved.summary as { jerks: { jerks: Jerk[] } }).jerks.jerks);
  const ja = ((res.summary as unknown as { jerks: { jerks: Jerk[] } }).jerks.jerks);
  for (const tj of events.events.jerks) {
    const near = (js: Jerk[]) => js.find((j) => j.axis === tj.axis && Math.abs(j.peakMs - tj.peakMs) <= 250);
    const b = near(jb), a = near(ja);
    jerkRows.push(`${clip} ${tj.axis.replace('Deg', '')} ${tj.peakDeg > 0 ? '+' : ''}${tj.peakDeg}° @${tj.peakMs} ms: ${b ? b.excursionDeg.toFixed(2) : 'missed'} → ${a ? a.excursionDeg.toFixed(2) : 'missed'}`);
  }
  if (ja.length !== jb.length) jerkRows.push(`${clip}: ${jb.length} jerks detected before, ${ja.length} after`);
}
const lb = targetLines(scoreClips(before)), la = targetLines(scoreClips(after));
console.log(`## ${before.length} clips; target lines (before → after)`);
for (const [i, a] of la.entries()) {
  const b = lb[i]!;
  console.log(`${a.result === b.result ? '  ' : '≠ '}${a.target}: ${b.result}${a.result === b.result ? '' : ` → ${a.result}`} [${String(b.pass)} → ${String(a.pass)}]`);
}
console.log(`## jerks (excursion read, deg: before → after)\n${jerkRows.join('\n')}`);
console.log(`## frames changed: ${changes.length}\n${changes.join('\n')}`);
