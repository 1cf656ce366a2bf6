import { describe, expect, it } from 'vitest';
import { needsRecentre, offCentrePx, offsetInCropPx, predictRoi, pushCentre, PREDICT_MIN_SHARE, RECENTRE_SHARE, type CentreHistory } from './cropMotion.ts';
import type { MeshRoi } from './roi.ts';

const roi = (x: number, y: number, side = 300): MeshRoi => ({ centerXPx: x, centerYPx: y, sizePx: side, angleRad: 0.1 });

describe('needsRecentre', () => {
  it('on a circle (a number): re-reads a face more than that share of the side off its crop’s centre, not one within it', () => {
    const read = roi(100, 100);
    expect(offCentrePx(read, roi(103, 104))).toBeCloseTo(5, 9);
    expect(needsRecentre(read, roi(100 + 0.9 * 0.01 * 300, 100), 0.01)).toBe(false);
    expect(needsRecentre(read, roi(100, 100 - 1.1 * 0.01 * 300), 0.01)).toBe(true);
  });

  it('measures the offset along the crop’s own axes (the eye line and across it), not the image’s', () => {
    const read: MeshRoi = { centerXPx: 200, centerYPx: 150, sizePx: 300, angleRad: Math.PI / 6 };
    // 4 px along the crop's x axis (30° below the image's x on screen), then 2 px along its y axis.
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    const next = { ...read, centerXPx: 200 + 4 * c - 2 * s, centerYPx: 150 + 4 * s + 2 * c };
    const o = offsetInCropPx(read, next);
    expect(o.alongEyesPx).toBeCloseTo(4, 9);
    expect(o.acrossEyesPx).toBeCloseTo(2, 9);
  });

  it('by default re-reads a face off-centre across the eyes by more than 1 % of the side, along them only beyond 1.5 %', () => {
    const read = roi(100, 100); // angle 0.1 rad
    const shifted = (along: number, across: number): MeshRoi => {
      const c = Math.cos(read.angleRad), s = Math.sin(read.angleRad);
      return { ...read, centerXPx: 100 + along * c - across * s, centerYPx: 100 + along * s + across * c };
    };
    const side = read.sizePx;
    expect(RECENTRE_SHARE).toEqual({ alongEyes: 0.015, acrossEyes: 0.01 });
    // Across the eyes: the pan's vertical part, which the crop's move-ahead leaves behind.
    expect(needsRecentre(read, shifted(0, 0.9 * 0.01 * side))).toBe(false);
    expect(needsRecentre(read, shifted(0, -1.1 * 0.01 * side))).toBe(true);
    // Along the eyes, 1.4 % (re-read by session 6's 1 % circle) is left to the move-ahead; 1.6 % is re-read.
    expect(needsRecentre(read, shifted(1.4 * 0.01 * side, 0))).toBe(false);
    expect(needsRecentre(read, shifted(-1.6 * 0.01 * side, 0))).toBe(true);
    // Both within their shares, though 1.6 % of the side off on the diagonal: no re-read.
    expect(needsRecentre(read, shifted(1.4 * 0.01 * side, 0.8 * 0.01 * side))).toBe(false);
    // Never on a still face (the mesh centre's jitter, ≈ 0.05 % of the side).
    expect(needsRecentre(read, shifted(0.0005 * side, -0.0005 * side))).toBe(false);
  });

  it('never re-reads with Infinity (the tracker option that turns it off)', () => {
    const read = roi(100, 100);
    expect(needsRecentre(read, roi(160, 40), Infinity)).toBe(false);
    expect(needsRecentre(read, roi(160, 40), { alongEyes: Infinity, acrossEyes: Infinity })).toBe(false);
  });

  it('scales with the crop side: the same 4 px offset across the eyes is re-read on a 300 px crop, not on a 500 px one', () => {
    expect(needsRecentre(roi(100, 100, 300), roi(100 - 4 * Math.sin(0.1), 100 + 4 * Math.cos(0.1), 300))).toBe(true);
    expect(needsRecentre(roi(100, 100, 500), roi(100 - 4 * Math.sin(0.1), 100 + 4 * Math.cos(0.1), 500))).toBe(false);
  });
});

describe('predictRoi', () => {
  it('moves the next crop by the mean of the last two moves of the face', () => {
    let h: CentreHistory = [];
    for (const x of [100, 106, 110]) h = pushCentre(h, roi(x, 50));
    const p = predictRoi(roi(110, 50), h);
    expect(p.centerXPx).toBeCloseTo(115, 9);
    expect(p.centerYPx).toBeCloseTo(50, 9);
    expect(p.sizePx).toBe(300);
    expect(p.angleRad).toBe(0.1);
  });

  it('keeps the crop where the mesh puts it for a still face (motion under the mesh’s jitter) or a new track', () => {
    let h: CentreHistory = [];
    const jitter = 0.9 * PREDICT_MIN_SHARE * 300;
    for (const x of [100, 100 + jitter, 100 + 2 * jitter]) h = pushCentre(h, roi(x, 50));
    expect(predictRoi(roi(100 + 2 * jitter, 50), h).centerXPx).toBe(100 + 2 * jitter);
    expect(predictRoi(roi(120, 50), pushCentre(pushCentre([], roi(100, 50)), roi(120, 50))).centerXPx).toBe(120);
  });

  it('keeps only the last three centres', () => {
    let h: CentreHistory = [];
    for (const x of [1, 2, 3, 4, 5]) h = pushCentre(h, roi(x, 0));
    expect(h.map((c) => c[0])).toEqual([3, 4, 5]);
  });
});
