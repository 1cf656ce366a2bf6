// Is the per-face rotation gain a rigid shape? (issue 13, session 10 "sfm"). The mesh's plain 2-D nose offset
// q = (nose tip x - outer-eye-corner midpoint x) / outer-eye-corner distance (mesh 1, 33, 263), relative to the rest
// frames, against the true yaw of far-turn-return-70: the slope over 2-12 deg, and q at 20 / 30 / 40 deg. For a rigid
// head q grows like tan(yaw) times depth / width, so q@40 / (slope x 40) is the same number for every rigid face
// (1.20 orthographic; a deeper or shallower nose scales slope and q@40 alike).
//   node --import tsx bench/experiments/sfm-nosecurve.ts [--root DIR] [--camera webcam-640]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LandmarkFrame } from '@geste/core';
import { parseTruthCsv } from '@geste/phantom';

const { values } = parseArgs({ options: {
  root: { type: 'string', default: '/work/s9-lead/matrix-replay/matrix' }, camera: { type: 'string', default: 'webcam-640' },
  faces: { type: 'string', default: 'astronaut,olive-narrow,dark-stubble,deep-wide,hopper,hopper-beard,beard-glasses' },
} });
for (const face of values.faces!.split(',')) {
  const base = join(values.root!, face, values.camera!, 'far-turn-return-70');
  const frames = (JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = new Map(parseTruthCsv(readFileSync(`${base}.truth.csv`, 'utf8')).map((t) => [t.frameIndex, t.rotationDeg]));
  const pts: [number, number][] = [];
  for (const f of frames) {
    const t = truth.get(f.frameIndex);
    if (f.faces.length !== 1 || f.faces[0]!.meshScore < 0.9 || t === undefined) continue;
    const m = f.faces[0]!.meshPx;
    const mid = (m[33]!.x + m[263]!.x) / 2, w = Math.hypot(m[33]!.x - m[263]!.x, m[33]!.y - m[263]!.y);
    pts.push([t, (m[1]!.x - mid) / w]);
  }
  const rest = pts.filter(([t]) => Math.abs(t) < 0.5);
  const q0 = rest.reduce((s, [, q]) => s + q, 0) / rest.length;
  const at = (a: number) => { const s = pts.filter(([t]) => Math.abs(Math.abs(t) - a) < 2.5).map(([, q]) => Math.abs(q - q0)); return s.reduce((x, y) => x + y, 0) / s.length; };
  const small = pts.filter(([t]) => Math.abs(t) >= 2 && Math.abs(t) <= 12);
  const slope = Math.abs(small.reduce((s, [t, q]) => s + t * (q - q0), 0) / small.reduce((s, [t]) => s + t * t, 0));
  console.log(`${face.padEnd(14)} slope 2-12 deg ${(slope * 100).toFixed(3)} per 100 deg, q@20 ${at(20).toFixed(3)} q@30 ${at(30).toFixed(3)} q@40 ${at(40).toFixed(3)}, q@40/(slope x 40) ${(at(40) / (slope * 40)).toFixed(2)}`);
}
