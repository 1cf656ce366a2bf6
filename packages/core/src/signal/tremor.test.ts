// ref: docs/clinical.md tremor bands; Welch PSD + Gaussian peak interpolation (tremor.ts). Golden tests on
// synthetic sines + noise with unit-carrying tolerances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Series } from '../measures/types.ts';
import { gaussian, makeTimestampsMs, syntheticRng, syntheticFrame } from './synthetic.ts';
import { analyzeTremor, analyzeTremorAxis, type TremorBandResult } from './tremor.ts';

const TOL_FREQ_HZ = 0.1;
const TOL_AMPLITUDE_REL = 0.1;

function sine(durationS: number, fpsHz: number, fHz: number, ampDeg: number, noiseDeg: number, seed: number, jitter = 0.1): Series {
  const g = gaussian(syntheticRng(seed));
  const t = makeTimestampsMs(durationS, fpsHz, jitter, seed);
  return { timestampsMs: t, values: t.map((ms) => ampDeg * Math.sin((2 * Math.PI * fHz * ms) / 1000 + seed) + noiseDeg * g()) };
}

function bandOf(fHz: number, bands: readonly TremorBandResult[]): TremorBandResult {
  const b = bands.find((x) => fHz >= x.loHz && fHz < x.hiHz);
  if (!b) throw new Error('no band');
  return b;
}

describe('analyzeTremorAxis', () => {
  it('recovers a pure sine: frequency within 0.1 Hz, amplitude (RMS and peak-to-peak) within 10 % (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.6, max: 7.6, noNaN: true }).filter((f) => Math.abs(f - 1.5) > 0.3 && Math.abs(f - 4.5) > 0.3),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(30, 60),
        (fHz, ampDeg, seed, fps) => {
          const r = analyzeTremorAxis('rotationDeg', sine(30, fps, fHz, ampDeg, 0.1, seed), {});
          expect(r.measurable).toBe(true);
          if (!r.measurable) return;
          const b = bandOf(fHz, r.bands);
          expect(Math.abs(b.peakFreqHz - fHz)).toBeLessThan(TOL_FREQ_HZ);
          expect(Math.abs(b.rmsDeg - ampDeg / Math.SQRT2) / (ampDeg / Math.SQRT2)).toBeLessThan(TOL_AMPLITUDE_REL);
          expect(Math.abs(b.peakToPeakDeg - 2 * ampDeg) / (2 * ampDeg)).toBeLessThan(TOL_AMPLITUDE_REL);
          expect(b.regularity).toBeGreaterThan(0.9);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('finds a 1° 3 Hz sine in 0.3° white noise within tolerance, and noise alone is irregular', () => {
    const r = analyzeTremorAxis('flexionDeg', sine(40, 30, 3, 1, 0.3, 11));
    if (!r.measurable) throw new Error('expected measurable');
    const b = bandOf(3, r.bands);
    expect(Math.abs(b.peakFreqHz - 3)).toBeLessThan(TOL_FREQ_HZ);
    expect(Math.abs(b.rmsDeg - 1 / Math.SQRT2) / (1 / Math.SQRT2)).toBeLessThan(TOL_AMPLITUDE_REL);
    const noise = analyzeTremorAxis('flexionDeg', sine(40, 30, 3, 0, 0.3, 12));
    if (!noise.measurable) throw new Error('expected measurable');
    expect(bandOf(3, noise.bands).regularity).toBeLessThan(0.5);
  });

  it('finds a 2 Hz irregular (frequency-jittered) tremor near 2 Hz', () => {
    const rand = syntheticRng(9);
    const g = gaussian(syntheticRng(10));
    const t = makeTimestampsMs(60, 30, 0.1, 7);
    let phase = 0;
    let f = 2;
    let last = 0;
    const values = t.map((ms) => {
      const dt = (ms - last) / 1000;
      last = ms;
      f += (2 - f) * 0.02 + (rand() - 0.5) * 0.12; // random walk around 2 Hz (± ≈ 0.3 Hz)
      phase += 2 * Math.PI * f * dt;
      return 1.5 * Math.sin(phase) + 0.3 * g();
    });
    const r = analyzeTremorAxis('rotationDeg', { timestampsMs: t, values });
    if (!r.measurable) throw new Error('expected measurable');
    const b = bandOf(2, r.bands);
    expect(Math.abs(b.peakFreqHz - 2)).toBeLessThan(0.25);
    expect(b.rmsDeg).toBeGreaterThan(0.8);
  });

  it('does not high-pass the slow band: a 0.8 Hz sway is kept in 0–1.5 Hz', () => {
    const r = analyzeTremorAxis('tiltDeg', sine(40, 30, 0.8, 3, 0.1, 3));
    if (!r.measurable) throw new Error('expected measurable');
    expect(Math.abs((r.bands[0] as TremorBandResult).peakFreqHz - 0.8)).toBeLessThan(TOL_FREQ_HZ);
    expect((r.bands[0] as TremorBandResult).rmsDeg).toBeGreaterThan(0.9 * (3 / Math.SQRT2));
  });

  it('works across gaps: uses every continuous run ≥ 8 s; says what is needed when there is too little', () => {
    const s = sine(40, 30, 2.5, 2, 0.1, 5, 0);
    const values = s.values.map((v, i) => (i > 500 && i < 520 ? null : v)); // a 0.67 s hole
    const r = analyzeTremorAxis('rotationDeg', { timestampsMs: s.timestampsMs, values });
    if (!r.measurable) throw new Error('expected measurable');
    expect(Math.abs(bandOf(2.5, r.bands).peakFreqHz - 2.5)).toBeLessThan(TOL_FREQ_HZ);
    expect(r.analysedS).toBeLessThan(40);
    expect(r.analysedS).toBeGreaterThan(35);
    // Holes every 5 s: never 8 s continuous.
    const holes = s.values.map((v, i) => (i % 150 < 10 ? null : v));
    const nm = analyzeTremorAxis('rotationDeg', { timestampsMs: s.timestampsMs, values: holes });
    expect(nm.measurable).toBe(false);
    if (nm.measurable) return;
    expect(nm.reason).toBe('too-little-continuous-data');
    expect(nm.needed.minContinuousS).toBe(8);
    expect(nm.needed.longestContinuousS).toBeGreaterThan(4.5);
    expect(nm.needed.longestContinuousS).toBeLessThan(8);
    const empty = analyzeTremorAxis('rotationDeg', { timestampsMs: [], values: [] });
    expect(empty.measurable).toBe(false);
  });

  it('handles a variable frame rate (steps 22–45 ms at random): frequency within 0.1 Hz, RMS within 10 %', () => {
    const rand = syntheticRng(21);
    const g = gaussian(syntheticRng(22));
    const t: number[] = [];
    for (let ms = 0; ms < 40_000; ms += 22 + rand() * 23) t.push(ms);
    for (const fHz of [2.3, 5.2]) {
      const values = t.map((ms) => 2 * Math.sin((2 * Math.PI * fHz * ms) / 1000) + 0.1 * g());
      const r = analyzeTremorAxis('rotationDeg', { timestampsMs: t, values });
      if (!r.measurable) throw new Error('expected measurable');
      const b = bandOf(fHz, r.bands);
      expect(Math.abs(b.peakFreqHz - fHz)).toBeLessThan(TOL_FREQ_HZ);
      expect(Math.abs(b.rmsDeg - Math.SQRT2) / Math.SQRT2).toBeLessThan(TOL_AMPLITUDE_REL);
    }
  });

  it('refuses a frame rate whose Nyquist limit is below the main tremor band', () => {
    const r = analyzeTremorAxis('rotationDeg', sine(40, 8, 2, 2, 0.1, 5));
    expect(r.measurable).toBe(false);
    if (!r.measurable) expect(r.reason).toBe('frame-rate-too-low');
  });

  it('reports the 4.5–8 Hz band as truncated at Nyquist for 12 fps-like input', () => {
    const r = analyzeTremorAxis('rotationDeg', sine(40, 12, 2, 2, 0.1, 5));
    if (!r.measurable) throw new Error('expected measurable');
    expect((r.bands[2] as TremorBandResult).analysedUpToHz).toBeCloseTo(6, 1);
  });
});

describe('analyzeTremor (frames)', () => {
  it('names the dominant axis per band and overall, and is deterministic', () => {
    const t = makeTimestampsMs(30, 30, 0.1, 2);
    const g = gaussian(syntheticRng(4));
    const frames = t.map((ms, i) =>
      syntheticFrame(i, ms, {
        rotationDeg: 1 * Math.sin((2 * Math.PI * 2 * ms) / 1000) + 0.1 * g(),
        tiltDeg: 0.3 * Math.sin((2 * Math.PI * 5 * ms) / 1000) + 0.1 * g(),
        flexionDeg: 2.5 * Math.sin((2 * Math.PI * 2.2 * ms) / 1000) + 0.1 * g(),
      }),
    );
    const r = analyzeTremor(frames);
    expect(r.dominantTremorAxis).toBe('flexionDeg');
    expect(r.dominantAxisByBand['1.5-4.5Hz']).toBe('flexionDeg');
    expect(r.dominantAxisByBand['4.5-8Hz']).toBe('tiltDeg');
    const again = analyzeTremor(frames);
    expect(JSON.stringify(again.dominantAxisByBand)).toBe(JSON.stringify(r.dominantAxisByBand));
    if (r.axes.flexionDeg.measurable && again.axes.flexionDeg.measurable) expect(again.axes.flexionDeg.bands).toEqual(r.axes.flexionDeg.bands);
  });
});
