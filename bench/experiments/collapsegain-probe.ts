// The learned keypoint gain (core pose/keypointGain.ts) at chosen frames of a saved phantom landmark file, replayed
// through GuardedFrameMeasurer as farturn-survey.ts does (issue 13, session 8 "collapsegain"): per frame the truth, the
// measure, the mesh's camera yaw and score, the collapse check's keypoint yaw (score ≥ 0.2), and the learner's state for
// that side (trusted gain or why not: samples, span, median, spread).
//   node --import tsx bench/experiments/collapsegain-probe.ts FILE [frameIndex,…]
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  GuardedFrameMeasurer, anglesFromRotationMatrix, calibrateNeutral, fitHead, keypointYawFromCameraDeg, meshEvidence, selectPatientFace,
  type LandmarkFrame,
} from '@geste/core';
import { REST_MS, parseTruthCsv } from '@geste/phantom';

const [file, list] = process.argv.slice(2);
const want = new Set((list ?? '').split(',').filter(Boolean).map(Number));
const frames = (JSON.parse(readFileSync(file!, 'utf8')) as { frames: LandmarkFrame[] }).frames;
const clip = basename(file!).replace(/\.landmarks\.json$/, '');
const truth = new Map(parseTruthCsv(readFileSync(join(dirname(file!), `${clip.split('.')[0]}.truth.csv`), 'utf8')).map((t) => [t.frameIndex, t]));
const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
if (!cal.ok) throw new Error('calibration failed');
const g = new GuardedFrameMeasurer();
type Side = { ms: number; ratio: number; meshYawDeg: number }[];
const learner = (g as unknown as { keypointGain: { sides: [Side, Side]; gainFor(y: number): unknown } }).keypointGain;
const q = (s: number[], p: number) => { const i = p * (s.length - 1), lo = Math.floor(i), hi = Math.ceil(i); return s[lo]! + (s[hi]! - s[lo]!) * (i - lo); };
const r1 = (v: number) => Math.round(v * 100) / 100;
for (const f of frames) {
  const kp = keypointYawFromCameraDeg(f, 0.2);
  const sideState = (yaw: number) => {
    const side = learner.sides[yaw > 0 ? 1 : 0];
    const ratios = side.map((s) => s.ratio).sort((a, b) => a - b);
    return side.length === 0 ? { n: 0 } : {
      n: side.length, spanMs: Math.round(side[side.length - 1]!.ms - side[0]!.ms), median: r1(q(ratios, 0.5)),
      p10: r1(q(ratios, 0.1)), p90: r1(q(ratios, 0.9)), halfSpreadShare: r1((q(ratios, 0.9) - q(ratios, 0.1)) / 2 / q(ratios, 0.5)),
      trusted: learner.gainFor(yaw),
    };
  };
  const before = want.has(f.frameIndex) && kp ? sideState(kp.yawDeg) : null;
  const m = g.measure(f, cal.neutral);
  if (!want.has(f.frameIndex)) continue;
  const sel = selectPatientFace(f);
  const fit = sel.kind === 'one' ? fitHead(sel.face, f) : null;
  const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
  const t = truth.get(f.frameIndex);
  console.log(JSON.stringify({ i: f.frameIndex, ms: Math.round(f.timestampMs), tR: t?.rotationDeg, st: m.state, why: m.reasons, mR: m.rotationDeg && r1(m.rotationDeg),
    camYaw: cam && r1(cam.rotationDeg), meshScore: meshEvidence(f)?.meshScore, kp: kp && { yaw: r1(kp.yawDeg), score: r1(kp.score) }, side: before }));
}
