/**
 * Speed of `geste analyze`'s video path: decode → landmarks → core measures, per mode, with start-up.
 *   node --import tsx bench/vision-fps.ts [--seconds 12] [--clip path.mp4] [--modes single,pipeline,human] [--tuning default]
 * Modes: single = one thread with the model schedule (schedule.ts); pipeline = two cores (pipeline.ts, what
 * `geste analyze` uses on 2 cores); human = one thread with Human's own frame counters (before issue 15);
 * interleaved2 = two workers taking alternate frames (the old 2-worker mode).
 * Prints per mode: CPU ms per frame (process incl. workers and ffmpeg) with and without start-up, ms per
 * frame by stage, real-time factor, measurements/s, per-frame latency percentiles, and the load average.
 * Wall-clock numbers depend on the machine's load; CPU ms per frame much less so.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { HeadPoseEstimator } from '../packages/core/src/index.ts';
import { ASTRONAUT_PNG } from '../packages/vision/test/makeVideos.ts';
import { findFfmpeg } from '../packages/vision/src/node/video.ts';
import { openVideoLandmarkSource, type VideoLandmarkSource } from '../packages/vision/src/node/videoSource.ts';
import { openPipelinedVideoSource } from '../packages/vision/src/node/pipeline.ts';
import type { VisionTuning } from '../packages/vision/src/humanConfig.ts';

const TUNINGS: Record<string, Partial<VisionTuning>> = {
  default: {},
  'face-only': { body: false, hands: false },
  'own-roi': { faceMeshRoi: 'own' },
  'all-every-frame': { iris: true, faceDetectorEveryNFrames: 0, bodyEveryNFrames: 1, handsEveryNFrames: 1 },
};

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '12' },
    clip: { type: 'string' },
    modes: { type: 'string', default: 'single,pipeline' },
    tuning: { type: 'string', default: 'default' },
    warmup: { type: 'string', default: '10' },
  },
});

/** CPU ms used so far by this process (all threads) plus its reaped children (ffmpeg). */
async function cpuMs(): Promise<number> {
  const u = process.cpuUsage();
  const st = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
  const children = ((Number(st[13]) + Number(st[14])) * 1000) / 100; // cutime + cstime, USER_HZ 100
  return (u.user + u.system) / 1000 + children;
}

/** A pan over the test photograph, 640×480 at 30 fps (as packages/vision/test/makeVideos.ts, any length). */
async function panClip(seconds: number): Promise<string> {
  const dir = join(tmpdir(), 'geste-bench-vision');
  await mkdir(dir, { recursive: true });
  const out = join(dir, `pan-${seconds}s.mp4`);
  if (!(await stat(out).catch(() => null))) {
    await promisify(execFile)(await findFfmpeg(), ['-v', 'error', '-y', '-nostdin', '-loop', '1', '-framerate', '30', '-i', ASTRONAUT_PNG,
      '-vf', "scale=960:960,crop=640:480:x='160+80*sin(2*PI*t/2)':y='150+20*sin(2*PI*t)',format=yuv420p",
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', out]);
  }
  return out;
}

/** CPU ms per thread of this process so far (tid → name, ms), from /proc/self/task. */
async function threadCpuMs(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const { readdir } = await import('node:fs/promises');
  for (const tid of await readdir('/proc/self/task')) {
    try {
      const raw = await readFile(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const st = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      out.set(`${tid} ${name}`, ((Number(st[11]) + Number(st[12])) * 1000) / 100);
    } catch {
      /* thread ended */
    }
  }
  return out;
}

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const f1 = (x: number): string => x.toFixed(1);
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const tuning = TUNINGS[values.tuning!];
if (!tuning) throw new Error(`unknown tuning ${values.tuning}; one of ${Object.keys(TUNINGS).join(', ')}`);
const path = values.clip ?? (await panClip(Number(values.seconds)));
const WARMUP = Number(values.warmup);
console.log(`clip ${path}; tuning ${values.tuning}; load average (1/5/15 min) at start: ${load()}`);

for (const mode of values.modes!.split(',')) {
  const th0 = await threadCpuMs();
  const c0 = await cpuMs();
  const t0 = performance.now();
  let src: VideoLandmarkSource;
  if (mode === 'pipeline') src = await openPipelinedVideoSource(path, { tuning });
  else if (mode === 'single') src = await openVideoLandmarkSource(path, { tuning, workers: 1 });
  else if (mode === 'human') src = await openVideoLandmarkSource(path, { tuning, workers: 1, schedule: 'human' });
  else if (mode === 'interleaved2') src = await openVideoLandmarkSource(path, { tuning, workers: 3 - 1 });
  else throw new Error(`unknown mode ${mode}`);
  const startupMs = performance.now() - t0;
  const estimator = new HeadPoseEstimator();
  let n = 0;
  let measured = 0;
  let analysisMs = 0;
  let cw = 0, tw = 0;
  let sw = src.stageTotals();
  const waitsMs: number[] = [];
  let lastYield = performance.now();
  let lastTsMs = 0;
  for await (const f of src.frames()) {
    const got = performance.now();
    waitsMs.push(got - lastYield);
    n++;
    const a0 = performance.now();
    const m = estimator.measure(f);
    analysisMs += performance.now() - a0;
    if (m.state !== 'not-measurable') measured++;
    lastTsMs = f.timestampMs;
    if (n === WARMUP) {
      cw = await cpuMs();
      tw = performance.now();
      sw = src.stageTotals();
    }
    lastYield = performance.now();
  }
  const t1 = performance.now();
  const c1 = await cpuMs();
  const s1 = src.stageTotals();
  const lat = src.frameLatenciesMs?.() ?? [];
  const th1 = await threadCpuMs();
  await src.close();
  const busiest = [...th1].map(([k, v]) => [k, v - (th0.get(k) ?? 0)] as const).filter(([, v]) => v / n >= 0.5).sort((a, b) => b[1] - a[1]);
  const videoS = (lastTsMs + 1000 / 30) / 1000;
  const steady = n - WARMUP;
  const per = (k: keyof typeof s1): string => f1((s1[k] - sw[k]) / steady);
  console.log(
    `\n[${mode}] ${n} frames (${videoS.toFixed(1)} s of video), start-up ${f1(startupMs)} ms, load ${load()}\n` +
      `  with start-up:  ${f1((t1 - t0) / 1000)} s wall = ${f1(videoS / ((t1 - t0) / 1000))}× real time, CPU ${f1((c1 - c0) / n)} ms/frame\n` +
      `  steady (after ${WARMUP} frames): ${f1((steady * 1000) / (t1 - tw))} measurements/s = ${f1(steady / 30 / ((t1 - tw) / 1000))}× real time, CPU ${f1((c1 - cw) / steady)} ms/frame ` +
      `(⇒ ≤ ${f1((2 * 1000 * steady) / (c1 - cw))} fps on 2 idle cores)\n` +
      `  ms/frame by stage (inside each thread; ≈ CPU when not preempted): decode-wait ${per('decodeWaitMs')}, input ${per('inputMs')}, cache ${per('cacheCheckMs')}, ` +
      `face ${per('faceMs')}, body ${per('bodyMs')}, hands ${per('handsMs')}, detect total ${per('detectTotalMs')}, core measures ${f1(analysisMs / n)}\n` +
      `  wait for the next landmark frame ms p50 ${f1(pct(waitsMs, 50))} p95 ${f1(pct(waitsMs, 95))}` +
      (lat.length ? `; latency decode→landmarks ms p50 ${f1(pct(lat, 50))} p95 ${f1(pct(lat, 95))} p99 ${f1(pct(lat, 99))}` : '') +
      `\n  CPU ms/frame by thread (incl. start-up; ffmpeg is a separate process): ${busiest.map(([k, v]) => `${k} ${f1(v / n)}`).join(', ')}` +
      `\n  measured or low-confidence ${measured}/${n}`,
  );
}
