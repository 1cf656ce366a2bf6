import { describe, expect, it } from 'vitest';
import {
  EAR_EYE_LINE_ABOVE_FRANKFURT_DEG, FACE_ZERO_GAIN_MARGIN, FaceZeroTracker, MAX_EAR_EYE_PITCH_GAIN, MIN_FACE_ZERO_TAKE_SPREAD_DEG,
  MIN_RIGIDITY_PITCH_SPREAD_DEG, type FaceZero,
} from './faceZero.ts';
import { FRANCK_40S_CRF35, FRANCK_40S_REF, type FaceZeroReading } from './faceZero.fixture.ts';

/** A small deterministic wobble (deg) so the readings are not exactly on a line. */
const wobble = (i: number) => 0.3 * Math.sin(i * 1.7);

/** Feeds (pitch, α) pairs as readings at both scores; returns the zero after each. */
function feed(t: FaceZeroTracker, pairs: readonly (readonly [pitchDeg: number, alphaDeg: number])[]): FaceZero[] {
  return pairs.map(([pitchDeg, alphaDeg]) => t.addReadings({ alphaDeg, pitchDeg }, alphaDeg));
}

function replay(readings: readonly FaceZeroReading[]): FaceZero[] {
  const t = new FaceZeroTracker();
  return readings.map(([, a, p, alpha]) => t.addReadings(a === null || p === null ? null : { alphaDeg: a, pitchDeg: p }, alpha));
}

const switches = (zs: readonly FaceZero[]) => zs.slice(1).filter((z, i) => z.zero !== zs[i]!.zero).length;

/** Nods: `n` readings cycling over pitches evenly spread on [centre − half, centre + half]. */
const nods = (n: number, centreDeg: number, halfDeg: number, alpha: (pitchDeg: number, i: number) => number) =>
  Array.from({ length: n }, (_, i) => {
    const p = centreDeg + halfDeg * (((i % 9) - 4) / 4);
    return [p, alpha(p, i)] as const;
  });

describe('face zero: one decision per recording', () => {
  it('keeps a zero once taken, when later readings at one pitch narrow the spread below the bar again', () => {
    const slope = EAR_EYE_LINE_ABOVE_FRANKFURT_DEG + 6; // a rigid line, 6° steeper than the norm
    const rigid = (_p: number, i: number) => slope + wobble(i);
    const t = new FaceZeroTracker();
    // Nods spanning ≈ 11°: enough to judge, not enough to take.
    const a = feed(t, nods(45, 0, 6.5, rigid));
    expect(a.at(-1)!.zero).toBe('canonical-face');
    expect(a.at(-1)!.notes).toEqual(['face-geometry-not-checked']);
    // Bigger nods (≈ 18°): taken.
    const b = feed(t, nods(45, 0, 10, rigid));
    expect(b.at(-1)!.zero).toBe('face-geometry');
    expect(Math.abs(b.at(-1)!.offsetDeg - 6)).toBeLessThan(0.5);
    // A long still stretch: the 10th–90th percentile spread of the window falls far below 10°; the zero stays.
    const c = feed(t, Array.from({ length: 400 }, (_, i) => [2, slope + wobble(i)] as const));
    expect(c.every((z) => z.zero === 'face-geometry')).toBe(true);
    expect(switches([...a, ...b, ...c])).toBe(1);
    expect(t.decision).toBe('taken');
  });

  it('skips a non-finite reading instead of letting it spoil the gain for the rest of the recording', () => {
    const t = new FaceZeroTracker();
    t.addReadings({ alphaDeg: Number.NaN, pitchDeg: 0 }, Number.POSITIVE_INFINITY);
    t.addReadings({ alphaDeg: 9, pitchDeg: Number.NaN }, 9);
    const zs = feed(t, nods(90, 0, 10, (_p, i) => 9 + wobble(i)));
    expect(zs.at(-1)!.zero).toBe('face-geometry');
    expect(Number.isFinite(zs.at(-1)!.offsetDeg)).toBe(true);
  });

  it('once refused as not rigid stays refused, though later nods bring the overall gain back under the bar', () => {
    const t = new FaceZeroTracker();
    // Points that follow the nods (gain 0.6), over ≈ 13° of pitch: refused.
    const a = feed(t, nods(45, 0, 7.5, (p, i) => 4 + 0.6 * p + wobble(i)));
    expect(a.at(-1)!.notes).toEqual(['face-geometry-not-rigid']);
    // Then a long stretch of points fixed in the head over ≈ 20° of nodding: the gain over the window falls to ≈ 0.
    const b = feed(t, nods(540, 0, 11, (_p, i) => 4 + wobble(i)));
    expect(b.every((z) => z.zero === 'canonical-face' && z.notes.includes('face-geometry-not-rigid'))).toBe(true);
    expect(t.decision).toBe('refused');
  });

  it('waits, neither taking nor refusing, while the gain sits between the two bars', () => {
    const gain = MAX_EAR_EYE_PITCH_GAIN - FACE_ZERO_GAIN_MARGIN / 2; // 0.25: under the refusal bar, above the take bar
    const t = new FaceZeroTracker();
    const zs = feed(t, nods(200, 0, 12, (p, i) => EAR_EYE_LINE_ABOVE_FRANKFURT_DEG + gain * p + wobble(i) * 0.1));
    expect(zs.every((z) => z.zero === 'canonical-face')).toBe(true);
    expect(zs.at(-1)!.notes).toEqual(['face-geometry-not-checked']);
    expect(t.decision).toBe('open');
  });

  it('refuses at the 10° spread, takes only at the wider one', () => {
    expect(MIN_FACE_ZERO_TAKE_SPREAD_DEG).toBeGreaterThan(MIN_RIGIDITY_PITCH_SPREAD_DEG);
    const t = new FaceZeroTracker();
    // A rigid line over ≈ 12° only: never taken, however many readings.
    const zs = feed(t, nods(600, 0, 7, (_p, i) => 9 + wobble(i)));
    expect(zs.every((z) => z.zero === 'canonical-face')).toBe(true);
  });

  it('a real talking person (franck 40–60 s): the zero does not flip within the recording, and two copies agree', () => {
    // The old tracker switched zeros 2 times on this copy and 6 times on its CRF 35 re-encoding (≈ 8° flexion steps).
    const ref = replay(FRANCK_40S_REF);
    const crf35 = replay(FRANCK_40S_CRF35);
    expect(ref).toHaveLength(480);
    for (const zs of [ref, crf35]) {
      expect(switches(zs)).toBeLessThanOrEqual(1);
      const first = zs.findIndex((z) => z.zero === 'face-geometry');
      if (first >= 0) expect(zs.slice(first).every((z) => z.zero === 'face-geometry')).toBe(true);
    }
    // Its pitch spans ≈ 10–11.5°: too little to take the zero; both copies stay on the average face's zero.
    expect(ref.map((z) => z.zero)).toEqual(crf35.map((z) => z.zero));
    expect(ref.every((z) => z.zero === 'canonical-face')).toBe(true);
  });
});
