/**
 * CPU ms per `sampleRoi` call (192² crop) on generated frames, bilinear and box mean, at the CLI's k ≈ 1.7 and
 * a 720p browser frame's k ≈ 3.3 (docs/roi-sampling.md):  node --import tsx bench/experiments/sample-roi-speed.ts
 * For the session-6 "old" figure the previous bilinear was restored from git (e7c41ae^:packages/vision/src/mesh/roi.ts).
 */
import { loadavg } from 'node:os';
import { sampleRoiArea, sampleRoiBilinear } from '../../packages/vision/src/mesh/sampleRoi.ts';
import type { FramePixels, MeshRoi } from '../../packages/vision/src/mesh/roi.ts';

function frame(w: number, h: number): FramePixels {
  const d = new Uint8Array(w * h * 3);
  for (let i = 0; i < d.length; i++) d[i] = (i * 2654435761) >>> 24;
  return { data: d, widthPx: w, heightPx: h, channels: 3 };
}
const cases: { name: string; px: FramePixels; roi: MeshRoi }[] = [
  { name: '640x480 k=1.67', px: frame(640, 480), roi: { centerXPx: 320.3, centerYPx: 240.7, sizePx: 320, angleRad: 0.05 } },
  { name: '1280x720 k=3.3', px: frame(1280, 720), roi: { centerXPx: 640.3, centerYPx: 360.7, sizePx: 640, angleRad: 0.05 } },
];
console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const c of cases) {
  for (const [n, f] of [['bilinear', sampleRoiBilinear], ['box mean', sampleRoiArea]] as const) {
    for (let i = 0; i < 30; i++) f(c.px, c.roi, 192);
    const N = 300;
    const t0 = process.cpuUsage();
    for (let i = 0; i < N; i++) f(c.px, c.roi, 192);
    const cpu = process.cpuUsage(t0);
    console.log(`${c.name} ${n}: ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms CPU per crop`);
  }
}
