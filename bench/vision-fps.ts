/**
 * Frames per second of decode + landmarks on a 640×480 30 fps clip, with per-stage times,
 * for 1 and 2 worker threads and a few tunings.
 *   WORKERS=1,2 WARMUP=10 node --import tsx bench/vision-fps.ts [clip=pan-long|pan] [tunings=default,all-every-frame,…]
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVideo } from '../packages/vision/test/makeVideos.ts';
import { openVideoLandmarkSource } from '../packages/vision/src/node/videoSource.ts';
import { openVideo } from '../packages/vision/src/node/video.ts';
import type { VisionTuning } from '../packages/vision/src/humanConfig.ts';

const TUNINGS: Record<string, Partial<VisionTuning>> = {
  default: {},
  'all-every-frame': { iris: true, faceDetectorEveryNFrames: 0, bodyEveryNFrames: 1, handsEveryNFrames: 1 },
  'face-track+iris': { iris: true, body: false, hands: false },
  'face-track-only': { body: false, hands: false },
  'body2-hands15': { bodyEveryNFrames: 2, handsEveryNFrames: 15 },
  'body3-hands15': { bodyEveryNFrames: 3, handsEveryNFrames: 15 },
};

/**
 * CPU time (ms) used so far by this process (all threads, so worker threads count) plus its reaped
 * children (ffmpeg). Wall-clock fps depends on what else runs on the machine; CPU ms per frame does not.
 */
async function cpuMs(): Promise<number> {
  const u = process.cpuUsage();
  const stat = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
  const tick = 100; // USER_HZ on Linux
  const children = ((Number(stat[13]) + Number(stat[14])) * 1000) / tick; // cutime + cstime
  return (u.user + u.system) / 1000 + children;
}

const WARMUP = Number(process.env['WARMUP'] ?? 10);

const dir = await mkdtemp(join(tmpdir(), 'geste-bench-'));
const path = await makeVideo(dir, (process.argv[2] ?? 'pan-long') as 'pan-long' | 'pan');
const names = (process.argv[3] ?? 'default').split(',');
const workerCounts = (process.env['WORKERS'] ?? '1,2').split(',').map(Number);

// Decode alone.
{
  const v = await openVideo(path);
  const c0 = await cpuMs();
  const t0 = performance.now();
  let n = 0;
  for await (const _f of v.frames()) n++;
  const ms = performance.now() - t0;
  const cpu = (await cpuMs()) - c0;
  console.log(`decode only: ${n} frames in ${ms.toFixed(0)} ms = ${((n * 1000) / ms).toFixed(1)} fps (${(ms / n).toFixed(1)} ms/frame wall, ${(cpu / n).toFixed(1)} ms/frame CPU)`);
}

for (const name of names) {
  const tuning = TUNINGS[name];
  if (!tuning) throw new Error(`unknown tuning ${name}; one of ${Object.keys(TUNINGS).join(', ')}`);
  for (const workers of workerCounts) {
    const src = await openVideoLandmarkSource(path, { workers, tuning });
    // The first WARMUP frames compile WASM kernels and models: measure the steady state after them.
    let c0 = 0;
    let t0 = 0;
    let s0 = src.stageTotals();
    let n = 0;
    let faces = 0;
    for await (const f of src.frames()) {
      n++;
      if (n === WARMUP) {
        c0 = await cpuMs();
        t0 = performance.now();
        s0 = src.stageTotals();
      }
      if (f.faces.length > 0) faces++;
    }
    const ms = performance.now() - t0;
    const cpu = (await cpuMs()) - c0;
    const s1 = src.stageTotals();
    const m = n - WARMUP;
    const per = (k: keyof typeof s1): string => ((s1[k] - s0[k]) / m).toFixed(1);
    console.log(
      `${name.padEnd(16)} workers=${workers}: ${m} frames after ${WARMUP} warm-up in ${ms.toFixed(0)} ms = ${((m * 1000) / ms).toFixed(1)} fps ` +
        `(real time ${(m / 30 / (ms / 1000)).toFixed(2)}×), CPU ${(cpu / m).toFixed(1)} ms/frame incl. ffmpeg ` +
        `(⇒ ≤ ${((2 * 1000 * m) / cpu).toFixed(1)} fps on 2 idle cores), frames with a face ${faces}/${n}; ` +
        `per frame ms: decode-wait ${per('decodeWaitMs')}, input ${per('inputMs')}, cache ${per('cacheCheckMs')}, ` +
        `face ${per('faceMs')}, body ${per('bodyMs')}, hands ${per('handsMs')}, detect total ${per('detectTotalMs')}`,
    );
    await src.close();
  }
}
