/**
 * Is the face-mesh network itself mirror-equivariant? (issue 13, session 10 "mirror"). The crop and tracking loop
 * taken out: on every Nth frame of a clip, one ROI (roi.ts `roiFromMesh` on the mesh saved for that frame by
 * `geste analyze --landmarks`), and the network run three times:
 *   M   on the crop of the clip's frame (sampleRoi, as shipped);
 *   M′  on that same crop flipped left-right (u → 191 − u), its output flipped back (x → 192 − x, indices to their
 *       mirror partners, mirrorLib.ts): equal to M if the network is mirror-equivariant;
 *   Mv  on the crop of the hflip copy's frame (ffmpeg hflip + re-encode) with the mirrored ROI, flipped back the same
 *       way: differs from M′ only by the video's flip and encoding.
 * Each is fitted (core fitHead, camera frame, no neutral) and its angles compared; d = a + a′ in the clinical sense
 * (the mirror reading a′ = −angle of the flipped-back mesh), so rotation d = rot(M) − rot(M′).
 * Also checks the crop code: the crop of the flipped frame with the mirrored ROI against the flipped crop.
 *
 * --average (with --every 1 and --truth): what averaging the image and its mirror would give, on one crop per frame:
 * each frame's saved landmarks with the mesh replaced by M ("one crop") or by the point-wise mean of M and M′ ("mean of
 * both"), both through `analyzeLandmarkSource` (the CLI's code) with the 2 s calibration and with the anatomical zero,
 * scored against truth. The crop is made from the frame's own saved mesh (not the previous frame's, as tracking does),
 * the same crop for both, so only the averaging differs.
 *
 *   nice -n 10 node --import tsx bench/experiments/mirror-net.ts REF.mp4 REF-landmarks MIRROR.mp4 [--every N] [--truth T.csv] [--average]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { anglesFromRotationMatrix, fitHead, type FrameMeasure, type HeadAngles, type LandmarkFrame } from '../../packages/core/src/index.ts';
import { convertFace } from '../../packages/vision/src/convert.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import type { MeshModelLike, TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { cropPointToImage, roiFromMesh, sampleRoi, type MeshRoi } from '../../packages/vision/src/mesh/roi.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { canonicalMirrorPairs, loadFrames } from './mirrorLib.ts';
import { analyzeFrames, quantile } from './mirror-core.ts';

const N = 192;
const { values, positionals } = parseArgs({ allowPositionals: true, options: { every: { type: 'string', default: '10' }, truth: { type: 'string' }, average: { type: 'boolean', default: false } } });
const [refMp4, lmPath, mirMp4] = positionals;
if (!refMp4 || !lmPath || !mirMp4) throw new Error('Expected REF.mp4 REF-landmarks MIRROR.mp4.');
const every = Number(values.every);
const saved = new Map(loadFrames(lmPath).map((f) => [f.frameIndex, f]));
const { pairs } = canonicalMirrorPairs();

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => { load(): Promise<void>; tf: unknown; models: { models: Record<string, unknown> } } };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, { ...DEFAULT_TUNING, body: false, hands: false, iris: false }));
await human.load();

/** Run the model on a given crop array; raw output (crop px, 0..192) and presence. */
async function runCrop(crop: Float32Array): Promise<{ raw: number[][]; presence: number }> {
  const tf = human.tf as TfLike;
  const model = human.models.models['facemesh'] as MeshModelLike;
  const outs = tf.tidy(() => {
    const r = model.execute(tf.tensor4d(crop, [1, N, N, 3], 'float32'));
    return Array.isArray(r) ? r : [r];
  });
  const flagT = outs.find((t) => t.shape[t.shape.length - 1] === 1)!;
  const meshT = outs.find((t) => t.shape[t.shape.length - 1] === 1404)!;
  const presence = (await flagT.data())[0] ?? 0;
  const d = await meshT.data();
  tf.dispose(outs);
  const raw: number[][] = [];
  for (let i = 0; i < 468; i++) raw.push([d[3 * i]!, d[3 * i + 1]!, d[3 * i + 2]!]);
  return { raw, presence };
}

function flipCrop(c: Float32Array): Float32Array {
  const o = new Float32Array(c.length);
  for (let v = 0; v < N; v++) for (let u = 0; u < N; u++) for (let k = 0; k < 3; k++) o[(v * N + u) * 3 + k] = c[(v * N + (N - 1 - u)) * 3 + k]!;
  return o;
}
/** A mesh read in a flipped crop, back in the unflipped crop's coordinates and index order. */
const unflip = (raw: number[][]): number[][] => pairs.map((j) => [N - raw[j]![0]!, raw[j]![1]!, raw[j]![2]!]);

function observe(raw: number[][], roi: MeshRoi, w: number, h: number, boxScore = 1, faceScore = 1): ReturnType<typeof convertFace> {
  const mesh = raw.map((p) => cropPointToImage(roi, N, p));
  const half = roi.sizePx / 2;
  return convertFace({ mesh, boxRaw: [(roi.centerXPx - half) / w, (roi.centerYPx - half) / h, roi.sizePx / w, roi.sizePx / h], boxScore, faceScore }, { frameIndex: 0, timestampMs: 0, imageWidthPx: w, imageHeightPx: h });
}
function angles(raw: number[][], roi: MeshRoi, w: number, h: number): HeadAngles | null {
  const obs = observe(raw, roi, w, h);
  const fit = obs ? fitHead(obs, { imageWidthPx: w, imageHeightPx: h }) : null;
  return fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
}
const one: LandmarkFrame[] = [];
const both: LandmarkFrame[] = [];

const truth = values.truth
  ? new Map(readFileSync(values.truth, 'utf8').trim().split('\n').slice(1).map((l) => { const v = l.split(',').map(Number); return [v[0]!, { rotationDeg: v[2]!, tiltDeg: v[3]!, flexionDeg: v[4]! }] as const; }))
  : null;

const decA = await openVideo(refMp4);
const decB = await openVideo(mirMp4);
const itB = decB.frames()[Symbol.asyncIterator]();
const rows: { i: number; net: HeadAngles; vid: HeadAngles; a: HeadAngles; cropMaxDiff: number }[] = [];
for await (const fa of decA.frames()) {
  const nb = await itB.next();
  if (nb.done) break;
  const fb = nb.value;
  if (fa.frameIndex % every !== 0) continue;
  const s = saved.get(fa.frameIndex);
  if (!s) continue;
  if (s.faces.length !== 1) {
    one.push(s);
    both.push(s);
    continue;
  }
  const W = fa.rgb.widthPx, H = fa.rgb.heightPx;
  const roi = roiFromMesh(s.faces[0]!.meshPx.map((p) => [p.x, p.y, p.z]));
  if (!roi) continue;
  const mroi: MeshRoi = { ...roi, centerXPx: W - roi.centerXPx, angleRad: -roi.angleRad };
  const pa = { data: fa.rgb.data, widthPx: W, heightPx: H, channels: 3 };
  const pb = { data: fb.rgb.data, widthPx: W, heightPx: H, channels: 3 };
  const crop = sampleRoi(pa, roi, N);
  const flipped = flipCrop(crop);
  // Crop code check: the same frame flipped in memory (exact), cropped with the mirrored ROI, against the flipped crop.
  const fl = new Uint8Array(fa.rgb.data.length);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let k = 0; k < 3; k++) fl[(y * W + x) * 3 + k] = fa.rgb.data[(y * W + (W - 1 - x)) * 3 + k]!;
  const cropFl = sampleRoi({ data: fl, widthPx: W, heightPx: H, channels: 3 }, mroi, N);
  let cropMaxDiff = 0;
  for (let k = 0; k < crop.length; k++) cropMaxDiff = Math.max(cropMaxDiff, Math.abs(cropFl[k]! - flipped[k]!));
  const cropVid = sampleRoi(pb, mroi, N);
  const m = await runCrop(crop);
  const mf = await runCrop(flipped);
  const mv = await runCrop(cropVid);
  const a = angles(m.raw, roi, W, H);
  const af = angles(unflip(mf.raw), roi, W, H);
  const av = angles(unflip(mv.raw), roi, W, H);
  if (values.average) {
    const f0 = s.faces[0]!;
    const back = unflip(mf.raw);
    const o1 = observe(m.raw, roi, W, H, f0.detectionScore, m.presence);
    const o2 = observe(m.raw.map((p, i) => p.map((x, k) => (x + back[i]![k]!) / 2)), roi, W, H, f0.detectionScore, Math.min(m.presence, mf.presence));
    one.push({ ...s, faces: o1 ? [o1] : [] });
    both.push({ ...s, faces: o2 ? [o2] : [] });
  }
  if (!a || !af || !av) continue;
  // a + a′ with a′ = −(angle of the flipped-back mesh) for rotation and tilt; flexion a − a′ with a′ = its own.
  const d = (x: HeadAngles, y: HeadAngles): HeadAngles => ({ rotationDeg: x.rotationDeg - y.rotationDeg, tiltDeg: x.tiltDeg - y.tiltDeg, flexionDeg: x.flexionDeg - y.flexionDeg });
  rows.push({ i: fa.frameIndex, net: d(a, af), vid: d(af, av), a, cropMaxDiff });
}
await decA.close?.();
await decB.close?.();

const stat = (xs: number[]): string => {
  const s = [...xs].sort((p, q) => p - q);
  const abs = xs.map(Math.abs).sort((p, q) => p - q);
  return `median ${quantile(s, 0.5).toFixed(2)} P95|·| ${quantile(abs, 0.95).toFixed(2)}`;
};
console.log(`${refMp4}: ${rows.length} frames (every ${every}); crop of the flipped frame vs flipped crop: max |Δ| ${Math.max(...rows.map((r) => r.cropMaxDiff)).toExponential(2)} (0..1 scale)`);
for (const q of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
  console.log(`  ${q}: network (same crop flipped) d ${stat(rows.map((r) => r.net[q]))}; video flip+encode d ${stat(rows.map((r) => r.vid[q]))}; network d vs own rotation: slope ${slope(rows.map((r) => r.a.rotationDeg), rows.map((r) => r.net[q])).toFixed(3)}`);
}
if (truth) {
  // Against truth: the network's reading on the crop, on the flipped crop (mirrored back), and their mean — after
  // removing each one's median offset over the first 2 s (the matrix's calibration rest), as the matrix scores.
  for (const q of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
    const rest = rows.filter((r) => r.i < 60);
    const restMed = (f: (r: (typeof rows)[number]) => number): number => quantile(rest.map(f).sort((p, z) => p - z), 0.5);
    const one = (r: (typeof rows)[number]): number => r.a[q];
    const flip = (r: (typeof rows)[number]): number => r.a[q] - r.net[q];
    const mean = (r: (typeof rows)[number]): number => r.a[q] - r.net[q] / 2;
    const err = (f: (r: (typeof rows)[number]) => number): string => {
      const z = restMed(f);
      const e = rows.filter((r) => truth.has(r.i)).map((r) => f(r) - z - truth.get(r.i)![q]);
      const s = [...e].sort((p, w) => p - w);
      const mae = e.reduce((p, w) => p + Math.abs(w), 0) / e.length;
      return `MAE ${mae.toFixed(2)} median ${quantile(s, 0.5).toFixed(2)}`;
    };
    console.log(`  ${q} vs truth (fitHead, zero = first 2 s): crop ${err(one)}; flipped crop ${err(flip)}; mean of both ${err(mean)}`);
  }
}

if (values.average && truth) {
  const t = truth;
  for (const neutral of ['calibrate', 'anatomical'] as const) {
    const r1 = await analyzeFrames(one, neutral);
    const r2 = await analyzeFrames(both, neutral);
    const parts: string[] = [];
    for (const q of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
      const score = (rs: readonly FrameMeasure[]): string => {
        const e = rs.filter((r) => r[q] !== null && t.has(r.frameIndex) && r.timestampMs >= 2000).map((r) => r[q]! - t.get(r.frameIndex)![q]);
        const abs = e.map(Math.abs).sort((x, y) => x - y);
        const mae = e.reduce((x, y) => x + Math.abs(y), 0) / e.length;
        return `MAE ${mae.toFixed(2)} P95 ${quantile(abs, 0.95).toFixed(2)} median ${quantile([...e].sort((x, y) => x - y), 0.5).toFixed(2)} (n ${e.length})`;
      };
      parts.push(`${q}: one crop ${score(r1)} → mean of both ${score(r2)}`);
    }
    console.log(`  average (${neutral}, after 2 s): ${parts.join('; ')}`);
  }
}

function slope(x: number[], y: number[]): number {
  const mx = x.reduce((p, q) => p + q, 0) / x.length;
  const my = y.reduce((p, q) => p + q, 0) / y.length;
  let n = 0, dd = 0;
  for (let i = 0; i < x.length; i++) { n += (x[i]! - mx) * (y[i]! - my); dd += (x[i]! - mx) ** 2; }
  return dd > 0 ? n / dd : NaN;
}
process.exit(0);
