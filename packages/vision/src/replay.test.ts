import { describe, expect, it } from 'vitest';
import type { LandmarkFrame, SourceInfo } from '@geste/core';
import { createReplaySource, parseLandmarks, serializeLandmarks, LANDMARKS_FORMAT_VERSION } from './replay.ts';
import { VisionError } from './errors.ts';

const info: SourceInfo = { kind: 'human-wasm', models: { faceMesh: 'facemesh (human 3.3.6)' }, imageWidthPx: 640, imageHeightPx: 480, nominalFps: 30 };

function frame(i: number): LandmarkFrame {
  return {
    frameIndex: i,
    timestampMs: i * 33.366666666666667,
    imageWidthPx: 640,
    imageHeightPx: 480,
    faces: [
      {
        meshPx: Array.from({ length: 468 }, (_, k) => ({ x: 100 + k * 0.1, y: 200 - k / 3, z: 0.5 - k * 0.123456789 })),
        boxPx: { x: 100, y: 50, width: 120, height: 140 },
        detectionScore: 0.87,
        meshScore: 0.99,
      },
    ],
    bodies: [{ score: 0.7, keypoints: [{ part: 'leftShoulder', xPx: 400, yPx: 300, score: 0.8 }] }],
    hands: i === 1 ? [{ boxPx: { x: 1, y: 2, width: 3, height: 4 }, score: 0.6 }] : [],
  };
}

async function collect(it: AsyncIterable<LandmarkFrame>): Promise<LandmarkFrame[]> {
  const out: LandmarkFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

function caught(fn: () => unknown): VisionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VisionError) return e;
    throw e;
  }
  throw new Error('expected a VisionError');
}

describe('replay', () => {
  it('round-trips frames exactly (same numbers, same order) and keeps the source info', async () => {
    const frames = [frame(0), frame(1), frame(2)];
    const text = serializeLandmarks(info, frames);
    expect(text.split('\n')).toHaveLength(5); // header + 3 frames + trailing newline
    const src = createReplaySource(text);
    expect(src.info).toEqual(info);
    expect(await collect(src.frames())).toEqual(frames);
    await src.close();
    await src.close();
    expect(await collect(src.frames())).toEqual([]);
  });

  it('keeps a held body\'s age and face centre (bodyHeld) and names a malformed one', () => {
    const held: LandmarkFrame = { ...frame(1), bodyHeld: { ageMs: 33.4, faceCentrePx: { xPx: 150.25, yPx: 120.5 } } };
    const none: LandmarkFrame = { ...frame(2), bodyHeld: { ageMs: 66.7, faceCentrePx: null } };
    expect(parseLandmarks(serializeLandmarks(info, [frame(0), held, none])).frames).toEqual([frame(0), held, none]);
    const bad = serializeLandmarks(info, [frame(0), { ...held, bodyHeld: { ageMs: 33.4, faceCentrePx: { xPx: 'left' } } } as unknown as LandmarkFrame]);
    expect(caught(() => parseLandmarks(bad)).message).toMatch(/line 3.*bodyHeld\.faceCentrePx\.xPx must be a finite number/);
  });

  it('names the line of a malformed frame', () => {
    const lines = serializeLandmarks(info, [frame(0), frame(1), frame(2)]).split('\n');
    lines[2] = lines[2]!.replace('"frameIndex":1', '"frameIndex":"one"');
    const e = caught(() => parseLandmarks(lines.join('\n')));
    expect(e.code).toBe('replay-malformed');
    expect(e.details['line']).toBe(3);
    expect(e.message).toMatch(/line 3/);
    expect(e.message).toMatch(/frameIndex must be a finite number/);
  });

  it('names the line of invalid JSON, of a wrong point count, of an unknown body part, of out-of-order frames', () => {
    const base = serializeLandmarks(info, [frame(0), frame(1)]).split('\n');
    const bad1 = [...base];
    bad1[1] = bad1[1]!.slice(0, 50);
    expect(caught(() => parseLandmarks(bad1.join('\n'))).details['line']).toBe(2);
    const bad2 = [...base];
    bad2[2] = JSON.stringify({ ...frame(1), faces: [{ ...frame(1).faces[0]!, meshPx: [{ x: 1, y: 2, z: 3 }] }] });
    expect(caught(() => parseLandmarks(bad2.join('\n'))).message).toMatch(/468 or 478 points, got 1/);
    const bad3 = [...base];
    bad3[2] = bad3[2]!.replace('leftShoulder', 'leftKnee');
    expect(caught(() => parseLandmarks(bad3.join('\n'))).message).toMatch(/line 3.*must be one of/);
    const bad4 = [base[0]!, base[2]!, base[1]!];
    expect(caught(() => parseLandmarks(bad4.join('\n'))).details['line']).toBe(3);
  });

  it('rejects a missing or foreign header and another format version with their own codes', () => {
    expect(caught(() => parseLandmarks('')).code).toBe('replay-malformed');
    expect(caught(() => parseLandmarks('{"format":"other","version":1}\n')).message).toMatch(/line 1.*header.format/);
    const v2 = `{"format":"geste-landmarks","version":${LANDMARKS_FORMAT_VERSION + 1},"info":${JSON.stringify(info)}}\n`;
    const e = caught(() => parseLandmarks(v2));
    expect(e.code).toBe('replay-version');
    expect(e.message).toMatch(/version 1.*version 2/);
  });

  it('accepts a recording with no frames and blank lines', async () => {
    const src = createReplaySource(serializeLandmarks(info, []) + '\n\n');
    expect(await collect(src.frames())).toEqual([]);
  });
});
