/**
 * Avatar animation maths (pure): the pose at a time within one loop of an exercise's keyframes, with
 * smooth (cosine) easing between keyframes, and mirroring for people whose pull is to the other side.
 */
import type { AvatarKeyframe } from '@geste/core';

export type AvatarPose = Omit<AvatarKeyframe, 'atMs'>;

const ease = (u: number): number => (1 - Math.cos(Math.PI * u)) / 2;

/** Loop length, ms (the last keyframe's time; at least 1). */
export function loopMs(kfs: readonly AvatarKeyframe[]): number {
  return Math.max(1, kfs[kfs.length - 1]?.atMs ?? 1);
}

export function avatarPoseAt(kfs: readonly AvatarKeyframe[], tMs: number): AvatarPose {
  const first = kfs[0];
  if (!first) return { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0, shoulderLift: 0, hand: 'none', handSide: 'right', breath: 0.5 };
  const L = loopMs(kfs);
  const t = ((tMs % L) + L) % L;
  let a = first;
  let b = first;
  for (let i = 1; i < kfs.length; i++) {
    const k = kfs[i] as AvatarKeyframe;
    if (k.atMs >= t) {
      a = kfs[i - 1] as AvatarKeyframe;
      b = k;
      break;
    }
    a = k;
    b = k;
  }
  const span = b.atMs - a.atMs;
  const u = span > 0 ? ease((t - a.atMs) / span) : 0;
  const mix = (x: number, y: number): number => x + (y - x) * u;
  return {
    rotationDeg: mix(a.rotationDeg, b.rotationDeg),
    tiltDeg: mix(a.tiltDeg, b.tiltDeg),
    flexionDeg: mix(a.flexionDeg, b.flexionDeg),
    shoulderLift: mix(a.shoulderLift, b.shoulderLift),
    breath: mix(a.breath, b.breath),
    hand: u < 0.5 ? a.hand : b.hand,
    handSide: u < 0.5 ? a.handSide : b.handSide,
  };
}

/** Mirrors keyframes left↔right (rotation and tilt change sign, the hand changes side). */
export function mirrorKeyframes(kfs: readonly AvatarKeyframe[]): AvatarKeyframe[] {
  return kfs.map((k) => ({ ...k, rotationDeg: -k.rotationDeg, tiltDeg: -k.tiltDeg, handSide: k.handSide === 'right' ? 'left' : 'right' }));
}

/** The library draws 'away-from-pull' toward the person's left; a person pulled to the left sees it mirrored. */
export function keyframesFor(kfs: readonly AvatarKeyframe[], awayFromPull: boolean, pullSign: 1 | -1 | null): readonly AvatarKeyframe[] {
  return awayFromPull && pullSign === -1 ? mirrorKeyframes(kfs) : kfs;
}
