/**
 * Head orientation of one face by rigid alignment of the canonical face (cm) to the observed mesh (px).
 *
 * The observed mesh is image x, y in pixels with the model's depth z in the same pixel-like scale, so the
 * alignment is a weak-perspective model: one scale (px per cm at the face), one rotation, one translation.
 * For a webcam at arm's length the face spans a few degrees of the field of view and the perspective error
 * of this model stays well under a degree (checked on the phantom, see BENCHMARKS.md).
 */
import type { FaceObservation } from '../landmarks/types.ts';
import { CANONICAL_FACE_CM } from './canonicalFace.ts';
import { type Mat3, mat3Multiply } from './euler.ts';
import { FACE_MESH_POINTS, RIGID_FACE_POINTS } from './faceIndices.ts';
import { alignSimilarity } from './quatAlign.ts';
import { DEFAULT_HFOV_DEG, assumedCamera, refinePerspective } from './refine.ts';

export interface HeadFit {
  /** Head → camera rotation of the canonical head frame (row-major). */
  readonly headToCamera: Mat3;
  /** Image pixels per centimetre at the face. */
  readonly pxPerCm: number;
  /** Where the canonical origin (about the middle of the head) lands in the image, px. */
  readonly originPx: readonly [number, number, number];
  /** Weighted RMS distance between the fitted canonical face and the mesh, in cm. */
  readonly rmsResidualCm: number;
}

const WEIGHT_RIGID = 1;
const WEIGHT_OTHER = 0.15;

/** The head fit's per-point weights (rigid points 1, the others 0.15), with the points `leaveOut` names at 0. */
export function headFitWeights(leaveOut: (index: number) => boolean = () => false): Float64Array {
  const w = new Float64Array(FACE_MESH_POINTS).fill(WEIGHT_OTHER);
  for (const i of RIGID_FACE_POINTS) w[i] = WEIGHT_RIGID;
  for (let i = 0; i < FACE_MESH_POINTS; i++) if (leaveOut(i)) w[i] = 0;
  return w;
}

const WEIGHTS: Float64Array = headFitWeights();

/** The canonical face as a flat x, y, z array, cm (what the fits align). */
export const CANONICAL_FACE: Float64Array = Float64Array.from(CANONICAL_FACE_CM);
const CANON = CANONICAL_FACE;

/** The mesh's points as a flat x, y, z array (image px and the model's depth); null when the mesh is incomplete. */
export function meshArray(face: FaceObservation): Float64Array | null {
  if (face.meshPx.length < FACE_MESH_POINTS) return null;
  const observed = new Float64Array(FACE_MESH_POINTS * 3);
  for (let i = 0; i < FACE_MESH_POINTS; i++) {
    const p = face.meshPx[i]!;
    observed[i * 3] = p.x;
    observed[i * 3 + 1] = p.y;
    observed[i * 3 + 2] = p.z;
  }
  return observed;
}

export interface FitOptions {
  /**
   * Refine the closed-form fit with a pinhole camera model that trusts image x/y over the model's depth.
   * Default false: on the phantom, Human's meshes of turned faces give closer angles with the closed-form
   * 3-D fit (BENCHMARKS.md); exact synthetic meshes under perspective are recovered better with it.
   */
  readonly perspective?: boolean;
  /** Assumed horizontal field of view of the camera for the perspective refinement, deg. */
  readonly cameraHfovDeg?: number;
  /**
   * Correct the closed-form (orthographic) fit for the direction of the line of sight to the face: a face
   * off the image centre is seen from the side by the ray's angle, which an orthographic fit reads as head
   * rotation (about 0.2° per degree for a head turning about its neck at 50–60 cm). Default false: on the
   * phantom it moved the small-angle gain only from 1.24 to 1.20 and cost 1° on a 30° turn (BENCHMARKS.md);
   * Human's own mesh response dominates.
   */
  readonly viewingRay?: boolean;
}

/**
 * Rotation taking the optical axis (0, 0, 1) to the ray through image point (u, v), for a pinhole camera.
 * ref: Rodrigues' rotation formula.
 */
export function rayRotation(uPx: number, vPx: number, camera: { focalPx: number; cxPx: number; cyPx: number }): Mat3 {
  const x = (uPx - camera.cxPx) / camera.focalPx, y = (vPx - camera.cyPx) / camera.focalPx;
  const n = Math.hypot(x, y, 1);
  const dx = x / n, dy = y / n, dz = 1 / n;
  // axis = z × d = (−dy, dx, 0), cos = dz
  const ax = -dy, ay = dx;
  const s = Math.hypot(ax, ay);
  if (s < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const kx = ax / s, ky = ay / s, c = dz, v = 1 - c;
  return [c + kx * kx * v, kx * ky * v, ky * s, kx * ky * v, c + ky * ky * v, -kx * s, -ky * s, kx * s, c];
}

/** Fits the canonical head to a face mesh; `null` when the mesh is incomplete or degenerate. */
export function fitHead(
  face: FaceObservation,
  image: { readonly imageWidthPx: number; readonly imageHeightPx: number },
  opts: FitOptions = {},
): HeadFit | null {
  const observed = meshArray(face);
  if (observed === null) return null;
  const fit = alignSimilarity(CANON, observed, WEIGHTS);
  if (fit === null) return null;
  const closedForm: HeadFit = { headToCamera: fit.rotation, pxPerCm: fit.scale, originPx: fit.translation, rmsResidualCm: fit.rmsResidualA };
  if (opts.perspective !== true && opts.viewingRay !== true) return closedForm;
  const camera = assumedCamera(image.imageWidthPx, image.imageHeightPx, opts.cameraHfovDeg ?? DEFAULT_HFOV_DEG);
  if (opts.perspective !== true) {
    const ray = rayRotation(fit.translation[0], fit.translation[1], camera);
    return { ...closedForm, headToCamera: mat3Multiply(ray, fit.rotation) };
  }
  const refined = refinePerspective(CANON, observed, WEIGHTS, fit, camera);
  if (refined === null) return closedForm;
  return { headToCamera: refined.rotation, pxPerCm: refined.pxPerCm, originPx: refined.originPx, rmsResidualCm: fit.rmsResidualA };
}

/** Image position (px) of a point given in canonical head coordinates (cm). */
export function headPointToImagePx(fit: HeadFit, pointCm: readonly [number, number, number]): [number, number, number] {
  const r = fit.headToCamera;
  const s = fit.pxPerCm;
  const [x, y, z] = pointCm;
  return [
    fit.originPx[0] + s * (r[0] * x + r[1] * y + r[2] * z),
    fit.originPx[1] + s * (r[3] * x + r[4] * y + r[5] * z),
    fit.originPx[2] + s * (r[6] * x + r[7] * y + r[8] * z),
  ];
}
