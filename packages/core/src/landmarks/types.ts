/**
 * The plain landmark types that every `LandmarkSource` produces and every part of core consumes.
 * Wire formats (Human's result objects, recorded JSON) are converted to these at the adapter.
 *
 * Frames and units
 * - Image points are in pixels of the analysed frame: x to the right of the image, y down the image,
 *   origin at the top-left corner. Names end in `Px`.
 * - Face-mesh depth `z` is in the same pixel-like scale as x and y, **smaller z = closer to the camera**
 *   (the MediaPipe FaceMesh convention). Adapters must convert to this convention.
 * - Body-part names are **anatomical**: `leftShoulder` is the person's own left shoulder, which a camera
 *   facing the person (no mirroring) shows on the right side of the image.
 * - Time is `timestampMs` from the frame source (presentation time), never the wall clock.
 */

/** A point in image pixels (x right, y down) with model depth z (smaller = closer to the camera). */
export interface PointPx {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface BoxPx {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One face found in a frame. */
export interface FaceObservation {
  /** 468 points in MediaPipe FaceMesh index order, optionally followed by 10 iris points (478). */
  readonly meshPx: readonly PointPx[];
  readonly boxPx: BoxPx;
  /** Face-detector confidence, 0..1. */
  readonly detectionScore: number;
  /** Face-mesh confidence (face presence after mesh), 0..1. */
  readonly meshScore: number;
  /**
   * Glare on glasses: the share (0..1) of near-white pixels in the box where a glasses lens sits over each eye, the
   * mesh's 33–133 eye first, then its 362–263 eye (null: that box mostly outside the frame). Measured by the vision
   * package from the frame's bytes (packages/vision/src/mesh/lensGlare.ts); absent in recordings made before
   * session 12 and on Human's own crop. Used by the calibration (pose/lensGlare.ts).
   */
  readonly lensGlareShares?: readonly [number | null, number | null];
}

export const BODY_PARTS = [
  'nose',
  'leftEye',
  'rightEye',
  'leftEar',
  'rightEar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
] as const;
/** Anatomical names: `left…` is the person's own left. */
export type BodyPartName = (typeof BODY_PARTS)[number];

export interface BodyKeypoint {
  readonly part: BodyPartName;
  readonly xPx: number;
  readonly yPx: number;
  /** Keypoint confidence, 0..1. */
  readonly score: number;
  /**
   * Depth in the same pixel-like scale as x, smaller = closer to the camera, when the body model gives one
   * (BlazePose-class models); absent for 2-D models such as MoveNet. Used for the trunk's turn (pose/trunk.ts).
   */
  readonly zPx?: number;
}

/** One person's body keypoints (MoveNet / BlazePose subset). */
export interface BodyObservation {
  readonly keypoints: readonly BodyKeypoint[];
  /** Whole-body confidence, 0..1. */
  readonly score: number;
}

/** A hand found in a frame (used to flag a hand over the face, e.g. during a sensory trick). */
export interface HandObservation {
  readonly boxPx: BoxPx;
  /** The hand detector's score for the box, 0..1. */
  readonly score: number;
  /**
   * The hand-landmark model's own score that the box holds a hand, 0..1 (0: it found no hand there). Absent in
   * recordings made before session 7. A palm detector alone puts confident boxes on faces (docs/hand-over-face.md).
   */
  readonly skeletonScore?: number;
}

/** Everything one frame gives. Empty arrays mean "looked and found none". */
export interface LandmarkFrame {
  /** Index of the frame in its source, from 0. */
  readonly frameIndex: number;
  /** Presentation time from the frame source, in milliseconds. */
  readonly timestampMs: number;
  readonly imageWidthPx: number;
  readonly imageHeightPx: number;
  readonly faces: readonly FaceObservation[];
  readonly bodies: readonly BodyObservation[];
  readonly hands: readonly HandObservation[];
  /**
   * Present when `bodies` were not read on this frame but carried from an earlier one (the vision schedule runs
   * the body model at 3 Hz): how old they are and where the patient's face centre (`faceCentrePx`) was on the
   * frame they were read from (null: no single face there). Absent: the bodies belong to this frame, or the
   * source does not say (recordings made before session 7). Core uses it so a held body that lags a moving
   * picture is not read as a sideways shift (docs/lateral-shift.md).
   */
  readonly bodyHeld?: BodyHeld;
}

/** Where a held body came from (see `LandmarkFrame.bodyHeld`). */
export interface BodyHeld {
  /** Frame time since the body was read, ms. */
  readonly ageMs: number;
  /** The patient's face centre (`faceCentrePx`) on the frame the body was read from; null when no single face. */
  readonly faceCentrePx: { readonly xPx: number; readonly yPx: number } | null;
}

/** Describes where frames came from (written into every result for provenance). */
export interface SourceInfo {
  /** e.g. 'human-wasm', 'human-webgl', 'replay'. */
  readonly kind: string;
  /** Model names and versions used, e.g. { facemesh: 'human 3.3.6' }. */
  readonly models: Readonly<Record<string, string>>;
  readonly imageWidthPx: number;
  readonly imageHeightPx: number;
  /** Nominal frame rate if known (variable-rate sources still carry real timestamps). */
  readonly nominalFps: number | null;
}

/** A stream of landmark frames: a video file run through models, a camera, or a replayed recording. */
export interface LandmarkSource {
  readonly info: SourceInfo;
  frames(): AsyncIterable<LandmarkFrame>;
  /** Releases models, decoders, workers, files. Safe to call twice. */
  close(): Promise<void>;
}
