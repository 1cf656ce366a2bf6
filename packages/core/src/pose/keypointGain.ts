/**
 * The body model's nose-and-ears yaw, scaled per person before it may stand in for a lost face mesh (issue 13,
 * session 8; docs/keypoint-fallback.md).
 *
 * When the face mesh is gone (no face found, a poor fit, a hand over the face) rotation falls back on the body model's
 * nose and both ears (estimator.ts `keypointYawFromCameraDeg`). How far that yaw reads from the truth depends on the
 * face and the camera, not on a fixed anthropometric ratio:
 * - a real photograph (Human's samples.jpg, 2nd thumbnail, turned ≈ 28°) read 1.21–1.29× a sure mesh when still,
 *   1.12–1.25× when panned, in all three face sizes (face 103–207 px) and mirrored: 6–8° too far at 28°;
 * - the phantom faces read 0.23–0.9× (per clip medians; 20–30° turns read 5–20° too small), and at a nose-and-ears
 *   yaw under 5° a sure mesh was more than 10° away on 1128 of 34 971 frames.
 * So no fixed reading is safe: the fallback gives a number only once it has learned this person's gain — the ratio of
 * the nose-and-ears yaw to a sure, level mesh's yaw on the same frames, turned 10–40° from the camera, on the side the
 * head is turned to — and only near the turns it learned from.
 *
 * State: recent samples per side, in frame order; pure (time comes in as `timestampMs`).
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { keypoint, selectBody } from './frameGeometry.ts';
import { quantileSorted as quantile } from '../signal/series.ts';
import { COMBINED_OTHER_DEG, MESH_CONFIDENT_DEG } from './range.ts';

/**
 * Below this mesh yaw (from the camera) a frame teaches no gain: there the nose-and-ears reading is an offset, not a
 * ratio (the real near-frontal face, thumbnail 3: mesh −5.3°, keypoints −3.7°, a ratio of 0.7 from a 1.6° offset), deg.
 */
export const KEYPOINT_GAIN_MIN_YAW_DEG = 10;
/** Above this mesh yaw a frame teaches no gain: the mesh is confident only up to here (range.ts), deg. */
export const KEYPOINT_GAIN_MAX_YAW_DEG = MESH_CONFIDENT_DEG.rotationDeg;
/** The face-mesh model's own score a teaching frame needs (reentry.ts CONSISTENT_MESH_SCORE: collapses scored 0.2–0.8). */
export const KEYPOINT_GAIN_MIN_MESH_SCORE = 0.9;
/** Fresh body readings on a side before its gain is used (at the body model's 3 Hz: 3 s of a turn held or passed through). */
export const KEYPOINT_GAIN_MIN_SAMPLES = 9;
/** …spread over at least this much frame time, so one odd moment does not set the gain, ms. */
export const KEYPOINT_GAIN_MIN_SPAN_MS = 2000;
/** The gain is the median of this many most recent samples per side (at 3 Hz, the last 20 s). */
export const KEYPOINT_GAIN_WINDOW_SAMPLES = 60;
/**
 * The samples' 10th–90th percentile ratio may span at most this share of their median on each side (±), or the gain
 * is not trusted: at 40° a ±10 % gain is ±4°. Real face (panned, 2nd thumbnail): ratios 1.12–1.25 around 1.21
 * (±5 %); phantom clips whose keypoints lag or wander: 0.29–0.45 around 0.36 (±22 %).
 */
export const KEYPOINT_GAIN_MAX_SPREAD = 0.1;
/**
 * A gain below this is not used: the corrected yaw divides the keypoints' own jitter by the gain. On the phantom
 * astronaut (learned gain 0.45) the nose-and-ears yaw fell from 6.9° to 2.0° while the mesh held 14.5° ± 0.3°, which
 * corrected reads 4.5° at a true 13°: 9.9° off. Gains learned on the real photograph: 1.03–1.34; on the phantom
 * faces: 0.34–0.91.
 */
export const KEYPOINT_GAIN_MIN = 0.75;
/**
 * The fallback gives a number only from nose and ears at least this sure (the gain is learned from ≥ 0.3). A patch over
 * the centre of the real photograph's face (nose, eyes, mouth; the face mesh lost) left nose-and-ears readings scored
 * 0.30–0.35 at −8.7° to −20.7° while the head stayed at −27.8° (7–19° off after the gain); with the face open the same
 * photograph's readings scored 0.32–0.64, median 0.50 (83 % at 0.4 or more).
 */
export const KEYPOINT_FALLBACK_MIN_SCORE = 0.4;
/**
 * The fallback gives no number while the line through the ears slopes this much or more in the image (a tilted head):
 * the nose-and-ears yaw assumes a level head. On ten real photographs rolled 0–45° (the tilt-range clips, 15 and 30 fps),
 * against a sure mesh: ear line under 10°, 25 of 1856 frames more than 10° apart (raw, no gain); 10° or more, 1370 of
 * 3259 (42 %, up to 74.6°). The learner likewise learns only from a mesh tilted and bent less than COMBINED_OTHER_DEG.
 */
export const KEYPOINT_FALLBACK_MAX_EAR_LINE_DEG = COMBINED_OTHER_DEG;
/**
 * The corrected yaw may lie at most this far beyond the largest turn the side learned from, deg: the ratio is not
 * constant over the turn on the phantom (0.45 at 10–20°, 0.40 at 20–30° on the astronaut), so it is not carried far.
 */
export const KEYPOINT_GAIN_EXTRAPOLATE_DEG = 10;

/** One side's learned gain: corrected yaw = keypoint yaw / gain. */
export interface KeypointGain {
  /** Nose-and-ears yaw over mesh yaw, median of the recent samples (dimensionless). */
  readonly gain: number;
  /** The largest |mesh yaw| among those samples, deg from the camera. */
  readonly maxLearnedYawDeg: number;
  readonly samples: number;
}

interface Sample { readonly ms: number; readonly ratio: number; readonly meshYawDeg: number }

/** What the estimator knows about one frame for teaching: the mesh's angles from the camera and its score, the keypoints' yaw. */
export interface GainEvidence {
  readonly timestampMs: number;
  readonly mesh: { readonly rotationDeg: number; readonly tiltDeg: number; readonly flexionDeg: number; readonly meshScore: number } | null;
  readonly keypoint: { readonly yawDeg: number; readonly score: number } | null;
  /** The body was read on this frame (not carried from an earlier one: `LandmarkFrame.bodyHeld` absent or 0 ms old). */
  readonly bodyFresh: boolean;
}

/** The slope of the line through the body model's ears in the image, 0–90° (null: an ear not seen at MIN_KEYPOINT_SCORE). */
export function earLineSlopeDeg(frame: LandmarkFrame): number | null {
  const body = selectBody(frame);
  const le = keypoint(body, 'leftEar'), re = keypoint(body, 'rightEar');
  if (!le || !re || (le.xPx === re.xPx && le.yPx === re.yPx)) return null;
  return (Math.atan2(Math.abs(le.yPx - re.yPx), Math.abs(le.xPx - re.xPx)) * 180) / Math.PI;
}

export class KeypointGainLearner {
  /** Samples per side of the turn: index 0 = negative yaw from the camera, 1 = positive. */
  private readonly sides: [Sample[], Sample[]] = [[], []];

  /**
   * Teaches from a frame the user was given as measured by the face mesh (`m`), with the mesh's angles from the
   * camera. Frames that are not measured, turned outside 10–40°, tilted or bent ≥ COMBINED_OTHER_DEG, unsure, or
   * whose keypoints disagree on the side teach nothing.
   */
  observe(m: FrameMeasure, e: GainEvidence): void {
    if (m.state !== 'measured' || m.method !== 'face-mesh' || e.mesh === null || e.keypoint === null || !e.bodyFresh) return;
    const { rotationDeg, tiltDeg, flexionDeg, meshScore } = e.mesh;
    const yaw = Math.abs(rotationDeg);
    if (!(meshScore >= KEYPOINT_GAIN_MIN_MESH_SCORE) || yaw < KEYPOINT_GAIN_MIN_YAW_DEG || yaw > KEYPOINT_GAIN_MAX_YAW_DEG) return;
    if (Math.abs(tiltDeg) >= COMBINED_OTHER_DEG || Math.abs(flexionDeg) >= COMBINED_OTHER_DEG) return;
    if (Math.sign(e.keypoint.yawDeg) !== Math.sign(rotationDeg)) return;
    const side = this.sides[rotationDeg > 0 ? 1 : 0];
    const last = side[side.length - 1];
    if (last !== undefined && !(e.timestampMs > last.ms)) return; // frames out of order teach nothing
    side.push({ ms: e.timestampMs, ratio: e.keypoint.yawDeg / rotationDeg, meshYawDeg: yaw });
    if (side.length > KEYPOINT_GAIN_WINDOW_SAMPLES) side.shift();
  }

  /** The learned gain of the side a yaw (from the camera) lies on, or null while that side has none it can trust. */
  gainFor(yawDeg: number): KeypointGain | null {
    const side = this.sides[yawDeg > 0 ? 1 : 0];
    // A full window counts as spread enough: with a body read on every frame at 30 fps its 60 samples span only 1.97 s,
    // and the gain was never trusted (recordings made before the body schedule; the body read again while a face moves).
    const spanMs = side.length === 0 ? 0 : side[side.length - 1]!.ms - side[0]!.ms;
    if (side.length < KEYPOINT_GAIN_MIN_SAMPLES || (spanMs < KEYPOINT_GAIN_MIN_SPAN_MS && side.length < KEYPOINT_GAIN_WINDOW_SAMPLES)) return null;
    const ratios = side.map((s) => s.ratio).sort((a, b) => a - b);
    const gain = quantile(ratios, 0.5);
    if (!(gain >= KEYPOINT_GAIN_MIN)) return null;
    if ((quantile(ratios, 0.9) - quantile(ratios, 0.1)) / 2 > KEYPOINT_GAIN_MAX_SPREAD * gain) return null;
    return { gain, maxLearnedYawDeg: Math.max(...side.map((s) => s.meshYawDeg)), samples: side.length };
  }

  /**
   * The nose-and-ears yaw (from the camera) corrected by the learned gain of its side, deg; null when that side has no
   * trusted gain. `withinLearned`: the corrected yaw lies within KEYPOINT_GAIN_EXTRAPOLATE_DEG of the turns the side
   * learned from (only then may it be given as a measure).
   */
  correct(keypointYawDeg: number): { yawDeg: number; gain: KeypointGain; withinLearned: boolean } | null {
    const gain = this.gainFor(keypointYawDeg);
    if (gain === null) return null;
    const yawDeg = keypointYawDeg / gain.gain;
    return { yawDeg, gain, withinLearned: Math.abs(yawDeg) <= gain.maxLearnedYawDeg + KEYPOINT_GAIN_EXTRAPOLATE_DEG };
  }
}
