/**
 * Issue 12: how the ear–eye flexion zero (core faceZero.ts) behaves on the phantom's eared faces. Replays the
 * landmarks that bench/anatomical.ts cached next to each clip (no rendering, no models) and prints, per clip:
 * MoveNet's eye/ear scores, α per frame (any score, and what passes MIN_EAR_EYE_SCORE), α's gain on the
 * head's camera-relative pitch, the zero the tracker ends with and why, and the flexion error against the truth.
 *
 *   node --import tsx bench/experiments/ear-zero-replay.ts <cache dir> [<cache dir> …]
 *   (e.g. packages/phantom/.cache/small-deep-wide)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anglesFromRotationMatrix, earEyeSlopeDeg, fitHead, pitchGain, RecordingAnalyzer, EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, MIN_EAR_EYE_SCORE, type LandmarkFrame } from '@geste/core';
import { parseTruthCsv, type EventsFile } from '@geste/phantom';

const med = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN; };
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
for (const dir of process.argv.slice(2)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.landmarks.json')).sort()) {
    const name = file.replace(/\.landmarks\.json$/, '');
    const frames = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const truth = parseTruthCsv(readFileSync(join(dir, `${name}.truth.csv`), 'utf8'));
    const events = existsSync(join(dir, `${name}.events.json`)) ? JSON.parse(readFileSync(join(dir, `${name}.events.json`), 'utf8')) as EventsFile : null;
    const pitchDeg = events?.camera?.pitchDeg ?? 0;
    const score = (f: LandmarkFrame, p: string) => f.bodies[0]?.keypoints.find((k) => k.part === p)?.score ?? 0;
    const aAny: number[] = [], pAny: number[] = [], aPass: number[] = [], pPass: number[] = [];
    for (const f of frames) {
      const face = f.faces[0];
      const fit = face ? fitHead(face, f) : null;
      if (!fit) continue;
      const a = earEyeSlopeDeg(f, fit, 0.05);
      if (a !== null) { aAny.push(a); pAny.push(anglesFromRotationMatrix(fit.headToCamera).flexionDeg); }
      const b = earEyeSlopeDeg(f, fit);
      if (b !== null) { aPass.push(b); pPass.push(anglesFromRotationMatrix(fit.headToCamera).flexionDeg); }
    }
    const a = new RecordingAnalyzer({ kind: 'anatomical' }, { camera: { pitchDeg } });
    for (const f of frames) a.push(f);
    const out = a.finish().anatomicalFrames;
    const byIdx = new Map(truth.map((t) => [t.frameIndex, t]));
    let nRef = 0, sumRef = 0, maxRef = 0, nUnc = 0, sumUnc = 0, nHyp = 0, sumHyp = 0, maxHyp = 0;
    // If the zero were taken anyway from every ear point (any score): flexion − (median α − norm), against the truth.
    const hypOffset = med(aAny) - EAR_EYE_LINE_ABOVE_FRANKFURT_DEG;
    for (const m of out) {
      const t = byIdx.get(m.frameIndex);
      if (!t || m.flexionDeg === null || m.state === 'not-measurable') continue;
      const e = Math.abs(m.flexionDeg - t.flexionDeg);
      if (m.reference?.flexionDeg.zero === 'canonical-face' && Number.isFinite(hypOffset)) { const h = Math.abs(m.flexionDeg - hypOffset - t.flexionDeg); nHyp++; sumHyp += h; maxHyp = Math.max(maxHyp, h); }
      if (m.reference?.flexionDeg.uncertain) { nUnc++; sumUnc += e; } else { nRef++; sumRef += e; maxRef = Math.max(maxRef, e); }
    }
    const last = out.at(-1)?.reference?.flexionDeg;
    const flexMed = med(out.filter((m) => m.flexionDeg !== null).map((m) => m.flexionDeg!));
    const gain = pitchGain(aPass, pPass);
    console.log(`${dir.split('/').pop()} ${name} (pitch ${pitchDeg.toFixed(1)}°): scores eyes ${med(frames.map((f) => score(f, 'leftEye'))).toFixed(2)}/${med(frames.map((f) => score(f, 'rightEye'))).toFixed(2)}, ears ${med(frames.map((f) => score(f, 'leftEar'))).toFixed(2)}/${med(frames.map((f) => score(f, 'rightEar'))).toFixed(2)}`
      + ` | α any score median ${f1(med(aAny))}° (${aAny.length}), passing ≥ ${MIN_EAR_EYE_SCORE}: ${f1(med(aPass))}° (${aPass.length}), gain on pitch ${gain === null ? '— (pitch spread < 10°)' : gain.toFixed(2)} (any score: ${(() => { const g = pitchGain(aAny, pAny); return g === null ? '—' : g.toFixed(2); })()})`
      + ` | zero at end: ${last?.zero} ${last?.notes.join(',')} ±${f1(last?.uncertaintyDeg ?? NaN)}`
      + ` | flexion median ${f1(flexMed)}°, referenced MAE ${nRef ? f1(sumRef / nRef) : '—'}° (max ${f1(maxRef)}°, ${nRef} frames), uncertain ${nUnc} frames MAE ${nUnc ? f1(sumUnc / nUnc) : '—'}° | zero taken anyway (median α of any score): MAE ${nHyp ? f1(sumHyp / nHyp) : '—'}° (max ${f1(maxHyp)}°)`);
  }
}
