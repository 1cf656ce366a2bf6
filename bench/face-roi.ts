/**
 * CPU ms per frame of the angles path (face only: no body, hands, iris) with the own face-mesh ROI and
 * with Human's crop, on the same decoded frames; how often the detector ran; whether two runs of the own
 * path give identical landmarks (docs/face-roi.md).
 *
 *   node --import tsx bench/face-roi.ts [clip.mp4] [--frames 300]
 * Default clip: the rotation cadence probe (packages/phantom/.cache/probe, made by `npm run bench:cadence`).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeDetector, openVideo, type RgbFrame } from '../packages/vision/src/node/index.ts';
import type { VisionTuning } from '../packages/vision/src/humanConfig.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { frames: { type: 'string', default: '300' } } });
const clip = positionals[0] ?? join(root, 'packages/phantom/.cache/probe/cadence-probe-rotationDeg.mp4');
const maxFrames = Number(values.frames);

const frames: { rgb: RgbFrame; timestampMs: number; frameIndex: number }[] = [];
const dec = await openVideo(clip);
for await (const f of dec.frames()) {
  frames.push({ rgb: { data: new Uint8Array(f.rgb.data), widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx }, timestampMs: f.timestampMs, frameIndex: f.frameIndex });
  if (frames.length >= maxFrames) break;
}
await dec.close();

const FACE_ONLY: Partial<VisionTuning> = { body: false, hands: false, iris: false };
const SETTINGS: { label: string; tuning: Partial<VisionTuning> }[] = [
  { label: 'own ROI, detector only on loss', tuning: { ...FACE_ONLY, faceMeshRoi: 'own' } },
  { label: 'Human ROI, tracking (detector every 30 frames)', tuning: { ...FACE_ONLY, faceMeshRoi: 'human', faceDetectorEveryNFrames: 30, faceDetectorEveryFrameBelowYawDeg: 0 } },
  { label: 'Human ROI, previous default (detector every frame within 30°)', tuning: { ...FACE_ONLY, faceMeshRoi: 'human' } },
  { label: 'own ROI again (determinism)', tuning: { ...FACE_ONLY, faceMeshRoi: 'own' } },
];

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const load0 = loadavg();
const rows: string[] = [];
const hashes: string[] = [];
for (const s of SETTINGS) {
  const d = await createNodeDetector({ tuning: s.tuning });
  const hash = createHash('sha256');
  let faceFrames = 0;
  // First 10 frames warm the kernels up; not timed.
  for (const f of frames.slice(0, 10)) await d.detect(f.rgb, f.timestampMs, f.frameIndex);
  await d.close();
  const e = await createNodeDetector({ tuning: s.tuning });
  const c0 = cpuMs();
  const w0 = performance.now();
  let minScore = 1;
  for (const f of frames) {
    const lf = await e.detect(f.rgb, f.timestampMs, f.frameIndex);
    if (lf.faces.length > 0) faceFrames++;
    for (const face of lf.faces) minScore = Math.min(minScore, face.meshScore);
    hash.update(JSON.stringify(lf.faces.map((x) => x.meshPx)));
  }
  const cpu = (cpuMs() - c0) / frames.length;
  const wall = (performance.now() - w0) / frames.length;
  const counters = (e as unknown as { faceCounters?: () => { detectorFrames: number; trackedFrames: number; checkFrames: number } | null }).faceCounters?.();
  await e.close();
  const h = hash.digest('hex').slice(0, 12);
  hashes.push(h);
  rows.push(`| ${s.label} | ${cpu.toFixed(1)} | ${wall.toFixed(1)} | ${faceFrames}/${frames.length} | ${counters ? `${counters.detectorFrames} + ${counters.checkFrames} checks` : '—'} | ${minScore.toFixed(2)} | ${h} |`);
  process.stderr.write(rows[rows.length - 1] + '\n');
}
const load1 = loadavg();
console.log(`Clip ${clip.replace(root + '/', '')}, ${frames.length} frames ${frames[0]?.rgb.widthPx}×${frames[0]?.rgb.heightPx}, Node ${process.version}, 1 thread, load average ${load0[0]!.toFixed(1)} → ${load1[0]!.toFixed(1)}.`);
console.log('');
console.log('| setting | CPU ms/frame | wall ms/frame | frames with a face | detector frames (loss + periodic checks) | lowest mesh score | landmarks hash |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('');
console.log(`Own ROI deterministic (two runs, same landmarks): ${hashes[0] === hashes[3] ? 'yes' : 'NO'}`);
