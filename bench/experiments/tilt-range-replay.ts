// Tilt 30–45° confidence (issue 13, session 8 "tiltrange"): replays saved landmark files through `geste analyze`'s own
// code (analyzeLandmarkSource) with the tilt confident limit set to each candidate, and scores tilt per 5° band of the
// true tilt from 25° on, tilt alone vs combined with a turn ≥ 15° or a bend ≥ 10° (truth).
//   node --import tsx bench/experiments/tilt-range-replay.ts <file|dir> … [--limits 35,40,45] [--crops own|human|all]
//     [--json out.json] [--md out.md] [--all]   (--all: every phantom clip, not only those tilting past 25°)
// Phantom files: <clip>[.tag].landmarks.json with <clip>.truth.csv next to it (neutral calibrated on the rest, as the
// matrix bench); only clips whose truth tilts past 25°; identical files counted once. Own crop = tag .faceMeshRoi-own or
// .own-s6; untagged = Human's crop (older runs). Real photographs: <name>__tiltedge.landmarks.json with <name>…steps.json
// (bench/experiments/tilt-edge-photos.ts; CLI defaults, anatomical zero); truth = the 0° holds' median reading composed
// with the exact image roll (realfacesLib.ts truthAt). The candidate level-head limit is set by writing core's
// LEVEL_HEAD_TILT.confidentDeg in this process (an experiment only; the product reads the constant); 35 = the old rule.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type FrameMeasure, type HeadAngles, type LandmarkFrame, anglesFromRotationMatrix, fitHead, selectPatientFace } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS, parseTruthCsv } from '@geste/phantom';
import { LEVEL_HEAD_TILT, MESH_CONFIDENT_DEG, MESH_RANGE_DEG } from '../../packages/core/src/pose/range.ts';
import { type RollStep, rollAt, truthAt } from '../realfacesLib.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { limits: { type: 'string', default: '35,40,45' }, crops: { type: 'string', default: 'own' }, range: { type: 'string' }, 'combined-limit': { type: 'string' }, all: { type: 'boolean', default: false }, json: { type: 'string' }, md: { type: 'string' } },
});
const limits = values.limits!.split(',').map(Number);
const ORIGINAL_TILT_LIMIT = LEVEL_HEAD_TILT.confidentDeg;
// --combined-limit N: the tilt confident limit of a turned or bent head (MESH_CONFIDENT_DEG.tiltDeg) for every run.
if (values['combined-limit']) (MESH_CONFIDENT_DEG as Record<string, number>).tiltDeg = Number(values['combined-limit']);
// --range N: the tilt range limit (not measurable beyond) for every run, to see what the mesh reads past the product's 45°.
if (values.range) (MESH_RANGE_DEG as Record<string, number>).tiltDeg = Number(values.range);

function walk(p: string, out: string[]): string[] {
  if (!statSync(p).isDirectory()) {
    if (p.endsWith('.landmarks.json')) out.push(p);
    return out;
  }
  for (const e of readdirSync(p).sort()) walk(join(p, e), out);
  return out;
}

const TAGS = /(\.faceMeshRoi-own|\.faceMeshRoi-human|\.own-s6|\.own-s8)$/;
interface Clip { file: string; group: string; crop: 'own' | 'human'; kind: 'phantom' | 'photo'; load: () => LandmarkFrame[]; truthOf: (m: FrameMeasure[], f: LandmarkFrame) => HeadAngles | null; neutral: 'calibrate' | 'anatomical' }

function loadClips(): Clip[] {
  const seen = new Set<string>();
  const clips: Clip[] = [];
  for (const root of positionals) {
    for (const file of walk(root, [])) {
      const base = basename(file).replace(/\.landmarks\.json$/, '');
      const load = () => (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
      if (base.endsWith('__tiltedge')) {
        const steps = JSON.parse(readFileSync(join(dirname(file), `${base}.steps.json`), 'utf8')) as RollStep[];
        let baseline: HeadAngles | null | undefined;
        clips.push({ file, group: base.replace('__tiltedge', '').replace('__', ' × '), crop: 'own', kind: 'photo', load, neutral: 'anatomical', truthOf: (ms, f) => {
          if (baseline === undefined) {
            const b = ms.filter((m) => { const r = rollAt(steps, m.timestampMs / 1000); return r.holdDeg === 0 && r.sinceHoldStartS >= 0.3 && m.tiltDeg !== null && m.rotationDeg !== null && m.flexionDeg !== null; });
            const med = (xs: number[]) => { const s = [...xs].sort((a, c) => a - c); return s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2; };
            baseline = b.length < 5 ? null : { rotationDeg: med(b.map((m) => m.rotationDeg!)), tiltDeg: med(b.map((m) => m.tiltDeg!)), flexionDeg: med(b.map((m) => m.flexionDeg!)) };
          }
          return baseline === null ? null : truthAt(baseline, rollAt(steps, f.timestampMs / 1000).tiltDeg);
        } });
        continue;
      }
      const clip = base.replace(TAGS, '');
      const tag = base.slice(clip.length);
      const crop = tag === '.faceMeshRoi-own' || tag === '.own-s6' || tag === '.own-s8' ? 'own' : 'human';
      if (values.crops !== 'all' && values.crops !== crop) continue;
      const tp = join(dirname(file), `${clip}.truth.csv`);
      if (!existsSync(tp)) continue;
      const truth = parseTruthCsv(readFileSync(tp, 'utf8'));
      if (!values.all && !truth.some((t) => Math.abs(t.tiltDeg) > 25)) continue;
      // Identical files (copies of a clip's landmarks in several folders) count once.
      const hash = createHash('md5').update(readFileSync(file)).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      const byIdx = new Map(truth.map((t) => [t.frameIndex, t]));
      const parts = dirname(file).split('/');
      const src = file.includes('/full/') ? ' [full]' : ' [matrix]';
      const group = `${parts.at(-2)} × ${parts.at(-1)} × ${clip}${src}${crop === 'human' ? ' (Human crop)' : ''}`;
      clips.push({ file, group, crop, kind: 'phantom', load, neutral: 'calibrate', truthOf: (_ms, f) => { const t = byIdx.get(f.frameIndex); return t && t.timestampMs >= REST_MS ? t : null; } });
    }
  }
  return clips;
}

async function replay(c: Clip, frames: LandmarkFrame[]): Promise<FrameMeasure[]> {
  const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), c.neutral === 'calibrate' ? { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } } : {});
  return [...res.frames];
}

export interface Row { group: string; kind: string; crop: string; i: number; tS: number; truth: HeadAngles; cam: HeadAngles | null; byLimit: { state: string; conf: number; tilt: number | null; rot: number | null; flex: number | null; reasons: readonly string[] }[] }
const rows: Row[] = [];
const clips = loadClips();
let framesReplayed = 0;
for (const c of clips) {
  const frames = c.load();
  framesReplayed += frames.length;
  const runs: FrameMeasure[][] = [];
  for (const L of limits) {
    (LEVEL_HEAD_TILT as { confidentDeg: number }).confidentDeg = L;
    runs.push(await replay(c, frames));
  }
  (LEVEL_HEAD_TILT as { confidentDeg: number }).confidentDeg = ORIGINAL_TILT_LIMIT;
  const byIdx = runs.map((r) => new Map(r.map((m) => [m.frameIndex, m])));
  for (const f of frames) {
    const truth = c.truthOf(runs[0]!, f);
    if (!truth) continue;
    const sel = selectPatientFace(f);
    const fit = sel.kind === 'one' ? fitHead(sel.face, f) : null;
    const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
    rows.push({ group: c.group, kind: c.kind, crop: c.crop, i: f.frameIndex, tS: f.timestampMs / 1000, truth, cam, byLimit: byIdx.map((b) => {
      const m = b.get(f.frameIndex);
      return { state: m?.state ?? 'missing', conf: m?.confidence ?? 0, tilt: m?.tiltDeg ?? null, rot: m?.rotationDeg ?? null, flex: m?.flexionDeg ?? null, reasons: m?.reasons ?? [] };
    }) });
  }
  process.stderr.write(`${c.group}: ${frames.length} frames\n`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ limits, rows }));

// ---- tables ----
const BANDS = [25, 30, 35, 40, 45, 50];
const band = (t: number) => { const a = Math.abs(t); for (let k = BANDS.length - 1; k >= 0; k--) if (a >= BANDS[k]!) return k; return -1; };
const bandName = (k: number) => (k === BANDS.length - 1 ? `≥ ${BANDS[k]}°` : `${BANDS[k]}–${BANDS[k + 1]}°`);
// Class by the head's angles from the camera as the mesh fit sees them (what the range rule sees), else the truth.
const combined = (r: Row) => { const a = r.cam ?? r.truth; return Math.abs(a.rotationDeg) >= 15 || Math.abs(a.flexionDeg) >= 10; };
const f1 = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
function stats(rs: Row[], li: number) {
  const n = rs.length;
  const v = rs.filter((r) => r.byLimit[li]!.tilt !== null);
  const err = v.map((r) => Math.abs(r.byLimit[li]!.tilt! - r.truth.tiltDeg));
  const meas = v.filter((r) => r.byLimit[li]!.state === 'measured');
  const errM = meas.map((r) => Math.abs(r.byLimit[li]!.tilt! - r.truth.tiltDeg));
  return {
    n, nm: n - v.length, low: v.filter((r) => r.byLimit[li]!.state === 'low-confidence').length, measured: meas.length,
    mae: err.length ? err.reduce((a, b) => a + b, 0) / err.length : null, max: err.length ? Math.max(...err) : null,
    over5: err.filter((e) => e > 5).length, over10: err.filter((e) => e > 10).length,
    over5M: errM.filter((e) => e > 5).length, over10M: errM.filter((e) => e > 10).length, maxM: errM.length ? Math.max(...errM) : null,
  };
}
const L: string[] = [];
L.push(`Files: ${clips.length} (${clips.filter((c) => c.kind === 'phantom').length} phantom, ${clips.filter((c) => c.kind === 'photo').length} photo); frames replayed ${framesReplayed}, scored (truth known, after the rest) ${rows.length}; level-head tilt confident limits tried ${limits.join(', ')}° (product: ${ORIGINAL_TILT_LIMIT}°; 35° = the rule before session 8), turned/bent head ${MESH_CONFIDENT_DEG.tiltDeg}°; tilt range limit ${MESH_RANGE_DEG.tiltDeg}°.`, '');
for (const [li, lim] of limits.entries()) {
  L.push(`### Tilt confident limit ${lim}°`, '', '| group | class | band | frames | not meas. | low conf. | measured | tilt MAE ° | max ° | > 5° | > 10° | measured > 5° / > 10° | measured max ° |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const groups = [...new Set(rows.map((r) => r.group))];
  for (const g of groups) {
    for (const cls of ['alone', 'combined']) {
      for (let k = 0; k < BANDS.length; k++) {
        const rs = rows.filter((r) => r.group === g && band(r.truth.tiltDeg) === k && (combined(r) ? 'combined' : 'alone') === cls);
        if (!rs.length) continue;
        const s = stats(rs, li);
        L.push(`| ${g} | ${cls} | ${bandName(k)} | ${s.n} | ${s.nm} | ${s.low} | ${s.measured} | ${f2(s.mae)} | ${f1(s.max)} | ${s.over5} | ${s.over10} | ${s.over5M} / ${s.over10M} | ${f1(s.maxM)} |`);
      }
    }
  }
  L.push('');
}
// Pooled per kind × class × band, and what changes against the first limit.
L.push('### Pooled (per kind × class × band; each limit: measured, measured > 5° / > 10°, measured max °)', '', `| kind | class | band | frames | ${limits.map((l) => `${l}°`).join(' | ')} |`, `|---|---|---|---|${limits.map(() => '---').join('|')}|`);
for (const kind of ['phantom', 'photo']) {
  for (const cls of ['alone', 'combined']) {
    for (let k = 0; k < BANDS.length; k++) {
      const rs = rows.filter((r) => r.kind === kind && band(r.truth.tiltDeg) === k && (combined(r) ? 'combined' : 'alone') === cls);
      if (!rs.length) continue;
      L.push(`| ${kind} | ${cls} | ${bandName(k)} | ${rs.length} | ${limits.map((_, li) => { const s = stats(rs, li); return `${s.measured}, ${s.over5M} / ${s.over10M}, ${f1(s.maxM)}`; }).join(' | ')} |`);
    }
  }
}
L.push('');
for (let li = 1; li < limits.length; li++) {
  const changed = rows.filter((r) => r.byLimit[li]!.state !== r.byLimit[0]!.state);
  const toMeasured = changed.filter((r) => r.byLimit[li]!.state === 'measured');
  const err = toMeasured.map((r) => (r.byLimit[li]!.tilt === null ? 0 : Math.abs(r.byLimit[li]!.tilt! - r.truth.tiltDeg)));
  const other = (r: Row, k: 'rot' | 'flex') => { const v = r.byLimit[li]![k]; const t = k === 'rot' ? r.truth.rotationDeg : r.truth.flexionDeg; return v === null ? 0 : Math.abs(v - t); };
  L.push(`Limit ${limits[li]}° vs ${limits[0]}°: ${changed.length} frames change state (${toMeasured.length} become measured: tilt error max ${f1(err.length ? Math.max(...err) : null)}°, > 5° ${err.filter((e) => e > 5).length}, > 10° ${err.filter((e) => e > 10).length}; their rotation error max ${f1(toMeasured.length ? Math.max(...toMeasured.map((r) => other(r, 'rot'))) : null)}°, flexion max ${f1(toMeasured.length ? Math.max(...toMeasured.map((r) => other(r, 'flex'))) : null)}°).`);
}
const text = L.join('\n') + '\n';
if (values.md) writeFileSync(values.md, text);
process.stdout.write(text);
