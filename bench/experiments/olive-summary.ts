// Tables of the session-9 "olivehd" analysis (issue 13) from olive-decomp.ts's per-frame lines:
//   node --import tsx bench/experiments/olive-summary.ts frames.jsonl
// 1. the combined clip's hold (−35° / +20° / −15°) per face × set-up: the neutral's reading, the signed error of core
//    (Nᵀ·R), of R·Nᵀ, of a per-axis subtraction, and the mesh against the camera;
// 2. a level head's flexion error by truth rotation band (the turn–flexion coupling of each face);
// 3. core-range MAE over all clips, core against R·Nᵀ on the same frames.
import { readFileSync } from 'node:fs';

interface Line {
  file: string; clip: string; ms: number; tR: number; tT: number; tF: number;
  mR: number | null; mT: number | null; mF: number | null; cR: number | null; cT: number | null; cF: number | null;
  q1R: number | null; q1T: number | null; q1F: number | null; q2R: number | null; q2T: number | null; q2F: number | null;
  nR: number; nT: number; nF: number;
}
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

console.log('\n## core-range MAE rotation / tilt / flexion over all clips, deg: core (Nᵀ·R) against R·Nᵀ on the same frames');
console.log('| group | core | R·Nᵀ |\n|---|---|---|');
for (const g of groups) {
  const c = after.filter((l) => group(l) === g && inCore(l) && l.mR !== null && l.mF !== null && l.q2R !== null);
  const mae = (k: [keyof Line, keyof Line, keyof Line]) => k.map((x, i) => mean(c.map((l) => Math.abs((l[x] as number) - [l.tR, l.tT, l.tF][i]!))).toFixed(2)).join(' / ');
  console.log(`| ${g} | ${mae(['mR', 'mT', 'mF'])} | ${mae(['q2R', 'q2T', 'q2F'])} |`);
}
