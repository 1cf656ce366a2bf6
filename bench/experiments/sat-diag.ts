// Chin-down saturation diagnostics (issue 13, session 6 "sat"): per landmarks file, the guarded measure, the raw mesh
// reading and the eyes' downward image motion since the reading last sat below an anchor, minus what the reading's gain
// explains (EYE_DROP_PER_RAD). JSON lines on stdout for frames whose raw chin-down reading is >= 20°.
//   node --import tsx bench/experiments/sat-diag.ts <landmarks.json> [...]
import { readFileSync, existsSync } from 'node:fs';
import {
  type LandmarkFrame, GuardedFrameMeasurer, anglesFromRotationMatrix, calibrateNeutral, fitHead, measureFrame, selectPatientFace,
  eyeEvidence, EYE_DROP_PER_RAD,
} from '@geste/core';
import { parseTruthCsv, REST_MS, inCoreRange } from '@geste/phantom';

const ANCHORS = [20, 25];
const r2 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);
for (const file of process.argv.slice(2)) {
  const truthFile = file.replace(/(\.faceMeshRoi-own|\.faceMeshRoi-human|\.own-s6)?\.landmarks\.json$/, '.truth.csv');
  if (!existsSync(truthFile)) continue;
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = new Map(parseTruthCsv(readFileSync(truthFile, 'utf8')).map((t) => [t.frameIndex, t]));
  const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
  if (!cal.ok) { console.error(`${file}: calibration failed`); continue; }
  const guarded = new GuardedFrameMeasurer();
  const anchor: ({ ms: number; y: number; w: number; f: number; tf: number } | null)[] = ANCHORS.map(() => null);
  for (const fr of frames) {
    const g = guarded.measure(fr, cal.neutral);
    const raw = measureFrame(fr, cal.neutral);
    const eyes = eyeEvidence(fr);
    if (eyes === null || raw.method !== 'face-mesh' || raw.flexionDeg === null) { anchor.fill(null); continue; }
    const sig: (number | null)[] = [];
    ANCHORS.forEach((a, k) => {
      if (raw.flexionDeg! < a) anchor[k] = { ms: fr.timestampMs, y: eyes.eyeYPx, w: eyes.faceWidthPx, f: raw.flexionDeg!, tf: truth.get(fr.frameIndex)?.flexionDeg ?? NaN };
      const an = anchor[k];
      if (!an) { sig.push(null); return; }
      const drop = (eyes.eyeYPx - an.y) / ((an.w + eyes.faceWidthPx) / 2);
      sig.push(drop - EYE_DROP_PER_RAD * ((raw.flexionDeg! - an.f) * Math.PI) / 180);
    });
    if (raw.flexionDeg < 20) continue;
    const sel = selectPatientFace(fr);
    const fit = sel.kind === 'one' ? fitHead(sel.face, fr) : null;
    const cam = fit ? anglesFromRotationMatrix(fit.headToCamera) : null;
    const t = truth.get(fr.frameIndex);
    console.log(JSON.stringify({
      file: file.split('/').slice(-3).join('/'), i: fr.frameIndex, core: t ? inCoreRange(t) : null, tF: r2(t?.flexionDeg), tR: r2(t?.rotationDeg), tT: r2(t?.tiltDeg),
      st: g.state[0], gF: r2(g.flexionDeg), c: r2(g.confidence), rawF: r2(raw.flexionDeg), camTurn: r2(cam?.rotationDeg), sig20: r2(sig[0]), sig25: r2(sig[1]),
      drop25: anchor[1] ? r2((eyes.eyeYPx - anchor[1].y) / ((anchor[1].w + eyes.faceWidthPx) / 2)) : null, gain25: anchor[1] ? r2(raw.flexionDeg - anchor[1].f) : null, tgain25: anchor[1] ? r2((t?.flexionDeg ?? NaN) - anchor[1].tf) : null,
      span20: anchor[0] ? Math.round(fr.timestampMs - anchor[0].ms) : null,
    }));
  }
}
