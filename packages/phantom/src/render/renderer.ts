/**
 * Node side of the phantom renderer: drives Debian's Chromium (headless, software WebGL through
 * SwiftShader) with playwright-core, serves the scene page, three.js and the face assets from disk via
 * request interception (no HTTP server, no network), and reads back one RGB frame per call.
 *
 * Determinism: the page draws only what `render()` passes in; frame i is rendered for time i/fps by the
 * caller, never from a clock. Rendering the same pose twice gives the same pixels (tested).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, extname } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fitHead, headRotationMatrix, mat3Multiply, mat3Transpose, type HeadAngles, type Mat3 } from '@geste/core';

/**
 * The baked face's own orientation N: the canonical-face fit of its mesh (the photo was not square to
 * the face: about 8° chin-down and 3° tilt for the astronaut). The phantom's **anatomical zero** is the
 * canonical face (MediaPipe's average face) square to the trunk and level (docs/anatomical-zero.md):
 * the renderer applies T·R·Nᵀ to the baked face — Nᵀ takes the photo's pose off, R is the truth against
 * the anatomical zero, T the trunk's own turn and lean against the camera. (Renderer r3 applied N·R·Nᵀ,
 * so its truth was relative to the photo's pose, which the analyser read as ≈ 13° chin-down uncalibrated.)
 */
export function restOrientation(mesh: { pointsPx: number[][]; widthPx: number; heightPx: number }): Mat3 {
  const meshPx = mesh.pointsPx.slice(0, 468).map(([x, y, z]) => ({ x: x!, y: y!, z: z! }));
  const fit = fitHead({ meshPx, boxPx: { x: 0, y: 0, width: 1, height: 1 }, detectionScore: 1, meshScore: 1 }, { imageWidthPx: mesh.widthPx, imageHeightPx: mesh.heightPx });
  if (fit === null) throw new Error('the baked face mesh could not be fitted to the canonical face');
  return fit.headToCamera;
}
import { PhantomError } from '../errors.ts';
import { PHOTOS, type FaceLook, type PhotoId } from './faces.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// require('three') resolves to build/three.cjs; the ES module build sits next to it.
const THREE_BUILD_DIR = dirname(require.resolve('three'));
const PAGE_DIR = join(here, 'page');
export const FACES_DIR = join(here, '..', '..', 'assets', 'faces');
const ORIGIN = 'http://phantom.invalid';

/** Bump when anything changes what a frame looks like: it keys the generated-video cache. */
export const RENDERER_VERSION = 'r4';

export const CHROMIUM_PATH = process.env['GESTE_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
];

/** Photographs that ship with the phantom (photo + baked mesh in assets/faces, see ATTRIBUTION.md);
 *  the faces made from them are in faces.ts. */
export const FACES = PHOTOS;
export type FaceId = PhotoId;

type Rgb = readonly [number, number, number];

export interface BackgroundRect { readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly rgb: Rgb }

/** Everything that is fixed for one clip: image size, camera, head placement, look. */
export interface SceneOptions {
  readonly face: FaceId;
  /** How the face differs from its photograph (faces.ts); absent = the photograph as it is. */
  readonly look?: FaceLook;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly verticalFovDeg: number;
  /** Neck pivot in the head frame (Geste axes, cm; origin between the eyes at the nose-tip depth). */
  readonly neckPivotHeadCm: readonly [number, number, number];
  /** Where the neck pivot sits in the Geste camera frame (cm; x image right, y down, z away). */
  readonly neckPivotWorldCm: readonly [number, number, number];
  readonly shirtRgb: Rgb;
  readonly bgTopRgb: Rgb;
  readonly bgBottomRgb: Rgb;
  readonly bgRects: readonly BackgroundRect[];
  readonly lightRgb: Rgb;
  readonly ambientIntensity: number;
  readonly keyIntensity: number;
  /** Direction the key light comes from, Geste camera frame (need not be unit length). */
  readonly keyFromCamera: readonly [number, number, number];
  /** Camera's optical axis against the horizontal, deg (> 0 looking up). Default 0 (level). */
  readonly cameraPitchDeg?: number;
  /** Trunk turned against the camera, deg (> 0 its front toward the patient's right = image left). Default 0. */
  readonly torsoYawDeg?: number;
  /** Trunk leaning, deg (> 0 toward the patient's right = image left). Default 0. */
  readonly torsoRollDeg?: number;
}

/** Where the camera sits for a clip: height against the eyes and distance (docs/phantom.md). */
export interface CameraPlacement {
  /** Camera height against eye level, cm: −20 = 20 cm below the eyes, 15 = 15 cm above. */
  readonly heightCm: number;
  /** Horizontal distance from the camera to the eyes, cm (40–100). */
  readonly distanceCm: number;
}

/**
 * A scene with the camera at `placement`, aimed at the eyes (pitched up when below eye level): the neck
 * pivot goes where the eyes end up `distanceCm` ahead and `heightCm` off the camera, and the camera's
 * pitch is atan(−heightCm / distanceCm). Uses the pivot-to-eyes offset of the scene.
 */
export function placeCamera(scene: SceneOptions, placement: CameraPlacement): SceneOptions {
  const [, py, pz] = scene.neckPivotHeadCm;
  // Geste camera frame (y down, camera at the origin): a camera 20 cm below the eyes has the eyes at y = −20.
  const eyeY = placement.heightCm;
  return {
    ...scene,
    neckPivotWorldCm: [scene.neckPivotWorldCm[0], eyeY + py, placement.distanceCm + pz],
    cameraPitchDeg: (Math.atan2(-placement.heightCm, placement.distanceCm) * 180) / Math.PI,
  };
}

/** The pose of one frame, in clinical terms relative to the phantom's rest pose. */
export interface FramePose {
  readonly angles: HeadAngles;
  /** + = head displaced to the patient's right (image left). */
  readonly lateralShiftCm: number;
  /** + = the patient's right shoulder higher. */
  readonly shoulderElevationDeg: number;
  /** 0 = hand away (not drawn), 1 = hand touching the chin. */
  readonly handPhase: number;
  /** Eyelids 0 open .. 1 shut; mouth 0 closed .. 1 open (faces with a look only). */
  readonly blink?: number;
  readonly mouthOpen?: number;
}

export interface RenderedFrame {
  /** RGB24, rows top to bottom, widthPx·heightPx·3 bytes. */
  readonly rgb: Uint8Array;
  /** The hand's projected outline overlaps the face's by more than 3 % of the face's box. */
  readonly handOverFace: boolean;
}

export interface EarPoints {
  /** −1: the ear on the image's left (the person's right), +1: image right. */
  readonly side: number;
  readonly pupilC: readonly [number, number, number];
  readonly tragionC: readonly [number, number, number];
}

export interface PhantomRenderer {
  readonly widthPx: number;
  readonly heightPx: number;
  render(pose: FramePose): Promise<RenderedFrame>;
  /** Eared looks: each ear's pupil and tragion in the canonical head frame (cm), as placed by looks.js. */
  earPoints(): Promise<readonly EarPoints[]>;
  close(): Promise<void>;
}

export const DEFAULT_SCENE: SceneOptions = {
  face: 'astronaut',
  widthPx: 640,
  heightPx: 480,
  verticalFovDeg: 43,
  neckPivotHeadCm: [0, 5.5, 9.5],
  neckPivotWorldCm: [0, 2.5, 50],
  shirtRgb: [58, 86, 128],
  bgTopRgb: [206, 202, 192],
  bgBottomRgb: [168, 160, 150],
  bgRects: [],
  lightRgb: [255, 250, 240],
  ambientIntensity: 1.6,
  keyIntensity: 1.2,
  keyFromCamera: [-0.3, -0.5, -1],
};

const MIME: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png',
};

async function routeFile(path: string): Promise<{ body: Buffer; contentType: string } | null> {
  let file: string | null = null;
  if (path === '/' || path === '/index.html') file = join(PAGE_DIR, 'index.html');
  else if (path === '/scene.js') file = join(PAGE_DIR, 'scene.js');
  else if (path === '/looks.js') file = join(PAGE_DIR, 'looks.js');
  else if (/^\/three\/[\w.-]+\.js$/.test(path)) file = join(THREE_BUILD_DIR, path.slice('/three/'.length));
  else if (/^\/faces\/[\w.-]+\.(png|json)$/.test(path)) file = join(FACES_DIR, path.slice('/faces/'.length));
  if (file === null || !existsSync(file)) return null;
  return { body: await readFile(file), contentType: MIME[extname(file)] ?? 'application/octet-stream' };
}

/** Launch Chromium and set the scene up. Call `close()` when done (closes the browser). */
export async function openRenderer(scene: SceneOptions = DEFAULT_SCENE): Promise<PhantomRenderer> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new PhantomError('chromium-missing', `Chromium was expected at ${CHROMIUM_PATH} but is not there; install Debian's "chromium" package or set GESTE_CHROMIUM to its path.`);
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page: Page = await browser.newPage({ viewport: { width: scene.widthPx, height: scene.heightPx }, deviceScaleFactor: 1 });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort('blockedbyclient'); // no network, ever
      const found = await routeFile(url.pathname);
      if (found === null) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, body: found.body, contentType: found.contentType });
    });
    await page.goto(`${ORIGIN}/index.html`);
    try {
      await page.waitForFunction(() => (window as unknown as { phantomReady?: boolean }).phantomReady === true, undefined, { timeout: 30_000 });
    } catch {
      throw new PhantomError('webgl-failed', `The phantom page did not start in Chromium: ${pageErrors.join('; ') || 'no page error reported'}`);
    }
    const mesh = JSON.parse(await readFile(join(FACES_DIR, `${scene.face}.mesh.json`), 'utf8')) as { pointsPx: number[][]; widthPx: number; heightPx: number; skinRgb: number[]; hairRgb: number[] };
    const photoSkinRgb = mesh.skinRgb;
    // A look's skin and hair colours replace the photo's on the shell, neck and hand.
    const lookMesh = scene.look ? { ...mesh, skinRgb: scene.look.skinRgb ?? mesh.skinRgb, hairRgb: scene.look.hairRgb ?? mesh.hairRgb } : mesh;
    const N = restOrientation(mesh);
    const Nt = mat3Transpose(N);
    const T = headRotationMatrix({ rotationDeg: scene.torsoYawDeg ?? 0, flexionDeg: 0, tiltDeg: scene.torsoRollDeg ?? 0 });
    try {
      await page.evaluate(async (o) => (window as unknown as { phantom: { init(o: unknown): Promise<unknown> } }).phantom.init(o),
        { ...scene, mesh: lookMesh, photoSkinRgb, restN: Array.from(N), textureUrl: `${ORIGIN}/faces/${scene.face}.png` });
    } catch (e) {
      throw new PhantomError('webgl-failed', `Setting up the three.js scene failed (is WebGL available through SwiftShader?): ${String(e)}`);
    }
    return {
      widthPx: scene.widthPx,
      heightPx: scene.heightPx,
      async render(pose: FramePose): Promise<RenderedFrame> {
        const R = mat3Multiply(T, mat3Multiply(headRotationMatrix(pose.angles), Nt));
        const out = await page.evaluate((f) => (window as unknown as { phantom: { render(f: unknown): { rgbBase64: string; handOverFace: boolean } } }).phantom.render(f), {
          R: Array.from(R), lateralShiftCm: pose.lateralShiftCm, shoulderElevationDeg: pose.shoulderElevationDeg, handPhase: pose.handPhase,
          blink: pose.blink ?? 0, mouthOpen: pose.mouthOpen ?? 0,
        });
        const buf = Buffer.from(out.rgbBase64, 'base64');
        return { rgb: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), handOverFace: out.handOverFace };
      },
      async earPoints() {
        return page.evaluate(() => (window as unknown as { phantom: { earDebug(): EarPoints[] } }).phantom.earDebug());
      },
      async close() { await browser.close(); },
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
