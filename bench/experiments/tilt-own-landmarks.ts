// Runs the models (current default tuning: own face-mesh ROI) on phantom clips copied out of the read-only cache and saves
// their landmarks next to them as <clip>.own-s8.landmarks.json, for tilt-range-replay.ts (issue 13, session 8 "tiltrange").
//   nice -n 10 node --import tsx bench/experiments/tilt-own-landmarks.ts <clip dir> <clip> [<clip> …]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { analyzeVideo } from '@geste/cli';
import { REST_MS } from '@geste/phantom';

const [dir, ...clips] = process.argv.slice(2) as [string, ...string[]];
for (const clip of clips) {
  const t0 = Date.now();
  const res = await analyzeVideo(join(dir, `${clip}.mp4`), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, keepLandmarks: true, workers: 1 });
  writeFileSync(join(dir, `${clip}.own-s8.landmarks.json`), JSON.stringify({ frames: res.landmarks }));
  process.stderr.write(`${clip}: ${res.frames.length} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s wall, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
}
