/**
 * Camera set-ups for the phantom (issue 13): resolution, frame rate, H.264 encoding (clean or at webcam
 * bit-rates), sensor noise, motion blur, lighting (dim, warm, back-lit) and slight lens distortion.
 * Lighting and resolution change the scene; noise and distortion are applied to the rendered pixels here
 * (pure, seeded); motion blur is rendered (sub-frames averaged, generate.ts); encoding is ffmpeg's (mp4.ts).
 */
import { mulberry32 } from '../scripts/motion.ts';
import type { SceneOptions } from './renderer.ts';

export type Lighting = 'studio' | 'dim' | 'warm' | 'backlit';

export interface CameraSetup {
  readonly id: string;
  readonly description: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly fps: number;
  /** H.264: constant quality (crf 18 ≈ visually clean) or a webcam-like bit-rate cap (blocky when moving). */
  readonly encode: { readonly crf: number } | { readonly kbps: number };
  /** Sensor noise, standard deviation in 8-bit levels per channel (0 = none). */
  readonly noiseLevels: number;
  /** Exposure as a share of the frame interval; > 0 renders motion blur on frames where the head moves fast. */
  readonly exposureShare: number;
  readonly lighting: Lighting;
  /** Radial distortion k1 (negative = barrel), r normalised by the half-diagonal. */
  readonly distortionK1: number;
}

export const CAMERA_SETUPS: readonly CameraSetup[] = [
  { id: 'webcam-640', description: '640×480, 30 fps, H.264 crf 18 (clean), even light — the set-up of every earlier benchmark', widthPx: 640, heightPx: 480, fps: 30, encode: { crf: 18 }, noiseLevels: 0, exposureShare: 0, lighting: 'studio', distortionK1: 0 },
  { id: 'laptop-15fps-dim', description: '640×480, 15 fps, H.264 at 250 kbit/s, dim room, sensor noise σ 5, motion blur (½-frame exposure)', widthPx: 640, heightPx: 480, fps: 15, encode: { kbps: 250 }, noiseLevels: 5, exposureShare: 0.5, lighting: 'dim', distortionK1: 0 },
  { id: 'hd-720-warm', description: '1280×720, 30 fps, H.264 at 1 Mbit/s, warm lamp light, noise σ 2, slight barrel distortion (k1 −0.06)', widthPx: 1280, heightPx: 720, fps: 30, encode: { kbps: 1000 }, noiseLevels: 2, exposureShare: 0.3, lighting: 'warm', distortionK1: -0.06 },
  { id: 'backlit-640', description: '640×480, 30 fps, H.264 at 500 kbit/s, back-lit (window behind), noise σ 3, motion blur', widthPx: 640, heightPx: 480, fps: 30, encode: { kbps: 500 }, noiseLevels: 3, exposureShare: 0.5, lighting: 'backlit', distortionK1: 0 },
  { id: 'hd-720-60', description: '1280×720, 60 fps, H.264 crf 18 (clean), even light', widthPx: 1280, heightPx: 720, fps: 60, encode: { crf: 18 }, noiseLevels: 0, exposureShare: 0, lighting: 'studio', distortionK1: 0 },
];

export const DEFAULT_CAMERA_ID = 'webcam-640';
export const CAMERA_IDS = CAMERA_SETUPS.map((c) => c.id);

export function findCamera(id: string): CameraSetup | undefined {
  return CAMERA_SETUPS.find((c) => c.id === id);
}

/** The scene as this camera sees it: image size, field of view (same horizontal view for 16:9), light. */
export function sceneForCamera(scene: SceneOptions, cam: CameraSetup): SceneOptions {
  if (cam.id === DEFAULT_CAMERA_ID) return scene;
  const hfovHalf = Math.atan(Math.tan((scene.verticalFovDeg * Math.PI) / 360) * (scene.widthPx / scene.heightPx));
  const verticalFovDeg = (2 * Math.atan(Math.tan(hfovHalf) * (cam.heightPx / cam.widthPx)) * 180) / Math.PI;
  const out: SceneOptions = { ...scene, widthPx: cam.widthPx, heightPx: cam.heightPx, verticalFovDeg: Math.round(verticalFovDeg * 100) / 100 };
  switch (cam.lighting) {
    case 'studio': return out;
    case 'dim': return { ...out, ambientIntensity: 0.45, keyIntensity: 0.35, bgTopRgb: out.bgTopRgb.map((v) => Math.round(v * 0.45)) as unknown as SceneOptions['bgTopRgb'], bgBottomRgb: out.bgBottomRgb.map((v) => Math.round(v * 0.4)) as unknown as SceneOptions['bgBottomRgb'] };
    case 'warm': return { ...out, lightRgb: [255, 196, 130], ambientIntensity: 1.1, keyIntensity: 1.0 };
    case 'backlit': return {
      ...out, bgTopRgb: [252, 252, 248], bgBottomRgb: [236, 238, 240], bgRects: [],
      ambientIntensity: 0.4, keyIntensity: 1.4, keyFromCamera: [0.35, -0.6, 1], // light from behind the head
    };
  }
}

/**
 * Lens distortion and sensor noise on one RGB24 frame (pure; seeded by `seed`). Returns a new buffer, or the
 * input when the camera has neither.
 */
export function postProcess(rgb: Uint8Array, w: number, h: number, cam: CameraSetup, seed: number): Uint8Array {
  if (cam.distortionK1 === 0 && cam.noiseLevels === 0) return rgb;
  let src = rgb;
  if (cam.distortionK1 !== 0) {
    const out = new Uint8Array(rgb.length);
    const cx = (w - 1) / 2, cy = (h - 1) / 2, r0 = Math.hypot(cx, cy);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Output (distorted) pixel → undistorted source position (first-order inverse of r_d = r_u(1 + k1 r_u²)).
        const dx = (x - cx) / r0, dy = (y - cy) / r0;
        const s = 1 / (1 + cam.distortionK1 * (dx * dx + dy * dy));
        const sx = cx + dx * s * r0, sy = cy + dy * s * r0;
        const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
        const o = (y * w + x) * 3;
        for (let c = 0; c < 3; c++) {
          const at = (xx: number, yy: number): number => rgb[(Math.min(h - 1, Math.max(0, yy)) * w + Math.min(w - 1, Math.max(0, xx))) * 3 + c]!;
          out[o + c] = Math.round(at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy);
        }
      }
    }
    src = out;
  }
  if (cam.noiseLevels > 0) {
    const out = src === rgb ? new Uint8Array(rgb.length) : src;
    const rand = mulberry32(seed);
    for (let i = 0; i < src.length; i += 2) {
      // Box–Muller: two Gaussian samples per pair of uniforms.
      const u = 1 - rand(), v = rand();
      const m = Math.sqrt(-2 * Math.log(u)) * cam.noiseLevels;
      out[i] = Math.max(0, Math.min(255, Math.round(src[i]! + m * Math.cos(2 * Math.PI * v))));
      if (i + 1 < src.length) out[i + 1] = Math.max(0, Math.min(255, Math.round(src[i + 1]! + m * Math.sin(2 * Math.PI * v))));
    }
    src = out;
  }
  return src;
}

/** Averages sub-frames (motion blur). */
export function averageFrames(frames: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames[0]!.length);
  const n = frames.length;
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (const f of frames) s += f[i]!;
    out[i] = Math.round(s / n);
  }
  return out;
}
