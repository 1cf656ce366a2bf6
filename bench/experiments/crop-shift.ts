/**
 * Experiment (issue 15, the re-read rule): how much the fitted head angles change when only the face-mesh crop
 * moves, by direction in the crop's own axes (along the eye line / across it). On frames of a clip, the tracker's
 * crop is found as usual (detector, then two mesh reads), then the mesh is read again with the crop moved by
 * d px along and across the eyes (d = 1 … 6 px), and the angle change against the centred crop is printed
 * (RMS over the frames and both signs).
 *   node --import tsx bench/experiments/crop-shift.ts <clip.mp4> [frames, default 0,30,60,90,120]
 */
import { createRequire } from 'node:module';
import { anglesFromRotationMatrix, fitHead } from '../../packages/core/src/index.ts';
import { convertFace } from '../../packages/vision/src/convert.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { FaceMeshTracker, type MeshModelLike, type TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import type { MeshRoi } from '../../packages/vision/src/mesh/roi.ts';
import { detectionsFromHuman } from '../../packages/vision/src/mesh/facePath.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, { ...DEFAULT_TUNING, body: false, hands: false, iris: false }));
await human.load();
const tf = human.tf as TfLike;
const model = human.models.models.facemesh as MeshModelLike;
const DET = { face: { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } }, body: { enabled: false }, hand: { enabled: false } };
const clip = process.argv[2]!;
const wanted = new Set((process.argv[3] ?? '0,30,60,90,120').split(',').map(Number));
const AX = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const SHIFTS = [1, 2, 3, 4, 6];
// sums of squared angle change per direction, shift, axis
const acc = new Map<string, { n: number; ss: number[] }>();
const dec = await openVideo(clip);
const rgb = new RgbInput();
for await (const f of dec.frames()) {
  if (!wanted.has(f.frameIndex)) continue;
  const px = { data: f.rgb.data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, channels: 3 };
  const tracker = new FaceMeshTracker(tf, model, { maxFaces: 1 });
  const input = rgb.tensor(f.rgb);
  const res = await human.detect(input, DET);
  input.dispose();
  const seeded = await tracker.seed(px, detectionsFromHuman(res.face, px.widthPx, px.heightPx));
  if (!seeded[0]) continue;
  // Settle: read a few times in the crop the previous read gives (a still frame's fixed point).
  let roi: MeshRoi = seeded[0].roi;
  for (let i = 0; i < 4; i++) {
    const t = (await tracker.track(px)).faces[0];
    if (!t) break;
    roi = t.roi;
  }
  const angles = async (r: MeshRoi): Promise<Record<(typeof AX)[number], number> | null> => {
    const m = await tracker.runRoi(px, r);
    const h = r.sizePx / 2;
    const obs = convertFace({ mesh: m.mesh, boxRaw: [(r.centerXPx - h) / px.widthPx, (r.centerYPx - h) / px.heightPx, r.sizePx / px.widthPx, r.sizePx / px.heightPx], boxScore: 1, faceScore: m.presence }, { frameIndex: f.frameIndex, timestampMs: 0, imageWidthPx: px.widthPx, imageHeightPx: px.heightPx } );
    const fit = obs ? fitHead(obs, { imageWidthPx: px.widthPx, imageHeightPx: px.heightPx }) : null;
    return fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
  };
  const base = await angles(roi);
  if (!base) continue;
  const c = Math.cos(roi.angleRad), s = Math.sin(roi.angleRad);
  for (const dir of ['along', 'across'] as const) {
    for (const d of SHIFTS) {
      for (const sign of [-1, 1]) {
        const [ux, uy] = dir === 'along' ? [c, s] : [-s, c];
        const a = await angles({ ...roi, centerXPx: roi.centerXPx + sign * d * ux, centerYPx: roi.centerYPx + sign * d * uy });
        if (!a) continue;
        const k = `${dir} ${d}`;
        const e = acc.get(k) ?? { n: 0, ss: [0, 0, 0] };
        e.n++;
        AX.forEach((ax, i) => (e.ss[i]! += (a[ax] - base[ax]) ** 2));
        acc.set(k, e);
      }
    }
  }
  console.log(`frame ${f.frameIndex}: crop side ${roi.sizePx.toFixed(0)} px, angle ${(roi.angleRad * 180 / Math.PI).toFixed(1)}°`);
}
await dec.close();
console.log(`RMS angle change (°) when only the crop moves, ${clip}`);
console.log('direction shift(px) | rotation tilt flexion | n');
for (const [k, e] of acc) console.log(`${k.padEnd(10)} | ${e.ss.map((x) => Math.sqrt(x / e.n).toFixed(3)).join(' ')} | ${e.n}`);
