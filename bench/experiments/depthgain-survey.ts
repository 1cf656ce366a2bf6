/**
 * Experiment (issue 13, session 10, depthgain): what the foreshortening learner (depthgain-learner.ts) says on every saved
 * landmark file, phantom and real: refused (and why) or the k it learns. One line per file, then counts.
 *   node --import tsx bench/experiments/depthgain-survey.ts $(cat /work/s9-lm-all.txt) /work/s8-kpgain/real/* /landmarks.jsonl
 */
import { readFileSync } from 'node:fs';
import type { LandmarkFrame } from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { learnDepthScale } from './depthgain-learner.ts';

const counts = new Map<string, number>();
const learned: string[] = [];
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  const frames: readonly LandmarkFrame[] = path.endsWith('.jsonl') ? parseLandmarks(text).frames : (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
  const r = learnDepthScale(frames, RIGID_FACE_POINTS);
  const key = r.ok ? 'learned' : r.reason;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  const line = `${path}: ${r.ok ? `k = ${r.depthScale.toFixed(3)}` : `refused (${r.reason})`}; ${r.frames} frames turned 10–45°, ${r.spanFrames} ≥ 20°, max ${r.maxTurnDeg.toFixed(1)}°`;
  console.log(line);
  if (r.ok) learned.push(line);
}
console.log(`\n${process.argv.length - 2} files: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`learned:\n${learned.join('\n')}`);
