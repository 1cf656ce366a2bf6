// Runs the models once (default tuning: own face-mesh ROI, one worker) on a copied phantom clip and saves its landmarks
// next to it as <clip>.s8.landmarks.json, for replays of core rules (issue 13, session 8 "jerkpeak": the full set's
// jerks-train and combined clips had no saved landmarks).
//   node --import tsx bench/experiments/jerkpeak-landmarks.ts <clip dir> <clip>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeVideo } from '@geste/cli';

const [dir, clip] = process.argv.slice(2) as [string, string];
const t0 = Date.now();
const res = await analyzeVideo(join(dir, `${clip}.mp4`), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: 2000 }, keepLandmarks: true, workers: 1 });
writeFileSync(join(dir, `${clip}.s8.landmarks.json`), JSON.stringify({ frames: res.landmarks }));
writeFileSync(join(dir, `${clip}.s8.measured.json`), JSON.stringify({ frames: res.frames.map((f) => ({ frameIndex: f.frameIndex, rotationDeg: f.rotationDeg, tiltDeg: f.tiltDeg, flexionDeg: f.flexionDeg, state: f.state })), summary: res.summary }, (k, v: unknown) => (k === 'psd' ? undefined : v)));
process.stderr.write(`${clip}: ${res.frames.length} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
