/**
 * A simple head that mirrors the measured posture, drawn as in a mirror (the person's right on the
 * screen's right). Rotation moves the face features sideways, flexion moves them up/down, tilt
 * rotates the whole head. Decorative: the gauges carry the numbers, so this is aria-hidden.
 */
import type { ReactNode } from 'react';

export function Avatar(props: { rotationDeg: number | null; tiltDeg: number | null; flexionDeg: number | null; measurable: boolean }): ReactNode {
  const r = props.rotationDeg ?? 0;
  const t = props.tiltDeg ?? 0;
  const f = props.flexionDeg ?? 0;
  const rad = Math.PI / 180;
  // Mirror view: positive rotation (chin to the person's right) moves the nose to the screen's right.
  const dx = 34 * Math.sin(Math.max(-80, Math.min(80, r)) * rad);
  const dy = 30 * Math.sin(Math.max(-60, Math.min(60, f)) * rad);
  const eyeScaleL = 1 - 0.5 * Math.max(0, Math.sin(r * rad));
  const eyeScaleR = 1 - 0.5 * Math.max(0, -Math.sin(r * rad));
  return (
    <svg className={`avatar ${props.measurable ? '' : 'avatar-off'}`} viewBox="0 0 200 220" aria-hidden="true" focusable="false">
      <line x1="20" y1="205" x2="180" y2="205" className="avatar-shoulders" />
      <rect x="88" y="160" width="24" height="45" className="avatar-neck" />
      <g transform={`rotate(${Math.max(-60, Math.min(60, t))} 100 170)`}>
        <ellipse cx="100" cy="95" rx="58" ry="72" className="avatar-head" />
        <ellipse cx="42" cy="100" rx="8" ry="16" className="avatar-ear" />
        <ellipse cx="158" cy="100" rx="8" ry="16" className="avatar-ear" />
        <g transform={`translate(${dx} ${dy})`}>
          <ellipse cx="78" cy="82" rx={9 * eyeScaleL} ry="6" className="avatar-eye" />
          <ellipse cx="122" cy="82" rx={9 * eyeScaleR} ry="6" className="avatar-eye" />
          <path d="M100 88 L92 114 L106 114" className="avatar-nose" />
          <path d="M84 134 Q100 142 116 134" className="avatar-mouth" />
        </g>
      </g>
      {!props.measurable && (
        <text x="100" y="100" textAnchor="middle" className="avatar-q">?</text>
      )}
    </svg>
  );
}
