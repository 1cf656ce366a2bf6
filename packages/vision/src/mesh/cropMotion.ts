/**
 * Keeping a moving face centred in the mesh crop (issue 13, docs/face-roi.md "A moving face").
 *
 * The crop for frame n comes from frame n−1's landmarks, so a face that moves v px per frame sits about v px
 * off-centre in its crop. The mesh model does not read a face off-centre in its crop as the same face: on a
 * still photograph, moving only the crop by 1–8 px changes the fitted rotation by up to ±1° and flexion by up
 * to 2° (bench/experiments/pan-jitter.ts). A panned photograph then read a 2 Hz, 0.5° "tremor".
 * Two pure rules, used by FaceMeshTracker:
 *   - predict: move the next crop by the face's recent motion (mean of the last two frame-to-frame moves of
 *     the crop centre the mesh gives), when the face moves fast (a pan, a jerk), not on a still face or a nod;
 *   - re-centre: when the face still sits more than RECENTRE_SHARE of the crop side off its crop's centre
 *     (along or across the eye line), read it once more in the crop centred on that reading (one extra mesh
 *     run, only on such frames).
 * Pure math, no tfjs.
 */
import type { MeshRoi } from './roi.ts';

/**
 * A face whose mesh centre lies farther than this share of the crop side from the crop's centre, along the eye
 * line (`alongEyes`) or across it (`acrossEyes`, the crop's own axes), is read again in the re-centred crop.
 * Session 6 used 1 % on a circle (≈ 3 px on a 300 px crop): on the panned photograph 57 of 360 frames read twice.
 * With the crop moved ahead (predictRoi) a sideways pan leaves the face < 1.5 % off along the eye line; what is
 * left is across it (the pan's vertical part), and re-reading only those keeps the jitter gain at 33 reads:
 * `geste analyze`'s rotation / tilt / flexion 1.5–8 Hz RMS 0.267 / 0.168 / 0.531° against 0.254 / 0.172 / 0.514°
 * (circle) and ≈ 0.36 / 0.15 / 0.57° with no re-read (bench/experiments/pan-jitter.ts; BENCHMARKS.md "Re-read cost
 * on a fast pan (session 7)"). 1.5 % along the eyes still re-reads a sideways jerk the prediction missed: at 2 % the
 * phantom's jerk train lost one combined-posture frame (flexion > 3° off, unflagged); at 1.5 % it reads as before.
 */
export const RECENTRE_SHARE: RecentreShares = { alongEyes: 0.015, acrossEyes: 0.01 };

/**
 * Motion per frame (share of the crop side) below which the crop is not moved ahead: 1 % (as RECENTRE_SHARE across
 * the eye line; ≈ 3 px per frame on a 300 px crop), far above a still face's mesh-centre jitter (≈ 0.05 % of
 * the side). A nod moves the outline's centre too: at 0.3 % the crop moved ahead on the ±3° 2 Hz flexion probe
 * and its gain rose 0.993 → 1.052 (astronaut), at 0.6 % 1.230 → 1.251 (hopper); at 1 % neither moves, and the
 * panned photograph's rotation reads 0.26° (0.25° at 0.3 %). bench/experiments/roi-gain.ts, pan-jitter.ts.
 */
export const PREDICT_MIN_SHARE = 0.01;

/** Crop centres (image px) of the last frames, oldest first, from the mesh each frame gave. */
export type CentreHistory = readonly (readonly [number, number])[];

/** How far (image px) the face's mesh crop `next` sits from the crop `read` it was read in. */
export function offCentrePx(read: MeshRoi, next: MeshRoi): number {
  return Math.hypot(next.centerXPx - read.centerXPx, next.centerYPx - read.centerYPx);
}

/**
 * Re-read thresholds along the crop's own axes, shares of the crop side: `alongEyes` (the crop's x axis, the eye
 * line) and `acrossEyes` (its y axis). `needsRecentre` also takes a plain number: one share on a circle (offCentrePx).
 */
export interface RecentreShares {
  readonly alongEyes: number;
  readonly acrossEyes: number;
}

/** Where the face's mesh crop `next` sits in the crop `read` it was read in, along `read`'s x and y axes (image px). */
export function offsetInCropPx(read: MeshRoi, next: MeshRoi): { alongEyesPx: number; acrossEyesPx: number } {
  const dx = next.centerXPx - read.centerXPx, dy = next.centerYPx - read.centerYPx;
  const c = Math.cos(read.angleRad), s = Math.sin(read.angleRad);
  return { alongEyesPx: c * dx + s * dy, acrossEyesPx: -s * dx + c * dy };
}

/** True when the face sits far enough off-centre in `read` to be read again in `next` (RECENTRE_SHARE). */
export function needsRecentre(read: MeshRoi, next: MeshRoi, share: number | RecentreShares = RECENTRE_SHARE): boolean {
  if (typeof share === 'number') return offCentrePx(read, next) > share * read.sizePx;
  const o = offsetInCropPx(read, next);
  return Math.abs(o.alongEyesPx) > share.alongEyes * read.sizePx || Math.abs(o.acrossEyesPx) > share.acrossEyes * read.sizePx;
}

/** The history with `next`'s centre appended, keeping the last three. */
export function pushCentre(history: CentreHistory, next: MeshRoi): CentreHistory {
  const out = [...history, [next.centerXPx, next.centerYPx] as const];
  return out.length > 3 ? out.slice(out.length - 3) : out;
}

/**
 * The crop for the next frame: `next` (from this frame's mesh) moved by the mean of the last two frame-to-frame
 * moves in `history` (which ends with `next`'s centre), when that move exceeds PREDICT_MIN_SHARE of the side;
 * otherwise `next` unchanged.
 */
export function predictRoi(next: MeshRoi, history: CentreHistory, minShare = PREDICT_MIN_SHARE): MeshRoi {
  if (history.length < 3) return next;
  const a = history[history.length - 3]!, b = history[history.length - 1]!;
  const dx = (b[0] - a[0]) / 2, dy = (b[1] - a[1]) / 2;
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || Math.hypot(dx, dy) < minShare * next.sizePx) return next;
  return { ...next, centerXPx: next.centerXPx + dx, centerYPx: next.centerYPx + dy };
}
