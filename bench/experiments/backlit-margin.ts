// Session 10 (backlit): how far each returning run after a far excursion moves the axes that were away from their edge
// before it (reentry.ts REENTRY_UNCHANGED_AXIS_DEG). Saved landmarks → measureFrame against the clip's neutral (the
// calibrated rest, or anatomical for clips that start in a posture and real clips) → RangeReentryGuard, frame by frame.
// For every frame the guard gets after a beyond-range frame until it gives a reading again (the run, and the frame it
// releases), prints one JSON line: the change from the last reading it gave before the excursion on the axes then more than
// LOST_AT_EDGE_WINDOW_DEG inside their range, the mesh score, the guard's output and, for phantom clips, the truth.
//   node --import tsx bench/experiments/backlit-margin.ts --out runs.jsonl FILE...
import { writeFileSync, appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  LOST_AT_EDGE_WINDOW_DEG, RangeReentryGuard, anatomicalNeutral, calibrateNeutral, measureFrame, meshEvidence,
  type FrameMeasure, type Neutral,
} from '@geste/core';
import { MESH_RANGE_DEG } from '../../packages/core/src/pose/range.ts';
import { REST_MS, findScript, startsOffNeutral } from '@geste/phantom';
import { loadLandmarkFrames, truthForLandmarks } from './savedLandmarks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'backlit-margin.jsonl' } } });
writeFileSync(values.out!, '');

const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
const given = (m: FrameMeasure) => m.method === 'face-mesh' && m.rotationDeg !== null;

for (const path of positionals) {
  const frames = loadLandmarkFrames(path);
  const { truth, clip } = truthForLandmarks(path);
  const script = truth ? findScript(clip) : undefined;
  let neutral: Neutral = anatomicalNeutral();
  if (truth !== null && !startsOffNeutral(script)) {
    const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
    if (cal.ok) neutral = cal.neutral;
  }
  const tByIdx = new Map((truth ?? []).map((t) => [t.frameIndex, t]));
  const guard = new RangeReentryGuard();
  let before: FrameMeasure | null = null; // the last reading the guard gave
  let held = false;
  const lines: string[] = [];
  for (const f of frames) {
    const m = measureFrame(f, neutral);
    const out = guard.apply(m, meshEvidence(f));
    if (m.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range')) held = true;
    if (held && given(m) && before !== null) {
      const b = before;
      const moved = AXES.filter((a) => Math.abs(b[a]!) < MESH_RANGE_DEG[a] - LOST_AT_EDGE_WINDOW_DEG).map((a) => Math.abs(m[a]! - b[a]!));
      const t = tByIdx.get(f.frameIndex);
      const e = t === undefined ? null : Math.max(Math.abs(m.rotationDeg! - t.rotationDeg), Math.abs(m.tiltDeg! - t.tiltDeg), Math.abs(m.flexionDeg! - t.flexionDeg));
      lines.push(JSON.stringify({
        file: path, i: f.frameIndex, ms: Math.round(f.timestampMs), sinceBeforeMs: Math.round(f.timestampMs - b.timestampMs),
        before: [r1(b.rotationDeg), r1(b.tiltDeg), r1(b.flexionDeg)], read: [r1(m.rotationDeg), r1(m.tiltDeg), r1(m.flexionDeg)],
        movedDeg: moved.length ? r1(Math.max(...moved)) : null, meshScore: meshEvidence(f)?.meshScore ?? null,
        out: out.state, given: given(out), truth: t ? [t.rotationDeg, t.tiltDeg, t.flexionDeg] : null, errDeg: r1(e),
      }));
    }
    if (given(out)) { before = out; held = false; }
  }
  if (lines.length) appendFileSync(values.out!, lines.join('\n') + '\n');
}
