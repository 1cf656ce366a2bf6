// Issue 13, session 13 (turnaxis): per-axis error of saved landmark clips with and without the turns' camera side
// (core pose/turnAxis.ts), calibrated on the 2 s rest as the bench does (RecordingAnalyzer).
//   - "core": what core does now (learns the axis from the clip's own turns, causally);
//   - "Nᵀ·R": the turn axis switched off (a neutral given with an identity decision);
//   - with --from <clip>: the axis learned on another clip of the same face × camera (e.g. far-turn-return-70) applied
//     from the first frame: what the combined clip would read had the recording turned left and right first.
// Needs the what-if applied (core pose/turnAxis.ts is not in core):
//   git apply bench/experiments/turnaxis-whatif.patch   …   git apply -R bench/experiments/turnaxis-whatif.patch
// MAE (--signed: mean signed error, measured − truth) over frames after the rest, and over the held posture (last --held-ms of the clip), per axis.
//   node --import tsx bench/experiments/turnaxis-eval.ts [--from far-turn-return-70] --clip combined-extension <dir>...
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as core from '@geste/core';
import { RecordingAnalyzer, fitHead, selectPatientFace, MAT3_IDENTITY, type LandmarkFrame, type Neutral, type FrameMeasure, type Mat3 } from '@geste/core';
import { REST_MS, parseTruthCsv, type TruthRow } from '@geste/phantom';
import { loadLandmarkFrames } from './savedLandmarks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  clip: { type: 'string', default: 'combined-extension' }, signed: { type: 'boolean', default: false }, from: { type: 'string' }, 'held-ms': { type: 'string', default: '3000' },
} });
interface TurnAxisDecision { axisPitchDeg: number; neutralPitchDeg: number; framesLeft: number; framesRight: number; decidedAtMs: number; correction: Mat3 }
const patched = core as unknown as {
  TurnAxisLearner?: new () => { observe(f: { timestampMs: number }, n: Neutral, r: Mat3): void; readonly decision: TurnAxisDecision | null };
  cameraSideCorrection?: (n: Mat3, pitchDeg: number) => Mat3;
};
if (!patched.TurnAxisLearner || !patched.cameraSideCorrection) throw new Error('core has no turn axis: git apply bench/experiments/turnaxis-whatif.patch first');
const { TurnAxisLearner, cameraSideCorrection } = patched as Required<typeof patched>;
type WithTurnAxis = Neutral & { turnAxis?: TurnAxisDecision };
const HELD = Number(values['held-ms']);
const AX = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;

function load(dir: string, clip: string): { frames: LandmarkFrame[]; truth: TruthRow[] } | null {
  const lm = join(dir, `${clip}.landmarks.json`);
  if (!existsSync(lm)) return null;
  return { frames: loadLandmarkFrames(lm), truth: parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8')) };
}
function run(frames: LandmarkFrame[], neutral?: Neutral): { frames: readonly FrameMeasure[]; neutral: Neutral } {
  const an = new RecordingAnalyzer(neutral ? { kind: 'given', neutral } : { kind: 'calibrate-window', startMs: 0, endMs: REST_MS });
  for (const f of frames) an.push(f);
  const r = an.finish();
  return { frames: r.frames, neutral: r.neutral.neutral };
}
function mae(ms: readonly FrameMeasure[], truth: TruthRow[], fromMs: number): string {
  const tBy = new Map(truth.map((t) => [t.frameIndex, t]));
  return AX.map((a) => {
    let s = 0, n = 0;
    for (const m of ms) {
      const t = tBy.get(m.frameIndex), v = m[a];
      if (!t || m.timestampMs < fromMs || v === null || m.state === 'not-measurable') continue;
      s += values.signed ? v - t[a] : Math.abs(v - t[a]); n++;
    }
    return n ? (s / n).toFixed(2) : '—';
  }).join(' / ');
}
const decisionOf = (frames: LandmarkFrame[], N: Neutral): TurnAxisDecision | null => {
  // The learner as core runs it, fed the head fits of the face-mesh frames (a replica, for the report).
  const l = new TurnAxisLearner();
  for (const f of frames) {
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one') continue;
    const fit = fitHead(sel.face, f);
    if (fit) l.observe(f, N, fit.headToCamera);
  }
  return l.decision;
};
const off = (N: Neutral): WithTurnAxis => ({ ...N, turnAxis: { axisPitchDeg: NaN, neutralPitchDeg: NaN, framesLeft: 0, framesRight: 0, decidedAtMs: 0, correction: MAT3_IDENTITY } });

console.log(`| face × camera | clip | turns' axis pitch / rest pitch (decided at) | MAE after rest Nᵀ·R | core | held ${HELD / 1000} s Nᵀ·R | core${values.from ? ` | after rest, axis from ${values.from} | held, axis from ${values.from}` : ''} |`);
for (const dir of positionals) {
  const group = `${basename(dirname(dir))} × ${basename(dir)}`;
  const c = load(dir, values.clip!);
  if (!c) continue;
  const now = run(c.frames);
  const N = now.neutral;
  const before = run(c.frames, off(N));
  const d = decisionOf(c.frames, N);
  const endMs = c.truth[c.truth.length - 1]!.timestampMs - HELD;
  let fromCol = '';
  if (values.from) {
    const o = load(dir, values.from);
    if (o) {
      const oN = run(o.frames).neutral;
      const od = decisionOf(o.frames, oN);
      if (od) {
        const moved = run(c.frames, { ...N, turnAxis: { ...od, correction: cameraSideCorrection(N.headToCamera, od.axisPitchDeg) } } as WithTurnAxis);
        fromCol = ` | ${mae(moved.frames, c.truth, REST_MS)} | ${mae(moved.frames, c.truth, endMs)} (axis ${od.axisPitchDeg.toFixed(1)}°)`;
      } else fromCol = ' | (no decision)';
    }
  }
  const dTxt = d ? `${d.axisPitchDeg.toFixed(1)}° / ${d.neutralPitchDeg.toFixed(1)}° (${(d.decidedAtMs / 1000).toFixed(1)} s, ${d.framesLeft}+${d.framesRight} frames)` : `— / (no decision)`;
  console.log(`| ${group} | ${values.clip} | ${dTxt} | ${mae(before.frames, c.truth, REST_MS)} | ${mae(now.frames, c.truth, REST_MS)} | ${mae(before.frames, c.truth, endMs)} | ${mae(now.frames, c.truth, endMs)}${fromCol} |`);
}
