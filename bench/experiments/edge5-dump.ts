// Session 9 (edge5): per-frame table of saved landmarks through core's RecordingAnalyzer (what `geste analyze` measures
// with), with the evidence a rule could use: truth (phantom), the measure on every axis, state, confidence, reasons, the
// mesh's own scores, the fitted camera angles and residual, the eyes' image height and face width, nose-and-ears yaw and
// keypoint scores. One JSON line per frame.
//   node --import tsx bench/experiments/edge5-dump.ts --out frames.jsonl FILE...
import { writeFileSync, appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  RecordingAnalyzer, anglesFromRotationMatrix, eyeEvidence, fitHead, keypoint, keypointYawFromCameraDeg, selectBody, selectPatientFace,
  type NeutralStrategy,
} from '@geste/core';
import { REST_MS, findScript } from '@geste/phantom';
import { loadLandmarkFrames, truthForLandmarks } from './savedLandmarks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'edge5-frames.jsonl' } } });
writeFileSync(values.out!, '');

const r2 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000);

for (const path of positionals) {
  const frames = loadLandmarkFrames(path);
  const { truth, clip } = truthForLandmarks(path);
  const script = truth ? findScript(clip) : undefined;
  const anatomical = truth === null || (script !== undefined && (script.placement !== undefined || script.events.holds[0]?.kind === 'posture' || script.name.includes('start-')));
  const strategy: NeutralStrategy = anatomical ? { kind: 'anatomical' } : { kind: 'calibrate-window', startMs: 0, endMs: REST_MS };
  const analyzer = new RecordingAnalyzer(strategy);
  for (const f of frames) analyzer.push(f);
  const res = analyzer.finish();
  const byIdx = new Map(res.frames.map((m) => [m.frameIndex, m]));
  const tByIdx = new Map((truth ?? []).map((t) => [t.frameIndex, t]));
  const lines: string[] = [];
  for (const f of frames) {
    const m = byIdx.get(f.frameIndex);
    const t = tByIdx.get(f.frameIndex);
    const sel = selectPatientFace(f);
    let cam: { rotationDeg: number; tiltDeg: number; flexionDeg: number } | null = null, resid: number | null = null, meshScore: number | null = null, detScore: number | null = null;
    if (sel.kind === 'one') {
      meshScore = sel.face.meshScore; detScore = sel.face.detectionScore;
      const fit = fitHead(sel.face, f);
      if (fit) { cam = anglesFromRotationMatrix(fit.headToCamera); resid = fit.rmsResidualCm; }
    }
    const eyes = eyeEvidence(f);
    const kp = keypointYawFromCameraDeg(f, 0.2);
    const body = selectBody(f);
    const sc = (n: 'nose' | 'leftEar' | 'rightEar') => keypoint(body, n, 0)?.score ?? null;
    lines.push(JSON.stringify({
      file: path, clip, i: f.frameIndex, ms: f.timestampMs, anatomical,
      tR: t?.rotationDeg ?? null, tT: t?.tiltDeg ?? null, tF: t?.flexionDeg ?? null,
      st: m?.state ?? null, why: m?.reasons ?? null, c: r2(m?.confidence), method: m?.method ?? null,
      mR: r2(m?.rotationDeg), mT: r2(m?.tiltDeg), mF: r2(m?.flexionDeg),
      cR: r2(cam?.rotationDeg), cT: r2(cam?.tiltDeg), cF: r2(cam?.flexionDeg), resid: r2(resid), meshScore: r2(meshScore), det: r2(detScore),
      eyeY: r2(eyes?.eyeYPx), faceW: r2(eyes?.faceWidthPx), kpYaw: r2(kp?.yawDeg), kpScore: r2(kp?.score),
      noseS: r2(sc('nose')), lEarS: r2(sc('leftEar')), rEarS: r2(sc('rightEar')), nFaces: f.faces.length,
    }));
  }
  appendFileSync(values.out!, lines.join('\n') + '\n');
}
