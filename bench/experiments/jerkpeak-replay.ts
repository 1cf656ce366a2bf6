// Issue 13, session 8 ("jerkpeak"): replays saved landmark files through `geste analyze`'s own code
// (analyzeLandmarkSource, no models) and writes one JSON line per frame (truth, the measure, and the mesh's evidence:
// eye height and face width, fit residual, mesh score, turn from the camera) plus one line per clip (the summary's jerks
// and tremor headline), so two runs of the same files (before / after a core rule) can be compared frame by frame.
//   node --import tsx bench/experiments/jerkpeak-replay.ts --out run.jsonl <file.landmarks.json> …
// A landmark file <dir>/<clip>[.<tag>].landmarks.json needs <dir>/<clip>.truth.csv (and .events.json for the clip's
// jerks); the clip is analysed against the anatomical zero when the bench does so (bench/accuracy.ts isAnatomicalClip),
// otherwise calibrated on its first REST_MS.
import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { parseTruthCsv, findScript, startsOffNeutral, inCoreRange, isCombinedPosture, REST_MS, type EventsFile } from '@geste/phantom';
import { eyeEvidence } from '../../packages/core/src/pose/flexionLag.ts';
import { fitHead } from '../../packages/core/src/pose/headFit.ts';
import { selectPatientFace } from '../../packages/core/src/pose/frameGeometry.ts';
import { anglesFromRotationMatrix } from '../../packages/core/src/pose/euler.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'jerkpeak.jsonl' } } });
writeFileSync(values.out!, '');

function clipOf(path: string): { dir: string; clip: string; tag: string } | null {
  const dir = dirname(path);
  const stem = basename(path).replace(/\.landmarks\.json$/, '');
  if (existsSync(join(dir, `${stem}.truth.csv`))) return { dir, clip: stem, tag: '' };
  const m = /^(.*)(\.[A-Za-z0-9-]+)$/.exec(stem);
  if (m && existsSync(join(dir, `${m[1]}.truth.csv`))) return { dir, clip: m[1]!, tag: m[2]! };
  return null;
}

for (const path of positionals) {
  const c = clipOf(path);
  if (!c) { process.stderr.write(`skip ${path}: no truth beside it\n`); continue; }
  const frames = (JSON.parse(readFileSync(path, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = parseTruthCsv(readFileSync(join(c.dir, `${c.clip}.truth.csv`), 'utf8'));
  const script = findScript(c.clip);
  const anatomical = startsOffNeutral(script);
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: anatomical ? { kind: 'anatomical' } : { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const byIdx = new Map(res.frames.map((m) => [m.frameIndex, m]));
  const lmByIdx = new Map(frames.map((f) => [f.frameIndex, f]));
  const id = `${c.dir}/${c.clip}${c.tag}`;
  const events = existsSync(join(c.dir, `${c.clip}.events.json`)) ? (JSON.parse(readFileSync(join(c.dir, `${c.clip}.events.json`), 'utf8')) as EventsFile) : null;
  const s = res.summary as unknown as { jerks: { jerks: { axis: string; peakMs: number; excursionDeg: number; peakVelocityDegPerS: number }[] }; measures?: unknown; tremor?: { headline?: unknown } };
  appendFileSync(values.out!, JSON.stringify({ kind: 'clip', id, clip: c.clip, anatomical, frames: frames.length,
    jerks: s.jerks.jerks.map((j) => ({ axis: j.axis, peakMs: j.peakMs, excursionDeg: j.excursionDeg, v: j.peakVelocityDegPerS })),
    trueJerks: events?.events.jerks ?? [], tremor: s.tremor?.headline ?? null }) + '\n');
  let lines = '';
  for (const t of truth) {
    const m = byIdx.get(t.frameIndex);
    const lm = lmByIdx.get(t.frameIndex);
    let eyeY: number | null = null, faceW: number | null = null, res_: number | null = null, score: number | null = null, camR: number | null = null, camT: number | null = null, camF: number | null = null;
    if (lm) {
      const e = eyeEvidence(lm);
      if (e) { eyeY = e.eyeYPx; faceW = e.faceWidthPx; }
      const sel = Array.isArray(lm.faces) && lm.faces.length ? selectPatientFace(lm) : null;
      if (sel?.kind === 'one') {
        score = sel.face.meshScore;
        const fit = fitHead(sel.face, lm);
        if (fit) { res_ = fit.rmsResidualCm; const a = anglesFromRotationMatrix(fit.headToCamera); camR = a.rotationDeg; camT = a.tiltDeg; camF = a.flexionDeg; }
      }
    }
    lines += JSON.stringify({ kind: 'frame', id, i: t.frameIndex, ms: t.timestampMs, tR: t.rotationDeg, tT: t.tiltDeg, tF: t.flexionDeg,
      st: m?.state ?? null, c: m?.confidence ?? null, why: m?.reasons ?? null, method: m?.method ?? null, mR: m?.rotationDeg ?? null, mT: m?.tiltDeg ?? null, mF: m?.flexionDeg ?? null,
      core: inCoreRange(t) && (anatomical || t.timestampMs >= REST_MS), comb: isCombinedPosture(t) && (anatomical || t.timestampMs >= REST_MS),
      eyeY, faceW, res: res_, score, camR, camT, camF }) + '\n';
  }
  appendFileSync(values.out!, lines);
  process.stderr.write(`${id}: ${frames.length} frames, ${s.jerks.jerks.length} jerks\n`);
}
