// A still photograph panned by the camera read as a 7 Hz flexion tremor (issue 13, session 7): the angles repeat with
// the camera's cycle, and the 7 Hz line is the 7th multiple of the 1 Hz flexion sway (docs/tremor-peak.md,
// "Higher overtones"). Recorded angles from realPan.fixture.ts; the sensitivity side on synthetic heads.
import { describe, expect, it } from 'vitest';
import { AXES, type Axis, type Series } from '../measures/types.ts';
import { REAL_PAN_FLEXION_DEG, REAL_PAN_FPS, REAL_PAN_ROTATION_DEG, REAL_PAN_TILT_DEG } from './realPan.fixture.ts';
import { gaussian, makeTimestampsMs, syntheticRng } from './synthetic.ts';
import { analyzeTremorSeries, HARMONIC_ALL_ORDERS_FROM_HZ } from './tremor.ts';

const TOL_FREQ_HZ = 0.1;

function recorded(): Record<Axis, Series> {
  const t = REAL_PAN_FLEXION_DEG.map((_, i) => (i * 1000) / REAL_PAN_FPS);
  return {
    rotationDeg: { timestampsMs: t, values: [...REAL_PAN_ROTATION_DEG] },
    tiltDeg: { timestampsMs: t, values: [...REAL_PAN_TILT_DEG] },
    flexionDeg: { timestampsMs: t, values: [...REAL_PAN_FLEXION_DEG] },
  };
}

type Part = { fHz: number; ampDeg: number };
function head(durationS: number, parts: Partial<Record<Axis, Part[]>>, jitterDeg: number, seed: number): Record<Axis, Series> {
  const t = makeTimestampsMs(durationS, 30, 0.1, seed);
  const out = {} as Record<Axis, Series>;
  AXES.forEach((a, i) => {
    const g = gaussian(syntheticRng(seed * 11 + i));
    out[a] = { timestampsMs: t, values: t.map((ms) => (parts[a] ?? []).reduce((s, p) => s + p.ampDeg * Math.sin((2 * Math.PI * p.fHz * ms) / 1000 + 0.3), 0) + jitterDeg * g()) };
  });
  return out;
}

describe('tremor verdict on a still face under a panning camera (recorded angles)', () => {
  it('calls no tremor: the 7.0 Hz flexion line is the 7th multiple of the 1.0 Hz flexion sway', () => {
    const r = analyzeTremorSeries(recorded());
    const flex = r.axes.flexionDeg;
    if (!flex.measurable || !flex.peak) throw new Error('expected a flexion peak');
    // The line is real in the angles (0.25° RMS, > 16.8× its floor at 2 segments): not noise, an overtone.
    expect(Math.abs(flex.peak.freqHz - 7)).toBeLessThan(TOL_FREQ_HZ);
    expect(flex.peak.rmsDeg).toBeGreaterThan(0.2);
    expect(flex.peak.verdict).toBe('harmonic-of-slower-movement');
    expect(flex.peak.harmonicOf?.n).toBe(7);
    expect(Math.abs((flex.peak.harmonicOf?.freqHz ?? 0) - 1)).toBeLessThan(TOL_FREQ_HZ);
    expect(r.headline).toBeNull();
  });
});

describe('what the higher overtones cost', () => {
  it('keeps a 7 Hz, 0.5° tremor over a slow (0.3 Hz) breathing sway: high orders only from 0.9 Hz', () => {
    expect(HARMONIC_ALL_ORDERS_FROM_HZ).toBeGreaterThan(0.3 * 2);
    for (const seed of [1, 2, 3]) {
      // 7 Hz is 7 × 1.0 but also ≈ 23 × 0.3 Hz: a slow rhythm under 0.9 Hz explains overtones up to 6× only.
      const r = analyzeTremorSeries(head(20, { flexionDeg: [{ fHz: 0.3, ampDeg: 3 }, { fHz: 7.2, ampDeg: 0.5 }] }, 0.1, seed));
      expect(r.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(r.headline!.peak.freqHz - 7.2)).toBeLessThan(TOL_FREQ_HZ);
    }
  });

  it('keeps a 6.5 Hz tremor over a 1 Hz sway (no multiple), and leaves out a 7 Hz line over the same sway', () => {
    for (const seed of [1, 2, 3]) {
      const kept = analyzeTremorSeries(head(20, { flexionDeg: [{ fHz: 1, ampDeg: 2 }, { fHz: 6.5, ampDeg: 0.5 }] }, 0.1, seed));
      expect(kept.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(kept.headline!.peak.freqHz - 6.5)).toBeLessThan(TOL_FREQ_HZ);
      const left = analyzeTremorSeries(head(20, { flexionDeg: [{ fHz: 1, ampDeg: 2 }, { fHz: 7, ampDeg: 0.5 }] }, 0.1, seed));
      const p = left.axes.flexionDeg.measurable ? left.axes.flexionDeg.peak : null;
      expect(p?.verdict).toBe('harmonic-of-slower-movement');
      expect(p?.harmonicOf?.n).toBe(7);
      expect(left.headline).toBeNull();
    }
  });
});
