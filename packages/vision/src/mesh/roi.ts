/**
 * The face-mesh region of interest (ROI) built the way the mesh model was trained (docs/face-roi.md).
 *
 * MediaPipe's face-landmark model (Human ships it as facemesh.json) was trained on square crops made from
 * the previous frame's landmarks: rotated so the line through the outer eye corners is horizontal, centred on
 * the landmarks' box, 1.5× their extent. Human instead keeps the detector's box size and re-centres an
 * unrotated box on the mesh's box, which on a turn is a different crop from the one the model learned, and
 * reads rotation ×1.22–1.26 too large (bench/results/face-cadence.md). Pure math, no tfjs.
 */

/** A square crop of the image: centre and side in image pixels, angle of the crop's x axis in the image. */
export interface MeshRoi {
  readonly centerXPx: number;
  readonly centerYPx: number;
  readonly sizePx: number;
  /** Angle of the crop's x axis in the image, radians, clockwise on screen (image y points down). */
  readonly angleRad: number;
}

/** Mesh indices of the outer eye corners: the subject's right (33) and left (263). */
export const EYE_CORNER_RIGHT = 33;
export const EYE_CORNER_LEFT = 263;

/** Side of the crop over the landmarks' extent (MediaPipe's face-landmark ROI uses 1.5). */
export const ROI_SCALE = 1.5;

/** Below this crop side (image px) the face is too small to track: the detector takes over. */
export const MIN_ROI_PX = 24;

export interface RoiOptions {
  /** Rotate the crop to the eye line (default true). False: an upright crop (angle 0). */
  readonly rotate?: boolean;
  readonly scale?: number;
  /**
   * Pose-steady side (docs/face-roi.md): side = scale × max(width × w, height × h) of the outline in the
   * eye-line axes, with [w, h] from `steadySideWeights` on the track's first mesh (where the side is then
   * MediaPipe's). A forward bend shortens the outline's height, a turn its width, rarely both: the side stays,
   * where MediaPipe's scale × max(width, height) shrank on a bend and the model then over-read the bend.
   */
  readonly extentWeights?: readonly [number, number];
}

/** The 468 points' box in the eye-line axes: its angle, centre (image px) and extent; null for a bad mesh. */
function outlineBox(mesh: readonly (readonly number[])[], rotate: boolean): { angleRad: number; cx: number; cy: number; widthPx: number; heightPx: number } | null {
  if (mesh.length < 468) return null;
  const r = mesh[EYE_CORNER_RIGHT]!;
  const l = mesh[EYE_CORNER_LEFT]!;
  const angleRad = rotate ? Math.atan2(l[1]! - r[1]!, l[0]! - r[0]!) : 0;
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
  for (let i = 0; i < 468; i++) {
    const p = mesh[i]!;
    const x = p[0]!, y = p[1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    // Image → crop axes (rotate by −angle).
    const u = c * x + s * y;
    const v = -s * x + c * y;
    if (u < minU) minU = u;
    if (u > maxU) maxU = u;
    if (v < minV) minV = v;
    if (v > maxV) maxV = v;
  }
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  return { angleRad, cx: c * cu - s * cv, cy: s * cu + c * cv, widthPx: maxU - minU, heightPx: maxV - minV };
}

/**
 * The next frame's ROI from this frame's 468 mesh points (image px): eye-line angle, the points' box in
 * the crop's rotated axes, its centre, side = scale × the longer side (or, with `extentWeights`, the
 * pose-steady side).
 */
export function roiFromMesh(mesh: readonly (readonly number[])[], opts: RoiOptions = {}): MeshRoi | null {
  const box = outlineBox(mesh, opts.rotate ?? true);
  if (!box) return null;
  const [ww, wh] = opts.extentWeights ?? [1, 1];
  const sizePx = (opts.scale ?? ROI_SCALE) * Math.max(ww * box.widthPx, wh * box.heightPx);
  return { centerXPx: box.cx, centerYPx: box.cy, sizePx, angleRad: box.angleRad };
}

/**
 * `extentWeights` for a track, from its first mesh: the longer of the outline's width and height over each,
 * so both weighted extents equal the longer one there. Null for a bad or degenerate mesh.
 */
export function steadySideWeights(mesh: readonly (readonly number[])[], opts: Pick<RoiOptions, 'rotate'> = {}): [number, number] | null {
  const box = outlineBox(mesh, opts.rotate ?? true);
  if (!box || !(box.widthPx > 0) || !(box.heightPx > 0)) return null;
  const longer = Math.max(box.widthPx, box.heightPx);
  return [longer / box.widthPx, longer / box.heightPx];
}

/**
 * The first ROI from a detector box (Human's BlazeFace box, already square and enlarged) and its eye
 * keypoints (the first two, image px): centre and side of the box, angle of the eye line.
 */
export function roiFromDetectorBox(
  box: { readonly xPx: number; readonly yPx: number; readonly widthPx: number; readonly heightPx: number },
  eyes: readonly (readonly number[])[] | null,
  opts: RoiOptions = {},
): MeshRoi {
  let angleRad = 0;
  if ((opts.rotate ?? true) && eyes && eyes.length >= 2) {
    const a = eyes[0]!, b = eyes[1]!;
    // The detector's eye keypoints have no fixed left/right order we rely on: take the line's angle
    // within ±90° (an upright-ish face), which the first mesh then corrects exactly.
    let ang = Math.atan2(b[1]! - a[1]!, b[0]! - a[0]!);
    if (ang > Math.PI / 2) ang -= Math.PI;
    if (ang < -Math.PI / 2) ang += Math.PI;
    if (Number.isFinite(ang)) angleRad = ang;
  }
  return {
    centerXPx: box.xPx + box.widthPx / 2,
    centerYPx: box.yPx + box.heightPx / 2,
    sizePx: Math.max(box.widthPx, box.heightPx),
    angleRad,
  };
}

/**
 * The 8 coefficients of `tf.image.transform` that sample the ROI into an `inputPx`-square crop: output
 * pixel (u, v) reads input pixel (a0·u + a1·v + a2, b0·u + b1·v + b2). Pixel centres sit at index + 0.5 in
 * image coordinates.
 */
export function roiSampling(roi: MeshRoi, inputPx: number): [number, number, number, number, number, number, number, number] {
  const k = roi.sizePx / inputPx;
  const c = Math.cos(roi.angleRad);
  const s = Math.sin(roi.angleRad);
  const off = k / 2 - roi.sizePx / 2;
  return [
    c * k, -s * k, roi.centerXPx - 0.5 + (c - s) * off,
    s * k, c * k, roi.centerYPx - 0.5 + (s + c) * off,
    0, 0,
  ];
}

/** A mesh point in crop pixels (0..inputPx, z raw) → image pixels (x, y); z is left in crop pixels. */
export function cropPointToImage(roi: MeshRoi, inputPx: number, p: readonly number[]): [number, number, number] {
  const k = roi.sizePx / inputPx;
  const c = Math.cos(roi.angleRad);
  const s = Math.sin(roi.angleRad);
  const u = p[0]! * k - roi.sizePx / 2;
  const v = p[1]! * k - roi.sizePx / 2;
  return [roi.centerXPx + c * u - s * v, roi.centerYPx + s * u + c * v, p[2] ?? 0];
}

/** Overlap of two ROIs as intersection over union of their upright bounding squares. */
export function roiOverlap(a: MeshRoi, b: MeshRoi): number {
  const ha = a.sizePx / 2, hb = b.sizePx / 2;
  const ix = Math.max(0, Math.min(a.centerXPx + ha, b.centerXPx + hb) - Math.max(a.centerXPx - ha, b.centerXPx - hb));
  const iy = Math.max(0, Math.min(a.centerYPx + ha, b.centerYPx + hb) - Math.max(a.centerYPx - ha, b.centerYPx - hb));
  const inter = ix * iy;
  const union = a.sizePx ** 2 + b.sizePx ** 2 - inter;
  return union > 0 ? inter / union : 0;
}

/** True when the ROI can be tracked in a `widthPx`×`heightPx` image: big enough, centre inside. */
export function roiTrackable(roi: MeshRoi, widthPx: number, heightPx: number): boolean {
  return Number.isFinite(roi.sizePx) && Number.isFinite(roi.centerXPx) && Number.isFinite(roi.centerYPx) && Number.isFinite(roi.angleRad)
    && roi.sizePx >= MIN_ROI_PX && roi.centerXPx >= 0 && roi.centerXPx <= widthPx && roi.centerYPx >= 0 && roi.centerYPx <= heightPx;
}

/** A frame's pixels as the host has them: packed rows, `channels` values per pixel (RGB or RGBA), 0..255. */
export interface FramePixels {
  readonly data: ArrayLike<number>;
  readonly widthPx: number;
  readonly heightPx: number;
  /** 3 (RGB, Node's rgb24) or 4 (RGBA, the browser's ImageData). */
  readonly channels: number;
}

/** The crop's pixels (bilinear, or the box mean when a crop pixel spans several frame pixels): sampleRoi.ts. */
export { sampleRoi } from './sampleRoi.ts';
