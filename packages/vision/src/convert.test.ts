import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BODY_PARTS, type BodyPartName } from '@geste/core';
import { boxOfPoints, swapSide, toLandmarkFrame, Z_SIGN, type HumanFaceLike, type HumanResultLike } from './convert.ts';
import { FACE_MESH_INPUT_PX } from './humanConfig.ts';

const TOL_PX = 1e-9;

function face(offsetX: number, z: number, cropFrac: number): HumanFaceLike {
  const mesh = Array.from({ length: 478 }, (_, i) => [offsetX + (i % 20), 10 + Math.floor(i / 20), i === 1 ? -z : z]);
  return { mesh, boxRaw: [0.1, 0.1, cropFrac, cropFrac], boxScore: 0.9, faceScore: 0.95 };
}

const ctx = { frameIndex: 7, timestampMs: 233.3, imageWidthPx: 640, imageHeightPx: 480 };

describe('toLandmarkFrame', () => {
  it('keeps every face, in order, with pixel x/y and z rescaled from the 192 px crop to image pixels', () => {
    const r: HumanResultLike = { face: [face(100, 12, 0.5), face(400, 6, 0.25)], body: [], hand: [] };
    const f = toLandmarkFrame(r, ctx);
    expect(f.faces).toHaveLength(2);
    expect(f.frameIndex).toBe(7);
    expect(f.timestampMs).toBe(233.3);
    const [a, b] = f.faces;
    expect(a!.meshPx[0]!.x).toBe(100);
    expect(b!.meshPx[0]!.x).toBe(400);
    // crop width = 0.5 × 640 = 320 px → z scale 320/192
    expect(a!.meshPx[0]!.z).toBeCloseTo((Z_SIGN * 12 * 320) / FACE_MESH_INPUT_PX, 9);
    expect(b!.meshPx[1]!.z).toBeCloseTo((Z_SIGN * -6 * 160) / FACE_MESH_INPUT_PX, 9);
    expect(a!.meshPx).toHaveLength(478);
  });

  it('drops detector-only faces (no 468-point mesh) and clamps scores to 0..1', () => {
    const r: HumanResultLike = {
      face: [{ mesh: [[1, 2, 3]], boxRaw: [0, 0, 0.1, 0.1], boxScore: 0.5, faceScore: 0.1 }, { ...face(0, 1, 0.2), boxScore: 1.7, faceScore: -1 }],
      body: [],
      hand: [],
    };
    const f = toLandmarkFrame(r, ctx);
    expect(f.faces).toHaveLength(1);
    expect(f.faces[0]!.detectionScore).toBe(1);
    expect(f.faces[0]!.meshScore).toBe(0);
  });

  it('face box is the tight box of the 468 mesh points, not the enlarged crop', () => {
    const f = toLandmarkFrame({ face: [face(50, 1, 0.9)], body: [], hand: [] }, ctx);
    expect(f.faces[0]!.boxPx).toEqual({ x: 50, y: 10, width: 19, height: 23 });
  });

  it('keeps only the named body parts, in BODY_PARTS order, anatomical names unchanged for unmirrored images', () => {
    const r: HumanResultLike = {
      face: [],
      body: [
        {
          score: 0.8,
          keypoints: [
            { part: 'leftKnee', position: [1, 2], score: 0.9 },
            { part: 'rightShoulder', position: [100, 200], score: 0.7 },
            { part: 'leftShoulder', position: [300, 210], score: 0.6 },
            { part: 'nose', position: [200, 100], score: 0.9 },
          ],
        },
      ],
      hand: [{ box: [10, 20, 30, 40], score: 0.66 }],
    };
    const f = toLandmarkFrame(r, ctx);
    expect(f.bodies[0]!.keypoints.map((k) => k.part)).toEqual(['nose', 'leftShoulder', 'rightShoulder']);
    expect(f.bodies[0]!.keypoints[1]).toEqual({ part: 'leftShoulder', xPx: 300, yPx: 210, score: 0.6 });
    expect(f.hands).toEqual([{ boxPx: { x: 10, y: 20, width: 30, height: 40 }, score: 0.66 }]);
  });

  it("keeps the hand-landmark model's own score (Human's fingerScore) as skeletonScore", () => {
    const f = toLandmarkFrame({ face: [], body: [], hand: [{ box: [10, 20, 30, 40], score: 0.69, fingerScore: 0.51 }] }, ctx);
    expect(f.hands).toEqual([{ boxPx: { x: 10, y: 20, width: 30, height: 40 }, score: 0.69, skeletonScore: 0.51 }]);
  });

  it('swaps left/right names when the analysed image is mirrored, keeping image coordinates', () => {
    const r: HumanResultLike = {
      face: [],
      body: [{ score: 1, keypoints: [{ part: 'leftShoulder', position: [300, 210], score: 0.6 }, { part: 'rightEar', position: [5, 6], score: 0.5 }] }],
      hand: [],
    };
    const f = toLandmarkFrame(r, { ...ctx, imageMirrored: true });
    expect(f.bodies[0]!.keypoints).toEqual([
      { part: 'leftEar', xPx: 5, yPx: 6, score: 0.5 },
      { part: 'rightShoulder', xPx: 300, yPx: 210, score: 0.6 },
    ]);
  });

  it('NaN or infinite positions are not measurable, never 0: the face, keypoint or hand is left out; a NaN score is 0', () => {
    const bad = face(100, 12, 0.5);
    (bad.mesh[33] as number[])[0] = Number.NaN;
    const inf = face(100, 12, 0.5);
    (inf.mesh[263] as number[])[2] = Infinity;
    const r: HumanResultLike = {
      face: [bad, inf, face(400, 6, 0.25)],
      body: [{ score: 0.9, keypoints: [{ part: 'nose', position: [Number.NaN, 5], score: 0.9 }, { part: 'leftShoulder', position: [10, 20], score: Number.NaN }] }],
      hand: [{ box: [Number.NaN, 1, Infinity, 2], score: 0.8 }, { box: [1, 2, 3, 4], score: Number.NaN }],
    } as HumanResultLike;
    const f = toLandmarkFrame(r, ctx);
    expect(f.faces.map((x) => x.meshPx[0]!.x)).toEqual([400]);
    expect(f.bodies[0]!.keypoints).toEqual([{ part: 'leftShoulder', xPx: 10, yPx: 20, score: 0 }]);
    expect(f.hands).toEqual([{ boxPx: { x: 1, y: 2, width: 3, height: 4 }, score: 0 }]);
    // With its only face left out, the frame is not measurable in core (no face → no angles).
    const onlyBad = toLandmarkFrame({ face: [bad], body: [], hand: [] }, ctx);
    expect(onlyBad.faces).toEqual([]);
  });
});

describe('swapSide', () => {
  it('is an involution on body parts that maps left↔right and keeps the nose', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BODY_PARTS), (p: BodyPartName) => {
        const s = swapSide(p);
        expect(BODY_PARTS).toContain(s);
        expect(swapSide(s)).toBe(p);
        expect(s === p).toBe(p === 'nose');
      }),
    );
  });
});

describe('boxOfPoints', () => {
  it('contains every point and touches the extremes', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: -1e4, max: 1e4, noNaN: true }), y: fc.double({ min: -1e4, max: 1e4, noNaN: true }), z: fc.constant(0) }), { minLength: 1, maxLength: 50 }), (pts) => {
        const b = boxOfPoints(pts);
        for (const p of pts) {
          expect(p.x).toBeGreaterThanOrEqual(b.x - TOL_PX);
          expect(p.x).toBeLessThanOrEqual(b.x + b.width + 1e-6);
          expect(p.y).toBeGreaterThanOrEqual(b.y - TOL_PX);
          expect(p.y).toBeLessThanOrEqual(b.y + b.height + 1e-6);
        }
        expect(pts.some((p) => p.x === b.x)).toBe(true);
        expect(pts.some((p) => p.y === b.y)).toBe(true);
      }),
    );
  });
});
