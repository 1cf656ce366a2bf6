/**
 * Faces × camera set-ups (issue 13): render the chosen clips per face and camera set-up, run each through
 * `analyzeVideo` (the code behind `geste analyze`), score them with @geste/phantom's score.ts (the same code the
 * tests use) and write one table per face × camera × axis × band plus a summary with one row per target.
 *
 *   node --import tsx bench/accuracy.ts --set matrix --faces astronaut,hopper --cameras webcam-640,laptop-15fps-dim \
 *     [--only clip,clip] [--reuse-analysis] [--report bench/results/accuracy-matrix.md]
 *
 * Videos: packages/phantom/.cache/<set>/<face>/<camera>/ (cached by renderer version + scene + camera + truth);
 * analyses are saved next to them as <clip>.measured.json (--reuse-analysis reads them back) and the models' landmarks
 * as <clip>.landmarks.json (--replay runs them through `geste analyze`'s own code again, without the models: what a
 * change in core does, in seconds).
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateSet, parseTruthCsv, scoreClips, targetLines, scriptsInSet, REST_MS, RANGE_BANDS_DEG, FACE_IDS, CAMERA_IDS, findFace, findCamera,
  findScript, clipSetup, clipCacheKey, DEFAULT_CAMERA_ID,
  type ClipFiles, type ClipForScoring, type EventsFile, type GroupScore, type MeasuredRow, type PhantomSet,
} from '@geste/phantom';

type Analyze = (path: string, opts: Record<string, unknown>) => Promise<{ frames: readonly MeasuredRow[]; summary: unknown; landmarks?: readonly unknown[] | null }>;
/** `analyzeLandmarkSource` from @geste/cli: the same analysis on landmark frames already extracted. */
export type AnalyzeLandmarks = (frames: readonly unknown[], opts: Record<string, unknown>) => Promise<{ frames: readonly MeasuredRow[]; summary: unknown }>;

export interface MatrixOptions {
  readonly root: string;
  readonly set: PhantomSet;
  readonly faces: readonly string[];
  readonly cameras: readonly string[];
  readonly only?: readonly string[];
  readonly reuseAnalysis: boolean;
  /** Replay saved landmarks through the analyser (core changes only; the models are not run). */
  readonly replay?: AnalyzeLandmarks;
  readonly reportPath: string;
  readonly analyze: Analyze;
  /** Detector worker threads for the models (default 1: the machine is shared). */
  readonly workers?: number;
  /**
   * Vision tuning overrides (--tuning '{"faceMeshRoi":"own"}'): passed to the models; the saved analysis and landmarks
   * get a suffix (<clip>.faceMeshRoi-own.measured.json / .landmarks.json) so runs with and without it sit side by side.
   */
  readonly tuning?: Record<string, unknown>;
  /** Where clips, landmarks and analyses live (--out): <cacheRoot>/<set>/<face>/<camera>/; default packages/phantom/.cache. */
  readonly cacheRoot?: string;
  /**
   * --no-render: run only the clips whose current render is already there (cache key unchanged); the others are not
   * rendered but listed in the report as not run, so a partial matrix says what it left out.
   */
  readonly noRender?: boolean;
}

/** File-name suffix for a tuning override ('' without one): '.faceMeshRoi-own'. */
export function tuningTag(tuning: Record<string, unknown> | undefined): string {
  return tuning ? Object.entries(tuning).map(([k, v]) => `.${k}-${String(v)}`).join('') : '';
}

const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));

export async function runMatrix(o: MatrixOptions): Promise<void> {
  for (const id of o.faces) if (!findFace(id)) throw new Error(`unknown face "${id}"; faces: ${FACE_IDS.join(', ')}`);
  for (const id of o.cameras) if (!findCamera(id)) throw new Error(`unknown camera set-up "${id}"; set-ups: ${CAMERA_IDS.join(', ')}`);
  const groups: Group[] = [];
  const replayedAsSaved: string[] = [];
  const notRendered: string[] = [];
  const t0 = Date.now();
  for (const face of o.faces) {
    for (const camera of o.cameras) {
      const dir = join(o.cacheRoot ?? join(o.root, 'packages/phantom/.cache'), o.set, face, camera);
      // --replay scores the landmarks saved with a render as that render is: a clip whose saved render, truth and landmarks
      // are all there is not rendered again even when its cache key has moved on (a new face look), because re-rendering
      // would overwrite the very landmarks the replay is for. Such clips are listed in the report as replayed stale renders.
      const savedRender = (name: string): ClipFiles | null => {
        const base = join(dir, name);
        const need = [`${base}.mp4`, `${base}.truth.csv`, `${base}.events.json`, `${base}${tuningTag(o.tuning)}.landmarks.json`, `${base}.done.json`];
        if (!need.every((p) => existsSync(p))) return null;
        const done = JSON.parse(readFileSync(`${base}.done.json`, 'utf8')) as { frames: number };
        return { name, cached: true, frames: done.frames, renderMs: 0, truthCsv: `${base}.truth.csv`, eventsJson: `${base}.events.json`, mp4: `${base}.mp4` };
      };
      const wanted = scriptsInSet(o.set).map((s) => s.name).filter((n) => !o.only || o.only.includes(n));
      const asSaved = o.replay ? wanted.map(savedRender) : wanted.map(() => null);
      let toRender = wanted.filter((_, i) => asSaved[i] === null);
      if (o.noRender) {
        const current = toRender.filter((n) => renderIsCurrent(dir, n, face, camera));
        for (const n of toRender) if (!current.includes(n)) notRendered.push(`${face}/${camera}/${n}`);
        toRender = current;
      }
      const rendered = toRender.length ? await generateSet(o.set, dir, { formats: ['mp4'], face, camera, only: toRender }) : [];
      const clips = wanted.map((n, i) => asSaved[i] ?? rendered.find((r) => r.name === n)).filter((c): c is ClipFiles => c !== undefined);
      if (clips.length === 0) continue;
      for (const [i, c] of asSaved.entries()) if (c) replayedAsSaved.push(`${face}/${camera}/${wanted[i]!}`);
      const scored: ClipForScoring[] = [];
      let analyseS = 0, frames = 0;
      for (const clip of clips) {
        const truth = parseTruthCsv(readFileSync(clip.truthCsv, 'utf8'));
        const events = JSON.parse(readFileSync(clip.eventsJson, 'utf8')) as EventsFile;
        const tag = tuningTag(o.tuning);
        const saved = clip.truthCsv.replace('.truth.csv', `${tag}.measured.json`);
        let measured: MeasuredRow[];
        let summary: unknown;
        // Saved analyses and landmarks count only when newer than the video: a clip re-rendered (a new face look, a new
        // renderer) must go through the models again, not be scored with the old render's landmarks.
        const fresh = (p: string) => existsSync(p) && statSync(p).mtimeMs >= statSync(clip.mp4!).mtimeMs;
        if (o.reuseAnalysis && fresh(saved)) {
          ({ frames: measured, summary } = JSON.parse(readFileSync(saved, 'utf8')) as { frames: MeasuredRow[]; summary: unknown });
        } else {
          const a0 = Date.now();
          const lmPath = clip.truthCsv.replace('.truth.csv', `${tag}.landmarks.json`);
          const neutral = { kind: 'calibrate-window', startMs: 0, endMs: REST_MS };
          let res: { frames: readonly MeasuredRow[]; summary: unknown };
          if (o.replay && fresh(lmPath)) {
            process.stderr.write(`replaying ${face}/${camera}/${clip.name} …`);
            res = await o.replay((JSON.parse(readFileSync(lmPath, 'utf8')) as { frames: unknown[] }).frames, { neutral });
          } else {
            process.stderr.write(`analysing ${face}/${camera}/${clip.name} …`);
            const full = await o.analyze(clip.mp4!, { neutral, keepLandmarks: true, workers: o.workers ?? 1, ...(o.tuning ? { tuning: o.tuning } : {}) });
            if (full.landmarks) writeFileSync(lmPath, JSON.stringify({ frames: full.landmarks }));
            res = full;
          }
          measured = res.frames.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state }));
          summary = res.summary;
          writeFileSync(saved, JSON.stringify({ frames: measured, summary }, (k, v: unknown) => (k === 'psd' ? undefined : v)));
          analyseS += (Date.now() - a0) / 1000;
          process.stderr.write(` ${((Date.now() - a0) / 1000).toFixed(0)} s\n`);
        }
        frames += truth.length;
        scored.push({ name: clip.name, truth, measured, summary, events });
      }
      groups.push({ face, camera, score: scoreClips(scored), analyseS, frames, perClip: scored.map((c) => ({ clip: c.name, score: scoreClips([c]) })) });
    }
  }
  writeReport(o, groups, (Date.now() - t0) / 1000, replayedAsSaved, notRendered);
}

/** The clip's render in `dir` is there and its cache key is the current one (what generateSet would reuse). */
function renderIsCurrent(dir: string, name: string, face: string, camera: string): boolean {
  const base = join(dir, name);
  if (![`${base}.mp4`, `${base}.truth.csv`, `${base}.events.json`, `${base}.done.json`].every((p) => existsSync(p))) return false;
  const script = findScript(name);
  if (!script) return false;
  const { scene, cam } = clipSetup(script, { face, camera });
  const key = clipCacheKey(script, scene, cam.id !== DEFAULT_CAMERA_ID ? cam.fps : 30, ['mp4'], cam);
  return (JSON.parse(readFileSync(`${base}.done.json`, 'utf8')) as { key?: string }).key === key;
}

type Group = { face: string; camera: string; score: GroupScore; analyseS: number; frames: number; perClip: readonly { clip: string; score: GroupScore }[] };

function writeReport(o: MatrixOptions, groups: Group[], wallS: number, replayedAsSaved: readonly string[] = [], notRendered: readonly string[] = []): void {
  const L: string[] = [];
  L.push(`# Geste accuracy per face and camera set-up (${o.set} set)`, '');
  L.push(`Generated by \`node --import tsx bench/accuracy.ts --set ${o.set} --faces ${o.faces.join(',')} --cameras ${o.cameras.join(',')}${o.only ? ` --only ${o.only.join(',')}` : ''}${o.tuning ? ` --tuning '${JSON.stringify(o.tuning)}'` : ''}${o.replay ? ' --replay' : ''}${o.reuseAnalysis ? ' --reuse-analysis' : ''}${o.noRender ? ' --no-render' : ''}${o.cacheRoot ? ` --out ${o.cacheRoot}` : ''}\` on ${new Date().toISOString().slice(0, 10)} (${wallS.toFixed(0)} s wall clock including rendering).`);
  L.push('Scoring: packages/phantom/src/score.ts (the tests use the same code). Tremor, jerks and time in neutral are read from `geste analyze`\'s own summary;');
  L.push('jerks count only on the scripted axis; angles are compared after the 2 s calibration rest; "flagged" = low confidence or not measurable.');
  if (o.tuning) L.push(`Vision tuning override: ${JSON.stringify(o.tuning)} (analyses and landmarks saved as <clip>${tuningTag(o.tuning)}.measured.json / .landmarks.json).`);
  if (o.replay) L.push('--replay: the models\' landmarks saved by an earlier run of the same clips, analysed again by `analyzeLandmarkSource` (the code behind `geste analyze`) with the current core.');
  if (replayedAsSaved.length) L.push(`Replayed from the saved render and landmarks as they are (not re-rendered, whatever the current cache key): ${replayedAsSaved.join(', ')}.`);
  if (notRendered.length) L.push(`--no-render: **not run** (no current render of these clips): ${notRendered.join(', ')}.`);
  L.push('');
  L.push('## Faces and set-ups', '');
  for (const id of o.faces) L.push(`- **${id}**: ${findFace(id)!.description}`);
  for (const id of o.cameras) L.push(`- **${id}**: ${findCamera(id)!.description}`);
  L.push('');
  // Summary: one row per target, every failing group named.
  const perTarget = new Map<string, { fails: string[]; passes: number; nones: number }>();
  const targetKey = (t: string) => t.replace(/^(tremor|jerks|time in neutral) \S+/, '$1');
  for (const g of groups) {
    for (const t of targetLines(g.score)) {
      const k = targetKey(t.target);
      const e = perTarget.get(k) ?? { fails: [], passes: 0, nones: 0 };
      if (t.pass === false) e.fails.push(`${g.face}/${g.camera}: ${t.target.startsWith('tremor') || t.target.startsWith('jerks') ? `${t.target.split(':')[0]} — ` : ''}${t.result}`);
      else if (t.pass === true) e.passes++;
      else e.nones++;
      perTarget.set(k, e);
    }
  }
  L.push('## Summary: one row per target', '', '| target | groups met | failing (face/camera: numbers) |', '|---|---|---|');
  for (const [k, e] of perTarget) L.push(`| ${k} | ${e.passes}/${e.passes + e.fails.length}${e.nones ? ` (${e.nones} without frames)` : ''} | ${e.fails.length ? e.fails.join('<br>') : 'none'} |`);
  L.push('');
  for (const g of groups) {
    const s = g.score;
    L.push(`## ${g.face} × ${g.camera}`, '', `Clips: ${s.clips.join(', ')} (${g.frames} frames${g.analyseS ? `, analysis ${g.analyseS.toFixed(0)} s` : ''}).`, '');
    L.push(`| axis | ${RANGE_BANDS_DEG.map(([a, b]) => `${a}–${b}°: MAE / P95 / not meas. / off>10`).join(' | ')} | all MAE | held postures MAE (frames) |`);
    L.push(`|---|${RANGE_BANDS_DEG.map(() => '---').join('|')}|---|---|`);
    s.angles.forEach((a, i) => {
      const h = s.holds[i]!;
      L.push(`| ${a.axis.replace('Deg', '')} | ${a.bands.map((b) => (b.stats.frames ? `${f(b.stats.maeDeg)} / ${f(b.stats.p95Deg, 1)} / ${(100 * b.stats.shareNotMeasurable).toFixed(0)} % / ${b.stats.claimedButOffBy10}` : '—')).join(' | ')} | ${f(a.all.maeDeg)} | ${f(h.all.maeDeg)} (${h.all.frames}) |`);
    });
    L.push('', '| target | result | met |', '|---|---|---|');
    for (const t of targetLines(s)) L.push(`| ${t.target} | ${t.result} | ${t.pass === null ? '—' : t.pass ? 'yes' : '**no**'} |`);
    // Per clip: the same scoring on each clip alone (the worst-clip target reads these MAEs).
    L.push('', '| clip | core MAE rotation / tilt / flexion | core not measurable r / t / f | edges ok (r, t, f), off > 10° | combined ok (r, t, f) |', '|---|---|---|---|---|');
    for (const c of g.perClip) {
      const cs = c.score;
      const edges = cs.edges.filter((e) => e.frames > 0);
      const comb = cs.combined.filter((x) => x.frames > 0);
      L.push(`| ${c.clip} | ${cs.core.map((x) => f(x.stats.maeDeg)).join(' / ')}° | ${cs.coreNotMeasurable.map((x) => `${(100 * x.share).toFixed(1)} %`).join(' / ')} | ${edges.length ? `${cs.edges.map((e) => (e.frames ? `${e.okFrames}/${e.frames}` : '—')).join(', ')}; ${edges.reduce((n, e) => n + e.offBy10WhileMeasurable, 0)}` : '—'} | ${comb.length ? cs.combined.map((x) => `${x.okFrames}/${x.frames}`).join(', ') : '—'} |`);
    }
    L.push('');
  }
  mkdirSync(join(o.reportPath, '..'), { recursive: true });
  writeFileSync(o.reportPath, L.join('\n') + '\n');
  process.stderr.write(`wrote ${o.reportPath} (${groups.length} groups)\n`);
}
