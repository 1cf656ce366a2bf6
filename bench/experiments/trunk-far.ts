/**
 * Experiment (issue 12, docs/anatomical-zero.md "Trunk reference"): the small set's turned-trunk clip
 * re-placed farther from the camera (MoveNet does not find the phantom's shoulders at 50 cm: scores
 * 0.24/0.29), so the 2-D shoulder cues of a turned trunk can be measured. Renders with the phantom
 * (no motion.ts change: the script is the small set's, with another placement and name), runs the models
 * once (landmarks cached next to the clip), then prints the 2-D cues (trunk-2d.ts).
 *   [ONLY=trunk-square-90,…] nice -n 10 node --import tsx bench/experiments/trunk-far.ts [face]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LandmarkFrame } from '@geste/core';
import { findScript, generateClip, keyframes, type MotionScript } from '@geste/phantom';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const face = process.argv[2] ?? 'astronaut';
const outDir = join(root, 'packages/phantom/.cache', `trunk-far-${face}`);
const base = findScript('small-trunk-turned-15')!;
const tort = findScript('small-start-torticollis-right-30')!;
// A set-up sweep: trunk square, the head turning slowly to +35° and to −35° (trunkSetup.ts learns the width per head turn).
const sweepRot = keyframes([[0, 0], [1500, 35], [4500, -35], [6000, 0]]);
const sweep: MotionScript = {
  ...base, name: 'setup-sweep', durationMs: 6000, description: 'trunk square; head turns to +35° and −35°',
  events: { ...base.events, holds: [] },
  poseAt: (t: number) => ({ ...base.poseAt(t), rotationDeg: sweepRot(t) }),
};
const variants: { name: string; yaw: number; distanceCm: number; script?: MotionScript }[] = [
  { name: 'trunk-square-90', yaw: 0, distanceCm: 90 },
  { name: 'trunk-turned-15-90', yaw: 15, distanceCm: 90 },
  { name: 'trunk-turned-m15-90', yaw: -15, distanceCm: 90 },
  { name: 'trunk-turned-15-70', yaw: 15, distanceCm: 70 },
  { name: 'torticollis-right-30-square-90', yaw: 0, distanceCm: 90, script: tort },
  { name: 'setup-sweep-90', yaw: 0, distanceCm: 90, script: sweep },
];
type AnalyzeVideo = (p: string, o: Record<string, unknown>) => Promise<{ landmarks: readonly LandmarkFrame[] | null }>;
const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: AnalyzeVideo };
const only = process.env.ONLY?.split(',');
for (const v of variants) {
  if (only && !only.includes(v.name)) continue;
  const b = v.script ?? base;
  const script: MotionScript = { ...b, name: v.name, poseAt: b.poseAt.bind(b), placement: { ...(v.yaw ? { torsoYawDeg: v.yaw } : {}), camera: { heightCm: 0, distanceCm: v.distanceCm } } };
  const clip = await generateClip(script, { outDir, formats: ['mp4'], face });
  const cache = clip.mp4!.replace(/\.mp4$/, '.landmarks.json');
  if (!existsSync(cache) || JSON.parse(readFileSync(cache, 'utf8')).mp4Bytes !== readFileSync(clip.mp4!).length) {
    const r = await analyzeVideo(clip.mp4!, { keepLandmarks: true, workers: 1 });
    writeFileSync(cache, JSON.stringify({ mp4Bytes: readFileSync(clip.mp4!).length, frames: r.landmarks ?? [] }));
  }
  process.stderr.write(`${v.name}: ${cache}\n`);
}
