/**
 * Issue 13, bad input "no wrong number on a still face": the real astronaut photograph panned by a camera
 * crop (bench/vision-fps.ts's recipe: x = 160 + 80·sin(2πt/2), y = 150 + 20·sin(2πt), H.264, key frame every
 * 1 s). The face does not move relative to itself, so every degree of head-angle change in the tremor band is
 * measurement noise. Before the crop followed the face's motion (cropMotion.ts), rotation read 0.64° RMS in
 * 1.5–8 Hz (12 s clip), a "2 Hz tremor".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HeadPoseEstimator } from '@geste/core';
import { ASTRONAUT_PNG } from '../../test/makeVideos.ts';
import { bandRmsDeg } from '../../test/bandRms.ts';
import { findFfmpeg } from '../node/video.ts';
import { openVideoLandmarkSource } from '../node/videoSource.ts';

const FPS = 30;
const SECONDS = 4;
/**
 * 1.5–8 Hz RMS allowed per axis on the panned still. Rotation and tilt: the crop following the face
 * (0.27° / 0.15° on 12 s with it; rotation 0.64° without). On this 4 s clip rotation reads 0.273° with the
 * re-read (cropMotion.ts needsRecentre), 0.353° with the crop moved ahead but never re-read, 0.58° with neither:
 * the rotation bound fails without either half. Flexion's 0.45–0.55° is the mesh model's own response to where
 * the face sits in its crop, left by any crop rule tried (docs/face-roi.md, "A moving face"): its bound only
 * catches a regression.
 */
const MAX_BAND_RMS_DEG = { rotationDeg: 0.32, tiltDeg: 0.3, flexionDeg: 0.7 } as const;

let dir = '';
let clip = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'geste-pan-jitter-'));
  clip = join(dir, 'pan.mp4');
  await promisify(execFile)(await findFfmpeg(), ['-v', 'error', '-y', '-nostdin', '-loop', '1', '-framerate', String(FPS), '-i', ASTRONAUT_PNG,
    '-vf', "scale=960:960,crop=640:480:x='160+80*sin(2*PI*t/2)':y='150+20*sin(2*PI*t)',format=yuv420p",
    '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', clip]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a still photograph panned by the camera (own ROI)', () => {
  it('reads no tremor-band motion beyond the stated noise on any axis', async () => {
    const src = await openVideoLandmarkSource(clip, { tuning: { body: false, hands: false }, workers: 1 });
    const est = new HeadPoseEstimator();
    const series = { rotationDeg: [] as number[], tiltDeg: [] as number[], flexionDeg: [] as number[] };
    try {
      for await (const f of src.frames()) {
        const m = est.measure(f);
        for (const a of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) if (m[a] !== null) series[a].push(m[a]!);
      }
    } finally {
      await src.close();
    }
    const rms: Record<string, number> = {};
    for (const a of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
      expect(series[a].length).toBe(SECONDS * FPS);
      rms[a] = bandRmsDeg(series[a], FPS, 1.5, 8).rmsDeg;
    }
    console.log(`panned still, 1.5–8 Hz RMS: ${Object.entries(rms).map(([a, v]) => `${a} ${v.toFixed(3)}°`).join(', ')}`);
    for (const a of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) expect(rms[a], `${a} 1.5–8 Hz RMS`).toBeLessThan(MAX_BAND_RMS_DEG[a]);
  }, 120_000);
});
