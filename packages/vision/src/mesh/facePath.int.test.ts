/**
 * The own face-mesh ROI on the real models (Node WASM): it finds the face, agrees with Human's own crop on a
 * frontal still, tracks without the detector, notices loss, gives the same numbers twice, leaks no tensors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anatomicalNeutral, measureFrame, type LandmarkFrame } from '@geste/core';
import { ASTRONAUT_PNG, loadImageRgb } from '../../test/makeVideos.ts';
import { createNodeDetector, type NodeDetector } from '../node/humanNode.ts';
import { FACE_CHECK_INTERVAL_MS } from './facePath.ts';

const NOSE_TIP = 1;
const RIGHT_CHEEK = 234;
const LEFT_CHEEK = 454;
/** Mean distance between our mesh and Human's on a frontal still: both crops hold the whole face. */
const AGREE_WITH_HUMAN_MEAN_PX = 4;
/** Same still, tracked frame after frame: the crop settles, the mesh does not wander. */
const TRACKED_STILL_DRIFT_MEAN_PX = 1;

let open: NodeDetector[] = [];
afterEach(async () => {
  for (const d of open) await d.close();
  open = [];
});

async function detector(tuning = {}): Promise<NodeDetector> {
  const d = await createNodeDetector({ tuning: { body: false, hands: false, faceMeshRoi: 'own', ...tuning } });
  open.push(d);
  return d;
}

function meanDistancePx(a: LandmarkFrame, b: LandmarkFrame): number {
  const pa = a.faces[0]!.meshPx, pb = b.faces[0]!.meshPx;
  let sum = 0;
  for (let i = 0; i < 468; i++) sum += Math.hypot(pa[i]!.x - pb[i]!.x, pa[i]!.y - pb[i]!.y);
  return sum / 468;
}

describe('own face-mesh ROI (real models)', () => {
  it('finds the astronaut with a 468-point mesh, nose closer than the cheeks, close to Human’s own crop', async () => {
    const img = await loadImageRgb(ASTRONAUT_PNG);
    const own = await detector();
    const f = await own.detect(img, 0, 0);
    expect(f.faces).toHaveLength(1);
    const face = f.faces[0]!;
    expect(face.meshPx).toHaveLength(468);
    expect(face.meshScore).toBeGreaterThan(0.5);
    expect(face.detectionScore).toBeGreaterThan(0.5);
    expect(face.meshPx[NOSE_TIP]!.z).toBeLessThan(face.meshPx[RIGHT_CHEEK]!.z - 20);
    expect(face.meshPx[NOSE_TIP]!.z).toBeLessThan(face.meshPx[LEFT_CHEEK]!.z - 20);
    expect(face.meshPx[RIGHT_CHEEK]!.x).toBeLessThan(face.meshPx[NOSE_TIP]!.x);
    await own.close();
    open = [];
    const human = await detector({ faceMeshRoi: 'human' });
    const h = await human.detect(img, 0, 0);
    expect(meanDistancePx(f, h)).toBeLessThan(AGREE_WITH_HUMAN_MEAN_PX);
  });

  it('tracks without the detector, runs it again when the face is gone, and finds the face again', async () => {
    const img = await loadImageRgb(ASTRONAUT_PNG, 320);
    const black = { ...img, data: new Uint8Array(img.data.length) };
    const d = await detector();
    const first = await d.detect(img, 0, 0);
    let last = first;
    for (let i = 1; i <= 4; i++) last = await d.detect(img, i * 33, i);
    expect(d.faceCounters!()!).toEqual({ detectorFrames: 1, trackedFrames: 4, checkFrames: 0 });
    expect(last.faces).toHaveLength(1);
    expect(meanDistancePx(first, last)).toBeLessThan(TRACKED_STILL_DRIFT_MEAN_PX);
    // Face gone: the track ends and the detector runs on that frame (and the next, finding nothing).
    expect((await d.detect(black, 5 * 33, 5)).faces).toHaveLength(0);
    expect((await d.detect(black, 6 * 33, 6)).faces).toHaveLength(0);
    expect(d.faceCounters!()!).toEqual({ detectorFrames: 3, trackedFrames: 4, checkFrames: 0 });
    const back = await d.detect(img, 7 * 33, 7);
    expect(back.faces).toHaveLength(1);
    expect(d.faceCounters!()!.detectorFrames).toBe(4);
  });

  it('gives identical landmarks for the same frames twice and leaks no tensors', async () => {
    const img = await loadImageRgb(ASTRONAUT_PNG, 320);
    const shifted = { ...img, data: new Uint8Array(img.data.length) };
    // The same picture moved 6 px right: tracking has to follow.
    const row = img.widthPx * 3;
    for (let y = 0; y < img.heightPx; y++) shifted.data.set(img.data.subarray(y * row, (y + 1) * row - 18), y * row + 18);
    const frames = [img, img, shifted, shifted, img];
    const runs: string[] = [];
    for (let run = 0; run < 2; run++) {
      const d = await detector();
      const out: LandmarkFrame[] = [await d.detect(frames[0]!, 0, 0)];
      const afterFirst = d.numTensors(); // models + Human's cached previous frame
      for (let i = 1; i < frames.length; i++) out.push(await d.detect(frames[i]!, i * 33, i));
      expect(d.numTensors()).toBe(afterFirst);
      expect(out.every((f) => f.faces.length === 1)).toBe(true);
      runs.push(JSON.stringify(out.map((f) => f.faces[0]!.meshPx)));
      await d.close();
      open = [];
    }
    expect(runs[1]).toBe(runs[0]);
  });

  it('finds a second face that enters while one is tracked, within one check interval, and the frame is not measurable', async () => {
    // A generated two-face clip: the astronaut on the left half of a 640-wide frame; from 1.5 s a second
    // astronaut appears on the right half (a second person walking in).
    const one = await loadImageRgb(ASTRONAUT_PNG, 320);
    const w = one.widthPx * 2, h = one.heightPx, row = one.widthPx * 3;
    const alone = new Uint8Array(w * h * 3);
    const both = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) {
      const src = one.data.subarray(y * row, (y + 1) * row);
      alone.set(src, y * w * 3);
      both.set(src, y * w * 3);
      both.set(src, y * w * 3 + row);
    }
    const FRAME_MS = 33;
    const ENTERS_MS = 1500;
    const d = await detector();
    let firstSeenMs: number | null = null;
    for (let i = 0; i * FRAME_MS <= ENTERS_MS + FACE_CHECK_INTERVAL_MS + 2 * FRAME_MS; i++) {
      const t = i * FRAME_MS;
      const f = await d.detect({ data: t < ENTERS_MS ? alone : both, widthPx: w, heightPx: h }, t, i);
      const m = measureFrame(f, anatomicalNeutral());
      if (t < ENTERS_MS) {
        expect(f.faces).toHaveLength(1);
        expect(m.reasons).not.toContain('multiple-faces');
      } else if (f.faces.length === 2) {
        firstSeenMs ??= t;
        expect(m.state).toBe('not-measurable');
        expect(m.reasons).toContain('multiple-faces');
      }
    }
    expect(firstSeenMs).not.toBeNull();
    expect(firstSeenMs! - ENTERS_MS).toBeLessThanOrEqual(FACE_CHECK_INTERVAL_MS);
    const c = d.faceCounters!()!;
    expect(c.detectorFrames).toBe(1); // never lost: the second face came from a periodic check
    expect(c.checkFrames).toBeGreaterThanOrEqual(2);
  });

  it('a track started on a poor view takes the better detector score of the next periodic check (a carried score is not stuck)', async () => {
    // The range-of-motion sweep's bug (session 8): a track re-started at a far turn kept that detection's score (0.65)
    // for 16 s, and core read a level head as low confidence. Here the poor view is the astronaut's face blurred (a 9 × 9
    // box blur over the face only; the detector scores it 0.68, the clear picture 0.88); the picture is clear from the
    // second frame on.
    const img = await loadImageRgb(ASTRONAUT_PNG, 320);
    const blurred = boxBlur(img, 4, FACE_REGION_320);
    const FRAME_MS = 33;
    const d = await detector();
    const seen: { tMs: number; detectionScore: number }[] = [];
    for (let i = 0; i * FRAME_MS <= FACE_CHECK_INTERVAL_MS + 4 * FRAME_MS; i++) {
      const f = await d.detect(i === 0 ? blurred : img, i * FRAME_MS, i);
      expect(f.faces).toHaveLength(1);
      seen.push({ tMs: i * FRAME_MS, detectionScore: f.faces[0]!.detectionScore });
    }
    expect(d.faceCounters!()!).toMatchObject({ detectorFrames: 1, checkFrames: 1 });
    await d.close();
    open = [];
    const fresh = await detector();
    const clearScore = (await fresh.detect(img, 0, 0)).faces[0]!.detectionScore;
    expect(seen[0]!.detectionScore).toBeLessThan(clearScore - POOR_VIEW_SCORE_GAP);
    // Before the check the seed's score is carried; from the check on, the clear picture's.
    for (const s of seen) expect(s.detectionScore).toBe(s.tMs < FACE_CHECK_INTERVAL_MS ? seen[0]!.detectionScore : clearScore);
  });
});

/** The poor view must score clearly lower than the clear picture, or the test proves nothing. */
const POOR_VIEW_SCORE_GAP = 0.05;

/** Around the astronaut's face in the picture scaled to 320 px (the mesh's box there: x 113–169, y 47–103). */
const FACE_REGION_320 = { x0: 95, y0: 30, x1: 190, y1: 125 };

/** A (2r + 1)² box blur of an RGB image inside a rectangle (px). */
function boxBlur(img: { data: Uint8Array; widthPx: number; heightPx: number }, r: number, region: { x0: number; y0: number; x1: number; y1: number }): { data: Uint8Array; widthPx: number; heightPx: number } {
  const { widthPx: w, heightPx: h } = img;
  const out = new Uint8Array(img.data);
  for (let y = region.y0; y < Math.min(h, region.y1); y++) {
    for (let x = region.x0; x < Math.min(w, region.x1); x++) {
      for (let k = 0; k < 3; k++) {
        let sum = 0, n = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
          for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) { sum += img.data[(yy * w + xx) * 3 + k]!; n++; }
        }
        out[(y * w + x) * 3 + k] = Math.round(sum / n);
      }
    }
  }
  return { data: out, widthPx: w, heightPx: h };
}
