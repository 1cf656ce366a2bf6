/**
 * Is core itself mirror-symmetric? (issue 13, session 10 "mirror"). Each saved landmark file is replayed twice through
 * `analyzeLandmarkSource` (the code behind `geste analyze`): as saved, and mirrored exactly (mirrorLib.ts). A symmetric
 * core reads the mirror with −rotation, −tilt, −shift and the same flexion on every frame.
 *
 *   node --import tsx bench/experiments/mirror-core.ts [--neutral anatomical|calibrate] [--offset 0|1] FILE...
 *
 * --neutral calibrate: the matrix's 2 s calibration window (phantom clips); default anatomical (what a user gets).
 * Prints per file: frames measured in both / in one only, and per quantity the median signed and P95 / max |d|,
 * d = a + a′ (rotation, tilt, shift) or a − a′ (flexion).
 */
import { parseArgs } from 'node:util';
import { analyzeLandmarkSource } from '../../apps/cli/src/analyze.ts';
import { replaySourceFromFrames } from '@geste/vision';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import { canonicalMirrorPairs, loadFrames, mirrorFrames } from './mirrorLib.ts';

const Q = ['rotationDeg', 'tiltDeg', 'flexionDeg', 'lateralShiftCm'] as const;
const FLIP: Record<(typeof Q)[number], boolean> = { rotationDeg: true, tiltDeg: true, flexionDeg: false, lateralShiftCm: true };

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export interface PairStats {
  both: number;
  oneOnly: number;
  medianSigned: number;
  p95Abs: number;
  maxAbs: number;
}

/** d = a + b (flip) or a − b per frame index over frames with a value in both. */
export function pairStats(a: readonly FrameMeasure[], b: readonly FrameMeasure[], q: (typeof Q)[number]): PairStats {
  const byIdx = new Map(b.map((r) => [r.frameIndex, r]));
  const d: number[] = [];
  let oneOnly = 0;
  for (const r of a) {
    const va = r[q];
    const vb = byIdx.get(r.frameIndex)?.[q] ?? null;
    if (va === null && vb === null) continue;
    if (va === null || vb === null) {
      oneOnly++;
      continue;
    }
    d.push(FLIP[q] ? va + vb : va - vb);
  }
  const s = [...d].sort((x, y) => x - y);
  const abs = d.map(Math.abs).sort((x, y) => x - y);
  return { both: d.length, oneOnly, medianSigned: quantile(s, 0.5), p95Abs: quantile(abs, 0.95), maxAbs: abs.length ? abs[abs.length - 1]! : NaN };
}

export async function analyzeFrames(frames: readonly LandmarkFrame[], neutral: 'anatomical' | 'calibrate'): Promise<readonly FrameMeasure[]> {
  const opts = neutral === 'calibrate' ? { neutral: { kind: 'calibrate-window' as const, startMs: 0, endMs: 2000 } } : {};
  return (await analyzeLandmarkSource(replaySourceFromFrames(frames), opts)).frames;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { neutral: { type: 'string', default: 'anatomical' }, offset: { type: 'string', default: '0' } } });
  const neutral = values.neutral === 'calibrate' ? 'calibrate' : 'anatomical';
  const offset = Number(values.offset);
  const cp = canonicalMirrorPairs();
  console.log(`canonical pairing: involution, ${cp.selfPaired} points on the midline, worst |mirror − partner| ${cp.worstCm.toFixed(6)} cm; neutral ${neutral}; x → W − ${offset} − x`);
  console.log('| file | both / one only | rot median d, P95, max | tilt | flex | shift cm |');
  console.log('|---|---|---|---|---|---|');
  for (const f of positionals) {
    const frames = loadFrames(f);
    const a = await analyzeFrames(frames, neutral);
    const b = await analyzeFrames(mirrorFrames(frames, offset), neutral);
    const st = Q.map((q) => pairStats(a, b, q));
    const cell = (s: PairStats): string => `${s.medianSigned.toFixed(3)}, ${s.p95Abs.toFixed(3)}, ${s.maxAbs.toFixed(3)}${s.oneOnly ? ` (${s.oneOnly} one only)` : ''}`;
    console.log(`| ${f.split('/').slice(-3).join('/')} | ${st[0]!.both} / ${st[0]!.oneOnly} | ${st.map(cell).join(' | ')} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
