// Model-free angle anchor on the matrix far-turn clip (issue 13, session 10 "klt"): texture points seeded at the rest
// frame, tracked by pyramidal Lucas-Kanade through every run of frames with |true yaw| <= LIMIT (each run reached from
// the rest frame by a direct link to its own most-frontal frame, then tracked outwards), rigid structure from motion
// on the points seen in all those frames; per-frame yaw relative to the rest frame vs truth, next to the saved mesh
// reading. Then (optionally) the tremor clip: its rest frame linked to the far-turn rest frame, tracked, each frame's
// pose fitted to the far-turn shape.
//   nice -n 10 node --import tsx bench/experiments/klt-farturn.ts [--faces a,b] [--cameras webcam-640] [--limit 40] [--tremor] [--json out.jsonl]
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Mat3, mat3Multiply, mat3Transpose } from '../../packages/core/src/pose/euler.ts';
import { correlation, depthFlipScore, gainStats, pointResiduals, relativeYawDeg, rigidSfm, type FlipScore, type RigidSfm } from './klt-lib.ts';
import { DEFAULT_MASK, DEFAULT_TRACK_CONFIG, linkFrames, loadClip, PyramidCache, seedPoints, trackRun, type Clip, type TrackConfig } from './klt-track.ts';
import { fitPinhole, type PinholeCamera } from './sfm-lib.ts';

const { values } = parseArgs({ options: { faces: { type: 'string' }, cameras: { type: 'string' }, limit: { type: 'string' }, tremor: { type: 'boolean' }, json: { type: 'string' }, root: { type: 'string' }, focal: { type: 'string' }, fb: { type: 'string' }, resid: { type: 'string' }, stay: { type: 'string' }, direct: { type: 'boolean' }, runs: { type: 'string' }, 'flip-depth': { type: 'boolean' }, 'eye-grow': { type: 'string' } } });
const ROOT = values.root ?? '/work/s9-lead/matrix-replay/matrix';
const FACES = (values.faces ?? 'astronaut,deep-wide').split(',');
const CAMERAS = (values.cameras ?? 'webcam-640').split(',');
const LIMIT_DEG = Number(values.limit ?? 40);
/** The phantom renders with a 43 deg vertical field of view (packages/phantom DEFAULT_SCENE) at 640 x 480. */
const PHANTOM_VFOV_DEG = 43;
/** Sign that turns relativeYawDeg (camera frame) into the patient's rotationDeg convention (checked on astronaut). */
const YAW_SIGN = 1;
const MAX_POINT_RESIDUAL_PX = 1.5;
const trackCfg: TrackConfig = { ...DEFAULT_TRACK_CONFIG, ...(values.fb ? { maxFbPx: Number(values.fb) } : {}), ...(values.resid ? { maxResidual: Number(values.resid) } : {}), ...(values.stay ? { stayOvalShrink: Number(values.stay) } : {}) };

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
  const { pts: seeds, depth } = seedPoints(clip, pyr, 0, 160, 6, { ...DEFAULT_MASK, ...(values['eye-grow'] ? { eyeGrow: Number(values['eye-grow']) } : {}) });
  const runsAll = runsWithin(clip.truthYawDeg, LIMIT_DEG);
  const runs = values.runs ? values.runs.split(',').map((k) => runsAll[Number(k)]!).filter(Boolean) : runsAll;
  const tracks = new Map<number, Float64Array>();
  tracks.set(0, seeds);
  const runInfo: string[] = [];
  for (const [a, b] of runs) {
    let anchor = 0;
    if (!(a <= 0 && 0 <= b)) {
      // most frontal frame of the run by the mesh reading (truth-free choice)
      let best = Infinity;
      for (let f = a; f <= b; f++) { const m = clip.meshYawDeg[f]; if (m !== null && m !== undefined && Math.abs(m) < best) { best = Math.abs(m); anchor = f; } }
      tracks.set(anchor, linkFrames(pyr.get(0), pyr.get(anchor), seeds, 0.5, 12));
    }
    const losses = { lk: 0, fb: 0, residual: 0, leftFace: 0 };
    const alive = (p: Float64Array) => p.filter((v, k) => k % 2 === 0 && !Number.isNaN(v)).length;
    const startAlive = alive(tracks.get(anchor)!);
    let endB = startAlive, endA = startAlive;
    for (const [f, p] of trackRun(clip, pyr, tracks.get(anchor)!, anchor, b, trackCfg, losses)) { tracks.set(f, p); endB = alive(p); }
    for (const [f, p] of trackRun(clip, pyr, tracks.get(anchor)!, anchor, a, trackCfg, losses)) { tracks.set(f, p); endA = alive(p); }
    runInfo.push(`${a}-${b} anchor ${anchor}: ${startAlive} -> ${endA}/${endB} (lost: LK ${losses.lk}, f-b ${losses.fb}, residual ${losses.residual}, left face ${losses.leftFace})`);
  }
  const frames = [...tracks.keys()].sort((p, q) => p - q);
  const P = seeds.length / 2;
  let keep = [...Array(P).keys()].filter((i) => frames.every((f) => !Number.isNaN(tracks.get(f)![i * 2]!)));
  const survived = keep.length;
  const sub = (f: number, idx: number[]) => { const t = tracks.get(f)!; const o = new Float64Array(idx.length * 2); idx.forEach((i, k) => { o[k * 2] = t[i * 2]!; o[k * 2 + 1] = t[i * 2 + 1]!; }); return o; };
  // Depth flip: the candidate whose yaw moves with the mesh reading's sign (the mesh gives the direction, not the gain).
  const meshSeries = frames.map((f) => clip.meshYawDeg[f] ?? null);
  const flip: FlipScore = values['flip-depth'] ? depthFlipScore(keep.map((i) => depth[i]!), 0) : (_shape, rotations) => {
    const a: number[] = [], b: number[] = [];
    rotations.forEach((R, k) => { const m = meshSeries[k]; if (m !== null && m !== undefined) { a.push(relativeYawDeg(R, rotations[0]!)); b.push(m); } });
    return correlation(a, b) * YAW_SIGN;
  };
  let res = rigidSfm(frames.map((f) => sub(f, keep)), flip, cam);
  let dropped = 0;
  for (let round = 0; round < 3 && res.ok; round++) {
    const r = pointResiduals(res.sfm.shape, frames.map((f) => sub(f, keep)), res.sfm.rotations, cam);
    const sorted = [...r].sort((p, q) => p - q);
    const lim = Math.max(MAX_POINT_RESIDUAL_PX, 3 * sorted[Math.floor(sorted.length / 2)]!);
    const next = keep.filter((_, k) => r[k]! <= lim);
    if (next.length === keep.length) break;
    dropped += keep.length - next.length;
    keep = next;
    res = rigidSfm(frames.map((f) => sub(f, keep)), flip, cam);
  }
  // the same frames re-fitted one by one to the learned shape (what the tremor clip gets)
  let refitTxt = '';
  if (res.ok) {
    const sh = res.sfm.shape;
    let prevR: Mat3 = res.sfm.rotations[0]!;
    let Rr0: Mat3 | null = null;
    const ry: number[] = [];
    for (const f of frames) { const fit = fitPinhole(sh, sub(f, keep), prevR, cam); prevR = fit.rotation; Rr0 ??= fit.rotation; ry.push(YAW_SIGN * relativeYawDeg(fit.rotation, Rr0)); }
    const tr = frames.map((f) => clip.truthYawDeg[f]!);
    const mv = frames.map((_, k) => k).filter((k) => Math.abs(tr[k]!) > 0.5);
    const small = mv.filter((k) => Math.abs(tr[k]!) <= 8);
    const a = gainStats(mv.map((k) => tr[k]!), mv.map((k) => ry[k]!)), b = gainStats(small.map((k) => tr[k]!), small.map((k) => ry[k]!));
    const smallSfm = gainStats(small.map((k) => tr[k]!), small.map((k) => YAW_SIGN * relativeYawDeg(res.sfm.rotations[k]!, res.sfm.rotations[0]!)));
    // small-angle frames tracked afresh (direct link from the rest frame), then fitted: tracks the shape never saw
    const seedsKept = new Float64Array(keep.length * 2);
    keep.forEach((i, k) => { seedsKept[k * 2] = seeds[i * 2]!; seedsKept[k * 2 + 1] = seeds[i * 2 + 1]!; });
    const fresh = small.map((k) => linkFrames(pyr.get(0), pyr.get(frames[k]!), seedsKept, trackCfg.maxFbPx, trackCfg.maxResidual));
    const okPts = keep.map((_, j) => j).filter((j) => fresh.every((t) => !Number.isNaN(t[j * 2]!)));
    const shOk = new Float64Array(okPts.length * 3);
    okPts.forEach((j, k) => { for (let c = 0; c < 3; c++) shOk[k * 3 + c] = sh[j * 3 + c]!; });
    const pick = (t: Float64Array) => { const o = new Float64Array(okPts.length * 2); okPts.forEach((j, k) => { o[k * 2] = t[j * 2]!; o[k * 2 + 1] = t[j * 2 + 1]!; }); return o; };
    const R00 = fitPinhole(shOk, pick(seedsKept), res.sfm.rotations[0]!, cam).rotation;
    const fy = fresh.map((t) => YAW_SIGN * relativeYawDeg(fitPinhole(shOk, pick(t), R00, cam).rotation, R00));
    const c = gainStats(small.map((k) => tr[k]!), fy);
    refitTxt = `\n   fresh direct tracks of the |truth|<=8 frames fitted to the shape: slope ${fmt(c.slope, 3)} (${okPts.length} points)` +
      `\n   re-fit per frame to the shape: slope ${fmt(a.slope, 3)} MAE ${fmt(a.maeDeg)}; on |truth|<=8 (${b.n} frames): re-fit slope ${fmt(b.slope, 3)}, SfM slope ${fmt(smallSfm.slope, 3)}`;
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
    `rank3 resid ${res.sfm.rank3Residual.toExponential(1)}, flip score ${fmt(res.sfm.flipScore)}\n` +
    `   runs: ${runInfo.join('; ')}\n` +
    `   rigid-SfM yaw: slope ${fmt(sfmStats.slope, 3)} MAE ${fmt(sfmStats.maeDeg)} deg (${sfmStats.n} moving frames); on the ${meshIdx.length} mesh-measured frames slope ${fmt(sfmOnMesh.slope, 3)} MAE ${fmt(sfmOnMesh.maeDeg)}\n` +
    `   mesh (saved core) yaw: slope ${fmt(meshStats.slope, 3)} MAE ${fmt(meshStats.maeDeg)} deg (${meshStats.n} frames)` + refitTxt);
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
  // sequential frame-to-frame tracks, or (--direct) every frame linked straight to the rest frame (no drift; the
  // tremor's +-3 deg barely changes the appearance)
  const run = values.direct
    ? new Map(clip.frames.slice(1).map((_, k) => [k + 1, linkFrames(pyr.get(0), pyr.get(k + 1), start, trackCfg.maxFbPx, trackCfg.maxResidual)] as const))
    : trackRun(clip, pyr, start, 0, clip.frames.length - 1, trackCfg);
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
    if (process.env['KLT_DEBUG'] && yaw.length > 60 && yaw.length < 100) {
      const rel = mat3Multiply(fit.rotation, mat3Transpose(R0));
      const d = (v: number) => ((v * 180) / Math.PI).toFixed(2);
      console.log(`f${yaw.length - 1} truth ${clip.truthYawDeg[yaw.length - 1]!.toFixed(2)} rel axis-angle x ${d((rel[7] - rel[5]) / 2)} y ${d((rel[2] - rel[6]) / 2)} z ${d((rel[3] - rel[1]) / 2)} scale ${fit.scale.toFixed(4)} rms ${fit.rmsPx.toFixed(2)}`);
    }
  }
  const truth = clip.truthYawDeg.slice(0, all.length);
  const idx = truth.map((_, k) => k).filter((k) => k > 0);
  if (process.env['KLT_DEBUG']) {
    // synthetic check of the fit: the shape itself turned by a known yaw about the camera's vertical axis
    const fit0 = fitPinhole(shape, (() => { const o = new Float64Array(alive.length * 2); alive.forEach((i, k) => { o[k * 2] = all[0]![i * 2]!; o[k * 2 + 1] = all[0]![i * 2 + 1]!; }); return o; })(), R0far, far.cam);
    for (const deg of [1, 3]) {
      const th = (deg * Math.PI) / 180;
      const Ry: Mat3 = [Math.cos(th), 0, Math.sin(th), 0, 1, 0, -Math.sin(th), 0, Math.cos(th)];
      const R = mat3Multiply(Ry, fit0.rotation);
      const obs = new Float64Array(alive.length * 2);
      for (let k = 0; k < alive.length; k++) {
        const x = shape[k * 3]!, y = shape[k * 3 + 1]!, z = shape[k * 3 + 2]!;
        obs[k * 2] = 320 + fit0.scale * (R[0] * x + R[1] * y + R[2] * z); obs[k * 2 + 1] = 240 + fit0.scale * (R[3] * x + R[4] * y + R[5] * z);
      }
      const f = fitPinhole(shape, obs, fit0.rotation, null as unknown as PinholeCamera, 0);
      console.log(`synthetic yaw ${deg}: fitted ${relativeYawDeg(f.rotation, fit0.rotation).toFixed(3)}`);
    }
  }
  const s = gainStats(idx.map((k) => truth[k]!), idx.map((k) => yaw[k]!));
  const meshIdx = idx.filter((k) => clip.meshYawDeg[k] !== null);
  const m = gainStats(meshIdx.map((k) => truth[k]!), meshIdx.map((k) => clip.meshYawDeg[k]!));
  // tremor clip alone: SfM of its own tracks (bas-relief: expected to be ill-determined)
  const own = rigidSfm(all.map((t) => { const o = new Float64Array(alive.length * 2); alive.forEach((i, k) => { o[k * 2] = t[i * 2]!; o[k * 2 + 1] = t[i * 2 + 1]!; }); return o; }), depthFlipScore(alive.map((i) => { const R = far.sfm.rotations[0]!; const X = far.sfm.shape; return R[6] * X[i * 3]! + R[7] * X[i * 3 + 1]! + R[8] * X[i * 3 + 2]!; }), 0), far.cam);
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
