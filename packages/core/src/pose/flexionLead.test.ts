// Session 10 (chinup, issue 13): a fast chin-up toward the edge read short, and a chin-up frame between two whose flexion
// was dropped (flexionLead.ts). Recorded phantom readings (flexionLead.fixture.ts: what the in-order guards gave the rule on
// session-9 main) fed to the guard, and synthetic movements through the estimator.
import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { HeadPoseEstimator } from './estimator.ts';
import { CHIN_UP_DOUBT_DEG } from './flexionEdge.ts';
import { CHIN_UP_DROP_HOLD_MS, CHIN_UP_LEAD_FROM_DEG, FlexionLeadGuard } from './flexionLead.ts';
import { BACKLIT_CHIN_UP_WAY_IN, WEBCAM_CHIN_UP_WAY_IN, type ChinUpReading } from './flexionLead.fixture.ts';
import { syntheticFace } from './syntheticFace.ts';

/** Issue 13's edge target: within this, or flagged. */
const EDGE_WITHIN_DEG = 5;
/** …and never this far off while given. */
const NEVER_OFF_DEG = 10;
const FRAME_MS = 1000 / 30;

function measureOf(r: ChinUpReading): { m: FrameMeasure; raw: FrameMeasure } {
  const base = { frameIndex: r[0], timestampMs: r[1], method: 'face-mesh' as const, rotationDeg: 0, tiltDeg: 0, lateralShiftCm: 0, shoulderElevationDeg: null };
  const m: FrameMeasure = { ...base, state: r[3], confidence: r[4], flexionDeg: r[5], reasons: r[6] ? ['beyond-tracker-range'] : [] };
  const raw: FrameMeasure = { ...base, state: 'measured', confidence: 0.6, flexionDeg: r[2], reasons: [] };
  return { m, raw };
}
function replayGuard(frames: readonly ChinUpReading[]): Map<number, FrameMeasure> {
  const g = new FlexionLeadGuard();
  return new Map(frames.map((r) => { const { m, raw } = measureOf(r); return [r[0], g.apply(m, raw)]; }));
}
const shortMeasured = (frames: readonly ChinUpReading[]) =>
  frames.filter((r) => r[7] <= -30 && r[3] === 'measured' && r[5] !== null && r[5] - r[7] > EDGE_WITHIN_DEG);

describe('a fast chin-up toward the edge read short (beard-glasses × webcam-640)', () => {
  it('the frames read 7–9° short past −30° (measured before the rule) are low confidence, their value kept', () => {
    const short = shortMeasured(WEBCAM_CHIN_UP_WAY_IN);
    expect(short.map((r) => r[0])).toEqual([319, 320]);
    const out = replayGuard(WEBCAM_CHIN_UP_WAY_IN);
    for (const r of short) {
      expect(-r[5]!).toBeLessThan(CHIN_UP_DOUBT_DEG); // flexionEdge.ts's bar does not reach them
      const m = out.get(r[0])!;
      expect(m.state).toBe('low-confidence');
      expect(m.flexionDeg).toBe(r[5]);
    }
  });

  it('after the rule no frame of the way in is given more than 5° off while measured', () => {
    const out = replayGuard(WEBCAM_CHIN_UP_WAY_IN);
    for (const r of WEBCAM_CHIN_UP_WAY_IN) {
      const m = out.get(r[0])!;
      if (m.state === 'measured' && m.flexionDeg !== null && r[7] <= -30) expect(Math.abs(m.flexionDeg - r[7])).toBeLessThanOrEqual(EDGE_WITHIN_DEG);
    }
  });
});

describe('a chin-up frame between two dropped ones (beard-glasses × backlit-640)', () => {
  it('the low-confidence −32.4° frame read −20.6° (11.8° off) right after a dropped frame gives no flexion', () => {
    const worst = BACKLIT_CHIN_UP_WAY_IN.filter((r) => r[5] !== null && Math.abs(r[5] - r[7]) > NEVER_OFF_DEG);
    expect(worst.map((r) => r[0])).toEqual([320]);
    const before = BACKLIT_CHIN_UP_WAY_IN.find((r) => r[0] === 319)!;
    expect(before[6]).toBe(true); // the residual rule dropped the frame before
    const m = replayGuard(BACKLIT_CHIN_UP_WAY_IN).get(320)!;
    expect(m.flexionDeg).toBeNull();
    expect(m.reasons).toContain('beyond-tracker-range');
    expect(m.rotationDeg).toBe(0);
  });

  it(`a measured frame after a drop keeps its flexion, and the hold ends after ${CHIN_UP_DROP_HOLD_MS} ms`, () => {
    const g = new FlexionLeadGuard();
    const r = (i: number, state: ChinUpReading[3], read: number | null, dropped: boolean): ChinUpReading => [i, i * FRAME_MS, -22, state, state === 'measured' ? 0.6 : 0.49, read, dropped, -30];
    const seq = [r(0, 'low-confidence', null, true), r(1, 'measured', -22, false), r(4, 'low-confidence', -22, false)];
    const out = seq.map((x) => { const { m, raw } = measureOf(x); return g.apply(m, raw); });
    expect(out[1]!.flexionDeg).toBe(-22);
    expect(out[2]!.flexionDeg).toBe(-22); // 133 ms after the drop
  });
});

function frameAt(i: number, timestampMs: number, flexionDeg: number): LandmarkFrame {
  const face = { ...syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg } }), meshScore: 1 };
  return { frameIndex: i, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces: [face], bodies: [], hands: [] };
}

describe('through the estimator (synthetic chin-ups)', () => {
  it(`a fast chin-up (90 deg/s) to a held −${CHIN_UP_LEAD_FROM_DEG + 3}°: low confidence while it moves in, measured once held`, () => {
    const est = new HeadPoseEstimator();
    const target = -(CHIN_UP_LEAD_FROM_DEG + 3);
    const out = Array.from({ length: 40 }, (_, i) => est.measure(frameAt(i, i * FRAME_MS, Math.max(target, -i * FRAME_MS * 0.09))));
    const arrive = out.findIndex((m) => m.flexionDeg! <= target + 0.5);
    expect(out[arrive]!.state).toBe('low-confidence'); // without the rule: measured (under flexionEdge.ts's 25°)
    expect(out[arrive]!.flexionDeg!).toBeGreaterThan(-CHIN_UP_DOUBT_DEG);
    expect(out.slice(arrive + 10).every((m) => m.state === 'measured')).toBe(true); // 330 ms into the hold
  });

  it(`a slow chin-up (10 deg/s: lead 1°) to a held −23° and a fast one that stops under ${CHIN_UP_LEAD_FROM_DEG}° are never flagged`, () => {
    const slow = new HeadPoseEstimator();
    expect(Array.from({ length: 120 }, (_, i) => slow.measure(frameAt(i, i * FRAME_MS, Math.max(-23, -i * FRAME_MS * 0.01)))).every((m) => m.state === 'measured')).toBe(true);
    const fast = new HeadPoseEstimator();
    const stop = -(CHIN_UP_LEAD_FROM_DEG - 1);
    expect(Array.from({ length: 40 }, (_, i) => fast.measure(frameAt(i, i * FRAME_MS, Math.max(stop, -i * FRAME_MS * 0.15)))).every((m) => m.state === 'measured')).toBe(true);
  });

  it('a fast chin-down or a return from chin-up is never flagged by the lead', () => {
    const back = new HeadPoseEstimator();
    const out = Array.from({ length: 40 }, (_, i) => back.measure(frameAt(i, i * FRAME_MS, Math.min(0, -24 + i * FRAME_MS * 0.09))));
    expect(out.every((m) => m.state === 'measured')).toBe(true);
  });
});
