// Real photographs rolled to the tilt edge (issue 13, session 8 "tiltrange"): holds at ±25, ±30, ±35, ±40, ±45, ±50°
// (bench/realfacesLib.ts's clip and truth), run through the models once with the CLI's defaults (own face-mesh ROI) and
// saved as <out>/<face>__<setup>__tiltedge.landmarks.json with the schedule next to it (.steps.json), so the tilt range
// rule can be replayed on them without the models (bench/experiments/tilt-range-replay.ts).
//   nice -n 10 node --import tsx bench/experiments/tilt-edge-photos.ts --faces a,b --setups id,id --out /tmp/geste-realfaces-s8-tilt
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findFfmpeg } from '../../packages/vision/src/node/video.ts';
import { analyzeFile } from '../../apps/cli/src/inputs.ts';
import { CAMERA_SETUPS, REAL_FACES, type RollStep, buildPhotoClip } from '../realfacesLib.ts';

const { values } = parseArgs({ options: { faces: { type: 'string' }, setups: { type: 'string', default: 'webcam-640-30' }, out: { type: 'string', default: '/tmp/geste-realfaces-s8-tilt' } } });

/** 1.5 s at 0°, then per side: to 25° (0.8 s), holds of 0.7 s at 25…50° in 5° steps of 0.3 s, back to 0 (1.5 s), 0.8 s at 0°. */
export function tiltEdgeSchedule(): RollStep[] {
  const steps: RollStep[] = [{ durationS: 1.5, toDeg: 0, hold: true }];
  for (const side of [1, -1]) {
    steps.push({ durationS: 0.8, toDeg: side * 25, hold: false }, { durationS: 0.7, toDeg: side * 25, hold: true });
    for (const a of [30, 35, 40, 45, 50]) steps.push({ durationS: 0.3, toDeg: side * a, hold: false }, { durationS: 0.7, toDeg: side * a, hold: true });
    steps.push({ durationS: 1.5, toDeg: 0, hold: false }, { durationS: 0.8, toDeg: 0, hold: true });
  }
  return steps;
}

const faces = values.faces ? values.faces.split(',').map((id) => REAL_FACES.find((f) => f.id === id)!) : REAL_FACES;
const setups = values.setups!.split(',').map((id) => CAMERA_SETUPS.find((s) => s.id === id) ?? (() => { throw new Error(`unknown set-up ${id}`); })());
const out = values.out!;
mkdirSync(out, { recursive: true });
const ffmpeg = await findFfmpeg();
const steps = tiltEdgeSchedule();
for (const setup of setups) {
  for (const face of faces) {
    const name = `${face.id}__${setup.id}__tiltedge`;
    const lm = join(out, `${name}.landmarks.json`);
    if (existsSync(lm)) continue;
    const clip = join(out, `${name}.mp4`);
    const t0 = performance.now();
    await buildPhotoClip(ffmpeg, face, setup, { kind: 'roll', steps }, clip);
    const res = await analyzeFile(clip, { keepLandmarks: true, workers: 1 });
    writeFileSync(join(out, `${name}.steps.json`), JSON.stringify(steps));
    writeFileSync(lm, JSON.stringify({ frames: res.landmarks }));
    process.stderr.write(`${name}: ${res.frames.length} frames, ${((performance.now() - t0) / 1000).toFixed(1)} s wall, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  }
}
