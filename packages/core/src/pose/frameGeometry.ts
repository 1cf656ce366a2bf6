/**
 * Per-frame geometry shared by calibration and measurement: which face is the patient's, and the
 * shoulder/neck relations that give lateral shift and shoulder elevation.
 */
import type { BodyObservation, BodyPartName, FaceObservation, HandObservation, LandmarkFrame } from '../landmarks/types.ts';
import { type HeadFit, headPointToImagePx } from './headFit.ts';

/** Score below which a body keypoint is ignored. MoveNet's own demos use 0.3. */
export const MIN_KEYPOINT_SCORE = 0.3;
/** A second face at least this share of the largest face's area means two people are in view. */
export const SECOND_FACE_AREA_SHARE = 0.2;
/** Face detections below this score are ignored. */
export const MIN_FACE_SCORE = 0.3;
/**
 * A hand box is a hand only when the hand-landmark model also sees one in it (`skeletonScore` at least this), whatever
 * the palm detector scored. On still real photographs with no hand (Human's samples.jpg thumbnails) the detector put
 * boxes inside a face at 0.53–0.71 on up to 273 of 360 frames, and on a bare arm at 0.91–0.92 on 344; the landmark
 * model scored those 0.51–0.59 (it reports nothing under 0.5), the phantom's false boxes 0.51–0.52. Human's own sample
 * of a real hand: landmarks 0.74 (docs/hand-over-face.md). Recordings made before session 7 carry no skeletonScore:
 * the box score alone, as before.
 */
export const MIN_HAND_SKELETON_SCORE = 0.6;

/** Whether a hand box is evidence of a hand: box score ≥ minBoxScore and, when recorded, MIN_HAND_SKELETON_SCORE. */
export function isHandEvidence(h: HandObservation, minBoxScore: number): boolean {
  if (!(h.score >= minBoxScore)) return false;
  return h.skeletonScore === undefined || h.skeletonScore >= MIN_HAND_SKELETON_SCORE;
}

/**
 * Approximate neck pivot (upper cervical spine) in canonical head coordinates, cm: on the midline,
 * below and behind the canonical origin. Anthropometric estimate; lateral shift is measured as the
 * displacement of this point relative to the shoulder midpoint, so that turning or tilting the head about
 * the neck does not read as a shift.
 */
export const NECK_PIVOT_CM: readonly [number, number, number] = [0, 7, 4];

export type FaceSelection =
  | { readonly kind: 'one'; readonly face: FaceObservation }
  | { readonly kind: 'none' }
  | { readonly kind: 'multiple' };

export function selectPatientFace(frame: LandmarkFrame): FaceSelection {
  const faces = frame.faces.filter((f) => f.detectionScore >= MIN_FACE_SCORE && f.meshPx.length > 0);
  if (faces.length === 0) return { kind: 'none' };
  const area = (f: FaceObservation) => Math.max(0, f.boxPx.width) * Math.max(0, f.boxPx.height);
  const sorted = [...faces].sort((a, b) => area(b) - area(a));
  const first = sorted[0]!;
  const second = sorted[1];
  if (second && area(second) >= SECOND_FACE_AREA_SHARE * area(first)) return { kind: 'multiple' };
  return { kind: 'one', face: first };
}

export function keypoint(body: BodyObservation | undefined, part: BodyPartName, minScore = MIN_KEYPOINT_SCORE) {
  const k = body?.keypoints.find((p) => p.part === part);
  return k && k.score >= minScore && Number.isFinite(k.xPx) && Number.isFinite(k.yPx) ? k : null;
}

/** The body whose nose (or shoulders) is nearest the given image point; the first body if no point. */
export function selectBody(frame: LandmarkFrame, nearPx?: readonly [number, number]): BodyObservation | undefined {
  if (frame.bodies.length <= 1 || !nearPx) return frame.bodies[0];
  let best: BodyObservation | undefined;
  let bestD = Infinity;
  for (const b of frame.bodies) {
    const k = keypoint(b, 'nose') ?? keypoint(b, 'leftShoulder') ?? keypoint(b, 'rightShoulder');
    if (!k) continue;
    const d = Math.hypot(k.xPx - nearPx[0], k.yPx - nearPx[1]);
    if (d < bestD) { bestD = d; best = b; }
  }
  return best ?? frame.bodies[0];
}

/**
 * How far (cm, sideways in the image, at the face's scale) the face may have moved since a held body was read for
 * the sideways shift still to be read against that body. The shift is the neck pivot minus the shoulder midpoint;
 * with a held body, whatever the face moved since is read as shift when the trunk moved with it (a camera pan, a
 * hand-held phone, a sway of the whole trunk): a still photograph panned ±80 px at 0.5 Hz read −8.4…+7.2 cm
 * (BENCHMARKS.md, session 7). 0.5 cm bounds that error at a quarter of the 2 cm at which a shift scores
 * (LATERAL_SHIFT_PRESENT_CM), and is more than a head at rest moves in 333 ms (docs/lateral-shift.md).
 */
export const MAX_FACE_MOVE_SINCE_BODY_CM = 0.5;

/** The face's centre in the image: the mean of its 468 mesh points (the iris points left out), px. */
export function faceCentrePx(face: FaceObservation): { xPx: number; yPx: number } | null {
  const n = Math.min(468, face.meshPx.length);
  if (n === 0) return null;
  let x = 0, y = 0;
  for (let i = 0; i < n; i++) {
    x += face.meshPx[i]!.x;
    y += face.meshPx[i]!.y;
  }
  return { xPx: x / n, yPx: y / n };
}

/** The body was read on this frame (recordings made before the held-body marker count every body as read). */
export function bodyReadOnFrame(frame: LandmarkFrame): boolean {
  return frame.bodyHeld === undefined || frame.bodyHeld.ageMs === 0;
}

/**
 * Sideways distance (px) the patient's face moved since the frame's held body was read: 0 when the body is the
 * frame's own, Infinity when it cannot be told (no single face now or then).
 */
export function faceMoveSinceBodyPx(frame: LandmarkFrame): number {
  const held = frame.bodyHeld;
  if (held === undefined || bodyReadOnFrame(frame)) return 0;
  const sel = selectPatientFace(frame);
  return sel.kind === 'one' ? faceMovedSidewaysPx(sel.face, held.faceCentrePx) : Infinity;
}

/** Sideways distance (px) between `face`'s centre and an earlier centre `thenPx`; Infinity when either is unknown. */
export function faceMovedSidewaysPx(face: FaceObservation, thenPx: { readonly xPx: number } | null): number {
  const now = faceCentrePx(face);
  return now === null || thenPx === null ? Infinity : Math.abs(now.xPx - thenPx.xPx);
}

export interface ShoulderGeometry {
  /** Neck pivot relative to the shoulder midpoint, cm, + = patient's right (image left). */
  readonly lateralOffsetCm: number | null;
  /** + = patient's right shoulder higher. */
  readonly shoulderElevationDeg: number | null;
  /** Ear-to-ear image distance in cm at the face's scale. */
  readonly earDistanceCm: number | null;
}

export function shoulderGeometry(frame: LandmarkFrame, fit: HeadFit | null, pxPerCmFallback?: number): ShoulderGeometry {
  const pivot = fit ? headPointToImagePx(fit, NECK_PIVOT_CM) : null;
  const body = selectBody(frame, pivot ? [pivot[0], pivot[1]] : undefined);
  const ls = keypoint(body, 'leftShoulder');
  const rs = keypoint(body, 'rightShoulder');
  const le = keypoint(body, 'leftEar');
  const re = keypoint(body, 'rightEar');
  const pxPerCm = fit?.pxPerCm ?? pxPerCmFallback ?? null;
  let shoulderElevationDeg: number | null = null;
  let lateralOffsetCm: number | null = null;
  if (ls && rs && ls.xPx > rs.xPx) {
    // Person's left shoulder is on the image right. Right shoulder higher = smaller image y.
    shoulderElevationDeg = (Math.atan2(ls.yPx - rs.yPx, ls.xPx - rs.xPx) * 180) / Math.PI;
    // A held body is compared with the face only while the face has not moved past MAX_FACE_MOVE_SINCE_BODY_CM since.
    if (pivot && pxPerCm && faceMoveSinceBodyPx(frame) / pxPerCm <= MAX_FACE_MOVE_SINCE_BODY_CM) {
      const midX = (ls.xPx + rs.xPx) / 2;
      // Patient's right is image left: a pivot left of the midpoint is a shift to the patient's right.
      lateralOffsetCm = -(pivot[0] - midX) / pxPerCm;
    }
  }
  const earDistanceCm = le && re && pxPerCm ? Math.hypot(le.xPx - re.xPx, le.yPx - re.yPx) / pxPerCm : null;
  return { lateralOffsetCm, shoulderElevationDeg, earDistanceCm };
}
