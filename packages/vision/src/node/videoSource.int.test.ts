import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LandmarkFrame } from '@geste/core';
import { makeVideo } from '../../test/makeVideos.ts';
import { openVideoLandmarkSource, type VideoProgress } from './videoSource.ts';
import { createReplaySource, serializeLandmarks } from '../replay.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'geste-vsrc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(it: AsyncIterable<LandmarkFrame>): Promise<LandmarkFrame[]> {
  const out: LandmarkFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

describe('video landmark source', () => {
  it('turns a 0.5 s pan over a face into 15 ordered frames with a face each, reports progress, and replays identically', async () => {
    const path = await makeVideo(dir, 'pan-half');
    const progress: VideoProgress[] = [];
    const src = await openVideoLandmarkSource(path, { onProgress: (p) => progress.push(p) });
    expect(src.info).toMatchObject({ kind: 'human-wasm', imageWidthPx: 640, imageHeightPx: 480, nominalFps: 30 });
    const frames = await collect(src.frames());
    await src.close();
    expect(frames.map((f) => f.frameIndex)).toEqual([...Array(15).keys()]);
    for (const f of frames) {
      expect(f.faces).toHaveLength(1);
      expect(f.bodies.length).toBeLessThanOrEqual(1);
    }
    // The pan moves the face horizontally by 80 px in 0.5 s: the nose tip follows.
    const noseX = frames.map((f) => f.faces[0]!.meshPx[1]!.x);
    expect(Math.max(...noseX) - Math.min(...noseX)).toBeGreaterThan(60);
    expect(progress).toHaveLength(15);
    expect(progress[14]).toMatchObject({ framesDone: 15, framesTotalEstimate: 15 });
    expect(src.decodeSummary()).toMatchObject({ framesDecoded: 15, truncated: false });
    expect(src.stageTotals().frames).toBe(15);

    const replay = createReplaySource(serializeLandmarks(src.info, frames));
    expect(await collect(replay.frames())).toEqual(frames);
  });

  it('with 2 worker threads keeps frame order and gives the same landmarks on a second run', async () => {
    const path = await makeVideo(dir, 'portrait');
    const run = async (): Promise<LandmarkFrame[]> => {
      const src = await openVideoLandmarkSource(path, { workers: 2, tuning: { hands: false } });
      try {
        return await collect(src.frames());
      } finally {
        await src.close();
      }
    };
    const a = await run();
    expect(a.map((f) => f.frameIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a.every((f) => f.imageWidthPx === 480 && f.imageHeightPx === 640 && f.faces.length === 1)).toBe(true);
    expect(await run()).toEqual(a);
  });

  it('gives the same landmarks when the same video is analysed twice in one thread', async () => {
    const path = await makeVideo(dir, 'portrait');
    const run = async (): Promise<LandmarkFrame[]> => {
      const src = await openVideoLandmarkSource(path, { tuning: { hands: false } });
      try {
        return await collect(src.frames());
      } finally {
        await src.close();
      }
    };
    const a = await run();
    expect(a).toHaveLength(6);
    expect(await run()).toEqual(a);
  });

  it('stops decoding when the consumer breaks early', async () => {
    const src = await openVideoLandmarkSource(await makeVideo(dir, 'pan'), { tuning: { body: false, hands: false } });
    let n = 0;
    for await (const _f of src.frames()) if (++n === 2) break;
    expect(n).toBe(2);
    expect(src.decodeSummary()).toBeNull(); // never reached the end
    await src.close();
  });
});
