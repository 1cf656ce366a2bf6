/**
 * The trunk's own turn (yaw) and lean (roll) against the camera, from the body model's keypoints, or a
 * closed reason why it cannot be had — never a silent "assume it faces the camera".
 *
 * - Yaw needs the shoulders' depth: θ = atan2(−Δz, Δx) with Δ = left shoulder − right shoulder (the
 *   person's left shoulder comes closer when the trunk turns to their right). A 2-D body model (MoveNet)
 *   gives no depth, and from 2-D shoulders alone a trunk turn cannot be told apart from a lateral shift
 *   and a raised shoulder (the near shoulder looks wider and lower in perspective; docs/anatomical-zero.md),
 *   so with MoveNet yaw is 'unavailable' and rotation stays against the camera, said in words.
 * - Roll needs the torso midline (shoulder midpoint over hip midpoint): the shoulder line itself moves with
 *   shoulder elevation, a sign of cervical dystonia that must not be subtracted from head tilt.
 * Signs as the head's (CLINICAL.md): yaw > 0 the trunk's front turned toward the person's right
 * (image left); roll > 0 the trunk leaning to the person's right (top toward image left).
 */
import type { BodyKeypoint, LandmarkFrame } from '../landmarks/types.ts';
import { isHandEvidence, keypoint } from './frameGeometry.ts';
import type { ReferenceNote } from './reference.ts';

/** A body counts as a second person when its score and a shoulder's score reach this. */
export const SECOND_BODY_MIN_SCORE = 0.3;
/** A hand box (grown by this share of its size) containing a shoulder keypoint covers it. */
export const HAND_OVER_SHOULDER_MARGIN = 0.1;
/** Hands below this score are ignored. */
export const MIN_HAND_SCORE_FOR_TRUNK = 0.5;
/**
 * Hips need this score for the torso midline: seated behind a desk they are usually out of view, and
 * MoveNet then guesses them at 0.35–0.55 (on the phantom's torso, which has none).
 */
export const MIN_HIP_SCORE_FOR_ROLL = 0.6;
/** Trunk yaw readings beyond this are refused (the far shoulder is hidden; depth unreliable). */
export const MAX_TRUNK_YAW_DEG = 60;

export type TrunkState = 'ok' | 'not-visible' | 'occluded' | 'multiple-people' | 'sides-swapped';

export interface TrunkEstimate {
  readonly state: TrunkState;
  /** Trunk turn against the camera, deg; null without shoulder depth or when state ≠ 'ok'. */
  readonly yawDeg: number | null;
  /** Trunk lean against the camera's upright, deg; null without both hips or when state ≠ 'ok'. */
  readonly rollDeg: number | null;
  /** Shoulder-line angle, deg (+ = right shoulder higher); reported, never used as the trunk's roll. */
  readonly shoulderLineDeg: number | null;
  readonly notes: readonly ReferenceNote[];
}

const noTrunk = (state: Exclude<TrunkState, 'ok'>, note: ReferenceNote): TrunkEstimate => ({
  state, yawDeg: null, rollDeg: null, shoulderLineDeg: null, notes: [note],
});

function hasShoulder(b: { keypoints: readonly BodyKeypoint[]; score: number }): boolean {
  return b.score >= SECOND_BODY_MIN_SCORE && b.keypoints.some((k) => (k.part === 'leftShoulder' || k.part === 'rightShoulder') && k.score >= SECOND_BODY_MIN_SCORE);
}

function covered(frame: LandmarkFrame, k: BodyKeypoint): boolean {
  for (const h of frame.hands) {
    if (!isHandEvidence(h, MIN_HAND_SCORE_FOR_TRUNK)) continue;
    const mx = h.boxPx.width * HAND_OVER_SHOULDER_MARGIN, my = h.boxPx.height * HAND_OVER_SHOULDER_MARGIN;
    if (k.xPx >= h.boxPx.x - mx && k.xPx <= h.boxPx.x + h.boxPx.width + mx && k.yPx >= h.boxPx.y - my && k.yPx <= h.boxPx.y + h.boxPx.height + my) return true;
  }
  return false;
}

/** The trunk of one frame. `mirrored` = the frames are mirror images (only the caller can know). */
export function estimateTrunk(frame: LandmarkFrame, opts: { mirrored?: boolean } = {}): TrunkEstimate {
  const people = frame.bodies.filter(hasShoulder);
  if (people.length > 1) return noTrunk('multiple-people', 'trunk-multiple-people');
  const body = people[0];
  if (!body) return noTrunk('not-visible', 'trunk-not-visible');
  const ls = keypoint(body, 'leftShoulder');
  const rs = keypoint(body, 'rightShoulder');
  const rawL = body.keypoints.find((k) => k.part === 'leftShoulder');
  const rawR = body.keypoints.find((k) => k.part === 'rightShoulder');
  if ((rawL && covered(frame, rawL)) || (rawR && covered(frame, rawR))) return noTrunk('occluded', 'trunk-occluded');
  if (!ls || !rs) return noTrunk('not-visible', 'trunk-not-visible');
  // Unmirrored camera facing the person: their left shoulder is on the image right.
  const sign = opts.mirrored ? -1 : 1;
  const dx = sign * (ls.xPx - rs.xPx);
  if (!(dx > 0)) return noTrunk('sides-swapped', 'trunk-sides-swapped');
  const dy = ls.yPx - rs.yPx;
  const shoulderLineDeg = (Math.atan2(dy, dx) * 180) / Math.PI;
  const notes: ReferenceNote[] = [];

  let yawDeg: number | null = null;
  if (typeof ls.zPx === 'number' && typeof rs.zPx === 'number' && Number.isFinite(ls.zPx) && Number.isFinite(rs.zPx)) {
    const y = (Math.atan2(-(ls.zPx - rs.zPx), Math.hypot(dx, dy)) * 180) / Math.PI;
    yawDeg = Math.abs(y) <= MAX_TRUNK_YAW_DEG ? sign * y : null;
  }
  if (yawDeg === null) notes.push('trunk-yaw-unavailable');

  let rollDeg: number | null = null;
  const lh = keypoint(body, 'leftHip', MIN_HIP_SCORE_FOR_ROLL);
  const rh = keypoint(body, 'rightHip', MIN_HIP_SCORE_FOR_ROLL);
  if (lh && rh) {
    const ux = (ls.xPx + rs.xPx) / 2 - (lh.xPx + rh.xPx) / 2;
    const uy = (ls.yPx + rs.yPx) / 2 - (lh.yPx + rh.yPx) / 2;
    if (uy < 0) rollDeg = sign * ((Math.atan2(-ux, -uy) * 180) / Math.PI);
  }
  if (rollDeg === null) notes.push('trunk-roll-needs-hips');
  return { state: 'ok', yawDeg, rollDeg, shoulderLineDeg: sign * shoulderLineDeg, notes };
}

/**
 * The trunk moves slowly: each angle is the median of the readings of the last `windowMs` (default 2 s),
 * so a jerk or a tremor of the head, or a keypoint's flicker, does not move the reference. A frame whose
 * trunk is not 'ok' passes its state through (the reference is then the camera, said in words) and does
 * not enter the window.
 */
export class TrunkTracker {
  private readonly buf: { t: number; yaw: number | null; roll: number | null }[] = [];
  constructor(private readonly windowMs = 2000, private readonly mirrored = false) {}

  update(frame: LandmarkFrame): TrunkEstimate {
    const e = estimateTrunk(frame, { mirrored: this.mirrored });
    if (e.state !== 'ok') return e;
    this.buf.push({ t: frame.timestampMs, yaw: e.yawDeg, roll: e.rollDeg });
    while (this.buf.length && this.buf[0]!.t < frame.timestampMs - this.windowMs) this.buf.shift();
    const med = (xs: number[]): number | null => {
      if (xs.length === 0) return null;
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    return {
      ...e,
      yawDeg: e.yawDeg === null ? null : med(this.buf.flatMap((b) => (b.yaw === null ? [] : [b.yaw]))),
      rollDeg: e.rollDeg === null ? null : med(this.buf.flatMap((b) => (b.roll === null ? [] : [b.roll]))),
    };
  }
}
