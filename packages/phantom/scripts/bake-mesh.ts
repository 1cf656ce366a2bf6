/**
 * One-off bake: run Human's face mesh (468 points + 10 iris points) on a frontal photograph and write
 * the mesh (pixel points with depth, triangles) as JSON next to the photo. The renderer texture-maps the
 * photo onto this mesh (UV = point / image size), the method used to build the 300W-LP head-pose set.
 *
 *   node --import tsx packages/phantom/scripts/bake-mesh.ts packages/phantom/assets/faces/astronaut.png
 *
 * Runs Human's WASM build in Node; models are read from node_modules through a tfjs load router (no
 * network). The result is committed, so this script only reruns when a face is added.
 */
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
// One-off script: the canonical face is not part of core's public API, so read it by path.
import { CANONICAL_FACE_CM } from '../../core/src/pose/canonicalFace.ts';
import { openFaceRunner } from '../src/testing/human.ts';

const require = createRequire(import.meta.url);
function ffmpegPath(): string {
  try { execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' }); return 'ffmpeg'; } catch { /* fall through */ }
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

const photo = process.argv[2];
if (!photo) throw new Error('usage: bake-mesh.ts <photo.png>');
const sizeOut = (() => {
  // `ffmpeg -i file` with no output exits 1 after printing the stream description (with its size).
  try { execFileSync(ffmpegPath(), ['-hide_banner', '-i', photo], { stdio: 'pipe' }); } catch (e) { return String((e as { stderr: Buffer }).stderr); }
  return '';
})();
const m = /, (\d+)x(\d+)/.exec(sizeOut);
if (!m) throw new Error(`cannot read the size of ${photo}`);
const w = Number(m[1]), h = Number(m[2]);
const rgb = execFileSync(ffmpegPath(), ['-v', 'error', '-i', photo, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 28 });

const runner = await openFaceRunner({ iris: true });
const faces = await runner.detect(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength), w, h);
const face = faces[0];
if (!face) throw new Error(`no face found in ${photo}`);
// Human's mesh z is in pixels of the 192 px crop the model saw; rescale to image pixels like x, y.
const boxWidthPx = face.boxRaw[2]! * w;
const zScale = boxWidthPx / 192;
const points = face.mesh.map(([x, y, z]) => [x!, y!, z! * zScale]);
const triangles: number[] = Array.from(runner.faceTriangulation);
// Metric scale: interpupillary distance (iris centres 468, 473) = 6.3 cm (adult mean).
// ref: Dodgson NA, "Variation and extrema of human interpupillary distance", Proc. SPIE 5291, 2004.
const IPD_CM = 6.3;
const ipdPx = Math.hypot(points[468]![0]! - points[473]![0]!, points[468]![1]! - points[473]![1]!);
const cmPerPx = IPD_CM / ipdPx;
// Depth scale: the model's z is only roughly metric; fit its spread (least squares, about the mean) to
// the canonical face's depth profile so the nose and cheeks stand out by human amounts.
let mz = 0, cz = 0;
for (let i = 0; i < 468; i++) { mz += points[i]![2]!; cz += CANONICAL_FACE_CM[3 * i + 2]!; }
mz /= 468; cz /= 468;
let szz = 0, szc = 0;
for (let i = 0; i < 468; i++) { const a = points[i]![2]! - mz; szz += a * a; szc += a * (CANONICAL_FACE_CM[3 * i + 2]! - cz); }
const zCmPerPx = szc / szz;
// Mean colours (sRGB 0..255) for the untextured head shell: hair above the forehead, skin on the cheeks.
function meanRgb(cx: number, cy: number, r: number): number[] {
  const acc = [0, 0, 0]; let n = 0;
  for (let y = Math.round(cy - r); y <= cy + r; y++) for (let x = Math.round(cx - r); x <= cx + r; x++) {
    const o = (y * w + x) * 3; acc[0]! += rgb[o]!; acc[1]! += rgb[o + 1]!; acc[2]! += rgb[o + 2]!; n++;
  }
  return acc.map((v) => Math.round(v / n));
}
const fore = points[10]!, cheekR = points[50]!, cheekL = points[280]!, sideR = points[234]!, sideL = points[454]!;
// Hair: above the forehead and above each temple (the NASA portrait's bob covers the ears).
const hairSamples = [
  meanRgb(fore[0]!, fore[1]! - 1.0 * ipdPx, 3),
  meanRgb(sideR[0]! - 0.1 * ipdPx, sideR[1]! - 0.5 * ipdPx, 3),
  meanRgb(sideL[0]! + 0.1 * ipdPx, sideL[1]! - 0.5 * ipdPx, 3),
];
const hairRgb = [0, 1, 2].map((c) => Math.round(hairSamples.reduce((a, v) => a + v[c]!, 0) / hairSamples.length));
const skinRgb = meanRgb((cheekR[0]! + cheekL[0]!) / 2, (cheekR[1]! + cheekL[1]!) / 2 + 0.1 * ipdPx, 3).map((v, i) => Math.round((v + meanRgb(cheekR[0]!, cheekR[1]!, 3)[i]!) / 2));
const out = {
  source: photo.replace(/^.*[/]/, ''),
  widthPx: w,
  heightPx: h,
  detector: `@vladmandic/human ${runner.version} (blazeface + facemesh + iris, wasm)`,
  faceScore: face.faceScore,
  note: 'pointsPx: [x, y, z] in photo pixels, z smaller = closer to the camera (MediaPipe convention), '
    + 'z rescaled from the 192 px mesh crop to photo pixels. Indices 0..467 FaceMesh order, 468..477 iris. '
    + 'triangles: FaceMesh triangulation (indices into the first 468 points).',
  cmPerPx,
  zCmPerPx,
  hairRgb,
  skinRgb,
  pointsPx: points.map((p) => p.map((v) => Math.round(v * 100) / 100)),
  triangles,
};
const target = photo.replace(/\.png$/, '.mesh.json');
await writeFile(target, JSON.stringify(out));
console.log(`wrote ${target}: ${points.length} points, ${triangles.length / 3} triangles, face score ${face.faceScore}`);
