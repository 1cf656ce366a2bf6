// Tables of the session-9 "olivehd" analysis (issue 13) from olive-decomp.ts's per-frame lines:
//   node --import tsx bench/experiments/olive-summary.ts frames.jsonl
// 1. the combined clip's hold (−35° / +20° / −15°) per face × set-up: the neutral's reading, the signed error of core
//    (Nᵀ·R), of R·Nᵀ, of a per-axis subtraction, and the mesh against the camera;
// 2. a level head's flexion error by truth rotation band (the turn–flexion coupling of each face);
// 3. core-range MAE over all clips, core against R·Nᵀ on the same frames, and with a share α of the zero on the camera
//    side (α = 1 is core, 0 is R·Nᵀ), also on the combined clip;
// 0. first, without data: what another Euler order and each way of taking off the zero give at (−35°, +20°, −15°).
import { readFileSync } from 'node:fs';
import { anglesFromRotationMatrix, headRotationMatrix, mat3Multiply, mat3Transpose, type Mat3 } from '@geste/core';

interface Line {
  file: string; clip: string; ms: number; tR: number; tT: number; tF: number;
  mR: number | null; mT: number | null; mF: number | null; cR: number | null; cT: number | null; cF: number | null;
  q1R: number | null; q1T: number | null; q1F: number | null; q2R: number | null; q2T: number | null; q2F: number | null;
  nR: number; nT: number; nF: number;
}
const H = (r: number, t: number, f: number) => headRotationMatrix({ rotationDeg: r, tiltDeg: t, flexionDeg: f });
const mul = (...ms: Mat3[]) => ms.reduce((a, b) => mat3Multiply(a, b));
const read = (m: Mat3) => { const a = anglesFromRotationMatrix(m); return [a.rotationDeg, a.tiltDeg, a.flexionDeg].map((x) => x.toFixed(1)).join(' / '); };
/** Mᵅ for a rotation M (axis–angle; Rodrigues). */
function power(m: Mat3, alpha: number): Mat3 {
  const th = Math.acos(Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2)));
  if (th < 1e-9) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const k = [m[7] - m[5], m[2] - m[6], m[3] - m[1]].map((x) => x / (2 * Math.sin(th))) as [number, number, number];
  const K: Mat3 = [0, -k[2], k[1], k[2], 0, -k[0], -k[1], k[0], 0];
  const KK = mat3Multiply(K, K), s = Math.sin(alpha * th), c = 1 - Math.cos(alpha * th);
  return [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => (i % 4 === 0 ? 1 : 0) + s * K[i]! + c * KK[i]!) as unknown as Mat3;
}
/** Head angles with a share α of the zero N on the camera side: R = A·H·B, A = Nᵅ, B = Aᵀ·N. */
const split = (R: Mat3, N: Mat3, alpha: number) => { const A = power(N, alpha); return mul(mat3Transpose(A), R, mat3Transpose(mul(mat3Transpose(A), N))); };

console.log('## the maths at (−35, +20, −15), no data');
const Y = H(-35, 0, 0), X = H(0, 0, -15), Z = H(0, 20, 0);
for (const [name, m] of [['Y·X·Z (core)', mul(Y, X, Z)], ['Y·Z·X', mul(Y, Z, X)], ['X·Y·Z', mul(X, Y, Z)], ['X·Z·Y', mul(X, Z, Y)], ['Z·Y·X', mul(Z, Y, X)], ['Z·X·Y', mul(Z, X, Y)]] as const) {
  console.log(`- truth built ${name}, read by core: ${read(m)}`);
}
for (const f0 of [3.7, 8]) {
  const E = H(0, 0, f0), R = mul(H(-35, 20, -15), E), cam = anglesFromRotationMatrix(R);
  console.log(`- face-side rest ${f0}° chin-down (R = H·E): Nᵀ·R ${read(mul(mat3Transpose(E), R))}; R·Nᵀ ${read(mul(R, mat3Transpose(E)))}; subtraction ${[cam.rotationDeg, cam.tiltDeg, cam.flexionDeg - f0].map((x) => x.toFixed(1)).join(' / ')}`);
}
for (const [pitch, turn] of [[15, 35], [15, 40]] as const) {
  const C = H(0, 0, pitch), R = mul(C, H(turn, 0, 0));
  console.log(`- camera pitched ${pitch}° (R = C·H), plain ${turn}° turn: Nᵀ·R ${read(mul(mat3Transpose(C), R))}; R·Nᵀ ${read(mul(R, mat3Transpose(C)))}; α = 0.5 ${read(split(R, C, 0.5))}`);
}
console.log('');

const lines = readFileSync(process.argv[2]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
const group = (l: Line) => l.file.split('/').slice(-3, -1).join(' × ');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const s1 = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const trio = (v: number[]) => v.map(s1).join(' / ');
const inCore = (l: Line) => Math.abs(l.tR) <= 45 && Math.abs(l.tT) <= 30 && Math.abs(l.tF) <= 30;
const groups = [...new Set(lines.map(group))].sort();
const after = lines.filter((l) => l.ms >= 2000);

console.log('## combined-extension hold (truth −35 / +20 / −15): signed error rotation / tilt / flexion, deg');
console.log('| group | rest reads | core Nᵀ·R | R·Nᵀ | subtraction | mesh vs camera | frames |\n|---|---|---|---|---|---|---|');
for (const g of groups) {
  const h = after.filter((l) => group(l) === g && l.clip === 'combined-extension' && l.q1R !== null
    && Math.abs(l.tR + 35) < 0.05 && Math.abs(l.tT - 20) < 0.05 && Math.abs(l.tF + 15) < 0.05);
  if (!h.length) continue;
  const t = [-35, 20, -15], n = [h[0]!.nR, h[0]!.nT, h[0]!.nF];
  const m = (k: [keyof Line, keyof Line, keyof Line]) => k.map((x) => mean(h.map((l) => l[x] as number)));
  const cam = m(['cR', 'cT', 'cF']);
  console.log(`| ${g} | ${trio(n)} | ${trio(m(['q1R', 'q1T', 'q1F']).map((x, i) => x - t[i]!))} | ${trio(m(['q2R', 'q2T', 'q2F']).map((x, i) => x - t[i]!))} | ${trio(cam.map((x, i) => x - n[i]! - t[i]!))} | ${trio(cam)} | ${h.length} |`);
}

const bands: [number, number][] = [[-45, -30], [-30, -15], [-15, -5], [-5, 5], [5, 15], [15, 30], [30, 45]];
console.log('\n## level head (truth |tilt|, |flexion| ≤ 2°): mean signed flexion error by truth rotation, deg [frames]');
console.log(`| group | ${bands.map(([a, b]) => `${a}…${b}`).join(' | ')} |\n|---|${bands.map(() => '---|').join('')}`);
for (const g of groups) {
  const cells = bands.map(([a, b]) => {
    const e = after.filter((l) => group(l) === g && l.mF !== null && Math.abs(l.tT) <= 2 && Math.abs(l.tF) <= 2 && l.tR >= a && l.tR < b).map((l) => l.mF! - l.tF);
    return e.length ? `${s1(mean(e))} [${e.length}]` : '—';
  });
  console.log(`| ${g} | ${cells.join(' | ')} |`);
}

const ALPHAS = [1, 0.75, 0.5, 0.25, 0];
console.log('\n## core-range MAE rotation / tilt / flexion over all clips (frames core measured), deg: core, and a share α of the zero on the camera side (α = 1: Nᵀ·R as core, α = 0: R·Nᵀ); then the combined clip alone');
console.log(`| group | core | ${ALPHAS.map((a) => `α = ${a}`).join(' | ')} | combined: ${ALPHAS.map((a) => `α = ${a}`).join(' | ')} |\n|---|---|${ALPHAS.map(() => '---|---|').join('')}`);
for (const g of groups) {
  const c = after.filter((l) => group(l) === g && inCore(l) && l.mR !== null && l.mF !== null && l.cR !== null);
  const maeOf = (rows: Line[], f: (l: Line) => number[]) => [0, 1, 2].map((i) => mean(rows.map((l) => Math.abs(f(l)[i]! - [l.tR, l.tT, l.tF][i]!))).toFixed(2)).join(' / ');
  const at = (alpha: number) => (l: Line) => { const a = anglesFromRotationMatrix(split(H(l.cR!, l.cT!, l.cF!), H(l.nR, l.nT, l.nF), alpha)); return [a.rotationDeg, a.tiltDeg, a.flexionDeg]; };
  const comb = c.filter((l) => l.clip === 'combined-extension');
  console.log(`| ${g} | ${maeOf(c, (l) => [l.mR!, l.mT!, l.mF!])} | ${ALPHAS.map((a) => maeOf(c, at(a))).join(' | ')} | ${ALPHAS.map((a) => maeOf(comb, at(a))).join(' | ')} |`);
}
