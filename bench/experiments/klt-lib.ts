// Model-free angle anchor (issue 13, session 10 "klt"): pyramidal Lucas-Kanade tracking of image texture points on
// grayscale frames, Shi-Tomasi corners, and rigid structure from motion of the tracks (Tomasi-Kanade factorisation,
// metric upgrade, Christy-Horaud perspective iterations) whose depth flip is chosen by a caller's score (the sign of
// the mesh reading's motion, or the mesh's depth near each point: a sign only, never a gain). Pure math: no Node, no DOM.
// ref: Lucas B., Kanade T., "An iterative image registration technique...", IJCAI 1981; Bouguet J.-Y., "Pyramidal
//      implementation of the Lucas Kanade feature tracker", Intel 2000 (coarse-to-fine, per-level iterations);
//      Shi J., Tomasi C., "Good features to track", CVPR 1994 (min eigenvalue of the structure tensor);
//      Kalal Z. et al., "Forward-backward error", ICPR 2010.
import { type Mat3, mat3Multiply, mat3Transpose } from '../../packages/core/src/pose/euler.ts';
import { fit2d, metricFactorisation, perspectiveCorrect, type PinholeCamera } from './sfm-lib.ts';

export interface GrayImage { readonly w: number; readonly h: number; readonly data: Float32Array }

/** Separable [1 4 6 4 1]/16 blur, edges clamped. */
export function blur5(img: GrayImage): GrayImage {
  const { w, h, data } = img;
  const tmp = new Float32Array(w * h), out = new Float32Array(w * h);
  const k = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16];
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = -2; j <= 2; j++) s += k[j + 2]! * data[row + Math.min(w - 1, Math.max(0, x + j))]!;
      tmp[row + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = -2; j <= 2; j++) s += k[j + 2]! * tmp[Math.min(h - 1, Math.max(0, y + j)) * w + x]!;
      out[y * w + x] = s;
    }
  }
  return { w, h, data: out };
}

function downsample(img: GrayImage): GrayImage {
  const b = blur5(img);
  const w = Math.floor(img.w / 2), h = Math.floor(img.h / 2);
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = b.data[2 * y * img.w + 2 * x]!;
  return { w, h, data };
}

export interface PyramidLevel { readonly img: GrayImage; readonly gx: Float32Array; readonly gy: Float32Array }
export type Pyramid = readonly PyramidLevel[];

/** Central-difference gradients (Scharr weights across), per pixel. */
function gradients(img: GrayImage): { gx: Float32Array; gy: Float32Array } {
  const { w, h, data } = img;
  const gx = new Float32Array(w * h), gy = new Float32Array(w * h);
  const at = (x: number, y: number) => data[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))]!;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      gx[y * w + x] = (3 * (at(x + 1, y - 1) - at(x - 1, y - 1)) + 10 * (at(x + 1, y) - at(x - 1, y)) + 3 * (at(x + 1, y + 1) - at(x - 1, y + 1))) / 32;
      gy[y * w + x] = (3 * (at(x - 1, y + 1) - at(x - 1, y - 1)) + 10 * (at(x, y + 1) - at(x, y - 1)) + 3 * (at(x + 1, y + 1) - at(x + 1, y - 1))) / 32;
    }
  }
  return { gx, gy };
}

/** Level 0 is the image itself (optionally pre-smoothed by the caller); each next level half the size. */
export function buildPyramid(img: GrayImage, levels: number): Pyramid {
  const out: PyramidLevel[] = [];
  let cur = img;
  for (let l = 0; l < levels; l++) {
    if (l > 0) cur = downsample(cur);
    out.push({ img: cur, ...gradients(cur) });
  }
  return out;
}

function bilinear(a: Float32Array, w: number, h: number, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  const xa = Math.min(w - 1, Math.max(0, x0)), xb = Math.min(w - 1, Math.max(0, x0 + 1));
  const ya = Math.min(h - 1, Math.max(0, y0)), yb = Math.min(h - 1, Math.max(0, y0 + 1));
  return (1 - fy) * ((1 - fx) * a[ya * w + xa]! + fx * a[ya * w + xb]!) + fy * ((1 - fx) * a[yb * w + xa]! + fx * a[yb * w + xb]!);
}

export interface TrackOptions {
  readonly winRadiusPx: number;
  readonly iterations: number;
  /** Stop when the update is below this, px. */
  readonly epsPx: number;
  /** Smallest eigenvalue of the window's structure tensor, per pixel (grey levels^2): below it the point is flat. */
  readonly minEigen: number;
}
export const DEFAULT_TRACK: TrackOptions = { winRadiusPx: 7, iterations: 30, epsPx: 0.005, minEigen: 1e-3 };

export interface TrackResult { readonly x: number; readonly y: number; readonly ok: boolean; /** mean |I - J| over the window, grey levels */ readonly residual: number }

/** Pyramidal Lucas-Kanade (translation only) of one point from `prev` to `next`, with an optional initial guess. */
export function trackPoint(prev: Pyramid, next: Pyramid, x: number, y: number, opt: TrackOptions = DEFAULT_TRACK, guess?: { x: number; y: number }): TrackResult {
  const levels = prev.length;
  const r = opt.winRadiusPx;
  const n = (2 * r + 1) ** 2;
  const Iw = new Float64Array(n), Gx = new Float64Array(n), Gy = new Float64Array(n);
  let gx = 0, gy = 0;
  if (guess) { gx = (guess.x - x) / 2 ** (levels - 1); gy = (guess.y - y) / 2 ** (levels - 1); }
  let ok = true;
  let residual = 0;
  for (let L = levels - 1; L >= 0; L--) {
    const P = prev[L]!, N = next[L]!;
    const { w, h } = P.img;
    const px = x / 2 ** L, py = y / 2 ** L;
    let a = 0, b = 0, c = 0, k = 0;
    for (let j = -r; j <= r; j++) {
      for (let i = -r; i <= r; i++) {
        const xx = px + i, yy = py + j;
        Iw[k] = bilinear(P.img.data, w, h, xx, yy);
        Gx[k] = bilinear(P.gx, w, h, xx, yy);
        Gy[k] = bilinear(P.gy, w, h, xx, yy);
        a += Gx[k]! * Gx[k]!; b += Gx[k]! * Gy[k]!; c += Gy[k]! * Gy[k]!;
        k++;
      }
    }
    const det = a * c - b * b;
    const minEig = (a + c - Math.sqrt((a - c) ** 2 + 4 * b * b)) / 2 / n;
    if (minEig < opt.minEigen || det <= 0) { ok = false; break; }
    let dx = 0, dy = 0;
    for (let it = 0; it < opt.iterations; it++) {
      let ex = 0, ey = 0;
      k = 0;
      const qx = px + gx + dx, qy = py + gy + dy;
      if (qx < -r || qy < -r || qx > w - 1 + r || qy > h - 1 + r) { ok = false; break; }
      for (let j = -r; j <= r; j++) {
        for (let i = -r; i <= r; i++) {
          const diff = Iw[k]! - bilinear(N.img.data, w, h, qx + i, qy + j);
          ex += diff * Gx[k]!; ey += diff * Gy[k]!;
          k++;
        }
      }
      const ux = (c * ex - b * ey) / det, uy = (a * ey - b * ex) / det;
      dx += ux; dy += uy;
      if (Math.hypot(ux, uy) < opt.epsPx) break;
    }
    if (!ok) break;
    if (L > 0) { gx = 2 * (gx + dx); gy = 2 * (gy + dy); } else { gx += dx; gy += dy; }
    if (L === 0) {
      let s = 0;
      k = 0;
      for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) { s += Math.abs(Iw[k]! - bilinear(N.img.data, w, h, px + gx + i, py + gy + j)); k++; }
      residual = s / n;
    }
  }
  const nx = x + gx, ny = y + gy;
  const w0 = prev[0]!.img.w, h0 = prev[0]!.img.h;
  if (!(nx >= r && ny >= r && nx <= w0 - 1 - r && ny <= h0 - 1 - r)) ok = false;
  return { x: nx, y: ny, ok, residual };
}

/** Track forward, then back; ok only when the round trip returns within `maxFbPx`. */
export function trackFB(prev: Pyramid, next: Pyramid, x: number, y: number, maxFbPx: number, opt: TrackOptions = DEFAULT_TRACK): TrackResult & { fbPx: number } {
  const f = trackPoint(prev, next, x, y, opt);
  if (!f.ok) return { ...f, fbPx: Infinity };
  const b = trackPoint(next, prev, f.x, f.y, opt, { x, y });
  const fb = b.ok ? Math.hypot(b.x - x, b.y - y) : Infinity;
  return { ...f, ok: fb <= maxFbPx, fbPx: fb };
}

/**
 * Shi-Tomasi corners: min eigenvalue of the structure tensor over a (2r+1)^2 window, inside `mask(x, y)`, above
 * `quality` x the best (or x the score at the `refPercentile` top share), without a grey level above `maxGrey` in the
 * window (specular glints move with the light, not the skin), at least `minDistPx` apart, strongest first, at most `maxCorners`.
 */
export function shiTomasi(level: PyramidLevel, mask: (x: number, y: number) => boolean, maxCorners: number, minDistPx: number, quality = 0.02, r = 3, refPercentile: number | null = null, maxGrey: number | null = null): { x: number; y: number; score: number }[] {
  const { w, h } = level.img;
  const cand: { x: number; y: number; score: number }[] = [];
  let best = 0;
  for (let y = r + 1; y < h - r - 1; y++) {
    for (let x = r + 1; x < w - r - 1; x++) {
      if (!mask(x, y)) continue;
      let a = 0, b = 0, c = 0;
      for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) { const o = (y + j) * w + x + i; const gx = level.gx[o]!, gy = level.gy[o]!; a += gx * gx; b += gx * gy; c += gy * gy; }
      const e = (a + c - Math.sqrt((a - c) ** 2 + 4 * b * b)) / 2;
      cand.push({ x, y, score: e });
      if (e > best) best = e;
    }
  }
  cand.sort((p, q) => q.score - p.score);
  // Threshold relative to a high percentile, not the maximum: one specular glint must not silence the whole face.
  const ref = refPercentile === null ? best : (cand[Math.floor(cand.length * (1 - refPercentile))]?.score ?? best);
  const out: { x: number; y: number; score: number }[] = [];
  for (const p of cand) {
    if (p.score < quality * ref) break;
    if (maxGrey !== null && windowMax(level.img, p.x, p.y, r + 1) > maxGrey) continue;
    if (out.some((q) => (q.x - p.x) ** 2 + (q.y - p.y) ** 2 < minDistPx * minDistPx)) continue;
    out.push(p);
    if (out.length >= maxCorners) break;
  }
  return out;
}

function windowMax(img: GrayImage, x: number, y: number, r: number): number {
  let m = -Infinity;
  for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) { const xx = Math.min(img.w - 1, Math.max(0, x + i)), yy = Math.min(img.h - 1, Math.max(0, y + j)); m = Math.max(m, img.data[yy * img.w + xx]!); }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Rigid structure from motion of arbitrary tracked points (no mesh indices): the factorisation of sfm-lib.ts without
// its alignment to the canonical face; the depth flip is chosen by the sign of the correlation with a reference depth.

export interface RigidSfm {
  /** Shape, arbitrary units (px-like), P x 3 flattened, in the object frame. */
  readonly shape: Float64Array;
  /** Per-frame rotation object -> camera (camera: x right, y down, z away from the camera). */
  readonly rotations: Mat3[];
  readonly rank3Residual: number;
  readonly metricConditioning: number;
  /** The chosen depth flip's score (see FlipScore). */
  readonly flipScore: number;
}
export type RigidResult = { ok: true; sfm: RigidSfm } | { ok: false; reason: string };

/**
 * Scores a candidate of the depth (Necker) flip, higher is better: e.g. the correlation of its per-frame camera depth
 * with a reference depth, or of its yaw series with a reference reading's sign of motion.
 */
export type FlipScore = (shape: Float64Array, rotations: readonly Mat3[]) => number;

/** Flip score from a reference depth per point, read in frame `refFrame`. */
export function depthFlipScore(refDepth: ArrayLike<number>, refFrame: number): FlipScore {
  return (shape, rotations) => {
    const R = rotations[refFrame]!;
    const P = shape.length / 3;
    const depth = new Float64Array(P);
    for (let i = 0; i < P; i++) depth[i] = R[6] * shape[i * 3]! + R[7] * shape[i * 3 + 1]! + R[8] * shape[i * 3 + 2]!;
    return correlation(depth, refDepth);
  };
}

function factoriseAny(tracks: readonly Float64Array[], flipScore: FlipScore): RigidResult {
  const F = tracks.length;
  const P = tracks[0]!.length / 2;
  if (F < 5) return { ok: false, reason: `too few frames (${F})` };
  if (P < 6) return { ok: false, reason: `too few points (${P})` };
  const fac = metricFactorisation(tracks, P);
  if (!fac.ok) return fac;
  const { M0, S, Q, rank3Residual, metricConditioning } = fac;
  const rotsFor = (flip: number): Mat3[] => {
    const out: Mat3[] = [];
    for (let f = 0; f < F; f++) {
      const m = [0, 1, 2].map((k) => M0[6 * f]! * Q[k]! + M0[6 * f + 1]! * Q[3 + k]! + M0[6 * f + 2]! * Q[6 + k]!);
      const nn = [0, 1, 2].map((k) => M0[6 * f + 3]! * Q[k]! + M0[6 * f + 4]! * Q[3 + k]! + M0[6 * f + 5]! * Q[6 + k]!);
      m[2]! *= flip; nn[2]! *= flip;
      const r1 = normalize(m), r2 = normalize(orthogonalize(nn, r1)), r3 = cross(r1, r2);
      out.push([...r1, ...r2, ...r3] as unknown as Mat3);
    }
    return out;
  };
  let best: { sfm: RigidSfm } | null = null;
  for (const flip of [1, -1]) {
    const shape = Float64Array.from(S);
    for (let i = 0; i < P; i++) shape[i * 3 + 2]! *= flip;
    const rotations = rotsFor(flip);
    const score = flipScore(shape, rotations);
    if (best === null || score > best.sfm.flipScore) best = { sfm: { shape, rotations, rank3Residual, metricConditioning, flipScore: score } };
  }
  return { ok: true, sfm: best!.sfm };
}

export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]!; mb += b[i]!; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const da = a[i]! - ma, db = b[i]! - mb; sab += da * db; saa += da * da; sbb += db * db; }
  return sab / Math.sqrt(saa * sbb || 1);
}

function normalize(v: number[]): number[] { const n = Math.hypot(v[0]!, v[1]!, v[2]!); return v.map((x) => x / n); }
function orthogonalize(v: number[], u: number[]): number[] { const d = v[0]! * u[0]! + v[1]! * u[1]! + v[2]! * u[2]!; return v.map((x, i) => x - d * u[i]!); }
function cross(a: number[], b: number[]): number[] { return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!]; }

/** Factorisation, then (with a camera) Christy-Horaud affine iterations that remove perspective from the tracks. */
export function rigidSfm(tracks: readonly Float64Array[], flipScore: FlipScore, cam: PinholeCamera | null, iterations = 5): RigidResult {
  let res = factoriseAny(tracks, flipScore);
  if (cam === null) return res;
  for (let k = 0; k < iterations && res.ok; k++) {
    const s = res.sfm;
    const corrected = tracks.map((t, f) => {
      const fit = fit2d(s.shape, t, s.rotations[f]!);
      return perspectiveCorrect(s.shape, t, fit.rotation, fit.scale, cam);
    });
    res = factoriseAny(corrected, flipScore);
  }
  return res;
}

/** Yaw of rotation `R` relative to `R0`, both object -> camera: the rotation R R0^T about the camera's vertical axis, deg. */
export function relativeYawDeg(R: Mat3, R0: Mat3): number {
  const rel = mat3Multiply(R, mat3Transpose(R0));
  return (Math.atan2(rel[2], rel[8]) * 180) / Math.PI;
}

/** Per-frame reprojection residual of each point after a weak-perspective fit, px (P values, RMS over frames). */
export function pointResiduals(shape: Float64Array, tracks: readonly Float64Array[], rotations: readonly Mat3[], cam: PinholeCamera | null): Float64Array {
  const P = shape.length / 3;
  const acc = new Float64Array(P);
  tracks.forEach((t, f) => {
    let fit = fit2d(shape, t, rotations[f]!);
    let obs: ArrayLike<number> = t;
    if (cam) { obs = perspectiveCorrect(shape, t, fit.rotation, fit.scale, cam); fit = fit2d(shape, obs, fit.rotation); }
    let ox = 0, oy = 0, cx = 0, cy = 0, cz = 0;
    for (let i = 0; i < P; i++) { ox += obs[i * 2]!; oy += obs[i * 2 + 1]!; cx += shape[i * 3]!; cy += shape[i * 3 + 1]!; cz += shape[i * 3 + 2]!; }
    ox /= P; oy /= P; cx /= P; cy /= P; cz /= P;
    const R = fit.rotation;
    for (let i = 0; i < P; i++) {
      const x = shape[i * 3]! - cx, y = shape[i * 3 + 1]! - cy, z = shape[i * 3 + 2]! - cz;
      const u = fit.scale * (R[0] * x + R[1] * y + R[2] * z) + ox, v = fit.scale * (R[3] * x + R[4] * y + R[5] * z) + oy;
      acc[i]! += (u - obs[i * 2]!) ** 2 + (v - obs[i * 2 + 1]!) ** 2;
    }
  });
  return acc.map((s) => Math.sqrt(s / tracks.length));
}

/** Least-squares slope and intercept of y on x, and the mean absolute error of y - x. */
export function gainStats(truth: readonly number[], measured: readonly number[]): { slope: number; intercept: number; maeDeg: number; n: number } {
  const n = truth.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += truth[i]!; my += measured[i]!; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, mae = 0;
  for (let i = 0; i < n; i++) { sxy += (truth[i]! - mx) * (measured[i]! - my); sxx += (truth[i]! - mx) ** 2; mae += Math.abs(measured[i]! - truth[i]!); }
  const slope = sxy / (sxx || 1);
  return { slope, intercept: my - slope * mx, maeDeg: mae / (n || 1), n };
}
