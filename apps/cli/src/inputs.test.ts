import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '@geste/vision';
import { defaultDetectorThreadsFor } from './inputs.ts';

const HUMAN_CROP = { ...DEFAULT_TUNING, faceMeshRoi: 'human' as const };
const OWN_ROI = { ...DEFAULT_TUNING, faceMeshRoi: 'own' as const };

describe('defaultDetectorThreadsFor', () => {
  it("uses the two-core pipeline only for Human's crop on a machine with a free core", () => {
    expect(defaultDetectorThreadsFor(HUMAN_CROP, 2, 0.4)).toBe(2);
    expect(defaultDetectorThreadsFor(HUMAN_CROP, 8, 3)).toBe(2);
    // busy: the two threads would stall each other
    expect(defaultDetectorThreadsFor(HUMAN_CROP, 2, 1.5)).toBe(1);
    expect(defaultDetectorThreadsFor(HUMAN_CROP, 1, 0)).toBe(1);
  });

  it('keeps the cheap own-ROI face path in one thread, idle or not', () => {
    expect(defaultDetectorThreadsFor(OWN_ROI, 2, 0)).toBe(1);
    expect(defaultDetectorThreadsFor(OWN_ROI, 8, 0)).toBe(1);
    // the iris model needs Human's crop, so the own ROI does not run then
    expect(defaultDetectorThreadsFor({ ...OWN_ROI, iris: true }, 2, 0)).toBe(2);
  });
});
