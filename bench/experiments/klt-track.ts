// Clip I/O and face-texture tracking for the klt experiments (issue 13, session 10 "klt"): gray frames decoded by the
// project's ffmpeg, the saved mesh (used only to mask the face and to seed points, never for angles), truth and the
// saved core reading; Shi-Tomasi seeds inside the face oval away from eyes and mouth; forward-backward-checked
// Lucas-Kanade tracks from an anchor frame outwards.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { blur5, buildPyramid, DEFAULT_TRACK, shiTomasi, trackFB, trackPoint, type GrayImage, type Pyramid } from './klt-lib.ts';

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir && existsSync(`${dir}/ffmpeg`)) return `${dir}/ffmpeg`;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function decodeGray(path: string, w: number, h: number): GrayImage[] {
  const buf = execFileSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-i', path, '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 30 });
  const n = Math.floor(buf.length / (w * h));
  const out: GrayImage[] = [];
  for (let f = 0; f < n; f++) {
    const data = new Float32Array(w * h);
    for (let i = 0; i < w * h; i++) data[i] = buf[f * w * h + i]!;
    out.push({ w, h, data });
  }
  return out;
}

export interface MeshFrame { readonly mesh: { x: number; y: number; z: number }[] | null }
export interface Clip {
  readonly name: string;
  readonly w: number;
  readonly h: number;
  readonly frames: GrayImage[];
  readonly mesh: MeshFrame[];
  readonly truthYawDeg: number[];
  /** The saved core reading (rotationDeg), null where not measurable. */
  readonly meshYawDeg: (number | null)[];
  readonly fps: number;
}

export function loadClip(base: string): Clip {
  const lm = JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: { imageWidthPx: number; imageHeightPx: number; timestampMs: number; faces: { meshPx: { x: number; y: number; z: number }[] }[] }[] };
  const w = lm.frames[0]!.imageWidthPx, h = lm.frames[0]!.imageHeightPx;
  const frames = decodeGray(`${base}.mp4`, w, h);
  const truth = readFileSync(`${base}.truth.csv`, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
  const measured = JSON.parse(readFileSync(`${base}.measured.json`, 'utf8')) as { frames: { frameIndex: number; rotationDeg: number; state: string }[] };
  const meshYaw: (number | null)[] = new Array(frames.length).fill(null);
  for (const m of measured.frames) if (m.state !== 'not-measurable' && m.frameIndex < frames.length) meshYaw[m.frameIndex] = m.rotationDeg;
  const ts = lm.frames.map((f) => f.timestampMs);
  const fps = Math.round(1000 / ((ts.at(-1)! - ts[0]!) / (ts.length - 1)));
  return { name: base, w, h, frames, mesh: lm.frames.map((f) => ({ mesh: f.faces[0]?.meshPx ?? null })), truthYawDeg: truth.slice(0, frames.length), meshYawDeg: meshYaw, fps };
}

// Mesh index sets (MediaPipe face mesh topology).
export const FACE_OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];
const EYE_R = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246];
const EYE_L = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466];
const LIPS = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185];

function polygon(mesh: { x: number; y: number }[], idx: number[], shrink: number): [number, number][] {
  const pts = idx.map((i) => [mesh[i]!.x, mesh[i]!.y] as [number, number]);
  const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length, cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return pts.map(([x, y]) => [cx + (x - cx) * shrink, cy + (y - cy) * shrink]);
}
function inside(poly: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!, [xj, yj] = poly[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

export interface FaceMaskOptions { readonly ovalShrink: number; readonly eyeGrow: number; readonly mouthGrow: number }
export const DEFAULT_MASK: FaceMaskOptions = { ovalShrink: 0.85, eyeGrow: 1.8, mouthGrow: 1.5 };

/** Inside the shrunk face oval, outside the grown eye and lip outlines. */
export function faceMask(mesh: { x: number; y: number }[], opt: FaceMaskOptions = DEFAULT_MASK): (x: number, y: number) => boolean {
  const oval = polygon(mesh, FACE_OVAL, opt.ovalShrink);
  const eyes = [polygon(mesh, EYE_R, opt.eyeGrow), polygon(mesh, EYE_L, opt.eyeGrow)];
  const mouth = polygon(mesh, LIPS, opt.mouthGrow);
  return (x, y) => inside(oval, x, y) && !eyes.some((e) => inside(e, x, y)) && !inside(mouth, x, y);
}

/** Mesh depth at an image point (inverse-distance mean of the 3 nearest mesh vertices), for the depth-flip choice only. */
export function meshDepthAt(mesh: { x: number; y: number; z: number }[], x: number, y: number): number {
  const d = mesh.map((p, i) => ({ i, d: (p.x - x) ** 2 + (p.y - y) ** 2 })).sort((a, b) => a.d - b.d).slice(0, 3);
  let s = 0, ws = 0;
  for (const e of d) { const wgt = 1 / (Math.sqrt(e.d) + 0.5); s += wgt * mesh[e.i]!.z; ws += wgt; }
  return s / ws;
}

export class PyramidCache {
  private readonly cache = new Map<number, Pyramid>();
  constructor(private readonly frames: GrayImage[], private readonly levels = 3) {}
  get(f: number): Pyramid {
    let p = this.cache.get(f);
    if (!p) {
      p = buildPyramid(blur5(this.frames[f]!), this.levels);
      if (this.cache.size > 40) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(f, p);
    }
    return p;
  }
}

export interface TrackConfig {
  /** Forward-backward round trip allowed per step, px. */
  readonly maxFbPx: number;
  /** Mean |I - J| over the window allowed, grey levels. */
  readonly maxResidual: number;
  /** A point must stay inside this shrunk oval of the current frame's mesh (face leave check). */
  readonly stayOvalShrink: number;
}
export const DEFAULT_TRACK_CONFIG: TrackConfig = { maxFbPx: 0.5, maxResidual: 12, stayOvalShrink: 0.97 };

/**
 * Tracks points from frame `from` step by step to frame `to` (either direction). Returns per visited frame (from
 * excluded) the positions, NaN for lost points (a lost point stays lost).
 */
export interface LossCounts { lk: number; fb: number; residual: number; leftFace: number }
export function trackRun(clip: Clip, pyr: PyramidCache, start: Float64Array, from: number, to: number, cfg: TrackConfig = DEFAULT_TRACK_CONFIG, losses?: LossCounts): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  const P = start.length / 2;
  let cur = Float64Array.from(start);
  const step = to >= from ? 1 : -1;
  for (let f = from; f !== to; f += step) {
    const g = f + step;
    const next = new Float64Array(P * 2).fill(NaN);
    const mesh = clip.mesh[g]!.mesh;
    const stay = mesh ? polygon(mesh, FACE_OVAL, cfg.stayOvalShrink) : null;
    for (let i = 0; i < P; i++) {
      const x = cur[i * 2]!, y = cur[i * 2 + 1]!;
      if (Number.isNaN(x)) continue;
      const t = trackFB(pyr.get(f), pyr.get(g), x, y, cfg.maxFbPx, DEFAULT_TRACK);
      if (!t.ok) { if (losses) { if (Number.isFinite(t.fbPx)) losses.fb++; else losses.lk++; } continue; }
      if (t.residual > cfg.maxResidual) { if (losses) losses.residual++; continue; }
      if (stay && !inside(stay, t.x, t.y)) { if (losses) losses.leftFace++; continue; }
      next[i * 2] = t.x; next[i * 2 + 1] = t.y;
    }
    out.set(g, next);
    cur = next;
  }
  return out;
}

/** Direct (non-sequential) link of points between two frames of possibly different clips at the same pose. */
export function linkFrames(pa: Pyramid, pb: Pyramid, pts: Float64Array, maxFbPx: number, maxResidual: number): Float64Array {
  const P = pts.length / 2;
  const out = new Float64Array(P * 2).fill(NaN);
  for (let i = 0; i < P; i++) {
    const x = pts[i * 2]!, y = pts[i * 2 + 1]!;
    if (Number.isNaN(x)) continue;
    const t = trackFB(pa, pb, x, y, maxFbPx, DEFAULT_TRACK);
    if (!t.ok || t.residual > maxResidual) continue;
    out[i * 2] = t.x; out[i * 2 + 1] = t.y;
  }
  return out;
}

export function seedPoints(clip: Clip, pyr: PyramidCache, frame: number, maxCorners = 160, minDistPx = 6, mask: FaceMaskOptions = DEFAULT_MASK): { pts: Float64Array; depth: Float64Array } {
  const mesh = clip.mesh[frame]!.mesh;
  if (!mesh) throw new Error(`no face mesh in frame ${frame} of ${clip.name}: cannot place seeds`);
  const corners = shiTomasi(pyr.get(frame)[0]!, faceMask(mesh, mask), maxCorners, minDistPx, 0.1, 3, 0.1, 235);
  const pts = new Float64Array(corners.length * 2), depth = new Float64Array(corners.length);
  corners.forEach((c, i) => { pts[i * 2] = c.x; pts[i * 2 + 1] = c.y; depth[i] = meshDepthAt(mesh, c.x, c.y); });
  return { pts, depth };
}

export { trackPoint };
