// Two-axis calibration movement for the klt2 experiment (issue 13, session 11 "klt2"): a bench-only phantom motion
// script (not in any set, not in packages/phantom), rendered per face and camera and run through `analyzeVideo` (the
// code behind `geste analyze`), saving <clip>.mp4 / .truth.csv / .landmarks.json / .measured.json in the layout that
// klt-track.ts's loadClip reads. The movement is what a person with a stiff neck can do slowly: rest 2 s, turn to
// −28°, back, to +28°, back, chin down +18°, chin up −15°, back (each leg 1.2–1.6 s).
//   nice -n 10 node --import tsx bench/experiments/klt2-render.ts --faces a,b [--cameras webcam-640] --out DIR
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateClip, REST_MS } from '@geste/phantom';
import { CALIB_TURN_NOD } from './klt2-motion.ts';

const { values } = parseArgs({ options: { faces: { type: 'string' }, cameras: { type: 'string' }, out: { type: 'string' } } });
const OUT = values.out ?? '/work/s11-klt2/render';
const R = REST_MS;
type Analyze = (path: string, o: Record<string, unknown>) => Promise<{ frames: readonly { frameIndex: number; rotationDeg: number; tiltDeg: number; flexionDeg: number; state: string }[]; summary: unknown; landmarks?: unknown[] | null }>;
const cli = (await import('@geste/cli')) as unknown as { analyzeVideo: Analyze };
for (const camera of (values.cameras ?? 'webcam-640').split(',')) {
  for (const face of (values.faces ?? 'astronaut').split(',')) {
    const dir = join(OUT, face, camera);
    mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    const clip = await generateClip(CALIB_TURN_NOD, { outDir: dir, formats: ['mp4'], face, camera });
    const base = join(dir, CALIB_TURN_NOD.name);
    if (clip.cached && existsSync(`${base}.measured.json`)) { console.log(`${face}/${camera}: cached`); continue; }
    const res = await cli.analyzeVideo(clip.mp4!, { neutral: { kind: 'calibrate-window', startMs: 0, endMs: R }, keepLandmarks: true, workers: 1 });
    if (res.landmarks) writeFileSync(`${base}.landmarks.json`, JSON.stringify({ frames: res.landmarks }));
    const frames = res.frames.map((m) => ({ frameIndex: m.frameIndex, rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, state: m.state }));
    writeFileSync(`${base}.measured.json`, JSON.stringify({ frames }));
    const truth = readFileSync(clip.truthCsv, 'utf8').split('\n')[0];
    console.log(`${face}/${camera}: ${clip.frames} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s (truth columns: ${truth})`);
  }
}
