import { describe, expect, it } from 'vitest';
import { LENS_EYE_CORNERS, lensGlareShares } from './lensGlare.ts';
import { convertFace } from '../convert.ts';
import { parseFrameLine } from '../replay.ts';

// A 200 × 120 grey frame (skin-like, 180/140/120) with two eyes: the mesh's 33–133 eye from (40, 60) to (80, 60) and
// its 362–263 eye from (120, 60) to (160, 60). Each lens box is 56 × 28 px round its eye.
const W = 200;
const H = 120;
function frame(channels: 3 | 4, paint?: (x: number, y: number) => readonly [number, number, number] | null): { data: Uint8Array; widthPx: number; heightPx: number; channels: number } {
  const data = new Uint8Array(W * H * channels);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = paint?.(x, y) ?? [180, 140, 120];
      const k = (y * W + x) * channels;
      data[k] = c[0];
      data[k + 1] = c[1];
      data[k + 2] = c[2];
      if (channels === 4) data[k + 3] = 255;
    }
  }
  return { data, widthPx: W, heightPx: H, channels };
}
function mesh(shiftXPx = 0): number[][] {
  const m: number[][] = Array.from({ length: 468 }, () => [100 + shiftXPx, 60, 0]);
  const [[a, b], [c, d]] = LENS_EYE_CORNERS as [[number, number], [number, number]];
  m[a] = [40 + shiftXPx, 60, 0];
  m[b] = [80 + shiftXPx, 60, 0];
  m[c] = [120 + shiftXPx, 60, 0];
  m[d] = [160 + shiftXPx, 60, 0];
  return m;
}
// A white patch (a lamp mirrored in the lens) over the upper half of the first lens box.
const lampInFirstLens = (x: number, y: number): readonly [number, number, number] | null => (x >= 32 && x < 88 && y >= 46 && y < 60 ? [250, 248, 245] : null);

describe('lens glare share (vision)', () => {
  it('reads no glare on a face without a white patch', () => {
    expect(lensGlareShares(frame(3), mesh())).toEqual([0, 0]);
  });

  it('reads the white patch as half of the lens it covers, and nothing on the other lens', () => {
    const [first, second] = lensGlareShares(frame(3, lampInFirstLens), mesh());
    expect(first).toBeCloseTo(0.5, 2);
    expect(second).toBe(0);
  });

  it('does not count a bright but coloured patch (skin in strong light), nor a white eye outside the lens box', () => {
    const warm = frame(3, (x, y) => (x >= 32 && x < 88 && y >= 46 && y < 60 ? [255, 215, 180] : null));
    expect(lensGlareShares(warm, mesh())).toEqual([0, 0]);
    const whiteForehead = frame(3, (_x, y) => (y < 40 ? [255, 255, 255] : null));
    expect(lensGlareShares(whiteForehead, mesh())).toEqual([0, 0]);
  });

  it('reads RGBA (the browser) exactly as RGB (Node)', () => {
    expect(lensGlareShares(frame(4, lampInFirstLens), mesh())).toEqual(lensGlareShares(frame(3, lampInFirstLens), mesh()));
  });

  it('gives no reading for a lens box mostly outside the frame', () => {
    const [first, second] = lensGlareShares(frame(3), mesh(-75));
    expect(first).toBeNull();
    expect(second).toBe(0);
  });

  it('travels on the face into the LandmarkFrame and through a saved recording; a malformed share is refused', () => {
    const shares = lensGlareShares(frame(3, lampInFirstLens), mesh());
    const face = convertFace({ mesh: mesh(), boxRaw: [0, 0, 1, 1], boxScore: 0.9, faceScore: 0.9, lensGlareShares: shares }, { frameIndex: 0, timestampMs: 0, imageWidthPx: W, imageHeightPx: H });
    expect(face?.lensGlareShares).toEqual(shares);
    const line = JSON.stringify({ frameIndex: 0, timestampMs: 0, imageWidthPx: W, imageHeightPx: H, faces: [face], bodies: [], hands: [] });
    expect(parseFrameLine(line, 2).faces[0]?.lensGlareShares).toEqual(shares);
    expect(() => parseFrameLine(line.replace(/"lensGlareShares":\[[^\]]*\]/, '"lensGlareShares":[2,0]'), 2)).toThrow(/lensGlareShares/);
  });
});
