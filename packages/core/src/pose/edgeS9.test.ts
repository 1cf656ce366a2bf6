// The session-9 edge rules (issue 13): a large chin-up and an unsure mesh's chin-down (flexionEdge.ts), a fast turn toward
// the range's edge (turnLead.ts), a smaller turn with more tilt and bend (combinedPosture.ts). Recorded phantom readings
// (edgeS9.fixture.ts) rebuilt as meshes at their fitted angles and mesh scores, and synthetic movements.
import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { HeadPoseEstimator, measureFrame } from './estimator.ts';
import { CHIN_UP_DOUBT_DEG, UNSURE_CHIN_DOWN_DEG } from './flexionEdge.ts';
import { TurnLeadGuard } from './turnLead.ts';
import { COMBINED_PRODUCT_DEG2, isCombinedTurn } from './combinedPosture.ts';
import { COMBINED_TURN_DEG } from './range.ts';
import {
  COMBINED_WEBCAM, COMBINED_WEBCAM_REST, DARK_STUBBLE_TURN, DARK_STUBBLE_TURN_REST, DEEP_WIDE_TURN, DEEP_WIDE_TURN_REST, LAPTOP_CHIN_DOWN,
  LAPTOP_CHIN_DOWN_REST, LAPTOP_CHIN_UP, LAPTOP_CHIN_UP_REST, WEBCAM_CHIN_UP, WEBCAM_CHIN_UP_REST, type EdgeReading,
} from './edgeS9.fixture.ts';
import { calibrateNeutral, type Neutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';

/** Issue 13's edge target: within this, or flagged. */
const EDGE_WITHIN_DEG = 5;
/** The combined-posture target: each axis within this, or flagged. */
const COMBINED_WITHIN_DEG = 3;
/** A mesh rebuilt at the recorded fitted angles reads back the recorded reading within this (deg). */
const SAME_READING_TOL_DEG = 0.5;
const FRAME_MS = 1000 / 30;

function frameAt(i: number, timestampMs: number, rotationDeg: number, tiltDeg: number, flexionDeg: number, meshScore = 1): LandmarkFrame {
  const face = { ...syntheticFace({ angles: { rotationDeg, tiltDeg, flexionDeg } }), meshScore };
  return { frameIndex: i, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces: [face], bodies: [], hands: [] };
}
const frameOf = (r: EdgeReading, meshScore = r[5]): LandmarkFrame => frameAt(r[0], r[1], r[2], r[3], r[4], meshScore);

function recordedNeutral(rest: readonly EdgeReading[]): Neutral {
  const cal = calibrateNeutral(rest.map((r) => frameOf(r)));
  if (!cal.ok) throw new Error('the recorded rest should calibrate');
  return cal.neutral;
}

/** The frames in order through one estimator (as `geste analyze` measures them). */
function replay(neutral: Neutral, frames: readonly EdgeReading[], meshScore?: number): Map<number, FrameMeasure> {
  const est = new HeadPoseEstimator({ neutral });
  return new Map(frames.map((r) => [r[0], est.measure(frameOf(r, meshScore ?? r[5]))]));
}

const axisRead = { rotationDeg: 9, tiltDeg: 10, flexionDeg: 11 } as const;
function expectSameReading(frames: readonly EdgeReading[], neutral: Neutral, axis: keyof typeof axisRead): void {
  for (const r of frames) {
    const read = r[axisRead[axis]];
    if (read === null) continue;
    expect(Math.abs(measureFrame(frameOf(r), neutral)[axis]! - read)).toBeLessThan(SAME_READING_TOL_DEG);
  }
}

describe('a large chin-up read short (beard-glasses, flexionEdge.ts)', () => {
  for (const [name, frames, rest] of [['laptop-15fps-dim', LAPTOP_CHIN_UP, LAPTOP_CHIN_UP_REST], ['webcam-640', WEBCAM_CHIN_UP, WEBCAM_CHIN_UP_REST]] as const) {
    const neutral = recordedNeutral(rest);

    it(`${name}: the rebuilt meshes read what geste analyze read`, () => expectSameReading(frames, neutral, 'flexionDeg'));

    it(`${name}: every −30…−35° frame read more than 5° short from ${CHIN_UP_DOUBT_DEG}° on is low confidence, its value kept`, () => {
      const out = replay(neutral, frames);
      const short = frames.filter((r) => r[8] <= -30 && r[11] !== null && r[11] - r[8] > EDGE_WITHIN_DEG && r[11] <= -CHIN_UP_DOUBT_DEG);
      expect(short.length).toBeGreaterThan(0);
      for (const r of short) {
        const alone = measureFrame(frameOf(r), neutral);
        expect(alone.state).toBe('measured'); // without the rule
        const m = out.get(r[0])!;
        expect(m.state).toBe('low-confidence');
        expect(m.flexionDeg).toBe(alone.flexionDeg);
      }
    });
  }

  it(`a held chin-up read under ${CHIN_UP_DOUBT_DEG}° (a −25° retrocollis read −22…−24°) stays measured`, () => {
    const est = new HeadPoseEstimator();
    const out = Array.from({ length: 60 }, (_, i) => est.measure(frameAt(i, i * FRAME_MS, 0, 0, -24 + 0.5 * Math.sin(i))));
    expect(out.every((m) => m.state === 'measured' && m.flexionDeg! > -CHIN_UP_DOUBT_DEG)).toBe(true);
  });
});

describe('a chin-down on a mesh its model is unsure of (beard-glasses × laptop-15fps-dim, flexionEdge.ts)', () => {
  const neutral = recordedNeutral(LAPTOP_CHIN_DOWN_REST);

  it('the rebuilt meshes read what geste analyze read', () => expectSameReading(LAPTOP_CHIN_DOWN, neutral, 'flexionDeg'));

  it(`the +38.6° frame read +26.1° (12.5° off, mesh score 0.58) gives no flexion; at mesh score 1 it would`, () => {
    const worst = LAPTOP_CHIN_DOWN.find((r) => r[11] !== null && Math.abs(r[11] - r[8]) > 10)!;
    expect(worst[5]).toBeLessThan(0.9);
    const alone = measureFrame(frameOf(worst), neutral);
    expect(alone.flexionDeg!).toBeGreaterThanOrEqual(UNSURE_CHIN_DOWN_DEG); // without the rule: given
    const m = replay(neutral, LAPTOP_CHIN_DOWN).get(worst[0])!;
    expect(m.flexionDeg).toBeNull();
    expect(m.reasons).toContain('beyond-tracker-range');
    expect(m.rotationDeg).toBe(alone.rotationDeg);
    expect(replay(neutral, LAPTOP_CHIN_DOWN, 1).get(worst[0])!.flexionDeg).not.toBeNull();
  });

  it('an unsure mesh under 25° chin-down keeps its flexion', () => {
    const out = replay(neutral, LAPTOP_CHIN_DOWN, 0.6);
    for (const r of LAPTOP_CHIN_DOWN) if (r[11] !== null && r[11] < UNSURE_CHIN_DOWN_DEG - 1) expect(out.get(r[0])!.flexionDeg).not.toBeNull();
  });
});

describe('a fast turn toward the range edge (turnLead.ts)', () => {
  for (const [name, frames, rest] of [['deep-wide × webcam-640', DEEP_WIDE_TURN, DEEP_WIDE_TURN_REST], ['dark-stubble × laptop-15fps-dim', DARK_STUBBLE_TURN, DARK_STUBBLE_TURN_REST]] as const) {
    const neutral = recordedNeutral(rest);

    it(`${name}: the rebuilt meshes read what geste analyze read`, () => expectSameReading(frames, neutral, 'rotationDeg'));

    it(`${name}: the frame read 6.6–7.8° short past 45° is low confidence, its value kept`, () => {
      const last = frames[frames.length - 1]!;
      expect(Math.abs(last[6])).toBeGreaterThan(45);
      const alone = measureFrame(frameOf(last), neutral);
      expect(alone.state).toBe('measured'); // without the rule
      expect(Math.abs(alone.rotationDeg! - last[6])).toBeGreaterThan(EDGE_WITHIN_DEG);
      const m = replay(neutral, frames).get(last[0])!;
      expect(m.state).toBe('low-confidence');
      expect(m.rotationDeg).toBe(alone.rotationDeg);
    });
  }

  it('a slow turn to 42° (10 deg/s) and a hold there are never flagged', () => {
    const est = new HeadPoseEstimator();
    const out = Array.from({ length: 200 }, (_, i) => est.measure(frameAt(i, i * FRAME_MS, Math.min(42, i * FRAME_MS * 0.01), 0, 0)));
    expect(out.every((m) => m.state === 'measured')).toBe(true);
  });

  it('turning back from the edge fast is not flagged; a gap gives no speed', () => {
    const g = new TurnLeadGuard();
    const mesh = (ms: number): FrameMeasure => ({ frameIndex: Math.round(ms / FRAME_MS), timestampMs: ms, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 0, tiltDeg: 0, flexionDeg: 0, lateralShiftCm: 0, shoulderElevationDeg: null });
    const back = [43, 41, 39, 37, 35].map((d, i) => g.apply(mesh(i * FRAME_MS), d));
    expect(back.every((m) => m.state === 'measured')).toBe(true);
    g.apply(mesh(200), 30);
    expect(g.apply(mesh(400), 42).state).toBe('measured'); // 200 ms after the last fitted frame: no speed
    g.apply(mesh(433), null); // no fit: a break
    expect(g.apply(mesh(500), 43).state).toBe('measured');
  });
});

describe('a smaller turn with more tilt and bend (combinedPosture.ts)', () => {
  const neutral = recordedNeutral(COMBINED_WEBCAM_REST);

  it('the rebuilt meshes read what geste analyze read', () => expectSameReading(COMBINED_WEBCAM, neutral, 'flexionDeg'));

  it(`the combined-posture frames read more than 3° off while turned under ${COMBINED_TURN_DEG}° are low confidence`, () => {
    // Combined posture as the scorer counts it: two axes of the truth at least 10°.
    const combined = (r: EdgeReading) => [r[6], r[7], r[8]].filter((d) => Math.abs(d) >= 10).length >= 2;
    const off = COMBINED_WEBCAM.filter((r) => combined(r) && r[11] !== null && Math.abs(r[11] - r[8]) > COMBINED_WITHIN_DEG && Math.abs(r[9]!) < COMBINED_TURN_DEG);
    expect(off.length).toBeGreaterThanOrEqual(2);
    for (const r of off) {
      const m = measureFrame(frameOf(r), neutral);
      expect(Math.abs(m.rotationDeg!)).toBeLessThan(COMBINED_TURN_DEG); // the 18° rule alone does not see it
      expect(m.state).toBe('low-confidence');
    }
  });

  it(`turn × √(tilt² + flexion²) under ${COMBINED_PRODUCT_DEG2} deg² is not combined; neither is a tilt and bend without a turn`, () => {
    expect(isCombinedTurn({ rotationDeg: 12, tiltDeg: 12, flexionDeg: 0 })).toBe(false);
    expect(isCombinedTurn({ rotationDeg: 15, tiltDeg: 10, flexionDeg: 10 })).toBe(false); // 212 deg²
    expect(isCombinedTurn({ rotationDeg: 5, tiltDeg: 20, flexionDeg: 15 })).toBe(false);
    expect(isCombinedTurn({ rotationDeg: 16, tiltDeg: 8, flexionDeg: -12 })).toBe(true); // 231 deg²
    expect(isCombinedTurn({ rotationDeg: -18, tiltDeg: 10, flexionDeg: 0 })).toBe(true); // the 18°/10° rule
    expect(isCombinedTurn({ rotationDeg: 30, tiltDeg: 6, flexionDeg: 6 })).toBe(false); // under 10° of tilt and bend
  });
});
