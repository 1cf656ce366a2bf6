/**
 * Where does the left-right bias come from, when core is exactly mirror-symmetric (mirror-core.ts)? (issue 13,
 * session 10 "mirror"). For a clip and its hflip copy, both run through `geste analyze --landmarks`:
 *  - readings: d = a + a′ (rotation, tilt, shift), a − a′ (flexion), per frame, both replayed with the same neutral;
 *  - with truth (phantom): each copy against its own truth (the mirror's truth is −rotation, −tilt, same flexion):
 *    the pipeline's bias is the mean of the two errors, the face's own (its asymmetry) half their difference;
 *  - mesh level: the model's mesh on the mirror against the exact mirror of the model's mesh on the clip
 *    (mirrorLib.ts): per frame the mean x offset (px, image) and the regression slope of the x offset on the
 *    mesh's own depth z (a turn of ω rad moves a point at depth z sideways by ≈ ω·z: a mesh-level turn, degrees);
 *  - the mean of the two copies: (a − a′) / 2 for rotation and tilt, what averaging the image and its mirror would
 *    read; against truth when there is truth.
 *
 *   node --import tsx bench/experiments/mirror-model.ts [--neutral anatomical|calibrate] [--truth T.csv] REF.jsonl MIRROR.jsonl
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import { analyzeFrames, pairStats, quantile } from './mirror-core.ts';
import { loadFrames, mirrorFrames } from './mirrorLib.ts';

const med = (xs: readonly number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);
const p95abs = (xs: readonly number[]): number => quantile(xs.map(Math.abs).sort((a, b) => a - b), 0.95);
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

interface Truth {
  rotationDeg: number;
  tiltDeg: number;
  flexionDeg: number;
}
function readTruth(path: string): Map<number, Truth> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const h = lines[0]!.split(',');
  const c = (n: string): number => h.indexOf(n);
  const m = new Map<number, Truth>();
  for (const l of lines.slice(1)) {
    const v = l.split(',').map(Number);
    m.set(v[c('frameIndex')]!, { rotationDeg: v[c('rotationDeg')]!, tiltDeg: v[c('tiltDeg')]!, flexionDeg: v[c('flexionDeg')]! });
  }
  return m;
}

/** Per frame: mean x offset of the model's mirror mesh from the exact mirror (px), and its slope on depth (deg). */
function meshDiff(exact: readonly LandmarkFrame[], model: readonly LandmarkFrame[]): { dxPx: number[]; yawDeg: number[]; boxDxPx: number[]; boxDwPx: number[] } {
  const out = { dxPx: [] as number[], yawDeg: [] as number[], boxDxPx: [] as number[], boxDwPx: [] as number[] };
  const byIdx = new Map(model.map((fr) => [fr.frameIndex, fr]));
  for (const e of exact) {
    const m = byIdx.get(e.frameIndex);
    if (!m || e.faces.length !== 1 || m.faces.length !== 1) continue;
    const A = e.faces[0]!.meshPx;
    const B = m.faces[0]!.meshPx;
    const n = Math.min(A.length, B.length, 468);
    let sx = 0, sz = 0;
    for (let i = 0; i < n; i++) {
      sx += B[i]!.x - A[i]!.x;
      sz += A[i]!.z;
    }
    const mx = sx / n;
    const mz = sz / n;
    let cov = 0, vz = 0;
    for (let i = 0; i < n; i++) {
      const dz = A[i]!.z - mz;
      cov += (B[i]!.x - A[i]!.x - mx) * dz;
      vz += dz * dz;
    }
    out.dxPx.push(mx);
    out.yawDeg.push((Math.atan(cov / vz) * 180) / Math.PI);
    const eb = e.faces[0]!.boxPx;
    const mb = m.faces[0]!.boxPx;
    out.boxDxPx.push(mb.x + mb.width / 2 - (eb.x + eb.width / 2));
    out.boxDwPx.push(mb.width - eb.width);
  }
  return out;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { neutral: { type: 'string', default: 'anatomical' }, truth: { type: 'string' }, from: { type: 'string', default: '0' } } });
  const neutral = values.neutral === 'calibrate' ? 'calibrate' : 'anatomical';
  const [refPath, mirPath] = positionals;
  if (!refPath || !mirPath) throw new Error('Expected two landmark files: the clip\'s and its hflip copy\'s.');
  const ref = loadFrames(refPath);
  const mir = loadFrames(mirPath);
  const exact = mirrorFrames(ref);
  const fromMs = Number(values.from) * 1000;
  const a = (await analyzeFrames(ref, neutral)).filter((r) => r.timestampMs >= fromMs);
  const b = (await analyzeFrames(mir, neutral)).filter((r) => r.timestampMs >= fromMs);
  const e = (await analyzeFrames(exact, neutral)).filter((r) => r.timestampMs >= fromMs);
  const name = refPath.split('/').slice(-3, -1).join('/');
  const line: string[] = [name, neutral];
  for (const q of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
    const s = pairStats(a, b, q);
    const x = pairStats(a, e, q);
    line.push(`${q.replace('Deg', '')}: model mirror d median ${f(s.medianSigned)} P95 ${f(s.p95Abs)} (n ${s.both}, one only ${s.oneOnly}); exact mirror P95 ${f(x.p95Abs, 4)}`);
  }
  const md = meshDiff(exact, mir);
  line.push(`mesh (model mirror − exact mirror): x offset median ${f(med(md.dxPx))} px, x-on-z slope median ${f(med(md.yawDeg))}° P95 |·| ${f(p95abs(md.yawDeg))}°; box centre x ${f(med(md.boxDxPx))} px, width ${f(med(md.boxDwPx))} px (${md.dxPx.length} frames)`);
  if (values.truth) {
    const t = readTruth(values.truth);
    for (const q of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
      const flip = q !== 'flexionDeg';
      const er: number[] = [], em: number[] = [], pipe: number[] = [], face: number[] = [], avgErr: number[] = [];
      const bi = new Map<number, FrameMeasure>(b.map((r) => [r.frameIndex, r]));
      for (const r of a) {
        const tr = t.get(r.frameIndex);
        const rm = bi.get(r.frameIndex);
        const va = r[q];
        const vb = rm?.[q] ?? null;
        if (!tr || va === null || vb === null) continue;
        const ea = va - tr[q];
        const eb = vb - (flip ? -tr[q] : tr[q]);
        er.push(ea);
        em.push(eb);
        pipe.push((ea + eb) / 2);
        face.push((ea - eb) / 2);
        // The mean of the image and its mirror: (a − a′)/2 for rotation and tilt, (a + a′)/2 for flexion.
        avgErr.push((flip ? (va - vb) / 2 : (va + vb) / 2) - tr[q]);
      }
      line.push(`${q.replace('Deg', '')} vs truth (n ${er.length}): error median ref ${f(med(er))} mirror ${f(med(em))} → pipeline ${f(med(pipe))}, face ${f(med(face))}; P95 |error| ref ${f(p95abs(er))} mirror ${f(p95abs(em))} mean-of-both ${f(p95abs(avgErr))} (median ${f(med(avgErr))})`);
    }
  } else {
    for (const q of ['rotationDeg', 'tiltDeg'] as const) {
      // No truth: how far the mean of both copies sits from each copy (what averaging would change).
      const bi = new Map<number, FrameMeasure>(b.map((r) => [r.frameIndex, r]));
      const ch: number[] = [];
      for (const r of a) {
        const vb = bi.get(r.frameIndex)?.[q] ?? null;
        if (r[q] === null || vb === null) continue;
        ch.push((r[q]! - vb) / 2 - r[q]!);
      }
      line.push(`${q.replace('Deg', '')}: mean of both − ref median ${f(med(ch))} P95 |·| ${f(p95abs(ch))}`);
    }
  }
  console.log(line.join('\n  '));
}

await main();
