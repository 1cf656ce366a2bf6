/**
 * Session 9 (cameras2): the frames behind a failing matrix line. For each face × camera × clip of a matrix run, lists the
 * runs of consecutive frames (after the 2 s calibration rest) where one axis reads more than --deg off the truth while
 * not flagged not measurable, with truth, reading and state (low confidence counts as measurable, as in score.ts).
 * Reads <root>/matrix/<face>/<camera>/<clip>.{truth.csv,measured.json}; no models, no scoring change.
 *
 * With --bands: instead, each clip's per-band MAE (after the rest) where it is over --deg (which clip makes a band's
 * pooled MAE fail), and any band over 5 % not measurable.
 *
 *   node --import tsx bench/experiments/matrix-s9-offframes.ts --root /work/s9-cameras2/replay --cameras backlit-640 [--faces a,b] [--deg 5] [--clip c] [--bands]
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareAngles, parseTruthCsv, scriptsInSet, REST_MS, type MeasuredRow } from '@geste/phantom';

const { values } = parseArgs({ options: { root: { type: 'string' }, cameras: { type: 'string' }, faces: { type: 'string' }, deg: { type: 'string', default: '5' }, clip: { type: 'string' }, bands: { type: 'boolean', default: false } } });
if (!values.root || !values.cameras) throw new Error('usage: --root <matrix run root> --cameras c[,d] [--faces a,b] [--deg 5] [--clip name]');
const base = join(values.root, 'matrix');
const limitDeg = Number(values.deg);
const axes = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const f1 = (v: number) => v.toFixed(1);
for (const cam of values.cameras.split(',')) {
  for (const face of values.faces?.split(',') ?? readdirSync(base)) {
    for (const s of scriptsInSet('matrix')) {
      if (values.clip && s.name !== values.clip) continue;
      const p = join(base, face, cam, s.name);
      if (!existsSync(`${p}.measured.json`)) continue;
      const truth = parseTruthCsv(readFileSync(`${p}.truth.csv`, 'utf8'));
      const { frames } = JSON.parse(readFileSync(`${p}.measured.json`, 'utf8')) as { frames: MeasuredRow[] };
      const byIndex = new Map(frames.map((m) => [m.frameIndex, m]));
      if (values.bands) {
        for (const a of compareAngles(truth.filter((t) => t.timestampMs >= REST_MS), frames)) {
          const over = a.bands.filter((b) => (b.stats.maeDeg !== null && b.stats.maeDeg > limitDeg) || b.stats.shareNotMeasurable > 0.05);
          if (over.length) console.log(`${face} × ${cam} ${s.name} ${a.axis.replace('Deg', '')}: ${over.map((b) => `${b.loDeg}–${b.hiDeg}° MAE ${b.stats.maeDeg === null ? "—" : b.stats.maeDeg.toFixed(2)} (${b.stats.measuredFrames} frames), not measurable ${b.stats.frames - b.stats.measuredFrames}/${b.stats.frames}`).join('; ')}`);
        }
        continue;
      }
      for (const axis of axes) {
        let run: string[] = [];
        let first = -1;
        let last = -1;
        const flush = () => {
          if (run.length) console.log(`${face} × ${cam} ${s.name} ${axis.replace('Deg', '')} frames ${first}–${last} (${run.length}): ${run.join('; ')}`);
          run = [];
        };
        for (const t of truth) {
          if (t.timestampMs < REST_MS) continue;
          const m = byIndex.get(t.frameIndex);
          const v = m?.[axis];
          const off = m && m.state !== 'not-measurable' && typeof v === 'number' && Math.abs(v - t[axis]) > limitDeg;
          if (!off) { flush(); continue; }
          if (!run.length) first = t.frameIndex;
          last = t.frameIndex;
          run.push(`#${t.frameIndex} truth ${f1(t.rotationDeg)}/${f1(t.tiltDeg)}/${f1(t.flexionDeg)} read ${f1(m.rotationDeg!)}/${f1(m.tiltDeg!)}/${f1(m.flexionDeg!)} ${m.state === 'measured' ? 'measured' : 'low'}`);
        }
        flush();
      }
    }
  }
}
