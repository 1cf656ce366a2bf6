// Markdown tables of klt2-calib.ts --json output (issue 13, session 11 "klt2"): per face and window, the SfM yaw and
// flexion slopes on the truth, the mesh's, and the calibrated small-turn gain next to the mesh's true small-turn slope.
//   node --import tsx bench/experiments/klt2-table.ts F.jsonl
import { readFileSync } from 'node:fs';

interface Stats { slope: number; maeDeg: number; n: number }
interface Row { face: string; camera: string; window: string; frames: number; points: number; kept: number; rmsPx: number; sfmYaw: Stats; sfmYawSmall: Stats; sfmFlex: Stats; meshYaw: Stats; meshYawSmall: Stats; meshFlex: Stats; gainSmall: number; gainAll: number }
const rows = readFileSync(process.argv[2]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
const f = (v: number, d = 3) => v.toFixed(d);
console.log('| face | window | frames / points kept | reproj. px | SfM yaw slope (MAE°) | SfM yaw slope, abs(truth) ≤ 8° | SfM flexion slope | mesh yaw slope, abs(truth) ≤ 8° | calibrated gain g (mesh on SfM, abs(SfM yaw) ≤ 8°) | g ÷ true mesh gain |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.face} | ${r.window} | ${r.frames} / ${r.kept} | ${f(r.rmsPx, 2)} | ${f(r.sfmYaw.slope)} (${f(r.sfmYaw.maeDeg, 2)}) | ${f(r.sfmYawSmall.slope)} | ${f(r.sfmFlex.slope)} | ${f(r.meshYawSmall.slope)} | ${f(r.gainSmall)} | ${f(r.gainSmall / r.meshYawSmall.slope)} |`);
}
// per face: range over the upper-face windows
console.log('\n| face | SfM yaw slope, upper-face windows (min–max) | SfM yaw slope abs(truth) ≤ 8° (min–max) | g (min–max) | true mesh small-turn gain |');
console.log('|---|---|---|---|---|');
for (const face of [...new Set(rows.map((r) => r.face))]) {
  const u = rows.filter((r) => r.face === face && r.window.startsWith('upper face'));
  const mm = (xs: number[]) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
  console.log(`| ${face} | ${mm(u.map((r) => r.sfmYaw.slope))} | ${mm(u.map((r) => r.sfmYawSmall.slope))} | ${mm(u.map((r) => r.gainSmall))} | ${f(u[0]!.meshYawSmall.slope)} |`);
}
