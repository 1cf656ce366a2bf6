import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { LandmarkFrame } from '@geste/core';
import { ASTRONAUT_PNG, loadImageRgb } from '../../test/makeVideos.ts';
import { createNodeDetector, type NodeDetector } from './humanNode.ts';
import { humanPackageDir } from './paths.ts';
import { VisionError } from '../errors.ts';

// ref: mesh indices from MediaPipe FaceMesh canonical topology (mesh_map.jpg): 1 = nose tip,
// 234 = right cheek contour (image left on a frontal face), 454 = left cheek contour.
const NOSE_TIP = 1;
const RIGHT_CHEEK = 234;
const LEFT_CHEEK = 454;

let open: NodeDetector | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function detector(tuning = {}): Promise<NodeDetector> {
  open = await createNodeDetector({ tuning: { bodyEveryNFrames: 1, handsEveryNFrames: 1, ...tuning } });
  return open;
}

function part(f: LandmarkFrame, name: string) {
  return f.bodies[0]!.keypoints.find((k) => k.part === name);
}

describe('Node WASM detector (real models)', () => {
  it('finds the astronaut: 478-point mesh in pixels, nose closer than the cheeks, anatomical left on the image right', async () => {
    const img = await loadImageRgb(ASTRONAUT_PNG);
    const d = await detector({ iris: true });
    const f = await d.detect(img, 1234.5, 3);
    expect(f).toMatchObject({ frameIndex: 3, timestampMs: 1234.5, imageWidthPx: 512, imageHeightPx: 512 });
    expect(f.faces).toHaveLength(1);
    const face = f.faces[0]!;
    expect(face.meshPx).toHaveLength(478);
    expect(face.detectionScore).toBeGreaterThan(0.5);
    expect(face.meshScore).toBeGreaterThan(0.5);
    // The face sits in the upper middle of the 512×512 photograph.
    expect(face.boxPx.x).toBeGreaterThan(150);
    expect(face.boxPx.x + face.boxPx.width).toBeLessThan(300);
    expect(face.boxPx.width).toBeGreaterThan(60);
    const nose = face.meshPx[NOSE_TIP]!;
    const rc = face.meshPx[RIGHT_CHEEK]!;
    const lc = face.meshPx[LEFT_CHEEK]!;
    // smaller z = closer to the camera
    expect(nose.z).toBeLessThan(rc.z - 20);
    expect(nose.z).toBeLessThan(lc.z - 20);
    // the person's right cheek is on the image left (unmirrored photograph)
    expect(rc.x).toBeLessThan(nose.x);
    expect(lc.x).toBeGreaterThan(nose.x);
    // Body: the person's own left shoulder/eye appear on the image right.
    expect(f.bodies).toHaveLength(1);
    const ls = part(f, 'leftShoulder')!;
    const rs = part(f, 'rightShoulder')!;
    expect(ls.xPx).toBeGreaterThan(rs.xPx + 100);
    expect(part(f, 'leftEye')!.xPx).toBeGreaterThan(part(f, 'rightEye')!.xPx);
    expect(f.hands).toEqual([]);
  });

  it('keeps several faces (Human sample photo)', async () => {
    const img = await loadImageRgb(join(humanPackageDir(), 'assets', 'samples.jpg'), 1280);
    const d = await detector({ maxFaces: 10, body: false, hands: false });
    const f = await d.detect(img, 0, 0);
    expect(f.faces.length).toBeGreaterThanOrEqual(2);
    const xs = f.faces.map((fc) => fc.boxPx.x);
    expect(new Set(xs).size).toBe(xs.length); // distinct faces, not duplicates
  });

  it('does not leak tensors across many frames and releases the models on close', async () => {
    const img = await loadImageRgb(ASTRONAUT_PNG, 320);
    const d = await detector({ iris: true });
    const before = d.numTensors();
    await d.detect(img, 0, 0);
    const afterFirst = d.numTensors();
    for (let i = 1; i < 12; i++) {
      // Alternate two images so caching and re-detection paths both run.
      const input = i % 4 === 0 ? { ...img, data: img.data.map((v) => 255 - v) } : img;
      await d.detect(input, i * 33, i);
    }
    expect(d.numTensors()).toBe(afterFirst);
    expect(afterFirst - before).toBeLessThanOrEqual(2); // Human's cached previous frame
    await d.close();
    expect(d.numTensors()).toBeLessThan(before / 10);
    open = null;
  });

  it('refuses a second detector in the same thread and a wrongly sized frame, with typed errors', async () => {
    const d = await detector({ body: false, hands: false });
    await expect(createNodeDetector()).rejects.toMatchObject({ code: 'detector-busy' });
    const e = await d.detect({ data: new Uint8Array(10), widthPx: 4, heightPx: 4 }, 0, 0).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(VisionError);
    expect((e as VisionError).code).toBe('bad-frame');
    expect((e as VisionError).message).toMatch(/Expected packed RGB of 4×4×3 = 48 bytes, got 10 bytes/);
    await d.close();
    await d.close();
    await expect(d.detect({ data: new Uint8Array(48), widthPx: 4, heightPx: 4 }, 0, 0)).rejects.toMatchObject({ code: 'detector-closed' });
    open = null;
  });
});
