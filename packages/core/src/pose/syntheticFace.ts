/**
 * Synthetic face meshes with a known pose, for tests and demos: the canonical face rotated, scaled,
 * projected (orthographic or pinhole) and optionally jittered with seeded noise. Deterministic.
 */
import type { FaceObservation, PointPx } from '../landmarks/types.ts';
import { CANONICAL_FACE_CM } from './canonicalFace.ts';
import { type Mat3, headRotationMatrix, mat3Multiply } from './euler.ts';
import type { HeadAngles } from '../measures/types.ts';
import { FACE_MESH_POINTS } from './faceIndices.ts';
import { seededRandom } from '../random.ts';

export interface SyntheticFaceOptions {
  readonly angles: HeadAngles;
  /** Orientation the angles are relative to (head→camera); identity = facing the camera. */
  readonly neutral?: Mat3;
  /** Where the canonical origin lands, px. Default (320, 240). */
  readonly centerPx?: readonly [number, number];
  /** Face scale, px per cm. Default 12 (a face about 180 px wide). */
  readonly pxPerCm?: number;
  /** Pinhole projection with this focal length (px) at this distance (cm) instead of orthographic. */
  readonly perspective?: { readonly focalPx: number; readonly distanceCm: number };
  /** Standard deviation of Gaussian noise added to x, y (px) and z. Default 0. */
  readonly noisePx?: number;
  readonly seed?: number;
  /** Mirror the image left-right (as a selfie view does), keeping anatomical point labels. */
  readonly mirrored?: boolean;
  readonly imageWidthPx?: number;
  readonly imageHeightPx?: number;
  /** The face's own points (468 × 3, cm, canonical frame) instead of the canonical face, e.g. with the jaw opened. */
  readonly shapeCm?: readonly number[];
}

/** Index of each canonical point's left-right mirror partner (from the exact symmetry of the model). */
export const MIRROR_PARTNER: readonly number[] = (() => {
  const out: number[] = [];
  for (let i = 0; i < FACE_MESH_POINTS; i++) {
    const x = CANONICAL_FACE_CM[i * 3]!, y = CANONICAL_FACE_CM[i * 3 + 1]!, z = CANONICAL_FACE_CM[i * 3 + 2]!;
    let best = i, bestD = Infinity;
    for (let j = 0; j < FACE_MESH_POINTS; j++) {
      const d = (CANONICAL_FACE_CM[j * 3]! + x) ** 2 + (CANONICAL_FACE_CM[j * 3 + 1]! - y) ** 2 + (CANONICAL_FACE_CM[j * 3 + 2]! - z) ** 2;
      if (d < bestD) { bestD = d; best = j; }
    }
    out.push(best);
  }
  return out;
})();

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function syntheticFace(opts: SyntheticFaceOptions): FaceObservation {
  const rot = mat3Multiply(opts.neutral ?? [1, 0, 0, 0, 1, 0, 0, 0, 1], headRotationMatrix(opts.angles));
  const [cx, cy] = opts.centerPx ?? [320, 240];
  const s = opts.pxPerCm ?? 12;
  const rand = seededRandom(opts.seed ?? 1);
  const noise = opts.noisePx ?? 0;
  const width = opts.imageWidthPx ?? 640;
  const shape = opts.shapeCm ?? CANONICAL_FACE_CM;
  if (shape.length !== FACE_MESH_POINTS * 3) throw new Error(`syntheticFace: shapeCm must hold ${FACE_MESH_POINTS * 3} numbers (468 points × 3), got ${shape.length}`);
  const pts: PointPx[] = [];
  for (let i = 0; i < FACE_MESH_POINTS; i++) {
    const x = shape[i * 3]!, y = shape[i * 3 + 1]!, z = shape[i * 3 + 2]!;
    const rx = rot[0] * x + rot[1] * y + rot[2] * z;
    const ry = rot[3] * x + rot[4] * y + rot[5] * z;
    const rz = rot[6] * x + rot[7] * y + rot[8] * z;
    let px: number, py: number;
    if (opts.perspective) {
      // Pinhole camera, principal point at the image centre; the canonical origin sits on the ray through
      // centerPx at distanceCm. Depth z keeps the image scale at the origin (focal / distance px per cm).
      const { focalPx, distanceCm } = opts.perspective;
      const height = opts.imageHeightPx ?? 480;
      const ox = ((cx - width / 2) * distanceCm) / focalPx, oy = ((cy - height / 2) * distanceCm) / focalPx;
      const depth = distanceCm + rz;
      px = width / 2 + (focalPx * (ox + rx)) / depth;
      py = height / 2 + (focalPx * (oy + ry)) / depth;
      pts.push({ x: px + noise * gaussian(rand), y: py + noise * gaussian(rand), z: (focalPx / distanceCm) * rz + noise * gaussian(rand) });
      continue;
    } else {
      px = cx + s * rx;
      py = cy + s * ry;
    }
    pts.push({ x: px + noise * gaussian(rand), y: py + noise * gaussian(rand), z: s * rz + noise * gaussian(rand) });
  }
  let mesh = pts;
  if (opts.mirrored) {
    // The mirrored image shows the person's right where the left was; the model labels anatomically.
    mesh = MIRROR_PARTNER.map((j) => {
      const p = pts[j]!;
      return { x: width - p.x, y: p.y, z: p.z };
    });
  }
  const xs = mesh.map((p) => p.x), ys = mesh.map((p) => p.y);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  return {
    meshPx: mesh,
    boxPx: { x: minX, y: minY, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY },
    detectionScore: 0.95,
    meshScore: 0.95,
  };
}
