/**
 * faceapi (session 9): does a landmark model from a family other than MediaPipe read the per-face yaw gain too?
 * For each phantom clip (a 2 Hz ±3° yaw tremor after the 2 s rest), three yaw signals are regressed on the truth
 * rotation after the rest:
 *   - face-api's 68-point net (@vladmandic/face-api, own tiny face detector, tfjs CPU backend): the nose tip's (30)
 *     horizontal offset from the midpoint of the outer eye corners (36, 45), divided by the eye-corner distance;
 *   - the same 2-D signal from the saved MediaPipe mesh (<clip>.landmarks.json: 1 nose tip, 33 / 263 eye corners);
 *   - Geste's own measured rotation (<clip>.measured.json).
 * A 2-D signal's slope depends on each face's nose depth / eye width, so absolute slopes are not comparable between
 * faces; the test is whether the per-face RATIOS (face / astronaut) of the two 2-D signals agree (same points on the
 * same frames), and how they compare with Geste's ratios.
 *
 * The package is not a project dependency: `npm pack @vladmandic/face-api` unpacked under FACEAPI_DIR (default
 * /work/s9-faceapi/package). Its browser ESM bundle (which carries its own tfjs 4.22) stubs node:util; a patched copy
 * (util stub -> node:util) is written beside it once. Its node builds need @tensorflow/tfjs(-node) installed, which
 * this experiment avoids.
 *
 *   node --import tsx bench/experiments/faceapi-gain.ts <clip.mp4> [<clip.mp4> ...]   (astronaut first = reference)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTruthCsv, REST_MS } from '@geste/phantom';

const FACEAPI_DIR = process.env.FACEAPI_DIR ?? '/work/s9-faceapi/package';
const FFMPEG = join(process.cwd(), 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
const STRIDE = Number(process.env.STRIDE ?? 1);

interface Pt { x: number; y: number }
type FaceApi = any; // untyped vendor bundle, experiment only

async function loadFaceApi(): Promise<FaceApi> {
  const patched = join(dirname(FACEAPI_DIR), 'face-api.esm.node.mjs');
  if (!existsSync(patched)) {
    const src = readFileSync(join(FACEAPI_DIR, 'dist/face-api.esm.js'), 'utf8');
    const stub = 'AR=Vt(()=>{})';
    if (!src.includes(stub)) throw new Error(`face-api bundle: expected the node:util stub "${stub}", not found`);
    writeFileSync(patched, src.replace(stub, 'AR=()=>globalThis.__faceapiNodeUtil'));
  }
  (globalThis as Record<string, unknown>).__faceapiNodeUtil = await import('node:util');
  const faceapi: FaceApi = await import(patched);
  await faceapi.tf.setBackend('cpu');
  await faceapi.tf.ready();
  for (const [net, name] of [[faceapi.nets.tinyFaceDetector, 'tiny_face_detector_model'], [faceapi.nets.faceLandmark68Net, 'face_landmark_68_model']] as const) {
    const manifest = JSON.parse(readFileSync(join(FACEAPI_DIR, 'model', `${name}-weights_manifest.json`), 'utf8')) as { paths: string[]; weights: unknown[] }[];
    const specs = manifest.flatMap((g) => g.weights);
    const bufs = manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(FACEAPI_DIR, 'model', p))));
    const all = Buffer.concat(bufs);
    net.loadFromWeightMap(faceapi.tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), specs));
  }
  return faceapi;
}

async function* decodeRgb(mp4: string, w: number, h: number): AsyncGenerator<Uint8Array> {
  const ff = spawn(FFMPEG, ['-v', 'error', '-i', mp4, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const size = w * h * 3;
  let pending = Buffer.alloc(0);
  for await (const chunk of ff.stdout as AsyncIterable<Buffer>) {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= size) { yield new Uint8Array(pending.subarray(0, size)); pending = pending.subarray(size); }
  }
}

/**
 * CROP=mesh: skip face-api's detector; crop the frame to the saved MediaPipe mesh's bounding box (grown 15 %, square)
 * and run the 68-point net on the crop alone. Returns the 68 points in crop pixels (the 2-D signals are ratios, so
 * translation does not matter), or null.
 */
const CROP_MESH = process.env.CROP === 'mesh';
async function landmarks68(faceapi: FaceApi, rgb: Uint8Array, w: number, h: number, mesh: Pt[] | undefined): Promise<Pt[] | null> {
  const img = faceapi.tf.tensor3d(rgb, [h, w, 3], 'int32');
  try {
    if (!CROP_MESH) {
      const det = await faceapi.detectSingleFace(img, new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.3 })).withFaceLandmarks();
      return det ? (det.landmarks.positions as Pt[]) : null;
    }
    if (!mesh?.length) return null;
    const xs = mesh.map((p) => p.x), ys = mesh.map((p) => p.y);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const half = (Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * 1.15) / 2;
    const x0 = Math.max(0, Math.round(cx - half)), y0 = Math.max(0, Math.round(cy - half));
    const x1 = Math.min(w, Math.round(cx + half)), y1 = Math.min(h, Math.round(cy + half));
    const crop = faceapi.tf.slice(img, [y0, x0, 0], [y1 - y0, x1 - x0, 3]);
    try {
      const lm = await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
      return lm.positions as Pt[];
    } finally { crop.dispose(); }
  } finally { img.dispose(); }
}

const signal2d = (nose: Pt, eyeA: Pt, eyeB: Pt) => {
  const mx = (eyeA.x + eyeB.x) / 2;
  return (nose.x - mx) / Math.hypot(eyeB.x - eyeA.x, eyeB.y - eyeA.y);
};

/** Least-squares slope of y on x, with the correlation. */
function fit(pairs: readonly [number, number][]) {
  const n = pairs.length, mx = pairs.reduce((a, [x]) => a + x, 0) / n, my = pairs.reduce((a, [, y]) => a + y, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (const [x, y] of pairs) { sxx += (x - mx) ** 2; sxy += (x - mx) * (y - my); syy += (y - my) ** 2; }
  return { n, slope: sxy / sxx, r: sxy / Math.sqrt(sxx * syy) };
}

const args = process.argv.slice(2);
const PITCH = args[0] === '--pitch';
const clips = PITCH ? args.slice(1) : args;
if (clips.length === 0) throw new Error('usage: faceapi-gain.ts [--pitch] <clip.mp4> [...] (first clip = reference face)');
const t0 = Date.now();
const faceapi = await loadFaceApi();
process.stdout.write(`face-api loaded (tfjs ${faceapi.tf.version_core}, backend ${faceapi.tf.getBackend()}) in ${Date.now() - t0} ms; crop: ${CROP_MESH ? 'saved MediaPipe mesh box' : 'own tiny face detector'}\n`);
const median = (v: readonly number[]) => { const s = [...v].sort((a, b) => a - b); return s.length ? (s[s.length >> 1]! + s[(s.length - 1) >> 1]!) / 2 : NaN; };
const pitch2d = (nose: Pt, eyeA: Pt, eyeB: Pt) => (nose.y - (eyeA.y + eyeB.y) / 2) / Math.hypot(eyeB.x - eyeA.x, eyeB.y - eyeA.y);

/**
 * --pitch: the −35° chin-up of edge-tilt-flexion-40. The 2-D vertical signal (nose tip below the eye-corner midline, over
 * the eye-corner distance) at the frames within 1° of the −35° peak minus its median over the rest (every 3rd frame of
 * the first 2 s), for face-api and MediaPipe; Geste's median measured flexion at the same frames.
 */
async function pitchMode() {
  const out: { face: string; fa: number; mp: number; ge: number; n: number }[] = [];
  for (const mp4 of clips) {
    const base = mp4.replace(/\.mp4$/, '');
    const truthRows = parseTruthCsv(readFileSync(`${base}.truth.csv`, 'utf8'));
    const peak = Math.min(...truthRows.map((t) => t.flexionDeg));
    const isPeak = (i: number) => Math.abs(truthRows[i]!.flexionDeg - peak) <= 1;
    const isRest = (i: number) => truthRows[i]!.timestampMs < REST_MS && i % 3 === 0;
    const lm = (JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: { frameIndex: number; imageWidthPx: number; imageHeightPx: number; faces: { meshPx: Pt[] }[] }[] }).frames;
    const measured = (JSON.parse(readFileSync(`${base}.measured.json`, 'utf8')) as { frames: { frameIndex: number; flexionDeg?: number | null }[] }).frames;
    const w = lm[0]!.imageWidthPx, h = lm[0]!.imageHeightPx;
    const mpSig = (sel: (i: number) => boolean) => lm.filter((f) => sel(f.frameIndex) && f.faces[0]?.meshPx).map((f) => { const m = f.faces[0]!.meshPx; return pitch2d(m[1]!, m[33]!, m[263]!); });
    const fa: { rest: number[]; peak: number[] } = { rest: [], peak: [] };
    let idx = 0;
    const lmByIndex = new Map(lm.map((f) => [f.frameIndex, f]));
    for await (const rgb of decodeRgb(mp4, w, h)) {
      const i = idx++;
      if (i >= truthRows.length || (!isPeak(i) && !isRest(i))) continue;
      const p = await landmarks68(faceapi, rgb, w, h, lmByIndex.get(i)?.faces[0]?.meshPx);
      if (!p) continue;
      (isPeak(i) ? fa.peak : fa.rest).push(pitch2d(p[30]!, p[36]!, p[45]!));
    }
    const ge = median(measured.filter((f) => isPeak(f.frameIndex) && typeof f.flexionDeg === 'number').map((f) => f.flexionDeg!));
    const r = { face: mp4.split('/').at(-3)!, fa: median(fa.peak) - median(fa.rest), mp: median(mpSig(isPeak)) - median(mpSig(isRest)), ge, n: fa.peak.length };
    out.push(r);
    process.stdout.write(`${mp4}: peak ${peak}°, face-api peak frames ${fa.peak.length} rest ${fa.rest.length}; Δ2-D face-api ${r.fa.toFixed(4)}, MediaPipe ${r.mp.toFixed(4)}; Geste median flexion ${ge.toFixed(1)}°\n`);
  }
  const ref = out[0]!;
  process.stdout.write('\nface | face-api Δ2-D | ratio | MediaPipe Δ2-D | ratio | face-api/MediaPipe | Geste flexion at peak | ratio\n');
  for (const r of out) process.stdout.write(`${r.face} | ${r.fa.toFixed(4)} | ${(r.fa / ref.fa).toFixed(2)} | ${r.mp.toFixed(4)} | ${(r.mp / ref.mp).toFixed(2)} | ${(r.fa / r.mp).toFixed(2)} | ${r.ge.toFixed(1)} | ${(r.ge / ref.ge).toFixed(2)}\n`);
}

if (PITCH) { await pitchMode(); process.exit(0); }

const rows: { clip: string; fa: ReturnType<typeof fit>; mp: ReturnType<typeof fit>; ge: ReturnType<typeof fit>; missed: number; msPerFrame: number }[] = [];
for (const mp4 of clips) {
  const base = mp4.replace(/\.mp4$/, '');
  const truth = new Map(parseTruthCsv(readFileSync(`${base}.truth.csv`, 'utf8')).map((t) => [t.frameIndex, t]));
  const lm = (JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: { frameIndex: number; timestampMs: number; imageWidthPx: number; imageHeightPx: number; faces: { meshPx: Pt[] }[] }[] }).frames;
  const measured = (JSON.parse(readFileSync(`${base}.measured.json`, 'utf8')) as { frames: { frameIndex: number; rotationDeg?: number | null }[] }).frames;
  const w = lm[0]!.imageWidthPx, h = lm[0]!.imageHeightPx;
  const fa: [number, number][] = [], mp: [number, number][] = [], ge: [number, number][] = [];
  for (const f of lm) {
    const t = truth.get(f.frameIndex), m = f.faces[0]?.meshPx;
    if (t && t.timestampMs >= REST_MS && m) mp.push([t.rotationDeg, signal2d(m[1]!, m[33]!, m[263]!)]);
  }
  for (const f of measured) {
    const t = truth.get(f.frameIndex);
    if (t && t.timestampMs >= REST_MS && typeof f.rotationDeg === 'number') ge.push([t.rotationDeg, f.rotationDeg]);
  }
  let idx = 0, missed = 0, inferMs = 0, inferN = 0;
  const lmByIndex = new Map(lm.map((f) => [f.frameIndex, f]));
  for await (const rgb of decodeRgb(mp4, w, h)) {
    const i = idx++;
    const t = truth.get(i);
    if (!t || t.timestampMs < REST_MS || i % STRIDE !== 0) continue;
    const s = Date.now();
    const p = await landmarks68(faceapi, rgb, w, h, lmByIndex.get(i)?.faces[0]?.meshPx);
    inferMs += Date.now() - s; inferN++;
    if (!p) { missed++; continue; }
    fa.push([t.rotationDeg, signal2d(p[30]!, p[36]!, p[45]!)]);
  }
  rows.push({ clip: mp4, fa: fit(fa), mp: fit(mp), ge: fit(ge), missed, msPerFrame: inferMs / Math.max(1, inferN) });
  const r = rows[rows.length - 1]!;
  process.stdout.write(`${mp4}\n  face-api 2-D: n ${r.fa.n} (missed ${missed}), slope ${r.fa.slope.toFixed(5)}/deg r ${r.fa.r.toFixed(3)}; ` +
    `MediaPipe 2-D: n ${r.mp.n}, slope ${r.mp.slope.toFixed(5)}/deg r ${r.mp.r.toFixed(3)}; Geste rotation: n ${r.ge.n}, slope ${r.ge.slope.toFixed(3)} r ${r.ge.r.toFixed(3)}; ${r.msPerFrame.toFixed(0)} ms/frame\n`);
}
const ref = rows[0]!;
process.stdout.write('\nface | face-api 2-D slope | ratio | MediaPipe 2-D slope | ratio | face-api/MediaPipe | Geste gain | ratio\n');
for (const r of rows) {
  const face = r.clip.split('/').at(-3);
  process.stdout.write(`${face} | ${r.fa.slope.toFixed(5)} | ${(r.fa.slope / ref.fa.slope).toFixed(2)} | ${r.mp.slope.toFixed(5)} | ${(r.mp.slope / ref.mp.slope).toFixed(2)} | ` +
    `${(r.fa.slope / r.mp.slope).toFixed(2)} | ${r.ge.slope.toFixed(2)} | ${(r.ge.slope / ref.ge.slope).toFixed(2)}\n`);
}
