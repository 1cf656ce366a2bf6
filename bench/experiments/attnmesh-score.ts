/**
 * attnmesh (session 9): scores the runs of attnmesh-run.ts (and, as a reference, the saved session-9 replay analyses
 * beside the renders) with @geste/phantom's scoreClips — the scorer of bench/accuracy.ts — one clip at a time, and
 * prints one markdown table: tremor gain (summary RMS / truth RMS), the readings at every scripted excursion of ≥ 5°
 * (peak truth → median reading within 1° of that peak), the cross-talk at a level 30–45° turn, core-range MAE per
 * axis, core-range not measurable per axis, and the cost per frame from timings.jsonl.
 *
 *   node --import tsx bench/experiments/attnmesh-score.ts --matrix <renders dir> --runs <attnmesh-run out dir> [--models facemesh,attention]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTruthCsv, scoreClips, REST_MS, type EventsFile, type MeasuredRow, type TruthRow } from '@geste/phantom';

const { values } = parseArgs({ options: { matrix: { type: 'string' }, runs: { type: 'string' }, models: { type: 'string', default: 'saved,facemesh,attention' } } });
if (!values.matrix || !values.runs) throw new Error('usage: attnmesh-score.ts --matrix <dir> --runs <dir> [--models saved,facemesh,attention]');
const models = values.models!.split(',');
type AxisKey = 'rotationDeg' | 'tiltDeg' | 'flexionDeg';
const AX: readonly [AxisKey, string][] = [['rotationDeg', 'rot'], ['tiltDeg', 'tilt'], ['flexionDeg', 'flex']];

const timings = existsSync(join(values.runs, 'timings.jsonl'))
  ? readFileSync(join(values.runs, 'timings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { spec: string; model: string; cpuMsPerFrame: number; wallMsPerFrame: number; load1Before: number; load1After: number })
  : [];
const specs = [...new Set(timings.map((t) => t.spec))];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : null; };
const f = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : v.toFixed(d));

/** Contiguous runs of |truth| ≥ 5° on one axis: the peak and the median reading of the frames within 1° of it. */
function excursions(truth: readonly TruthRow[], byFrame: Map<number, MeasuredRow>, key: AxisKey): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < truth.length) {
    if (Math.abs(truth[i]![key]) < 5) { i++; continue; }
    let j = i;
    while (j < truth.length && Math.abs(truth[j]![key]) >= 5 && Math.sign(truth[j]![key]) === Math.sign(truth[i]![key])) j++;
    const seg = truth.slice(i, j);
    const peak = seg.reduce((a, b) => (Math.abs(b[key]) > Math.abs(a[key]) ? b : a));
    const near = seg.filter((t) => Math.abs(t[key] - peak[key]) <= 1);
    const reads = near.map((t) => byFrame.get(t.frameIndex)).filter((m): m is MeasuredRow => !!m && m.state !== 'not-measurable' && m[key] !== null).map((m) => m[key]!);
    const flagged = near.length - reads.length;
    if (seg.length >= 3) out.push(`${f(peak[key], 0)}→${f(median(reads))}${flagged ? ` (${flagged}/${near.length} n.m.)` : ''}`);
    i = j;
  }
  return out;
}

/** Median reading error on tilt and flexion while the head is level (|tilt|, |flex| < 2°) and turned 30–45° each way. */
function crossTalk(truth: readonly TruthRow[], byFrame: Map<number, MeasuredRow>): string {
  const parts: string[] = [];
  for (const sign of [-1, 1]) {
    const rows = truth.filter((t) => Math.abs(t.tiltDeg) < 2 && Math.abs(t.flexionDeg) < 2 && sign * t.rotationDeg >= 30 && sign * t.rotationDeg <= 45);
    const ms = rows.map((t) => [t, byFrame.get(t.frameIndex)] as const).filter(([, m]) => m && m.state !== 'not-measurable');
    if (rows.length < 3) continue;
    const dFlex = median(ms.filter(([, m]) => m!.flexionDeg !== null).map(([t, m]) => m!.flexionDeg! - t.flexionDeg));
    const dTilt = median(ms.filter(([, m]) => m!.tiltDeg !== null).map(([t, m]) => m!.tiltDeg! - t.tiltDeg));
    parts.push(`rot ${sign < 0 ? '−' : '+'}30…45 (${ms.length}/${rows.length}): flex ${f(dFlex)}, tilt ${f(dTilt)}`);
  }
  return parts.join('; ') || '—';
}

/** Least-squares slope of the reading on the truth (one axis, measured frames after the calibration rest), after removing each side's mean. */
function slope(truth: readonly TruthRow[], byFrame: Map<number, MeasuredRow>, key: AxisKey): number | null {
  const pairs = truth.filter((t) => t.timestampMs >= REST_MS).map((t) => [t[key], byFrame.get(t.frameIndex)] as const)
    .filter(([, m]) => m && m.state !== 'not-measurable' && m[key] !== null).map(([x, m]) => [x, m![key]!] as const);
  if (pairs.length < 10) return null;
  const mx = pairs.reduce((a, [x]) => a + x, 0) / pairs.length;
  const my = pairs.reduce((a, [, y]) => a + y, 0) / pairs.length;
  const sxx = pairs.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx > 0 ? pairs.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx : null;
}

const L: string[] = [];
L.push('| clip | mesh | tremor gain (RMS read / truth) | excursions ≥ 5°: truth peak → median read (rot / tilt / flex) | level 30–45° turn: median error | edge band: ok / frames (max error while measurable) | core MAE rot / tilt / flex | core not measurable rot / tilt / flex | CPU ms/frame (load) |');
L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const spec of specs) {
  const truth = parseTruthCsv(readFileSync(join(values.matrix, `${spec}.truth.csv`), 'utf8'));
  const events = JSON.parse(readFileSync(join(values.matrix, `${spec}.events.json`), 'utf8')) as EventsFile;
  for (const model of models) {
    const path = model === 'saved' ? join(values.matrix, `${spec}.measured.json`) : join(values.runs, model, `${spec}.measured.json`);
    if (!existsSync(path)) continue;
    const { frames: measured, summary } = JSON.parse(readFileSync(path, 'utf8')) as { frames: MeasuredRow[]; summary: unknown };
    const name = spec.split('/').at(-1)!;
    const s = scoreClips([{ name, truth, measured, summary, events }]);
    const byFrame = new Map(measured.map((m) => [m.frameIndex, m]));
    const trem = s.tremors.map((t) => `${t.axis.replace('Deg', '')} ${f(t.measuredRmsDeg, 2)}/${f(t.truthRmsDeg, 2)} = ${t.measuredRmsDeg !== null && t.truthRmsDeg ? (t.measuredRmsDeg / t.truthRmsDeg).toFixed(2) : '—'}× (${f(t.measuredHz, 2)} Hz; slope ${f(slope(truth, byFrame, t.axis as AxisKey), 2)})`).join('; ') || '—';
    const exc = AX.map(([k, n]) => { const e = excursions(truth, byFrame, k); return e.length ? `${n} ${e.join(', ')}` : ''; }).filter(Boolean).join(' / ') || '—';
    const edge = s.edges.filter((e) => e.frames > 0).map((e) => `${e.axis.replace('Deg', '')} ${e.okFrames}/${e.frames} (${f(e.maxErrorWhileMeasurableDeg)}°)`).join('; ') || '—';
    const mae = s.core.map((c) => f(c.stats.maeDeg, 2)).join(' / ');
    const nm = s.coreNotMeasurable.map((c) => `${(100 * c.share).toFixed(1)} %`).join(' / ');
    const t = timings.find((x) => x.spec === spec && x.model === model);
    const cost = t ? `${t.cpuMsPerFrame.toFixed(0)} (${t.load1Before.toFixed(1)}→${t.load1After.toFixed(1)})` : '—';
    L.push(`| ${spec} | ${model === 'saved' ? 'facemesh, saved s8 landmarks' : model} | ${trem} | ${exc} | ${crossTalk(truth, byFrame)} | ${edge} | ${mae}° | ${nm} | ${cost} |`);
  }
}
process.stdout.write(L.join('\n') + '\n');
