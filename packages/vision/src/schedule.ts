/**
 * Which of the costly models run on the next frame: pay only for what the moment needs (issue 15).
 *
 * The face mesh runs on every frame (head angles are the product). The others are scheduled here, in one
 * place shared by the Node detector, the Node two-worker pipeline and the browser engine, so every host
 * makes the same choices for the same frames:
 *
 * - **Iris**: off. No measure reads the iris points (meshes are fitted on the 468 face points only;
 *   `grep` of packages/core and apps finds no use of points 468..477), so `DEFAULT_TUNING.iris` is false.
 * - **Body (MoveNet)**: shoulder elevation and the lateral shift are posture measures that change over
 *   seconds, so the body runs at `bodyPeriodMs` (default 333 ms = 3 Hz) and the frames in between carry
 *   the last body, marked `LandmarkFrame.bodyHeld` (its age and where the face was when it was read: core reads the
 *   sideways shift against a held body only while the face has stayed put, docs/lateral-shift.md). It runs
 *   again once the face has moved more than `bodyWhenFaceMovedCm` sideways since it was read (a panned camera,
 *   a hand-held phone, a sway of the whole trunk), at most every `bodyMovingPeriodMs` (200 ms), so a moving
 *   picture still gets a shift 5 times a second (100 ms cost the fast-panned clip 1.0 s of 12 s: 1.47× → 1.67× real
 *   time at 200 ms, BENCHMARKS "Sideways shift on a moving picture"). It runs on every frame while the previous frame had no
 *   single fitted face (the nose-and-ears fallback then may give the rotation: core/pose/keypointGain.ts) or the head was turned
 *   ≥ `bodyEveryFrameFromYawDeg` from the camera (the estimator's mesh-collapse check compares the mesh
 *   with the body's nose and ears from about 50°; core/pose/estimator.ts).
 * - **Hands**: the hand model (≈ 117 ms per run on this machine) runs only while something asks for it:
 *   the app's sensory-trick windows and exam phases (`setNeeds({ hands: true })`), a hand seen near the
 *   face on the last run (kept on while it stays there; `handNearFaceWidths`), the face mesh signalling occlusion (face lost after
 *   being seen, low mesh score or a poor fit), or a sweep every `handsSweepMs` so a hand that
 *   creeps over the face without upsetting the mesh is still found. Between runs the last hands are held
 *   (empty after a run that found none). A hand far from the face (on the lap, or a false hand on a
 *   patterned shirt: a box on the astronaut's suit patch kept hands on 144 of 360 frames of a panned
 *   clip, ≈ 2.4 s of 10 s CPU) does not keep the model on: it cannot cover the face or be a
 *   sensory trick, and a hand that moves toward the face is found by the next sweep or occlusion signal.
 *
 * Decisions use only earlier frames' landmarks and the frames' own timestamps (never the wall clock), so
 * they are deterministic for a given frame sequence.
 */
import { fitHead, anglesFromRotationMatrix, faceCentrePx, faceMovedSidewaysPx, MAX_FACE_MOVE_SINCE_BODY_CM, isHandEvidence, MIN_HAND_SCORE, selectPatientFace, type BodyHeld, type BodyObservation, type BoxPx, type HandObservation, type LandmarkFrame } from '@geste/core';

export interface ScheduleTuning {
  /** Body model period while the face is tracked near frontal, ms of frame time (0 = every frame). */
  readonly bodyPeriodMs: number;
  /** From this |yaw| from the camera (previous frame) the body runs on every frame. */
  readonly bodyEveryFrameFromYawDeg: number;
  /**
   * The body runs again on the next frame once the face (previous frame) has moved sideways this far (cm at the
   * face's scale) since the held body was read (Infinity = never): core reads the sideways shift against a held
   * body only within MAX_FACE_MOVE_SINCE_BODY_CM of where the face was (docs/lateral-shift.md).
   */
  readonly bodyWhenFaceMovedCm: number;
  /**
   * …but not sooner than this after the last body run, ms of frame time. 200 ms: on a still photo panned ±80 px at
   * 0.5 Hz, 100 ms ran the body on 96 of 360 frames (35 at 3 Hz; 133 with no floor) and cost ≈ 1 s of a 12 s clip
   * for the same shift median; at 200 ms the shift samples still fall 5 times a second.
   */
  readonly bodyMovingPeriodMs: number;
  /** Hand sweep period when nothing asks for hands, ms of frame time (0 = hands on every frame, Infinity = no sweep). */
  readonly handsSweepMs: number;
  /** Hands stay on this long after the last occlusion signal or hand seen, ms of frame time. */
  readonly handsHoldMs: number;
  /**
   * A hand seen on a run keeps the hand model on only when its box comes within this many face-box widths
   * of the face box (any hand counts while no single face is seen).
   */
  readonly handNearFaceWidths: number;
  /** A face mesh score below this counts as an occlusion signal. */
  readonly occlusionMeshScore: number;
  /** A head fit residual above this (cm on the canonical face) counts as an occlusion signal. */
  readonly occlusionFitResidualCm: number;
}

/**
 * 3 Hz body: a shoulder shrug of 1 s is still sampled 3 times; held values are at most 333 ms old (at
 * 30 fps: body on 1 frame in 10; in the browser at 5–20 measurements/s, 1 frame in 2–7). A 5 Hz period
 * ran the body on every frame of a loaded browser measuring 5 frames/s (bench:web, 59 ms per frame). 35°: the mesh-collapse check needs fresh keypoints from ≈ 50°, with margin.
 * 1 s hand sweep: at 30 fps one hand run in 30 frames (≈ 4 ms/frame on average) instead of one in 15.
 */
export const DEFAULT_SCHEDULE: ScheduleTuning = {
  bodyPeriodMs: 1000 / 3,
  bodyEveryFrameFromYawDeg: 35,
  bodyWhenFaceMovedCm: MAX_FACE_MOVE_SINCE_BODY_CM,
  bodyMovingPeriodMs: 200,
  handsSweepMs: 1000,
  handsHoldMs: 1000,
  handNearFaceWidths: 0.5,
  occlusionMeshScore: 0.6,
  occlusionFitResidualCm: 1.0,
};

/** What the app currently does that needs a model (set by screens: trick trainer, exam phases). */
export interface ScheduleNeeds {
  /** A sensory-trick window or an exam phase that reads hands. */
  readonly hands: boolean;
}

/** The decision for one frame. */
export interface FramePlan {
  readonly frameIndex: number;
  readonly runBody: boolean;
  readonly runHands: boolean;
  /** Why the hands run (or 'off'). */
  readonly handsReason: 'needed' | 'hand-seen' | 'occlusion' | 'sweep' | 'off';
}

/** What a frame carried after `complete`: the age of its body and hands, ms of frame time (null: never run). */
export interface FrameAges {
  readonly bodyAgeMs: number | null;
  readonly handsAgeMs: number | null;
}

/** Human's per-call config for a plan (merged by Human into its config; every call sets both). */
export function planConfig(plan: FramePlan, loaded: { body: boolean; hands: boolean }): { body: { enabled: boolean; skipFrames: number }; hand: { enabled: boolean } } {
  return { body: { enabled: loaded.body && plan.runBody, skipFrames: 0 }, hand: { enabled: loaded.hands && plan.runHands } };
}

export class ModelSchedule {
  private needs: ScheduleNeeds = { hands: false };
  private lastBodyRunMs: number | null = null;
  private lastHandsRunMs: number | null = null;
  private handsOnUntilMs = -Infinity;
  private prevYawDeg: number | null = null;
  private prevFaceSeen = false;
  /** Sideways face movement (cm) on the previous frame since its held body was read (0 when fresh or unknown). */
  private prevFaceMovedCm = 0;
  private everFace = false;
  private heldBodies: readonly BodyObservation[] = [];
  private heldHands: readonly HandObservation[] = [];
  private heldBodyFaceCentrePx: BodyHeld['faceCentrePx'] = null;
  private lastPlan: FramePlan | null = null;
  private lastAges: FrameAges = { bodyAgeMs: null, handsAgeMs: null };

  /**
   * `handsWindowsMs`: frame-time windows in which hands are needed (a recorded exam's sensory-trick
   * windows, `geste analyze --phases`), as if `setNeeds({ hands: true })` were set inside them.
   */
  constructor(
    readonly tuning: ScheduleTuning = DEFAULT_SCHEDULE,
    private readonly handsWindowsMs: readonly { readonly startMs: number; readonly endMs: number }[] = [],
  ) {}

  setNeeds(needs: ScheduleNeeds): void {
    this.needs = needs;
  }

  /** Decides for the frame about to be analysed; call `complete` with its landmarks before the next `plan`. */
  plan(frameIndex: number, timestampMs: number): FramePlan {
    const t = this.tuning;
    const bodyDue = this.lastBodyRunMs === null || timestampMs - this.lastBodyRunMs >= t.bodyPeriodMs || timestampMs < this.lastBodyRunMs;
    const headFar = this.prevYawDeg !== null && this.prevYawDeg >= t.bodyEveryFrameFromYawDeg;
    const noFace = !this.prevFaceSeen;
    const faceMoved = this.prevFaceMovedCm > t.bodyWhenFaceMovedCm && (this.lastBodyRunMs === null || timestampMs - this.lastBodyRunMs >= t.bodyMovingPeriodMs);
    const runBody = bodyDue || headFar || noFace || faceMoved;
    let handsReason: FramePlan['handsReason'] = 'off';
    if (this.needs.hands || this.handsWindowsMs.some((w) => timestampMs >= w.startMs && timestampMs <= w.endMs)) handsReason = 'needed';
    else if (timestampMs < this.handsOnUntilMs) handsReason = this.heldHands.length > 0 ? 'hand-seen' : 'occlusion';
    else if (this.lastHandsRunMs === null || timestampMs - this.lastHandsRunMs >= t.handsSweepMs || timestampMs < this.lastHandsRunMs) handsReason = 'sweep';
    const p: FramePlan = { frameIndex, runBody, runHands: handsReason !== 'off', handsReason };
    this.lastPlan = p;
    return p;
  }

  /**
   * Takes the frame the detector returned for the last plan (bodies/hands empty where a model did not
   * run) and returns it with the held body and hands filled in; updates the signals for the next plan.
   */
  complete(frame: LandmarkFrame): LandmarkFrame {
    const p = this.lastPlan;
    if (p === null || p.frameIndex !== frame.frameIndex) {
      throw new Error(`ModelSchedule.complete: expected frame ${p?.frameIndex ?? '(none planned)'}, got ${frame.frameIndex}`);
    }
    this.lastPlan = null;
    const ts = frame.timestampMs;
    const sel = selectPatientFace(frame);
    if (p.runBody) {
      this.heldBodies = frame.bodies;
      this.lastBodyRunMs = ts;
      this.heldBodyFaceCentrePx = sel.kind === 'one' ? faceCentrePx(sel.face) : null;
    }
    if (p.runHands) {
      this.heldHands = frame.hands;
      this.lastHandsRunMs = ts;
    }
    // Signals for the next frame.
    let yaw: number | null = null;
    let occluded = false;
    this.prevFaceMovedCm = 0;
    if (sel.kind === 'one') {
      const fit = fitHead(sel.face, frame);
      if (fit !== null) yaw = Math.abs(anglesFromRotationMatrix(fit.headToCamera).rotationDeg);
      // How far the face moved since the held body, as core's shift check measures it (unknown: not moved).
      if (!p.runBody && fit !== null) {
        const movedPx = faceMovedSidewaysPx(sel.face, this.heldBodyFaceCentrePx);
        if (Number.isFinite(movedPx)) this.prevFaceMovedCm = movedPx / fit.pxPerCm;
      }
      occluded = sel.face.meshScore < this.tuning.occlusionMeshScore || fit === null || fit.rmsResidualCm > this.tuning.occlusionFitResidualCm;
    } else if (sel.kind === 'none') {
      occluded = this.everFace; // the face went away: a hand in front of it is one reason
    }
    if (sel.kind !== 'none') this.everFace = true;
    this.prevYawDeg = yaw;
    this.prevFaceSeen = yaw !== null;
    // Only a box the hand-landmark model also calls a hand keeps the hand model on (core isHandEvidence: on real faces the
    // palm detector alone finds "hands" on a cheek or a bare arm on most frames; docs/hand-over-face.md).
    // And only near the face (handNearFaceWidths): a hand on the lap or a false hand on a shirt cannot cover the face.
    const handKeepsOn = p.runHands && frame.hands.some((h) => isHandEvidence(h, MIN_HAND_SCORE) && (sel.kind !== 'one' || boxesWithin(h.boxPx, sel.face.boxPx, this.tuning.handNearFaceWidths * sel.face.boxPx.width)));
    if (occluded || handKeepsOn) this.handsOnUntilMs = ts + this.tuning.handsHoldMs;
    this.lastAges = {
      bodyAgeMs: this.lastBodyRunMs === null ? null : ts - this.lastBodyRunMs,
      handsAgeMs: this.lastHandsRunMs === null ? null : ts - this.lastHandsRunMs,
    };
    if (p.runBody && p.runHands) return frame;
    if (p.runBody) return { ...frame, hands: this.heldHands };
    const bodyHeld: BodyHeld = { ageMs: ts - (this.lastBodyRunMs ?? ts), faceCentrePx: this.heldBodyFaceCentrePx };
    return { ...frame, bodies: this.heldBodies, hands: this.heldHands, bodyHeld };
  }

  /** Ages of the body and hands carried by the last completed frame. */
  ages(): FrameAges {
    return this.lastAges;
  }
}

/** True when box `a` comes within `marginPx` of box `b` (boxes overlap once `b` is grown by the margin on every side). */
export function boxesWithin(a: BoxPx, b: BoxPx, marginPx: number): boolean {
  return a.x <= b.x + b.width + marginPx && a.x + a.width >= b.x - marginPx && a.y <= b.y + b.height + marginPx && a.y + a.height >= b.y - marginPx;
}
