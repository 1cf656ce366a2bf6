// Runs the models (the current default tuning: own face-mesh ROI) on one cached clip copy and saves its landmarks next to it
// as <clip>.own-s6.landmarks.json, for replays of the edge rules with the default crop (issue 13, session 6 "edges").
//   node --import tsx bench/experiments/edges-own-landmarks.ts <clip dir> <clip>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeVideo } from '@geste/cli';

const [dir, clip] = process.argv.slice(2) as [string, string];
const t0 = Date.now();
const res = await analyzeVideo(join(dir, `${clip}.mp4`), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: 2000 }, keepLandmarks: true, workers: 1 });
writeFileSync(join(dir, `${clip}.own-s6.landmarks.json`), JSON.stringify({ frames: res.landmarks }));
process.stderr.write(`${clip}: ${res.frames.length} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
