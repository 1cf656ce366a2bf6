/**
 * Session 8 (matrix helper): per face × camera × clip detail from the analyses the matrix run saved
 * (<root>/matrix/<face>/<camera>/<clip>.measured.json + truth.csv): on combined-posture frames (score.ts's
 * isCombinedPosture) how many frames per axis are within 3°, flagged low confidence, not measurable, or neither; and
 * the mean signed error per axis over the clip's posture holds (reading minus truth, patient's-view signs).
 *
 *   node --import tsx bench/experiments/matrix-s8-detail.ts --root /work/s8-matrix --clip combined-extension
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AXES } from '@geste/core';
import { parseTruthCsv, isCombinedPosture, REST_MS, type EventsFile, type MeasuredRow } from '@geste/phantom';

const { values } = parseArgs({ options: { root: { type: 'string', default: '/work/s8-matrix' }, clip: { type: 'string', default: 'combined-extension' } } });
const base = join(values.root!, 'matrix');
console.log('| face × camera | combined frames (low conf.) | r / t / f within 3° | r / t / f low conf. (outside 3°) | r / t / f not meas. | r / t / f outside 3° unflagged | held posture: truth → mean reading (r, t, f) |');
console.log('|---|---|---|---|---|---|---|');
for (const face of readdirSync(base)) for (const cam of readdirSync(join(base, face))) {
  const p = join(base, face, cam, values.clip!);
  if (!existsSync(`${p}.measured.json`)) continue;
  const truth = parseTruthCsv(readFileSync(`${p}.truth.csv`, 'utf8'));
  const events = JSON.parse(readFileSync(`${p}.events.json`, 'utf8')) as EventsFile;
  const m = new Map((JSON.parse(readFileSync(`${p}.measured.json`, 'utf8')) as { frames: MeasuredRow[] }).frames.map((r) => [r.frameIndex, r]));
  const comb = truth.filter((t) => t.timestampMs >= REST_MS && isCombinedPosture(t));
  const cnt = AXES.map((a) => {
    let within = 0, low = 0, nm = 0, bad = 0;
    for (const t of comb) {
      const r = m.get(t.frameIndex);
      const v = r && r.state !== 'not-measurable' ? r[a] : null;
      if (v === null || v === undefined) { nm++; continue; }
      const e = Math.abs(v - t[a]);
      if (e <= 3) within++; else if (r!.state === 'low-confidence') low++; else bad++;
    }
    return { within, low, nm, bad };
  });
  const lowFrames = comb.filter((t) => m.get(t.frameIndex)?.state === 'low-confidence').length;
  const holds = events.events.holds.filter((h) => h.kind === 'posture');
  const held = holds.map((h) => {
    const rows = truth.filter((t) => t.timestampMs >= h.startMs && t.timestampMs < h.endMs);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
    return AXES.map((a) => `${mean(rows.map((t) => t[a])).toFixed(1)} → ${mean(rows.flatMap((t) => { const r = m.get(t.frameIndex); const v = r && r.state !== 'not-measurable' ? r[a] : null; return v === null || v === undefined ? [] : [v]; })).toFixed(1)}`).join(', ');
  });
  console.log(`| ${face} × ${cam} | ${comb.length} (${lowFrames}) | ${cnt.map((c) => c.within).join(' / ')} | ${cnt.map((c) => c.low).join(' / ')} | ${cnt.map((c) => c.nm).join(' / ')} | ${cnt.map((c) => c.bad).join(' / ')} | ${held.join('; ')} |`);
}
