/**
 * An animated SVG person for an exercise, drawn as in a mirror (the person's right on the screen's
 * right, like the live Avatar). Decorative — the steps carry the meaning — so it is aria-hidden, and it
 * stands still on the key position when the person prefers reduced motion.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AvatarKeyframe } from '@geste/core';
import { avatarPoseAt, loopMs } from './avatarPose.ts';
import type { AvatarPose } from './avatarPose.ts';

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Position of the hand for a pose (mirror view: the person's right hand on the screen's right). */
function handAt(p: AvatarPose): { x: number; y: number } | null {
  const side = p.handSide === 'right' ? 1 : -1;
  switch (p.hand) {
    case 'none':
      return null;
    case 'chin':
      return { x: 100 + side * 14, y: 160 };
    case 'cheek':
      return { x: 100 + side * 48, y: 115 };
    case 'side-of-head':
      return { x: 100 + side * 62, y: 72 };
    case 'forehead':
      return { x: 100, y: 40 };
    case 'back-of-head':
      return { x: 100 + side * 52, y: 50 };
    case 'on-chest':
      return { x: 100 + side * 20, y: 235 };
  }
}

export function PoseFigure(props: { pose: AvatarPose; size?: number }): ReactNode {
  const p = props.pose;
  const rad = Math.PI / 180;
  const dx = 40 * Math.sin(Math.max(-70, Math.min(70, p.rotationDeg)) * rad);
  const dy = 40 * Math.sin(Math.max(-60, Math.min(60, p.flexionDeg)) * rad);
  const lift = 16 * p.shoulderLift;
  const chest = 34 + 10 * p.breath;
  const hand = handAt(p);
  const size = props.size ?? 160;
  return (
    <svg className="ex-avatar" viewBox="0 0 200 260" width={size} height={(size * 260) / 200} aria-hidden="true" focusable="false">
      <ellipse cx="100" cy="238" rx={chest + 30} ry={chest / 2 + 8} className="ex-body" />
      <path d={`M20 ${214 - lift} Q60 ${196 - lift} 88 190 L112 190 Q140 ${196 - lift} 180 ${214 - lift}`} className="ex-shoulders" />
      <rect x="88" y="160" width="24" height="36" className="ex-neck" />
      <g transform={`rotate(${Math.max(-60, Math.min(60, p.tiltDeg))} 100 175)`}>
        <ellipse cx="100" cy="100" rx="54" ry="68" className="ex-head" />
        <ellipse cx="46" cy="104" rx="7" ry="14" className="ex-ear" />
        <ellipse cx="154" cy="104" rx="7" ry="14" className="ex-ear" />
        <g transform={`translate(${dx} ${dy})`}>
          <ellipse cx="80" cy="88" rx="8" ry="5" className="ex-eye" />
          <ellipse cx="120" cy="88" rx="8" ry="5" className="ex-eye" />
          <path d="M100 94 L93 118 L106 118" className="ex-nose" />
          <path d="M86 138 Q100 146 114 138" className="ex-mouth" />
        </g>
      </g>
      {hand && <circle cx={hand.x} cy={hand.y} r="15" className="ex-hand" />}
    </svg>
  );
}

export function ExerciseAvatar(props: { keyframes: readonly AvatarKeyframe[]; size?: number; playing?: boolean }): ReactNode {
  const [tMs, setT] = useState(0);
  const still = reducedMotion() || props.playing === false;
  useEffect(() => {
    if (still) return;
    let id = 0;
    const t0 = performance.now();
    const step = (now: number): void => {
      setT(now - t0);
      id = requestAnimationFrame(step);
    };
    id = requestAnimationFrame(step);
    return () => cancelAnimationFrame(id);
  }, [still, props.keyframes]);
  // Still: show the furthest point of the movement (the second keyframe is the target in every entry).
  const pose = avatarPoseAt(props.keyframes, still ? (props.keyframes[1]?.atMs ?? 0) : tMs % loopMs(props.keyframes));
  return <PoseFigure pose={pose} {...(props.size !== undefined ? { size: props.size } : {})} />;
}
