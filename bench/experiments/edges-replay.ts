// Replay saved landmarks through `geste analyze`'s own code (analyzeLandmarkSource) from a copy of the phantom cache,
// score with @geste/phantom's score.ts (the same code as bench/accuracy.ts --set matrix --replay) and count why core-range
// frames are not measurable. For core-rule work without writing into the shared cache (issue 13, session 6 "edges").
//   node --import tsx bench/experiments/edges-replay.ts --cache tmp-cache --set matrix --faces a,b --cameras c,d \
//     --only clip,clip [--tag .faceMeshRoi-own] [--report out.md] [--dump frames.jsonl]
// --dump writes one JSON line per frame: truth, the measure (state, reasons, angles, confidence).
import { readFileSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import {
  parseTruthCsv, scoreClips, targetLines, inCoreRange, REST_MS, isCombinedPosture, EDGE_BANDS_DEG,
  type ClipForScoring, type EventsFile, type MeasuredRow,
} from '@geste/phantom';

const { values } = parseArgs({ options: {
  cache: { type: 'string', default: 'tmp-cache' }, set: { type: 'string', default: 'matrix' }, faces: { type: 'string' }, cameras: { type: 'string', default: 'webcam-640' },
  only: { type: 'string' }, tag: { type: 'string', default: '' }, report: { type: 'string' }, dump: { type: 'string' },
} });
const faces = (values.faces ?? 'astronaut').split(',');
const cameras = values.cameras!.split(',');
const only = values.only!.split(',');
if (values.dump) writeFileSync(values.dump, '');

const L: string[] = [];
const rows: string[] = [];
for (const face of faces) {
  for (const camera of cameras) {
    const dir = join(values.cache!, values.set!, face, camera);
    const scored: ClipForScoring[] = [];
    const reasons = new Map<string, number>();
    let core = 0, coreNm = 0, coreFlexNull = 0, coreTiltNull = 0, coreLow = 0;
    for (const clip of only) {
      const lm = join(dir, `${clip}${values.tag}.landmarks.json`);
      if (!existsSync(lm)) continue;
      const frames = (JSON.parse(readFileSync(lm, 'utf8')) as { frames: LandmarkFrame[] }).frames;
      const truth = parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8'));
      const events = JSON.parse(readFileSync(join(dir, `${clip}.events.json`), 'utf8')) as EventsFile;
      const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
      const byIdx = new Map<number, FrameMeasure>(res.frames.map((m) => [m.frameIndex, m]));
      for (const t of truth) {
        if (t.timestampMs < REST_MS) continue;
        const m = byIdx.get(t.frameIndex);
        if (values.dump) appendFileSync(values.dump, JSON.stringify({ face, camera, clip, i: t.frameIndex, ms: t.timestampMs, tR: t.rotationDeg, tT: t.tiltDeg, tF: t.flexionDeg, st: m?.state, why: m?.reasons, c: m?.confidence, mR: m?.rotationDeg ?? null, mT: m?.tiltDeg ?? null, mF: m?.flexionDeg ?? null, core: inCoreRange(t), comb: isCombinedPosture(t) }) + '\n');
        if (!inCoreRange(t)) continue;
        core++;
        if (!m || m.state === 'not-measurable') {
          coreNm++;
          const k = m ? m.reasons.join('+') || '(none)' : '(no row)';
          reasons.set(k, (reasons.get(k) ?? 0) + 1);
        } else {
          if (m.state === 'low-confidence') coreLow++;
          if (m.flexionDeg === null) coreFlexNull++;
          if (m.tiltDeg === null) coreTiltNull++;
        }
      }
      const measured: MeasuredRow[] = res.frames.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state }));
      scored.push({ name: clip, truth, measured, summary: res.summary, events });
    }
    if (scored.length === 0) continue;
    const g = scoreClips(scored);
    L.push(`## ${face} × ${camera}${values.tag}`, '', `Clips: ${g.clips.join(', ')}.`, '');
    L.push('| target | result | met |', '|---|---|---|');
    for (const t of targetLines(g)) L.push(`| ${t.target} | ${t.result} | ${t.pass === null ? '—' : t.pass ? 'yes' : '**no**'} |`);
    const why = [...reasons].map(([k, n]) => `${k} ${n}`).join(', ') || '—';
    L.push('', `Core range: ${core} frames, not measurable ${coreNm} (${(100 * coreNm / Math.max(1, core)).toFixed(1)} %; ${why}), low confidence ${coreLow}, flexion null on a given frame ${coreFlexNull}, tilt null ${coreTiltNull}.`, '');
    const fe = g.edges.find((e) => e.axis === 'flexionDeg')!;
    const te = g.edges.find((e) => e.axis === 'tiltDeg')!;
    const re = g.edges.find((e) => e.axis === 'rotationDeg')!;
    const comb = g.combined.filter((c) => c.frames > 0);
    const e = (x: typeof fe) => (x.frames ? `${x.okFrames}/${x.frames} (${x.notMeasurable}, ${x.lowConfidence}), ${x.offBy10WhileMeasurable}, ${x.maxErrorWhileMeasurableDeg?.toFixed(1) ?? '—'}°` : '—');
    rows.push(`| ${face} × ${camera}${values.tag} | ${(100 * coreNm / Math.max(1, core)).toFixed(1)} % (${coreNm}/${core}: ${why}) | ${g.core.map((c) => c.stats.maeDeg?.toFixed(2) ?? '—').join(' / ')} | ${e(re)} | ${e(te)} | ${e(fe)} | ${comb.length ? comb.map((c) => `${c.okFrames}/${c.frames}`).join(' ') : '—'} |`);
  }
}
const head = ['| group | core not measurable (why) | core MAE r/t/f | rotation 45–80° ok (nm, low), >10, max | tilt 30–45° | flexion 30–45° | combined ok r t f |', '|---|---|---|---|---|---|---|'];
const text = [`Replay: ${process.argv.slice(2).join(' ')}`, '', ...head, ...rows, '', ...L].join('\n') + '\n';
if (values.report) writeFileSync(values.report, text);
process.stdout.write([...head, ...rows].join('\n') + '\n');
void EDGE_BANDS_DEG;
