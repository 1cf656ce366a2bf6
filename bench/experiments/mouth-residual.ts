// Session 10 (mouth): why an open mouth trips the flexion-range residual rule. Per frame of saved landmarks: the fitted
// camera angles, the fit's RMS residual as the rule uses it (all 468 points, rigid weight 1, others 0.15), the same
// fit's residual over the rigid points only, over the non-rigid points only, and the jaw's and lips' opening.
//   node --import tsx bench/experiments/mouth-residual.ts --out F.jsonl FILE...
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RIGID_FACE_POINTS, alignSimilarity, anglesFromRotationMatrix, fitHead, mouthOnFrame, selectPatientFace, type LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { parseLandmarks } from '@geste/vision';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'mouth-frames.jsonl' } } });
writeFileSync(values.out!, '');
const rigid = new Set(RIGID_FACE_POINTS);
const rigidOnly = new Float64Array(468);
for (const i of RIGID_FACE_POINTS) rigidOnly[i] = 1;
const CANON = Float64Array.from(CANONICAL_FACE_CM);
// The head fit's weights (rigid 1, others 0.15) without the points below the nose's base (lips, jaw, chin: canonical y > 2.5 cm).
const noMouth = new Float64Array(468).fill(0.15);
for (const i of RIGID_FACE_POINTS) noMouth[i] = 1;
for (let i = 0; i < 468; i++) if (CANONICAL_FACE_CM[i * 3 + 1]! > 2.5) noMouth[i] = 0;
const r3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000);
for (const path of positionals) {
  const text = readFileSync(path, 'utf8');
  const frames: LandmarkFrame[] = path.endsWith('.jsonl') ? parseLandmarks(text).frames : (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
  const lines: string[] = [];
  for (const f of frames) {
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one') continue;
    const fit = fitHead(sel.face, f);
    if (!fit) continue;
    const a = anglesFromRotationMatrix(fit.headToCamera);
    let sR = 0, nR = 0, sO = 0, nO = 0;
    const R = fit.headToCamera, s = fit.pxPerCm, o = fit.originPx;
    for (let i = 0; i < 468; i++) {
      const x = CANONICAL_FACE_CM[i * 3]!, y = CANONICAL_FACE_CM[i * 3 + 1]!, z = CANONICAL_FACE_CM[i * 3 + 2]!;
      const p = sel.face.meshPx[i]!;
      const d2 = ((o[0] + s * (R[0] * x + R[1] * y + R[2] * z) - p.x) ** 2 + (o[1] + s * (R[3] * x + R[4] * y + R[5] * z) - p.y) ** 2 +
        (o[2] + s * (R[6] * x + R[7] * y + R[8] * z) - p.z) ** 2) / (s * s);
      if (rigid.has(i)) { sR += d2; nR++; } else { sO += d2; nO++; }
    }
    const obs = new Float64Array(468 * 3);
    for (let i = 0; i < 468; i++) { const p = sel.face.meshPx[i]!; obs[i * 3] = p.x; obs[i * 3 + 1] = p.y; obs[i * 3 + 2] = p.z; }
    const rf = alignSimilarity(CANON, obs, rigidOnly);
    const nm = alignSimilarity(CANON, obs, noMouth);
    const ra = rf ? anglesFromRotationMatrix(rf.rotation) : null;
    const m = mouthOnFrame(f);
    lines.push(JSON.stringify({ file: path, i: f.frameIndex, ms: f.timestampMs, cR: r3(a.rotationDeg), cT: r3(a.tiltDeg), cF: r3(a.flexionDeg),
      resid: r3(fit.rmsResidualCm), residRigid: r3(Math.sqrt(sR / nR)), residOther: r3(Math.sqrt(sO / nO)), residRigidFit: r3(rf?.rmsResidualA), rfF: r3(ra?.flexionDeg), residNoMouth: r3(nm?.rmsResidualA), nmF: r3(nm ? anglesFromRotationMatrix(nm.rotation).flexionDeg : null), lips: r3(m.lips), jaw: r3(m.jaw) }));
  }
  appendFileSync(values.out!, lines.join('\n') + '\n');
}
