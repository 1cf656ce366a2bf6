/**
 * Head angles against the anatomical zero, with the reference of each angle stated (reference.ts).
 *
 * Per frame, after the camera-relative measure of the head (estimator.ts with the identity neutral, so the
 * canonical face square to the camera is zero):
 *   H = C · V · M·R·M · Z        Q = Rz(trunkRoll) · Ry(−trunkYaw) · H
 * - R: the canonical head → camera rotation (the estimator's angles, rebuilt exactly);
 * - M: mirror (diag(−1, 1, 1)) when the caller says the frames are mirror images, else identity;
 * - V: the vertical viewing-ray correction Rx(e), e = atan((cy − v)/f): the face-mesh model reads a face
 *   above the image centre as seen from below (chin-up) by the ray's elevation;
 * - C: the camera's pitch against gravity, Rx(pitch) (only when known, else identity);
 * - Z: the face's own zero, Rx(−α) from its ear–eye line (faceZero.ts), or identity (average face);
 * - the trunk's yaw and roll, when known (trunk.ts), so the head is reported relative to the trunk.
 * Rotation, tilt and flexion are the clinical angles of Q (euler.ts). Pure; state is only the slow
 * trunk and face-zero trackers and the estimator's range re-entry guard.
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { type Mat3, anglesFromRotationMatrix, headRotationMatrix, mat3Multiply } from './euler.ts';
import { GuardedFrameMeasurer } from './estimator.ts';
import { type FaceZero, FaceZeroTracker } from './faceZero.ts';
import type { FitOptions, HeadFit } from './headFit.ts';
import { anatomicalNeutral } from './neutral.ts';
import { DEFAULT_HFOV_DEG, assumedCamera } from './refine.ts';
import {
  type AxisReference,
  type CameraContext,
  type FrameReference,
  type ReferenceNote,
  UNCERTAIN_ABOVE_DEG,
  UNKNOWN_CAMERA,
} from './reference.ts';
import { type TrunkEstimate, TrunkTracker } from './trunk.ts';
import { type TrunkSetup, TrunkTurnFlagger } from './trunkSetup.ts';

/** Uncertainty of rotation and tilt against the camera or the trunk from the face mesh itself, deg. */
export const MESH_ANGLE_UNCERTAINTY_DEG = 3;
/** Extra uncertainty when the trunk's turn comes from keypoint depth, deg. */
export const TRUNK_YAW_UNCERTAINTY_DEG = 3;
/** Camera pitch unknown: laptop lids and phone stands tilt the camera by up to about this much, deg. */
export const UNKNOWN_PITCH_UNCERTAINTY_DEG = 15;
/** Default ± of a given camera pitch, deg. */
export const DEFAULT_PITCH_UNCERTAINTY_DEG = 3;

export interface AnatomicalOptions extends FitOptions {
  readonly camera?: CameraContext;
  /** Apply the vertical viewing-ray correction (default true). */
  readonly verticalRay?: boolean;
  /**
   * The person's shoulder width while sitting square to the camera (`learnTrunkSetup`, a camera set-up
   * step). With a 2-D body model it lets a trunk turned to the camera be flagged (rotation uncertain,
   * note `trunk-may-be-turned`); it never changes a value. Default none.
   */
  readonly trunkSetup?: TrunkSetup | null;
}

const rx = (deg: number): Mat3 => headRotationMatrix({ rotationDeg: 0, flexionDeg: deg, tiltDeg: 0 });
const ry = (deg: number): Mat3 => headRotationMatrix({ rotationDeg: deg, flexionDeg: 0, tiltDeg: 0 });
const rzTilt = (deg: number): Mat3 => headRotationMatrix({ rotationDeg: 0, flexionDeg: 0, tiltDeg: deg });
const MIRROR: Mat3 = [-1, 0, 0, 0, 1, 0, 0, 0, 1];

const rss = (...xs: number[]): number => Math.sqrt(xs.reduce((a, x) => a + x * x, 0));

function axisRef(frame: AxisReference['frame'], zero: AxisReference['zero'], uncertaintyDeg: number, notes: readonly ReferenceNote[]): AxisReference {
  return { frame, zero, uncertaintyDeg, uncertain: uncertaintyDeg > UNCERTAIN_ABOVE_DEG, notes: [...new Set(notes)] };
}

/** The references of one frame from what is known (no angles needed): used by measures and by checks. */
export function frameReference(
  trunk: TrunkEstimate,
  faceZero: FaceZero,
  camera: CameraContext,
  has: { rotation: boolean; tilt: boolean; flexion: boolean },
  /** Unsigned trunk turn suggested by the shoulders' width against the set-up (trunkSetup.ts), deg; null = none. */
  suspectedTrunkTurnDeg: number | null = null,
): FrameReference {
  const mirrorNote: ReferenceNote[] = camera.mirrored ? ['camera-mirrored'] : [];
  const trunkNotes = trunk.notes.filter((n) => n !== 'trunk-roll-needs-hips' && n !== 'trunk-yaw-unavailable');
  const yawKnown = trunk.state === 'ok' && trunk.yawDeg !== null;
  const rollKnown = trunk.state === 'ok' && trunk.rollDeg !== null;
  // Without depth, a width narrower than the set-up's says the trunk may be turned: the value is kept (never
  // corrected without a sign) and made uncertain by about that turn.
  const turnFlag = !yawKnown && trunk.state === 'ok' && suspectedTrunkTurnDeg !== null;
  const rotation = axisRef(
    has.rotation ? (yawKnown ? 'trunk' : 'camera') : null,
    'canonical-face',
    yawKnown
      ? rss(MESH_ANGLE_UNCERTAINTY_DEG, TRUNK_YAW_UNCERTAINTY_DEG)
      : turnFlag ? rss(MESH_ANGLE_UNCERTAINTY_DEG, suspectedTrunkTurnDeg!) : MESH_ANGLE_UNCERTAINTY_DEG,
    [
      ...(yawKnown ? [] : trunk.state === 'ok' ? (['trunk-yaw-unavailable'] as ReferenceNote[]) : trunkNotes),
      ...(turnFlag ? (['trunk-may-be-turned'] as ReferenceNote[]) : []),
      ...mirrorNote,
    ],
  );
  const tilt = axisRef(
    has.tilt ? (rollKnown ? 'trunk' : 'camera') : null,
    'canonical-face',
    MESH_ANGLE_UNCERTAINTY_DEG,
    [...(rollKnown ? [] : trunk.state === 'ok' ? (['trunk-roll-needs-hips'] as ReferenceNote[]) : trunkNotes), ...mirrorNote],
  );
  const pitchKnown = camera.pitchDeg !== null && Number.isFinite(camera.pitchDeg);
  const pitchUnc = pitchKnown ? (camera.pitchUncertaintyDeg ?? DEFAULT_PITCH_UNCERTAINTY_DEG) : UNKNOWN_PITCH_UNCERTAINTY_DEG;
  const flexion = axisRef(
    has.flexion ? (pitchKnown ? 'gravity' : 'camera') : null,
    faceZero.zero,
    rss(MESH_ANGLE_UNCERTAINTY_DEG, faceZero.uncertaintyDeg, pitchUnc),
    [...(pitchKnown ? [] : (['camera-pitch-unknown'] as ReferenceNote[])), ...faceZero.notes],
  );
  return { rotationDeg: rotation, tiltDeg: tilt, flexionDeg: flexion };
}

/**
 * Re-expresses a camera-relative measure (identity neutral) against the anatomical reference. Pure:
 * give it the frame's head fit (for the viewing ray), the trunk and the face zero.
 */
export function referenceMeasure(
  m: FrameMeasure,
  frame: LandmarkFrame,
  fit: HeadFit | null,
  trunk: TrunkEstimate,
  faceZero: FaceZero,
  camera: CameraContext,
  opts: { verticalRay?: boolean; hfovDeg?: number; suspectedTrunkTurnDeg?: number | null } = {},
): FrameMeasure {
  const has = { rotation: m.rotationDeg !== null, tilt: m.tiltDeg !== null, flexion: m.flexionDeg !== null };
  const reference = frameReference(trunk, faceZero, camera, has, opts.suspectedTrunkTurnDeg ?? null);
  if (m.rotationDeg === null) return { ...m, reference };
  let R = headRotationMatrix({ rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg ?? 0, flexionDeg: m.flexionDeg ?? 0 });
  if (camera.mirrored) R = mat3Multiply(MIRROR, mat3Multiply(R, MIRROR));
  if (fit && (opts.verticalRay ?? true) && has.flexion) {
    const cam = assumedCamera(frame.imageWidthPx, frame.imageHeightPx, opts.hfovDeg ?? camera.hfovDeg ?? DEFAULT_HFOV_DEG);
    const e = (Math.atan2(cam.cyPx - fit.originPx[1], cam.focalPx) * 180) / Math.PI;
    R = mat3Multiply(rx(e), R);
  }
  if (camera.pitchDeg !== null && Number.isFinite(camera.pitchDeg)) R = mat3Multiply(rx(camera.pitchDeg), R);
  if (has.flexion && faceZero.offsetDeg !== 0) R = mat3Multiply(R, rx(-faceZero.offsetDeg));
  if (trunk.state === 'ok' && trunk.yawDeg !== null) R = mat3Multiply(ry(-trunk.yawDeg), R);
  if (trunk.state === 'ok' && trunk.rollDeg !== null && has.tilt) R = mat3Multiply(rzTilt(-trunk.rollDeg), R);
  const a = anglesFromRotationMatrix(R);
  const flip = camera.mirrored ? -1 : 1;
  return {
    ...m,
    rotationDeg: a.rotationDeg,
    tiltDeg: has.tilt ? a.tiltDeg : null,
    flexionDeg: has.flexion ? a.flexionDeg : null,
    lateralShiftCm: m.lateralShiftCm === null ? null : flip * m.lateralShiftCm,
    shoulderElevationDeg: m.shoulderElevationDeg === null ? null : flip * m.shoulderElevationDeg,
    reference,
  };
}

/**
 * Frames in order → measures against the anatomical zero, each with its reference. The one
 * implementation behind the app's live view and exam, the CLI and research mode.
 */
export class AnatomicalEstimator {
  private cam: CameraContext;
  private readonly inner: GuardedFrameMeasurer;
  private readonly neutral = anatomicalNeutral();
  private readonly trunk: TrunkTracker;
  private readonly faceZero = new FaceZeroTracker();
  private readonly verticalRay: boolean;
  private readonly turnFlagger: TrunkTurnFlagger;

  constructor(opts: AnatomicalOptions = {}) {
    const { camera, verticalRay, trunkSetup, ...fit } = opts;
    this.turnFlagger = new TrunkTurnFlagger(trunkSetup ?? null);
    this.cam = camera ?? UNKNOWN_CAMERA;
    this.verticalRay = verticalRay ?? true;
    this.inner = new GuardedFrameMeasurer(fit);
    this.trunk = new TrunkTracker(2000, this.cam.mirrored ?? false);
  }

  get camera(): CameraContext {
    return this.cam;
  }

  /**
   * The camera's pitch against gravity changed (a phone's sensor moved, or the person set or unset a laptop
   * camera level at eye height); everything else about the camera (mirroring, field of view) stays. What this
   * estimator has learnt is kept: all of it — the face-mesh guards, the trunk window and the face's own
   * flexion zero (faceZero.ts) — is learnt from the camera's image alone, and the pitch enters only when a
   * frame's angles are put against gravity (`referenceMeasure`). A camera that tilts moves the head's
   * camera-relative pitch exactly as a nod does, which the face zero's rigidity check is built to see through
   * (a line fixed in the head keeps its slope), so its decision stands. A new estimator would decide it again
   * mid-recording (the app made one for every degree a phone's sensor moved: session 11).
   */
  setCameraPitch(pitchDeg: number | null, pitchUncertaintyDeg?: number): void {
    const { pitchUncertaintyDeg: _old, ...rest } = this.cam;
    this.cam = { ...rest, pitchDeg, ...(pitchUncertaintyDeg !== undefined ? { pitchUncertaintyDeg } : {}) };
  }

  measure(frame: LandmarkFrame): FrameMeasure {
    // The head fit the measure used (one per frame), when the mesh gave the measure.
    const { measure: m, fit: measureFit } = this.inner.measureWithFit(frame, this.neutral);
    const trunk = this.trunk.update(frame);
    const fit = m.method === 'face-mesh' ? measureFit : null;
    const zero = this.faceZero.update(frame, fit);
    const turn = this.turnFlagger.update(frame, fit);
    return referenceMeasure(m, frame, fit, trunk, zero, this.cam, { verticalRay: this.verticalRay, suspectedTrunkTurnDeg: turn.suspectedTurnDeg });
  }

  /** The face's current zero (how much its own flexion zero differs from the average face's). */
  get faceZeroState(): FaceZero {
    return this.faceZero.current();
  }
}
