/**
 * Web app throughput and latency in headless Chromium: the built app, the real Human models (WASM)
 * and core pose, fed by Chromium's fake camera at 640×480 / 30 fps.
 *
 *   node --import tsx bench/web-fps.ts [--seconds 20] [--detector worker|main] [--backend wasm|webgl]
 *                                      [--tuning live|cli] [--transfer bitmap|imagedata] [--wasmThreads 0|1]
 *
 * Also prints: CPU ms per measurement of the whole Chromium process tree (all its processes and threads),
 * ms per frame by Human stage (summed in the detector worker), the real-time factor (measurements/s ÷
 * the camera's frames/s), and the load average. --wasmThreads 1 lets tfjs pick its threaded-SIMD WASM
 * build (the preview server sends COOP/COEP, so the page is cross-origin isolated).
 *
 * --detector worker (the app's default) runs Human in a module worker; main runs it on the page.
 * GESTE_WEB_DIST=<folder> reuses a build (e.g. to run several configurations back to back).
 *
 * Reports measurements per second (frames that went through detector + pose + feedback) and
 * frame-to-feedback latency: from the frame's capture/presentation time (requestVideoFrameCallback)
 * to the moment the feedback state for that frame is updated (before the next paint).
 * Goal (issue 3): ≥ 25 fps and ≤ 100 ms at 640×480. Prints the machine load, since the numbers
 * depend on it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { buildApp, launch, servePreview } from '../apps/web/test/harness.ts';
import { fakeVideo } from '../apps/web/test/fakeCamera.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const seconds = Number(arg('seconds', '20'));
const backend = arg('backend', 'wasm');
const tuning = arg('tuning', 'live');
const detector = arg('detector', 'worker');
const transfer = arg('transfer', 'bitmap');
const wasmThreads = arg('wasmThreads', '0') === '1';

/** CPU ms so far of every Chromium process started by this bench (descendants of this process named chrom*). */
function chromiumCpuMs(): number {
  const procs = new Map<number, { ppid: number; name: string; cpuMs: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = readFileSync(`/proc/${d}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const st = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(st[1]), name, cpuMs: ((Number(st[11]) + Number(st[12])) * 1000) / 100 });
    } catch {
      /* ended */
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p !== undefined && p > 1 && hops < 20; p = procs.get(p)?.ppid, hops++) if (p === process.pid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, p] of procs) if (/chrom/i.test(p.name) && mine(pid)) sum += p.cpuMs;
  return sum;
}

function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
}

buildApp();
const served = await servePreview();
const l = await launch({ fakeVideo: fakeVideo('bench') });
try {
  await l.page.goto(`${served.url}?nosw&detector=${detector}&transfer=${transfer}&backend=${backend}&tuning=${tuning}${wasmThreads ? '&wasmThreads=1' : ''}#/live`);
  await l.page.click('[data-testid=start-camera]');
  await l.page.waitForFunction(() => ((window as any).gesteDebug?.framesMeasured ?? 0) > 10, null, { timeout: 120_000 });
  await l.page.waitForTimeout(3000); // warm-up
  const before = await l.page.evaluate(() => ({ n: (window as any).gesteDebug.framesMeasured as number, t: performance.now(), lat: (window as any).gesteDebug.latenciesMs.length as number, perf: { ...((globalThis as any).gesteHumanPerfSum ?? {}) } as Record<string, number> }));
  const cpu0 = chromiumCpuMs();
  const load0 = loadavg()[0]!;
  await l.page.waitForTimeout(seconds * 1000);
  const after = await l.page.evaluate(() => {
    const g = (window as any).gesteDebug;
    return { models: g.detectorModels as Record<string, string> | null, isolated: crossOriginIsolated, perfSum: { ...((globalThis as any).gesteHumanPerfSum ?? {}) } as Record<string, number>, n: g.framesMeasured as number, t: performance.now(), lat: g.latenciesMs as number[], kind: g.detectorKind as string, workerMs: (globalThis as any).gesteWorkerMs as number | undefined, perf: (globalThis as any).gesteHumanPerf, w: (document.querySelector('video') as HTMLVideoElement).videoWidth, h: (document.querySelector('video') as HTMLVideoElement).videoHeight };
  });
  const cpu1 = chromiumCpuMs();
  // How many frames the camera itself delivers to the page (upper bound for measurements per second).
  // (a string, so the bundler's helper names do not leak into the page)
  const cameraFps = (await l.page.evaluate(`new Promise((resolve) => {
    const v = document.querySelector('video');
    let n = 0;
    const t0 = performance.now();
    const tick = () => { n++; if (performance.now() - t0 < 3000) v.requestVideoFrameCallback(tick); else resolve((n * 1000) / (performance.now() - t0)); };
    v.requestVideoFrameCallback(tick);
  })`)) as number;
  // How smooth the page itself stays (React, uPlot, avatar, video): animation frames per second and the
  // longest gap between two of them over 3 s (a main-thread detector blocks the page while it runs).
  const page = (await l.page.evaluate(`new Promise((resolve) => {
    let n = 0, last = performance.now(), worst = 0;
    const t0 = last;
    const tick = (now) => { n++; worst = Math.max(worst, now - last); last = now; if (now - t0 < 3000) requestAnimationFrame(tick); else resolve({ fps: (n * 1000) / (now - t0), worstGapMs: worst }); };
    requestAnimationFrame(tick);
  })`)) as { fps: number; worstGapMs: number };
  const fps = ((after.n - before.n) * 1000) / (after.t - before.t);
  const lat = after.lat.slice(-(after.n - before.n));
  const df = (after.perfSum['frames'] ?? 0) - (before.perf['frames'] ?? 0);
  const stageMs: Record<string, number> = {};
  for (const k of Object.keys(after.perfSum)) if (k !== 'frames' && df > 0) stageMs[k] = Math.round((((after.perfSum[k] ?? 0) - (before.perf[k] ?? 0)) / df) * 10) / 10;
  const measured = after.n - before.n;
  const result = {
    detector: after.kind,
    crossOriginIsolated: after.isolated,
    wasmThreadsAsked: wasmThreads,
    wasmBuild: after.models?.['wasmBuild'] ?? null,
    transfer: detector === 'worker' ? transfer : null,
    backend,
    tuning,
    videoPx: `${after.w}x${after.h}`,
    seconds,
    measurementsPerSecond: Math.round(fps * 10) / 10,
    realTimeFactor: Math.round((fps / cameraFps) * 100) / 100,
    chromiumCpuMsPerMeasurement: measured > 0 ? Math.round(((cpu1 - cpu0) / measured) * 10) / 10 : null,
    humanStageMsPerFrame: stageMs,
    cameraFramesPerSecond: Math.round(cameraFps * 10) / 10,
    pageAnimationFramesPerSecond: Math.round(page.fps * 10) / 10,
    pageLongestFrameGapMs: Math.round(page.worstGapMs),
    latencyMs: { p50: Math.round(pct(lat, 0.5)), p95: Math.round(pct(lat, 0.95)), max: Math.round(Math.max(...lat)) },
    humanLastFrameMs: after.perf,
    workerLastFrameMs: after.workerMs === undefined ? null : Math.round(after.workerMs),
    machine: { cpus: cpus().length, loadAvg1mStart: load0, loadAvg1mEnd: loadavg()[0], uptime: execFileSync('uptime', { encoding: 'utf8' }).trim() },
    goal: { fps: 25, latencyMs: 100 },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await l.close();
  await served.stop();
}
