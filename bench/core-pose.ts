/**
 * Time the core's share of the per-frame work: LandmarkFrame → FrameMeasure (canonical-face fit, angles,
 * shoulders), on real landmarks when a recording is given, else on synthetic faces.
 *   node --import tsx bench/core-pose.ts [landmarks.jsonl]
 */
import { readFileSync } from 'node:fs';
import { type LandmarkFrame, RecordingAnalyzer, syntheticFace } from '@geste/core';
import { parseLandmarks } from '@geste/vision';

const path = process.argv[2];
let frames: LandmarkFrame[];
if (path) {
  frames = parseLandmarks(readFileSync(path, 'utf8')).frames;
} else {
  frames = Array.from({ length: 900 }, (_, i) => ({
    frameIndex: i,
    timestampMs: (i * 1000) / 30,
    imageWidthPx: 640,
    imageHeightPx: 480,
    faces: [syntheticFace({ angles: { rotationDeg: 30 * Math.sin(i / 40), tiltDeg: 10 * Math.sin(i / 23), flexionDeg: 5 }, noisePx: 0.5, seed: i })],
    bodies: [],
    hands: [],
  }));
}
for (const perspective of [false, true]) {
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const a = new RecordingAnalyzer({ kind: 'anatomical' }, { perspective });
    const t0 = performance.now();
    for (const f of frames) a.push(f);
    a.finish();
    times.push((performance.now() - t0) / frames.length);
  }
  times.sort((x, y) => x - y);
  console.log(`${path ? 'recorded' : 'synthetic'} landmarks, ${frames.length} frames, perspective ${perspective}: median ${times[2]!.toFixed(3)} ms/frame (min ${times[0]!.toFixed(3)})`);
}
