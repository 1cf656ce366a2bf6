/**
 * One frame of landmarks → clinical head measures relative to a neutral, with confidence and an honest
 * not-measurable state.
 *
 * Decision order for the head angles:
 * 1. Frame invalid → not measurable ('invalid-frame').
 * 2. Two or more faces of similar size → not measurable ('multiple-faces'): we cannot know whose head it is.
 * 3. One face with a good mesh fit, turned no further than `MAX_MESH_YAW_DEG` from the camera, not
 *    collapsed (see MESH_COLLAPSE_MARGIN_DEG) and not covered by a hand → 'measured' by the face mesh
 *    (confidence lowered toward the edge of range).
 * 4. A face turned beyond range, or a collapsed mesh → not measurable ('beyond-tracker-range'): on the
 *    phantom neither model reads a 60° turn within 10°, so no number is given.
 * 5. No face, or a hand covering the face → fall back to body keypoints (nose and both ears) for rotation
 *    only → 'low-confidence', tilt and flexion null; only once the person's keypoint gain has been learned from a sure
 *    mesh on that side (keypointGain.ts), so never in the pure `measureFrame`.
 * 6. Nothing usable → not measurable with the reasons collected on the way.
 */
import { CONSISTENT_MESH_SCORE, type MeshEvidence, RangeReentryGuard } from './reentry.ts';
import { FlexionRangeGuard, flexionEvidenceFromFit } from './flexionRange.ts';
import { MouthFlexionCorrector } from './mouthFlexion.ts';
import { FlexionLagGuard, eyeEvidence } from './flexionLag.ts';
import { FlexionSaturationGuard } from './flexionSaturation.ts';
import { FlexionJerkPeakGuard } from './flexionJerkPeak.ts';
import { flexionEdgeDoubt } from './flexionEdge.ts';
import { TurnLeadGuard } from './turnLead.ts';
import { FlexionLeadGuard } from './flexionLead.ts';
import { isCombinedTurn } from './combinedPosture.ts';
import { COMBINED_OTHER_DEG, MESH_CONFIDENT_DEG, MESH_RANGE_DEG, tiltConfidentDeg } from './range.ts';
import type { FaceObservation, LandmarkFrame } from '../landmarks/types.ts';
import { type DoubtReason, type FrameMeasure, type HeadAngles, type NotMeasurableReason, type PoseMethod, type RangeDirection, rangeEdgeDoubt } from '../measures/types.ts';
import { withBeyondAxes, withDoubts } from './doubt.ts';
import { anglesFromRotationMatrix, mat3Multiply, mat3Transpose } from './euler.ts';
import { type FitOptions, type HeadFit, fitHead } from './headFit.ts';
import { type FaceSelection, MIN_KEYPOINT_SCORE, bodyReadOnFrame, isHandEvidence, keypoint, selectBody, selectPatientFace, shoulderGeometry } from './frameGeometry.ts';
import { type Neutral, anatomicalNeutral } from './neutral.ts';
import { KEYPOINT_FALLBACK_MAX_EAR_LINE_DEG, KEYPOINT_FALLBACK_MIN_SCORE, KeypointGainLearner, earLineSlopeDeg } from './keypointGain.ts';

/** Beyond this yaw from the camera the face mesh is not trusted (trackers degrade past ~45°; see docs/clinical.md). */
export const MAX_MESH_YAW_DEG = MESH_RANGE_DEG.rotationDeg;
/**
 * The mesh is called collapsed when the body model's nose-and-ears yaw exceeds the mesh's yaw by more than
 * this (a mesh its model is sure of: only when they also place the head past its range, SURE_MESH_OVERRULED_PAST_DEG). The keypoint yaw itself reads low at large turns (it misses about 14° at 60° on the phantom), so a
 * mesh that reads lower still by this margin has lost the face.
 */
export const MESH_COLLAPSE_MARGIN_DEG = 8;
/** Nose/ear keypoints at least this sure count against any mesh in the collapse check; weaker ones only against an unsure mesh. */
export const STRONG_KEYPOINT_SCORE = 0.5;
/** From this yaw on (from the camera), weak keypoints count against a sure mesh too, deg. */
export const WEAK_KEYPOINTS_FROM_YAW_DEG = 30;
/**
 * Keypoints overrule a mesh its model is sure of (score ≥ CONSISTENT_MESH_SCORE) only when they place the head further
 * from the camera than this: past the mesh's range, deg. How far the nose-and-ears yaw reads from the mesh depends on
 * the face: on the phantom it reads large turns low, on a real photograph (Human's sample, session 7) it read a sure
 * mesh's steady 27–28° as 33–40° (score 0.35–0.7, 1.25–1.45×) and blanked 23–229 of 360 frames of panned clips. A gap
 * alone cannot tell that face from a mesh lagging a fast turn (39.5° at a true 46.5°, keypoints 51°: also ≈ 1.3×);
 * a claim past the range can. On the saved phantom landmarks no sure mesh inside the range was a collapse (collapses
 * scored 0.2–0.9 and keep the plain gap rule). Left: a face read 1.45× still loses frames with strong keypoints from a
 * mesh reading of ≈ 30° on.
 */
export const SURE_MESH_OVERRULED_PAST_DEG = MAX_MESH_YAW_DEG;
/** A mesh turned less than this may have collapsed from a far turn to either side; past it only to its own side, deg. */
export const COLLAPSE_ANY_SIDE_BELOW_DEG = 15;
/**
 * The nose-and-ears fallback reads large turns low (a true 60° reads about 46°, 68° about 58° on the
 * phantom), so past this yaw from the camera (after the learned gain, keypointGain.ts) its reading could be off by more
 * than 10°: not measurable.
 */
export const MAX_KEYPOINT_YAW_DEG = 40;
/** Keypoints this weak still count as evidence against a collapsed mesh (never as a measurement). */
export const MIN_KEYPOINT_SCORE_FOR_CHECK = 0.2;
/** From this yaw on, confidence falls linearly to 0.5 at MAX_MESH_YAW_DEG. */
export const MESH_YAW_CONFIDENT_DEG = MESH_CONFIDENT_DEG.rotationDeg;
/** Fits with a larger RMS residual (cm on the canonical face) are rejected as not a face-shaped mesh. */
export const MAX_FIT_RESIDUAL_CM = 1.2;
/** Share of the face box covered by a hand box above which the face is called occluded. */
export const HAND_OCCLUSION_SHARE = 0.15;
/** Share above which the face mesh is not trusted at all. */
export const HAND_OCCLUSION_BLOCKING_SHARE = 0.5;
/** Hands below this score are ignored. */
export const MIN_HAND_SCORE = 0.5;
/**
 * Ratio of the nose's distance in front of the ear axis to half the ear-to-ear distance, for the keypoint
 * fallback (anthropometric: about 10 cm and 7.5 cm for adults).
 */
export const NOSE_TO_EAR_AXIS_RATIO = 1.33;

/** After a frame past a confident limit and below 0.5 confidence, frames within this time… (ms) */
export const LOW_CONFIDENCE_HOLD_MS = 150;
/** …and within this of a confident limit (deg)… */
export const EDGE_BAND_DEG = 5;
/** …need this confidence to count as measured again. */
export const MEASURED_AGAIN_CONFIDENCE = 0.55;

export interface HeadPoseEstimatorOptions extends FitOptions {
  readonly neutral?: Neutral;
}

/**
 * Frames measured in order, through the guards that need the frames before: readings held back just after a turn
 * beyond the tracker's range (reentry.ts), the flexion of a mesh pushed past what it models dropped
 * (flexionRange.ts, from the same head fit the measure used) and a chin-down bend the mesh does not follow flagged
 * (flexionLag.ts: fast; flexionSaturation.ts: slow, past the mesh's chin-down limit), a fast chin-down movement's
 * over-read peak flagged (flexionJerkPeak.ts), a large chin-up or an unsure mesh's chin-down (flexionEdge.ts), a fast
 * chin-up toward the edge or a chin-up frame between dropped ones (flexionLead.ts) and a fast turn toward the range's
 * edge (turnLead.ts). `HeadPoseEstimator` and `RecordingAnalyzer` share it.
 */
export class GuardedFrameMeasurer {
  private readonly reentry = new RangeReentryGuard();
  private readonly mouth = new MouthFlexionCorrector();
  private readonly flexionRange = new FlexionRangeGuard();
  private readonly flexionLag = new FlexionLagGuard();
  private readonly flexionSaturation = new FlexionSaturationGuard();
  private readonly flexionJerkPeak = new FlexionJerkPeakGuard();
  private readonly flexionLead = new FlexionLeadGuard();
  private readonly turnLead = new TurnLeadGuard();
  /** The person's nose-and-ears gain, learned from frames measured by a sure mesh (keypointGain.ts). */
  private readonly keypointGain = new KeypointGainLearner();

  constructor(private readonly fitOptions: FitOptions = {}) {}

  measure(frame: LandmarkFrame, neutral: Neutral): FrameMeasure {
    return this.measureWithFit(frame, neutral).measure;
  }

  /** `measure`, and the head fit it used (null when no single face was fitted), for callers that need the fit too. */
  measureWithFit(frame: LandmarkFrame, neutral: Neutral): { measure: FrameMeasure; fit: HeadFit | null } {
    const fitted = measureFrameAndFit(frame, neutral, this.fitOptions, this.keypointGain);
    const { fit, face } = fitted;
    // The flexion-range rule also fits the face without its mouth (an open mouth alone does not drop flexion)…
    const evidence = flexionEvidenceFromFit(fit, face);
    // …and an open mouth's pull on the flexion is taken out (mouthFlexion.ts): the guards see the corrected reading.
    const measure = this.mouth.apply(fitted.measure, evidence, face);
    const meshEv = meshEvidence(frame);
    const guarded = this.flexionRange.apply(this.reentry.apply(measure, meshEv), evidence);
    const eyes = eyeEvidence(frame);
    const turnDeg = evidence?.cameraAngles.rotationDeg ?? null;
    const lagged = this.flexionLag.apply(guarded, measure, eyes, turnDeg);
    const saturated = this.flexionSaturation.apply(lagged, measure, eyes, turnDeg);
    // The jerk-peak, flexion-edge, flexion-lead and turn-lead flags last, so their doubts do not start the edge band's hold.
    const banded = this.edgeHysteresis(saturated, evidence?.cameraAngles ?? null);
    const edged = flexionEdgeDoubt(this.flexionJerkPeak.apply(banded, measure), measure, meshEv?.meshScore ?? null);
    const out = this.turnLead.apply(this.flexionLead.apply(edged, measure), turnDeg);
    const mesh = evidence === null || out.method !== 'face-mesh' ? null : { ...evidence.cameraAngles, meshScore: meshEv?.meshScore ?? 0 };
    this.keypointGain.observe(out, { timestampMs: frame.timestampMs, mesh, keypoint: keypointYawFromCameraDeg(frame), bodyFresh: bodyReadOnFrame(frame) });
    return { measure: out, fit };
  }

  /** Time of the last frame past a confident limit (range.ts) whose confidence fell below the measured bar (0.5). */
  private lastEdgeDoubtMs = -Infinity;

  /**
   * The 0.5 confidence bar with a band at the range edges: within LOW_CONFIDENCE_HOLD_MS of a frame past a confident limit
   * and below 0.5, a frame still within EDGE_BAND_DEG of a confident limit needs MEASURED_AGAIN_CONFIDENCE to be called
   * measured again, so the flag does not flicker off while the mesh comes back from its edge (beard-glasses, dim 15 fps: a
   * chin-down 30.5° read 22.3° at 0.546 right after a frame at 0.468). Only at the edges: everywhere, the band flagged 767
   * core-range frames of faces whose confidence sits near 0.5 at rest. A frame still past the confident limit within the
   * hold has not come back at all and stays low confidence whatever its confidence (session 11: glasses-glare, webcam,
   * a true chin-down 37.4° read 27.1° at 0.61, 31.0° from the camera, 33 ms after a frame at 0.44; on the webcam matrix
   * this flags that frame and one other, a true 30.5° read 28.4°).
   */
  private edgeHysteresis(m: FrameMeasure, cam: HeadAngles | null): FrameMeasure {
    if (m.method === 'none' || cam === null) return m;
    const from = (axis: keyof typeof MESH_CONFIDENT_DEG) => Math.abs(cam[axis]) - (axis === 'tiltDeg' ? tiltConfidentDeg(cam) : MESH_CONFIDENT_DEG[axis]);
    const past = Math.max(from('rotationDeg'), from('tiltDeg'), from('flexionDeg'));
    if (m.confidence < 0.5 && past > 0) {
      this.lastEdgeDoubtMs = m.timestampMs;
      return m;
    }
    const recent = m.timestampMs > this.lastEdgeDoubtMs && m.timestampMs - this.lastEdgeDoubtMs <= LOW_CONFIDENCE_HOLD_MS;
    const held = past > 0 || (past > -EDGE_BAND_DEG && m.confidence < MEASURED_AGAIN_CONFIDENCE);
    if (!(m.state === 'measured' && recent && held)) return m;
    // Said as the movements within the band of their confident limit (the ones holding the flag).
    const near = (['rotationDeg', 'tiltDeg', 'flexionDeg'] as const).filter((axis) => from(axis) > -EDGE_BAND_DEG);
    return withDoubts({ ...m, state: 'low-confidence' }, near.map((axis) => rangeEdgeDoubt(direction(axis, cam))));
  }
}

export class HeadPoseEstimator {
  readonly neutral: Neutral;
  private readonly guarded: GuardedFrameMeasurer;

  constructor(opts: HeadPoseEstimatorOptions = {}) {
    this.neutral = opts.neutral ?? anatomicalNeutral();
    const { neutral: _n, ...fit } = opts;
    this.guarded = new GuardedFrameMeasurer(fit);
  }

  /** Measures frames in order, with the guards of `GuardedFrameMeasurer`. */
  measure(frame: LandmarkFrame): FrameMeasure {
    return this.guarded.measure(frame, this.neutral);
  }
}

/** The face-mesh model's own score for the frame's one face, for the re-entry guard (null: not exactly one face). */
export function meshEvidence(frame: LandmarkFrame): MeshEvidence | null {
  if (!Array.isArray(frame.faces) || frame.faces.length === 0) return null;
  const sel = selectPatientFace(frame);
  return sel.kind === 'one' && Number.isFinite(sel.face.meshScore) ? { meshScore: sel.face.meshScore } : null;
}

/** The movement a camera-frame angle goes toward: flexion by its sign (> 0 chin down). */
function direction(axis: keyof HeadAngles, cam: HeadAngles): RangeDirection {
  if (axis === 'rotationDeg') return 'turn';
  if (axis === 'tiltDeg') return 'tilt';
  return cam.flexionDeg > 0 ? 'chin-down' : 'chin-up';
}

/** 1 up to the confident limit `lo`, falling linearly to 0.5 at the range limit (range.ts). */
function edgeFactor(fromCameraDeg: number, axis: keyof typeof MESH_RANGE_DEG, lo = MESH_CONFIDENT_DEG[axis]): number {
  const hi = MESH_RANGE_DEG[axis];
  if (fromCameraDeg <= lo) return 1;
  return hi > lo ? 1 - (0.5 * Math.min(1, (fromCameraDeg - lo) / (hi - lo))) : 0.5;
}

function validFrame(frame: LandmarkFrame): boolean {
  return (
    Number.isFinite(frame.timestampMs) &&
    frame.imageWidthPx > 0 &&
    frame.imageHeightPx > 0 &&
    Array.isArray(frame.faces) &&
    Array.isArray(frame.bodies) &&
    Array.isArray(frame.hands) &&
    // A NaN or infinite landmark is no measurement: the frame is not measurable, never measured as 0.
    frame.faces.every((f) => f.meshPx.every((p: { x: number; y: number; z: number }) => Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z)))
  );
}

function handCoverShare(frame: LandmarkFrame, face: FaceObservation): number {
  const f = face.boxPx;
  const area = f.width * f.height;
  if (!(area > 0)) return 0;
  let worst = 0;
  for (const h of frame.hands) {
    if (!isHandEvidence(h, MIN_HAND_SCORE)) continue; // the landmark model must see a hand too (frameGeometry.ts)
    const w = Math.min(f.x + f.width, h.boxPx.x + h.boxPx.width) - Math.max(f.x, h.boxPx.x);
    const hh = Math.min(f.y + f.height, h.boxPx.y + h.boxPx.height) - Math.max(f.y, h.boxPx.y);
    if (w > 0 && hh > 0) worst = Math.max(worst, (w * hh) / area);
  }
  return worst;
}

function notMeasurable(frame: LandmarkFrame, reasons: NotMeasurableReason[]): FrameMeasure {
  return {
    frameIndex: frame.frameIndex,
    timestampMs: frame.timestampMs,
    state: 'not-measurable',
    reasons: [...new Set(reasons)],
    confidence: 0,
    method: 'none',
    rotationDeg: null,
    tiltDeg: null,
    flexionDeg: null,
    lateralShiftCm: null,
    shoulderElevationDeg: null,
  };
}

/** Pure function form of `HeadPoseEstimator.measure` (without the in-order guards). */
export function measureFrame(frame: LandmarkFrame, neutral: Neutral, fitOptions: FitOptions = {}): FrameMeasure {
  return measureFrameAndFit(frame, neutral, fitOptions).measure;
}

/**
 * `measureFrame`, the head fit it used and the face it fitted (both null when no single face was fitted), so the
 * guards need neither fit nor select the face again.
 */
function measureFrameAndFit(frame: LandmarkFrame, neutral: Neutral, fitOptions: FitOptions, keypointGain: KeypointGainLearner | null = null): { measure: FrameMeasure; fit: HeadFit | null; face: FaceObservation | null } {
  if (!validFrame(frame)) return { measure: notMeasurable(frame, ['invalid-frame']), fit: null, face: null };
  const sel = selectPatientFace(frame);
  const out = measureSelected(frame, sel, neutral, fitOptions, keypointGain);
  return { ...out, face: out.fit !== null && sel.kind === 'one' ? sel.face : null };
}

function measureSelected(frame: LandmarkFrame, sel: FaceSelection, neutral: Neutral, fitOptions: FitOptions, keypointGain: KeypointGainLearner | null): { measure: FrameMeasure; fit: HeadFit | null } {
  const reasons: NotMeasurableReason[] = [];
  if (sel.kind === 'multiple') return { measure: notMeasurable(frame, ['multiple-faces']), fit: null };

  let fit: HeadFit | null = null;
  let meshUsable = false;
  /** Why a face-mesh frame is low confidence, where `reasons` does not say it. */
  const lowWhy: DoubtReason[] = [];
  let confidence = 0;
  if (sel.kind === 'none') {
    reasons.push('no-face');
  } else {
    fit = fitHead(sel.face, frame, fitOptions);
    const cover = handCoverShare(frame, sel.face);
    if (fit === null || fit.rmsResidualCm > MAX_FIT_RESIDUAL_CM) {
      reasons.push('low-face-confidence');
    } else {
      const camAngles = anglesFromRotationMatrix(fit.headToCamera);
      const yawFromCamera = Math.abs(camAngles.rotationDeg);
      // Tilt and bend beyond the mesh's range (range.ts): not measurable, like a far turn.
      const tiltOrBendBeyond = Math.abs(camAngles.tiltDeg) > MESH_RANGE_DEG.tiltDeg || Math.abs(camAngles.flexionDeg) > MESH_RANGE_DEG.flexionDeg;
      // Past about 50° the mesh model can collapse toward a frontal face while still fitting well; the
      // body model's nose and ears then show a larger turn than the mesh. Trust neither.
      const kp = keypointYawFromCameraDeg(frame, MIN_KEYPOINT_SCORE_FOR_CHECK);
      // A collapse reads toward frontal on the same side; keypoints showing a large turn to the other side while the
      // mesh is clearly turned contradict themselves (weak nose/ears read +70…+82° at a true −35° on one face).
      const sameSide = kp !== null && (Math.sign(kp.yawDeg) === Math.sign(camAngles.rotationDeg) || yawFromCamera < COLLAPSE_ANY_SIDE_BELOW_DEG);
      // Weak keypoints (the phantom's faces: 0.2–0.35 at every angle, reading −24° at a true 0°) count against a mesh
      // its own model is unsure of (collapses scored 0.2–0.7, good meshes ≥ 0.9), or one turned toward the range edge,
      // where a sure mesh can still lag a fast turn (39.5° at a true 46.5°, the keypoints 51°).
      // Not on a head that is also tilted or bent (from the camera): the nose-and-ears yaw assumes a level head and read a
      // held −35°/+20°/−15° posture as −40…−42° against a sure mesh's −31° (astronaut, 15 fps dim: 1.7 s blanked).
      const levelHead = Math.abs(camAngles.tiltDeg) < COMBINED_OTHER_DEG && Math.abs(camAngles.flexionDeg) < COMBINED_OTHER_DEG;
      // A sure mesh is overruled only by keypoints that place the head past its range (SURE_MESH_OVERRULED_PAST_DEG): a real
      // face's nose and ears read a sure 28° as 33–37°, strong enough (≥ 0.5) and 8° apart, inside the range.
      const sureMesh = sel.face.meshScore >= CONSISTENT_MESH_SCORE;
      const kpWeighs = kp !== null && (!sureMesh || (
        (kp.score >= STRONG_KEYPOINT_SCORE || (yawFromCamera >= WEAK_KEYPOINTS_FROM_YAW_DEG && levelHead)) && Math.abs(kp.yawDeg) > SURE_MESH_OVERRULED_PAST_DEG));
      const collapsed = kp !== null && kpWeighs && sameSide && Math.abs(kp.yawDeg) - yawFromCamera > MESH_COLLAPSE_MARGIN_DEG;
      const beyond = yawFromCamera > MAX_MESH_YAW_DEG || tiltOrBendBeyond || collapsed;
      if (beyond) reasons.push('beyond-tracker-range');
      if (cover >= HAND_OCCLUSION_SHARE) reasons.push('face-occluded');
      meshUsable = !beyond && cover < HAND_OCCLUSION_BLOCKING_SHARE;
      if (beyond) {
        // Turned beyond what either model measures reliably: say so rather than fall back to a guess, and say which
        // movement (a collapsed mesh is a far turn's).
        const axes: RangeDirection[] = [];
        if (yawFromCamera > MAX_MESH_YAW_DEG || collapsed) axes.push('turn');
        if (Math.abs(camAngles.tiltDeg) > MESH_RANGE_DEG.tiltDeg) axes.push('tilt');
        if (Math.abs(camAngles.flexionDeg) > MESH_RANGE_DEG.flexionDeg) axes.push(direction('flexionDeg', camAngles));
        return { measure: withBeyondAxes(withShoulders(notMeasurable(frame, reasons), frame, neutral, fit), axes), fit };
      }
      if (meshUsable) {
        const scores = Math.min(1, sel.face.detectionScore) * Math.min(1, Math.max(0, sel.face.meshScore));
        const yawFactor = edgeFactor(yawFromCamera, 'rotationDeg') * edgeFactor(Math.abs(camAngles.tiltDeg), 'tiltDeg', tiltConfidentDeg(camAngles)) * edgeFactor(Math.abs(camAngles.flexionDeg), 'flexionDeg');
        const fitFactor = 1 - Math.min(0.5, fit.rmsResidualCm / (2 * MAX_FIT_RESIDUAL_CM));
        const coverFactor = 1 - cover;
        confidence = scores * yawFactor * fitFactor * coverFactor;
        // Why a confidence under the bar is low: the range edge (on the movements whose factor fell), the face models'
        // own doubt (their scores and the fit), or else a hand (reason face-occluded) or all of them a little.
        if (confidence < 0.5) {
          if (yawFactor < 1) {
            if (edgeFactor(yawFromCamera, 'rotationDeg') < 1) lowWhy.push('range-edge-turn');
            if (edgeFactor(Math.abs(camAngles.tiltDeg), 'tiltDeg', tiltConfidentDeg(camAngles)) < 1) lowWhy.push('range-edge-tilt');
            if (edgeFactor(Math.abs(camAngles.flexionDeg), 'flexionDeg') < 1) lowWhy.push(rangeEdgeDoubt(direction('flexionDeg', camAngles)));
          }
          if (scores * fitFactor < 0.5 || (lowWhy.length === 0 && cover < HAND_OCCLUSION_SHARE)) lowWhy.push('unsure-face');
        }
      }
    }
  }

  const geometry = shoulderGeometry(frame, meshUsable ? fit : null, fit?.pxPerCm);
  const shoulderElevationDeg =
    geometry.shoulderElevationDeg === null ? null : geometry.shoulderElevationDeg - (neutral.shoulderElevationDeg ?? 0);
  if (geometry.shoulderElevationDeg === null) reasons.push('no-shoulders');

  if (meshUsable && fit) {
    // Relative orientation expressed in the neutral head frame: Q = Nᵀ·R.
    const q = mat3Multiply(mat3Transpose(neutral.headToCamera), fit.headToCamera);
    const a = anglesFromRotationMatrix(q);
    const lateralShiftCm =
      geometry.lateralOffsetCm === null ? null : geometry.lateralOffsetCm - (neutral.lateralOffsetCm ?? 0);
    // A turn combined with a tilt or bend (relative to neutral): the mesh's tilt and flexion are unreliable there (range.ts).
    // Tilt and bend together (√(tilt² + flexion²)), not the larger one: on the way into −35°/+20°/−15° one face read
    // −21.4°/+7.5°/−9.9° (rotation 3.3° off) with neither past 10° (olive-narrow, webcam).
    // A smaller turn with more tilt and bend too (turn × √(tilt² + flexion²), combinedPosture.ts).
    const combinedTurn = isCombinedTurn(a);
    const lowConfidence = confidence < 0.5 || reasons.includes('face-occluded') || combinedTurn;
    if (combinedTurn) lowWhy.push('turn-with-tilt-or-bend');
    const measure: FrameMeasure = {
      frameIndex: frame.frameIndex,
      timestampMs: frame.timestampMs,
      state: lowConfidence ? 'low-confidence' : 'measured',
      reasons: [...new Set(reasons)],
      confidence,
      method: 'face-mesh',
      rotationDeg: a.rotationDeg,
      tiltDeg: a.tiltDeg,
      flexionDeg: a.flexionDeg,
      lateralShiftCm,
      shoulderElevationDeg,
    };
    return { fit, measure: lowConfidence ? withDoubts(measure, lowWhy) : measure };
  }

  const fallback = rotationFromKeypoints(frame, neutral, keypointGain);
  if (fallback === 'beyond') reasons.push('beyond-tracker-range');
  else if (fallback !== null) {
    return { fit, measure: {
      frameIndex: frame.frameIndex,
      timestampMs: frame.timestampMs,
      state: 'low-confidence',
      reasons: [...new Set(reasons)],
      confidence: fallback.confidence,
      method: 'body-keypoints' satisfies PoseMethod,
      rotationDeg: fallback.rotationDeg,
      tiltDeg: null,
      flexionDeg: null,
      lateralShiftCm: null,
      shoulderElevationDeg,
    } };
  }
  const out = notMeasurable(frame, reasons.length ? reasons : ['no-face']);
  const withAxes = fallback === 'beyond' ? withBeyondAxes(out, ['turn']) : out; // the nose and ears read a far turn
  return { measure: shoulderElevationDeg === null ? withAxes : { ...withAxes, shoulderElevationDeg }, fit };
}

/**
 * Rotation from the nose and both ears of the body model: with d = ear-to-ear image distance and n = the
 * nose's image offset from the ear midpoint, tan θ = −n·k / (d/2)·… → θ = atan2(−2k·n, d·k²)… simplified to
 * θ = atan2(−n, k·d/2) with k = NOSE_TO_EAR_AXIS_RATIO (nose protrusion over half ear width). The camera
 * does not mirror, so a nose left of the ears (negative n) is a turn to the patient's right (θ > 0).
 * Relative to neutral by subtracting the neutral's own camera yaw.
 */
/** Head yaw from the body model's nose and ears, relative to the camera (see rotationFromKeypoints). */
export function keypointYawFromCameraDeg(frame: LandmarkFrame, minScore = MIN_KEYPOINT_SCORE): { yawDeg: number; score: number } | null {
  const body = selectBody(frame);
  const nose = keypoint(body, 'nose', minScore);
  const le = keypoint(body, 'leftEar', minScore);
  const re = keypoint(body, 'rightEar', minScore);
  if (!nose || !le || !re) return null;
  const d = Math.hypot(le.xPx - re.xPx, le.yPx - re.yPx);
  if (!(d > 1)) return null;
  // The nose's offset along the ear-to-ear line (not along the image x axis), so a head tilt does not read
  // as a turn: at 40° of tilt the image-x offset read a 21° "turn" and flagged a good mesh as collapsed.
  const ux = (le.xPx - re.xPx) / d, uy = (le.yPx - re.yPx) / d;
  const n = (nose.xPx - (le.xPx + re.xPx) / 2) * ux + (nose.yPx - (le.yPx + re.yPx) / 2) * uy;
  return { yawDeg: (Math.atan2(-n, (NOSE_TO_EAR_AXIS_RATIO * d) / 2) * 180) / Math.PI, score: Math.min(nose.score, le.score, re.score) };
}

/** Rotation from the nose and ears, corrected by the person's learned gain (keypointGain.ts); null without one. */
function rotationFromKeypoints(frame: LandmarkFrame, neutral: Neutral, keypointGain: KeypointGainLearner | null): { rotationDeg: number; confidence: number } | 'beyond' | null {
  const kp = keypointYawFromCameraDeg(frame);
  if (kp === null) return null;
  const corrected = keypointGain?.correct(kp.yawDeg) ?? null;
  if (Math.abs(corrected?.yawDeg ?? kp.yawDeg) > MAX_KEYPOINT_YAW_DEG) return 'beyond';
  if (corrected === null || !corrected.withinLearned || kp.score < KEYPOINT_FALLBACK_MIN_SCORE) return null;
  if ((earLineSlopeDeg(frame) ?? Infinity) >= KEYPOINT_FALLBACK_MAX_EAR_LINE_DEG) return null; // a tilted head: the yaw assumes a level one
  const neutralYawDeg = anglesFromRotationMatrix(neutral.headToCamera).rotationDeg;
  return { rotationDeg: corrected.yawDeg - neutralYawDeg, confidence: 0.3 * kp.score };
}

function withShoulders(m: FrameMeasure, frame: LandmarkFrame, neutral: Neutral, fit: HeadFit | null): FrameMeasure {
  const g = shoulderGeometry(frame, null, fit?.pxPerCm);
  return g.shoulderElevationDeg === null ? m : { ...m, shoulderElevationDeg: g.shoulderElevationDeg - (neutral.shoulderElevationDeg ?? 0) };
}
