import { describe, expect, it } from 'vitest';
import { cropPointToImage, sampleRoi, steadySideWeights, EYE_CORNER_LEFT, EYE_CORNER_RIGHT, MIN_ROI_PX, roiFromDetectorBox, roiFromMesh, roiOverlap, roiSampling, roiTrackable, ROI_SCALE } from './roi.ts';

const CLOSE_PX = 1e-6;
const CLOSE_RAD = 1e-9;

/** A 468-point "mesh": points on an ellipse around (cx, cy), rotated by `angleRad`, eye corners on its x axis. */
function syntheticMesh(cx: number, cy: number, halfWidthPx: number, halfHeightPx: number, angleRad: number): number[][] {
  const pts: number[][] = [];
  const c = Math.cos(angleRad), s = Math.sin(angleRad);
  const put = (u: number, v: number): number[] => [cx + c * u - s * v, cy + s * u + c * v, 0];
  for (let i = 0; i < 468; i++) {
    const t = (2 * Math.PI * i) / 468;
    pts.push(put(halfWidthPx * Math.cos(t), halfHeightPx * Math.sin(t)));
  }
  pts[EYE_CORNER_RIGHT] = put(-0.6 * halfWidthPx, 0);
  pts[EYE_CORNER_LEFT] = put(0.6 * halfWidthPx, 0);
  return pts;
}

describe('roiFromMesh', () => {
  it('centres a square 1.5× the landmarks’ longer extent on their box, rotated to the eye line', () => {
    const angle = 0.4;
    const roi = roiFromMesh(syntheticMesh(300, 200, 60, 80, angle))!;
    expect(roi.angleRad).toBeCloseTo(angle, 9);
    expect(roi.centerXPx).toBeCloseTo(300, 6);
    expect(roi.centerYPx).toBeCloseTo(200, 6);
    expect(roi.sizePx).toBeCloseTo(ROI_SCALE * 160, 3);
  });

  it('keeps the crop upright when rotation is off', () => {
    const roi = roiFromMesh(syntheticMesh(300, 200, 60, 80, 0.4), { rotate: false })!;
    expect(roi.angleRad).toBe(0);
  });

  it('gives no ROI for a short or non-finite mesh', () => {
    expect(roiFromMesh([[1, 2, 3]])).toBeNull();
    const m = syntheticMesh(300, 200, 60, 80, 0);
    m[10] = [Number.NaN, 0, 0];
    expect(roiFromMesh(m)).toBeNull();
  });
});

/** 468 points of a rigid 3-D head shape (an ellipsoid, px) bent by `pitchRad` and turned by `yawRad`, projected. */
function posedHead(pitchRad: number, yawRad: number): number[][] {
  const pts: number[][] = [];
  const cp = Math.cos(pitchRad), sp = Math.sin(pitchRad), cy = Math.cos(yawRad), sy = Math.sin(yawRad);
  for (let i = 0; i < 468; i++) {
    const t = (2 * Math.PI * i) / 468, p = Math.acos(1 - (2 * (i + 0.5)) / 468);
    const x0 = 70 * Math.sin(p) * Math.cos(t), y0 = 95 * Math.cos(p), z0 = 40 * Math.sin(p) * Math.sin(t);
    const y = cp * y0 - sp * z0, z1 = sp * y0 + cp * z0;
    const x = cy * x0 + sy * z1;
    pts.push([300 + x, 220 + y, 0]);
  }
  return pts;
}

describe('pose-steady crop side', () => {
  it('is MediaPipe’s side on the first mesh and stays when the head bends or turns, where MediaPipe’s shrinks on a bend', () => {
    const start = posedHead(0, 0);
    const weights = steadySideWeights(start, { rotate: false })!;
    const side = (m: number[][]) => roiFromMesh(m, { rotate: false, extentWeights: weights })!.sizePx;
    const mediaPipe = (m: number[][]) => roiFromMesh(m, { rotate: false })!.sizePx;
    expect(side(start)).toBeCloseTo(mediaPipe(start), 9);
    const bent = posedHead(0.5, 0), turned = posedHead(0, 0.6);
    expect(Math.abs(side(bent) / side(start) - 1)).toBeLessThan(0.01);
    expect(Math.abs(side(turned) / side(start) - 1)).toBeLessThan(0.01);
    // MediaPipe's side is the outline's height here, which a forward bend shortens: the cause of the flexion over-read.
    expect(mediaPipe(bent)).toBeLessThan(0.95 * mediaPipe(start));
  });

  it('gives no weights for a short, flat or non-finite mesh', () => {
    expect(steadySideWeights([[1, 2, 3]])).toBeNull();
    expect(steadySideWeights(Array.from({ length: 468 }, () => [5, 5, 5]))).toBeNull();
    const m = posedHead(0, 0);
    m[7] = [0, Number.POSITIVE_INFINITY, 0];
    expect(steadySideWeights(m)).toBeNull();
  });
});

describe('crop ↔ image mapping', () => {
  it('the sampling matrix and the point mapping are the same transform (pixel centres at +0.5)', () => {
    const roi = { centerXPx: 321.5, centerYPx: 207.25, sizePx: 230, angleRad: -0.3 };
    const a = roiSampling(roi, 192);
    for (const [u, v] of [[0, 0], [191, 0], [95.5, 95.5], [10, 180]] as const) {
      // Output pixel (u, v) centre is crop coordinate (u + 0.5, v + 0.5); the sampled input index is image − 0.5.
      const [x, y] = cropPointToImage(roi, 192, [u + 0.5, v + 0.5, 0]);
      expect(a[0] * u + a[1] * v + a[2]).toBeCloseTo(x - 0.5, 6);
      expect(a[3] * u + a[4] * v + a[5]).toBeCloseTo(y - 0.5, 6);
    }
  });

  it('maps the crop centre to the ROI centre and keeps z', () => {
    const roi = { centerXPx: 100, centerYPx: 50, sizePx: 96, angleRad: 1.1 };
    const [x, y, z] = cropPointToImage(roi, 192, [96, 96, -7]);
    expect(Math.abs(x - 100)).toBeLessThan(CLOSE_PX);
    expect(Math.abs(y - 50)).toBeLessThan(CLOSE_PX);
    expect(z).toBe(-7);
  });

  it('a mesh read in its own ROI maps back onto itself (round trip)', () => {
    const mesh = syntheticMesh(250, 260, 50, 70, 0.25);
    const roi = roiFromMesh(mesh)!;
    const k = roi.sizePx / 192, c = Math.cos(roi.angleRad), s = Math.sin(roi.angleRad);
    for (const p of [mesh[0]!, mesh[EYE_CORNER_LEFT]!, mesh[200]!]) {
      const dx = p[0]! - roi.centerXPx, dy = p[1]! - roi.centerYPx;
      const crop = [(c * dx + s * dy) / k + 96, (-s * dx + c * dy) / k + 96, 0];
      const [x, y] = cropPointToImage(roi, 192, crop);
      expect(Math.abs(x - p[0]!)).toBeLessThan(CLOSE_PX);
      expect(Math.abs(y - p[1]!)).toBeLessThan(CLOSE_PX);
    }
  });
});

describe('roiFromDetectorBox', () => {
  it('uses the box centre and side and the eye line within ±90°, whichever eye comes first', () => {
    const box = { xPx: 100, yPx: 80, widthPx: 200, heightPx: 200 };
    const a = roiFromDetectorBox(box, [[150, 150], [250, 170]]);
    const b = roiFromDetectorBox(box, [[250, 170], [150, 150]]);
    expect(a.centerXPx).toBe(200);
    expect(a.centerYPx).toBe(180);
    expect(a.sizePx).toBe(200);
    expect(Math.abs(a.angleRad - Math.atan2(20, 100))).toBeLessThan(CLOSE_RAD);
    expect(Math.abs(b.angleRad - a.angleRad)).toBeLessThan(CLOSE_RAD);
    expect(roiFromDetectorBox(box, null).angleRad).toBe(0);
  });
});

describe('roiTrackable and roiOverlap', () => {
  it('refuses tiny crops and crops centred off the image', () => {
    expect(roiTrackable({ centerXPx: 10, centerYPx: 10, sizePx: MIN_ROI_PX - 1, angleRad: 0 }, 640, 480)).toBe(false);
    expect(roiTrackable({ centerXPx: -5, centerYPx: 10, sizePx: 100, angleRad: 0 }, 640, 480)).toBe(false);
    expect(roiTrackable({ centerXPx: 320, centerYPx: 240, sizePx: 100, angleRad: 0 }, 640, 480)).toBe(true);
  });

  it('is 1 for the same crop and 0 for disjoint ones', () => {
    const r = { centerXPx: 100, centerYPx: 100, sizePx: 50, angleRad: 0 };
    expect(roiOverlap(r, r)).toBeCloseTo(1, 12);
    expect(roiOverlap(r, { ...r, centerXPx: 300 })).toBe(0);
  });
});

describe('sampleRoi', () => {
  it('an upright ROI exactly over a 2×2 RGBA image reads its pixels (scaled to 0..1) at the output pixel centres', () => {
    // 2×2 RGBA: red, green / blue, white. Output 2×2 over the whole image: one output pixel per input pixel.
    const data = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    const out = sampleRoi({ data, widthPx: 2, heightPx: 2, channels: 4 }, { centerXPx: 1, centerYPx: 1, sizePx: 2, angleRad: 0 }, 2);
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('interpolates between pixels and reads black outside the image', () => {
    const data = new Uint8Array([0, 0, 0, 200, 200, 200]); // 2×1 RGB: black, grey
    // A 1-pixel crop centred between the two pixels: half of each.
    const mid = sampleRoi({ data, widthPx: 2, heightPx: 1, channels: 3 }, { centerXPx: 1, centerYPx: 0.5, sizePx: 1, angleRad: 0 }, 1);
    expect(mid[0]).toBeCloseTo(100 / 255, 6);
    const outside = sampleRoi({ data, widthPx: 2, heightPx: 1, channels: 3 }, { centerXPx: 50, centerYPx: 50, sizePx: 4, angleRad: 0.3 }, 4);
    expect(Array.from(outside).every((v) => v === 0)).toBe(true);
  });

  it('a 90° ROI rotates the crop: the image’s columns become the crop’s rows', () => {
    // 3×3 grey ramp by column (0, 100, 200), RGB. Crop axis x points down the image (angle +90°).
    const data = new Uint8Array(27);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) data.fill(x * 100, (y * 3 + x) * 3, (y * 3 + x) * 3 + 3);
    const out = sampleRoi({ data, widthPx: 3, heightPx: 3, channels: 3 }, { centerXPx: 1.5, centerYPx: 1.5, sizePx: 3, angleRad: Math.PI / 2 }, 3);
    // Crop (u, v) reads image (x = 2 − v, y = u): each crop row is one image column (constant), rows run 200, 100, 0.
    const grey = (u: number, v: number): number => Math.round(out[(v * 3 + u) * 3]! * 255);
    expect([grey(0, 0), grey(1, 0), grey(2, 0)]).toEqual([200, 200, 200]);
    expect([grey(0, 0), grey(0, 1), grey(0, 2)]).toEqual([200, 100, 0]);
  });
});
