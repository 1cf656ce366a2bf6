// ref: jerks.ts (threshold + minimum excursion + refractory on a smoothed signal). Scripted jerks on top
// of slow drift, tremor and noise.
import { describe, expect, it } from 'vitest';
import { AXES, type Axis, type Series } from '../measures/types.ts';
import { detectJerks, detectJerksSeries, runningMedian, type Jerk } from './jerks.ts';
import { bumpDeg, gaussian, makeTimestampsMs, syntheticRng, syntheticFrame } from './synthetic.ts';

const TOL_PEAK_MS = 250;

interface Scripted {
  readonly startMs: number;
  readonly durationMs: number;
  readonly amplitudeDeg: number;
  readonly axis: Axis;
}

function script(seed: number, durationS: number): Scripted[] {
  const rand = syntheticRng(seed);
  const out: Scripted[] = [];
  let at = 2000;
  while (at < durationS * 1000 - 4000) {
    out.push({
      startMs: at,
      durationMs: 100 + rand() * 400,
      amplitudeDeg: (rand() < 0.5 ? -1 : 1) * (10 + rand() * 10),
      axis: AXES[Math.floor(rand() * 3)] as Axis,
    });
    at += 1500 + rand() * 4000;
  }
  return out;
}

function session(seed: number, durationS: number, jerks: readonly Scripted[], tremorDeg: number, noiseDeg: number, fps = 30): Record<Axis, Series> {
  const g = gaussian(syntheticRng(seed + 1000));
  const t = makeTimestampsMs(durationS, fps, noiseDeg > 0 ? 0.15 : 0, seed);
  const out = {} as Record<Axis, Series>;
  AXES.forEach((axis, ai) => {
    out[axis] = {
      timestampsMs: t,
      values: t.map(
        (ms) =>
          5 * Math.sin((2 * Math.PI * ms) / 30000 + ai) + // slow drift, ±5° over 30 s
          8 * (ai - 1) + // a posture offset
          tremorDeg * Math.sin((2 * Math.PI * (2 + 0.7 * ai) * ms) / 1000) +
          noiseDeg * g() +
          jerks.filter((j) => j.axis === axis).reduce((s, j) => s + bumpDeg(ms, j.startMs, j.durationMs, j.amplitudeDeg), 0),
      ),
    };
  });
  return out;
}

function score(found: readonly Jerk[], truth: readonly Scripted[]): { recall: number; precision: number } {
  const peakOf = (j: Scripted): number => j.startMs + j.durationMs / 2;
  const tp = truth.filter((s) => found.some((j) => Math.abs(j.peakMs - peakOf(s)) <= TOL_PEAK_MS)).length;
  const good = found.filter((j) => truth.some((s) => Math.abs(j.peakMs - peakOf(s)) <= TOL_PEAK_MS)).length;
  return { recall: truth.length ? tp / truth.length : 1, precision: found.length ? good / found.length : 1 };
}

describe('detectJerks', () => {
  it('counts exactly on clean scripts, with axis, sign, timing and peak velocity', () => {
    const truth: Scripted[] = [
      { startMs: 3000, durationMs: 300, amplitudeDeg: 15, axis: 'rotationDeg' },
      { startMs: 7000, durationMs: 120, amplitudeDeg: -12, axis: 'tiltDeg' },
      { startMs: 11000, durationMs: 500, amplitudeDeg: 20, axis: 'flexionDeg' },
      { startMs: 15000, durationMs: 200, amplitudeDeg: -10, axis: 'rotationDeg' },
    ];
    const r = detectJerksSeries(session(1, 20, truth, 0, 0));
    expect(r.count).toBe(4);
    r.jerks.forEach((j, i) => {
      const s = truth[i] as Scripted;
      expect(j.axis).toBe(s.axis);
      expect(Math.sign(j.excursionDeg)).toBe(Math.sign(s.amplitudeDeg));
      expect(Math.abs(j.peakMs - (s.startMs + s.durationMs / 2))).toBeLessThanOrEqual(40);
      expect(j.startMs).toBeGreaterThanOrEqual(s.startMs - 40);
      expect(j.endMs).toBeLessThanOrEqual(s.startMs + s.durationMs + 40);
      // Raised cosine peak velocity = π·A/D; smoothing may only lower it.
      const vTrue = (Math.PI * Math.abs(s.amplitudeDeg)) / (s.durationMs / 1000);
      expect(j.peakVelocityDegPerS).toBeLessThanOrEqual(vTrue * 1.05);
      // At 30 fps a 120 ms jerk spans < 4 frames: the sampled velocity underestimates its true peak
      // (documented limit); from 300 ms on the estimate is within 30 %.
      expect(j.peakVelocityDegPerS).toBeGreaterThan(vTrue * (s.durationMs >= 300 ? 0.7 : 0.3));
    });
    expect(r.perMinute).toBeCloseTo(4 / (r.measuredS / 60), 9);
    expect(r.measuredS).toBeGreaterThan(19.9);
    expect(r.peakVelocityDegPerS).toBe(Math.max(...r.jerks.map((j) => j.peakVelocityDegPerS)));
  });

  it('≥ 90 % recall and precision on scripted jerks over drift, 1.5° tremor and 0.5° noise (several seeds)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const truth = script(seed, 120);
      const r = detectJerksSeries(session(seed, 120, truth, 1.5, 0.5));
      const { recall, precision } = score(r.jerks, truth);
      expect(recall, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
      expect(precision, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds no jerks in tremor (3° at 2 Hz, 1.5° at 5 Hz), drift and noise alone', () => {
    for (const tremor of [3, 1.5]) {
      const r = detectJerksSeries(session(7, 120, [], tremor, 0.7));
      expect(r.count).toBe(0);
      expect(r.perMinute).toBe(0);
      expect(r.peakVelocityDegPerS).toBeNull();
    }
  });

  it('a lasting change of posture (a step that stays) is not a jerk; a slow 15° swing over 3 s is not either', () => {
    const t = makeTimestampsMs(20, 30);
    const step: Series = { timestampsMs: t, values: t.map((ms) => (ms > 8000 ? 15 : 0)) };
    const slow: Series = { timestampsMs: t, values: t.map((ms) => bumpDeg(ms, 5000, 3000, 15)) };
    const flat: Series = { timestampsMs: t, values: t.map(() => 0) };
    expect(detectJerksSeries({ rotationDeg: step, tiltDeg: flat, flexionDeg: flat }).count).toBe(0);
    expect(detectJerksSeries({ rotationDeg: slow, tiltDeg: flat, flexionDeg: flat }).count).toBe(0);
  });

  it('one movement seen on two axes, or with a rebound within the refractory time, counts once', () => {
    const t = makeTimestampsMs(10, 30);
    const rot: Series = { timestampsMs: t, values: t.map((ms) => bumpDeg(ms, 3000, 300, 15) + bumpDeg(ms, 3400, 200, -8)) };
    const tilt: Series = { timestampsMs: t, values: t.map((ms) => bumpDeg(ms, 3050, 300, 10)) };
    const flat: Series = { timestampsMs: t, values: t.map(() => 0) };
    const r = detectJerksSeries({ rotationDeg: rot, tiltDeg: tilt, flexionDeg: flat });
    expect(r.count).toBe(1);
    expect(r.jerks[0]?.axis).toBe('rotationDeg');
  });

  it('does not count a jerk cut by a not-measurable gap, and excludes unmeasured time from the rate', () => {
    const t = makeTimestampsMs(20, 30);
    const frames = t.map((ms, i) => {
      const hidden = ms > 9000 && ms < 12000; // the face is hidden for 3 s
      const v = bumpDeg(ms, 4000, 300, 15) + bumpDeg(ms, 11800, 400, 15);
      return syntheticFrame(i, ms, hidden ? { rotationDeg: null, tiltDeg: null, flexionDeg: null } : { rotationDeg: v, tiltDeg: 0, flexionDeg: 0 });
    });
    const r = detectJerks(frames);
    expect(r.count).toBe(1);
    expect(r.measuredS).toBeGreaterThan(16.5);
    expect(r.measuredS).toBeLessThan(17.5);
    expect(detectJerks([]).perMinute).toBeNull();
  });

  it('runningMedian matches a brute-force median', () => {
    const rand = syntheticRng(3);
    const x = Array.from({ length: 101 }, () => Math.round(rand() * 20));
    const m = runningMedian(x, 4);
    for (let i = 0; i < x.length; i++) {
      const w = x.slice(Math.max(0, i - 4), Math.min(x.length, i + 5)).sort((a, b) => a - b);
      const ref = w.length % 2 ? (w[w.length >> 1] as number) : ((w[(w.length >> 1) - 1] as number) + (w[w.length >> 1] as number)) / 2;
      expect(m[i]).toBe(ref);
    }
  });
});
