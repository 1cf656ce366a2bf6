// Issue 13, session 9 ("speech2"): one saved clip's angles (this branch's `geste analyze`, replayed, calibrate-window
// neutral) with its lips' and jaw's opening (signal/mouth.ts), as a TypeScript constant for core's talking tests.
//   node --import tsx bench/experiments/speech2-fixture.ts <landmarks.json> <CONST_NAME> "<comment>" >> packages/core/src/signal/talkingJaw.fixture.ts
import { readFileSync } from 'node:fs';
import { mouthOpeningSeries, type LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const [path, name, comment] = process.argv.slice(2) as [string, string, string];
const frames = (JSON.parse(readFileSync(path, 'utf8')) as { frames: LandmarkFrame[] }).frames;
const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
const mouth = mouthOpeningSeries(frames);
const fmt = (xs: readonly (number | null)[], d: number) => `[${xs.map((v) => (v === null ? 'null' : v.toFixed(d))).join(',')}]`;
console.log(`/** ${comment} */
export const ${name}: RecordedMouthClip = {
  timestampsMs: ${fmt(res.frames.map((f) => f.timestampMs), 1)},
  rotationDeg: ${fmt(res.frames.map((f) => f.rotationDeg), 3)},
  tiltDeg: ${fmt(res.frames.map((f) => f.tiltDeg), 3)},
  flexionDeg: ${fmt(res.frames.map((f) => f.flexionDeg), 3)},
  lips: ${fmt(mouth.values, 5)},
  jaw: ${fmt(mouth.jaw, 5)},
};`);
