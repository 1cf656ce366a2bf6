/**
 * Experiment: how the own face-mesh ROI's construction changes the mesh's small-angle gain on a cadence
 * probe clip (bench/face-cadence.ts renders them). Runs FaceMeshTracker.runRoi directly with ROI variants,
 * fits the head (core fitHead) and prints gains and held steps, like bench:cadence, plus crop geometry.
 *
 *   node --import tsx bench/experiments/roi-gain.ts <axis> [variant,...]
 * Variants: outline (MediaPipe's crop: side 1.5 × the outline), steady (the tracker's: side from the outline's
 * width or height, weights fixed on the first mesh), detector (Human's detector box on every frame), tracker
 * (FaceMeshTracker as shipped: steady side, crop following the face's motion). More from a module
 * named by ROI_VARIANTS exporting `variants` (name → (mesh, roi it was read in, state) → next ROI).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anglesFromRotationMatrix, fitHead, mat3Multiply, mat3Transpose, type Mat3 } from '../../packages/core/src/index.ts';
import { parseTruthCsv, REST_MS } from '../../packages/phantom/src/index.ts';
import { convertFace } from '../../packages/vision/src/convert.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { recentreShareFromEnv } from './recentreEnv.ts';
import { FaceMeshTracker, type MeshModelLike, type TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { steadySideWeights, roiFromMesh, roiFromDetectorBox, type MeshRoi } from '../../packages/vision/src/mesh/roi.ts';
import { detectionsFromHuman } from '../../packages/vision/src/mesh/facePath.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const axis = (process.argv[2] ?? 'flexionDeg') as 'rotationDeg' | 'tiltDeg' | 'flexionDeg';
const variants = (process.argv[3] ?? 'outline,steady').split(',');
const clip = process.env['CLIP'] ?? join(root, `packages/phantom/.cache/probe/cadence-probe-${axis}.mp4`);
const truthPath = clip.replace(/\.mp4$/, '.truth.csv');
const truth = parseTruthCsv(readFileSync(truthPath, 'utf8'));

const STEPS_DEG = [1, 2, 3, 5, 8, 0, -1, -2, -3, -5, -8, 0];
const STEP_MS = 1500;
const STEPS_END_MS = REST_MS + STEPS_DEG.length * STEP_MS;
const SLOW = { startMs: STEPS_END_MS + 500, endMs: STEPS_END_MS + 8500 };
const FAST = { startMs: STEPS_END_MS + 9000, endMs: STEPS_END_MS + 13000 };

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const tuning = { ...DEFAULT_TUNING, body: false, hands: false, iris: false };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, tuning));
await human.load();
const model = human.models.models.facemesh as MeshModelLike;
const tracker = new FaceMeshTracker(human.tf as TfLike, model, { maxFaces: 1 });
const DET = { face: { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } }, body: { enabled: false }, hand: { enabled: false } };

type RoiFn = (mesh: number[][], prev: MeshRoi, state: Record<string, unknown>) => MeshRoi | null;
const V: Record<string, RoiFn | 'detector'> = {
  outline: (m) => roiFromMesh(m),
  steady: (m, _prev, st) => {
    st['weights'] ??= steadySideWeights(m);
    return roiFromMesh(m, { extentWeights: st['weights'] as [number, number] });
  },
  detector: 'detector',
  tracker: 'detector', // handled in the loop: FaceMeshTracker.track as shipped
};
const extra = process.env['ROI_VARIANTS'];
if (extra) {
  const mod = await import(extra);
  for (const [k, f] of Object.entries(mod.variants as Record<string, RoiFn>)) V[k] = f;
}

function gain(rows: { t: number; truth: number; m: number | null }[], fromMs: number, toMs: number): number | null {
  const s = rows.filter((r) => r.t >= fromMs && r.t < toMs && r.m !== null) as { t: number; truth: number; m: number }[];
  if (s.length < 10) return null;
  const mt = s.reduce((a, r) => a + r.truth, 0) / s.length;
  const mm = s.reduce((a, r) => a + r.m, 0) / s.length;
  let num = 0, den = 0;
  for (const r of s) { num += (r.truth - mt) * (r.m - mm); den += (r.truth - mt) ** 2; }
  return den > 0 ? num / den : null;
}

for (const name of variants) {
  const fn = V[name];
  if (!fn) throw new Error(`no variant ${name}`);
  const dec = await openVideo(clip);
  const rgbInput = new RgbInput();
  let roi: MeshRoi | null = null;
  const state: Record<string, unknown> = {};
  const fits: { t: number; R: Mat3 | null; roi: MeshRoi | null; eyeMid: number[] | null; presence?: number; box?: MeshRoi | null }[] = [];
  let detectorRuns = 0;
  const shipped = new FaceMeshTracker(human.tf as TfLike, model, { maxFaces: 1, ...(process.env['ROI_RECENTRE_SHARE'] ? { recentreShare: recentreShareFromEnv(process.env['ROI_RECENTRE_SHARE']) } : {}), ...(process.env['ROI_PREDICT_MIN_SHARE'] ? { predictMinShare: Number(process.env['ROI_PREDICT_MIN_SHARE']) } : {}) });
  for await (const f of dec.frames()) {
    const px = { data: f.rgb.data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, channels: 3 };
    let useRoi: MeshRoi | null = roi;
    if (name === 'tracker') {
      // FaceMeshTracker as shipped (crop follows the face's motion, cropMotion.ts); the detector only to start.
      let faces;
      if (!shipped.tracking) {
        const input = rgbInput.tensor(f.rgb);
        const res = await human.detect(input, DET);
        input.dispose();
        detectorRuns++;
        faces = await shipped.seed(px, detectionsFromHuman(res.face, px.widthPx, px.heightPx));
      } else faces = (await shipped.track(px)).faces;
      const fc = faces[0];
      if (!fc) { fits.push({ t: f.timestampMs, R: null, roi: null, eyeMid: null }); continue; }
      const h = fc.roi.sizePx / 2;
      const obs = convertFace({ mesh: fc.mesh, boxRaw: [(fc.roi.centerXPx - h) / px.widthPx, (fc.roi.centerYPx - h) / px.heightPx, fc.roi.sizePx / px.widthPx, fc.roi.sizePx / px.heightPx], boxScore: 1, faceScore: fc.faceScore }, { frameIndex: f.frameIndex, timestampMs: f.timestampMs, imageWidthPx: px.widthPx, imageHeightPx: px.heightPx });
      const fit = obs ? fitHead(obs, { imageWidthPx: px.widthPx, imageHeightPx: px.heightPx }) : null;
      const e1 = fc.mesh[33]!, e2 = fc.mesh[263]!;
      fits.push({ t: f.timestampMs, R: fit?.headToCamera ?? null, roi: fc.roi, eyeMid: [(e1[0]! + e2[0]!) / 2, (e1[1]! + e2[1]!) / 2], presence: fc.faceScore, box: roiFromMesh(fc.mesh) });
      continue;
    }
    if (fn === 'detector' || !useRoi) {
      const input = rgbInput.tensor(f.rgb);
      const res = await human.detect(input, DET);
      input.dispose();
      detectorRuns++;
      const d = detectionsFromHuman(res.face, px.widthPx, px.heightPx)[0];
      useRoi = d ? roiFromDetectorBox(d.box, d.eyes) : null;
      if (useRoi && fn !== 'detector') {
        // seed like FaceMeshTracker.seed: one mesh on the detector crop, then the crop from it
        const a = await tracker.runRoi(px, useRoi);
        useRoi = fn(a.mesh, useRoi, state);
      }
    }
    if (!useRoi) { fits.push({ t: f.timestampMs, R: null, roi: null, eyeMid: null }); roi = null; continue; }
    const r = await tracker.runRoi(px, useRoi);
    const h = useRoi.sizePx / 2;
    const obs = convertFace({ mesh: r.mesh, boxRaw: [(useRoi.centerXPx - h) / px.widthPx, (useRoi.centerYPx - h) / px.heightPx, useRoi.sizePx / px.widthPx, useRoi.sizePx / px.heightPx], boxScore: 1, faceScore: r.presence }, { frameIndex: f.frameIndex, timestampMs: f.timestampMs, imageWidthPx: px.widthPx, imageHeightPx: px.heightPx });
    const fit = obs ? fitHead(obs, { imageWidthPx: px.widthPx, imageHeightPx: px.heightPx }) : null;
    const e1 = r.mesh[33]!, e2 = r.mesh[263]!;
    fits.push({ t: f.timestampMs, R: fit?.headToCamera ?? null, roi: useRoi, eyeMid: [(e1[0]! + e2[0]!) / 2, (e1[1]! + e2[1]!) / 2], presence: r.presence, box: roiFromMesh(r.mesh) });
    roi = fn === 'detector' ? null : fn(r.mesh, useRoi, state);
  }
  await dec.close();
  // Neutral: the first rest frame's fit (rest window mean angles subtracted afterwards).
  const N = fits.find((x) => x.R)!.R!;
  const angs = fits.map((x) => (x.R ? anglesFromRotationMatrix(mat3Multiply(mat3Transpose(N), x.R)) : null));
  const restIdx = fits.map((x, i) => (x.t < REST_MS ? i : -1)).filter((i) => i >= 0 && angs[i]);
  const restMean = restIdx.reduce((a, i) => a + angs[i]![axis], 0) / restIdx.length;
  const rows = truth.map((t) => ({ t: t.timestampMs, truth: t[axis], m: angs[t.frameIndex] ? angs[t.frameIndex]![axis] - restMean : null }));
  const steps = STEPS_DEG.map((d, i) => {
    const s = rows.filter((r) => r.t >= REST_MS + i * STEP_MS + 600 && r.t < REST_MS + (i + 1) * STEP_MS && r.m !== null);
    return s.length ? `${d}→${(s.reduce((a, r) => a + (r.m as number), 0) / s.length).toFixed(1)}` : `${d}→—`;
  });
  const g = (o: { startMs: number; endMs: number }) => gain(rows, o.startMs + 500, o.endMs)?.toFixed(3) ?? '—';
  // Crop geometry on held steps: centre offset from the eye midpoint (crop px / size) and size.
  const geo = STEPS_DEG.map((d, i) => {
    const s = fits.filter((x) => x.t >= REST_MS + i * STEP_MS + 600 && x.t < REST_MS + (i + 1) * STEP_MS && x.roi && x.eyeMid);
    if (!s.length) return '';
    const dy = s.reduce((a, x) => a + (x.roi!.centerYPx - x.eyeMid![1]!) / x.roi!.sizePx, 0) / s.length;
    const sz = s.reduce((a, x) => a + x.roi!.sizePx, 0) / s.length;
    return `${d}:${dy.toFixed(3)}/${sz.toFixed(0)}`;
  });
  // The crop against the outline box of the mesh read in it (MediaPipe's crop of that mesh): centre offset along the
  // eye line (du) and down the face (dv), share of the crop side, and crop side / MediaPipe's side.
  const rel = STEPS_DEG.map((d, i) => {
    const s = fits.filter((x) => x.t >= REST_MS + i * STEP_MS + 600 && x.t < REST_MS + (i + 1) * STEP_MS && x.roi && x.box);
    if (!s.length) return '';
    let du = 0, dv = 0, k = 0;
    for (const x of s) {
      const c = Math.cos(x.box!.angleRad), sn = Math.sin(x.box!.angleRad);
      const ex = x.roi!.centerXPx - x.box!.centerXPx, ey = x.roi!.centerYPx - x.box!.centerYPx;
      du += (c * ex + sn * ey) / x.roi!.sizePx; dv += (-sn * ex + c * ey) / x.roi!.sizePx; k += x.roi!.sizePx / x.box!.sizePx;
    }
    return `${d}:${(du / s.length).toFixed(3)},${(dv / s.length).toFixed(3)},${(k / s.length).toFixed(3)}`;
  });
  console.log(`   crop − mesh box du,dv/size, side/MediaPipe side: ${rel.join(' ')}`);
  // How the crop moves with the truth angle over the 0.25 Hz oscillation: least-squares slopes per degree of crop
  // centre x, y (image px), side (px), angle (mrad), and the residual RMS around that line.
  {
    const sl = fits.map((x, i) => ({ x, tr: truth[i] })).filter((q) => q.x.roi && q.tr && q.x.t >= SLOW.startMs + 500 && q.x.t < SLOW.endMs);
    const fit1 = (get: (r: MeshRoi) => number) => {
      const n = sl.length, mt = sl.reduce((a, q) => a + q.tr![axis], 0) / n, my = sl.reduce((a, q) => a + get(q.x.roi!), 0) / n;
      let num = 0, den = 0;
      for (const q of sl) { num += (q.tr![axis] - mt) * (get(q.x.roi!) - my); den += (q.tr![axis] - mt) ** 2; }
      const b = num / den;
      const rms = Math.sqrt(sl.reduce((a, q) => a + (get(q.x.roi!) - my - b * (q.tr![axis] - mt)) ** 2, 0) / n);
      return `${b.toFixed(2)}±${rms.toFixed(2)}`;
    };
    if (sl.length > 10) console.log(`   crop per ° (0.25 Hz): x ${fit1((r) => r.centerXPx)} y ${fit1((r) => r.centerYPx)} side ${fit1((r) => r.sizePx)} angle mrad ${fit1((r) => 1000 * r.angleRad)}`);
  }
  // DUMP=from:to:step prints frames (truth, reading on the axis, mesh presence, crop side).
  const dump = process.env['DUMP']?.split(':').map(Number);
  if (dump) for (let i = dump[0]!; i < Math.min(dump[1]!, rows.length); i += dump[2] ?? 1) console.log(`   ${i} truth ${rows[i]!.truth.toFixed(1)} read ${rows[i]!.m?.toFixed(1)} presence ${fits[i]?.presence?.toFixed(3)} side ${fits[i]?.roi?.sizePx.toFixed(0)}`);
  console.log(`${axis} ${name}: gain ${g(SLOW)} / ${g(FAST)}; steps ${steps.join(' ')}; detector ${detectorRuns}`);
  console.log(`   crop dy/size, size px: ${geo.join(' ')}`);
}
