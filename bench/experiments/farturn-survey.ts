// Every frame the re-entry rule (core pose/reentry.ts) holds back, on every saved landmark file under the given roots:
// what the mesh read there against the truth (issue 13, session 8 "farturn"). Optionally compares the guarded output of
// this worktree's core with a base copy of core (`--base <dir with packages/core/src>`): every frame whose state or
// angles change, and the new errors. Files with the same content are replayed once.
//   node --import tsx bench/experiments/farturn-survey.ts --roots a,b [--base /work/s8-farturn/base] [--held held.jsonl] [--changes ch.jsonl]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { type FrameMeasure, type LandmarkFrame, GuardedFrameMeasurer, calibrateNeutral, measureFrame, meshEvidence } from '@geste/core';
import { parseTruthCsv, REST_MS, inCoreRange, type TruthRow } from '@geste/phantom';

const { values } = parseArgs({ options: {
  gross: { type: 'string' }, roots: { type: 'string' }, variant: { type: 'string' }, base: { type: 'string' }, held: { type: 'string' }, changes: { type: 'string' },
} });
type Measurer = { measure(f: LandmarkFrame, n: unknown): FrameMeasure };
const { VariantGuard } = await import('./farturn-variants.ts');
const baseCore = values.base ? (await import(join(values.base, 'packages/core/src/index.ts'))) as { GuardedFrameMeasurer: new () => Measurer } : null;

function walk(d: string, out: string[]): void {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, out);
    else if (e.endsWith('.landmarks.json')) out.push(p);
  }
}
const files: string[] = [];
for (const r of values.roots!.split(',')) walk(r, files);
if (values.held) writeFileSync(values.held, '');
if (values.changes) writeFileSync(values.changes, '');
if (values.gross) writeFileSync(values.gross, '');

const seen = new Set<string>();
const AX = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const tot = { files: 0, dup: 0, noTruth: 0, frames: 0, core: 0, held: 0, heldCore: 0, changed: 0, changedCore: 0, newNmCore: 0, freedCore: 0, new10: 0, new5unflagged: 0, coreNmBase: 0, coreNmNew: 0 };
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
for (const file of files.sort()) {
  const buf = readFileSync(file);
  const h = createHash('sha1').update(buf).digest('hex');
  if (seen.has(h)) { tot.dup++; continue; }
  seen.add(h);
  // <clip>[.tag].landmarks.json; clip names may hold dots (tremor-yaw-1.2hz-…): strip tags until a truth file exists.
  let clip = basename(file).replace(/\.landmarks\.json$/, '');
  while (!existsSync(join(dirname(file), `${clip}.truth.csv`)) && clip.includes('.')) clip = clip.slice(0, clip.lastIndexOf('.'));
  const tp = join(dirname(file), `${clip}.truth.csv`);
  if (!existsSync(tp)) { tot.noTruth++; process.stderr.write(`${file}: no truth\n`); continue; }
  tot.files++;
  const frames = (JSON.parse(buf.toString('utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = new Map<number, TruthRow>(parseTruthCsv(readFileSync(tp, 'utf8')).map((t) => [t.frameIndex, t]));
  const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
  if (!cal.ok) { process.stderr.write(`${file}: calibration failed\n`); continue; }
  const g = new GuardedFrameMeasurer();
  if (values.variant) (g as unknown as { reentry: unknown }).reentry = new VariantGuard(values.variant as 'A' | 'B');
  const b = baseCore ? new baseCore.GuardedFrameMeasurer() : values.variant ? new GuardedFrameMeasurer() : null;
  for (const f of frames) {
    const m = g.measure(f, cal.neutral);
    const raw = measureFrame(f, cal.neutral);
    const t = truth.get(f.frameIndex);
    tot.frames++;
    const core = t !== undefined && t.timestampMs >= REST_MS && inCoreRange(t);
    if (core) tot.core++;
    const err = (x: FrameMeasure) => (t ? AX.map((a) => (x[a] === null ? null : r1(Math.abs(x[a]! - t[a])))) : null);
    // Every frame claimed (measured or low confidence) > 10° off on some axis, with this worktree's core.
    if (values.gross && t && t.timestampMs >= REST_MS && m.state !== 'not-measurable' && AX.some((a) => m[a] !== null && Math.abs(m[a]! - t[a]) > 10))
      appendFileSync(values.gross, JSON.stringify({ file, i: f.frameIndex, ms: Math.round(f.timestampMs), core, t: AX.map((a) => r1(t[a])), m: [m.state, ...AX.map((a) => r1(m[a])), r1(m.confidence)], err: err(m), score: r1((meshEvidence(f)?.meshScore ?? NaN) * 100) }) + '\n');
    const held = m.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range') && raw.method !== 'none' && raw.rotationDeg !== null;
    if (held) {
      tot.held++;
      if (core) tot.heldCore++;
      if (values.held) appendFileSync(values.held, JSON.stringify({ file, i: f.frameIndex, ms: Math.round(f.timestampMs), core, t: t ? AX.map((a) => r1(t[a])) : null, raw: [raw.state[0]! + raw.method[0]!, ...AX.map((a) => r1(raw[a])), r1(raw.confidence)], err: err(raw), score: r1((meshEvidence(f)?.meshScore ?? NaN) * 100) }) + '\n');
    }
    if (b) {
      const o = b.measure(f, cal.neutral);
      if (core && o.state === 'not-measurable') tot.coreNmBase++;
      if (core && m.state === 'not-measurable') tot.coreNmNew++;
      const same = o.state === m.state && AX.every((a) => o[a] === m[a]);
      if (!same) {
        tot.changed++;
        if (core) tot.changedCore++;
        if (core && m.state === 'not-measurable' && o.state !== 'not-measurable') tot.newNmCore++;
        if (core && o.state === 'not-measurable' && m.state !== 'not-measurable') tot.freedCore++;
        const e = err(m) ?? [];
        const eo = err(o) ?? [];
        const worse10 = AX.some((_, k) => (e[k] ?? 0) > 10 && !((eo[k] ?? 0) > 10));
        const worse5 = m.state === 'measured' && AX.some((_, k) => (e[k] ?? 0) > 5 && !(o.state === 'measured' && (eo[k] ?? 0) > 5));
        if (worse10) tot.new10++;
        if (worse5) tot.new5unflagged++;
        if (values.changes) appendFileSync(values.changes, JSON.stringify({ file, i: f.frameIndex, ms: Math.round(f.timestampMs), core, t: t ? AX.map((a) => r1(t[a])) : null, base: [o.state, ...AX.map((a) => r1(o[a])), r1(o.confidence)], now: [m.state, ...AX.map((a) => r1(m[a])), r1(m.confidence)], errNow: e, errBase: eo, worse10, worse5 }) + '\n');
      }
    }
  }
}
process.stdout.write(JSON.stringify(tot) + '\n');
