import { describe, expect, it } from 'vitest';
import { sampleRoi, sampleRoiArea, sampleRoiBilinear } from './sampleRoi.ts';
import type { FramePixels, MeshRoi } from './roi.ts';

/** A deterministic pseudo-random RGB(A) frame (xorshift), the same bytes on every run. */
function noiseFrame(widthPx: number, heightPx: number, channels: number, seed = 12345): FramePixels {
  const data = new Uint8Array(widthPx * heightPx * channels);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    data[i] = s & 255;
  }
  return { data, widthPx, heightPx, channels };
}

/** 1-px checkerboard, black and white: the finest pattern a frame can hold (grey 127.5 at any larger scale). */
function checkerFrame(widthPx: number, heightPx: number): FramePixels {
  const data = new Uint8Array(widthPx * heightPx * 3);
  for (let y = 0; y < heightPx; y++) for (let x = 0; x < widthPx; x++) data.fill((x + y) % 2 ? 255 : 0, (y * widthPx + x) * 3, (y * widthPx + x) * 3 + 3);
  return { data, widthPx, heightPx, channels: 3 };
}

/**
 * The mean of the frame (constant over each pixel, 0 outside) over the upright box [x0, x1) × [y0, y1), by
 * adding each pixel's overlap: the definition the summed-area table must reproduce.
 */
function boxMean(px: FramePixels, x0: number, x1: number, y0: number, y1: number, c: number): number {
  let sum = 0;
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      if (x < 0 || y < 0 || x >= px.widthPx || y >= px.heightPx) continue;
      const ox = Math.min(x + 1, x1) - Math.max(x, x0), oy = Math.min(y + 1, y1) - Math.max(y, y0);
      sum += px.data[(y * px.widthPx + x) * px.channels + c]! * ox * oy;
    }
  }
  return sum / ((x1 - x0) * (y1 - y0) * 255);
}

/** Largest |a − b| over two crops. */
const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

// Float32 output of a mean of bytes: one part in 2^24 of 1, plus rounding in the table's interpolation.
const EXACT_TOL = 1e-6;

describe('sampleRoi at a downscale (docs/roi-sampling.md)', () => {
  it('a 1-px checkerboard at 2.9× downscale reads its area mean (grey), where bilinear reads near black or white', () => {
    const px = checkerFrame(600, 600);
    // Crop side 556.8 px onto 192: k = 2.9, so the sample points fall at every fraction of a pixel.
    const k = 2.9;
    const roi: MeshRoi = { centerXPx: 300.3, centerYPx: 299.8, sizePx: 192 * k, angleRad: 0 };
    const out = sampleRoi(px, roi, 192);
    // A box of area k² over a checkerboard holds half white give or take one pixel's area.
    const AREA_MEAN_TOL = 1 / (k * k);
    expect(out.reduce((m, v) => Math.max(m, Math.abs(v - 0.5)), 0)).toBeLessThanOrEqual(AREA_MEAN_TOL);
    // The old sampler (bilinear at each centre) aliases: a moiré from black to white over the same crop.
    const bil = sampleRoiBilinear(px, roi, 192);
    expect(bil.reduce((m, v) => Math.max(m, Math.abs(v - 0.5)), 0)).toBeGreaterThan(0.4);
  });

  it('the same checkerboard turned 0.3 rad (a tilted head) still reads grey within 1/8', () => {
    const px = checkerFrame(900, 900);
    const out = sampleRoi(px, { centerXPx: 450.2, centerYPx: 449.7, sizePx: 576, angleRad: 0.3 }, 192);
    const ROTATED_GREY_TOL = 1 / 8;
    expect(out.reduce((m, v) => Math.max(m, Math.abs(v - 0.5)), 0)).toBeLessThanOrEqual(ROTATED_GREY_TOL);
  });

  it('each crop pixel is the exact mean of the frame over its k × k box (fractional edges, turned, partly outside)', () => {
    const px = noiseFrame(97, 83, 4);
    const inputPx = 16;
    for (const roi of [
      // k = 2.7 hanging over the left and top edges (reads 0 there); k = 1.7 and 2 inside (the 3 × 3 fast path).
      { centerXPx: 15.3, centerYPx: 12.9, sizePx: inputPx * 2.7, angleRad: 0 },
      { centerXPx: 48.6, centerYPx: 41.2, sizePx: inputPx * 1.7, angleRad: 0.35 },
      { centerXPx: 48.6, centerYPx: 41.2, sizePx: inputPx * 2, angleRad: -0.2 },
      { centerXPx: 90.1, centerYPx: 70.4, sizePx: inputPx * 1.3, angleRad: 0.1 },
    ]) {
      const out = sampleRoi(px, roi, inputPx);
      const k = roi.sizePx / inputPx, c = Math.cos(roi.angleRad), s = Math.sin(roi.angleRad);
      let worst = 0;
      for (let v = 0; v < inputPx; v++) {
        for (let u = 0; u < inputPx; u++) {
          // Crop pixel (u, v)'s centre in pixel-edge coordinates (the crop turned by angleRad about its centre).
          const du = (u + 0.5) * k - roi.sizePx / 2, dv = (v + 0.5) * k - roi.sizePx / 2;
          const cx = roi.centerXPx + c * du - s * dv, cy = roi.centerYPx + s * du + c * dv;
          for (let ch = 0; ch < 3; ch++) {
            const want = boxMean(px, cx - k / 2, cx + k / 2, cy - k / 2, cy + k / 2, ch);
            worst = Math.max(worst, Math.abs(out[(v * inputPx + u) * 3 + ch]! - want));
          }
        }
      }
      expect(worst).toBeLessThanOrEqual(EXACT_TOL);
    }
  });

  it('at one frame pixel per crop pixel the box mean is bilinear: the two paths meet without a step', () => {
    const px = noiseFrame(120, 90, 3);
    for (const angleRad of [0, 0.4, -1.1]) {
      const roi: MeshRoi = { centerXPx: 60.37, centerYPx: 44.81, sizePx: 64, angleRad };
      expect(maxDiff(sampleRoiArea(px, roi, 64), sampleRoiBilinear(px, roi, 64))).toBeLessThanOrEqual(EXACT_TOL);
      // Just above k = 1 sampleRoi takes the area path: it differs from bilinear at the same points by a sliver.
      const above = { ...roi, sizePx: 64 * 1.001 };
      const NO_STEP_TOL = 0.005;
      expect(maxDiff(sampleRoi(px, above, 64), sampleRoiBilinear(px, above, 64))).toBeLessThanOrEqual(NO_STEP_TOL);
    }
  });

  it('a smooth ramp is not moved or blurred by the box: the crop reads the ramp at each centre', () => {
    // Grey = 2·x + y (bytes), so a box mean equals the value at the box's centre (linear over the box).
    const w = 200, h = 150;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(Math.min(255, x + Math.floor(y / 2)), (y * w + x) * 3, (y * w + x) * 3 + 3);
    const px = { data, widthPx: w, heightPx: h, channels: 3 };
    const roi: MeshRoi = { centerXPx: 100.4, centerYPx: 75.2, sizePx: 96, angleRad: 0 }; // k = 3 on 32 px
    const out = sampleRoi(px, roi, 32);
    // Centre crop pixel (u = v = 16): centre (100.4 + 1.5, 75.2 + 1.5) in edge coordinates → the pixel-centre ramp.
    const cx = 101.9, cy = 76.7;
    const RAMP_TOL_BYTES = 0.5; // the y step of ⌊y/2⌋ averages to within half a byte
    expect(Math.abs(out[(16 * 32 + 16) * 3]! * 255 - (cx - 0.5 + (cy - 0.5) / 2 - 0.25))).toBeLessThanOrEqual(RAMP_TOL_BYTES);
  });

  it('is the same for an RGB and an RGBA copy of one frame (Node rgb24 and the browser’s ImageData)', () => {
    const rgba = noiseFrame(160, 120, 4, 99);
    const rgb = new Uint8Array(160 * 120 * 3);
    for (let i = 0; i < 160 * 120; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = rgba.data[i * 4 + c]!;
    const roi: MeshRoi = { centerXPx: 81.2, centerYPx: 57.9, sizePx: 110, angleRad: 0.2 };
    expect(maxDiff(sampleRoi(rgba, roi, 48), sampleRoi({ ...rgba, data: rgb, channels: 3 }, roi, 48))).toBe(0);
  });
});

describe('sampleRoiBilinear', () => {
  /** Bilinear by the book: the four neighbours of each sample point, 0 outside. */
  function reference(px: FramePixels, roi: MeshRoi, inputPx: number): Float32Array {
    const out = new Float32Array(inputPx * inputPx * 3);
    const k = roi.sizePx / inputPx, c = Math.cos(roi.angleRad), s = Math.sin(roi.angleRad);
    const at = (x: number, y: number, ch: number): number => (x < 0 || y < 0 || x >= px.widthPx || y >= px.heightPx ? 0 : px.data[(y * px.widthPx + x) * px.channels + ch]!);
    for (let v = 0; v < inputPx; v++) {
      for (let u = 0; u < inputPx; u++) {
        const du = (u + 0.5) * k - roi.sizePx / 2, dv = (v + 0.5) * k - roi.sizePx / 2;
        const x = roi.centerXPx + c * du - s * dv - 0.5, y = roi.centerYPx + s * du + c * dv - 0.5;
        const xf = Math.floor(x), yf = Math.floor(y), fx = x - xf, fy = y - yf;
        for (let ch = 0; ch < 3; ch++) {
          out[(v * inputPx + u) * 3 + ch] = ((1 - fx) * (1 - fy) * at(xf, yf, ch) + fx * (1 - fy) * at(xf + 1, yf, ch) + (1 - fx) * fy * at(xf, yf + 1, ch) + fx * fy * at(xf + 1, yf + 1, ch)) / 255;
        }
      }
    }
    return out;
  }

  it('reads the textbook bilinear value, for a crop inside the frame (fast path) and one over its edge', () => {
    const px = noiseFrame(140, 100, 3, 7);
    const BILINEAR_TOL = 1e-6;
    for (const roi of [
      { centerXPx: 70.3, centerYPx: 50.6, sizePx: 60, angleRad: 0.5 },
      { centerXPx: 10.3, centerYPx: 95.6, sizePx: 60, angleRad: -0.2 },
    ]) expect(maxDiff(sampleRoiBilinear(px, roi, 40), reference(px, roi, 40))).toBeLessThanOrEqual(BILINEAR_TOL);
  });
});

describe('sampleRoi into a kept array (the tracker reuses one per read)', () => {
  it('fills the given array with exactly what a fresh call returns, on every path, whatever it held before', () => {
    const frame = noiseFrame(640, 480, 3);
    const rois: MeshRoi[] = [
      { centerXPx: 320, centerYPx: 240, sizePx: 300, angleRad: 0.2 }, // box mean, inside (3 × 3 taps)
      { centerXPx: 20, centerYPx: 460, sizePx: 300, angleRad: -0.4 }, // box mean, over the frame's corner
      { centerXPx: 320, centerYPx: 240, sizePx: 700, angleRad: 0.1 }, // box mean, k > 2
      { centerXPx: 300, centerYPx: 200, sizePx: 150, angleRad: 0.3 }, // bilinear, inside
      { centerXPx: 5, centerYPx: 5, sizePx: 150, angleRad: 0 }, // bilinear, over the edge (outside reads 0)
    ];
    const kept = new Float32Array(192 * 192 * 3);
    for (const roi of rois) {
      kept.fill(Number.NaN); // a previous crop's values must not show through
      const got = sampleRoi(frame, roi, 192, kept);
      expect(got).toBe(kept);
      expect(Array.from(got)).toEqual(Array.from(sampleRoi(frame, roi, 192)));
    }
  });

  it('refuses an array of the wrong size, saying what it expected', () => {
    const frame = noiseFrame(64, 64, 3);
    const roi: MeshRoi = { centerXPx: 32, centerYPx: 32, sizePx: 40, angleRad: 0 };
    expect(() => sampleRoi(frame, roi, 16, new Float32Array(10))).toThrow(/holds 10 floats, expected 768/);
    expect(() => sampleRoiArea(frame, { ...roi, sizePx: 60 }, 16, new Float32Array(10))).toThrow(/expected 768/);
    expect(() => sampleRoiBilinear(frame, roi, 64, new Float32Array(10))).toThrow(/expected 12288/);
  });
});
