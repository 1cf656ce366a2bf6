/**
 * Session 12 (eyeband): does the eye band (eyeband-lib.ts) bias the head fit on glasses with lens glare?
 * glasses-glare is beard-glasses plus lit lenses (same geometry, seeds and poses, frame for frame), so per frame the
 * difference of their fitted camera-frame angles is what the glare does to the fit. Fits each saved mesh as core does
 * ('off') and without the eye band ('all'), and prints per clip: the rest (first 2 s) mean of glasses-glare − beard-glasses
 * per axis, and over the whole clip the mean signed and absolute difference on frames whose lens is lit (≥ 10 %) and unlit.
 *
 *   node --import tsx bench/experiments/eyeband-fits.ts --pairs GLAREDIR:PLAINDIR[,…]
 * Each DIR holds <clip>.landmarks.json (bench/accuracy.ts's layout); GLAREDIR's carry lensGlareShares (bench/glare-share.ts --write).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceObservation } from '@geste/core';
import { CORE_WEIGHTS, NO_EYE_BAND_WEIGHTS, fitAngles } from './eyeband-lib.ts';

const arg = (k: string): string | undefined => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const pairs = (arg('--pairs') ?? '').split(',').filter(Boolean).map((p) => p.split(':') as [string, string]);
const REST_MS = 2000;
const LIT = 0.1;

interface LmFile { frames: { frameIndex: number; timestampMs: number; faces: (FaceObservation & { lensGlareShares?: [number | null, number | null] })[] }[] }
type Angles = [number, number, number];

function fits(lm: LmFile, mode: 'off' | 'all'): Map<number, Angles> {
  const out = new Map<number, Angles>();
  for (const fr of lm.frames) {
    if (fr.faces.length !== 1) continue;
    const a = fitAngles(fr.faces[0]!, mode === 'off' ? CORE_WEIGHTS : NO_EYE_BAND_WEIGHTS);
    if (a) out.set(fr.frameIndex, a);
  }
  return out;
}
const fmt = (v: number[]): string => v.map((x) => (Number.isFinite(x) ? (x >= 0 ? '+' : '') + x.toFixed(2) : '—')).join(' / ');
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

console.log('| clip | mode | rest GG−BG r / t / f (frames) | lit frames: mean GG−BG r / t / f | lit: mean abs | unlit frames: mean abs | all: mean abs (frames lit/all) |');
console.log('|---|---|---|---|---|---|---|');
for (const [gDir, pDir] of pairs) {
  for (const file of readdirSync(gDir).filter((n) => n.endsWith('.landmarks.json')).sort()) {
    if (!existsSync(join(pDir, file))) continue;
    const clip = file.replace(/\.landmarks\.json$/, '');
    const g = JSON.parse(readFileSync(join(gDir, file), 'utf8')) as LmFile;
    const p = JSON.parse(readFileSync(join(pDir, file), 'utf8')) as LmFile;
    const share = new Map(g.frames.map((fr) => [fr.frameIndex, fr.faces.length === 1 ? Math.max(fr.faces[0]!.lensGlareShares?.[0] ?? 0, fr.faces[0]!.lensGlareShares?.[1] ?? 0) : 0]));
    const ts = new Map(g.frames.map((fr) => [fr.frameIndex, fr.timestampMs]));
    for (const mode of ['off', 'all'] as const) {
      const fg = fits(g, mode), fp = fits(p, mode);
      const rest: Angles[] = [], lit: Angles[] = [], unlit: Angles[] = [];
      for (const [i, a] of fg) {
        const b = fp.get(i);
        if (!b) continue;
        const d: Angles = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
        if (ts.get(i)! <= REST_MS) rest.push(d);
        ((share.get(i) ?? 0) >= LIT ? lit : unlit).push(d);
      }
      const m = (xs: Angles[], abs: boolean): number[] => [0, 1, 2].map((k) => mean(xs.map((d) => (abs ? Math.abs(d[k]!) : d[k]!))));
      const both = [...lit, ...unlit];
      console.log(`| ${gDir.split('/').slice(-1)[0]} ${clip} | ${mode} | ${fmt(m(rest, false))} (${rest.length}) | ${fmt(m(lit, false))} | ${fmt(m(lit, true))} | ${fmt(m(unlit, true))} | ${fmt(m(both, true))} (${lit.length}/${both.length}) |`);
    }
  }
}
