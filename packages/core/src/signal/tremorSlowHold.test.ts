// A slow hold read as a 1.56 Hz rotation tremor (issue 13, session 9): astronaut × hd-720-60 `hold-neutral-20s`, no
// tremor in the truth. The 1.56 Hz "peak" is a ripple on the skirt of the hold's slow excursions (0.12 Hz line): walking
// down from it the spectrum never falls to a valley before it rises above the peak (1.0 Hz), so the summed range ran to
// 0.53 Hz and took 0.39 deg² of the slow movement (docs/tremor-peak.md, "A ripple on a slow movement's skirt").
import { describe, expect, it } from 'vitest';
import type { Series } from '../measures/types.ts';
import { SLOW_HOLD_FPS, SLOW_HOLD_ROTATION_DEG } from './slowHold.fixture.ts';
import { analyzeTremorAxis } from './tremor.ts';

const TOL_FREQ_HZ = 0.1;
/** The ripple's own power (1.08–1.82 Hz, floor off) reads 0.10° RMS; with the slow movement's skirt summed in it read 0.62°. */
const MAX_RIPPLE_RMS_DEG = 0.2;
/** A true tremor added to the same hold must be read within this share of its RMS. */
const TOL_AMPLITUDE_SHARE = 0.2;

function recorded(addHz = 0, addAmplitudeDeg = 0): Series {
  const t = SLOW_HOLD_ROTATION_DEG.map((_, i) => (i * 1000) / SLOW_HOLD_FPS);
  return { timestampsMs: t, values: SLOW_HOLD_ROTATION_DEG.map((v, i) => v + addAmplitudeDeg * Math.sin((2 * Math.PI * addHz * (t[i] as number)) / 1000)) };
}

describe('tremor peak on the skirt of a slow hold (recorded angles)', () => {
  it('calls the 1.56 Hz ripple no tremor and does not sum the slow movement into it', () => {
    const r = analyzeTremorAxis('rotationDeg', recorded());
    if (!r.measurable || !r.peak) throw new Error('expected a rotation peak');
    expect(Math.abs(r.peak.freqHz - 1.56)).toBeLessThan(TOL_FREQ_HZ);
    expect(r.peak.verdict).toBe('beside-a-stronger-line');
    // The range stops at the dip before the slow movement's skirt (1.08 Hz), not at 0.53 Hz.
    expect(r.peak.loHz).toBeGreaterThan(1);
    expect(r.peak.rmsDeg).toBeLessThan(MAX_RIPPLE_RMS_DEG);
  });

  it.each([
    { hz: 1.2, amplitudeDeg: 0.7 },
    { hz: 2, amplitudeDeg: 0.5 },
    { hz: 4.5, amplitudeDeg: 0.3 },
  ])('still finds a $hz Hz, $amplitudeDeg° tremor added to the same hold', ({ hz, amplitudeDeg }) => {
    const r = analyzeTremorAxis('rotationDeg', recorded(hz, amplitudeDeg));
    if (!r.measurable || !r.peak) throw new Error('expected a rotation peak');
    expect(r.peak.verdict).toBe('tremor');
    expect(Math.abs(r.peak.freqHz - hz)).toBeLessThan(TOL_FREQ_HZ);
    const rmsDeg = amplitudeDeg / Math.SQRT2;
    expect(Math.abs(r.peak.rmsDeg - rmsDeg)).toBeLessThan(TOL_AMPLITUDE_SHARE * rmsDeg);
  });
});
