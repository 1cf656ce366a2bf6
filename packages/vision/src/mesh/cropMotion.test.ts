import { describe, expect, it } from 'vitest';
import { needsRecentre, offCentrePx, predictRoi, pushCentre, PREDICT_MIN_SHARE, RECENTRE_SHARE, type CentreHistory } from './cropMotion.ts';
import type { MeshRoi } from './roi.ts';

const roi = (x: number, y: number, side = 300): MeshRoi => ({ centerXPx: x, centerYPx: y, sizePx: side, angleRad: 0.1 });

describe('needsRecentre', () => {
  it('re-reads a face more than 1 % of the side off its crop’s centre, not one within it', () => {
    const read = roi(100, 100);
    expect(offCentrePx(read, roi(103, 104))).toBeCloseTo(5, 9);
    expect(needsRecentre(read, roi(100 + 0.9 * RECENTRE_SHARE * 300, 100))).toBe(false);
    expect(needsRecentre(read, roi(100, 100 - 1.1 * RECENTRE_SHARE * 300))).toBe(true);
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
