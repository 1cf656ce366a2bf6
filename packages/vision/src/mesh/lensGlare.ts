/**
 * Glare on glasses: the share of near-white pixels in the box where a glasses lens sits over each eye, read from
 * the frame's own bytes and the frame's own mesh (docs/anatomical-zero.md "Glare on glasses during the calibration"). A lens that mirrors
 * a window or a lamp shows a patch of clipped, colourless pixels; on the phantom such a patch during the
 * calibration rest moved the zero by about 2° (BENCHMARKS.md "(session 11, glare)"). Core decides what to do with it.
 *
 * Cheap and host-free: LENS_GRID_ALONG × LENS_GRID_ACROSS points per lens, each the nearest frame pixel, plain
 * integer tests on the bytes; Node and the browser run this same function on the same bytes (RGB or RGBA).
 */
import type { FramePixels } from './roi.ts';

/** Mesh indices of each eye's two corners: the mesh's 33–133 eye first, then 362–263 (MediaPipe FaceMesh order). */
export const LENS_EYE_CORNERS: readonly (readonly [number, number])[] = [
  [33, 133],
  [362, 263],
];
/** The lens box: this many eye widths (corner to corner) along the eye line, centred on the eye. */
export const LENS_WIDTH_EYES = 1.4;
/** … and this many across it. A lens is about 1.4 × the eye's corner-to-corner width wide, half as high. */
export const LENS_HEIGHT_EYES = 0.7;
/** Sampling grid per lens (points along × across the eye line): 288 pixels per lens. */
export const LENS_GRID_ALONG = 24;
export const LENS_GRID_ACROSS = 12;
/** A pixel is glare when every channel is at least this (near-white: bright and colourless, clipped by the camera). */
export const GLARE_MIN_CHANNEL = 230;
/** A lens box with fewer of its grid points inside the frame than this share gives no reading. */
const MIN_INSIDE_SHARE = 0.5;

/**
 * The share (0..1) of glare pixels in each lens box, in LENS_EYE_CORNERS order, rounded to 1/1000; null for a lens
 * whose box lies mostly outside the frame or whose corners are missing. `mesh` is image px ([x, y, z] per point).
 */
export function lensGlareShares(px: FramePixels, mesh: readonly (readonly number[])[]): [number | null, number | null] {
  const out: (number | null)[] = LENS_EYE_CORNERS.map(([i, j]) => lensShare(px, mesh[i], mesh[j]));
  return [out[0] ?? null, out[1] ?? null];
}

function lensShare(px: FramePixels, a: readonly number[] | undefined, b: readonly number[] | undefined): number | null {
  if (!a || !b) return null;
  const ax = a[0]!;
  const ay = a[1]!;
  const dx = b[0]! - ax;
  const dy = b[1]! - ay;
  const eyePx = Math.hypot(dx, dy);
  if (!Number.isFinite(eyePx) || eyePx < 1) return null;
  const cx = ax + dx / 2;
  const cy = ay + dy / 2;
  // Unit vectors along and across the eye line.
  const ux = dx / eyePx;
  const uy = dy / eyePx;
  const { data, widthPx, heightPx, channels } = px;
  let inside = 0;
  let glare = 0;
  for (let i = 0; i < LENS_GRID_ALONG; i++) {
    const s = ((i + 0.5) / LENS_GRID_ALONG - 0.5) * LENS_WIDTH_EYES * eyePx;
    for (let j = 0; j < LENS_GRID_ACROSS; j++) {
      const t = ((j + 0.5) / LENS_GRID_ACROSS - 0.5) * LENS_HEIGHT_EYES * eyePx;
      const x = Math.floor(cx + s * ux - t * uy);
      const y = Math.floor(cy + s * uy + t * ux);
      if (x < 0 || y < 0 || x >= widthPx || y >= heightPx) continue;
      inside++;
      const k = (y * widthPx + x) * channels;
      if (data[k]! >= GLARE_MIN_CHANNEL && data[k + 1]! >= GLARE_MIN_CHANNEL && data[k + 2]! >= GLARE_MIN_CHANNEL) glare++;
    }
  }
  if (inside < MIN_INSIDE_SHARE * LENS_GRID_ALONG * LENS_GRID_ACROSS) return null;
  return Math.round((1000 * glare) / inside) / 1000;
}
