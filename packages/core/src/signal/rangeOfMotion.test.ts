// ref: rangeOfMotion.ts — sustained extreme (≥ 200 ms) rather than a single-frame spike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeOfMotion, sustainedMax } from './rangeOfMotion.ts';
import { makeTimestampsMs, syntheticFrame } from './synthetic.ts';

const TOL_DEG = 1e-9;

describe('sustainedMax', () => {
  it('ignores a single-frame spike; keeps a level held 200 ms', () => {
    const t = makeTimestampsMs(5, 30);
    const v = t.map((ms, i) => (i === 40 ? 80 : ms >= 2000 && ms < 2200 ? 45 : 10));
    const r = sustainedMax({ timestampsMs: t, values: v });
    expect(r?.value).toBe(45);
    // Held only 100 ms: not enough.
    const v2 = t.map((ms) => (ms >= 2000 && ms < 2100 ? 45 : 10));
    expect(sustainedMax({ timestampsMs: t, values: v2 })?.value).toBe(10);
  });

  it('equals a brute-force max over windows of their min (property, irregular timestamps)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -90, max: 90 }), fc.integer({ min: 20, max: 60 })), { minLength: 1, maxLength: 80 }), (rows) => {
        let t = 0;
        const ts: number[] = [];
        const vs: number[] = [];
        for (const [v, dt] of rows) {
          ts.push(t);
          vs.push(v);
          t += dt;
        }
        const r = sustainedMax({ timestampsMs: ts, values: vs }, { minSustainMs: 200, maxGapMs: 1000 });
        const steps = ts.slice(1).map((x, i) => x - (ts[i] as number)).sort((a, b) => a - b);
        const frame = steps.length ? (steps[steps.length >> 1] as number) : 0;
        let best: number | null = null;
        for (let i = 0; i < ts.length; i++) {
          for (let j = i; j < ts.length; j++) {
            if ((ts[j] as number) - (ts[i] as number) + frame >= 200 - 1e-6) {
              const m = Math.min(...vs.slice(i, j + 1));
              if (best === null || m > best) best = m;
              break;
            }
          }
        }
        expect(r === null ? null : r.value).toBe(best);
      }),
    );
  });

  it('does not hold a level across a gap or a null; too little data gives null', () => {
    expect(sustainedMax({ timestampsMs: [0, 100, 200, 300], values: [30, 0, 30, 30] })?.value).toBe(30);
    expect(sustainedMax({ timestampsMs: [0, 100, 200, 600], values: [30, 0, 30, 30] })?.value).toBe(0); // 400 ms gap
    expect(sustainedMax({ timestampsMs: [0, 100, 200], values: [30, null, 30] })).toBeNull();
    expect(sustainedMax({ timestampsMs: [], values: [] })).toBeNull();
  });
});

describe('rangeOfMotion', () => {
  it('reports each way per axis with the clinical sign, from a sweep', () => {
    const t = makeTimestampsMs(12, 30);
    const frames = t.map((ms, i) =>
      syntheticFrame(i, ms, {
        rotationDeg: 70 * Math.sin((2 * Math.PI * ms) / 6000) - 10, // right 60°, left 80°
        tiltDeg: 5,
        flexionDeg: ms > 6000 ? -40 : 20,
      }),
    );
    const r = rangeOfMotion(frames);
    expect(Math.abs((r.rotationDeg.positiveDeg as number) - 60)).toBeLessThan(0.5);
    expect(Math.abs((r.rotationDeg.negativeDeg as number) - 80)).toBeLessThan(0.5);
    expect(r.rotationDeg.negativeAt?.value).toBeCloseTo(-(r.rotationDeg.negativeDeg as number), 12);
    expect(r.tiltDeg.positiveDeg).toBeCloseTo(5, 12);
    expect(r.tiltDeg.negativeDeg).toBeCloseTo(-5, 12); // the negative side was never reached
    expect(r.flexionDeg.positiveDeg).toBe(20);
    expect(r.flexionDeg.negativeDeg).toBe(40);
    expect(r.flexionDeg.totalDeg).toBe(60);
    void TOL_DEG;
  });
});
