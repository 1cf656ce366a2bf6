/**
 * Research mode's detector threads per video: the same rule as `geste analyze` on one video — one thread with the
 * own face-mesh ROI (the default tuning research jobs run), the cores left per video with Human's crop.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '@geste/vision';
import { defaultDetectorThreads } from '../src/research/local.ts';
import { defaultDetectorThreadsFor } from '../src/inputs.ts';

const OWN_ROI = { ...DEFAULT_TUNING, faceMeshRoi: 'own' as const };
const HUMAN_CROP = { ...DEFAULT_TUNING, faceMeshRoi: 'human' as const };

describe('defaultDetectorThreads (research mode)', () => {
  it('gives each video one thread with the default tuning, which reads the own ROI, however many cores are free', () => {
    expect(DEFAULT_TUNING.faceMeshRoi ?? 'own').toBe('own');
    for (const [jobs, cores] of [[1, 2], [1, 8], [2, 2], [2, 16], [4, 4]] as const) expect(defaultDetectorThreads(jobs, cores)).toBe(1);
    expect(defaultDetectorThreads(1, 8, OWN_ROI)).toBe(1);
  });

  it("splits the cores between the videos with Human's crop (or the iris model, which needs it)", () => {
    expect(defaultDetectorThreads(1, 2, HUMAN_CROP)).toBe(2);
    expect(defaultDetectorThreads(2, 8, HUMAN_CROP)).toBe(4);
    expect(defaultDetectorThreads(3, 2, HUMAN_CROP)).toBe(1);
    expect(defaultDetectorThreads(1, 4, { ...OWN_ROI, iris: true })).toBe(4);
  });

  it('agrees with what geste analyze picks for one video on an idle machine, for either crop', () => {
    for (const t of [OWN_ROI, HUMAN_CROP, { ...OWN_ROI, iris: true }]) expect(defaultDetectorThreads(1, 2, t)).toBe(defaultDetectorThreadsFor(t, 2, 0));
  });
});
