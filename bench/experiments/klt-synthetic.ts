// Synthetic check of the Lucas-Kanade tracker (issue 13, session 10 "klt"): a smooth random texture (analytic, so a
// sub-pixel shift is exact) rendered twice, the second shifted by a known (dx, dy); Shi-Tomasi corners of the first
// are tracked into the second. Prints the error per shift; exits 1 when the median error exceeds 0.1 px.
//   node --import tsx bench/experiments/klt-synthetic.ts
import { blur5, buildPyramid, DEFAULT_TRACK, shiTomasi, trackFB, type GrayImage } from './klt-lib.ts';

const MAX_MEDIAN_ERROR_PX = 0.1;
let seed = 12345;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const W = 240, H = 200;
const blobs = Array.from({ length: 160 }, () => ({ x: rand() * W, y: rand() * H, s: 1.5 + rand() * 4, a: (rand() - 0.5) * 120 }));
function render(dx: number, dy: number, noise = 0): GrayImage {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = x - dx, v = y - dy;
      let s = 128;
      for (const b of blobs) { const d2 = (u - b.x) ** 2 + (v - b.y) ** 2; if (d2 < 36 * b.s * b.s) s += b.a * Math.exp(-d2 / (2 * b.s * b.s)); }
      data[y * W + x] = s + (noise ? (rand() - 0.5) * 2 * noise : 0);
    }
  }
  return { w: W, h: H, data };
}

const shifts: [number, number][] = [[0.25, -0.4], [0.5, 0.5], [1.37, -0.82], [3.6, 2.15], [7.3, -5.45], [12.8, 9.1]];
let fail = false;
for (const noise of [0, 2]) {
  const a = render(0, 0, noise);
  const pa = buildPyramid(blur5(a), 3);
  const corners = shiTomasi(pa[0]!, (x, y) => x > 30 && y > 30 && x < W - 30 && y < H - 30, 60, 10);
  for (const [dx, dy] of shifts) {
    const pb = buildPyramid(blur5(render(dx, dy, noise)), 3);
    const errs: number[] = [];
    let lost = 0;
    for (const c of corners) {
      const t = trackFB(pa, pb, c.x, c.y, 0.5, DEFAULT_TRACK);
      if (!t.ok) { lost++; continue; }
      errs.push(Math.hypot(t.x - c.x - dx, t.y - c.y - dy));
    }
    errs.sort((p, q) => p - q);
    const med = errs[Math.floor(errs.length / 2)] ?? Infinity, p90 = errs[Math.floor(errs.length * 0.9)] ?? Infinity;
    const bad = !(med <= MAX_MEDIAN_ERROR_PX);
    if (bad) fail = true;
    console.log(`noise ±${noise} shift (${dx}, ${dy}) px: ${errs.length}/${corners.length} tracked, error median ${med.toFixed(4)} px, 90th pct ${p90.toFixed(4)} px, max ${errs.at(-1)?.toFixed(4)} px, lost ${lost}${bad ? '  FAIL' : ''}`);
  }
}
process.exit(fail ? 1 : 0);
