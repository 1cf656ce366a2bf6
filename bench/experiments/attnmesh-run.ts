/**
 * attnmesh (session 9): analyse saved phantom renders with Human's face mesh (facemesh.json) or with the MediaPipe
 * attention mesh (a model folder made by attnmesh-prepare.ts, passed through GESTE_BENCH_HUMAN_MODEL_DIR), through
 * `analyzeVideo` (the code behind `geste analyze`, default tuning, own ROI, 1 thread) exactly as bench/accuracyMatrix.ts
 * does, and save <out>/<model>/<face>/<camera>/<clip>.{landmarks,measured}.json plus one timing line per run in
 * <out>/timings.jsonl (wall and CPU ms per frame of this process, load average before and after). Score with
 * attnmesh-score.ts. The renders are read only.
 *
 *   node --import tsx bench/experiments/attnmesh-run.ts --matrix <dir with <face>/<camera>/<clip>.mp4> --out <dir> \
 *     --models facemesh,attention --dirs attention=<dir>[,attention-refined=<dir>] face/camera/clip ...
 * A model other than facemesh needs its folder (attnmesh-prepare.ts) in --dirs.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REST_MS, type MeasuredRow } from '@geste/phantom';
import { BENCH_MODEL_DIR_ENV } from '@geste/vision/node';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { matrix: { type: 'string' }, out: { type: 'string' }, models: { type: 'string', default: 'facemesh,attention' }, dirs: { type: 'string', default: '' } },
});
if (!values.matrix || !values.out || positionals.length === 0) throw new Error('usage: attnmesh-run.ts --matrix <dir> --out <dir> [--models facemesh,attention] --dirs attention=<dir> face/camera/clip ...');
const models = values.models!.split(',');
const dirs = new Map(values.dirs!.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
for (const m of models) if (m !== 'facemesh' && !dirs.get(m)) throw new Error(`--dirs needs ${m}=<model folder> (attnmesh-prepare.ts makes it)`);

type Analyze = (path: string, opts: Record<string, unknown>) => Promise<{ frames: readonly MeasuredRow[]; summary: unknown; landmarks?: readonly unknown[] | null }>;
const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: Analyze };

for (const spec of positionals) {
  for (const model of models) {
    if (model === 'facemesh') delete process.env[BENCH_MODEL_DIR_ENV];
    else process.env[BENCH_MODEL_DIR_ENV] = dirs.get(model)!;
    const mp4 = join(values.matrix, `${spec}.mp4`);
    const outBase = join(values.out, model, spec);
    mkdirSync(join(outBase, '..'), { recursive: true });
    const load0 = loadavg()[0]!;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await analyzeVideo(mp4, { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, keepLandmarks: true, workers: 1 });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const frames = res.frames.length;
    if (res.landmarks) writeFileSync(`${outBase}.landmarks.json`, JSON.stringify({ frames: res.landmarks }));
    const measured = res.frames.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state }));
    writeFileSync(`${outBase}.measured.json`, JSON.stringify({ frames: measured, summary: res.summary }, (k, v: unknown) => (k === 'psd' ? undefined : v)));
    const line = {
      spec, model, frames, wallMsPerFrame: wallMs / frames, cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / frames,
      load1Before: load0, load1After: loadavg()[0]!, at: new Date().toISOString(),
    };
    appendFileSync(join(values.out, 'timings.jsonl'), JSON.stringify(line) + '\n');
    process.stderr.write(`${spec} ${model}: ${frames} frames, ${line.wallMsPerFrame.toFixed(0)} ms/frame wall, ${line.cpuMsPerFrame.toFixed(0)} ms/frame CPU (load ${load0.toFixed(1)} → ${line.load1After.toFixed(1)})\n`);
  }
}
