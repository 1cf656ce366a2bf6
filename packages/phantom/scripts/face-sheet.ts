/**
 * Contact sheet per phantom face: rest, ±30°, ±60° rotation (and a blink / open-mouth frame for faces that
 * have them), written as small PNGs to docs/screenshots/faces/<face>.png, with Human's face score per pose
 * printed, so each face can be checked by eye and by the detector.
 *
 *   node --import tsx packages/phantom/scripts/face-sheet.ts [face,face…] [--camera <id>]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRenderer, DEFAULT_SCENE, type FramePose } from '../src/render/renderer.ts';
import { PHANTOM_FACES, findFace } from '../src/render/faces.ts';
import { findCamera, sceneForCamera, postProcess } from '../src/render/camera.ts';
import { ffmpegPath } from '../src/video/mp4.ts';
import { openFaceRunner } from '../src/testing/human.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const args = process.argv.slice(2);
const camIdx = args.indexOf('--camera');
const cameraId = camIdx >= 0 ? args[camIdx + 1]! : 'webcam-640';
const ids = (args.find((a, i) => !a.startsWith('--') && (camIdx < 0 || i !== camIdx + 1))?.split(',')) ?? PHANTOM_FACES.map((f) => f.id);
const cam = findCamera(cameraId);
if (!cam) throw new Error(`unknown camera ${cameraId}`);
const outDir = join(root, 'docs/screenshots/faces');
mkdirSync(outDir, { recursive: true });
const runner = await openFaceRunner();
const TILE_W = 192;
for (const id of ids) {
  const face = findFace(id);
  if (!face) throw new Error(`unknown face ${id}`);
  const scene = sceneForCamera({ ...DEFAULT_SCENE, face: face.photo, ...(face.look ? { look: face.look } : {}) }, cam);
  const r = await openRenderer(scene);
  const poses: [string, FramePose][] = [0, 30, -30, 60, -60].map((rot) => [`rot ${rot}`, { angles: { rotationDeg: rot, tiltDeg: 0, flexionDeg: 0 }, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 }]);
  // Lens glare (faces.ts lensGlare) moves with the pose: add the turn where it covers most of a lens and the nods.
  if (face.look?.lensGlare) for (const [label, rot, flex] of [['rot 15', 15, 0], ['chin down 20', 0, 20], ['chin up 20', 0, -20]] as const) poses.push([label, { angles: { rotationDeg: rot, tiltDeg: 0, flexionDeg: flex }, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 }]);
  if (face.look?.blinkEveryMs || face.look?.talks) poses.push(['blink+mouth', { angles: { rotationDeg: 15, tiltDeg: 0, flexionDeg: 0 }, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0, blink: face.look.blinkEveryMs ? 1 : 0, mouthOpen: face.look.talks ? 1 : 0 }]);
  const tiles: Buffer[] = [];
  const scores: string[] = [];
  const cropW = Math.round(scene.widthPx / 2), cropH = Math.round(scene.heightPx * 0.6);
  const tileH = Math.round((TILE_W * cropH) / cropW / 2) * 2;
  for (const [label, p] of poses) {
    const f = await r.render(p);
    const rgb = postProcess(f.rgb, scene.widthPx, scene.heightPx, cam, 7);
    const found = await runner.detect(rgb, scene.widthPx, scene.heightPx);
    scores.push(`${label}: ${found.length ? found[0]!.faceScore.toFixed(2) : 'none'}`);
    // Crop the central half (the head) and scale it to a tile.
    const tile = execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${scene.widthPx}x${scene.heightPx}`, '-i', '-',
      '-vf', `crop=${cropW}:${cropH}:${Math.round(scene.widthPx / 4)}:${Math.round(scene.heightPx / 8)},scale=${TILE_W}:${tileH}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { input: Buffer.from(rgb), maxBuffer: 1 << 26 });
    tiles.push(tile);
  }
  await r.close();
  // Tiles side by side.
  const W = TILE_W * tiles.length;
  const sheet = Buffer.alloc(W * tileH * 3);
  tiles.forEach((t, k) => { for (let y = 0; y < tileH; y++) t.copy(sheet, (y * W + k * TILE_W) * 3, y * TILE_W * 3, (y + 1) * TILE_W * 3); });
  const out = join(outDir, `${id}${cameraId === 'webcam-640' ? '' : `.${cameraId}`}.png`);
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${tileH}`, '-i', '-', out], { input: sheet });
  console.log(`${id}: ${scores.join(', ')} → ${out}`);
}
