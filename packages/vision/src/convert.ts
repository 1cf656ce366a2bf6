/**
 * Human result → `LandmarkFrame` (the project's own plain type). Pure: no Node, no DOM, no tfjs.
 *
 * Conventions enforced here (see packages/core/src/landmarks/types.ts and docs/vision.md):
 * - Mesh x, y are pixels of the analysed frame. Human truncates them to integers; we keep them.
 * - Mesh z: Human passes the face-mesh model's raw z through, in pixels of the 192 px crop the model
 *   saw, not scaled like x and y. We rescale z by (crop box width px / 192) so z has the same pixel
 *   scale as x and y. Sign: checked on a frontal face (astronaut.png): nose tip (index 1) z < cheek
 *   (234, 454) z, i.e. Human's z already means "smaller = closer", so no flip.
 *   `Z_SIGN` below documents that decision and is asserted by an integration test.
 * - Body parts: MoveNet names keypoints anatomically (COCO convention): `leftShoulder` is the
 *   person's own left, shown on the image right for an unmirrored camera (checked on
 *   astronaut.png). If the analysed image is a mirror image (selfie preview), pass
 *   `imageMirrored: true` and left/right names are swapped back to anatomical.
 */
import { BODY_PARTS } from '@geste/core';
import type {
  BodyKeypoint,
  BodyObservation,
  BodyPartName,
  BoxPx,
  FaceObservation,
  HandObservation,
  LandmarkFrame,
  PointPx,
} from '@geste/core';
import { FACE_MESH_INPUT_PX } from './humanConfig.ts';

/** Multiply Human's z by this to get "smaller = closer" (verified: Human already uses it). */
export const Z_SIGN = 1;

/** The parts of Human's `FaceResult` we read (structural, so tests can build them). */
export interface HumanFaceLike {
  readonly mesh: readonly (readonly number[])[];
  /** Normalized crop box [x, y, w, h] (unclamped), fractions of the input width/height. */
  readonly boxRaw: readonly number[];
  readonly boxScore: number;
  readonly faceScore: number;
  /** The own-ROI path's glare shares in the two lens boxes (mesh/lensGlare.ts); absent on Human's own crop. */
  readonly lensGlareShares?: readonly [number | null, number | null];
}
export interface HumanBodyKeypointLike {
  readonly part: string;
  readonly position: readonly number[];
  readonly score: number;
}
export interface HumanBodyLike {
  readonly score: number;
  readonly keypoints: readonly HumanBodyKeypointLike[];
}
export interface HumanHandLike {
  /** Pixel box [x, y, w, h]. */
  readonly box: readonly number[];
  readonly score: number;
  /** The hand-landmark (skeleton) model's score, 0 when it found no hand in the box. */
  readonly fingerScore?: number;
}
export interface HumanResultLike {
  readonly face: readonly HumanFaceLike[];
  readonly body: readonly HumanBodyLike[];
  readonly hand: readonly HumanHandLike[];
}

export interface ConvertContext {
  readonly frameIndex: number;
  readonly timestampMs: number;
  readonly imageWidthPx: number;
  readonly imageHeightPx: number;
  /** True when the analysed image is a mirror image of the scene (e.g. a selfie preview). */
  readonly imageMirrored?: boolean;
}

const BODY_PART_SET: ReadonlySet<string> = new Set(BODY_PARTS);

/** Anatomical left/right swap for mirrored images. */
export function swapSide(part: BodyPartName): BodyPartName {
  if (part.startsWith('left')) return ('right' + part.slice(4)) as BodyPartName;
  if (part.startsWith('right')) return ('left' + part.slice(5)) as BodyPartName;
  return part;
}

/** Finite number or 0; `+ 0` turns -0 into 0 (JSON writes -0 as 0, so a replay would differ). */
function finite(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n + 0 : 0;
}

const shareOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? clamp01(v) : null);

function clamp01(n: number): number {
  return n < 0 ? 0 : n > 1 ? 1 : n;
}

/** Tight box around mesh points (Human's own face box is the enlarged model crop). */
export function boxOfPoints(points: readonly PointPx[]): BoxPx {
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

const isFinitePoint = (p: readonly unknown[]): boolean => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (p[2] === undefined || Number.isFinite(p[2]));

export function convertFace(face: HumanFaceLike, ctx: ConvertContext): FaceObservation | null {
  if (face.mesh.length < 468) return null; // detector-only result (mesh failed): not a usable face
  // A mesh point that is NaN or infinite is not a place on the face: read as 0 it would be a wrong
  // point at the image corner and a wrong angle. The face is not usable: the frame is *not measurable*.
  if (!face.mesh.slice(0, 468).every((p) => isFinitePoint(p as readonly unknown[]))) return null;
  const cropWidthPx = finite(face.boxRaw[2]) * ctx.imageWidthPx;
  const zScale = cropWidthPx > 0 ? (Z_SIGN * cropWidthPx) / FACE_MESH_INPUT_PX : Z_SIGN;
  // `|| 0`: no -0 (JSON would write it as 0 and a replay would no longer equal the live frame).
  const meshPx: PointPx[] = face.mesh.map((p) => ({ x: finite(p[0]), y: finite(p[1]), z: finite(p[2]) * zScale || 0 }));
  return {
    meshPx,
    boxPx: boxOfPoints(meshPx.slice(0, 468)),
    detectionScore: clamp01(finite(face.boxScore)),
    meshScore: clamp01(finite(face.faceScore)),
    ...(face.lensGlareShares ? { lensGlareShares: [shareOrNull(face.lensGlareShares[0]), shareOrNull(face.lensGlareShares[1])] as const } : {}),
  };
}

export function convertBody(body: HumanBodyLike, ctx: ConvertContext): BodyObservation {
  const keypoints: BodyKeypoint[] = [];
  for (const k of body.keypoints) {
    if (!BODY_PART_SET.has(k.part)) continue; // knees, ankles: not used
    if (!Number.isFinite(k.position[0]) || !Number.isFinite(k.position[1])) continue; // no position: not seen (never a point at 0, 0)
    const part = ctx.imageMirrored ? swapSide(k.part as BodyPartName) : (k.part as BodyPartName);
    keypoints.push({ part, xPx: finite(k.position[0]), yPx: finite(k.position[1]), score: clamp01(finite(k.score)) });
  }
  keypoints.sort((a, b) => BODY_PARTS.indexOf(a.part) - BODY_PARTS.indexOf(b.part));
  return { keypoints, score: clamp01(finite(body.score)) };
}

export function convertHand(hand: HumanHandLike): HandObservation {
  return {
    boxPx: { x: finite(hand.box[0]), y: finite(hand.box[1]), width: finite(hand.box[2]), height: finite(hand.box[3]) },
    score: clamp01(finite(hand.score)),
    ...(typeof hand.fingerScore === 'number' ? { skeletonScore: clamp01(finite(hand.fingerScore)) } : {}),
  };
}

/** Converts one Human result. Faces, bodies and hands keep Human's order (all of them). */
export function toLandmarkFrame(result: HumanResultLike, ctx: ConvertContext): LandmarkFrame {
  const faces: FaceObservation[] = [];
  for (const f of result.face) {
    const o = convertFace(f, ctx);
    if (o) faces.push(o);
  }
  return {
    frameIndex: ctx.frameIndex,
    timestampMs: ctx.timestampMs,
    imageWidthPx: ctx.imageWidthPx,
    imageHeightPx: ctx.imageHeightPx,
    faces,
    bodies: result.body.map((b) => convertBody(b, ctx)),
    // A hand box with a NaN or infinite edge is no box: left out rather than read as 0.
    hands: result.hand.filter((h) => h.box.slice(0, 4).every((v) => Number.isFinite(v))).map(convertHand),
  };
}
