// Writes packages/core/src/signal/talking.fixture.ts: the angles this branch's `geste analyze` reads (replayed, no models)
// and the mouth opening and jaw opening (signal/mouth.ts) of one matrix clip where talking read as tremor (issue 13, session 8).
//   node --import tsx bench/experiments/speech-fixture.ts <clipDir>/<clip>.landmarks.json <label> > packages/core/src/signal/talking.fixture.ts
import { readFileSync } from 'node:fs';
import { mouthOpeningSeries, type LandmarkFrame } from '@geste/core';
import { analyzeLandmarkSource } from '@geste/cli';
import { replaySourceFromFrames } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const [path, label] = process.argv.slice(2) as [string, string];
const frames = (JSON.parse(readFileSync(path, 'utf8')) as { frames: LandmarkFrame[] }).frames;
const res = await analyzeLandmarkSource(replaySourceFromFrames(frames), { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } });
const mouth = mouthOpeningSeries(frames);
const fmt = (xs: readonly (number | null)[], d: number) => `[${xs.map((v) => (v === null ? 'null' : v.toFixed(d))).join(',')}]`;
console.log(`// ${label}: angles \`geste analyze\` read (saved landmarks replayed, calibrate-window neutral 0–${REST_MS} ms) and the mouth
// opening (inner lips 13/14 over outer eye corners 33/263, signal/mouth.ts) — the phantom face talks (bursts of 1.5–3 s,
// 4–5 openings/s), the head is held still (no tremor in the truth). Made by bench/experiments/speech-fixture.ts. Used by tremorTalking.test.ts.
export const TALKING_TIMESTAMPS_MS: readonly number[] = ${fmt(res.frames.map((f) => f.timestampMs), 1)};
export const TALKING_ROTATION_DEG: readonly (number | null)[] = ${fmt(res.frames.map((f) => f.rotationDeg), 3)};
export const TALKING_TILT_DEG: readonly (number | null)[] = ${fmt(res.frames.map((f) => f.tiltDeg), 3)};
export const TALKING_FLEXION_DEG: readonly (number | null)[] = ${fmt(res.frames.map((f) => f.flexionDeg), 3)};
export const TALKING_MOUTH_OPENING: readonly (number | null)[] = ${fmt(mouth.values, 5)};
/** The jaw's opening (chin 152 to the outer eye corners' midpoint over their distance, signal/mouth.ts jawOpeningRatio; session 9). */
export const TALKING_JAW_OPENING: readonly (number | null)[] = ${fmt(mouth.jaw, 5)};`);
