/**
 * One definition of "time within 10° of neutral" (issue 16): the CLI's summary (core summarizeSession), the
 * app's live training zone (ZoneTracker) and the exam number the report prints (core examMeasures →
 * restTimeInNeutralPct) agree on the same frames.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anatomicalNeutral, examMeasures, summarizeSession, type FrameMeasure } from '@geste/core';
import { ZoneTracker } from './zone.ts';

function frames(spec: readonly (readonly [number, number | null, number])[]): FrameMeasure[] {
  let t = 0;
  return spec.map(([dtMs, rotationDeg, tiltDeg], i) => {
    t += dtMs;
    const measurable = rotationDeg !== null;
    return {
      frameIndex: i,
      timestampMs: t,
      state: measurable ? 'measured' : 'not-measurable',
      reasons: measurable ? [] : ['no-face'],
      confidence: measurable ? 0.9 : 0,
      method: measurable ? 'face-mesh' : 'none',
      rotationDeg,
      tiltDeg: measurable ? tiltDeg : null,
      flexionDeg: measurable ? 1 : null,
      lateralShiftCm: null,
      shoulderElevationDeg: null,
    };
  });
}

const choice = { neutral: anatomicalNeutral(), requested: 'anatomical' as const, fellBackToAnatomical: false, calibration: null };

function threeWays(fs: readonly FrameMeasure[]): { cli: number | null; app: number | null; exam: number | null } {
  const cli = summarizeSession(fs, choice).timeInNeutral.combined.percentWithin;
  const z = new ZoneTracker();
  for (const f of fs) z.update(f);
  const st = z.finalStats;
  const app = st.measuredMs > 0 ? (100 * st.inZoneMs) / st.measuredMs : null;
  const last = fs[fs.length - 1];
  const exam = last ? examMeasures(fs, [{ kind: 'rest', startMs: 0, endMs: last.timestampMs + 1 }], 'anatomical').measures.restTimeInNeutralPct ?? null : null;
  return { cli, app, exam };
}

describe('time within 10° of neutral: CLI, app and report agree', () => {
  it('on a scripted session with drift, gaps and an excursion', () => {
    const spec: [number, number | null, number][] = [];
    for (let i = 0; i < 600; i++) spec.push([33, i > 200 && i < 260 ? null : 8 * Math.sin(i / 40) + (i > 400 && i < 460 ? 15 : 0), 2]);
    spec.push([900, 3, 1]); // a long gap (tab in the background): only 200 ms of it is held
    for (let i = 0; i < 100; i++) spec.push([33, 12, 0]);
    const { cli, app, exam } = threeWays(frames(spec));
    expect(cli).not.toBeNull();
    expect(app).toBeCloseTo(cli as number, 9);
    // the exam stores one decimal
    expect(Math.abs((exam as number) - (cli as number))).toBeLessThanOrEqual(0.05);
  });

  it('on any sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.option(fc.double({ min: -30, max: 30, noNaN: true }), { nil: null }), fc.double({ min: -15, max: 15, noNaN: true })), { minLength: 1, maxLength: 150 }),
        (spec) => {
          const { cli, app } = threeWays(frames(spec));
          if (cli === null) return app === null;
          return app !== null && Math.abs(app - cli) < 1e-6;
        },
      ),
    );
  });
});
