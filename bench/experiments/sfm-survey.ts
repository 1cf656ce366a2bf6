// Own face shape by rigid structure from motion (issue 13, session 10 "sfm"), first experiment: learn each face's rigid
// shape from one clip's 2-D rigid-point tracks (mesh score >= 0.9, |camera yaw| <= 45 deg), print the learned nose
// depth / eye width against the phantom's shape scales, and per clip the rotation gain (slope of measured on true
// rotation, relative to the frame nearest true zero) of today's 3-D fit and of the 2-D fit of the learned shape.
//   node --import tsx bench/experiments/sfm-survey.ts [--root DIR] [--camera webcam-640] [--faces a,b] [--learn clip[,clip]] [--auto]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { anglesFromRotationMatrix, fitHead, selectPatientFace, type LandmarkFrame } from '@geste/core';
import { type Mat3, mat3Multiply, mat3Transpose } from '../../packages/core/src/pose/euler.ts';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { parseTruthCsv, type TruthRow } from '@geste/phantom';
import { findFace } from '../../packages/phantom/src/render/faces.ts';
import { CONTOUR_POINTS, type PinholeCamera, canonPoints, fit2d, fitPinhole, learnShape, shapeStats } from './sfm-lib.ts';
import { assumedCamera } from '../../packages/core/src/pose/refine.ts';

const { values } = parseArgs({ options: {
  root: { type: 'string', default: '/work/s9-lead/matrix-replay/matrix' }, camera: { type: 'string', default: 'webcam-640' },
  faces: { type: 'string', default: 'astronaut,deep-wide,hopper' }, learn: { type: 'string', default: 'far-turn-return-70' },
  clips: { type: 'string', default: 'combined-extension,edge-tilt-flexion-40,far-turn-return-70,hold-neutral-20s,small-jerks,small-tilt-flexion,small-tremor-yaw-2hz,tremor-roll-4.5hz' },
  'max-yaw': { type: 'string', default: '45' }, 'min-score': { type: 'string', default: '0.9' }, auto: { type: 'boolean', default: false }, 'no-contour': { type: 'boolean', default: false }, pinhole: { type: 'boolean', default: false }, points: { type: 'string' }, hfov: { type: 'string', default: '60' },
} });
const MAX_YAW = Number(values['max-yaw']), MIN_SCORE = Number(values['min-score']);
const POINTS = values.points ? values.points.split(',').map(Number) : values['no-contour'] ? RIGID_FACE_POINTS.filter((m) => !CONTOUR_POINTS.includes(m)) : RIGID_FACE_POINTS;
const P = POINTS.length;
const CANON_RIGID = canonPoints(POINTS);

interface Frame { cam: PinholeCamera; i: number; ms: number; R3: Mat3 | null; obs: Float64Array | null; score: number; yaw: number }

function loadClip(face: string, clip: string): { frames: Frame[]; truth: TruthRow[] } | null {
  const base = join(values.root!, face, values.camera!, clip);
  if (!existsSync(`${base}.landmarks.json`)) return null;
  const raw = (JSON.parse(readFileSync(`${base}.landmarks.json`, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = parseTruthCsv(readFileSync(`${base}.truth.csv`, 'utf8'));
  const frames = raw.map((f): Frame => {
    const cam = assumedCamera(f.imageWidthPx, f.imageHeightPx, Number(values.hfov));
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one') return { cam, i: f.frameIndex, ms: f.timestampMs, R3: null, obs: null, score: 0, yaw: NaN };
    const fit = fitHead(sel.face, f);
    const obs = new Float64Array(P * 2);
    POINTS.forEach((m, k) => { obs[k * 2] = sel.face.meshPx[m]!.x; obs[k * 2 + 1] = sel.face.meshPx[m]!.y; });
    return { cam, i: f.frameIndex, ms: f.timestampMs, R3: fit?.headToCamera ?? null, obs, score: sel.face.meshScore, yaw: fit ? anglesFromRotationMatrix(fit.headToCamera).rotationDeg : NaN };
  });
  return { frames, truth };
}

function learnFrom(clips: { frames: Frame[] }[]) {
  const tracks: Float64Array[] = [];
  const used: Frame[] = [];
  let yMin = Infinity, yMax = -Infinity;
  for (const c of clips) for (const f of c.frames) {
    if (f.obs && f.score >= MIN_SCORE && Math.abs(f.yaw) <= MAX_YAW) { tracks.push(f.obs); used.push(f); yMin = Math.min(yMin, f.yaw); yMax = Math.max(yMax, f.yaw); }
  }
  return { res: learnShape(tracks, POINTS, values.pinhole && used.length > 0 ? used[0]!.cam : null), yawSpan: yMax - yMin, used };
}

const canon = shapeStats(CANON_RIGID, POINTS);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');

/** Relative angles Q = N^T R with N at the frame nearest truth zero in the first 2 s (else anywhere). */
function series(frames: Frame[], truth: TruthRow[], rot: (f: Frame) => Mat3 | null) {
  const tBy = new Map(truth.map((t) => [t.frameIndex, t]));
  const zero = (t: TruthRow | undefined) => (t ? Math.abs(t.rotationDeg) + Math.abs(t.tiltDeg) + Math.abs(t.flexionDeg) : Infinity);
  let nIdx = -1, best = Infinity;
  frames.forEach((f, k) => { const z = zero(tBy.get(f.i)) + (f.ms > 2000 ? 1e-3 : 0); if (rot(f) && f.score >= 0.5 && z < best) { best = z; nIdx = k; } });
  if (nIdx < 0) return null;
  const N = rot(frames[nIdx]!)!;
  const out: { t: TruthRow; r: number; ti: number; fl: number }[] = [];
  for (const f of frames) {
    const R = rot(f), t = tBy.get(f.i);
    if (!R || !t || f.score < 0.5) continue;
    const a = anglesFromRotationMatrix(mat3Multiply(mat3Transpose(N), R));
    out.push({ t, r: a.rotationDeg, ti: a.tiltDeg, fl: a.flexionDeg });
  }
  return out;
}

function stats(s: ReturnType<typeof series>) {
  if (!s || s.length === 0) return { gain: NaN, gainSmall: NaN, maeR: NaN, maeT: NaN, maeF: NaN };
  let num = 0, den = 0, ns = 0, ds = 0, eR = 0, eT = 0, eF = 0;
  for (const x of s) {
    if (Math.abs(x.t.rotationDeg) >= 2) { num += x.r * x.t.rotationDeg; den += x.t.rotationDeg ** 2; }
    if (Math.abs(x.t.rotationDeg) >= 2 && Math.abs(x.t.rotationDeg) <= 15) { ns += x.r * x.t.rotationDeg; ds += x.t.rotationDeg ** 2; }
    eR += Math.abs(x.r - x.t.rotationDeg); eT += Math.abs(x.ti - x.t.tiltDeg); eF += Math.abs(x.fl - x.t.flexionDeg);
  }
  return { gain: num / den, gainSmall: ns / ds, maeR: eR / s.length, maeT: eT / s.length, maeF: eF / s.length };
}

const clipNames = values.clips!.split(',');
for (const face of values.faces!.split(',')) {
  const look = findFace(face)?.look;
  const learnClips = values.learn!.split(',').map((c) => loadClip(face, c)).filter((c) => c !== null);
  const { res, yawSpan, used } = learnFrom(learnClips);
  console.log(`\n== ${face} / ${values.camera}: truth widthScale ${look?.widthScale ?? 1} noseDepthScale ${look?.noseDepthScale ?? 1} -> nose/eye x ${f2((look?.noseDepthScale ?? 1) / (look?.widthScale ?? 1))}`);
  if (!res.ok) { console.log(`  learn (${values.learn}): REFUSED ${res.reason}, yaw span ${f2(yawSpan)}`); continue; }
  const sh = res.shape;
  console.log(`  learned from ${values.learn}: ${sh.frames} frames, yaw span ${f2(yawSpan)} deg, rank3 resid ${sh.rank3Residual.toExponential(2)}, metric cond ${sh.metricConditioning.toExponential(2)}`);
  console.log(`  nose depth ${f2(sh.noseDepthCm)} cm, eye width ${f2(sh.eyeWidthCm)} cm, nose/eye ${f2(sh.noseDepthCm / sh.eyeWidthCm)} = x${f2(sh.noseDepthCm / sh.eyeWidthCm / (canon.noseDepthCm / canon.eyeWidthCm))} of canonical (${f2(canon.noseDepthCm)} / ${f2(canon.eyeWidthCm)})`);
  if (learnClips.length === 1) {
    const rotBy = new Map(used.map((f, k) => [f, sh.rotations[k]!]));
    const tk = stats(series(learnClips[0]!.frames.filter((f) => rotBy.has(f)), learnClips[0]!.truth, (f) => rotBy.get(f) ?? null));
    console.log(`  factorisation's own rotations on the learning frames: g ${f2(tk.gain)} gs ${f2(tk.gainSmall)} R ${f2(tk.maeR)} T ${f2(tk.maeT)} F ${f2(tk.maeF)}`);
  }
  for (const clip of clipNames) {
    const c = loadClip(face, clip);
    if (!c) continue;
    const old = stats(series(c.frames, c.truth, (f) => f.R3));
    const withShape = (shape: Float64Array) => (f: Frame) => (f.R3 && f.obs ? (values.pinhole ? fitPinhole(shape, f.obs, f.R3, f.cam) : fit2d(shape, f.obs, f.R3)).rotation : null);
    const nw = stats(series(c.frames, c.truth, withShape(sh.shapeCm)));
    const can2d = stats(series(c.frames, c.truth, withShape(CANON_RIGID)));
    let autoTxt = '';
    if (values.auto) {
      const a = learnFrom([c]);
      if (a.res.ok) { const st = stats(series(c.frames, c.truth, withShape(a.res.shape.shapeCm))); autoTxt = ` | auto g ${f2(st.gain)} gs ${f2(st.gainSmall)} R ${f2(st.maeR)} T ${f2(st.maeT)} F ${f2(st.maeF)} (n/e x${f2(a.res.shape.noseDepthCm / a.res.shape.eyeWidthCm / (canon.noseDepthCm / canon.eyeWidthCm))})`; }
      else autoTxt = ` | auto refused (${a.res.reason}; span ${f2(a.yawSpan)})`;
    }
    console.log(`  ${clip.padEnd(22)} 3D g ${f2(old.gain)} gs ${f2(old.gainSmall)} R ${f2(old.maeR)} T ${f2(old.maeT)} F ${f2(old.maeF)} | canon2D g ${f2(can2d.gain)} gs ${f2(can2d.gainSmall)} R ${f2(can2d.maeR)} | own2D g ${f2(nw.gain)} gs ${f2(nw.gainSmall)} R ${f2(nw.maeR)} T ${f2(nw.maeT)} F ${f2(nw.maeF)}${autoTxt}`);
  }
}
