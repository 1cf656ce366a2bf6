import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRenderer, DEFAULT_SCENE, type PhantomRenderer, type FramePose } from './renderer.ts';
import { openFaceRunner, type FaceRunner } from '../testing/human.ts';

const NOSE_TIP = 1; // FaceMesh index of the nose tip (MediaPipe canonical face)
/** Renders of one pose may differ by at most this many grey levels per channel. */
const TOL_PIXEL_LEVELS = 1;
/** Smallest nose displacement (px) that counts as "moved" between rest and a 30° turn. */
const MIN_NOSE_SHIFT_PX = 10;

const pose = (rotationDeg: number, extra: Partial<FramePose> = {}): FramePose => ({
  angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0, ...extra,
});

describe('phantom renderer (headless Chromium + three.js)', () => {
  let r: PhantomRenderer;
  let faces: FaceRunner;
  beforeAll(async () => {
    r = await openRenderer(DEFAULT_SCENE);
    faces = await openFaceRunner();
  });
  afterAll(async () => { await r?.close(); });

  it('renders the same pose to the same pixels (deterministic)', async () => {
    const a = await r.render(pose(20, { angles: { rotationDeg: 20, tiltDeg: 5, flexionDeg: -5 } }));
    await r.render(pose(-40));
    const b = await r.render(pose(20, { angles: { rotationDeg: 20, tiltDeg: 5, flexionDeg: -5 } }));
    expect(a.rgb.length).toBe(640 * 480 * 3);
    let maxDiff = 0;
    for (let i = 0; i < a.rgb.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.rgb[i]! - b.rgb[i]!));
    expect(maxDiff).toBeLessThanOrEqual(TOL_PIXEL_LEVELS);
  });

  it('a real face detector finds the face at rest, 30° and 60° rotation, and the nose moves image-left for +rotation', async () => {
    const nose: Record<number, number> = {};
    for (const rot of [0, 30, 60, -30, -60]) {
      const f = await r.render(pose(rot));
      const found = await faces.detect(f.rgb, 640, 480);
      expect(found.length, `faces found at rotation ${rot}°`).toBe(1);
      expect(found[0]!.faceScore, `face score at ${rot}°`).toBeGreaterThan(0.5);
      nose[rot] = found[0]!.mesh[NOSE_TIP]![0]!;
    }
    // + rotation = chin toward the patient's right shoulder = image left (camera does not mirror).
    expect(nose[30]!).toBeLessThan(nose[0]! - MIN_NOSE_SHIFT_PX);
    expect(nose[60]!).toBeLessThan(nose[30]!);
    expect(nose[-30]!).toBeGreaterThan(nose[0]! + MIN_NOSE_SHIFT_PX);
    expect(nose[-60]!).toBeGreaterThan(nose[-30]!);
  });

  it('reports the hand over the face only when it touches the chin', async () => {
    expect((await r.render(pose(10, { handPhase: 0 }))).handOverFace).toBe(false);
    expect((await r.render(pose(10, { handPhase: 0.2 }))).handOverFace).toBe(false);
    expect((await r.render(pose(10, { handPhase: 1 }))).handOverFace).toBe(true);
  });
});
