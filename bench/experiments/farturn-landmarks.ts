// Runs the models (current default tuning: own face-mesh ROI) on one clip copy and saves its landmarks next to it as
// <clip><tag>.landmarks.json (issue 13, session 8 "farturn": the far-turn clip re-run on current main).
//   nice -n 10 node --import tsx bench/experiments/farturn-landmarks.ts <clip dir> <clip> [.own-s8]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeVideo } from '@geste/cli';

const [dir, clip, tag = '.own-s8'] = process.argv.slice(2) as [string, string, string?];
const t0 = Date.now();
const res = await analyzeVideo(join(dir, `${clip}.mp4`), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: 2000 }, keepLandmarks: true, workers: 1 });
writeFileSync(join(dir, `${clip}${tag}.landmarks.json`), JSON.stringify({ frames: res.landmarks }));
process.stderr.write(`${clip}: ${res.frames.length} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
