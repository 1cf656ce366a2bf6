import { describe, expect, it } from 'vitest';
import type { BodyKeypoint, BodyObservation, LandmarkFrame } from '../landmarks/types.ts';
import type { HeadAngles } from '../measures/types.ts';
import { AnatomicalEstimator } from './anatomical.ts';
import { headRotationMatrix } from './euler.ts';
import { EAR_EYE_DEPTH_CM, EAR_EYE_LATERAL_CM, EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, MAX_PLAUSIBLE_EAR_EYE_DEG, MIN_EAR_EYE_READINGS, pitchGain } from './faceZero.ts';
import { frontCameraPitchDeg, type CameraContext } from './reference.ts';
import { syntheticFace } from './syntheticFace.ts';
import { estimateTrunk } from './trunk.ts';

const TOL_DEG = 1;
const CENTER: [number, number] = [320, 240];
const PX_PER_CM = 12;

/** Head point (cm, canonical frame) → image px, as syntheticFace projects (orthographic). */
function project(angles: HeadAngles, p: readonly [number, number, number]): [number, number] {
  const r = headRotationMatrix(angles);
  return [CENTER[0] + PX_PER_CM * (r[0] * p[0] + r[1] * p[1] + r[2] * p[2]), CENTER[1] + PX_PER_CM * (r[3] * p[0] + r[4] * p[1] + r[5] * p[2])];
}

interface BodyOpts {
  /** Trunk turn, deg (+ = toward the person's right); shoulders get depth when `depth`. */
  readonly trunkYawDeg?: number;
  readonly depth?: boolean;
  /** Ear–eye slope in the head frame, deg (> 0 ear lower than the eye). */
  readonly earEyeSlopeDeg?: number;
  readonly head?: HeadAngles;
  readonly shiftX?: number;
}

function body(o: BodyOpts = {}): BodyObservation {
  const yaw = ((o.trunkYawDeg ?? 0) * Math.PI) / 180;
  const half = 19 * PX_PER_CM;
  const sx = o.shiftX ?? 0;
  // Person's left shoulder on the image right; turning right brings it closer (smaller z).
  const ls: BodyKeypoint = { part: 'leftShoulder', xPx: CENTER[0] + sx + half * Math.cos(yaw), yPx: 420, score: 0.9, ...(o.depth ? { zPx: -half * Math.sin(yaw) } : {}) };
  const rs: BodyKeypoint = { part: 'rightShoulder', xPx: CENTER[0] + sx - half * Math.cos(yaw), yPx: 420, score: 0.9, ...(o.depth ? { zPx: half * Math.sin(yaw) } : {}) };
  const kps: BodyKeypoint[] = [ls, rs];
  if (o.earEyeSlopeDeg !== undefined) {
    const head = o.head ?? { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 };
    const vy = EAR_EYE_DEPTH_CM * Math.tan((o.earEyeSlopeDeg * Math.PI) / 180);
    for (const [side, sign] of [['left', 1], ['right', -1]] as const) {
      const eye: [number, number, number] = [sign * 3.2, -1, -4];
      const ear: [number, number, number] = [eye[0] + sign * EAR_EYE_LATERAL_CM, eye[1] + vy, eye[2] + EAR_EYE_DEPTH_CM];
      const e = project(head, eye), a = project(head, ear);
      kps.push({ part: `${side}Eye`, xPx: e[0], yPx: e[1], score: 0.9 }, { part: `${side}Ear`, xPx: a[0], yPx: a[1], score: 0.9 });
    }
  }
  return { keypoints: kps, score: 0.9 };
}

function frame(i: number, angles: HeadAngles, bodies: BodyObservation[] = [], extra: Partial<LandmarkFrame> = {}, mirrored = false): LandmarkFrame {
  return {
    frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480,
    faces: [syntheticFace({ angles, noisePx: 0.2, seed: i + 1, centerPx: CENTER, pxPerCm: PX_PER_CM, mirrored })],
    bodies, hands: [], ...extra,
  };
}

const run = (frames: LandmarkFrame[], camera?: CameraContext) => {
  const e = new AnatomicalEstimator(camera ? { camera } : {});
  return frames.map((f) => e.measure(f));
};

describe('anatomical reference', () => {
  it('flexion against gravity when the camera pitch is known; uncertain and said so when not', () => {
    // A head nodding ±8° about level (the face zero is taken after ≥ 15° of nodding), seen by a camera looking up 20°: it reads 20° more chin-up against the camera.
    const heads: HeadAngles[] = Array.from({ length: MIN_EAR_EYE_READINGS + 5 }, (_, i) => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: -20 + ((i % 3) - 1) * 8 }));
    const truthLast = heads.at(-1)!.flexionDeg + 20;
    // A face whose ear–eye line has the norm's slope at its Frankfurt zero.
    const frames = heads.map((head, i) => frame(i, head, [body({ earEyeSlopeDeg: EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, head })]));
    const known = run(frames, { pitchDeg: 20 }).at(-1)!;
    expect(Math.abs(known.flexionDeg! - truthLast)).toBeLessThan(TOL_DEG);
    expect(known.reference!.flexionDeg.frame).toBe('gravity');
    expect(known.reference!.flexionDeg.zero).toBe('face-geometry');
    expect(known.reference!.flexionDeg.uncertain).toBe(false);
    // Without ears the average face's zero is used: its ± makes the value uncertain even against gravity.
    const noEars = run(frames.map((f) => ({ ...f, bodies: [] })), { pitchDeg: 20 }).at(-1)!;
    expect(Math.abs(noEars.flexionDeg! - truthLast)).toBeLessThan(TOL_DEG);
    expect(noEars.reference!.flexionDeg.zero).toBe('canonical-face');
    expect(noEars.reference!.flexionDeg.uncertain).toBe(true);
    const unknown = run(frames).at(-1)!;
    expect(Math.abs(unknown.flexionDeg! - heads.at(-1)!.flexionDeg)).toBeLessThan(TOL_DEG);
    expect(unknown.reference!.flexionDeg.frame).toBe('camera');
    expect(unknown.reference!.flexionDeg.uncertain).toBe(true);
    expect(unknown.reference!.flexionDeg.notes).toContain('camera-pitch-unknown');
  });

  it('does not use the ear–eye line before the head has moved enough to show it is fixed in the head, and says so', () => {
    // A head held still: the points could be guesses that follow the face (on the phantom even hair-covered
    // ears read a plausible slope), so the zero waits for nodding (≥ 10° to refuse it, ≥ 15° to take it).
    const head = { rotationDeg: 0, tiltDeg: 0, flexionDeg: -20 };
    const still = run(Array.from({ length: MIN_EAR_EYE_READINGS * 3 }, (_, i) => frame(i, head, [body({ earEyeSlopeDeg: EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, head })])), { pitchDeg: 20 }).at(-1)!;
    expect(still.reference!.flexionDeg.zero).toBe('canonical-face');
    expect(still.reference!.flexionDeg.uncertain).toBe(true);
    expect(still.reference!.flexionDeg.notes).toContain('face-geometry-not-checked');
  });

  it('reads a head straight on a trunk turned 15° as 0° when the shoulders have depth', () => {
    const head = { rotationDeg: 15, tiltDeg: 0, flexionDeg: 0 };
    const m = run(Array.from({ length: 5 }, (_, i) => frame(i, head, [body({ trunkYawDeg: 15, depth: true })]))).at(-1)!;
    expect(Math.abs(m.rotationDeg!)).toBeLessThan(TOL_DEG);
    expect(m.reference!.rotationDeg.frame).toBe('trunk');
  });

  it('without shoulder depth (2-D body model) keeps rotation against the camera and says why', () => {
    const m = run([frame(0, { rotationDeg: 15, tiltDeg: 0, flexionDeg: 0 }, [body({ trunkYawDeg: 15 })])])[0]!;
    expect(Math.abs(m.rotationDeg! - 15)).toBeLessThan(TOL_DEG);
    expect(m.reference!.rotationDeg.frame).toBe('camera');
    expect(m.reference!.rotationDeg.notes).toEqual(['trunk-yaw-unavailable']);
  });

  it('names the reason the trunk is not used: not visible, two people, a hand over a shoulder, swapped sides', () => {
    const a = { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 };
    expect(run([frame(0, a)])[0]!.reference!.rotationDeg.notes).toEqual(['trunk-not-visible']);
    expect(run([frame(0, a, [body({ depth: true }), body({ depth: true, shiftX: 300 })])])[0]!.reference!.rotationDeg.notes).toEqual(['trunk-multiple-people']);
    const hand = { boxPx: { x: CENTER[0] + 19 * PX_PER_CM - 40, y: 380, width: 80, height: 80 }, score: 0.9 };
    const occluded = run([frame(0, a, [body({ depth: true })], { hands: [hand] })])[0]!;
    expect(occluded.reference!.rotationDeg.notes).toEqual(['trunk-occluded']);
    expect(occluded.reference!.rotationDeg.frame).toBe('camera');
    const swapped = body({ depth: true });
    const flipped: BodyObservation = { ...swapped, keypoints: swapped.keypoints.map((k) => ({ ...k, xPx: 640 - k.xPx })) };
    expect(estimateTrunk(frame(0, a, [flipped])).state).toBe('sides-swapped');
  });

  it('mirrors back a mirrored camera when told, and says so', () => {
    const frames = [frame(0, { rotationDeg: 20, tiltDeg: 10, flexionDeg: 0 }, [], {}, true)];
    const plain = run(frames)[0]!;
    expect(plain.rotationDeg!).toBeLessThan(-15); // unmirrored reading: the wrong side
    const m = run(frames, { pitchDeg: null, mirrored: true })[0]!;
    expect(Math.abs(m.rotationDeg! - 20)).toBeLessThan(TOL_DEG);
    expect(Math.abs(m.tiltDeg! - 10)).toBeLessThan(TOL_DEG);
    expect(m.reference!.rotationDeg.notes).toContain('camera-mirrored');
  });

  it('learns the face’s own flexion zero from the ear–eye line, whatever the head does', () => {
    const slope = EAR_EYE_LINE_ABOVE_FRANKFURT_DEG + 8; // this face's line 8° steeper than the norm: its zero is 8° off the average face's
    const heads: HeadAngles[] = Array.from({ length: MIN_EAR_EYE_READINGS + 5 }, (_, i) => ({ rotationDeg: (i % 5) * 4 - 8, tiltDeg: 0, flexionDeg: (i % 3) * 8 }));
    const frames = heads.map((h, i) => frame(i, h, [body({ earEyeSlopeDeg: slope, head: h })]));
    const out = run(frames, { pitchDeg: 0 });
    const before = out[0]!, last = out.at(-1)!;
    expect(before.reference!.flexionDeg.zero).toBe('canonical-face');
    expect(before.reference!.flexionDeg.notes).toContain('face-geometry-unavailable');
    expect(last.reference!.flexionDeg.zero).toBe('face-geometry');
    expect(Math.abs(last.flexionDeg! - (heads.at(-1)!.flexionDeg - 8))).toBeLessThan(TOL_DEG);
  });

  it('takes the plausible slopes about the norm, not about 0, and refuses keypoints far off it', () => {
    const heads: HeadAngles[] = Array.from({ length: MIN_EAR_EYE_READINGS + 5 }, (_, i) => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: (i % 3) * 8 }));
    const steep = EAR_EYE_LINE_ABOVE_FRANKFURT_DEG + MAX_PLAUSIBLE_EAR_EYE_DEG - 1; // beyond ±10° of 0, within ±10° of the norm
    const ok = run(heads.map((h, i) => frame(i, h, [body({ earEyeSlopeDeg: steep, head: h })])), { pitchDeg: 0 }).at(-1)!;
    expect(ok.reference!.flexionDeg.zero).toBe('face-geometry');
    const off = run(heads.map((h, i) => frame(i, h, [body({ earEyeSlopeDeg: EAR_EYE_LINE_ABOVE_FRANKFURT_DEG - MAX_PLAUSIBLE_EAR_EYE_DEG - 2, head: h })])), { pitchDeg: 0 }).at(-1)!;
    expect(off.reference!.flexionDeg.zero).toBe('canonical-face');
    expect(off.reference!.flexionDeg.notes).toContain('face-geometry-implausible');
  });

  it('refuses an ear–eye line that follows the head’s nods (keypoints not fixed in the head), and says so', () => {
    // The ear points lag the head's pitch (gain 0.25 of a rigid ear), as MoveNet's ear points on the
    // phantom's modelled ears did: α then moves with the nod and must not become the face's zero.
    const heads: HeadAngles[] = Array.from({ length: MIN_EAR_EYE_READINGS * 3 }, (_, i) => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: ((i % 7) - 3) * 4 }));
    const frames = heads.map((h, i) => frame(i, h, [body({ earEyeSlopeDeg: 4 + 0.6 * h.flexionDeg, head: h })]));
    const last = run(frames, { pitchDeg: 0 }).at(-1)!;
    expect(last.reference!.flexionDeg.zero).toBe('canonical-face');
    expect(last.reference!.flexionDeg.notes).toContain('face-geometry-not-rigid');
    expect(last.reference!.flexionDeg.uncertain).toBe(true);
    // The same nods with a rigid line are accepted.
    const rigid = run(heads.map((h, i) => frame(i, h, [body({ earEyeSlopeDeg: 4, head: h })])), { pitchDeg: 0 }).at(-1)!;
    expect(rigid.reference!.flexionDeg.zero).toBe('face-geometry');
    expect(Math.abs(rigid.flexionDeg! - (heads.at(-1)!.flexionDeg - (4 - EAR_EYE_LINE_ABOVE_FRANKFURT_DEG)))).toBeLessThan(TOL_DEG);
  });

  it('pitchGain: null without enough spread of pitch, the slope otherwise', () => {
    expect(pitchGain([1, 2, 3], [0, 1, 2])).toBeNull();
    expect(pitchGain([0, 5, 10, 15, 20], [0, 10, 20, 30, 40])).toBeCloseTo(0.5, 9);
  });

  it('front camera pitch from DeviceOrientation', () => {
    expect(frontCameraPitchDeg(90, 0)).toBeCloseTo(0, 6);
    expect(frontCameraPitchDeg(80, 0)).toBeCloseTo(10, 6);
    expect(frontCameraPitchDeg(0, 0)).toBeCloseTo(90, 6);
    expect(frontCameraPitchDeg(null, 0)).toBeNull();
    expect(frontCameraPitchDeg(Number.NaN, 0)).toBeNull();
  });
});

describe('setCameraPitch: the camera tilted within one recording (session 12)', () => {
  it('changes only the pitch: the face zero, the trunk and the guards are kept; mirroring stays', () => {
    const nods = (i: number): HeadAngles => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: i < 30 ? 0 : ((i % 7) - 3) * (10 / 3) });
    const frames = Array.from({ length: 150 }, (_, i) => frame(i, nods(i), [body({ earEyeSlopeDeg: 9, head: nods(i) })]));
    const kept = new AnatomicalEstimator({ camera: { pitchDeg: 10, pitchUncertaintyDeg: 2, mirrored: true, hfovDeg: 70 } });
    const fixed = new AnatomicalEstimator({ camera: { pitchDeg: 10, pitchUncertaintyDeg: 2, mirrored: true, hfovDeg: 70 } });
    for (const f of frames.slice(0, 120)) { kept.measure(f); fixed.measure(f); }
    expect(kept.faceZeroState.zero).toBe('face-geometry');
    kept.setCameraPitch(15, 3);
    expect(kept.camera).toEqual({ pitchDeg: 15, pitchUncertaintyDeg: 3, mirrored: true, hfovDeg: 70 });
    for (const f of frames.slice(120)) {
      const a = kept.measure(f), b = fixed.measure(f);
      expect(a.reference!.flexionDeg.zero).toBe('face-geometry');
      expect(Math.abs(a.flexionDeg! - b.flexionDeg!)).toBeCloseTo(5, 4);
      // Turn and tilt move by hundredths (the camera's pitch is composed with the whole head rotation).
      expect(a.rotationDeg!).toBeCloseTo(b.rotationDeg!, 1);
      expect(a.tiltDeg!).toBeCloseTo(b.tiltDeg!, 1);
    }
    kept.setCameraPitch(null);
    expect(kept.camera).toEqual({ pitchDeg: null, mirrored: true, hfovDeg: 70 });
    expect(kept.measure(frame(150, nods(150), [body({ earEyeSlopeDeg: 9, head: nods(150) })])).reference!.flexionDeg.notes).toContain('camera-pitch-unknown');
  });
});
