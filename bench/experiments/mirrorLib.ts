/**
 * Exact left-right mirror of saved landmark frames (issue 13, session 10 "mirror"): what the models would give on
 * the hflipped video if they were perfectly mirror-equivariant. x → W − x − offsetPx for every point and box (offset 0:
 * continuous coordinates with pixel centres at i + 0.5, which is what ffmpeg hflip does to them; 1: pixel centres at i),
 * body keypoint names left ↔ right, and the 468 face-mesh indices permuted to their mirror partners, derived from the
 * canonical face's own geometry (nearest point to (−x, y, z)); the 10 iris points (478) pair by the same rule on the
 * mesh itself.
 */
import { readFileSync } from 'node:fs';
import type { BodyPartName, LandmarkFrame, PointPx } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { parseLandmarks } from '@geste/vision';

/** The mirror partner of each of the 468 canonical points; throws unless the pairing is an involution. */
export function canonicalMirrorPairs(): { pairs: number[]; selfPaired: number; worstCm: number } {
  const n = CANONICAL_FACE_CM.length / 3;
  const p = (i: number): [number, number, number] => [CANONICAL_FACE_CM[3 * i]!, CANONICAL_FACE_CM[3 * i + 1]!, CANONICAL_FACE_CM[3 * i + 2]!];
  const pairs: number[] = [];
  let worstCm = 0;
  for (let i = 0; i < n; i++) {
    const [x, y, z] = p(i);
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      const [a, b, c] = p(j);
      const d = Math.hypot(a + x, b - y, c - z);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    pairs.push(best);
    worstCm = Math.max(worstCm, bestD);
  }
  const bad = pairs.filter((j, i) => pairs[j] !== i).length;
  if (bad) throw new Error(`the canonical mirror pairing is not an involution at ${bad} points`);
  return { pairs, selfPaired: pairs.filter((j, i) => j === i).length, worstCm };
}

const SWAP: Record<string, string> = {};
for (const s of ['Eye', 'Ear', 'Shoulder', 'Elbow', 'Wrist', 'Hip']) {
  SWAP[`left${s}`] = `right${s}`;
  SWAP[`right${s}`] = `left${s}`;
}

/** Iris pairing (478 meshes): each of 468..477 to the iris point nearest its mirror image on one frontal frame. */
function irisPairs(mesh: readonly PointPx[], wPx: number): number[] {
  const out: number[] = [];
  for (let i = 468; i < 478; i++) {
    const q = mesh[i]!;
    let best = i;
    let bestD = Infinity;
    for (let j = 468; j < 478; j++) {
      const d = Math.hypot(wPx - mesh[j]!.x - q.x, mesh[j]!.y - q.y);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    out.push(best);
  }
  return out;
}

export function mirrorFrames(frames: readonly LandmarkFrame[], offsetPx = 0): LandmarkFrame[] {
  const { pairs } = canonicalMirrorPairs();
  let iris: number[] | null = null;
  return frames.map((f) => {
    const W = f.imageWidthPx;
    const mx = (x: number): number => W - offsetPx - x;
    return {
      ...f,
      faces: f.faces.map((face) => {
        if (face.meshPx.length === 478 && iris === null) iris = irisPairs(face.meshPx, W - offsetPx);
        const perm = face.meshPx.length === 478 ? [...pairs, ...iris!] : pairs;
        return {
          ...face,
          meshPx: perm.map((j) => {
            const q = face.meshPx[j]!;
            return { x: mx(q.x), y: q.y, z: q.z };
          }),
          boxPx: { ...face.boxPx, x: W - face.boxPx.x - face.boxPx.width },
        };
      }),
      bodies: f.bodies.map((b) => ({
        ...b,
        keypoints: b.keypoints.map((k) => ({ ...k, part: (SWAP[k.part] ?? k.part) as BodyPartName, xPx: mx(k.xPx) })),
      })),
      hands: f.hands.map((h) => ({ ...h, boxPx: { ...h.boxPx, x: W - h.boxPx.x - h.boxPx.width } })),
      ...(f.bodyHeld ? { bodyHeld: { ...f.bodyHeld, faceCentrePx: f.bodyHeld.faceCentrePx ? { ...f.bodyHeld.faceCentrePx, xPx: mx(f.bodyHeld.faceCentrePx.xPx) } : null } } : {}),
    };
  });
}

/** A saved landmarks file: `{ frames }` JSON (the matrix) or geste-landmarks JSONL (`geste analyze --landmarks`). */
export function loadFrames(path: string): LandmarkFrame[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.jsonl')) return parseLandmarks(text).frames;
  return (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
}
