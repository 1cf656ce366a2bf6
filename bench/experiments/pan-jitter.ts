/**
 * Experiment (issue 13, "no wrong number on a still face"): a still photograph panned by a camera crop.
 * The face does not move relative to itself, so every change of the fitted head angles is measurement
 * noise. Generates pan clips of the real astronaut photograph (the recipe of bench/vision-fps.ts's panClip,
 * parameterised), runs the face mesh with several crop rules, and prints per axis the RMS in 1.5–8 Hz
 * (the tremor band), the spectral peak, and the regression of the angle on the face's offset inside the crop.
 *
 *   node --import tsx bench/experiments/pan-jitter.ts <clip-spec,...> [variant,...]
 * clip spec: name:ax:px:ay:py:vx:g[:crf]  (x = 160 + ax·sin(2πt/px) + vx·t, y = 150 + ay·sin(2πt/py), GOP g, 12 s).
 *   Shortcuts: orig (80:2:20:1:0:30), xonly, yonly, const (vx 120 px/s), slow, allintra, lossless.
 * variants: steady (the tracker's rule before session 6), oracle (frame 0's crop moved by the known pan),
 *   detector (Human's detector box on every frame), predict (steady + the centre's last motion), tracker (FaceMeshTracker as shipped).
 * DUMP=1 prints per-frame rows (frame, angles, face offset in crop px).
 */
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anglesFromRotationMatrix, fitHead, mat3Multiply, mat3Transpose, type Mat3 } from '../../packages/core/src/index.ts';
import { convertFace } from '../../packages/vision/src/convert.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { recentreShareFromEnv } from './recentreEnv.ts';
import { FaceMeshTracker, type MeshModelLike, type TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { steadySideWeights, roiFromMesh, roiFromDetectorBox, type MeshRoi } from '../../packages/vision/src/mesh/roi.ts';
import { detectionsFromHuman } from '../../packages/vision/src/mesh/facePath.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { findFfmpeg, openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';
import { ASTRONAUT_PNG } from '../../packages/vision/test/makeVideos.ts';
import { bandRmsDeg } from '../../packages/vision/test/bandRms.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.env['PAN_DIR'] ?? join(root, 'tmp-roi');
mkdirSync(outDir, { recursive: true });
const SHORT: Record<string, string> = {
  orig: '80:2:20:1:0:30', xonly: '80:2:0:1:0:30', yonly: '0:2:20:1:0:30', const: '0:2:0:1:12:30', slow: '20:2:5:1:0:30',
  allintra: '80:2:20:1:0:1', lossless: '80:2:20:1:0:1:0', still: '0:2:0:1:0:30', x8: '80:4:0:1:0:30',
};
const SECONDS = Number(process.env['SECONDS'] ?? 12);
const FPS = 30;

interface Pan { name: string; ax: number; px: number; ay: number; py: number; vx: number; g: number; crf: number | null }
function parseSpec(s: string): Pan {
  const [name, ...rest] = s.split(':');
  const parts = (rest.length ? rest.join(':') : SHORT[name!]!).split(':').map(Number);
  const [ax, px, ay, py, vx, g, crf] = parts as number[];
  return { name: name!, ax: ax!, px: px!, ay: ay!, py: py!, vx: vx!, g: g!, crf: crf ?? null };
}
/** Top-left of the camera crop in the 960² photo at frame time t (s): the face moves by minus this. */
const panAt = (p: Pan, t: number): [number, number] => [160 + p.ax * Math.sin((2 * Math.PI * t) / p.px) + p.vx * t, 150 + p.ay * Math.sin((2 * Math.PI * t) / p.py)];

async function makeClip(p: Pan): Promise<string> {
  const out = join(outDir, `pan-${p.name}-${SECONDS}s.mp4`);
  if (existsSync(out)) return out;
  const x = `160+${p.ax}*sin(2*PI*t/${p.px})+${p.vx}*t`;
  const y = `150+${p.ay}*sin(2*PI*t/${p.py})`;
  await promisify(execFile)(await findFfmpeg(), ['-v', 'error', '-y', '-nostdin', '-loop', '1', '-framerate', String(FPS), '-i', ASTRONAUT_PNG,
    '-vf', `scale=960:960,crop=640:480:x='${x}':y='${y}',format=yuv420p`,
    '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(p.g), ...(p.crf !== null ? ['-crf', String(p.crf)] : []), out]);
  return out;
}

const bandRms = (xs: readonly number[], fps: number, lo: number, hi: number) => { const r = bandRmsDeg(xs, fps, lo, hi); return { rms: r.rmsDeg, peakHz: r.peakHz }; };

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const tuning = { ...DEFAULT_TUNING, body: false, hands: false, iris: false };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, tuning));
await human.load();
const model = human.models.models.facemesh as MeshModelLike;
const tf = human.tf as TfLike;
const runner = new FaceMeshTracker(tf, model, { maxFaces: 1 });
const DET = { face: { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } }, body: { enabled: false }, hand: { enabled: false } };

const specs = (process.argv[2] ?? 'orig').split(',').map(parseSpec);
const variants = (process.argv[3] ?? 'steady,oracle').split(',');
const AX = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const RECENTRE_PX = Number(process.env['RECENTRE_PX'] ?? 2);
let recentred = 0;
const PREDICT_MIN_PX = Number(process.env['PREDICT_MIN_PX'] ?? 1);
const RECENTRE_MAX = Number(process.env['RECENTRE_MAX'] ?? 1);

for (const spec of specs) {
  const clip = await makeClip(spec);
  for (const v of variants) {
    const dec = await openVideo(clip);
    const rgbInput = new RgbInput();
    let roi: MeshRoi | null = null;
    let weights: [number, number] | null = null;
    let roi0 = null as MeshRoi | null;
    let prevCentre: [number, number] | null = null;
    const hist: [number, number][] = [];
    const tracker = v === 'tracker' ? new FaceMeshTracker(tf, model, { maxFaces: 1, ...(process.env['ROI_RECENTRE_SHARE'] ? { recentreShare: recentreShareFromEnv(process.env['ROI_RECENTRE_SHARE']) } : {}), ...(process.env['ROI_PREDICT_MIN_SHARE'] ? { predictMinShare: Number(process.env['ROI_PREDICT_MIN_SHARE']) } : {}) }) : null;
    recentred = 0;
    const rows: { t: number; R: Mat3 | null; offX: number; offY: number; side: number }[] = [];
    for await (const f of dec.frames()) {
      const px = { data: f.rgb.data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, channels: 3 };
      const tS = f.frameIndex / FPS;
      let mesh: number[][] | null = null;
      let used: MeshRoi | null = null;
      let presence = 0;
      if (tracker) {
        let faces;
        if (!tracker.tracking) {
          const input = rgbInput.tensor(f.rgb);
          const res = await human.detect(input, DET);
          input.dispose();
          faces = await tracker.seed(px, detectionsFromHuman(res.face, px.widthPx, px.heightPx));
        } else faces = (await tracker.track(px)).faces;
        const fc = faces[0];
        if (fc) { mesh = fc.mesh; used = fc.roi; presence = fc.faceScore; }
      } else {
        if (v === 'detector' || !roi) {
          const input = rgbInput.tensor(f.rgb);
          const res = await human.detect(input, DET);
          input.dispose();
          const d = detectionsFromHuman(res.face, px.widthPx, px.heightPx)[0];
          roi = d ? roiFromDetectorBox(d.box, d.eyes) : null;
          if (roi && v !== 'detector') {
            const a = await runner.runRoi(px, roi);
            weights ??= steadySideWeights(a.mesh);
            roi = roiFromMesh(a.mesh, { extentWeights: weights! });
          }
        }
        if (v === 'oracle' && roi0) {
          const [x0, y0] = panAt(spec, 0);
          const [x1, y1] = panAt(spec, tS);
          roi = { ...roi0, centerXPx: roi0.centerXPx - (x1 - x0), centerYPx: roi0.centerYPx - (y1 - y0) };
        }
        if (roi) {
          let r = await runner.runRoi(px, roi);
          let next = roiFromMesh(r.mesh, { extentWeights: weights! });
          for (let it = 0; it < RECENTRE_MAX && v.startsWith('recentre') && next && Math.hypot(next.centerXPx - roi.centerXPx, next.centerYPx - roi.centerYPx) > RECENTRE_PX * (RECENTRE_PX < 0.1 ? roi.sizePx : 1); it++) {
            // The face sits off-centre in the crop it was read in: read it again in the crop centred on this reading.
            roi = next; recentred++;
            r = await runner.runRoi(px, roi);
            next = roiFromMesh(r.mesh, { extentWeights: weights! });
          }
          mesh = r.mesh; used = roi; presence = r.presence;
          roi0 ??= roi;
          if (v.endsWith('predict2') && next) {
            hist.push([next.centerXPx, next.centerYPx]);
            if (hist.length > 3) hist.shift();
            let dx = 0, dy = 0;
            if (hist.length === 3) { dx = (hist[2]![0] - hist[0]![0]) / 2; dy = (hist[2]![1] - hist[0]![1]) / 2; }
            if (Math.hypot(dx, dy) < PREDICT_MIN_PX) { dx = 0; dy = 0; }
            roi = { ...next, centerXPx: next.centerXPx + dx, centerYPx: next.centerYPx + dy };
          } else if ((v === 'predict' || v === 'recentre-predict') && next && prevCentre) {
            const dx = next.centerXPx - prevCentre[0], dy = next.centerYPx - prevCentre[1];
            prevCentre = [next.centerXPx, next.centerYPx];
            roi = { ...next, centerXPx: next.centerXPx + dx, centerYPx: next.centerYPx + dy };
          } else {
            if (next) prevCentre = [next.centerXPx, next.centerYPx];
            roi = v === 'detector' ? null : next;
          }
        }
      }
      if (!mesh || !used) { rows.push({ t: tS, R: null, offX: NaN, offY: NaN, side: NaN }); continue; }
      const h = used.sizePx / 2;
      const obs = convertFace({ mesh, boxRaw: [(used.centerXPx - h) / px.widthPx, (used.centerYPx - h) / px.heightPx, used.sizePx / px.widthPx, used.sizePx / px.heightPx], boxScore: 1, faceScore: presence }, { frameIndex: f.frameIndex, timestampMs: f.timestampMs, imageWidthPx: px.widthPx, imageHeightPx: px.heightPx });
      const fit = obs ? fitHead(obs, { imageWidthPx: px.widthPx, imageHeightPx: px.heightPx }) : null;
      // Where the face sits in the crop it was read in: the mesh box centre (crop axes) minus the crop centre.
      const nb = roiFromMesh(mesh, { extentWeights: [1, 1] })!;
      rows.push({ t: tS, R: fit?.headToCamera ?? null, offX: nb.centerXPx - used.centerXPx, offY: nb.centerYPx - used.centerYPx, side: used.sizePx });
    }
    await dec.close();
    const ok = rows.filter((r) => r.R);
    const N = ok[0]!.R!;
    const angs = rows.map((r) => (r.R ? anglesFromRotationMatrix(mat3Multiply(mat3Transpose(N), r.R)) : null));
    const parts: string[] = [];
    for (const a of AX) {
      const xs = angs.map((x) => x?.[a] ?? NaN).filter(Number.isFinite);
      const b = bandRms(xs, FPS, 1.5, 8);
      const lo = bandRms(xs, FPS, 0.05, 1.49);
      // least squares angle ~ offX + offY (offsets in px)
      const idx = rows.map((r, i) => i).filter((i) => angs[i] && Number.isFinite(rows[i]!.offX));
      const reg = (key: 'offX' | 'offY') => {
        const xm = idx.reduce((s, i) => s + rows[i]![key], 0) / idx.length, ym = idx.reduce((s, i) => s + angs[i]![a], 0) / idx.length;
        let num = 0, den = 0, yy = 0;
        for (const i of idx) { const dx = rows[i]![key] - xm, dy = angs[i]![a] - ym; num += dx * dy; den += dx * dx; yy += dy * dy; }
        return { slope: num / den, r: num / Math.sqrt(den * yy) };
      };
      const rx = reg('offX'), ry = reg('offY');
      parts.push(`${a.slice(0, 4)} 1.5–8Hz ${b.rms.toFixed(3)}° pk ${b.peakHz.toFixed(2)} | <1.5Hz ${lo.rms.toFixed(3)}° | r(offX) ${rx.r.toFixed(2)} ${rx.slope.toFixed(3)}°/px r(offY) ${ry.r.toFixed(2)} ${ry.slope.toFixed(3)}°/px`);
    }
    const offs = rows.filter((r) => Number.isFinite(r.offX));
    const maxOff = Math.max(...offs.map((r) => Math.hypot(r.offX, r.offY)));
    const rmsOff = Math.sqrt(offs.reduce((s, r) => s + r.offX ** 2 + r.offY ** 2, 0) / offs.length);
    console.log(`${spec.name} ${v}: measured ${ok.length}/${rows.length}; face offset in crop rms ${rmsOff.toFixed(2)} max ${maxOff.toFixed(1)} px, side ${(offs.reduce((s, r) => s + r.side, 0) / offs.length).toFixed(0)} px; second reads ${tracker ? tracker.recentredReads : recentred}`);
    for (const p of parts) console.log('   ' + p);
    if (process.env['DUMP']) rows.forEach((r, i) => console.log(`   ${i} ${AX.map((a) => angs[i]?.[a].toFixed(2)).join(' ')} off ${r.offX.toFixed(1)} ${r.offY.toFixed(1)} side ${r.side.toFixed(1)}`));
  }
}
