/**
 * The face's own flexion zero from its ear–eye line.
 *
 * The canonical-face fit says how the *average* face is oriented; a given face (and the face-mesh model's
 * reading of it) sits a few degrees chin-up or chin-down from that. The ear–eye line is fixed in the head
 * and close to the Frankfurt horizontal (porion–orbitale), the anatomical reference for head pitch
 * (docs/anatomical-zero.md): with the head fit R (canonical head → camera) and the body model's eye and ear
 * keypoints, the ear's height below the eye in the head's own frame, vy, solves the image equations
 *   (ear − eye)_image / pxPerCm ≈ rows x, y of R · (±EAR_EYE_LATERAL_CM, vy, EAR_EYE_DEPTH_CM)
 * per side, and α = atan2(vy, EAR_EYE_DEPTH_CM) is the line's slope in the canonical frame (> 0: the ear
 * lower than the eye, i.e. at the canonical zero this face is chin-up by α). Because the line is fixed in
 * the head, α does not change as the head moves or the camera tilts, so it is learnt as a running median.
 * Anatomical flexion = canonical flexion − (α − EAR_EYE_LINE_ABOVE_FRANKFURT_DEG).
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import { keypoint, selectBody, MIN_KEYPOINT_SCORE } from './frameGeometry.ts';
import { anglesFromRotationMatrix } from './euler.ts';
import type { HeadFit } from './headFit.ts';
import { headPointToImagePx } from './headFit.ts';
import type { ReferenceNote } from './reference.ts';

/** Depth from the pupil to the ear's centre, adult anthropometry (tragion–exocanthion ≈ 7–8 cm, pupil ≈ 1 cm further forward). */
export const EAR_EYE_DEPTH_CM = 8.5;
/** Half-width at the ears (≈ 7.3 cm) minus half the pupil distance (≈ 3.2 cm). */
export const EAR_EYE_LATERAL_CM = 4.1;
/**
 * Slope α of the pupil–ear line when the Frankfurt plane is level, deg (> 0: the ear lower than the eye, as α).
 * The body model's ear point sits on the ear's centre or at the tragus (on the phantom: at the face's outline
 * in front of the concha), both within ≈ 0.5 cm of the tragion's height (an ear 6 cm long has its tragion
 * ≈ 3.2 cm above the lobule's bottom); the tragion is at porion height, so the pupil–ear line runs like the
 * orbitomeatal (canthus–meatus) line, ≈ 7° steeper than the Frankfurt (infraorbitomeatal) line (radiographic
 * positioning, Merrill's Atlas): the pupil ≈ 1 cm above the porion–orbitale plane over ≈ 8 cm of depth.
 * Session 4 took 0 on the guess that the ear point marks a spot 1 cm above the meatus; the ear's proportions
 * do not support it (docs/anatomical-zero.md). Unvalidated on real ears; its ± is in FACE_GEOMETRY_UNCERTAINTY_DEG.
 */
export const EAR_EYE_LINE_ABOVE_FRANKFURT_DEG = 7;
/**
 * Keypoints used for the ear–eye line need at least this score. Ears hidden by hair get guessed at
 * 0.45–0.55 by MoveNet (the phantom's hair shell, whose guessed ears slope ≈ 10°). The phantom's modelled ears
 * (looks v2, on its Frankfurt plane, 6 cm, helix and concha) score 0.28–0.62 (clip medians) and the hair shell's
 * guesses up to 0.75 with the camera above, so the score does not tell a seen ear from a guessed one at webcam
 * scale; lowering it would admit more guesses, so it stays (docs/anatomical-zero.md).
 */
export const MIN_EAR_EYE_SCORE = 0.6;
/** Beyond this head turn from the camera one ear is hidden; no reading. */
export const MAX_EAR_EYE_YAW_DEG = 30;
/**
 * A face's ear–eye slope further than this from EAR_EYE_LINE_ABOVE_FRANKFURT_DEG is not taken as a face's (the
 * keypoints are off the ears). The window is centred on the expected slope, not on 0: it must admit a face's
 * own spread about that slope and the mesh fit's pitch bias, which α carries (α is read with the fit's R).
 * Unvalidated on real ears (docs/anatomical-zero.md).
 */
export const MAX_PLAUSIBLE_EAR_EYE_DEG = 10;
/**
 * Rigidity check: a line fixed in the head gives the same α whatever the head's pitch to the camera. The zero
 * is judged only when the readings span at least MIN_RIGIDITY_PITCH_SPREAD_DEG of camera-relative flexion (else
 * 'face-geometry-not-checked': a little nodding is needed); when α follows that pitch with a least-squares gain
 * above MAX_EAR_EYE_PITCH_GAIN (deg of α per deg of pitch) the keypoints are not on a rigid ear–eye line and the
 * zero is refused ('face-geometry-not-rigid'); it is taken only with more spread and a margin
 * (MIN_FACE_ZERO_TAKE_SPREAD_DEG, FACE_ZERO_GAIN_MARGIN), and either decision holds for the recording. On the phantom's modelled ears
 * MoveNet's ear keypoints gave a gain of ≈ 0.75 (its ear point moved 1 cm for a 25° nod where a rigid ear
 * 7 cm behind the eye moves 3 cm), and ≈ 0.6 on the ears placed on the phantom's Frankfurt plane (looks v2),
 * even when those stand out 60° from the head: the points stay where a face's ears usually are
 * (docs/anatomical-zero.md).
 */
export const MAX_EAR_EYE_PITCH_GAIN = 0.3;
export const MIN_RIGIDITY_PITCH_SPREAD_DEG = 10;
/**
 * Rigidity is judged on every ear–eye reading whose keypoints reach the body model's usable score
 * (MIN_KEYPOINT_SCORE, 0.3), not only on those that pass MIN_EAR_EYE_SCORE: whether the points follow the
 * ears is a property of the points, and a face seen mostly at one pitch gives passing readings only there. On
 * the phantom's olive-narrow tilt/flexion clip the 73 passing readings spanned < 10° of pitch (rigidity not
 * judged, zero taken) while all 180 readings followed the nods with a gain of 0.68 (docs/anatomical-zero.md).
 */
export const MIN_RIGIDITY_KEYPOINT_SCORE = MIN_KEYPOINT_SCORE;
/** Readings needed before the face's own zero is used. */
export const MIN_EAR_EYE_READINGS = 15;
/** Uncertainty of the flexion zero from the ear–eye line, deg (keypoint placement and the Frankfurt relation). */
export const FACE_GEOMETRY_UNCERTAINTY_DEG = 5;
/**
 * Uncertainty of the average face's zero for an unknown face, deg (face shape and the mesh model's bias):
 * the phantom's one face, held straight, reads 6.5° chin-down against it (BENCHMARKS.md, issue 12), so a
 * flexion on this zero is uncertain (with the mesh's and the camera's ±, above UNCERTAIN_ABOVE_DEG).
 */
export const CANONICAL_ZERO_UNCERTAINTY_DEG = 8;

/** The ear–eye slope α of one frame, deg, or null (keypoints below `minScore`, head turned, no fit). */
export function earEyeSlopeDeg(frame: LandmarkFrame, fit: HeadFit, minScore = MIN_EAR_EYE_SCORE): number | null {
  if (Math.abs(anglesFromRotationMatrix(fit.headToCamera).rotationDeg) > MAX_EAR_EYE_YAW_DEG) return null;
  const o = headPointToImagePx(fit, [0, 0, 0]);
  const body = selectBody(frame, [o[0], o[1]]);
  const r = fit.headToCamera;
  const s = fit.pxPerCm;
  const vys: number[] = [];
  for (const [eyeName, earName, lateral] of [['leftEye', 'leftEar', EAR_EYE_LATERAL_CM], ['rightEye', 'rightEar', -EAR_EYE_LATERAL_CM]] as const) {
    const eye = keypoint(body, eyeName, minScore);
    const ear = keypoint(body, earName, minScore);
    if (!eye || !ear) continue;
    const dx = (ear.xPx - eye.xPx) / s;
    const dy = (ear.yPx - eye.yPx) / s;
    // Least squares for vy over the two image rows, the other components fixed.
    const bx = dx - r[0] * lateral - r[2] * EAR_EYE_DEPTH_CM;
    const by = dy - r[3] * lateral - r[5] * EAR_EYE_DEPTH_CM;
    const den = r[1] * r[1] + r[4] * r[4];
    if (den < 0.25) continue;
    vys.push((r[1] * bx + r[4] * by) / den);
  }
  if (vys.length === 0) return null;
  const vy = vys.reduce((a, b) => a + b, 0) / vys.length;
  return (Math.atan2(vy, EAR_EYE_DEPTH_CM) * 180) / Math.PI;
}

export interface FaceZero {
  /** Pitch offset to subtract from canonical flexion, deg; 0 when the canonical zero is used. */
  readonly offsetDeg: number;
  readonly zero: 'face-geometry' | 'canonical-face';
  readonly uncertaintyDeg: number;
  readonly notes: readonly ReferenceNote[];
  /** Readings behind offsetDeg. */
  readonly readings: number;
}

/**
 * The one decision about the face's own zero, taken once per recording (FaceZeroTracker): 'open' until the
 * readings settle it, then 'taken' or 'refused' for good. A zero that switched on and off within a recording
 * stepped flexion by its offset each time (a real talking person, session 10: ≈ 8° steps at different times in
 * copies of one clip, false flexion jerks), so neither decision is undone by later readings.
 */
export type FaceZeroDecision = 'open' | 'taken' | 'refused';

/**
 * The face's own zero is taken only after the head's camera-relative pitch has spanned this much (10th to 90th
 * percentile), deg — more than MIN_RIGIDITY_PITCH_SPREAD_DEG, which is enough to *refuse* it. A least-squares
 * gain over a small pitch spread is pulled toward 0 (the pitch it is regressed on is itself noisy, and a few
 * degrees of α noise dominate), so a spread of just 10° makes non-rigid points look rigid: the phantom's ear
 * points (gain 0.53 over 23° of pitch) read 0.14 over 10.5° and were taken, then refused 0.3 s later; a gain
 * above the bar at a small spread is, for the same reason, already enough to refuse. Session 10, facezero.
 */
export const MIN_FACE_ZERO_TAKE_SPREAD_DEG = 15;
/**
 * The zero is taken only with a gain at most MAX_EAR_EYE_PITCH_GAIN − this (0.2): between the two bars the
 * decision waits for more nodding instead of flipping on noise about the bar.
 */
export const FACE_ZERO_GAIN_MARGIN = 0.1;

/**
 * Learns a face's ear–eye slope as the median of its readings (bounded memory), and decides once per recording
 * whether it is used (FaceZeroDecision): refused as soon as the points are seen to follow the head's pitch
 * (gain > MAX_EAR_EYE_PITCH_GAIN once the pitch has spanned MIN_RIGIDITY_PITCH_SPREAD_DEG), taken once the
 * pitch has spanned MIN_FACE_ZERO_TAKE_SPREAD_DEG with a gain clear of the bar by FACE_ZERO_GAIN_MARGIN. The
 * largest spread seen counts: a spread seen once has been seen, even when later readings at one pitch narrow
 * the percentiles again. Deterministic: the same frames give the same decision, live or from a file.
 */
export class FaceZeroTracker {
  private readonly values: number[] = [];
  /** Every reading at MIN_RIGIDITY_KEYPOINT_SCORE and the head's camera-relative flexion then, deg: the rigidity check. */
  private readonly rigidityAlphas: number[] = [];
  private readonly rigidityPitches: number[] = [];
  private implausible = 0;
  private maxSpreadDeg = 0;
  private decided: FaceZeroDecision = 'open';
  constructor(private readonly maxReadings = 600) {}

  update(frame: LandmarkFrame, fit: HeadFit | null): FaceZero {
    if (!fit) return this.addReadings(null, null);
    const any = earEyeSlopeDeg(frame, fit, MIN_RIGIDITY_KEYPOINT_SCORE);
    return this.addReadings(any === null ? null : { alphaDeg: any, pitchDeg: anglesFromRotationMatrix(fit.headToCamera).flexionDeg }, earEyeSlopeDeg(frame, fit));
  }

  /**
   * One frame's readings, as `update` takes them from the frame: `rigidity` the slope α at
   * MIN_RIGIDITY_KEYPOINT_SCORE with the head's camera-relative flexion then, deg; `alphaDeg` the slope at
   * MIN_EAR_EYE_SCORE (null when not read). Lets a recorded sequence of readings be replayed.
   */
  addReadings(rigidityIn: { readonly alphaDeg: number; readonly pitchDeg: number } | null, alphaIn: number | null): FaceZero {
    // A non-finite reading is no reading (it would make the gain NaN for the rest of the recording).
    const rigidity = rigidityIn && Number.isFinite(rigidityIn.alphaDeg) && Number.isFinite(rigidityIn.pitchDeg) ? rigidityIn : null;
    const alphaDeg = alphaIn !== null && Number.isFinite(alphaIn) ? alphaIn : null;
    const any = rigidity?.alphaDeg ?? null;
    if (rigidity) {
      this.rigidityAlphas.push(rigidity.alphaDeg);
      this.rigidityPitches.push(rigidity.pitchDeg);
      if (this.rigidityAlphas.length > this.maxReadings) { this.rigidityAlphas.shift(); this.rigidityPitches.shift(); }
    }
    const a = alphaDeg;
    if (a !== null) {
      if (Math.abs(a - EAR_EYE_LINE_ABOVE_FRANKFURT_DEG) <= MAX_PLAUSIBLE_EAR_EYE_DEG) {
        this.values.push(a);
        if (this.values.length > this.maxReadings) this.values.shift();
      } else this.implausible++;
    }
    if (any !== null) this.decide();
    return this.current();
  }

  /** The decision so far ('open' until the readings settle it; final after). */
  get decision(): FaceZeroDecision {
    return this.decided;
  }

  private decide(): void {
    if (this.decided !== 'open') return; // final: no more sorting of the readings on every frame
    this.maxSpreadDeg = Math.max(this.maxSpreadDeg, pitchSpreadDeg(this.rigidityPitches));
    if (this.values.length < MIN_EAR_EYE_READINGS) return;
    if (this.maxSpreadDeg < MIN_RIGIDITY_PITCH_SPREAD_DEG) return;
    const gain = leastSquaresGain(this.rigidityAlphas, this.rigidityPitches);
    if (gain === null) return;
    // Used only once the points were seen to stay fixed in the head: on the phantom, ear points that followed
    // the face (gain 0.57–0.77) read a plausible α at one pitch — even guessed ears under a hair shell
    // (astronaut, camera 20 cm below: α 11.4°, score 0.62) — and would have given a confident zero.
    if (Math.abs(gain) > MAX_EAR_EYE_PITCH_GAIN) this.decided = 'refused';
    else if (this.maxSpreadDeg >= MIN_FACE_ZERO_TAKE_SPREAD_DEG && Math.abs(gain) <= MAX_EAR_EYE_PITCH_GAIN - FACE_ZERO_GAIN_MARGIN) this.decided = 'taken';
  }

  current(): FaceZero {
    if (this.values.length < MIN_EAR_EYE_READINGS) {
      const note: ReferenceNote = this.implausible > this.values.length ? 'face-geometry-implausible' : 'face-geometry-unavailable';
      return { offsetDeg: 0, zero: 'canonical-face', uncertaintyDeg: CANONICAL_ZERO_UNCERTAINTY_DEG, notes: [note], readings: this.values.length };
    }
    if (this.decided === 'open') {
      return { offsetDeg: 0, zero: 'canonical-face', uncertaintyDeg: CANONICAL_ZERO_UNCERTAINTY_DEG, notes: ['face-geometry-not-checked'], readings: this.values.length };
    }
    if (this.decided === 'refused') {
      return { offsetDeg: 0, zero: 'canonical-face', uncertaintyDeg: CANONICAL_ZERO_UNCERTAINTY_DEG, notes: ['face-geometry-not-rigid'], readings: this.values.length };
    }
    const s = [...this.values].sort((x, y) => x - y);
    const m = s.length >> 1;
    const med = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    return { offsetDeg: med - EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, zero: 'face-geometry', uncertaintyDeg: FACE_GEOMETRY_UNCERTAINTY_DEG, notes: [], readings: s.length };
  }
}

/** Spread of the head's camera-relative pitches, 10th to 90th percentile, deg (0 for fewer than 2). */
export function pitchSpreadDeg(pitchesDeg: readonly number[]): number {
  const n = pitchesDeg.length;
  if (n < 2) return 0;
  const sorted = [...pitchesDeg].sort((x, y) => x - y);
  return sorted[Math.floor((n - 1) * 0.9)]! - sorted[Math.floor((n - 1) * 0.1)]!;
}

function leastSquaresGain(alphasDeg: readonly number[], pitchesDeg: readonly number[]): number | null {
  const n = Math.min(alphasDeg.length, pitchesDeg.length);
  if (n < 2) return null;
  let mp = 0, ma = 0;
  for (let i = 0; i < n; i++) { mp += pitchesDeg[i]!; ma += alphasDeg[i]!; }
  mp /= n; ma /= n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (pitchesDeg[i]! - mp) * (alphasDeg[i]! - ma); sxx += (pitchesDeg[i]! - mp) ** 2; }
  return sxx > 0 ? sxy / sxx : null;
}

/**
 * Least-squares gain of α on the head's camera-relative pitch, or null when the pitches span less than
 * MIN_RIGIDITY_PITCH_SPREAD_DEG (10th to 90th percentile), so rigidity cannot be judged.
 */
export function pitchGain(alphasDeg: readonly number[], pitchesDeg: readonly number[]): number | null {
  const n = Math.min(alphasDeg.length, pitchesDeg.length);
  if (pitchSpreadDeg(pitchesDeg.slice(0, n)) < MIN_RIGIDITY_PITCH_SPREAD_DEG) return null;
  return leastSquaresGain(alphasDeg.slice(0, n), pitchesDeg.slice(0, n));
}
