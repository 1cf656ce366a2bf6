/**
 * The face-mesh crop's pixels: the rotated square ROI (roi.ts) resampled from the frame's bytes to the model's
 * input size (docs/roi-sampling.md). Plain JavaScript arithmetic on IEEE doubles, so Node and every browser
 * compute the same crop from the same bytes; no full-frame tensor is made.
 *
 * With k = crop side / inputPx frame pixels per crop pixel:
 * - k ≤ 1 (a face smaller than 192 px): bilinear at each crop pixel's centre.
 * - k > 1 (the CLI's 640-px frames: k ≈ 1.7 for a face at 50 cm; a 720p camera in the browser: k ≈ 3.3): the
 *   exact mean of the frame over an upright k × k box around each crop pixel's centre, the frame taken as
 *   constant over each pixel. Bilinear there reads a 2 × 2 neighbourhood per crop pixel and skips or
 *   under-weights the rest, so fine texture aliases: on the phantom the angles jittered up to twice as much from
 *   frame to frame on a still head, and a 720p frame read differently from the same frame scaled to 640. The box
 *   is upright, not turned with the crop: same area, and at a face's eye-line angles the difference is a small
 *   part of a frame pixel. At k = 1 the box mean *is* bilinear, so the two meet without a step.
 *
 * Outside the image reads black (as tf.image.transform's constant fill), in both.
 */
import { roiSampling, type FramePixels, type MeshRoi } from './roi.ts';

/**
 * The ROI resampled to an `inputPx` square, RGB scaled to 0..1 (the mesh model's input), black outside the
 * image: bilinear up to one frame pixel per crop pixel, the box mean over each crop pixel's footprint beyond.
 * `out` (inputPx² × 3 floats), when given, is filled and returned instead of a new array: every element is
 * written, so a caller that copies the crop out before the next call (a tensor) can keep one array.
 */
export function sampleRoi(px: FramePixels, roi: MeshRoi, inputPx: number, out?: Float32Array): Float32Array {
  return roi.sizePx / inputPx > 1 ? sampleRoiArea(px, roi, inputPx, out) : sampleRoiBilinear(px, roi, inputPx, out);
}

function outputFor(inputPx: number, out: Float32Array | undefined): Float32Array {
  const n = inputPx * inputPx * 3;
  if (out === undefined) return new Float32Array(n);
  if (out.length !== n) throw new RangeError(`sampleRoi: the output array holds ${out.length} floats, expected ${n} (${inputPx}² × 3)`);
  return out;
}

/** Bilinear sampling at each crop pixel's centre (the four nearest frame pixels; outside the image reads 0). */
export function sampleRoiBilinear(px: FramePixels, roi: MeshRoi, inputPx: number, into?: Float32Array): Float32Array {
  const out = outputFor(inputPx, into);
  const [a0, a1, a2, b0, b1, b2] = roiSampling(roi, inputPx);
  const { data, widthPx: w, heightPx: h, channels: ch } = px;
  const row = w * ch;
  // The sample points span the parallelogram of the four corner samples: when its box (and the +1 neighbour)
  // lies inside the image, no neighbour needs a bounds check.
  const n1 = inputPx - 1;
  const xs = [a2, a0 * n1 + a2, a1 * n1 + a2, a0 * n1 + a1 * n1 + a2];
  const ys = [b2, b0 * n1 + b2, b1 * n1 + b2, b0 * n1 + b1 * n1 + b2];
  const inside = Math.min(...xs) >= 0 && Math.max(...xs) < w - 1 && Math.min(...ys) >= 0 && Math.max(...ys) < h - 1;
  let o = 0;
  if (inside) {
    for (let v = 0; v < inputPx; v++) {
      for (let u = 0; u < inputPx; u++, o += 3) {
        const x = a0 * u + a1 * v + a2;
        const y = b0 * u + b1 * v + b2;
        const xf = Math.floor(x);
        const yf = Math.floor(y);
        const fx = x - xf;
        const fy = y - yf;
        const i00 = yf * row + xf * ch;
        const i10 = i00 + ch;
        const i01 = i00 + row;
        const i11 = i01 + ch;
        const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        out[o] = (data[i00]! * w00 + data[i10]! * w10 + data[i01]! * w01 + data[i11]! * w11) / 255;
        out[o + 1] = (data[i00 + 1]! * w00 + data[i10 + 1]! * w10 + data[i01 + 1]! * w01 + data[i11 + 1]! * w11) / 255;
        out[o + 2] = (data[i00 + 2]! * w00 + data[i10 + 2]! * w10 + data[i01 + 2]! * w01 + data[i11 + 2]! * w11) / 255;
      }
    }
    return out;
  }
  for (let v = 0; v < inputPx; v++) {
    for (let u = 0; u < inputPx; u++, o += 3) {
      const x = a0 * u + a1 * v + a2;
      const y = b0 * u + b1 * v + b2;
      const xf = Math.floor(x);
      const yf = Math.floor(y);
      const fx = x - xf;
      const fy = y - yf;
      // The four neighbours; one outside the image reads 0 (as tf.image.transform's constant fill).
      const inX0 = xf >= 0 && xf < w, inX1 = xf + 1 >= 0 && xf + 1 < w;
      const inY0 = yf >= 0 && yf < h, inY1 = yf + 1 >= 0 && yf + 1 < h;
      const i00 = inX0 && inY0 ? yf * row + xf * ch : -1;
      const i10 = inX1 && inY0 ? yf * row + (xf + 1) * ch : -1;
      const i01 = inX0 && inY1 ? (yf + 1) * row + xf * ch : -1;
      const i11 = inX1 && inY1 ? (yf + 1) * row + (xf + 1) * ch : -1;
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
      for (let c = 0; c < 3; c++) {
        const sum = (i00 >= 0 ? data[i00 + c]! * w00 : 0) + (i10 >= 0 ? data[i10 + c]! * w10 : 0)
          + (i01 >= 0 ? data[i01 + c]! * w01 : 0) + (i11 >= 0 ? data[i11 + c]! * w11 : 0);
        out[o + c] = sum / 255;
      }
    }
  }
  return out;
}

/**
 * The mean of the frame over an upright box of side max(1, k) frame pixels centred on each crop pixel's centre,
 * the frame taken as constant over each pixel and 0 outside the image: each frame pixel under the box weighted by
 * its overlap (x overlap × y overlap). (ceil(k) + 1)² taps at most: 9 at the CLI's k ≈ 1.7.
 */
export function sampleRoiArea(px: FramePixels, roi: MeshRoi, inputPx: number, into?: Float32Array): Float32Array {
  const out = outputFor(inputPx, into);
  const [a0, a1, a2, b0, b1, b2] = roiSampling(roi, inputPx);
  const { data, widthPx: w, heightPx: h, channels: ch } = px;
  const row = w * ch;
  const side = Math.max(1, roi.sizePx / inputPx);
  const r = side / 2;
  const scale = 1 / (side * side * 255);
  // Up to two frame pixels per crop pixel (the CLI's 640-px frames: k ≈ 1.7) with the whole footprint inside the
  // frame: a fixed 3 × 3 block of taps (a zero weight where the box touches only two columns or rows).
  const n1 = inputPx - 1;
  const xs = [a2, a0 * n1 + a2, a1 * n1 + a2, a0 * n1 + a1 * n1 + a2];
  const ys = [b2, b0 * n1 + b2, b1 * n1 + b2, b0 * n1 + b1 * n1 + b2];
  if (side <= 2 && Math.min(...xs) + 0.5 - r >= 0 && Math.max(...xs) + 0.5 - r + 3 <= w && Math.min(...ys) + 0.5 - r >= 0 && Math.max(...ys) + 0.5 - r + 3 <= h) {
    return sampleArea3(data, row, ch, [a0, a1, a2, b0, b1, b2], inputPx, r, scale, out);
  }
  // Overlap of the box with each frame column it touches, for the current crop pixel.
  const wx = new Float64Array(Math.ceil(side) + 2);
  let o = 0;
  for (let v = 0; v < inputPx; v++) {
    for (let u = 0; u < inputPx; u++, o += 3) {
      // roiSampling puts pixel i's centre at i; the box works on pixel edges (pixel i covers [i, i + 1)).
      const cx = a0 * u + a1 * v + a2 + 0.5;
      const cy = b0 * u + b1 * v + b2 + 0.5;
      let lx = cx - r, hx = cx + r, ly = cy - r, hy = cy + r;
      if (lx < 0) lx = 0;
      if (hx > w) hx = w;
      if (ly < 0) ly = 0;
      if (hy > h) hy = h;
      if (!(hx > lx && hy > ly)) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
        continue;
      }
      const i0 = Math.floor(lx), i1 = Math.ceil(hx) - 1;
      const j0 = Math.floor(ly), j1 = Math.ceil(hy) - 1;
      const nx = i1 - i0;
      if (nx === 0) wx[0] = hx - lx;
      else {
        wx[0] = i0 + 1 - lx;
        for (let t = 1; t < nx; t++) wx[t] = 1;
        wx[nx] = hx - i1;
      }
      let sr = 0, sg = 0, sb = 0;
      for (let j = j0; j <= j1; j++) {
        const wy = j0 === j1 ? hy - ly : j === j0 ? j0 + 1 - ly : j === j1 ? hy - j1 : 1;
        let p = j * row + i0 * ch;
        let rr = 0, rg = 0, rb = 0;
        for (let t = 0; t <= nx; t++, p += ch) {
          const q = wx[t]!;
          rr += data[p]! * q;
          rg += data[p + 1]! * q;
          rb += data[p + 2]! * q;
        }
        sr += rr * wy;
        sg += rg * wy;
        sb += rb * wy;
      }
      out[o] = sr * scale;
      out[o + 1] = sg * scale;
      out[o + 2] = sb * scale;
    }
  }
  return out;
}

/** sampleRoiArea's box mean for a box of side ≤ 2 wholly inside the frame: 3 × 3 taps, no bounds checks. */
function sampleArea3(data: ArrayLike<number>, row: number, ch: number, m: readonly number[], inputPx: number, r: number, scale: number, out: Float32Array): Float32Array {
  const [a0, a1, a2, b0, b1, b2] = m as [number, number, number, number, number, number];
  let o = 0;
  for (let v = 0; v < inputPx; v++) {
    for (let u = 0; u < inputPx; u++, o += 3) {
      const lx = a0 * u + a1 * v + a2 + 0.5 - r;
      const ly = b0 * u + b1 * v + b2 + 0.5 - r;
      const hx = lx + 2 * r, hy = ly + 2 * r;
      const i0 = Math.floor(lx), j0 = Math.floor(ly);
      // Overlap of [lx, hx] with columns i0, i0 + 1, i0 + 2 (hx < i0 + 3 as the side is ≤ 2), rows likewise.
      const x1 = i0 + 1, x2 = i0 + 2, y1 = j0 + 1, y2 = j0 + 2;
      const wx0 = (hx < x1 ? hx : x1) - lx, wx1 = hx <= x1 ? 0 : (hx < x2 ? hx : x2) - x1, wx2 = hx <= x2 ? 0 : hx - x2;
      const wy0 = (hy < y1 ? hy : y1) - ly, wy1 = hy <= y1 ? 0 : (hy < y2 ? hy : y2) - y1, wy2 = hy <= y2 ? 0 : hy - y2;
      // The 3 × 3 weights, scaled once; then each channel is 9 multiply-adds.
      const s0 = wy0 * scale, s1 = wy1 * scale, s2 = wy2 * scale;
      const w00 = wx0 * s0, w01 = wx1 * s0, w02 = wx2 * s0;
      const w10 = wx0 * s1, w11 = wx1 * s1, w12 = wx2 * s1;
      const w20 = wx0 * s2, w21 = wx1 * s2, w22 = wx2 * s2;
      const q00 = j0 * row + i0 * ch, q01 = q00 + ch, q02 = q01 + ch;
      const q10 = q00 + row, q11 = q10 + ch, q12 = q11 + ch;
      const q20 = q10 + row, q21 = q20 + ch, q22 = q21 + ch;
      out[o] = data[q00]! * w00 + data[q01]! * w01 + data[q02]! * w02 + data[q10]! * w10 + data[q11]! * w11 + data[q12]! * w12 + data[q20]! * w20 + data[q21]! * w21 + data[q22]! * w22;
      out[o + 1] = data[q00 + 1]! * w00 + data[q01 + 1]! * w01 + data[q02 + 1]! * w02 + data[q10 + 1]! * w10 + data[q11 + 1]! * w11 + data[q12 + 1]! * w12 + data[q20 + 1]! * w20 + data[q21 + 1]! * w21 + data[q22 + 1]! * w22;
      out[o + 2] = data[q00 + 2]! * w00 + data[q01 + 2]! * w01 + data[q02 + 2]! * w02 + data[q10 + 2]! * w10 + data[q11 + 2]! * w11 + data[q12 + 2]! * w12 + data[q20 + 2]! * w20 + data[q21 + 2]! * w21 + data[q22 + 2]! * w22;
    }
  }
  return out;
}
