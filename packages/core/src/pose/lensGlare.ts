/**
 * Glare on glasses during a calibration rest. A lens that mirrors a window or a lamp makes the face mesh read a still
 * head ≈ 2° off on every axis (phantom: −1.4 / +2.0…+2.2 / −1.9…−2.3° rotation / tilt / flexion), steadily, so nothing
 * in the landmarks tells that zero from the person's own: the cue is in the image. The vision package measures the
 * share of near-white pixels in each lens box (`FaceObservation.lensGlareShares`); here a frame with either lens at
 * LENS_GLARE_SHARE or more counts as glare. A rest with glare-free frames enough is averaged over those; otherwise it
 * is kept and marked, and the words say what to change (docs/anatomical-zero.md "Glare on glasses during the calibration").
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import { selectPatientFace } from './frameGeometry.ts';

/**
 * A lens with this share of near-white pixels or more is glare. Phantom webcam-640 (BENCHMARKS.md "(session 12,
 * glarecal)"): a glare-lit rest reads 28–36 % on every frame; faces without glare, with or without glasses, and the
 * real talker videos at most 0.3 %.
 */
export const LENS_GLARE_SHARE = 0.1;

/** The patient's larger lens glare share on this frame; null when there is no single face or it was not measured. */
export function frameLensGlareShare(frame: LandmarkFrame): number | null {
  const sel = selectPatientFace(frame);
  if (sel.kind !== 'one') return null;
  const g = sel.face.lensGlareShares;
  if (!g || (g[0] === null && g[1] === null)) return null;
  return Math.max(g[0] ?? 0, g[1] ?? 0);
}

export function hasLensGlare(frame: LandmarkFrame): boolean {
  const s = frameLensGlareShare(frame);
  return s !== null && s >= LENS_GLARE_SHARE;
}

/**
 * What glare on glasses did to a calibration rest: 'left-out' — the glare frames were left out and the neutral is the
 * glare-free frames' mean; 'kept' — too few glare-free frames, the neutral includes glare frames and may be off by a
 * few degrees (say so; the person can change the light and calibrate again).
 */
export interface RestLensGlare {
  readonly outcome: 'left-out' | 'kept';
  /** Rest frames used or considered (a good face fit) and, of those, the frames with glare. */
  readonly framesChecked: number;
  readonly framesWithGlare: number;
  /** The largest lens share seen on those frames, 0..1. */
  readonly maxShare: number;
}

/**
 * Splits a rest's items by glare: the glare-free ones when at least `minClean` are, else all (marked 'kept'). `glare`
 * is null when no item had glare.
 */
export function preferGlareFree<T>(items: readonly T[], shareOf: (item: T) => number | null, minClean: number): { readonly use: readonly T[]; readonly glare: RestLensGlare | null } {
  const shares = items.map(shareOf);
  const clean = items.filter((_, i) => !(shares[i] !== null && shares[i]! >= LENS_GLARE_SHARE));
  const withGlare = items.length - clean.length;
  if (withGlare === 0) return { use: items, glare: null };
  const maxShare = Math.max(...shares.map((s) => s ?? 0));
  const enough = clean.length >= minClean;
  return {
    use: enough ? clean : items,
    glare: { outcome: enough ? 'left-out' : 'kept', framesChecked: items.length, framesWithGlare: withGlare, maxShare },
  };
}
