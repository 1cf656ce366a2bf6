import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BodyKeypoint, LandmarkFrame } from '../landmarks/types.ts';
import { headRotationMatrix } from './euler.ts';
import { HeadPoseEstimator, measureFrame } from './estimator.ts';
import { anatomicalNeutral, calibrateNeutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';
import { CONSISTENT_RUN_FRAMES } from './reentry.ts';
import { MESH_RANGE_DEG } from './range.ts';

/** The largest turn the mesh is trusted to (range.ts), less 1°: still measured. */
const NEAR_EDGE_DEG = MESH_RANGE_DEG.rotationDeg - 1;
import type { HeadAngles } from '../measures/types.ts';

/** Geometry on exact synthetic landmarks: the issue asks for < 0.5°. */
const TOL_EXACT_DEG = 0.5;
/** With 1 px landmark noise on a 180 px face. */
const TOL_NOISY_DEG = 1.5;

function frameOf(faces: LandmarkFrame['faces'], extra: Partial<LandmarkFrame> = {}, i = 0): LandmarkFrame {
  return {
    frameIndex: i,
    timestampMs: i * 33.3,
    imageWidthPx: 640,
    imageHeightPx: 480,
    faces,
    bodies: [],
    hands: [],
    ...extra,
  };
}

const angles = (rotationDeg: number, tiltDeg: number, flexionDeg: number): HeadAngles => ({ rotationDeg, tiltDeg, flexionDeg });

describe('head pose from the face mesh', () => {
  it('recovers known single-axis rotations to < 0.5°', () => {
    const est = new HeadPoseEstimator();
    for (const a of [angles(30, 0, 0), angles(-NEAR_EDGE_DEG, 0, 0), angles(0, 25, 0), angles(0, -30, 0), angles(0, 0, 30), angles(0, 0, -25), angles(NEAR_EDGE_DEG, 0, 0)]) {
      const m = est.measure(frameOf([syntheticFace({ angles: a })]));
      expect(m.method).toBe('face-mesh');
      expect(Math.abs(m.rotationDeg! - a.rotationDeg)).toBeLessThan(TOL_EXACT_DEG);
      expect(Math.abs(m.tiltDeg! - a.tiltDeg)).toBeLessThan(TOL_EXACT_DEG);
      expect(Math.abs(m.flexionDeg! - a.flexionDeg)).toBeLessThan(TOL_EXACT_DEG);
    }
  });

  it('recovers combined postures to < 0.5° (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -NEAR_EDGE_DEG, max: NEAR_EDGE_DEG, noNaN: true }),
        fc.double({ min: -35, max: 35, noNaN: true }),
        fc.double({ min: -35, max: 35, noNaN: true }),
        (r, t, f) => {
          const m = measureFrame(frameOf([syntheticFace({ angles: angles(r, t, f) })]), anatomicalNeutral());
          expect(Math.abs(m.rotationDeg! - r)).toBeLessThan(TOL_EXACT_DEG);
          expect(Math.abs(m.tiltDeg! - t)).toBeLessThan(TOL_EXACT_DEG);
          expect(Math.abs(m.flexionDeg! - f)).toBeLessThan(TOL_EXACT_DEG);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays within 1.5° with 1 px landmark noise and a pinhole camera at 60 cm', () => {
    const est = new HeadPoseEstimator();
    for (const [i, a] of [angles(20, 10, -10), angles(-35, -15, 15), angles(10, 25, 20)].entries()) {
      const face = syntheticFace({ angles: a, noisePx: 1, seed: 7 + i, perspective: { focalPx: 550, distanceCm: 60 } });
      const m = est.measure(frameOf([face]));
      expect(Math.abs(m.rotationDeg! - a.rotationDeg)).toBeLessThan(TOL_NOISY_DEG);
      expect(Math.abs(m.tiltDeg! - a.tiltDeg)).toBeLessThan(TOL_NOISY_DEG);
      expect(Math.abs(m.flexionDeg! - a.flexionDeg)).toBeLessThan(TOL_NOISY_DEG);
    }
  });

  it('the perspective refinement removes the pinhole bias of the closed-form fit (to < 0.3°)', () => {
    const est = new HeadPoseEstimator({ perspective: true, cameraHfovDeg: 60 });
    const focalPx = 320 / Math.tan((30 * Math.PI) / 180);
    for (const a of [angles(20, 10, -10), angles(-35, -15, 15), angles(10, 25, 20), angles(NEAR_EDGE_DEG, 0, 0)]) {
      const m = est.measure(frameOf([syntheticFace({ angles: a, perspective: { focalPx, distanceCm: 55 } })]));
      expect(Math.abs(m.rotationDeg! - a.rotationDeg)).toBeLessThan(0.3);
      expect(Math.abs(m.tiltDeg! - a.tiltDeg)).toBeLessThan(0.3);
      expect(Math.abs(m.flexionDeg! - a.flexionDeg)).toBeLessThan(0.3);
    }
  });

  it('a mirrored face flips the sign of rotation and tilt, not flexion (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -45, max: 45, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (r, t, f) => {
          const n = anatomicalNeutral();
          const plain = measureFrame(frameOf([syntheticFace({ angles: angles(r, t, f) })]), n);
          const mirrored = measureFrame(frameOf([syntheticFace({ angles: angles(r, t, f), mirrored: true })]), n);
          expect(Math.abs(mirrored.rotationDeg! + plain.rotationDeg!)).toBeLessThan(TOL_EXACT_DEG);
          expect(Math.abs(mirrored.tiltDeg! + plain.tiltDeg!)).toBeLessThan(TOL_EXACT_DEG);
          expect(Math.abs(mirrored.flexionDeg! - plain.flexionDeg!)).toBeLessThan(TOL_EXACT_DEG);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the patient turning to their right moves the nose to the image left', () => {
    const face = syntheticFace({ angles: angles(30, 0, 0) });
    expect(face.meshPx[1]!.x).toBeLessThan(320);
    expect(measureFrame(frameOf([face]), anatomicalNeutral()).rotationDeg!).toBeGreaterThan(25);
  });
});

describe('calibrated neutral', () => {
  const cameraOffset = headRotationMatrix(angles(20, 5, -8));

  it('measures relative to the calibrated neutral when the camera is off to the side', () => {
    const still = Array.from({ length: 15 }, (_, i) =>
      frameOf([syntheticFace({ angles: angles(0, 0, 0), neutral: cameraOffset, noisePx: 0.3, seed: i })], {}, i),
    );
    const cal = calibrateNeutral(still);
    expect(cal.ok).toBe(true);
    if (!cal.ok) return;
    expect(cal.neutral.kind).toBe('calibrated');
    const est = new HeadPoseEstimator({ neutral: cal.neutral });
    // Pure flexion in the patient's own frame stays pure flexion despite the camera offset.
    const m = est.measure(frameOf([syntheticFace({ angles: angles(0, 0, 25), neutral: cameraOffset })]));
    expect(Math.abs(m.flexionDeg! - 25)).toBeLessThan(TOL_NOISY_DEG);
    expect(Math.abs(m.rotationDeg!)).toBeLessThan(TOL_NOISY_DEG);
    expect(Math.abs(m.tiltDeg!)).toBeLessThan(TOL_NOISY_DEG);
  });

  it('refuses to calibrate while the head moves, and says so', () => {
    const moving = Array.from({ length: 15 }, (_, i) =>
      frameOf([syntheticFace({ angles: angles(i * 2, 0, 0) })], {}, i),
    );
    const cal = calibrateNeutral(moving);
    expect(cal.ok).toBe(false);
    if (!cal.ok) expect(cal.reason).toBe('not-still');
  });

  it('refuses to calibrate without faces', () => {
    const cal = calibrateNeutral([frameOf([]), frameOf([])]);
    expect(cal).toMatchObject({ ok: false, reason: 'too-few-face-frames' });
  });
});

describe('not measurable is said, never a wrong number', () => {
  it('no face → not measurable with reason no-face', () => {
    const m = measureFrame(frameOf([]), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.reasons).toContain('no-face');
    expect(m.rotationDeg).toBeNull();
  });

  it('a NaN or infinite landmark → not measurable (invalid-frame), never an angle', () => {
    for (const bad of [Number.NaN, Infinity]) {
      const f = syntheticFace({ angles: angles(10, 0, 0), centerPx: [320, 240], pxPerCm: 8 });
      const meshPx = f.meshPx.map((p, i) => (i === 1 ? { ...p, x: bad } : p));
      const m = measureFrame(frameOf([{ ...f, meshPx }]), anatomicalNeutral());
      expect(m.state).toBe('not-measurable');
      expect(m.reasons).toEqual(['invalid-frame']);
      expect(m.rotationDeg).toBeNull();
    }
  });

  it('two faces of similar size → not measurable (whose head is it?)', () => {
    const a = syntheticFace({ angles: angles(0, 0, 0), centerPx: [160, 240], pxPerCm: 8 });
    const b = syntheticFace({ angles: angles(20, 0, 0), centerPx: [480, 240], pxPerCm: 8 });
    const m = measureFrame(frameOf([a, b]), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.reasons).toEqual(['multiple-faces']);
  });

  it('a small face far behind the patient is ignored', () => {
    const a = syntheticFace({ angles: angles(10, 0, 0), pxPerCm: 12 });
    const b = syntheticFace({ angles: angles(-40, 0, 0), centerPx: [600, 60], pxPerCm: 3 });
    const m = measureFrame(frameOf([a, b]), anatomicalNeutral());
    expect(m.state).toBe('measured');
    expect(Math.abs(m.rotationDeg! - 10)).toBeLessThan(TOL_EXACT_DEG);
  });

  it('face turned beyond the mesh range is not measurable, not a guess', () => {
    const m = measureFrame(frameOf([syntheticFace({ angles: angles(80, 0, 0) })]), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.rotationDeg).toBeNull();
    expect(m.reasons).toContain('beyond-tracker-range');
  });

  it('a mesh that collapsed toward frontal while nose and ears show a large turn is not measurable', () => {
    // Mesh says 15° right, and its model is unsure of it (score 0.6: collapses scored 0.2–0.7 on the phantom); the
    // body model's nose sits far toward the image left of the ears (≈ 45°).
    const face = { ...syntheticFace({ angles: angles(15, 0, 0) }), meshScore: 0.6 };
    const body = {
      score: 0.6,
      keypoints: [
        { part: 'nose' as const, xPx: 250, yPx: 240, score: 0.5 },
        { part: 'rightEar' as const, xPx: 280, yPx: 230, score: 0.25 },
        { part: 'leftEar' as const, xPx: 390, yPx: 230, score: 0.4 },
      ],
    };
    const m = measureFrame(frameOf([face], { bodies: [body] }), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.reasons).toContain('beyond-tracker-range');
    // The same mesh with nose and ears agreeing is measured.
    const agreeing = { ...body, keypoints: body.keypoints.map((k) => (k.part === 'nose' ? { ...k, xPx: 322 } : k)) };
    expect(measureFrame(frameOf([face], { bodies: [agreeing] }), anatomicalNeutral()).method).toBe('face-mesh');
    // A mesh its model is sure of (1.0) is not overruled by weak keypoints (scores 0.25–0.5; the phantom's read −24°
    // at a true 0°)…
    const sure = { ...face, meshScore: 1 };
    expect(measureFrame(frameOf([sure], { bodies: [body] }), anatomicalNeutral()).method).toBe('face-mesh');
    // …but strong ones still overrule it.
    const strong = { ...body, keypoints: body.keypoints.map((k) => ({ ...k, score: 0.8 })) };
    expect(measureFrame(frameOf([sure], { bodies: [strong] }), anatomicalNeutral()).state).toBe('not-measurable');
    // Turned toward the range edge (a sure mesh can lag a fast turn there), weak keypoints showing more turn count too.
    const sureFar = { ...syntheticFace({ angles: angles(35, 0, 0) }), meshScore: 1 };
    const farBody = { ...body, keypoints: body.keypoints.map((k) => (k.part === 'nose' ? { ...k, xPx: 205 } : k)) };
    expect(measureFrame(frameOf([sureFar], { bodies: [farBody] }), anatomicalNeutral()).state).toBe('not-measurable');
  });

  it('nose and ears showing a large turn to the other side do not call a clearly turned mesh collapsed', () => {
    // Weak keypoints read +70…+82° at a true −35° on one phantom face (issue 13); a collapse reads toward frontal on its own side.
    const body = (noseXPx: number) => ({
      score: 0.6,
      keypoints: [
        { part: 'nose' as const, xPx: noseXPx, yPx: 240, score: 0.3 },
        { part: 'rightEar' as const, xPx: 280, yPx: 230, score: 0.3 },
        { part: 'leftEar' as const, xPx: 390, yPx: 230, score: 0.3 },
      ],
    });
    const turned = { ...syntheticFace({ angles: angles(-30, 0, 0) }), meshScore: 0.6 };
    expect(measureFrame(frameOf([turned], { bodies: [body(250)] }), anatomicalNeutral()).method).toBe('face-mesh');
    // Near frontal, a collapse may come from either side: still not measurable.
    const frontal = { ...syntheticFace({ angles: angles(-5, 0, 0) }), meshScore: 0.6 };
    expect(measureFrame(frameOf([frontal], { bodies: [body(250)] }), anatomicalNeutral()).state).toBe('not-measurable');
  });

  it('weak nose/ear keypoints do not overrule a sure turned mesh on a head also tilted or bent (their yaw assumes a level head)', () => {
    // Phantom, 15 fps dim (issue 13): a held −35°/+20°/−15° read −31° by a sure mesh, −40…−42° by weak keypoints; the
    // collapse call blanked 1.7 s of it. The same keypoints against a level sure mesh at 35° still call it collapsed (above).
    const weakFar = {
      score: 0.6,
      keypoints: [
        { part: 'nose' as const, xPx: 205, yPx: 240, score: 0.3 },
        { part: 'rightEar' as const, xPx: 280, yPx: 230, score: 0.3 },
        { part: 'leftEar' as const, xPx: 390, yPx: 230, score: 0.3 },
      ],
    };
    const combined = { ...syntheticFace({ angles: angles(35, 14, -18) }), meshScore: 1 };
    const m = measureFrame(frameOf([combined], { bodies: [weakFar] }), anatomicalNeutral());
    expect(m.method).toBe('face-mesh');
    expect(m.state).toBe('low-confidence'); // the combined-posture rule
    const level = { ...syntheticFace({ angles: angles(35, 0, 0) }), meshScore: 1 };
    expect(measureFrame(frameOf([level], { bodies: [weakFar] }), anatomicalNeutral()).state).toBe('not-measurable');
  });

  it('a scrambled mesh (not face-shaped) is rejected', () => {
    const face = syntheticFace({ angles: angles(0, 0, 0) });
    const scrambled = { ...face, meshPx: face.meshPx.map((p, i) => face.meshPx[(i * 97) % face.meshPx.length]!) };
    const m = measureFrame(frameOf([scrambled]), anatomicalNeutral());
    expect(m.method).not.toBe('face-mesh');
    expect(m.reasons).toContain('low-face-confidence');
  });

  it('NaN landmarks and broken frames never produce numbers', () => {
    const face = syntheticFace({ angles: angles(0, 0, 0) });
    const broken = { ...face, meshPx: face.meshPx.map((p, i) => (i === 5 ? { x: NaN, y: p.y, z: p.z } : p)) };
    expect(measureFrame(frameOf([broken]), anatomicalNeutral()).rotationDeg).toBeNull();
    expect(measureFrame(frameOf([face], { imageWidthPx: 0 }), anatomicalNeutral()).state).toBe('not-measurable');
  });

  it('a hand over the face lowers confidence; a hand covering it hides the mesh', () => {
    const face = syntheticFace({ angles: angles(0, 0, 0) });
    const b = face.boxPx;
    const partial = measureFrame(
      frameOf([face], { hands: [{ score: 0.9, boxPx: { x: b.x, y: b.y + b.height * 0.6, width: b.width * 0.5, height: b.height * 0.6 } }] }),
      anatomicalNeutral(),
    );
    expect(partial.state).toBe('low-confidence');
    expect(partial.reasons).toContain('face-occluded');
    const covered = measureFrame(frameOf([face], { hands: [{ score: 0.9, boxPx: { ...b } }] }), anatomicalNeutral());
    expect(covered.method).not.toBe('face-mesh');
  });
});

describe('body keypoints', () => {
  const kp = (part: BodyKeypoint['part'], xPx: number, yPx: number, score = 0.9): BodyKeypoint => ({ part, xPx, yPx, score });

  it('shoulder elevation: the patient right shoulder (image left) higher is positive', () => {
    const face = syntheticFace({ angles: angles(0, 0, 0) });
    const body = { score: 0.9, keypoints: [kp('rightShoulder', 220, 380), kp('leftShoulder', 420, 400)] };
    const m = measureFrame(frameOf([face], { bodies: [body] }), anatomicalNeutral());
    expect(m.shoulderElevationDeg!).toBeGreaterThan(5);
    expect(m.shoulderElevationDeg!).toBeCloseTo((Math.atan2(20, 200) * 180) / Math.PI, 6);
  });

  it('lateral shift: head displaced toward the image left is a shift to the patient right, in cm', () => {
    const body = { score: 0.9, keypoints: [kp('rightShoulder', 220, 400), kp('leftShoulder', 420, 400)] };
    const centred = measureFrame(frameOf([syntheticFace({ angles: angles(0, 0, 0), centerPx: [320, 240] })], { bodies: [body] }), anatomicalNeutral());
    const shifted = measureFrame(frameOf([syntheticFace({ angles: angles(0, 0, 0), centerPx: [296, 240] })], { bodies: [body] }), anatomicalNeutral());
    // 24 px at 12 px/cm = 2 cm toward the patient's right.
    expect(shifted.lateralShiftCm! - centred.lateralShiftCm!).toBeCloseTo(2, 6);
  });

  it('a lost face gives no nose-and-ears rotation before the person\'s keypoint gain is learned (keypointGain.test.ts)', () => {
    // Ears 150 px apart, nose 60 px left of their midpoint → turned to the patient's right; the gain depends on the face
    // (real photograph 1.2–1.3×, phantom 0.3–0.9×), so a frame measured alone has none.
    const body = { score: 0.9, keypoints: [kp('nose', 260, 200), kp('rightEar', 245, 200), kp('leftEar', 395, 200)] };
    const m = measureFrame(frameOf([], { bodies: [body] }), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.rotationDeg).toBeNull();
    expect(m.reasons).toContain('no-face');
  });
});

describe('far turns', () => {
  const kp = (part: BodyKeypoint['part'], xPx: number, yPx: number, score = 0.9): BodyKeypoint => ({ part, xPx, yPx, score });
  it('nose and ears showing a turn past 40° are not measurable (that fallback reads far turns low)', () => {
    // Nose past the near ear: a far turn to the patient's right (≈ 44° by the nose-and-ears rule).
    const body = { score: 0.9, keypoints: [kp('nose', 225, 200), kp('rightEar', 245, 200), kp('leftEar', 395, 200)] };
    const m = measureFrame(frameOf([], { bodies: [body] }), anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
    expect(m.rotationDeg).toBeNull();
    expect(m.reasons).toContain('beyond-tracker-range');
  });

  it('after a turn beyond the mesh range, a lone frontal-looking frame is held back; a steady, sure return counts from its third frame', () => {
    const est = new HeadPoseEstimator();
    const seq = [20, 40, 80, 80, 10, 80, 80, 44, 42, 40, 38, 36, 34, 32, 30];
    const out = seq.map((deg, i) => est.measure(frameOf([syntheticFace({ angles: angles(deg, 0, 0) })], {}, i)));
    expect(out.slice(0, 2).map((m) => m.method)).toEqual(['face-mesh', 'face-mesh']);
    expect(out[2]!.reasons).toContain('beyond-tracker-range');
    // the lone 10° frame between beyond-range frames (a collapsed mesh) is not claimed
    expect(out[4]!.state).toBe('not-measurable');
    expect(out[4]!.rotationDeg).toBeNull();
    // the steady return, each mesh sure of itself (score 0.95): frames 7 and 8 held back, from the third
    // consistent frame on (reentry.ts CONSISTENT_RUN_FRAMES) measured again
    for (const m of out.slice(7, 7 + CONSISTENT_RUN_FRAMES - 1)) expect(m.state).toBe('not-measurable');
    for (const m of out.slice(7 + CONSISTENT_RUN_FRAMES - 1)) expect(m.method).toBe('face-mesh');
    expect(Math.abs(out[14]!.rotationDeg! - 30)).toBeLessThan(TOL_EXACT_DEG);
    // low confidence while the timed hold (150 ms: the run began near the range edge) has not run out
    expect(out[9]!.state).toBe('low-confidence');
    expect(out[14]!.state).toBe('measured');
    // the stateless form does not hold anything back
    expect(measureFrame(frameOf([syntheticFace({ angles: angles(10, 0, 0) })]), anatomicalNeutral()).method).toBe('face-mesh');
  });
});

describe('stored neutral', () => {
  it('round-trips through JSON and refuses a matrix that is not a rotation', async () => {
    const { neutralFromJson } = await import('./neutral.ts');
    const n = { ...anatomicalNeutral(), kind: 'calibrated', headToCamera: headRotationMatrix(angles(10, 5, -3)) };
    expect(neutralFromJson(JSON.parse(JSON.stringify(n)))).toEqual(n);
    expect(() => neutralFromJson({ ...n, headToCamera: [2, 0, 0, 0, 1, 0, 0, 0, 1] })).toThrow(/rotation matrix/);
    expect(() => neutralFromJson({ ...n, kind: 'guess' })).toThrow(/"calibrated" or "anatomical"/);
    expect(() => neutralFromJson('x')).toThrow(/JSON object/);
  });
});

describe('viewing-ray correction', () => {
  it('a frontal-looking face off the image centre is turned toward the camera by the ray angle', async () => {
    const { rayRotation } = await import('./headFit.ts');
    const cam = { focalPx: 500, cxPx: 320, cyPx: 240 };
    const r = rayRotation(320 - 500 * Math.tan((10 * Math.PI) / 180), 240, cam);
    // The optical axis maps onto the ray: 10° toward the image left.
    expect(Math.atan2(r[2], r[8]) * (180 / Math.PI)).toBeCloseTo(-10, 6);
    const face = syntheticFace({ angles: angles(0, 0, 0), centerPx: [232, 240] });
    const plain = measureFrame(frameOf([face]), anatomicalNeutral());
    const corrected = measureFrame(frameOf([face]), anatomicalNeutral(), { viewingRay: true, cameraHfovDeg: 2 * Math.atan(320 / 500) * (180 / Math.PI) });
    expect(Math.abs(plain.rotationDeg!)).toBeLessThan(TOL_EXACT_DEG);
    // Seen from the image left, a face square to the image plane is turned toward the patient's left (−).
    expect(corrected.rotationDeg!).toBeCloseTo(-10, 0);
  });
});
