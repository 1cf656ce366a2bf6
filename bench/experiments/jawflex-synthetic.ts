// Session 11 (jawflex): the generated jaw drop (mouthOpen.test.ts's hinge about the temporomandibular joints) — how far the
// head fit and the fit without mouth, jaw and chin read from the true angles, per jaw opening, with seeded mesh noise.
//   node --import tsx bench/experiments/jawflex-synthetic.ts
import { alignSimilarity, anglesFromRotationMatrix, fitHead, headFitWeights, meshArray, mouthOnFrame, syntheticFace, type LandmarkFrame } from '@geste/core';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { MOUTH_JAW_BELOW_CM } from '../../packages/core/src/pose/flexionRange.ts';
import { withJawOpen as jawOpen } from '../../packages/core/src/pose/jawDrop.testing.ts';
const NO_MOUTH = headFitWeights((i) => CANONICAL_FACE_CM[i * 3 + 1]! > MOUTH_JAW_BELOW_CM);
const CANON = Float64Array.from(CANONICAL_FACE_CM);
const IMAGE = { imageWidthPx: 640, imageHeightPx: 480 };
const noise = Number(process.argv[2] ?? 0.4);
console.log(`noise ${noise} px; per jaw angle over 9 postures × 20 seeds: mean and SD of (fit − truth) per axis, full fit | no-mouth fit; lips`);
for (const jaw of [0, 3, 6, 9, 12, 15]) {
  const acc = { f: [[], [], []] as number[][], n: [[], [], []] as number[][], lips: [] as number[] };
  let ms = 0, msN = 0;
  for (const [r, t, fl] of [[0, 0, 0], [0, 0, -15], [0, 0, 15], [30, 0, 0], [-30, 0, 0], [0, 15, 0], [20, 10, -10], [-35, 20, -15], [10, -5, 25]] as const) {
    for (let s = 0; s < 20; s++) {
      const face = syntheticFace({ angles: { rotationDeg: r, tiltDeg: t, flexionDeg: fl }, perspective: { focalPx: 600, distanceCm: 60 }, ...IMAGE, noisePx: noise, seed: 1 + s, shapeCm: jawOpen(jaw) });
      const frame: LandmarkFrame = { frameIndex: 0, timestampMs: 0, ...IMAGE, faces: [face], bodies: [], hands: [] };
      let t0 = performance.now();
      const a = anglesFromRotationMatrix(fitHead(face, IMAGE)!.headToCamera);
      ms += performance.now() - t0;
      t0 = performance.now();
      const b = anglesFromRotationMatrix(alignSimilarity(CANON, meshArray(face)!, NO_MOUTH)!.rotation);
      msN += performance.now() - t0;
      const truth = [r, t, fl];
      [a.rotationDeg, a.tiltDeg, a.flexionDeg].forEach((v, k) => acc.f[k]!.push(v - truth[k]!));
      [b.rotationDeg, b.tiltDeg, b.flexionDeg].forEach((v, k) => acc.n[k]!.push(v - truth[k]!));
      acc.lips.push(mouthOnFrame(frame).lips!);
    }
  }
  const m = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
  const sd = (v: number[]) => Math.sqrt(m(v.map((x) => (x - m(v)) ** 2)));
  const f = (v: number[]) => `${m(v).toFixed(2).padStart(6)}±${sd(v).toFixed(2)}`;
  console.log(`jaw ${String(jaw).padStart(2)}° lips ${m(acc.lips).toFixed(2)} | R ${f(acc.f[0]!)} T ${f(acc.f[1]!)} F ${f(acc.f[2]!)} | R ${f(acc.n[0]!)} T ${f(acc.n[1]!)} F ${f(acc.n[2]!)} | ms/fit ${(ms / 180).toFixed(3)} ${(msN / 180).toFixed(3)}`);
}
