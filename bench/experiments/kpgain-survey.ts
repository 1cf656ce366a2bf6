// Where the body-keypoint yaw fallback reaches the user, and how the nose-and-ears yaw compares with the mesh
// (issue 13, session 8 "kpgain"). Saved landmarks (phantom *.landmarks.json next to <clip>.truth.csv, or a real clip's
// landmarks.jsonl from `geste analyze --landmarks`) through core's RecordingAnalyzer (what `geste analyze` measures
// with), one JSON line per frame: truth (phantom), the measure, the mesh's own camera yaw and score, the keypoint yaw.
//   node --import tsx bench/experiments/kpgain-survey.ts --out frames.jsonl FILE...
// --drop-mesh: remove every face from the frames (a SIMULATED mesh dropout: the body keypoints stay as saved).
// --drop-every N: remove the faces from frames whose index mod N is 0 (simulated dropouts inside sure-mesh stretches).
// --drop-cover: remove the faces from 4 s on for 1.5 s of every 4 s (the windows of the patched real clips).
// --neutral calibrate: calibrate on the first 2 s (real clips; phantom clips do so unless they start in a posture).
// Runs on core without keypointGain.ts too (the what-if columns are then null), to compare with the code before it.
import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as core from '@geste/core';
import {
  RecordingAnalyzer, anglesFromRotationMatrix, fitHead, keypoint, keypointYawFromCameraDeg, selectBody, selectPatientFace,
  type LandmarkFrame, type NeutralStrategy,
} from '@geste/core';
import { REST_MS, findScript, startsOffNeutral, parseTruthCsv, type TruthRow } from '@geste/phantom';
import { loadLandmarkFrames } from './savedLandmarks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  out: { type: 'string', default: 'kpgain-frames.jsonl' }, 'drop-mesh': { type: 'boolean', default: false },
  'drop-every': { type: 'string' }, 'drop-cover': { type: 'boolean', default: false }, neutral: { type: 'string' },
} });
writeFileSync(values.out!, '');
const dropEvery = values['drop-every'] ? Number(values['drop-every']) : 0;


/** The clip's truth, next to the landmarks or in the cache the s6-helpers copies came from. */
function truthFor(path: string): { truth: TruthRow[] | null; clip: string } {
  const clip = basename(path).split('.')[0]!;
  const dirs = [dirname(path), dirname(path).replace('/s6-helpers/edges/', '/').replace('/s6-helpers/sat/', '/')];
  for (const d of dirs) {
    const t = join(d, `${clip}.truth.csv`);
    if (existsSync(t)) return { truth: parseTruthCsv(readFileSync(t, 'utf8')), clip };
  }
  return { truth: null, clip };
}

for (const path of positionals) {
  const raw = loadLandmarkFrames(path);
  const dropped = (i: number) => {
    const t = raw[i]!.timestampMs / 1000;
    return values['drop-mesh'] || (dropEvery > 0 && i % dropEvery === 0) || (values['drop-cover'] && t >= 4 && t % 4 < 1.5);
  };
  const frames = raw.map((f, i) => (dropped(i) ? { ...f, faces: [] } : f));
  const { truth, clip } = truthFor(path);
  const script = truth ? findScript(clip) : undefined;
  const anatomical = (truth === null && values.neutral !== 'calibrate') || startsOffNeutral(script);
  const strategy: NeutralStrategy = values.neutral === 'anatomical' || (anatomical && values.neutral !== 'calibrate') ? { kind: 'anatomical' } : { kind: 'calibrate-window', startMs: 0, endMs: REST_MS };
  const run = (fs: LandmarkFrame[]) => {
    const analyzer = new RecordingAnalyzer(strategy);
    for (const f of fs) analyzer.push(f);
    return analyzer.finish();
  };
  const res = run(frames);
  const base = frames.some((_, i) => dropped(i)) ? run(raw) : res;
  const byIdx = new Map(res.frames.map((m) => [m.frameIndex, m]));
  const baseByIdx = new Map(base.frames.map((m) => [m.frameIndex, m]));
  // What-if: a learner fed like GuardedFrameMeasurer's, asked on every frame (before it learns from it) what the
  // fallback would give if the mesh were lost there.
  const Learner = (core as Record<string, unknown>).KeypointGainLearner as (new () => core.KeypointGainLearner) | undefined;
  const bodyRead = (core as Record<string, unknown>).bodyReadOnFrame as ((f: LandmarkFrame) => boolean) | undefined;
  const learner = Learner ? new Learner() : null;
  const tByIdx = new Map((truth ?? []).map((t) => [t.frameIndex, t]));
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i]!;
    const m = byIdx.get(f.frameIndex);
    const t = tByIdx.get(f.frameIndex);
    const sel = selectPatientFace(f);
    let meshYaw: number | null = null, meshTilt: number | null = null, meshFlex: number | null = null, meshScore: number | null = null, faceW: number | null = null, resid: number | null = null;
    if (sel.kind === 'one') {
      const fit = fitHead(sel.face, f);
      meshScore = sel.face.meshScore;
      faceW = sel.face.boxPx.width;
      if (fit) {
        const a = anglesFromRotationMatrix(fit.headToCamera);
        meshYaw = a.rotationDeg; meshTilt = a.tiltDeg; meshFlex = a.flexionDeg; resid = fit.rmsResidualCm;
      }
    }
    const kp = keypointYawFromCameraDeg(f, 0.2);
    const kp3 = keypointYawFromCameraDeg(f);
    // The ear line's slope in the image (a head tilt seen by the body model), deg.
    const body = selectBody(f), le = keypoint(body, 'leftEar', 0.2), re = keypoint(body, 'rightEar', 0.2);
    const earLineDeg = le && re ? (Math.atan2(le.yPx - re.yPx, le.xPx - re.xPx) * 180) / Math.PI : null;
    const wi = kp3 === null || learner === null ? null : learner.correct(kp3.yawDeg);
    const bm = baseByIdx.get(f.frameIndex);
    if (bm && learner && bodyRead) learner.observe(bm, { timestampMs: f.timestampMs, mesh: meshYaw === null || bm.method !== 'face-mesh' ? null : { rotationDeg: meshYaw, tiltDeg: meshTilt!, flexionDeg: meshFlex!, meshScore: meshScore ?? 0 }, keypoint: kp3, bodyFresh: bodyRead(f) });
    lines.push(JSON.stringify({
      file: path, clip, i: f.frameIndex, ms: f.timestampMs, dropped: dropped(i), anatomical,
      tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null,
      neutralYaw: anglesFromRotationMatrix(res.neutral.neutral.headToCamera).rotationDeg,
      st: m?.state ?? null, method: m?.method ?? null, why: m?.reasons ?? null, c: m?.confidence ?? null, mR: m?.rotationDeg ?? null,
      baseMethod: bm?.method ?? null, baseR: bm?.rotationDeg ?? null, baseSt: bm?.state ?? null,
      wiYaw: wi?.yawDeg ?? null, wiIn: wi?.withinLearned ?? null, wiGain: wi?.gain.gain ?? null, wiMax: wi?.gain.maxLearnedYawDeg ?? null,
      meshYaw, meshTilt, meshFlex, meshScore, faceW, resid, kpYaw: kp?.yawDeg ?? null, kpScore: kp?.score ?? null,
      nFaces: f.faces.length, earLineDeg, bodyAgeMs: f.bodyHeld?.ageMs ?? null,
    }));
  }
  appendFileSync(values.out!, lines.join('\n') + '\n');
  process.stderr.write(`${path}: ${raw.length} frames, fallback ${res.frames.filter((m) => m.method === 'body-keypoints').length}\n`);
}
