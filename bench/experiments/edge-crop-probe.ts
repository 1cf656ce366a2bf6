/**
 * Experiment (issue 13, session 7): is an own-ROI edge frame's flexion error the crop at the moment of fast motion?
 * Runs FaceMeshTracker as shipped over a clip and, on frames [from, to], reads the same frame again in other crops:
 * the crop re-centred on this frame's own mesh (iterated to a fixed point, 3 reads), and Human's fresh detector
 * crop. Prints the fitted flexion (head fit relative to the first frame's, no core rules) of each beside the truth.
 *   node --import tsx bench/experiments/edge-crop-probe.ts <clip.mp4> <from> <to>
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { anglesFromRotationMatrix, fitHead, mat3Multiply, mat3Transpose, type Mat3 } from '../../packages/core/src/index.ts';
import { parseTruthCsv } from '../../packages/phantom/src/index.ts';
import { convertFace } from '../../packages/vision/src/convert.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { FaceMeshTracker, type MeshModelLike, type TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { roiFromDetectorBox, roiFromMesh, steadySideWeights, type MeshRoi } from '../../packages/vision/src/mesh/roi.ts';
import { detectionsFromHuman } from '../../packages/vision/src/mesh/facePath.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';

const [clip, fromS, toS] = process.argv.slice(2) as [string, string, string];
const from = Number(fromS), to = Number(toS);
const truth = parseTruthCsv(readFileSync(clip.replace(/\.mp4$/, '.truth.csv'), 'utf8'));
const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, { ...DEFAULT_TUNING, body: false, hands: false, iris: false }));
await human.load();
const model = human.models.models.facemesh as MeshModelLike;
const tracker = new FaceMeshTracker(human.tf as TfLike, model, { maxFaces: 1 });
const DET = { face: { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } }, body: { enabled: false }, hand: { enabled: false } };
const rgbInput = new RgbInput();
let neutral: Mat3 | null = null;
let weights: [number, number] | null = null;

function fit(mesh: number[][], roi: MeshRoi, presence: number, f: { frameIndex: number; timestampMs: number }, w: number, h: number): Mat3 | null {
  const s = roi.sizePx / 2;
  const obs = convertFace({ mesh, boxRaw: [(roi.centerXPx - s) / w, (roi.centerYPx - s) / h, roi.sizePx / w, roi.sizePx / h], boxScore: 1, faceScore: presence }, { frameIndex: f.frameIndex, timestampMs: f.timestampMs, imageWidthPx: w, imageHeightPx: h });
  return obs ? fitHead(obs, { imageWidthPx: w, imageHeightPx: h })?.headToCamera ?? null : null;
}
const flex = (R: Mat3 | null) => (R && neutral ? anglesFromRotationMatrix(mat3Multiply(mat3Transpose(neutral), R)).flexionDeg.toFixed(1) : '—');

const dec = await openVideo(clip);
for await (const f of dec.frames()) {
  const px = { data: f.rgb.data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, channels: 3 };
  let faces;
  if (!tracker.tracking) {
    const input = rgbInput.tensor(f.rgb);
    const res = await human.detect(input, DET);
    input.dispose();
    faces = await tracker.seed(px, detectionsFromHuman(res.face, px.widthPx, px.heightPx));
  } else faces = (await tracker.track(px)).faces;
  const fc = faces[0];
  if (!fc) { if (f.frameIndex >= from && f.frameIndex <= to) console.log(`${f.frameIndex} lost`); continue; }
  weights ??= steadySideWeights(fc.mesh);
  const R = fit(fc.mesh, fc.roi, fc.faceScore, f, px.widthPx, px.heightPx);
  neutral ??= R;
  if (f.frameIndex < from || f.frameIndex > to) continue;
  // Re-centred on this frame's own mesh, 3 times.
  let roi = roiFromMesh(fc.mesh, { extentWeights: weights! })!;
  let again = await tracker.runRoi(px, roi);
  const fixed: string[] = [];
  for (let k = 0; k < 3; k++) {
    fixed.push(flex(fit(again.mesh, roi, again.presence, f, px.widthPx, px.heightPx)));
    const nxt = roiFromMesh(again.mesh, { extentWeights: weights! });
    if (!nxt) break;
    roi = nxt;
    again = await tracker.runRoi(px, roi);
  }
  // Human's detector crop on this frame.
  const input = rgbInput.tensor(f.rgb);
  const res = await human.detect(input, DET);
  input.dispose();
  const d = detectionsFromHuman(res.face, px.widthPx, px.heightPx)[0];
  let det = '—';
  if (d) {
    const dr = roiFromDetectorBox(d.box, d.eyes);
    const a = await tracker.runRoi(px, dr);
    det = `${flex(fit(a.mesh, dr, a.presence, f, px.widthPx, px.heightPx))} (p ${a.presence.toFixed(2)})`;
  }
  const t = truth[f.frameIndex]!;
  const off = ((fc.roi.centerYPx - roi.centerYPx) / fc.roi.sizePx).toFixed(3);
  console.log(`${f.frameIndex} truth ${t.flexionDeg.toFixed(1)} tracked ${flex(R)} (p ${fc.faceScore.toFixed(2)}, crop y off ${off} of side) re-centred ${fixed.join(' → ')} detector ${det}`);
}
await dec.close();
