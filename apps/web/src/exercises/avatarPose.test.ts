import { EXERCISES, type AvatarKeyframe } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { avatarPoseAt, keyframesFor, loopMs, mirrorKeyframes } from './avatarPose.ts';

const kf = (atMs: number, rotationDeg: number): AvatarKeyframe => ({ atMs, rotationDeg, tiltDeg: 0, flexionDeg: 0, shoulderLift: 0, hand: 'none', handSide: 'right', breath: 0.5 });

describe('avatar pose', () => {
  it('hits every keyframe exactly and eases between them', () => {
    const kfs = [kf(0, 0), kf(1000, -30), kf(2000, -30), kf(3000, 0)];
    expect(avatarPoseAt(kfs, 1000).rotationDeg).toBeCloseTo(-30, 9);
    expect(avatarPoseAt(kfs, 500).rotationDeg).toBeCloseTo(-15, 9);
    expect(avatarPoseAt(kfs, 250).rotationDeg).toBeGreaterThan(-15 / 2); // eased: slow start
    expect(avatarPoseAt(kfs, 1500).rotationDeg).toBeCloseTo(-30, 9);
    expect(avatarPoseAt(kfs, 3000 + 1000).rotationDeg).toBeCloseTo(-30, 9); // loops
  });

  it('every library exercise animates within its loop without NaN', () => {
    for (const ex of EXERCISES) {
      const L = loopMs(ex.avatar);
      for (let t = 0; t <= L; t += L / 37) {
        const p = avatarPoseAt(ex.avatar, t);
        for (const v of [p.rotationDeg, p.tiltDeg, p.flexionDeg, p.breath, p.shoulderLift]) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('mirrors for a person pulled to the left only when the exercise goes away from the pull', () => {
    const kfs = [kf(0, 0), kf(1000, -30)];
    expect(keyframesFor(kfs, true, -1)[1]?.rotationDeg).toBe(30);
    expect(keyframesFor(kfs, true, 1)[1]?.rotationDeg).toBe(-30);
    expect(keyframesFor(kfs, false, -1)[1]?.rotationDeg).toBe(-30);
    expect(mirrorKeyframes([{ ...kf(0, 5), handSide: 'left' }])[0]?.handSide).toBe('right');
  });
});
