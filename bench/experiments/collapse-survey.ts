// Where the mesh-collapse check fires, across saved landmark files (issue 13, session 7 "collapse"): per frame, the
// mesh's fitted yaw from the camera and the model's score, the nose-and-ears yaw and score, and — on phantom clips —
// how far the mesh is from the truth. Lists the frames on which the current rule (estimator.ts) calls a mesh
// inside the range collapsed, by whether the mesh is sure (≥ 0.9) and how far the keypoints put the head.
//   node --import tsx bench/experiments/collapse-survey.ts <dir> [<dir> …] [--jsonl out.jsonl]
// <dir>: walked for *.landmarks.json (truth.csv next to them) and landmarks.jsonl (real clips, no truth).
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type LandmarkFrame, COLLAPSE_ANY_SIDE_BELOW_DEG, CONSISTENT_MESH_SCORE, MAX_MESH_YAW_DEG, MESH_COLLAPSE_MARGIN_DEG,
  MIN_KEYPOINT_SCORE_FOR_CHECK, STRONG_KEYPOINT_SCORE, WEAK_KEYPOINTS_FROM_YAW_DEG,
  anglesFromRotationMatrix, fitHead, keypointYawFromCameraDeg, selectPatientFace,
} from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { parseTruthCsv } from '@geste/phantom';
import { COMBINED_OTHER_DEG, MESH_RANGE_DEG } from '../../packages/core/src/pose/range.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { jsonl: { type: 'string' } } });

function walk(d: string, out: string[]): string[] {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.landmarks.json') || e === 'landmarks.jsonl') out.push(p);
  }
  return out;
}

const TAGS = /(\.faceMeshRoi-own|\.faceMeshRoi-human|\.own-s6)$/;
const rows: string[] = [];
type Hit = { file: string; i: number; meshYaw: number; meshScore: number; kpYaw: number; kpScore: number; truthYaw: number | null; tilt: number; flex: number };
const hits: Hit[] = [];
let framesSeen = 0;
for (const root of positionals) {
  for (const file of walk(root, [])) {
    const text = readFileSync(file, 'utf8');
    const frames: LandmarkFrame[] = file.endsWith('.jsonl') ? parseLandmarks(text).frames : (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
    const clip = basename(file).replace(/\.landmarks\.json$/, '').replace(TAGS, '');
    const tp = join(dirname(file), `${clip}.truth.csv`);
    const truth = existsSync(tp) ? new Map(parseTruthCsv(readFileSync(tp, 'utf8')).map((t) => [t.frameIndex, t])) : null;
    for (const fr of frames) {
      framesSeen++;
      const sel = selectPatientFace(fr);
      if (sel.kind !== 'one') continue;
      const fit = fitHead(sel.face, fr);
      if (!fit) continue;
      const cam = anglesFromRotationMatrix(fit.headToCamera);
      const kp = keypointYawFromCameraDeg(fr, MIN_KEYPOINT_SCORE_FOR_CHECK);
      const t = truth?.get(fr.frameIndex) ?? null;
      if (values.jsonl) rows.push(JSON.stringify({ file, i: fr.frameIndex, meshYaw: cam.rotationDeg, tilt: cam.tiltDeg, flex: cam.flexionDeg, meshScore: sel.face.meshScore, kpYaw: kp?.yawDeg ?? null, kpScore: kp?.score ?? null, tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null }));
      if (!kp) continue;
      const yaw = Math.abs(cam.rotationDeg);
      if (yaw > MAX_MESH_YAW_DEG || Math.abs(cam.tiltDeg) > MESH_RANGE_DEG.tiltDeg || Math.abs(cam.flexionDeg) > MESH_RANGE_DEG.flexionDeg) continue;
      const sameSide = Math.sign(kp.yawDeg) === Math.sign(cam.rotationDeg) || yaw < COLLAPSE_ANY_SIDE_BELOW_DEG;
      const level = Math.abs(cam.tiltDeg) < COMBINED_OTHER_DEG && Math.abs(cam.flexionDeg) < COMBINED_OTHER_DEG;
      const weighs = kp.score >= STRONG_KEYPOINT_SCORE || !(sel.face.meshScore >= CONSISTENT_MESH_SCORE) || (yaw >= WEAK_KEYPOINTS_FROM_YAW_DEG && level);
      if (weighs && sameSide && Math.abs(kp.yawDeg) - yaw > MESH_COLLAPSE_MARGIN_DEG) {
        hits.push({ file, i: fr.frameIndex, meshYaw: cam.rotationDeg, meshScore: sel.face.meshScore, kpYaw: kp.yawDeg, kpScore: kp.score, truthYaw: t?.rotationDeg ?? null, tilt: cam.tiltDeg, flex: cam.flexionDeg });
      }
    }
  }
}
if (values.jsonl) writeFileSync(values.jsonl, rows.join('\n') + '\n');

const f1 = (x: number | null) => (x === null ? '—' : x.toFixed(1));
console.log(`${framesSeen} frames; collapse check fires on ${hits.length} frames with the mesh inside the range`);
const groups = new Map<string, Hit[]>();
for (const h of hits) {
  const sure = h.meshScore >= CONSISTENT_MESH_SCORE ? 'sure mesh' : 'unsure mesh';
  const strong = h.kpScore >= STRONG_KEYPOINT_SCORE ? 'strong kp' : 'weak kp';
  const k = `${sure}, ${strong}`;
  groups.set(k, [...(groups.get(k) ?? []), h]);
}
for (const [k, hs] of groups) {
  console.log(`\n## ${k}: ${hs.length} frames`);
  console.log('| file | frames | mesh yaw | mesh score | kp yaw | kp score | truth yaw | mesh − truth (abs yaw) |');
  console.log('|---|---|---|---|---|---|---|---|');
  const byFile = new Map<string, Hit[]>();
  for (const h of hs) byFile.set(h.file, [...(byFile.get(h.file) ?? []), h]);
  for (const [file, fh] of byFile) {
    const r = (xs: number[]) => `${f1(Math.min(...xs))}…${f1(Math.max(...xs))}`;
    const withTruth = fh.filter((h) => h.truthYaw !== null);
    const err = withTruth.map((h) => Math.abs(h.meshYaw) - Math.abs(h.truthYaw!));
    console.log(`| ${file.replace(/^.*tmp-cache\//, '')} | ${fh.length} (${fh.map((h) => h.i).slice(0, 6).join(',')}${fh.length > 6 ? '…' : ''}) | ${r(fh.map((h) => h.meshYaw))} | ${r(fh.map((h) => h.meshScore))} | ${r(fh.map((h) => h.kpYaw))} | ${r(fh.map((h) => h.kpScore))} | ${withTruth.length ? r(withTruth.map((h) => h.truthYaw!)) : '—'} | ${err.length ? r(err) : '—'} |`);
  }
}
