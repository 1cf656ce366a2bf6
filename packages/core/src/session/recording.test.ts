import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import { headRotationMatrix } from '../pose/euler.ts';
import { syntheticFace } from '../pose/syntheticFace.ts';
import { RecordingAnalyzer } from './recording.ts';

const TOL_ANGLE_DEG = 1;
const offset = headRotationMatrix({ rotationDeg: 15, tiltDeg: 0, flexionDeg: 0 });

function frame(i: number, rotationDeg: number): LandmarkFrame {
  return {
    frameIndex: i,
    timestampMs: i * 100,
    imageWidthPx: 640,
    imageHeightPx: 480,
    faces: [syntheticFace({ angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, neutral: offset, noisePx: 0.3, seed: i })],
    bodies: [],
    hands: [],
  };
}

describe('RecordingAnalyzer', () => {
  it('calibrates on the requested window and measures every frame relative to it', () => {
    const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 1500 });
    // 25° from a neutral turned 15°: 40° from the camera, inside the mesh's range (pose/range.ts).
    for (let i = 0; i < 40; i++) a.push(frame(i, i < 20 ? 0 : 25));
    const r = a.finish();
    expect(r.neutral.neutral.kind).toBe('calibrated');
    expect(r.frames).toHaveLength(40);
    expect(Math.abs(r.frames[30]!.rotationDeg! - 25)).toBeLessThan(TOL_ANGLE_DEG);
    expect(r.frames.map((f) => f.frameIndex)).toEqual([...Array(40).keys()]);
  });

  it('anatomical neutral keeps the camera offset in the numbers and says so', () => {
    const a = new RecordingAnalyzer();
    for (let i = 0; i < 5; i++) a.push(frame(i, 0));
    const r = a.finish();
    expect(r.neutral.neutral.kind).toBe('anatomical');
    expect(Math.abs(r.frames[0]!.rotationDeg! - 15)).toBeLessThan(TOL_ANGLE_DEG);
  });

  it('falls back to anatomical when the window has no still face, and reports the fallback', () => {
    const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 1000 });
    for (let i = 0; i < 20; i++) a.push(frame(i, i * 3));
    const r = a.finish();
    expect(r.neutral.fellBackToAnatomical).toBe(true);
    expect(r.neutral.calibration).toMatchObject({ ok: false, reason: 'not-still' });
    expect(r.frames).toHaveLength(20);
  });

  it('drops frames whose timestamps go backwards and counts them', () => {
    const a = new RecordingAnalyzer();
    a.push(frame(0, 0));
    a.push(frame(2, 0));
    a.push(frame(1, 0));
    const r = a.finish();
    expect(r.frames).toHaveLength(2);
    expect(r.droppedOutOfOrder).toBe(1);
  });
});
