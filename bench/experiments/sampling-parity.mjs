// node bench/experiments/sampling-parity.mjs <ref dir>/<clip> <other dir>/<clip> …  (<clip>.landmarks.json and .measured.json from sampling-matrix.ts)
// Mean landmark distance (px of the 640-wide frame) and mean |Δ angle| between a reference run and others.
import { readFileSync } from 'node:fs';
const [ref, ...others] = process.argv.slice(2);
const load = (p) => JSON.parse(readFileSync(p, 'utf8'));
const lm = (p) => load(p + '.landmarks.json').frames;
const ms = (p) => load(p + '.measured.json').frames;
const R = lm(ref), RM = ms(ref);
for (const o of others) {
  const O = lm(o), OM = ms(o);
  let d = 0, n = 0;
  for (let i = 0; i < Math.min(R.length, O.length); i++) {
    const a = R[i].faces[0]?.meshPx, b = O[i].faces[0]?.meshPx; if (!a || !b) continue;
    const s = R[i].imageWidthPx / O[i].imageWidthPx;
    for (let k = 0; k < 468; k++) { d += Math.hypot(a[k].x - b[k].x * s, a[k].y - b[k].y * s); n++; }
  }
  const ang = {};
  for (const ax of ['rotationDeg', 'tiltDeg', 'flexionDeg']) { let s = 0, c = 0; for (let i = 0; i < Math.min(RM.length, OM.length); i++) { const x = RM[i][ax], y = OM[i][ax]; if (typeof x === 'number' && typeof y === 'number') { s += Math.abs(x - y); c++; } } ang[ax] = (s / c).toFixed(2); }
  console.log(o.split('/').slice(0, 1)[0], 'landmarks', (d / n).toFixed(3), 'px;', JSON.stringify(ang));
}
