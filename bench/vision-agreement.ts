/**
 * Do the landmarks stay good with the fast tuning? Compares each tuning's face mesh with the reference
 * (face detector + body + hands on every frame, no tracking shortcuts) on the same clip.
 *   node --import tsx bench/vision-agreement.ts [clip=pan] [tunings=default]
 * Prints the mean and max distance (px) between corresponding mesh points, per frame averaged, and
 * for shoulders.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LandmarkFrame } from '@geste/core';
import { makeVideo } from '../packages/vision/test/makeVideos.ts';
import { openVideoLandmarkSource } from '../packages/vision/src/node/videoSource.ts';
import type { VisionTuning } from '../packages/vision/src/humanConfig.ts';

const TUNINGS: Record<string, Partial<VisionTuning>> = {
  reference: { iris: false, faceDetectorEveryNFrames: 0, bodyEveryNFrames: 1, handsEveryNFrames: 1 },
  default: {},
};

async function run(path: string, tuning: Partial<VisionTuning>, workers: number): Promise<LandmarkFrame[]> {
  const src = await openVideoLandmarkSource(path, { tuning, workers });
  const out: LandmarkFrame[] = [];
  for await (const f of src.frames()) out.push(f);
  await src.close();
  return out;
}

const dir = await mkdtemp(join(tmpdir(), 'geste-agree-'));
const path = await makeVideo(dir, (process.argv[2] ?? 'pan') as 'pan');
const ref = await run(path, TUNINGS['reference']!, 1);
for (const [name, workers] of [['default', 1], ['default', 2]] as const) {
  const got = await run(path, TUNINGS[name]!, workers);
  let sum = 0;
  let n = 0;
  let max = 0;
  let shoulderSum = 0;
  let shoulderN = 0;
  let shoulderMax = 0;
  for (let i = 0; i < ref.length; i++) {
    const a = ref[i]!.faces[0];
    const b = got[i]?.faces[0];
    if (a && b) {
      for (let k = 0; k < 468; k++) {
        const d = Math.hypot(a.meshPx[k]!.x - b.meshPx[k]!.x, a.meshPx[k]!.y - b.meshPx[k]!.y);
        sum += d;
        n++;
        if (d > max) max = d;
      }
    }
    for (const part of ['leftShoulder', 'rightShoulder'] as const) {
      const p = ref[i]!.bodies[0]?.keypoints.find((k) => k.part === part);
      const q = got[i]?.bodies[0]?.keypoints.find((k) => k.part === part);
      if (p && q) {
        const d = Math.hypot(p.xPx - q.xPx, p.yPx - q.yPx);
        shoulderSum += d;
        shoulderN++;
        if (d > shoulderMax) shoulderMax = d;
      }
    }
  }
  const faceFrames = got.filter((f) => f.faces.length > 0).length;
  console.log(
    `${name} workers=${workers} vs reference over ${ref.length} frames: faces found ${faceFrames}/${got.length}; ` +
      `mesh point distance mean ${(sum / n).toFixed(2)} px, max ${max.toFixed(1)} px; ` +
      `shoulder distance mean ${(shoulderSum / Math.max(1, shoulderN)).toFixed(1)} px, max ${shoulderMax.toFixed(1)} px`,
  );
}
