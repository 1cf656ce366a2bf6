// Two-axis calibration of the mesh's per-face yaw gain (issue 13, session 11 "klt2"): on the calib-turn-nod clip
// (klt2-motion.ts, rendered by klt2-render.ts) face-texture points are seeded at the rest frame, tracked by
// Lucas-Kanade frame to frame (klt-track.ts), and re-linked straight from the rest frame whenever the mesh reads the
// head back near rest (|yaw|, |flexion| < 2 deg: a point lost at the far side of the turn comes back); the tracks, with
// their gaps, go through the missing-point rigid SfM (klt2-lib.ts). Per window (a choice of frames or points; none uses
// the truth) it prints the SfM yaw and pitch slope on the truth, the mesh's, and the calibrated gain g = slope of the
// mesh yaw on the SfM yaw over the calibration frames with |SfM yaw| <= 8 deg (the small-turn gain the tremor needs)
// and over the whole turn. --json appends one line per face x window.
//   nice -n 10 node --import tsx bench/experiments/klt2-calib.ts --root DIR --faces a,b [--cameras webcam-640] [--json F] [--windows 'name;name']
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { correlation, gainStats } from './klt-lib.ts';
import { DEFAULT_TRACK_CONFIG, linkFrames, loadClip, PyramidCache, seedPoints, trackRun, type TrackConfig } from './klt-track.ts';
import { missingSfm, relativeYawPitchDeg, type Observations } from './klt2-lib.ts';

const { values } = parseArgs({ options: { root: { type: 'string' }, faces: { type: 'string' }, cameras: { type: 'string' }, json: { type: 'string' }, windows: { type: 'string' } } });
const ROOT = values.root ?? '/work/s11-klt2/render';
const FACES = (values.faces ?? 'astronaut').split(',');
const CAMERAS = (values.cameras ?? 'webcam-640').split(',');
const PHANTOM_VFOV_DEG = 43;
/** relativeYawPitchDeg's yaw is the clinical rotationDeg (klt-farturn.ts, checked on astronaut); its pitch is flexionDeg (checked on astronaut, this clip). */
const YAW_SIGN = 1, PITCH_SIGN = 1;
const RELINK_DEG = 2;
const SMALL_DEG = 8;
const BA_ROUNDS = 12;
/** MediaPipe face mesh: upper lip, middle of its lower edge. */
const UPPER_LIP_MIDDLE = 13;
/** MediaPipe face mesh: outer eye corners (the subject's right, left). */
const EYE_OUTER_RIGHT = 33, EYE_OUTER_LEFT = 263;
const trackCfg: TrackConfig = { ...DEFAULT_TRACK_CONFIG, maxFbPx: 1.0, stayOvalShrink: 1.03 };

/** Seed point facts the windows may select on (no truth): index, and whether it lies below the upper lip at the rest frame. */
interface PointInfo { readonly index: number; readonly belowUpperLip: boolean; /** Within 0.4 x the outer-eye-corner distance of the eye line at the rest frame: where 3-D glasses frames and their arms cross the face. */ readonly inEyeStrip: boolean }
interface Window { name: string; frames: (k: number, meshYaw: number | null, meshFlex: number | null) => boolean; points?: (p: PointInfo) => boolean }
// The phantom's talking faces (hopper, hopper-beard, olive-narrow, beard-glasses) drop every vertex below the upper lip
// by up to 0.9 cm when the mouth opens (packages/phantom/src/render/page/looks.js setExpression): texture there is not
// rigid. "upper face" keeps the seeds above the upper lip (mesh point 13 at the rest frame, 2 px margin).
const upper = (p: PointInfo) => !p.belowUpperLip;
const WINDOWS: Window[] = [
  { name: 'whole face, all frames', frames: () => true },
  { name: 'upper face, all frames', frames: () => true, points: upper },
  { name: 'upper face, every 2nd frame', frames: (k) => k % 2 === 0, points: upper },
  { name: 'upper face, mesh |yaw|<=20, |flex|<=12', frames: (_k, y, f) => y !== null && f !== null && Math.abs(y) <= 20 && Math.abs(f) <= 12, points: upper },
  { name: 'upper face, turn only (mesh |flex|<=4)', frames: (_k, _y, f) => f !== null && Math.abs(f) <= 4, points: upper },
  { name: 'upper face, even points', frames: () => true, points: (p) => upper(p) && p.index % 2 === 0 },
  { name: 'upper face, odd points', frames: () => true, points: (p) => upper(p) && p.index % 2 === 1 },
  { name: 'upper face, no eye strip', frames: () => true, points: (p) => upper(p) && !p.inEyeStrip },
];
const ACTIVE = values.windows ? WINDOWS.filter((w) => values.windows!.split(';').includes(w.name)) : WINDOWS.filter((w) => w.name !== 'upper face, no eye strip');

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

function readCols(base: string): { truthFlex: number[]; meshFlex: (number | null)[] } {
  const truthFlex = readFileSync(`${base}.truth.csv`, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[4]));
  const measured = JSON.parse(readFileSync(`${base}.measured.json`, 'utf8')) as { frames: { frameIndex: number; flexionDeg: number | null; state: string }[] };
  const meshFlex: (number | null)[] = new Array(truthFlex.length).fill(null);
  for (const m of measured.frames) if (m.state !== 'not-measurable' && m.frameIndex < truthFlex.length) meshFlex[m.frameIndex] = m.flexionDeg;
  return { truthFlex, meshFlex };
}

for (const cameraId of CAMERAS) {
  for (const face of FACES) {
    const t0 = Date.now();
    const base = `${ROOT}/${face}/${cameraId}/calib-turn-nod`;
    const clip = loadClip(base);
    const { truthFlex, meshFlex } = readCols(base);
    const pyr = new PyramidCache(clip.frames);
    const cam = { focalPx: clip.h / 2 / Math.tan((PHANTOM_VFOV_DEG * Math.PI) / 360), cxPx: clip.w / 2, cyPx: clip.h / 2 };
    const F = clip.frames.length;
    const trackedFor = new Map<number, Float64Array[]>();
    let info: PointInfo[] = [];
    for (const nSeeds of [160]) {
      const { pts: seeds } = seedPoints(clip, pyr, 0, nSeeds, 6);
      const P = seeds.length / 2;
      const tracks: Float64Array[] = [seeds];
      let cur = seeds;
      let lastRelink = 0, relinks = 0;
      for (let f = 0; f + 1 < F; f++) {
        let next = trackRun(clip, pyr, cur, f, f + 1, trackCfg).get(f + 1)!;
        const y = clip.meshYawDeg[f + 1], fl = meshFlex[f + 1];
        if (y !== null && y !== undefined && fl !== null && fl !== undefined && Math.abs(y) < RELINK_DEG && Math.abs(fl) < RELINK_DEG && f + 1 - lastRelink >= 10) {
          const direct = linkFrames(pyr.get(0), pyr.get(f + 1), seeds, trackCfg.maxFbPx, trackCfg.maxResidual);
          next = next.map((v, i) => (Number.isNaN(direct[i]!) ? v : direct[i]!));
          lastRelink = f + 1; relinks++;
        }
        tracks.push(next);
        cur = next;
      }
      trackedFor.set(nSeeds, tracks);
      const lipY = clip.mesh[0]!.mesh![UPPER_LIP_MIDDLE]!.y;
      const m0 = clip.mesh[0]!.mesh!, eR = m0[EYE_OUTER_RIGHT]!, eL = m0[EYE_OUTER_LEFT]!;
      const iod = Math.hypot(eR.x - eL.x, eR.y - eL.y);
      const eyeY = (x: number) => eR.y + ((eL.y - eR.y) * (x - eR.x)) / (eL.x - eR.x || 1);
      info = [...Array(P).keys()].map((index) => ({ index, belowUpperLip: seeds[index * 2 + 1]! > lipY - 2, inEyeStrip: Math.abs(seeds[index * 2 + 1]! - eyeY(seeds[index * 2]!)) < 0.4 * iod }));
      const seenFrac = tracks.reduce((s, t) => s + t.filter((v, i) => i % 2 === 0 && !Number.isNaN(v)).length, 0) / (F * P);
      console.log(`${face} ${cameraId}: ${P} seeds (${info.filter((i) => i.belowUpperLip).length} below the upper lip), ${relinks} re-links, ${(100 * seenFrac).toFixed(1)} % of point-frames seen`);
    }
    for (const w of ACTIVE) {
      const tracks = trackedFor.get(160)!;
      const frames = [...Array(F).keys()].filter((k) => k === 0 || w.frames(k, clip.meshYawDeg[k] ?? null, meshFlex[k] ?? null));
      const P = tracks[0]!.length / 2;
      // a point must be seen in at least 20 % of the window's frames to enter
      const counts = new Array<number>(P).fill(0);
      for (const k of frames) for (let p = 0; p < P; p++) if (!Number.isNaN(tracks[k]![p * 2]!)) counts[p]!++;
      const pts = [...Array(P).keys()].filter((p) => (w.points?.(info[p]!) ?? true) && counts[p]! >= 0.2 * frames.length && !Number.isNaN(tracks[0]![p * 2]!));
      const uv = new Float64Array(frames.length * pts.length * 2);
      frames.forEach((k, f) => pts.forEach((p, j) => { uv[(f * pts.length + j) * 2] = tracks[k]![p * 2]!; uv[(f * pts.length + j) * 2 + 1] = tracks[k]![p * 2 + 1]!; }));
      const obs: Observations = { F: frames.length, P: pts.length, uv };
      const meshYaw = frames.map((k) => clip.meshYawDeg[k] ?? null);
      // depth flip: the candidate whose yaw moves with the mesh reading (a direction only, never a gain)
      const res = missingSfm(obs, cam, (poses) => {
        const a: number[] = [], b: number[] = [];
        poses.forEach((p, f) => { const m = meshYaw[f]; if (m !== null && m !== undefined) { a.push(YAW_SIGN * relativeYawPitchDeg(p.R, poses[0]!.R).yawDeg); b.push(m); } });
        return correlation(a, b);
      }, 1.5, BA_ROUNDS);
      if ('reason' in res) { console.log(`   ${w.name}: SfM refused (${res.reason})`); continue; }
      const est = res.bundle.poses.map((p) => relativeYawPitchDeg(p.R, res.bundle.poses[0]!.R)).map((e) => ({ yaw: YAW_SIGN * e.yawDeg, pitch: PITCH_SIGN * e.pitchDeg }));
      const tYaw = frames.map((k) => clip.truthYawDeg[k]!), tFlex = frames.map((k) => truthFlex[k]!);
      const idxYaw = frames.map((_, i) => i).filter((i) => Math.abs(tYaw[i]!) > 0.5);
      const idxFlex = frames.map((_, i) => i).filter((i) => Math.abs(tFlex[i]!) > 0.5);
      const sYaw = gainStats(idxYaw.map((i) => tYaw[i]!), idxYaw.map((i) => est[i]!.yaw));
      const sFlex = gainStats(idxFlex.map((i) => tFlex[i]!), idxFlex.map((i) => est[i]!.pitch));
      const mIdxYaw = idxYaw.filter((i) => meshYaw[i] !== null);
      const mYaw = gainStats(mIdxYaw.map((i) => tYaw[i]!), mIdxYaw.map((i) => meshYaw[i]!));
      const mIdxFlex = idxFlex.filter((i) => meshFlex[frames[i]!] !== null);
      const mFlex = gainStats(mIdxFlex.map((i) => tFlex[i]!), mIdxFlex.map((i) => meshFlex[frames[i]!]!));
      // small-turn truth slopes (for the record; the gain below uses no truth)
      const smallT = idxYaw.filter((i) => Math.abs(tYaw[i]!) <= SMALL_DEG && Math.abs(tFlex[i]!) <= 0.5);
      const sYawSmall = gainStats(smallT.map((i) => tYaw[i]!), smallT.map((i) => est[i]!.yaw));
      const mSmallIdx = smallT.filter((i) => meshYaw[i] !== null);
      const mYawSmall = gainStats(mSmallIdx.map((i) => tYaw[i]!), mSmallIdx.map((i) => meshYaw[i]!));
      // the calibrated gain: mesh yaw on SfM yaw (truth-free), turn frames (SfM |pitch| <= 2) with |SfM yaw| <= 8, and the whole turn
      const turnIdx = frames.map((_, i) => i).filter((i) => meshYaw[i] !== null && Math.abs(est[i]!.pitch) <= 2);
      const gSmallIdx = turnIdx.filter((i) => Math.abs(est[i]!.yaw) <= SMALL_DEG);
      const gSmall = gainStats(gSmallIdx.map((i) => est[i]!.yaw), gSmallIdx.map((i) => meshYaw[i]!));
      const gAll = gainStats(turnIdx.map((i) => est[i]!.yaw), turnIdx.map((i) => meshYaw[i]!));
      console.log(`   ${w.name}: ${frames.length} frames, ${pts.length} points -> ${res.kept.length} kept, reprojection ${fmt(res.bundle.rmsPx, 2)} px (other flip ${fmt(res.otherFlipRmsPx, 2)}), flip ${res.flip}\n` +
        `      SfM yaw slope ${fmt(sYaw.slope)} MAE ${fmt(sYaw.maeDeg, 2)} (|truth|<=8: ${fmt(sYawSmall.slope)}); SfM flexion slope ${fmt(sFlex.slope)} MAE ${fmt(sFlex.maeDeg, 2)}\n` +
        `      mesh yaw slope ${fmt(mYaw.slope)} (|truth|<=8: ${fmt(mYawSmall.slope)}); mesh flexion slope ${fmt(mFlex.slope)}\n` +
        `      calibrated gain (mesh on SfM): |SfM yaw|<=8 ${fmt(gSmall.slope)} (${gSmall.n} frames), whole turn ${fmt(gAll.slope)} (${gAll.n})`);
      if (values.json) appendFileSync(values.json, JSON.stringify({ face, camera: cameraId, window: w.name, frames: frames.length, points: pts.length, kept: res.kept.length, rmsPx: res.bundle.rmsPx, otherFlipRmsPx: res.otherFlipRmsPx, flip: res.flip, sfmYaw: sYaw, sfmYawSmall: sYawSmall, sfmFlex: sFlex, meshYaw: mYaw, meshYawSmall: mYawSmall, meshFlex: mFlex, gainSmall: gSmall.slope, gainAll: gAll.slope }) + '\n');
    }
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
