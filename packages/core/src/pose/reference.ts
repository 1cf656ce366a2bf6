/**
 * The anatomical reference: what each head angle is measured against, stated with every number.
 *
 * Every angle Geste reports without a calibrated neutral is "the head relative to an anatomical zero",
 * and that zero is made of two parts (docs/anatomical-zero.md):
 * - a **frame** that says where "straight ahead" and "upright" are:
 *     'trunk'   the person's own trunk (yaw from shoulder depth, roll from the torso midline);
 *     'gravity' the world's vertical, through the camera's pitch against gravity (a phone's or tablet's
 *               DeviceOrientation, or a camera the person has set level at eye level);
 *     'camera'  the camera's own axes, when nothing better is known — a trunk turned toward the camera,
 *               or a camera tilted up or down, is then included in the number;
 * - a **head zero** that says which head orientation is anatomically straight:
 *     'face-geometry'  the person's own ear–eye line (≈ Frankfurt plane) from the body model's ear and
 *                      eye keypoints;
 *     'canonical-face' the average face (MediaPipe canonical face model) square to the frame, when the
 *                      ears and eyes are not seen well enough.
 * An axis whose uncertainty exceeds UNCERTAIN_ABOVE_DEG is `uncertain`: its value is given with words and
 * the ±, never as a confident number. Pure data and words; no DOM, no clock.
 */
import type { Axis } from '../measures/types.ts';

export type AxisFrame = 'trunk' | 'gravity' | 'camera';
export type HeadZero = 'face-geometry' | 'canonical-face';

/**
 * Closed set of things a reader must know about a reference. UI and CLI map these to words with
 * `referenceNoteWords`.
 */
export type ReferenceNote =
  /** The body model gives no depth for the shoulders, so the trunk's turn cannot be told apart from a head turn. */
  | 'trunk-yaw-unavailable'
  /** Shoulders not found (out of the picture, or too uncertain). */
  | 'trunk-not-visible'
  /** A hand covers a shoulder. */
  | 'trunk-occluded'
  /** More than one body in view: whose trunk is unknown. */
  | 'trunk-multiple-people'
  /** The shoulders' left and right are on the wrong image sides for an unmirrored camera facing the person. */
  | 'trunk-sides-swapped'
  /**
   * A 2-D body model and a set-up width: the shoulders look narrower than when the person sat square at
   * set-up, as a trunk turned to the camera does (or a head pushed forward); rotation is against the
   * camera and uncertain by about that turn (trunkSetup.ts).
   */
  | 'trunk-may-be-turned'
  /** The trunk's roll needs the hips (the shoulder line moves with shoulder elevation). */
  | 'trunk-roll-needs-hips'
  /** No camera pitch against gravity: a camera tilted up or down shifts flexion by its tilt. */
  | 'camera-pitch-unknown'
  /** The camera is said to be mirrored; rotation and tilt were mirrored back. */
  | 'camera-mirrored'
  /** Ears or eyes not seen well enough for the ear–eye line; the average face's zero is used. */
  | 'face-geometry-unavailable'
  /** The ear–eye line read an implausible angle for a face (keypoints off the ears); not used. */
  | 'face-geometry-implausible'
  /** The ear and eye keypoints moved with the head's pitch unlike a line fixed in the head (not on the ears). */
  | 'face-geometry-not-rigid'
  /** The ear and eye keypoints have not yet been seen over enough head pitch to tell they are fixed in the head. */
  | 'face-geometry-not-checked';

export interface AxisReference {
  /** null when the axis has no value in this frame. */
  readonly frame: AxisFrame | null;
  /** Which head orientation is zero (flexion: from the ear–eye line or the average face). */
  readonly zero: HeadZero;
  /** About how far the value may be off because of the reference alone, deg (±). */
  readonly uncertaintyDeg: number;
  /** True when uncertaintyDeg > UNCERTAIN_ABOVE_DEG: show the value with its ± and words, never bare. */
  readonly uncertain: boolean;
  readonly notes: readonly ReferenceNote[];
}

/** What each angle of one frame (or one calibration check) was measured against. */
export type FrameReference = Readonly<Record<Axis, AxisReference>>;

/** Above this uncertainty an axis is called uncertain (the clinical "neutral" zone is ±10°; a value whose zero may be off by more than 8° cannot say which side of it it is). */
export const UNCERTAIN_ABOVE_DEG = 8;

/**
 * What is known about the camera, passed in by the caller (the app reads DeviceOrientation; the CLI takes
 * `--camera-pitch`). Plain numbers: core reads no sensor.
 */
export interface CameraContext {
  /**
   * The camera's optical axis against the horizontal, deg: 0 = level, > 0 = looking UP (a phone leaning
   * back, a laptop lid tilted back), < 0 = looking down. null = unknown.
   */
  readonly pitchDeg: number | null;
  /** How good pitchDeg is, ± deg (device sensors ≈ 2°; "I set it level at eye level" ≈ 5°). Default 3. */
  readonly pitchUncertaintyDeg?: number;
  /**
   * The frames are mirror images (a selfie stream recorded as shown). Mirroring cannot be seen in the
   * landmarks (a mirrored person looks like a person), so only the caller can say. Default false.
   */
  readonly mirrored?: boolean;
  /** Assumed horizontal field of view for the viewing-ray correction, deg. Default refine.ts DEFAULT_HFOV_DEG. */
  readonly hfovDeg?: number;
}

export const UNKNOWN_CAMERA: CameraContext = { pitchDeg: null };

/**
 * The front camera's pitch from the W3C DeviceOrientation angles (intrinsic Z-X'-Y'', degrees), for any
 * screen orientation: the front camera looks along the device's +z axis (out of the screen), whose
 * elevation above the horizontal is asin(cos β · cos γ). Upright phone: β = 90 → 0; phone flat on a
 * table, screen up: β = 0 → 90 (looking at the ceiling). Returns null for non-finite input.
 * ref: W3C "DeviceOrientation Event Specification", §4.1 and Annex A (rotation matrix from α, β, γ).
 */
export function frontCameraPitchDeg(betaDeg: number | null | undefined, gammaDeg: number | null | undefined): number | null {
  if (typeof betaDeg !== 'number' || typeof gammaDeg !== 'number' || !Number.isFinite(betaDeg) || !Number.isFinite(gammaDeg)) return null;
  const r = Math.PI / 180;
  const s = Math.max(-1, Math.min(1, Math.cos(betaDeg * r) * Math.cos(gammaDeg * r)));
  return Math.asin(s) / r;
}

const NOTE_WORDS: Readonly<Record<ReferenceNote, string>> = {
  'trunk-yaw-unavailable': 'rotation is measured against the camera: if you sit turned toward the camera, that turn is included',
  'trunk-not-visible': 'your shoulders are not in the picture, so rotation and tilt are measured against the camera',
  'trunk-occluded': 'something covers a shoulder, so the trunk is not used as the reference',
  'trunk-multiple-people': 'more than one person is in view, so the trunk is not used as the reference',
  'trunk-sides-swapped': 'the shoulders look mirrored (left and right swapped), so the trunk is not used as the reference',
  'trunk-may-be-turned': 'your shoulders look narrower than when you sat square to the camera at set-up, as if you sat turned toward it: rotation is against the camera and may include that turn',
  'trunk-roll-needs-hips': 'tilt is measured against the camera’s upright, not your trunk (that needs the hips in view)',
  'camera-pitch-unknown': 'the camera’s tilt is unknown: a camera below or above eye level, or tilted, shifts chin up/down by its tilt',
  'camera-mirrored': 'the video is mirrored; left and right were swapped back',
  'face-geometry-unavailable': 'ears and eyes were not seen well enough; chin up/down uses an average face’s zero',
  'face-geometry-implausible': 'the ear–eye line looked implausible; chin up/down uses an average face’s zero',
  'face-geometry-not-rigid': 'the ear and eye points did not move with the head as ears do; chin up/down uses an average face’s zero',
  'face-geometry-not-checked': 'the ear and eye points have not yet been seen to move with the head (nod a little); chin up/down uses an average face’s zero',
};

export function referenceNoteWords(note: ReferenceNote): string {
  return NOTE_WORDS[note];
}

const FRAME_WORDS: Readonly<Record<AxisFrame, string>> = {
  trunk: 'against your trunk',
  gravity: 'against the vertical (gravity)',
  camera: 'against the camera',
};

/** One line for an axis's reference, e.g. "against the vertical (gravity), zero from your ear–eye line, ±4°". */
export function describeAxisReference(ref: AxisReference): string {
  if (ref.frame === null) return 'not measurable';
  const zero = ref.zero === 'face-geometry' ? ', zero from your ear–eye line' : '';
  const pm = `±${Math.round(ref.uncertaintyDeg)}°`;
  return `${FRAME_WORDS[ref.frame]}${zero}, ${ref.uncertain ? `uncertain (${pm})` : pm}`;
}

/**
 * A value with its reference in plain words. Uncertain values are given as "about N°, ± U° (uncertain)",
 * never as a bare number. `label` is the positive and negative direction in the person's words.
 */
export function describeReferencedValue(valueDeg: number | null, ref: AxisReference, words: { positive: string; negative: string }): string {
  if (valueDeg === null || ref.frame === null) return 'not measurable';
  const v = Math.round(Math.abs(valueDeg));
  const dir = v === 0 ? 'straight' : `${v}° ${valueDeg > 0 ? words.positive : words.negative}`;
  if (ref.uncertain) return `about ${dir}, uncertain by ±${Math.round(ref.uncertaintyDeg)}° (${ref.notes.map(referenceNoteWords).join('; ') || 'no reliable zero'})`;
  return dir;
}
