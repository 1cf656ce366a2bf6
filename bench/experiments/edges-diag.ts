// Per-frame diagnostics for the edge rules (issue 13, session 6 "edges"): the guarded measure (what `geste analyze`
// gives), the raw mesh measure without the in-order guards, the face-mesh score, fit residual, camera-relative angles
// and the nose-and-ears yaw. JSON lines on stdout.
//   node --import tsx bench/experiments/edges-diag.ts <cache dir> <face> <camera> <clip> [tag]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type LandmarkFrame, GuardedFrameMeasurer, anglesFromRotationMatrix, calibrateNeutral, fitHead, keypointYawFromCameraDeg,
  measureFrame, selectPatientFace, MIN_KEYPOINT_SCORE_FOR_CHECK,
} from '@geste/core';
import { parseTruthCsv, REST_MS, inCoreRange } from '@geste/phantom';

const [cache, face, camera, clip, tag = ''] = process.argv.slice(2) as [string, string, string, string, string?];
const dir = join(cache, face, camera);
const frames = (JSON.parse(readFileSync(join(dir, `${clip}${tag}.landmarks.json`), 'utf8')) as { frames: LandmarkFrame[] }).frames;
const truth = new Map(parseTruthCsv(readFileSync(join(dir, `${clip}.truth.csv`), 'utf8')).map((t) => [t.frameIndex, t]));
const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
if (!cal.ok) throw new Error('calibration failed');
const guarded = new GuardedFrameMeasurer();
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
for (const f of frames) {
  const g = guarded.measure(f, cal.neutral);
  const raw = measureFrame(f, cal.neutral);
  const sel = selectPatientFace(f);
  const fit = sel.kind === 'one' ? fitHead(sel.face, f) : null;
  const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
  const kp = keypointYawFromCameraDeg(f, MIN_KEYPOINT_SCORE_FOR_CHECK);
  const t = truth.get(f.frameIndex);
  console.log(JSON.stringify({
    i: f.frameIndex, ms: Math.round(f.timestampMs), core: t ? inCoreRange(t) : null,
    t: t ? [r1(t.rotationDeg), r1(t.tiltDeg), r1(t.flexionDeg)] : null,
    g: [g.state[0], r1(g.rotationDeg), r1(g.tiltDeg), r1(g.flexionDeg), r1(g.confidence * 100), g.reasons.join('+')],
    raw: [raw.state[0], raw.method[0], r1(raw.rotationDeg), r1(raw.tiltDeg), r1(raw.flexionDeg), raw.reasons.join('+')],
    ms_: sel.kind === 'one' ? r1(sel.face.meshScore * 100) : sel.kind, det: sel.kind === 'one' ? r1(sel.face.detectionScore * 100) : null,
    res: fit ? Math.round(fit.rmsResidualCm * 1000) / 1000 : null, cam: cam ? [r1(cam.rotationDeg), r1(cam.tiltDeg), r1(cam.flexionDeg)] : null,
    kp: kp ? [r1(kp.yawDeg), r1(kp.score * 100)] : null,
  }));
}
