// Tremor and time in neutral as `geste analyze` reports them, per face (issue 13): replays the models' saved landmarks
// (<clip>.faceMeshRoi-own.landmarks.json, read-only from the phantom cache; TAG='' for Human's crop) through
// analyzeLandmarkSource with the current core, scored by @geste/phantom's scoreClips (the bench's code). Writes nothing
// unless --json <dir>.  node --import tsx bench/tremor-replay.ts [--faces a,b] [--clips c,d] [--json dir]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LandmarkFrame } from '@geste/core';
import { parseTruthCsv, scoreClips, REST_MS, type EventsFile, type MeasuredRow } from '@geste/phantom';
import { replaySourceFromFrames } from '@geste/vision';
const { values } = parseArgs({ options: { faces: { type: 'string', default: 'astronaut,hopper,deep-wide,beard-glasses,olive-narrow,hopper-beard,dark-stubble' }, clips: { type: 'string', default: 'tremor-yaw-1.2hz-large-on-posture,small-tremor-yaw-2hz,tremor-roll-4.5hz,tremor-pitch-7hz-small,hold-neutral-20s,hold-neutral-60s' }, json: { type: 'string' } } });
const cache = join(dirname(fileURLToPath(import.meta.url)), '../packages/phantom/.cache');
const cli = (await import('@geste/cli')) as unknown as { analyzeLandmarkSource: (s: unknown, o: Record<string, unknown>) => Promise<{ frames: MeasuredRow[]; summary: unknown }> };
type Row = { face: string; clip: string; kind: 'tremor'; truthHz: number | null; truthRms: number | null; hz: number | null; rms: number | null; err: number | null; hHz: number | null; hRms: number | null; pass: boolean; note: string }
  | { face: string; clip: string; kind: 'neutral'; truthS: number; measuredS: number | null; errS: number | null; limitS: number; pass: boolean };
const rows: Row[] = [];
for (const face of values.faces!.split(',')) for (const clip of values.clips!.split(',')) {
  const dir = [join(cache, 'matrix', face, 'webcam-640'), join(cache, 'full', face, 'webcam-640')].find((d) => existsSync(join(d, `${clip}${process.env.TAG ?? ".faceMeshRoi-own"}.landmarks.json`)));
  if (!dir) continue;
  const truth = parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8'));
  const events = JSON.parse(readFileSync(join(dir, `${clip}.events.json`), 'utf8')) as EventsFile;
  const lm = (JSON.parse(readFileSync(join(dir, `${clip}${process.env.TAG ?? ".faceMeshRoi-own"}.landmarks.json`), 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const res = await cli.analyzeLandmarkSource(replaySourceFromFrames(lm), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
  const g = scoreClips([{ name: clip, truth, measured: res.frames, summary: res.summary, events }]);
  for (const t of g.tremors) rows.push({ face, clip, kind: 'tremor', truthHz: t.truthHz, truthRms: t.truthRmsDeg, hz: t.measuredHz, rms: t.measuredRmsDeg, err: t.amplitudeErrorRel, hHz: t.headlineHz, hRms: t.headlineRmsDeg, pass: t.pass, note: t.note });
  for (const n of g.neutral) rows.push({ face, clip, kind: 'neutral', truthS: n.cmp.truthS, measuredS: n.cmp.measuredS, errS: n.cmp.errorS, limitS: 2 * n.minutes, pass: n.cmp.pass });
  if (values.json) writeFileSync(join(values.json, `${face}.${clip}.json`), JSON.stringify({ frames: res.frames, summary: res.summary }, (k, v: unknown) => (k === 'psd' ? Array.from((v as { psd?: Float64Array }).psd ?? []) : v)));
}
const f = (v: number | null | undefined, d = 2) => (typeof v === 'number' ? v.toFixed(d) : '—');
for (const r of rows) {
  if (r.kind === 'tremor') console.log(`${r.pass ? 'ok  ' : 'FAIL'} ${r.face.padEnd(14)} ${r.clip.padEnd(34)} truth ${f(r.truthHz)} Hz ${f(r.truthRms)}° | axis ${f(r.hz)} Hz ${f(r.rms)}° (${r.err === null ? '—' : (100 * r.err).toFixed(0)} %) | headline ${f(r.hHz)} Hz ${f(r.hRms)}° ${r.note}`);
  else console.log(`${r.pass ? 'ok  ' : 'FAIL'} ${r.face.padEnd(14)} ${r.clip.padEnd(34)} truth ${f(r.truthS, 1)} s, measured ${f(r.measuredS, 1)} s (err ${f(r.errS, 1)}, limit ${f(r.limitS, 2)})`);
}
