// Glare on glasses during the calibration rest (session 12, glarecal): a lens mirroring a lamp moved the phantom's zero
// ≈ 2° with nothing in the landmarks to tell it from the person's own neutral. The vision package measures the white
// share in each lens box (FaceObservation.lensGlareShares); the calibration prefers the glare-free frames and says so.
import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { HeadAngles } from '../measures/types.ts';
import { RecordingAnalyzer } from '../session/recording.ts';
import { anglesFromRotationMatrix, headRotationMatrix, mat3Multiply, mat3Transpose } from './euler.ts';
import { LENS_GLARE_SHARE, preferGlareFree } from './lensGlare.ts';
import { calibrateNeutral, neutralFromJson } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';
import { checkStraightest } from './straightest.ts';

const camera = headRotationMatrix({ rotationDeg: 5, tiltDeg: 0, flexionDeg: 0 });
const REST: HeadAngles = { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 };
// The glare-lit reading of the same still head: the phantom's shift (BENCHMARKS.md "(session 11, glare)").
const GLARE_READ: HeadAngles = { rotationDeg: -1.4, tiltDeg: 2.2, flexionDeg: -1.9 };
const LIT: readonly [number, number] = [0.32, 0.04];

function frame(i: number, glare: boolean, shares: boolean = true): LandmarkFrame {
  const face = syntheticFace({ angles: glare ? GLARE_READ : REST, neutral: camera, noisePx: 0.2, seed: i + 1 });
  return {
    frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480,
    faces: [shares ? { ...face, lensGlareShares: glare ? LIT : [0, 0.003] } : face],
    bodies: [], hands: [],
  };
}
/** How far the calibrated neutral is from the true rest, per axis (deg). */
function offFromRest(frames: readonly LandmarkFrame[]): HeadAngles {
  const r = calibrateNeutral(frames);
  if (!r.ok) throw new Error(r.reason);
  return anglesFromRotationMatrix(mat3Multiply(mat3Transpose(camera), r.neutral.headToCamera));
}

describe('glare on glasses during the calibration rest', () => {
  it('takes the neutral from the glare-free frames when there are enough, and says how many were left out', () => {
    const frames = Array.from({ length: 60 }, (_, i) => frame(i, i % 3 === 0)); // 20 of 60 lit
    const r = calibrateNeutral(frames);
    expect(r.ok && r.neutral.lensGlare).toEqual({ outcome: 'left-out', framesChecked: 60, framesWithGlare: 20, maxShare: 0.32 });
    const off = offFromRest(frames);
    for (const v of [off.rotationDeg, off.tiltDeg, off.flexionDeg]) expect(Math.abs(v)).toBeLessThan(0.15);
    // The same frames without the glare measure (a recording made before it existed) average the lit frames in.
    expect(Math.abs(offFromRest(Array.from({ length: 60 }, (_, i) => frame(i, i % 3 === 0, false))).tiltDeg)).toBeGreaterThan(0.5);
  });

  it('keeps a neutral lit all through but marks it, and the mark survives a saved neutral', () => {
    const frames = Array.from({ length: 60 }, (_, i) => frame(i, i >= 55 ? false : true)); // 5 clean: fewer than 10
    const r = calibrateNeutral(frames);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.neutral.lensGlare).toEqual({ outcome: 'kept', framesChecked: 60, framesWithGlare: 55, maxShare: 0.32 });
    expect(neutralFromJson(JSON.parse(JSON.stringify(r.neutral))).lensGlare).toEqual(r.neutral.lensGlare);
  });

  it('changes nothing on a rest without glare (no mark, the same neutral)', () => {
    const clean = Array.from({ length: 60 }, (_, i) => frame(i, false));
    const r = calibrateNeutral(clean);
    const bare = calibrateNeutral(Array.from({ length: 60 }, (_, i) => frame(i, false, false)));
    expect(r.ok && bare.ok).toBe(true);
    if (!r.ok || !bare.ok) return;
    expect(r.neutral.lensGlare).toBeUndefined();
    expect(r.neutral).toEqual(bare.neutral);
  });

  it('a recording calibrated on a lit rest carries the mark to its neutral and its straightest check', () => {
    const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 2000 });
    for (let i = 0; i < 90; i++) a.push(frame(i, true));
    const r = a.finish();
    expect(r.neutral.neutral.lensGlare).toMatchObject({ outcome: 'kept', framesWithGlare: 61, framesChecked: 61 });
    expect(r.straightest?.lensGlare).toMatchObject({ outcome: 'kept', framesWithGlare: 61 });
  });

  it('the threshold: a lens share just under LENS_GLARE_SHARE is not glare, at it is', () => {
    expect(preferGlareFree([LENS_GLARE_SHARE - 0.001], (s) => s, 0).glare).toBeNull();
    expect(preferGlareFree([LENS_GLARE_SHARE], (s) => s, 0).glare?.framesWithGlare).toBe(1);
    expect(checkStraightest([], null, []).ok).toBe(false);
  });
});
