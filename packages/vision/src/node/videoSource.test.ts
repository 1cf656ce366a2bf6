import { describe, expect, it } from 'vitest';
import { tuningPerWorker } from './videoSource.ts';
import { DEFAULT_TUNING } from '../humanConfig.ts';

describe('tuningPerWorker', () => {
  it('keeps the source-frame rate of each model about the same when frames are split across workers', () => {
    const t = { ...DEFAULT_TUNING, faceDetectorEveryNFrames: 30, bodyEveryNFrames: 3, handsEveryNFrames: 15 };
    expect(tuningPerWorker(t, 1)).toEqual(t);
    const w2 = tuningPerWorker(t, 2);
    expect(w2.faceDetectorEveryNFrames).toBe(15);
    expect(w2.bodyEveryNFrames).toBe(2);
    expect(w2.handsEveryNFrames).toBe(8);
    // "every frame" stays every frame, 0 (detector on every frame) stays 0
    const every = tuningPerWorker({ ...t, bodyEveryNFrames: 1, faceDetectorEveryNFrames: 0 }, 2);
    expect(every.bodyEveryNFrames).toBe(1);
    expect(every.faceDetectorEveryNFrames).toBe(0);
  });
});
