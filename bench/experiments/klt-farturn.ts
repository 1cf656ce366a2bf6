// Model-free angle anchor on the matrix far-turn clip (issue 13, session 10 "klt"): texture points seeded at the rest
// frame, tracked by pyramidal Lucas-Kanade through every run of frames with |true yaw| <= LIMIT (each run reached from
// the rest frame by a direct link to its own most-frontal frame, then tracked outwards), rigid structure from motion
// on the points seen in all those frames; per-frame yaw relative to the rest frame vs truth, next to the saved mesh
// reading. Then (optionally) the tremor clip: its rest frame linked to the far-turn rest frame, tracked, each frame's
// pose fitted to the far-turn shape.
//   nice -n 10 node --import tsx bench/experiments/klt-farturn.ts [--faces a,b] [--cameras webcam-640] [--limit 40] [--tremor] [--json out.jsonl]
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Mat3 } from '../../packages/core/src/pose/euler.ts';
import { gainStats, pointResiduals, relativeYawDeg, rigidSfm, type RigidSfm } from './klt-lib.ts';
import { linkFrames, loadClip, PyramidCache, seedPoints, trackRun, type Clip } from './klt-track.ts';
import { fitPinhole, type PinholeCamera } from './sfm-lib.ts';

const { values } = parseArgs({ options: { faces: { type: 'string' }, cameras: { type: 'string' }, limit: { type: 'string' }, tremor: { type: 'boolean' }, json: { type: 'string' }, root: { type: 'string' }, focal: { type: 'string' } } });
const ROOT = values.root ?? '/work/s9-lead/matrix-replay/matrix';
const FACES = (values.faces ?? 'astronaut,deep-wide').split(',');
const CAMERAS = (values.cameras ?? 'webcam-640').split(',');
const LIMIT_DEG = Number(values.limit ?? 40);
/** The phantom renders with a 43 deg vertical field of view (packages/phantom DEFAULT_SCENE) at 640 x 480. */
const PHANTOM_VFOV_DEG = 43;
/** Sign that turns relativeYawDeg (camera frame) into the patient's rotationDeg convention (checked on astronaut). */
const YAW_SIGN = 1;
const MAX_POINT_RESIDUAL_PX = 1.5;

function camera(clip: Clip): PinholeCamera {
  const focalPx = values.focal ? Number(values.focal) : clip.h / 2 / Math.tan((PHANTOM_VFOV_DEG * Math.PI) / 360);
  return { focalPx, cxPx: clip.w / 2, cyPx: clip.h / 2 };
}

function runsWithin(truth: number[], limit: number): [number, number][] {
  const runs: [number, number][] = [];
  let s = -1;
  truth.forEach((v, i) => {
    if (Math.abs(v) <= limit) { if (s < 0) s = i; } else if (s >= 0) { runs.push([s, i - 1]); s = -1; }
  });
  if (s >= 0) runs.push([s, truth.length - 1]);
  return runs.filter(([a, b]) => b - a >= 4);
}

const fmt = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

interface FarResult { sfm: RigidSfm; frames: number[]; keep: number[]; tracks: Map<number, Float64Array>; seeds: Float64Array; cam: PinholeCamera }

function farTurn(face: string, cameraId: string): FarResult | null {
  const base = `${ROOT}/${face}/${cameraId}/far-turn-return-70`;
  const clip = loadClip(base);
  const pyr = new PyramidCache(clip.frames);
  const cam = camera(clip);
  const { pts: seeds, depth } = seedPoints(clip, pyr, 0);
  const runs = runsWithin(clip.truthYawDeg, LIMIT_DEG);
  const tracks = new Map<number, Float64Array>();
  tracks.set(0, seeds);
  for (const [a, b] of runs) {
    let anchor = 0;
    if (!(a <= 0 && 0 <= b)) {
      // most frontal frame of the run by the mesh reading (truth-free choice)
      let best = Infinity;
      for (let f = a; f <= b; f++) { const m = clip.meshYawDeg[f]; if (m !== null && m !== undefined && Math.abs(m) < best) { best = Math.abs(m); anchor = f; } }
      tracks.set(anchor, linkFrames(pyr.get(0), pyr.get(anchor), seeds, 0.5, 12));
    }
    for (const [f, p] of trackRun(clip, pyr, tracks.get(anchor)!, anchor, b)) tracks.set(f, p);
    for (const [f, p] of trackRun(clip, pyr, tracks.get(anchor)!, anchor, a)) tracks.set(f, p);
  }
  const frames = [...tracks.keys()].sort((p, q) => p - q);
  const P = seeds.length / 2;
  let keep = [...Array(P).keys()].filter((i) => frames.every((f) => !Number.isNaN(tracks.get(f)![i * 2]!)));
  const survived = keep.length;
  const sub = (f: number, idx: number[]) => { const t = tracks.get(f)!; const o = new Float64Array(idx.length * 2); idx.forEach((i, k) => { o[k * 2] = t[i * 2]!; o[k * 2 + 1] = t[i * 2 + 1]!; }); return o; };
  let res = rigidSfm(frames.map((f) => sub(f, keep)), keep.map((i) => depth[i]!), 0, cam);
  let dropped = 0;
  for (let round = 0; round < 3 && res.ok; round++) {
    const r = pointResiduals(res.sfm.shape, frames.map((f) => sub(f, keep)), res.sfm.rotations, cam);
    const sorted = [...r].sort((p, q) => p - q);
    const lim = Math.max(MAX_POINT_RESIDUAL_PX, 3 * sorted[Math.floor(sorted.length / 2)]!);
    const next = keep.filter((_, k) => r[k]! <= lim);
    if (next.length === keep.length) break;
    dropped += keep.length - next.length;
    keep = next;
    res = rigidSfm(frames.map((f) => sub(f, keep)), keep.map((i) => depth[i]!), 0, cam);
  }
  const runTxt = runs.map(([a, b]) => `${a}-${b}`).join(',');
  if (!res.ok) { console.log(`${face} ${cameraId} far-turn: runs ${runTxt}, ${P} seeds, ${survived} in all ${frames.length} frames: SfM refused (${res.reason})`); return null; }
  const R0 = res.sfm.rotations[0]!;
  const yaw = res.sfm.rotations.map((R) => YAW_SIGN * relativeYawDeg(R, R0));
  const truth = frames.map((f) => clip.truthYawDeg[f]!);
  const moving = frames.map((_, k) => k).filter((k) => Math.abs(truth[k]!) > 0.5);
  const sfmStats = gainStats(moving.map((k) => truth[k]!), moving.map((k) => yaw[k]!));
  const meshIdx = moving.filter((k) => clip.meshYawDeg[frames[k]!] !== null);
  const meshStats = gainStats(meshIdx.map((k) => truth[k]!), meshIdx.map((k) => clip.meshYawDeg[frames[k]!]!));
  // the same restricted to the frames the mesh measures
  const sfmOnMesh = gainStats(meshIdx.map((k) => truth[k]!), meshIdx.map((k) => yaw[k]!));
  console.log(`${face} ${cameraId} far-turn |yaw|<=${LIMIT_DEG}: runs ${runTxt}, ${frames.length} frames, ${P} seeds, ${survived} tracked in all, ${keep.length} after ${dropped} residual drops; ` +
    `rank3 resid ${res.sfm.rank3Residual.toExponential(1)}, depth corr ${fmt(res.sfm.depthCorrelation)}\n` +
    `   rigid-SfM yaw: slope ${fmt(sfmStats.slope, 3)} MAE ${fmt(sfmStats.maeDeg)} deg (${sfmStats.n} moving frames); on the ${meshIdx.length} mesh-measured frames slope ${fmt(sfmOnMesh.slope, 3)} MAE ${fmt(sfmOnMesh.maeDeg)}\n` +
    `   mesh (saved core) yaw: slope ${fmt(meshStats.slope, 3)} MAE ${fmt(meshStats.maeDeg)} deg (${meshStats.n} frames)`);
  if (values.json) appendFileSync(values.json, JSON.stringify({ face, camera: cameraId, clip: 'far-turn-return-70', limitDeg: LIMIT_DEG, seeds: P, survived, kept: keep.length, frames, truth, sfmYaw: yaw, meshYaw: frames.map((f) => clip.meshYawDeg[f]), sfm: sfmStats, mesh: meshStats }) + '\n');
  return { sfm: res.sfm, frames, keep, tracks, seeds, cam };
}

function tremor(face: string, cameraId: string, far: FarResult): void {
  const farClip = loadClip(`${ROOT}/${face}/${cameraId}/far-turn-return-70`);
  const clip = loadClip(`${ROOT}/${face}/${cameraId}/small-tremor-yaw-2hz`);
  const farPyr = new PyramidCache(farClip.frames), pyr = new PyramidCache(clip.frames);
  const seedsKept = new Float64Array(far.keep.length * 2);
  far.keep.forEach((i, k) => { seedsKept[k * 2] = far.seeds[i * 2]!; seedsKept[k * 2 + 1] = far.seeds[i * 2 + 1]!; });
  const start = linkFrames(farPyr.get(0), pyr.get(0), seedsKept, 0.5, 12);
  const run = trackRun(clip, pyr, start, 0, clip.frames.length - 1);
  const all = [start, ...[...run.keys()].sort((p, q) => p - q).map((f) => run.get(f)!)];
  const Pk = far.keep.length;
  const alive = [...Array(Pk).keys()].filter((i) => all.every((t) => !Number.isNaN(t[i * 2]!)));
  const shape = new Float64Array(alive.length * 3);
  alive.forEach((i, k) => { for (let c = 0; c < 3; c++) shape[k * 3 + c] = far.sfm.shape[i * 3 + c]!; });
  const R0far = far.sfm.rotations[0]!;
  let prev: Mat3 = R0far;
  const yaw: number[] = [];
  let R0: Mat3 | null = null;
  for (const t of all) {
    const obs = new Float64Array(alive.length * 2);
    alive.forEach((i, k) => { obs[k * 2] = t[i * 2]!; obs[k * 2 + 1] = t[i * 2 + 1]!; });
    const fit = fitPinhole(shape, obs, prev, far.cam);
    prev = fit.rotation;
    if (R0 === null) R0 = fit.rotation;
    yaw.push(YAW_SIGN * relativeYawDeg(fit.rotation, R0));
  }
  const truth = clip.truthYawDeg.slice(0, all.length);
  const idx = truth.map((_, k) => k).filter((k) => k > 0);
  const s = gainStats(idx.map((k) => truth[k]!), idx.map((k) => yaw[k]!));
  const meshIdx = idx.filter((k) => clip.meshYawDeg[k] !== null);
  const m = gainStats(meshIdx.map((k) => truth[k]!), meshIdx.map((k) => clip.meshYawDeg[k]!));
  // tremor clip alone: SfM of its own tracks (bas-relief: expected to be ill-determined)
  const own = rigidSfm(all.map((t) => { const o = new Float64Array(alive.length * 2); alive.forEach((i, k) => { o[k * 2] = t[i * 2]!; o[k * 2 + 1] = t[i * 2 + 1]!; }); return o; }), alive.map((i) => far.sfm.shape[i * 3 + 2]!), 0, far.cam);
  let ownTxt = 'refused';
  if (own.ok) {
    const oy = own.sfm.rotations.map((R) => YAW_SIGN * relativeYawDeg(R, own.sfm.rotations[0]!));
    const os = gainStats(idx.map((k) => truth[k]!), idx.map((k) => oy[k]!));
    ownTxt = `slope ${fmt(os.slope, 3)} MAE ${fmt(os.maeDeg)}`;
  } else ownTxt = `refused (${own.reason})`;
  console.log(`${face} ${cameraId} tremor: ${alive.length}/${Pk} far-turn points linked and tracked through ${all.length} frames; pose fitted to the far-turn shape: slope ${fmt(s.slope, 3)} MAE ${fmt(s.maeDeg)} deg; ` +
    `mesh slope ${fmt(m.slope, 3)} MAE ${fmt(m.maeDeg)} (${m.n} frames); own-clip SfM ${ownTxt}`);
  if (values.json) appendFileSync(values.json, JSON.stringify({ face, camera: cameraId, clip: 'small-tremor-yaw-2hz', points: alive.length, truth, sfmYaw: yaw, meshYaw: clip.meshYawDeg.slice(0, all.length), sfm: s, mesh: m }) + '\n');
}

for (const cameraId of CAMERAS) {
  for (const face of FACES) {
    const t0 = Date.now();
    const far = farTurn(face, cameraId);
    if (far && values.tremor) tremor(face, cameraId, far);
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
