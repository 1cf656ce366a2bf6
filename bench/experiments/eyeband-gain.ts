/**
 * Session 12 (eyeband): is a face's small-angle gain (the mesh reading a 2 Hz yaw or 4.5 Hz roll tremor smaller than it
 * is: beard-glasses −20 % / −28 %) carried by the eye band? Per face, the canonical face is fitted to each saved mesh
 * with one region at a time (as eyeband-regions.ts: every point, the eye band only, all but the eye band, below, above),
 * and the fitted camera-frame angle is regressed on the truth over the clip (least-squares slope, both centred):
 * rotation on small-tremor-yaw-2hz, tilt on tremor-roll-4.5hz. A slope of 1 reads the movement at its size.
 *
 *   node --import tsx bench/experiments/eyeband-gain.ts --dirs FACEDIR[,…]     (each holds <clip>.landmarks.json and .truth.csv)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceObservation } from '@geste/core';
import { EYE_BAND_REGIONS, EYE_BAND_REGION_WEIGHTS, cliArg, fitAngles } from './eyeband-lib.ts';

const arg = cliArg;
const dirs = (arg('--dirs') ?? '').split(',').filter(Boolean);
const REGIONS = EYE_BAND_REGIONS;
const W = EYE_BAND_REGION_WEIGHTS;
const CLIPS: [string, 'rotationDeg' | 'tiltDeg'][] = [['small-tremor-yaw-2hz', 'rotationDeg'], ['tremor-roll-4.5hz', 'tiltDeg']];

function slope(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}
console.log(`| face / camera | clip (axis) | ${REGIONS.map(([n]) => n).join(' | ')} |`);
console.log(`|---|---|${REGIONS.map(() => '---').join('|')}|`);
for (const dir of dirs) {
  for (const [clip, axis] of CLIPS) {
    const lmPath = join(dir, `${clip}.landmarks.json`);
    if (!existsSync(lmPath)) continue;
    const lm = JSON.parse(readFileSync(lmPath, 'utf8')) as { frames: { frameIndex: number; faces: FaceObservation[] }[] };
    const rows = readFileSync(join(dir, `${clip}.truth.csv`), 'utf8').trim().split('\n');
    const head = rows[0]!.split(',');
    const col = head.indexOf(axis);
    const truth = new Map(rows.slice(1).map((r) => { const c = r.split(','); return [Number(c[0]), Number(c[col])] as const; }));
    const cells = W.map((w) => {
      const t: number[] = [], m: number[] = [];
      for (const fr of lm.frames) {
        const tv = truth.get(fr.frameIndex);
        if (tv === undefined || fr.faces.length !== 1) continue;
        const a = fitAngles(fr.faces[0]!, w);
        if (!a) continue;
        t.push(tv);
        m.push(a[axis === 'rotationDeg' ? 0 : 1]);
      }
      return Math.abs(slope(t, m)).toFixed(3);
    });
    console.log(`| ${dir.split('/').slice(-2).join(' / ')} | ${clip} (${axis.replace('Deg', '')}) | ${cells.join(' | ')} |`);
  }
}
