import { describe, expect, it } from 'vitest';
import { faceCentrePx, syntheticFace, type BodyObservation, type FaceObservation, type HandObservation, type LandmarkFrame } from '@geste/core';
import { boxesWithin, DEFAULT_SCHEDULE, ModelSchedule, planConfig, type FramePlan } from './schedule.ts';

const FRAME_MS_30FPS = 1000 / 30;

const body = (tag: number): BodyObservation => ({ score: 0.9, keypoints: [{ part: 'nose', xPx: tag, yPx: 100, score: 0.9 }] });
const hand: HandObservation = { boxPx: { x: 300, y: 200, width: 80, height: 80 }, score: 0.9 };

interface Scene {
  /** Head turn from the camera, deg; null = no face. */
  readonly rotationDeg: number | null;
  readonly meshScore?: number;
  readonly handInView?: boolean;
  /** Where the hand is when in view (default: over the face). */
  readonly handBox?: HandObservation['boxPx'];
  /** The face's centre x in the image (default 320); the synthetic face has 12 px per cm. */
  readonly centerXPx?: number;
}

/** What the detector would return for a plan: bodies/hands only where the model ran. */
function detected(plan: FramePlan, i: number, scene: Scene): LandmarkFrame {
  const faces: FaceObservation[] = scene.rotationDeg === null ? [] : [{ ...syntheticFace({ angles: { rotationDeg: scene.rotationDeg, tiltDeg: 0, flexionDeg: 0 }, centerPx: [scene.centerXPx ?? 320, 240] }), meshScore: scene.meshScore ?? 0.95 }];
  return {
    frameIndex: i,
    timestampMs: i * FRAME_MS_30FPS,
    imageWidthPx: 640,
    imageHeightPx: 480,
    faces,
    bodies: plan.runBody ? [body(i)] : [],
    hands: plan.runHands && scene.handInView ? [scene.handBox ? { ...hand, boxPx: scene.handBox } : hand] : [],
  };
}

/** Runs a scene sequence through a schedule; returns the plans and the completed frames. */
function run(scenes: readonly Scene[], s = new ModelSchedule()): { plans: FramePlan[]; frames: LandmarkFrame[]; bodyAgesMs: (number | null)[] } {
  const plans: FramePlan[] = [];
  const frames: LandmarkFrame[] = [];
  const bodyAgesMs: (number | null)[] = [];
  scenes.forEach((scene, i) => {
    const p = s.plan(i, i * FRAME_MS_30FPS);
    plans.push(p);
    frames.push(s.complete(detected(p, i, scene)));
    bodyAgesMs.push(s.ages().bodyAgeMs);
  });
  return { plans, frames, bodyAgesMs };
}

const frames = (n: number, scene: Scene): Scene[] => Array.from({ length: n }, () => scene);
const where = (plans: FramePlan[], f: (p: FramePlan) => boolean): number[] => plans.filter(f).map((p) => p.frameIndex);

describe('model schedule', () => {
  it('runs the body at 3 Hz on a frontal, tracked face and holds it in between with its age', () => {
    const { plans, frames: out, bodyAgesMs } = run(frames(31, { rotationDeg: 5 }));
    expect(where(plans, (p) => p.runBody)).toEqual([0, 10, 20, 30]);
    // the held body is the one from the last run, and its age is the frame time since that run
    expect(out[4]!.bodies).toEqual([body(0)]);
    expect(out[11]!.bodies).toEqual([body(10)]);
    expect(bodyAgesMs[4]!).toBeCloseTo(4 * FRAME_MS_30FPS, 6);
    expect(bodyAgesMs[10]!).toBe(0);
    expect(Math.max(...bodyAgesMs.map((a) => a!))).toBeLessThan(DEFAULT_SCHEDULE.bodyPeriodMs);
  });

  it('marks a held body with its age and where the face was when it was read', () => {
    const { frames: out } = run(frames(12, { rotationDeg: 5 }));
    expect(out[0]!.bodyHeld).toBeUndefined();
    expect(out[4]!.bodyHeld!.ageMs).toBeCloseTo(4 * FRAME_MS_30FPS, 6);
    expect(out[4]!.bodyHeld!.faceCentrePx).toEqual(faceCentrePx(out[0]!.faces[0]!));
    expect(out[10]!.bodyHeld).toBeUndefined();
  });

  it('reads the body again, at most every 200 ms, while the face moves sideways (a panned camera), then 3 Hz again', () => {
    // 12 px a frame = 1 cm a frame for 30 frames, then still
    const scenes = [...Array.from({ length: 30 }, (_, i) => ({ rotationDeg: 0, centerXPx: 150 + 12 * i })), ...frames(40, { rotationDeg: 0, centerXPx: 150 + 12 * 29 })];
    const { plans, frames: out } = run(scenes);
    const moving = where(plans, (p) => p.runBody && p.frameIndex < 30);
    expect(moving.length).toBeGreaterThanOrEqual(5); // 1 s at 5 Hz; 3 Hz would read 3
    for (let k = 1; k < moving.length; k++) {
      expect((moving[k]! - moving[k - 1]!) * FRAME_MS_30FPS).toBeGreaterThanOrEqual(DEFAULT_SCHEDULE.bodyMovingPeriodMs - 1e-6);
      expect(moving[k]! - moving[k - 1]!).toBeLessThanOrEqual(7);
    }
    // still again: 3 Hz (10 frames apart; 11 where 10 frame steps add up to a hair under 333 ms)
    const still = where(plans, (p) => p.runBody && p.frameIndex >= 31);
    expect(still.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < still.length; k++) expect([10, 11]).toContain(still[k]! - still[k - 1]!);
    // a held frame carries where the face was: the schedule's frames say how far the face moved since
    const held = out[moving[1]! + 1]!;
    expect(held.bodyHeld!.faceCentrePx!.xPx).toBeCloseTo(faceCentrePx(out[moving[1]!]!.faces[0]!)!.xPx, 6);
  });

  it('runs the body on every frame while the head is turned ≥ 35° or no face is found', () => {
    const { plans } = run([...frames(3, { rotationDeg: 0 }), ...frames(5, { rotationDeg: 40 }), ...frames(4, { rotationDeg: null }), ...frames(8, { rotationDeg: 10 })]);
    // frames 0..2 frontal: body at 0 only; 3..7 turned: body from frame 4 (the decision uses the previous frame);
    // 8..11 no face: body from 8 on (previous frame turned) to 12 (previous frame had no face); then 3 Hz again.
    expect(where(plans, (p) => p.runBody)).toEqual([0, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('keeps hands off on a clear face except for a 1 s sweep', () => {
    const { plans, frames: out } = run(frames(61, { rotationDeg: 0 }));
    expect(where(plans, (p) => p.runHands)).toEqual([0, 30, 60]);
    expect(plans[30]!.handsReason).toBe('sweep');
    expect(out.every((f) => f.hands.length === 0)).toBe(true);
  });

  it('turns hands on when the face mesh signals occlusion and keeps them on 1 s after it ends', () => {
    const scenes = [...frames(5, { rotationDeg: 0 }), ...frames(3, { rotationDeg: 0, meshScore: 0.3 }), ...frames(40, { rotationDeg: 0 })];
    const { plans } = run(scenes);
    const on = where(plans, (p) => p.runHands);
    // sweep at 0; low mesh score seen on frame 5 → hands from frame 6 until 1 s after the last signal (frame 7 at 233 ms → frame 36 at 1200 ms)
    expect(on).toEqual([0, ...Array.from({ length: 36 - 6 + 1 }, (_, k) => 6 + k)]);
    expect(plans[6]!.handsReason).toBe('occlusion');
  });

  it('turns hands on when the face disappears, and keeps them on while a hand is in view', () => {
    const scenes = [...frames(3, { rotationDeg: 0 }), ...frames(2, { rotationDeg: null, handInView: true }), ...frames(60, { rotationDeg: 0, handInView: true })];
    const { plans, frames: out } = run(scenes);
    expect(plans[3]!.runHands).toBe(false);
    expect(plans[4]!.handsReason).toBe('occlusion');
    expect(plans.slice(4).every((p) => p.runHands)).toBe(true);
    expect(plans[40]!.handsReason).toBe('hand-seen');
    expect(out[40]!.hands).toEqual([hand]);
  });

  it('a palm-detector box the hand-landmark model does not call a hand does not keep the hands on (a real cheek: 0.69 / 0.51)', () => {
    const s = new ModelSchedule();
    const falseHand: HandObservation = { ...hand, score: 0.69, skeletonScore: 0.51 };
    const on: number[] = [];
    for (let i = 0; i < 40; i++) {
      const p = s.plan(i, i * FRAME_MS_30FPS);
      if (p.runHands) on.push(i);
      s.complete({ ...detected(p, i, { rotationDeg: 0 }), hands: p.runHands ? [falseHand] : [] });
    }
    expect(on).toEqual([0, 30]); // the 1 s sweep only
  });

  it('a hand far from the face (a false hand on a shirt, a hand on the lap) does not keep the hand model on', () => {
    // Face box of the synthetic face at 640×480 ≈ 150 px wide around the centre; the false hand of the panned astronaut
    // clip sat 0.76 face widths below the face box (x 61–109, y 302–443 against a face box y −37…167, 177 px wide).
    const face = syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } }).boxPx;
    const farBelow = { x: face.x, y: face.y + face.height + 0.8 * face.width, width: 50, height: 140 };
    const { plans } = run(frames(70, { rotationDeg: 0, handInView: true, handBox: farBelow }));
    expect(where(plans, (p) => p.runHands)).toEqual([0, 30, 60]);
    const touching = { x: face.x + face.width - 10, y: face.y + face.height / 2, width: 80, height: 80 };
    const near = run(frames(70, { rotationDeg: 0, handInView: true, handBox: touching }));
    expect(near.plans.every((p) => p.runHands)).toBe(true);
    expect(near.plans[40]!.handsReason).toBe('hand-seen');
  });

  it('boxesWithin: overlap once grown by the margin', () => {
    const b = { x: 100, y: 100, width: 100, height: 100 };
    expect(boxesWithin({ x: 250, y: 120, width: 10, height: 10 }, b, 49)).toBe(false);
    expect(boxesWithin({ x: 250, y: 120, width: 10, height: 10 }, b, 50)).toBe(true);
    expect(boxesWithin({ x: 0, y: 0, width: 10, height: 10 }, b, 89)).toBe(false);
    expect(boxesWithin({ x: 0, y: 0, width: 10, height: 10 }, b, 90)).toBe(true);
  });

  it('runs hands on every frame while the app says a trick window or exam phase needs them', () => {
    const s = new ModelSchedule();
    s.setNeeds({ hands: true });
    const { plans } = run(frames(10, { rotationDeg: 0 }), s);
    expect(plans.every((p) => p.runHands && p.handsReason === 'needed')).toBe(true);
    s.setNeeds({ hands: false });
    const p = s.plan(10, 10 * FRAME_MS_30FPS);
    expect(p.runHands).toBe(false);
  });

  it('runs hands inside given frame-time windows (a recorded exam’s sensory-trick phases)', () => {
    const s = new ModelSchedule(DEFAULT_SCHEDULE, [{ startMs: 100, endMs: 300 }]);
    const { plans } = run(frames(20, { rotationDeg: 0 }), s);
    // 100..300 ms = frames 3..9 at 30 fps; the sweep at frame 0; the next sweep 1 s after the window's last run
    expect(where(plans, (p) => p.handsReason === 'needed')).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(where(plans, (p) => p.runHands)).toEqual([0, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is deterministic: the same frames give the same plans', () => {
    const scenes = [...frames(10, { rotationDeg: 20 }), ...frames(10, { rotationDeg: 45 }), ...frames(10, { rotationDeg: null }), ...frames(10, { rotationDeg: 0, meshScore: 0.4 })];
    expect(run(scenes).plans).toEqual(run(scenes).plans);
  });

  it('maps a plan to Human’s per-call config, never enabling a model that was not loaded', () => {
    const p: FramePlan = { frameIndex: 0, runBody: true, runHands: true, handsReason: 'sweep' };
    expect(planConfig(p, { body: true, hands: true })).toEqual({ body: { enabled: true, skipFrames: 0 }, hand: { enabled: true } });
    expect(planConfig(p, { body: false, hands: false })).toEqual({ body: { enabled: false, skipFrames: 0 }, hand: { enabled: false } });
  });

  it('refuses a frame it did not plan', () => {
    const s = new ModelSchedule();
    s.plan(0, 0);
    expect(() => s.complete(detected({ frameIndex: 1, runBody: true, runHands: false, handsReason: 'off' }, 1, { rotationDeg: 0 }))).toThrow(/expected frame 0, got 1/);
  });
});
