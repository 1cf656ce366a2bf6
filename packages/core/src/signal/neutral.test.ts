// ref: docs/clinical.md — percent time within 10° of neutral; time holding neutral (capped 60 s).
import { describe, expect, it } from 'vitest';
import type { FrameMeasure } from '../measures/types.ts';
import { holdAttempt, neutralTime } from './neutral.ts';
import { syntheticFrame } from './synthetic.ts';


/** Frames from [timestampMs, rotation, tilt, flexion] rows (null = not measurable). */
function frames(rows: ReadonlyArray<readonly [number, number | null, number | null, number | null]>): FrameMeasure[] {
  return rows.map(([t, r, ti, f], i) => syntheticFrame(i, t, { rotationDeg: r, tiltDeg: ti, flexionDeg: f }));
}

/** Uniform frames at stepMs with rotation from fn(tMs); tilt = flexion = 0. */
function track(durationMs: number, stepMs: number, fn: (tMs: number) => number | null): FrameMeasure[] {
  const out: FrameMeasure[] = [];
  for (let t = 0, i = 0; t < durationMs; t += stepMs, i++) {
    const r = fn(t);
    out.push(syntheticFrame(i, t, r === null ? { rotationDeg: null, tiltDeg: null, flexionDeg: null } : { rotationDeg: r, tiltDeg: 0, flexionDeg: 0 }));
  }
  return out;
}

describe('neutralTime', () => {
  it('weights by time, not by sample count (irregular frame rate)', () => {
    // 10 fast frames in zone over 100 ms, then 2 slow frames out of zone each held 150 ms.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 10; i++) rows.push([i * 10, 0, 0, 0]);
    rows.push([100, 20, 0, 0], [250, 20, 0, 0], [400, 0, 0, 0]);
    const r = neutralTime(frames(rows), { maxHoldMs: 200 });
    // last frame held for the median step (10 ms)
    expect(r.combined.withinS).toBeCloseTo(0.11, 9);
    expect(r.combined.measuredS).toBeCloseTo(0.41, 9);
    expect(r.combined.percentWithin).toBeCloseTo((100 * 0.11) / 0.41, 9);
    expect(r.perAxis.tiltDeg.percentWithin).toBe(100);
  });

  it('excludes not-measurable time and reports it separately, including the unheld part of gaps', () => {
    const rows: Array<[number, number | null, number | null, number | null]> = [
      [0, 0, 0, 0],
      [100, null, null, null],
      [200, 5, 0, 0],
      [1200, 15, 0, 0], // 1000 ms gap before this: 200 ms held, 800 ms not measurable
      [1300, 15, 0, 0],
    ];
    const r = neutralTime(frames(rows), { maxHoldMs: 200 });
    expect(r.combined.withinS).toBeCloseTo(0.3, 9);
    expect(r.combined.notMeasurableS).toBeCloseTo(0.1 + 0.8, 9);
    expect(r.combined.measuredS).toBeCloseTo(0.3 + 0.2, 9);
    expect(r.combined.percentWithin).toBeCloseTo(60, 9);
  });

  it('combined: in only if all three axes are within 10°; out if any measured axis is out; boundary 10° is in', () => {
    const r = neutralTime(
      frames([
        [0, 10, -10, 10],
        [100, 10.01, 0, 0],
        [200, null, 30, 0], // out (tilt) although rotation unknown
        [300, null, 0, 0], // unknown
        [400, 0, 0, 0],
      ]),
    );
    expect(r.combined.withinS).toBeCloseTo(0.2, 9);
    expect(r.combined.measuredS).toBeCloseTo(0.4, 9);
    expect(r.combined.notMeasurableS).toBeCloseTo(0.1, 9);
    expect(r.perAxis.rotationDeg.measuredS).toBeCloseTo(0.3, 9);
  });

  it('lists holds and the longest one; holds break on leaving, on not-measurable and on long gaps', () => {
    const f = track(10_000, 100, (t) => (t >= 3000 && t < 3500 ? 20 : t >= 6000 && t < 6300 ? null : 2));
    const r = neutralTime(f);
    expect(r.holds.map((h) => [h.startMs, h.endMs])).toEqual([
      [0, 3000],
      [3500, 6000],
      [6300, 10_000],
    ]);
    expect(r.longestHoldS).toBeCloseTo(3.7, 9);
    expect(neutralTime([]).combined.percentWithin).toBeNull();
  });

  it('cleans out-of-order and duplicate timestamps (first at a timestamp wins)', () => {
    const r = neutralTime(frames([[200, 0, 0, 0], [0, 0, 0, 0], [100, 50, 0, 0], [100, 0, 0, 0], [Number.NaN, 0, 0, 0]]));
    expect(r.combined.withinS).toBeCloseTo(0.2, 9);
    expect(r.combined.measuredS).toBeCloseTo(0.3, 9);
  });
});

describe('holdAttempt', () => {
  it('seconds from the start until the head leaves the zone', () => {
    const f = track(70_000, 1000 / 30, (t) => (t < 23_400 ? 3 : 25));
    const r = holdAttempt(f, { startMs: 1000 });
    expect(r.endedBy).toBe('left-zone');
    expect(Math.abs(r.heldS - 22.4)).toBeLessThan(0.04);
  });

  it('caps at 60 s and at the attempt end', () => {
    const f = track(90_000, 1000 / 30, () => 0);
    expect(holdAttempt(f, { startMs: 5000 })).toMatchObject({ heldS: 60, endedBy: 'cap' });
    expect(holdAttempt(f, { startMs: 5000, endMs: 35_000 })).toMatchObject({ heldS: 30, endedBy: 'attempt-end' });
  });

  it('tolerates blips out of the zone < 500 ms and not-measurable stretches < 1 s', () => {
    const blip = track(70_000, 1000 / 30, (t) => (t >= 10_000 && t < 10_400 ? 30 : t >= 20_000 && t < 20_800 ? null : 1));
    expect(holdAttempt(blip, { startMs: 0 })).toMatchObject({ heldS: 60, endedBy: 'cap' });
    const longer = track(70_000, 1000 / 30, (t) => (t >= 10_000 && t < 10_600 ? 30 : 1));
    const r = holdAttempt(longer, { startMs: 0 });
    expect(r.endedBy).toBe('left-zone');
    expect(Math.abs(r.heldS - 10)).toBeLessThan(0.04);
    const hidden = track(70_000, 1000 / 30, (t) => (t >= 12_000 && t < 14_000 ? null : 1));
    const h = holdAttempt(hidden, { startMs: 0 });
    expect(h.endedBy).toBe('not-measurable');
    expect(Math.abs(h.heldS - 12)).toBeLessThan(0.04);
  });

  it('out of the zone from the start gives 0 s; no frames gives no-data', () => {
    const f = track(70_000, 1000 / 30, () => 40);
    expect(holdAttempt(f, { startMs: 0 })).toMatchObject({ heldS: 0, endedBy: 'left-zone' });
    expect(holdAttempt([], { startMs: 0 })).toMatchObject({ heldS: 0, endedBy: 'no-data' });
  });
});
