/**
 * Session 12 (eyeband): where does lens glare move the face mesh? For each clip's rest (first 2 s), the canonical face is
 * fitted to the mesh with one region at a time (rigid points 1, others 0.15 as headFit.ts, everything else 0): the eye
 * band (eyeband-lib.ts), the face below it (canonical y > the band's lower edge), above it (forehead), and
 * everything but the eye band. Prints the rest mean of glasses-glare − beard-glasses (same poses, frame for frame) per
 * region and axis: if every region shows the same shift, the glare turns the whole mesh and no subset of points avoids it.
 *
 *   node --import tsx bench/experiments/eyeband-regions.ts --pairs GLAREDIR:PLAINDIR[,…]
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceObservation } from '@geste/core';
import { EYE_BAND_REGIONS, EYE_BAND_REGION_WEIGHTS, cliArg, fitAngles } from './eyeband-lib.ts';

const arg = cliArg;
const pairs = (arg('--pairs') ?? '').split(',').filter(Boolean).map((p) => p.split(':') as [string, string]);
const REST_MS = 2000;
const REGIONS = EYE_BAND_REGIONS;
const W = EYE_BAND_REGION_WEIGHTS;

interface LmFile { frames: { frameIndex: number; timestampMs: number; faces: FaceObservation[] }[] }
function restFits(lm: LmFile, w: Float64Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const fr of lm.frames) {
    if (fr.timestampMs > REST_MS || fr.faces.length !== 1) continue;
    const a = fitAngles(fr.faces[0]!, w);
    if (a) out.set(fr.frameIndex, a);
  }
  return out;
}
const s = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(2);
console.log(`| clip | ${REGIONS.map(([n]) => n).join(' | ')} |`);
console.log(`|---|${REGIONS.map(() => '---').join('|')}|`);
const sums = REGIONS.map(() => [0, 0, 0]);
let clips = 0;
for (const [gDir, pDir] of pairs) {
  for (const file of readdirSync(gDir).filter((n) => n.endsWith('.landmarks.json')).sort()) {
    if (!existsSync(join(pDir, file))) continue;
    const g = JSON.parse(readFileSync(join(gDir, file), 'utf8')) as LmFile;
    const p = JSON.parse(readFileSync(join(pDir, file), 'utf8')) as LmFile;
    const cells = W.map((w, r) => {
      const fg = restFits(g, w), fp = restFits(p, w);
      const d = [0, 0, 0];
      let n = 0;
      for (const [i, a] of fg) {
        const b = fp.get(i);
        if (!b) continue;
        for (let k = 0; k < 3; k++) d[k]! += a[k]! - b[k]!;
        n++;
      }
      const m = d.map((v) => v / n);
      m.forEach((v, k) => (sums[r]![k]! += v));
      return m.map(s).join(' / ');
    });
    clips++;
    console.log(`| ${gDir.split('/').slice(-1)[0]} ${file.replace('.landmarks.json', '')} | ${cells.join(' | ')} |`);
  }
}
console.log(`| mean of ${clips} clips | ${sums.map((v) => v.map((t) => s(t / clips)).join(' / ')).join(' | ')} |`);
