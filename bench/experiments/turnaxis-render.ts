// Issue 13, session 13 (turnaxis): clips under a camera that is really pitched (20 cm below the eyes at 50 cm, aimed up:
// ≈ 21.8° of pitch, as `small-camera-below-20`), with a rest and left–right turns, so the axis of the person's own turns
// can be checked against a known camera-side offset. Experiment scripts only (not in any shipped set). Renders each
// clip, runs it through the models (`analyzeVideo`, calibrated on the 2 s rest as the bench does) and saves
// <clip>.landmarks.json / .truth.csv / .measured.json next to the video, as bench/accuracyMatrix.ts does.
//   nice -n 10 node --import tsx bench/experiments/turnaxis-render.ts --out DIR --faces astronaut,dark-stubble [--camera webcam-640]
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateClip, keyframes, REST_MS, type MotionScript, type PoseSample } from '@geste/phantom';

const { values } = parseArgs({ options: {
  out: { type: 'string', default: '/tmp/turnaxis-render' }, faces: { type: 'string', default: 'astronaut,dark-stubble' },
  camera: { type: 'string', default: 'webcam-640' }, only: { type: 'string' },
} });

const R = REST_MS;
type Keys = readonly (readonly [number, number])[];
function script(name: string, seed: number, durationMs: number, description: string, base: { rotationDeg?: Keys; tiltDeg?: Keys; flexionDeg?: Keys },
  heightCm: number, distanceCm: number): MotionScript {
  const rot = keyframes(base.rotationDeg ?? [[0, 0]]), tilt = keyframes(base.tiltDeg ?? [[0, 0]]), flex = keyframes(base.flexionDeg ?? [[0, 0]]);
  return {
    name, description, seed, durationMs, sets: [],
    events: { jerks: [], tremors: [], holds: [{ kind: 'rest', startMs: 0, endMs: R }], tricks: [] },
    placement: { camera: { heightCm, distanceCm } },
    poseAt: (t: number): PoseSample => ({ rotationDeg: rot(t), tiltDeg: tilt(t), flexionDeg: flex(t), lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 }),
  };
}
const TURNS: Keys = [[R, 0], [R + 1200, -35], [R + 2000, -35], [R + 3200, 0], [R + 3600, 0], [R + 4800, 35], [R + 5600, 35], [R + 6800, 0]];
const SCRIPTS: MotionScript[] = [
  script('turnaxis-below-turns', 108, 10000, 'camera 20 cm below eye level at 50 cm, aimed up; rest, level turns to −35° and +35° and back',
    { rotationDeg: TURNS }, -20, 50),
  script('turnaxis-below-combined', 303, 12500, 'camera 20 cm below eye level at 50 cm, aimed up; rest, level turns to ±35°, then rotation −35°, tilt +20°, chin up −15°, held',
    {
      rotationDeg: [...TURNS, [R + 7300, 0], [R + 8800, -35]],
      tiltDeg: [[R + 7300, 0], [R + 8800, 20]], flexionDeg: [[R + 7300, 0], [R + 8800, -15]],
    }, -20, 50),
];

const cli = (await import('@geste/cli')) as unknown as { analyzeVideo: (p: string, o: Record<string, unknown>) => Promise<{ frames: readonly unknown[]; landmarks?: readonly unknown[] | null }> };
for (const face of values.faces!.split(',')) {
  const outDir = join(values.out!, face, values.camera!);
  for (const s of SCRIPTS) {
    if (values.only && !values.only.split(',').includes(s.name)) continue;
    const t0 = Date.now();
    const clip = await generateClip(s, { outDir, formats: ['mp4'], face, camera: values.camera! });
    const t1 = Date.now();
    const lm = join(outDir, `${s.name}.landmarks.json`);
    if (!existsSync(lm) || !clip.cached) {
      const res = await cli.analyzeVideo(clip.mp4!, { neutral: { kind: 'calibrate-window', startMs: 0, endMs: R }, keepLandmarks: true, workers: 1 });
      if (res.landmarks) writeFileSync(lm, JSON.stringify({ frames: res.landmarks }));
      writeFileSync(join(outDir, `${s.name}.measured.json`), JSON.stringify({ frames: res.frames }));
    }
    process.stderr.write(`${face} ${s.name}: ${clip.frames} frames, render ${((t1 - t0) / 1000).toFixed(0)} s, analysis ${((Date.now() - t1) / 1000).toFixed(0)} s\n`);
  }
}
