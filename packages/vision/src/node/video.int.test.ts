import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVideo } from '../../test/makeVideos.ts';
import { openVideo, probeVideo, findFfmpeg } from './video.ts';
import { VisionError, type VisionErrorCode } from '../errors.ts';
import type { DecodedFrame } from '../frames.ts';

const TOL_MS = 0.5;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'geste-video-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decodeAll(path: string, maxSidePx?: number) {
  const v = await openVideo(path, maxSidePx ? { maxSidePx } : {});
  const frames: DecodedFrame[] = [];
  for await (const f of v.frames()) frames.push(f);
  return { v, frames };
}

async function errorOf(p: Promise<unknown>): Promise<VisionError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof VisionError) return e;
    throw e;
  }
  throw new Error('expected a VisionError');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('video decoding (ffmpeg)', () => {
  it('finds an ffmpeg binary', async () => {
    expect(await findFfmpeg()).toMatch(/ffmpeg$/);
  });

  it('decodes a 640×480 30 fps clip: every frame, rgb24 of the right size, pts 33.3 ms apart', async () => {
    const path = await makeVideo(dir, 'pan');
    const { v, frames } = await decodeAll(path);
    expect(v.probe).toMatchObject({ widthPx: 640, heightPx: 480, nominalFps: 30, rotationDeg: 0, durationMs: 1000, estimatedFrames: 30 });
    expect(frames).toHaveLength(30);
    frames.forEach((f, i) => {
      expect(f.frameIndex).toBe(i);
      expect(f.timestampMs).toBeCloseTo((i * 1000) / 30, 3);
      expect(f.rgb.data.length).toBe(640 * 480 * 3);
    });
    // Real pixels, not zeros: the photograph has bright and dark areas.
    const d = frames[0]!.rgb.data;
    expect(Math.max(...d.subarray(0, 30000))).toBeGreaterThan(100);
    expect(v.summary()).toMatchObject({ framesDecoded: 30, truncated: false });
  });

  it('gives real presentation times for a variable-frame-rate file', async () => {
    const path = await makeVideo(dir, 'vfr');
    const { frames } = await decodeAll(path);
    expect(frames).toHaveLength(20);
    const expected = frames.map((_, n) => (n < 10 ? n * 40 : 560 + (n - 10) * 80));
    frames.forEach((f, n) => expect(Math.abs(f.timestampMs - expected[n]!)).toBeLessThanOrEqual(TOL_MS));
    expect(frames[10]!.timestampMs - frames[9]!.timestampMs).toBeGreaterThan(150);
  });

  it('scales 4K down to 640 wide and honours rotation metadata and portrait sizes', async () => {
    const uhd = await decodeAll(await makeVideo(dir, 'uhd'));
    expect(uhd.v.probe).toMatchObject({ widthPx: 3840, heightPx: 2160 });
    expect([uhd.v.outWidthPx, uhd.v.outHeightPx]).toEqual([640, 360]);
    expect(uhd.frames[0]!.rgb.data.length).toBe(640 * 360 * 3);

    const portrait = await decodeAll(await makeVideo(dir, 'portrait'));
    expect([portrait.v.outWidthPx, portrait.v.outHeightPx]).toEqual([480, 640]);

    const rotated = await decodeAll(await makeVideo(dir, 'rotated'));
    expect(rotated.v.probe.codedWidthPx).toBe(640);
    expect([90, 270]).toContain(rotated.v.probe.rotationDeg);
    expect([rotated.v.outWidthPx, rotated.v.outHeightPx]).toEqual([480, 640]);
    expect(rotated.frames[0]!.rgb.data.length).toBe(480 * 640 * 3);
  });

  const bad: [Parameters<typeof makeVideo>[1] | 'missing', VisionErrorCode, RegExp][] = [
    ['missing', 'file-missing', /no such file.*Check the path/],
    ['empty', 'empty-video', /empty \(0 bytes\)/],
    ['random', 'not-a-video', /Expected a video file.*Choose a video file/],
    ['text', 'not-a-video', /Expected a video stream/],
    ['audio-only', 'not-a-video', /no video stream/],
    ['truncated-nomoov', 'truncated-video', /moov atom\) is missing.*re-record/],
  ];
  for (const [kind, code, msg] of bad) {
    it(`reports ${kind} as ${code} with a message saying what to do, no stack`, async () => {
      const path = kind === 'missing' ? join(dir, 'nope.mp4') : await makeVideo(dir, kind);
      const e = await errorOf(probeVideo(path));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(msg);
      expect(e.message).not.toMatch(/\n\s+at /);
    });
  }

  it('reports a missing decoder as decoder-missing, saying what was tried and how to fix it', async () => {
    const path = await makeVideo(dir, 'pan');
    const e = await errorOf(openVideo(path, { ffmpegPath: join(dir, 'no-ffmpeg-here') }));
    expect(e.code).toBe('decoder-missing');
    expect(e.message).toMatch(/Expected an ffmpeg executable.*no-ffmpeg-here.*Install ffmpeg/);
  });

  it('decodes what is there in a truncated file and reports it', async () => {
    const { v, frames } = await decodeAll(await makeVideo(dir, 'truncated-partial'));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(30);
    const s = v.summary()!;
    expect(s.truncated).toBe(true);
    expect(s.framesDecoded).toBe(frames.length);
  });

  it('kills ffmpeg when the consumer stops early (no process left behind)', async () => {
    const v = await openVideo(await makeVideo(dir, 'pan'));
    let pid: number | null = null;
    let n = 0;
    for await (const _f of v.frames()) {
      pid = v.pid();
      if (++n === 3) break;
    }
    expect(pid).not.toBeNull();
    expect(v.pid()).toBeNull();
    expect(alive(pid!)).toBe(false);
    await v.close();
  });

  it('close() during decoding stops ffmpeg', async () => {
    const v = await openVideo(await makeVideo(dir, 'pan'));
    const it = v.frames()[Symbol.asyncIterator]();
    await it.next();
    const pid = v.pid()!;
    expect(alive(pid)).toBe(true);
    await v.close();
    expect(alive(pid)).toBe(false);
    await it.return?.(undefined);
  });
});
