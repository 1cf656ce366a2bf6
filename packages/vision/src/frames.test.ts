import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitWithin } from './frames.ts';

describe('fitWithin', () => {
  it('keeps 640×480 as is and brings 4K and portrait within 640', () => {
    expect(fitWithin(640, 480, 640)).toEqual({ widthPx: 640, heightPx: 480 });
    expect(fitWithin(3840, 2160, 640)).toEqual({ widthPx: 640, heightPx: 360 });
    expect(fitWithin(1080, 1920, 640)).toEqual({ widthPx: 360, heightPx: 640 });
  });
  it('never exceeds the max, never upscales, keeps the aspect ratio within 2 px, even sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8000 }), fc.integer({ min: 2, max: 8000 }), fc.integer({ min: 16, max: 2000 }), (w, h, max) => {
        const o = fitWithin(w, h, max);
        expect(Math.max(o.widthPx, o.heightPx)).toBeLessThanOrEqual(Math.max(max, 2));
        expect(o.widthPx).toBeLessThanOrEqual(Math.max(w, 2));
        expect(o.heightPx).toBeLessThanOrEqual(Math.max(h, 2));
        expect(o.widthPx % 2).toBe(0);
        expect(o.heightPx % 2).toBe(0);
        const s = Math.min(1, max / Math.max(w, h));
        expect(Math.abs(o.widthPx - w * s)).toBeLessThanOrEqual(2);
        expect(Math.abs(o.heightPx - h * s)).toBeLessThanOrEqual(2);
      }),
    );
  });
});
