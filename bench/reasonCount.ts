/**
 * Why is a frame low confidence or not measurable? Replays saved landmark files (`<clip>.landmarks.json`, as
 * bench/accuracy.ts --replay does: `analyzeLandmarkSource` with the clip's first REST_MS as neutral) and counts, per
 * clip, the frames that are low confidence or not measurable with no reason, and the frames per reason, doubt and axis
 * beyond the range. With --dump DIR each clip's per-frame state, reasons and the optional fields go to DIR (JSON) so two
 * runs (before and after a change) can be compared frame by frame.
 *
 *   node --import tsx bench/reasonCount.ts ROOT... [--dump DIR] [--report FILE]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REST_MS } from '@geste/phantom';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dump: { type: 'string' }, report: { type: 'string' } } });
const cli = (await import('@geste/cli')) as unknown as { analyzeLandmarkSource: (s: unknown, o: Record<string, unknown>) => Promise<{ frames: readonly FrameMeasure[] }> };
const { replaySourceFromFrames } = await import('@geste/vision');

function landmarkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...landmarkFiles(p));
    // A clip's own landmarks (next to its truth), not a tuned run's (<clip>.<tuning>.landmarks.json).
    else if (e.endsWith('.landmarks.json') && existsSync(p.replace(/\.landmarks\.json$/, '.truth.csv'))) out.push(p);
  }
  return out;
}

type Row = { clip: string; frames: number; low: number; none: number; lowNoReason: number; noneNoReason: number; lowOnlyShoulders: number; tally: Record<string, number> };
const rows: Row[] = [];
for (const root of positionals) {
  for (const file of landmarkFiles(root)) {
    const clip = relative(root, file).replace('.landmarks.json', '');
    const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const res = await cli.analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
    const r: Row = { clip, frames: res.frames.length, low: 0, none: 0, lowNoReason: 0, noneNoReason: 0, lowOnlyShoulders: 0, tally: {} };
    const add = (k: string) => (r.tally[k] = (r.tally[k] ?? 0) + 1);
    for (const f of res.frames) {
      if (f.state === 'measured') continue;
      const x = f as FrameMeasure & Record<string, unknown>;
      const doubts = (x['doubts'] as string[] | undefined) ?? [];
      const axes = (x['beyondRangeAxes'] as string[] | undefined) ?? [];
      const said = [...f.reasons.filter((c) => c !== 'no-shoulders'), ...doubts];
      if (f.state === 'low-confidence') r.low++;
      else r.none++;
      if (said.length === 0) {
        if (f.state === 'low-confidence') r.lowNoReason++;
        else r.noneNoReason++;
        if (f.state === 'low-confidence' && f.reasons.length > 0) r.lowOnlyShoulders++;
      }
      for (const c of f.reasons) add(`${f.state}:${c}`);
      for (const c of doubts) add(`${f.state}:doubt:${c}`);
      for (const a of axes) add(`${f.state}:axis:${a}`);
      if (f.reasons.includes('beyond-tracker-range') && axes.length === 0) add(`${f.state}:beyond-without-axis`);
    }
    rows.push(r);
    if (values.dump) {
      const out = join(values.dump, `${basename(dirname(resolve(root)))}__${clip.replaceAll('/', '__')}.json`);
      mkdirSync(values.dump, { recursive: true });
      writeFileSync(out, JSON.stringify(res.frames));
    }
    process.stderr.write(`${clip}: low ${r.low} (no reason ${r.lowNoReason}), not measurable ${r.none} (no reason ${r.noneNoReason})\n`);
  }
}
const sum = (k: keyof Row) => rows.reduce((s, r) => s + (r[k] as number), 0);
const total: Record<string, number> = {};
for (const r of rows) for (const [k, n] of Object.entries(r.tally)) total[k] = (total[k] ?? 0) + n;
const L = [
  `Clips ${rows.length}, frames ${sum('frames')}; low confidence ${sum('low')} (no reason ${sum('lowNoReason')}, of which only "no-shoulders" ${sum('lowOnlyShoulders')}); not measurable ${sum('none')} (no reason ${sum('noneNoReason')}).`,
  '',
  '| count | state:reason |',
  '|---:|---|',
  ...Object.entries(total).sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${n} | ${k} |`),
  '',
  '| clip | frames | low | low, no reason | not measurable | not measurable, no reason |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.clip} | ${r.frames} | ${r.low} | ${r.lowNoReason} | ${r.none} | ${r.noneNoReason} |`),
];
if (values.report) writeFileSync(values.report, `${L.join('\n')}\n`);
else process.stdout.write(`${L.join('\n')}\n`);
