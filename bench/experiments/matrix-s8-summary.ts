/**
 * Session 8 (matrix helper): one row per face × camera set-up from a matrix run's saved analyses
 * (<root>/matrix/<face>/<camera>/<clip>.measured.json), scored by @geste/phantom's scoreClips (the bench's and the
 * tests' scoring, nothing added): core MAE per axis, worst clip, not measurable per axis, edges, combined postures,
 * tremor, jerks, time in neutral, false tremor. Only clips whose analysis is newer than the video are read.
 *
 *   node --import tsx bench/experiments/matrix-s8-summary.ts --root /work/s8-matrix [--cameras webcam-640,...]
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTruthCsv, scoreClips, scriptsInSet, type ClipForScoring, type EventsFile, type MeasuredRow } from '@geste/phantom';

const { values } = parseArgs({ options: { root: { type: 'string', default: '/work/s8-matrix' }, cameras: { type: 'string' } } });
const base = join(values.root!, 'matrix');
const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));
const cams = values.cameras?.split(',');
const ax = (a: string) => a.replace('Deg', '')[0];
console.log('| face × set-up | clips | core MAE r / t / f | worst clip | not meas. r / t / f | edges: not ok / frames, off > 10° (axes) | combined: unflagged > 3° (r, t, f) / frames | tremor (f, RMS err) | jerks (same axis) | time in neutral | false tremor |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const cam of cams ?? ['webcam-640', 'laptop-15fps-dim', 'hd-720-60']) for (const face of readdirSync(base)) {
  const dir = join(base, face, cam);
  if (!existsSync(dir)) continue;
  const clips: ClipForScoring[] = [];
  for (const s of scriptsInSet('matrix')) {
    const p = join(dir, s.name);
    if (!existsSync(`${p}.measured.json`) || statSync(`${p}.measured.json`).mtimeMs < statSync(`${p}.mp4`).mtimeMs) continue;
    const { frames, summary } = JSON.parse(readFileSync(`${p}.measured.json`, 'utf8')) as { frames: MeasuredRow[]; summary: unknown };
    clips.push({ name: s.name, truth: parseTruthCsv(readFileSync(`${p}.truth.csv`, 'utf8')), measured: frames, summary, events: JSON.parse(readFileSync(`${p}.events.json`, 'utf8')) as EventsFile });
  }
  if (!clips.length) continue;
  const g = scoreClips(clips);
  const edges = g.edges.filter((e) => e.frames > 0);
  const comb = g.combined.filter((c) => c.frames > 0);
  const tremor = g.tremors.map((t) => `${t.scriptedHz} Hz: ${f(t.measuredHz)} Hz, ${t.amplitudeErrorRel === null ? '—' : `${t.amplitudeErrorRel * 100 >= 0 ? '' : ''}${(100 * ((t.measuredRmsDeg! - t.truthRmsDeg!) / t.truthRmsDeg!)).toFixed(0)} %`}${t.pass ? '' : ' **no**'}`).join('; ');
  const core = g.core.map((c) => (c.pass ? f(c.stats.maeDeg) : `**${f(c.stats.maeDeg)}**`)).join(' / ');
  const worst = g.worstClip ? `${g.worstClip.clip} ${ax(g.worstClip.axis)} ${g.worstClip.maeDeg > 3 ? `**${f(g.worstClip.maeDeg)}**` : f(g.worstClip.maeDeg)}` : '—';
  const nm = g.coreNotMeasurable.map((n) => (n.pass ? `${(100 * n.share).toFixed(1)}` : `**${(100 * n.share).toFixed(1)}**`)).join(' / ') + ' %';
  const edgeS = edges.length ? edges.map((e) => `${ax(e.axis)} ${e.frames - e.okFrames}/${e.frames}, ${e.offBy10WhileMeasurable}${e.pass ? '' : ' **no**'}`).join('; ') : '—';
  const combS = comb.length ? `${comb.map((c) => c.frames - c.okFrames).join(', ')} / ${comb[0]!.frames}${comb.every((c) => c.pass) ? '' : ' **no**'}` : '—';
  const jerks = g.jerks.map((j) => `${j.cmp.matched}/${j.cmp.truth} found, ${j.cmp.detected} detected${j.cmp.pass ? '' : ' **no**'}`).join('; ') || '—';
  const neutral = g.neutral.map((n) => `${f(n.cmp.measuredS, 1)} s for ${f(n.cmp.truthS, 1)} s${n.cmp.pass ? '' : ' **no**'}`).join('; ') || '—';
  const falseT = g.falseTremors.filter((t) => !t.pass).map((t) => `${t.clip} ${f(t.headlineHz)} Hz ${f(t.headlineRmsDeg)}°`).join('; ') || `0/${g.falseTremors.length}`;
  console.log(`| ${face} × ${cam} | ${clips.length} | ${core} | ${worst} | ${nm} | ${edgeS} | ${combS} | ${tremor || '—'} | ${jerks} | ${neutral} | ${falseT} |`);
}
