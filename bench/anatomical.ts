/**
 * Anatomical-zero benchmark (issue 12): uncalibrated accuracy against the phantom's anatomical zero.
 *
 *   node --import tsx bench/anatomical.ts [--set small|full] [--only a,b] [--face <id>] [--out <cache dir>]
 *
 * Each clip goes once through the face and body models (`analyzeVideo` with `keepLandmarks`; the
 * landmarks are cached next to the clip as <name>.landmarks.json), then is replayed through core's
 * RecordingAnalyzer three ways: anatomical with the camera pitch known (what a phone's sensors give; the
 * phantom's true camera pitch), anatomical with the camera pitch unknown (a laptop), and calibrated on the
 * first 2 s (clips that rest there). Prints a markdown report; writes bench/results/anatomical.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AXES, type Axis, type FrameMeasure, type LandmarkFrame, RecordingAnalyzer, type CameraContext, summarizeReference } from '@geste/core';
import { generateSet, parseTruthCsv, findScript, REST_MS, type EventsFile, type TruthRow } from '@geste/phantom';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { set: { type: 'string', default: 'small' }, only: { type: 'string' }, out: { type: 'string' }, face: { type: 'string' } } });
const set = values.set === 'full' ? 'full' : 'small';
const outDir = values.out ?? join(root, 'packages/phantom/.cache', values.face ? `${set}-${values.face}` : set);
const only = values.only ? values.only.split(',') : undefined;

type AnalyzeVideo = (p: string, o: Record<string, unknown>) => Promise<{ landmarks: readonly LandmarkFrame[] | null }>;

async function landmarksOf(mp4: string): Promise<LandmarkFrame[]> {
  const cache = mp4.replace(/\.mp4$/, '.landmarks.json');
  if (existsSync(cache) && JSON.parse(readFileSync(cache, 'utf8')).mp4Bytes === readFileSync(mp4).length) return JSON.parse(readFileSync(cache, 'utf8')).frames;
  const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: AnalyzeVideo };
  const r = await analyzeVideo(mp4, { keepLandmarks: true, workers: 1 });
  const frames = [...(r.landmarks ?? [])];
  writeFileSync(cache, JSON.stringify({ mp4Bytes: readFileSync(mp4).length, frames }));
  return frames;
}

function replay(frames: readonly LandmarkFrame[], strategy: ConstructorParameters<typeof RecordingAnalyzer>[0], camera: CameraContext) {
  const a = new RecordingAnalyzer(strategy, { camera });
  for (const f of frames) a.push(f);
  return a.finish();
}

interface AxisErr { n: number; sum: number; max: number; uncertain: number; claimedOff10: number; usum: number; umax: number }
const newErr = (): AxisErr => ({ n: 0, sum: 0, max: 0, uncertain: 0, claimedOff10: 0, usum: 0, umax: 0 });

function accumulate(acc: Record<Axis, AxisErr>, truth: readonly TruthRow[], measured: readonly FrameMeasure[], include: (t: TruthRow) => boolean): void {
  const by = new Map(measured.map((m) => [m.frameIndex, m]));
  for (const t of truth) {
    if (!include(t)) continue;
    const m = by.get(t.frameIndex);
    if (!m || m.state === 'not-measurable') continue;
    for (const a of AXES) {
      const v = m[a];
      if (v === null) continue;
      const uncertain = m.reference?.[a].uncertain ?? false;
      const e = Math.abs(v - t[a]);
      if (uncertain) { acc[a].uncertain++; acc[a].usum += e; acc[a].umax = Math.max(acc[a].umax, e); continue; }
      acc[a].n++; acc[a].sum += e; acc[a].max = Math.max(acc[a].max, e);
      if (e > 10) acc[a].claimedOff10++;
    }
  }
}

const f1 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1));
const within45 = (t: TruthRow) => Math.abs(t.rotationDeg) <= 45 && Math.abs(t.tiltDeg) <= 30 && Math.abs(t.flexionDeg) <= 30;

const clips = await generateSet(set, outDir, { formats: ['mp4'], ...(only ? { only } : {}), ...(values.face ? { face: values.face } : {}) });
const lines: string[] = [];
const total = { known: Object.fromEntries(AXES.map((a) => [a, newErr()])) as Record<Axis, AxisErr>, unknown: Object.fromEntries(AXES.map((a) => [a, newErr()])) as Record<Axis, AxisErr> };
lines.push('| clip | camera pitch | truth median rot/tilt/flex | anatomical, pitch known: median rot/tilt/flex (refs) | MAE rot/tilt/flex | pitch unknown: flexion | calibrated 0–2 s: median rot |');
lines.push('|---|---|---|---|---|---|---|');
for (const c of clips) {
  const truth = parseTruthCsv(readFileSync(c.truthCsv, 'utf8'));
  const events = JSON.parse(readFileSync(c.eventsJson, 'utf8')) as EventsFile;
  const pitchDeg = events.camera?.pitchDeg ?? 0;
  const frames = await landmarksOf(c.mp4!);
  const known = replay(frames, { kind: 'anatomical' }, { pitchDeg });
  const unknown = replay(frames, { kind: 'anatomical' }, { pitchDeg: null });
  const script = findScript(c.name)!;
  const restsAtStart = script.events.holds[0]?.kind === 'rest' && script.events.holds[0].endMs >= REST_MS && !script.placement;
  const cal = restsAtStart ? replay(frames, { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, { pitchDeg }) : null;
  const per = Object.fromEntries(AXES.map((a) => [a, newErr()])) as Record<Axis, AxisErr>;
  accumulate(per, truth, known.frames, within45);
  accumulate(total.known, truth, known.frames, within45);
  accumulate(total.unknown, truth, unknown.frames, within45);
  const sk = summarizeReference(known.anatomicalFrames, known.frames, { pitchDeg });
  const su = summarizeReference(unknown.anatomicalFrames, unknown.frames, { pitchDeg: null });
  const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1]! : null; };
  const tm = AXES.map((a) => f1(med(truth.map((t) => t[a])))).join(' / ');
  const refs = AXES.map((a) => Object.keys(sk.perAxis[a].frames)[0] ?? '—').join(',');
  const mm = AXES.map((a) => f1(sk.perAxis[a].medianDeg)).join(' / ');
  const mae = AXES.map((a) => f1(per[a].n ? per[a].sum / per[a].n : null)).join(' / ');
  const fu = `${f1(su.perAxis.flexionDeg.medianDeg)} ${su.perAxis.flexionDeg.uncertain ? `(uncertain ±${f1(su.perAxis.flexionDeg.uncertaintyDeg)})` : '(confident)'}`;
  const calRot = cal ? `${f1(summarizeReference(cal.anatomicalFrames, cal.frames, { pitchDeg }).neutralVersusAnatomical?.offsetDeg.rotationDeg ?? null)} off anatomical` : 'n/a (no rest at start)';
  lines.push(`| ${c.name} | ${f1(pitchDeg)}° | ${tm} | ${mm} (${refs}) | ${mae} | ${fu} | ${calRot} |`);
  process.stderr.write(`${c.name}: done (${frames.length} frames)\n`);
}
const tot = (acc: Record<Axis, AxisErr>) => AXES.map((a) => `${a} MAE ${f1(acc[a].n ? acc[a].sum / acc[a].n : null)}° (max ${f1(acc[a].max)}°, ${acc[a].n} frames, ${acc[a].claimedOff10} off > 10°, ${acc[a].uncertain} marked uncertain${acc[a].uncertain ? `, whose values are off by ${f1(acc[a].usum / acc[a].uncertain)}° on average, ${f1(acc[a].umax)}° at most` : ''})`).join('; ');
lines.push('', `All clips, truth within ±45° rotation / ±30° tilt and flexion — pitch known: ${tot(total.known)}.`, '', `Pitch unknown: ${tot(total.unknown)}.`);
const report = lines.join('\n') + '\n';
process.stdout.write(report);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results', `anatomical-${set}${values.face ? `-${values.face}` : ''}.md`), `# Anatomical zero (issue 12), ${set} set${values.face ? `, face ${values.face}` : ''}\n\n${report}`);
