// Session 11 (jawflex): on a real talker (no truth), how the head fit's angles and the fit without mouth, jaw and chin move
// with the mouth. Per frame: lips and jaw opening, camera angles of both fits, the output (frames.json of geste analyze).
//   node --import tsx bench/experiments/jawflex-real.ts LANDMARKS.jsonl FRAMES.json > out.jsonl
import { readFileSync } from 'node:fs';
import { alignSimilarity, anglesFromRotationMatrix, fitHead, headFitWeights, meshArray, mouthOnFrame, selectPatientFace } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { MOUTH_JAW_BELOW_CM } from '../../packages/core/src/pose/flexionRange.ts';
import { parseLandmarks } from '@geste/vision';

const [lmPath, framesPath] = process.argv.slice(2);
const frames = parseLandmarks(readFileSync(lmPath!, 'utf8')).frames;
const outRows = framesPath ? (JSON.parse(readFileSync(framesPath, 'utf8')) as { frameIndex: number; flexionDeg: number | null; state: string }[]) : [];
const byIdx = new Map(outRows.map((m) => [m.frameIndex, m]));
const NO_MOUTH = headFitWeights((i) => CANONICAL_FACE_CM[i * 3 + 1]! > MOUTH_JAW_BELOW_CM);
const CANON = Float64Array.from(CANONICAL_FACE_CM);
const r3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000);
for (const f of frames) {
  const sel = selectPatientFace(f);
  if (sel.kind !== 'one') continue;
  const fit = fitHead(sel.face, f);
  const nm = alignSimilarity(CANON, meshArray(sel.face)!, NO_MOUTH);
  if (!fit || !nm) continue;
  const a = anglesFromRotationMatrix(fit.headToCamera), b = anglesFromRotationMatrix(nm.rotation);
  const mo = mouthOnFrame(f);
  const m = byIdx.get(f.frameIndex);
  console.log(JSON.stringify({ i: f.frameIndex, ms: r3(f.timestampMs), lips: r3(mo.lips), jaw: r3(mo.jaw), cR: r3(a.rotationDeg), cT: r3(a.tiltDeg), cF: r3(a.flexionDeg), nR: r3(b.rotationDeg), nT: r3(b.tiltDeg), nF: r3(b.flexionDeg), st: m?.state ?? null, mF: r3(m?.flexionDeg) }));
}
