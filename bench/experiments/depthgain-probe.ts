/**
 * Experiment (issue 13, session 10, depthgain): learn the depth scale k of the standard face from a person's own turns
 * (depthgain-learner.ts) and see what it does to the per-face rotation gain.
 *
 *   node --import tsx bench/experiments/depthgain-probe.ts [--matrix DIR] [--faces a,b] [--cameras c] [--sweep]
 *
 * Needs the what-if applied: git apply bench/experiments/depthgain-whatif.patch (revert with git apply -R after).
 * Per face × camera: k learned from far-turn-return-70 and from edge-tilt-flexion-40; then every clip replayed through
 * the recording analyser (calibration window 0–2 s, like bench/accuracy.ts) with the standard 3-D fit and with the 2-D
 * fit at the k of the foreshortening learner (depthgain-learner.ts; refuses when its residual has no minimum), of the 'residual-own' learner
 * (depthgain-learners.ts) and at the oracle k (from the truth; an upper bound for any learner). Gain = least-squares slope of the measured rotation (flexion) on the truth over the frames after the
 * rest that are measured or low-confidence, where the truth spans at least 4° on that axis. --sweep: the rotation
 * gain of small-tremor-yaw-2hz and far-turn-return-70 at a grid of k for both options (a: mesh z × k then the 3-D fit;
 * b: 2-D fit to the canonical face with depth × k).
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RecordingAnalyzer, type LandmarkFrame, type FrameMeasure } from '@geste/core';
import { learnDepthScale } from './depthgain-learner.ts';
import { learnVariants, whatIfFit } from './depthgainLib.ts';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import type { FitOptions } from '../../packages/core/src/pose/headFit.ts';
import { parseTruthCsv, REST_MS, type TruthRow } from '@geste/phantom';

const { values } = parseArgs({ options: {
  matrix: { type: 'string', default: '/work/s9-lead/matrix-replay/matrix' },
  faces: { type: 'string', default: 'deep-wide,hopper,astronaut,beard-glasses' },
  cameras: { type: 'string', default: 'webcam-640' },
  clips: { type: 'string', default: 'small-tremor-yaw-2hz,far-turn-return-70,hold-neutral-20s,combined-extension,small-jerks,edge-tilt-flexion-40,small-tilt-flexion,tremor-roll-4.5hz' },
  sweep: { type: 'boolean', default: false },
} });

type Axis = 'rotationDeg' | 'tiltDeg' | 'flexionDeg';
function load(dir: string, clip: string): { frames: LandmarkFrame[]; truth: TruthRow[] } | null {
  const lm = `${dir}/${clip}.landmarks.json`;
  if (!existsSync(lm)) return null;
  return { frames: (JSON.parse(readFileSync(lm, 'utf8')) as { frames: LandmarkFrame[] }).frames, truth: parseTruthCsv(readFileSync(`${dir}/${clip}.truth.csv`, 'utf8')) };
}
function analyse(frames: readonly LandmarkFrame[], fit: FitOptions): FrameMeasure[] {
  const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, fit);
  for (const f of frames) a.push(f);
  return [...a.finish().frames];
}
/** Slope of measured on truth (through both means), MAE, over measured frames after the rest; null when the truth spans < 4°. */
function gain(truth: readonly TruthRow[], m: readonly FrameMeasure[], axis: Axis, maxAbsDeg = 45): { slope: number | null; mae: number; n: number } {
  const byIdx = new Map(m.map((x) => [x.frameIndex, x]));
  const xs: number[] = [], ys: number[] = [];
  for (const t of truth) {
    if (t.timestampMs < REST_MS || Math.abs(t[axis]) > maxAbsDeg) continue;
    const r = byIdx.get(t.frameIndex);
    const v = r && r.state !== 'not-measurable' ? r[axis] : null;
    if (v === null || v === undefined) continue;
    xs.push(t[axis]); ys.push(v);
  }
  const n = xs.length;
  if (n < 10) return { slope: null, mae: NaN, n };
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, mae = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; mae += Math.abs(ys[i]! - xs[i]!); }
  const span = Math.max(...xs) - Math.min(...xs);
  return { slope: span >= 4 ? sxy / sxx : null, mae: mae / n, n };
}
const f2 = (v: number | null) => (v === null ? '  — ' : v.toFixed(2));

for (const camera of values.cameras.split(',')) {
  for (const face of values.faces.split(',')) {
    const dir = `${values.matrix}/${face}/${camera}`;
    const learned: Record<string, number | null> = {};
    for (const src of ['far-turn-return-70', 'edge-tilt-flexion-40', 'small-tremor-yaw-2hz', 'hold-neutral-20s']) {
      const c = load(dir, src);
      if (!c) continue;
      const t0 = Date.now();
      const r = learnDepthScale(c.frames, RIGID_FACE_POINTS);
      const ms = Date.now() - t0;
      learned[src] = r.ok ? r.depthScale : null;
      console.log(`${face} × ${camera}: learn from ${src}: ${r.ok ? `k = ${r.depthScale.toFixed(3)} (residual ${r.residualAtOne.toFixed(4)} → ${r.residualAtScale.toFixed(4)} cm²)` : `refused: ${r.reason}`}; frames ${r.frames}, ≥20°: ${r.spanFrames}, max turn ${r.maxTurnDeg.toFixed(1)}° (${ms} ms)`);
    }
    const v = learnVariants(dir, 'far-turn-return-70');
    const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
    console.log(`  far-turn-return-70 learners: residual-all ${f3(v.residualAll)}, residual-interior ${f3(v.residualInterior)}, residual-own ${f3(v.residualOwn)}, angle-match ${f3(v.angleMatch)}; oracle (truth) ${f3(v.oracle)}`);
    const variants: [string, FitOptions][] = [['3-D (today)', {}]];
    const kCore = learned['far-turn-return-70'] ?? null;
    if (kCore !== null) variants.push([`2-D k=${kCore.toFixed(2)} (foreshortening learner)`, whatIfFit({ depthScale: kCore })]);
    if (v.residualOwn !== null) variants.push([`2-D k=${v.residualOwn.toFixed(2)} (residual-own)`, whatIfFit({ depthScale: v.residualOwn })]);
    if (v.oracle !== null) variants.push([`2-D k=${v.oracle.toFixed(2)} (oracle)`, whatIfFit({ depthScale: v.oracle })]);
    console.log(`  clip                     | ${variants.map(([n]) => `${n}: rot gain / rot MAE / flex gain / flex MAE / tilt MAE`).join(' | ')}`);
    for (const clip of values.clips.split(',')) {
      const c = load(dir, clip);
      if (!c) continue;
      const cells = variants.map(([, o]) => {
        const m = analyse(c.frames, o);
        const r = gain(c.truth, m, 'rotationDeg'), x = gain(c.truth, m, 'flexionDeg'), t = gain(c.truth, m, 'tiltDeg');
        return `${f2(r.slope)} / ${f2(r.mae)} / ${f2(x.slope)} / ${f2(x.mae)} / ${f2(t.mae)}`;
      });
      console.log(`  ${clip.padEnd(24)} | ${cells.join(' | ')}`);
    }
    if (values.sweep) {
      for (const clip of ['small-tremor-yaw-2hz', 'far-turn-return-70', 'edge-tilt-flexion-40']) {
        const c = load(dir, clip);
        if (!c) continue;
        const row: string[] = [];
        for (const kk of [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4]) {
          const ga = gain(c.truth, analyse(c.frames, whatIfFit({ meshDepthScale: kk })), clip === 'edge-tilt-flexion-40' ? 'flexionDeg' : 'rotationDeg');
          const gb = gain(c.truth, analyse(c.frames, whatIfFit({ depthScale: kk })), clip === 'edge-tilt-flexion-40' ? 'flexionDeg' : 'rotationDeg');
          row.push(`${kk.toFixed(1)}: a ${f2(ga.slope)} b ${f2(gb.slope)}`);
        }
        console.log(`  sweep ${clip} (${clip === 'edge-tilt-flexion-40' ? 'flexion' : 'rotation'} gain): ${row.join(' | ')}`);
      }
    }
  }
}
