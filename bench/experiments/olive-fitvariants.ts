// Fit variants on saved phantom landmarks (issue 13, session 9 "olivehd"): does the flexion a face mesh shows at a
// far turn come from the rigid fit (the canonical face's shape, weak perspective) or from the mesh itself? Per frame:
// the canonical closed-form fit (core's default), the pinhole refinement, the viewing-ray correction, and a fit to the
// person's own shape (the mesh of the calibration rest, brought back to the head frame and averaged), each relative
// to its own rest mean as core does (Nᵀ·R).
//   node --import tsx bench/experiments/olive-fitvariants.ts --out F.jsonl <clip>.landmarks.json ...
import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  FACE_MESH_POINTS, RIGID_FACE_POINTS, alignSimilarity, anglesFromRotationMatrix, fitHead, mat3Multiply, mat3Transpose,
  meanRotation, selectPatientFace, type LandmarkFrame, type Mat3,
} from '@geste/core';
import { REST_MS, parseTruthCsv } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'fitvariants.jsonl' } } });
writeFileSync(values.out!, '');
const W = new Float64Array(FACE_MESH_POINTS).fill(0.15);
for (const i of RIGID_FACE_POINTS) W[i] = 1;
const r2 = (x: number) => Math.round(x * 100) / 100;
type Variant = 'canon' | 'persp' | 'ray' | 'own';
for (const path of positionals) {
  const frames = (JSON.parse(readFileSync(path, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const clip = basename(path).replace('.landmarks.json', '');
  const tPath = join(dirname(path), `${clip}.truth.csv`);
  const truth = existsSync(tPath) ? parseTruthCsv(readFileSync(tPath, 'utf8')) : [];
  const tBy = new Map(truth.map((t) => [t.frameIndex, t]));
  const obsOf = (f: LandmarkFrame) => {
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one' || sel.face.meshPx.length < FACE_MESH_POINTS) return null;
    const o = new Float64Array(FACE_MESH_POINTS * 3);
    sel.face.meshPx.slice(0, FACE_MESH_POINTS).forEach((p, i) => { o[i * 3] = p.x; o[i * 3 + 1] = p.y; o[i * 3 + 2] = p.z; });
    return { sel, o };
  };
  // The person's own shape: rest meshes in the head frame (canonical fit), averaged.
  const own = new Float64Array(FACE_MESH_POINTS * 3);
  let nOwn = 0;
  for (const f of frames) {
    if (f.timestampMs >= REST_MS) break;
    const x = obsOf(f);
    if (!x) continue;
    const fit = fitHead(x.sel.face, f);
    if (!fit) continue;
    const R = fit.headToCamera, s = fit.pxPerCm, t = fit.originPx;
    for (let i = 0; i < FACE_MESH_POINTS; i++) {
      const d = [x.o[i * 3]! - t[0], x.o[i * 3 + 1]! - t[1], x.o[i * 3 + 2]! - t[2]];
      for (let k = 0; k < 3; k++) own[i * 3 + k]! += (R[k]! * d[0]! + R[3 + k]! * d[1]! + R[6 + k]! * d[2]!) / s;
    }
    nOwn++;
  }
  for (let i = 0; i < own.length; i++) own[i] = own[i]! / nOwn;
  const fits = (f: LandmarkFrame): Partial<Record<Variant, Mat3>> => {
    const x = obsOf(f);
    if (!x) return {};
    const out: Partial<Record<Variant, Mat3>> = {};
    const c = fitHead(x.sel.face, f); if (c) out.canon = c.headToCamera;
    const p = fitHead(x.sel.face, f, { perspective: true }); if (p) out.persp = p.headToCamera;
    const r = fitHead(x.sel.face, f, { viewingRay: true }); if (r) out.ray = r.headToCamera;
    const o = alignSimilarity(own, x.o, W); if (o) out.own = o.rotation;
    return out;
  };
  const all = frames.map((f) => ({ f, fit: fits(f) }));
  const variants: Variant[] = ['canon', 'persp', 'ray', 'own'];
  const neutral: Partial<Record<Variant, Mat3>> = {};
  for (const v of variants) {
    const rs = all.filter((a) => a.f.timestampMs < REST_MS && a.fit[v]).map((a) => a.fit[v]!);
    const m = meanRotation(rs); if (m) neutral[v] = m;
  }
  const lines = all.map(({ f, fit }) => {
    const t = tBy.get(f.frameIndex);
    const rec: Record<string, unknown> = { file: path, clip, i: f.frameIndex, ms: r2(f.timestampMs), tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null };
    for (const v of variants) {
      const R = fit[v], N = neutral[v];
      if (!R || !N) continue;
      const a = anglesFromRotationMatrix(mat3Multiply(mat3Transpose(N), R));
      rec[v] = [r2(a.rotationDeg), r2(a.tiltDeg), r2(a.flexionDeg)];
    }
    return JSON.stringify(rec);
  });
  appendFileSync(values.out!, lines.join('\n') + '\n');
  process.stderr.write(`${clip}: ${frames.length} frames, own shape from ${nOwn} rest frames\n`);
}
