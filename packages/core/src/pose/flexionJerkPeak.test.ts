// A fast chin-down movement the face mesh over-reads (issue 13, session 8): recorded jerk-peak readings of the phantom's
// jerks-train (flexionJerkPeak.fixture.ts) rebuilt as meshes at their fitted angles, and synthetic movements.
import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { HeadPoseEstimator, measureFrame } from './estimator.ts';
import { FlexionJerkPeakGuard, JERK_CHIN_DOWN_DEG } from './flexionJerkPeak.ts';
import { JERKS_TRAIN_CHIN_DOWN, JERKS_TRAIN_REST, JERK_PEAK_FRAMES, type JerkPeakReading } from './flexionJerkPeak.fixture.ts';
import { calibrateNeutral, type Neutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';

/** The combined-posture target: each axis within this, or flagged. */
const COMBINED_WITHIN_DEG = 3;
/** A mesh rebuilt at the recorded fitted angles reads back the recorded flexion within this (deg). */
const SAME_READING_TOL_DEG = 0.5;
const FRAME_MS = 1000 / 30;

function frameAt(i: number, timestampMs: number, rotationDeg: number, tiltDeg: number, flexionDeg: number): LandmarkFrame {
  return { frameIndex: i, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces: [syntheticFace({ angles: { rotationDeg, tiltDeg, flexionDeg } })], bodies: [], hands: [] };
}
const frameOf = ([i, ms, yaw, tilt, flex]: JerkPeakReading): LandmarkFrame => frameAt(i, ms, yaw, tilt, flex);

function recordedNeutral(): Neutral {
  const cal = calibrateNeutral(JERKS_TRAIN_REST.map(frameOf));
  if (!cal.ok) throw new Error('the recorded rest should calibrate');
  return cal.neutral;
}

/** The rest, then the jerks in order, through one estimator (as `geste analyze` measures them). */
function replayRecorded(neutral: Neutral): Map<number, FrameMeasure> {
  const est = new HeadPoseEstimator({ neutral });
  const out = new Map<number, FrameMeasure>();
  for (const r of [...JERKS_TRAIN_REST, ...JERKS_TRAIN_CHIN_DOWN.flat()]) out.set(r[0], est.measure(frameOf(r)));
  return out;
}

describe('chin-down jerk peaks on recorded phantom readings (jerks-train, +10° turn)', () => {
  const neutral = recordedNeutral();
  const readings = new Map(JERKS_TRAIN_CHIN_DOWN.flat().map((r) => [r[0], r]));

  it('the rebuilt meshes read what geste analyze read', () => {
    for (const r of JERKS_TRAIN_CHIN_DOWN.flat()) {
      const m = measureFrame(frameOf(r), neutral);
      expect(Math.abs(m.flexionDeg! - r[6])).toBeLessThan(SAME_READING_TOL_DEG);
    }
  });

  it('the 8 combined-posture frames read 3–6° too far chin-down are low confidence, their values kept', () => {
    const out = replayRecorded(neutral);
    for (const i of JERK_PEAK_FRAMES) {
      const r = readings.get(i)!;
      const alone = measureFrame(frameOf(r), neutral);
      // Without the rule: measured, and more than 3° off.
      expect(alone.state).toBe('measured');
      expect(alone.flexionDeg! - r[5]).toBeGreaterThan(COMBINED_WITHIN_DEG);
      const m = out.get(i)!;
      expect(m.state).toBe('low-confidence');
      expect(m.flexionDeg).toBe(alone.flexionDeg);
      expect(m.rotationDeg).toBe(alone.rotationDeg);
    }
  });

  it('every jerk frame read ≥ 10° chin-down and > 3° off is flagged; the rest and the frames before each rise are not', () => {
    const out = replayRecorded(neutral);
    for (const r of JERKS_TRAIN_REST) expect(out.get(r[0])!.state).toBe('measured');
    for (const jerk of JERKS_TRAIN_CHIN_DOWN) {
      for (const r of jerk.slice(0, 4)) expect(out.get(r[0])!.state).toBe('measured');
      for (const r of jerk) {
        const m = out.get(r[0])!;
        if (m.flexionDeg! >= JERK_CHIN_DOWN_DEG && m.flexionDeg! - r[5] > COMBINED_WITHIN_DEG) expect(m.state).toBe('low-confidence');
      }
    }
  });
});

describe('chin-down movements on synthetic faces', () => {
  /** A chin-down excursion 0 → peak → 0 (raised cosine) of `durationMs`, at 30 fps after 1 s of rest, through one estimator. */
  function excursion(peakDeg: number, durationMs: number, turnDeg = 10): FrameMeasure[] {
    const est = new HeadPoseEstimator();
    const n = Math.round((1000 + durationMs + 500) / FRAME_MS);
    return Array.from({ length: n }, (_, i) => {
      const t = i * FRAME_MS - 1000;
      const flex = t < 0 || t > durationMs ? 0 : (peakDeg * (1 - Math.cos((2 * Math.PI * t) / durationMs))) / 2;
      return est.measure(frameAt(i, i * FRAME_MS, turnDeg, 0, flex));
    });
  }

  it('a slow chin-down of the same size (+20° and back over 2 s) is never flagged', () => {
    const out = excursion(20, 2000);
    expect(Math.max(...out.map((m) => m.flexionDeg!))).toBeGreaterThan(19);
    expect(out.every((m) => m.state === 'measured')).toBe(true);
  });

  it('the same +20° as a 200 ms jerk is flagged at its peak, only where the reading is ≥ 10° chin-down', () => {
    const out = excursion(20, 200);
    const flagged = out.filter((m) => m.state === 'low-confidence');
    expect(flagged.length).toBeGreaterThan(0);
    const peak = out.reduce((a, b) => (b.flexionDeg! > a.flexionDeg! ? b : a));
    expect(peak.state).toBe('low-confidence');
    for (const m of flagged) expect(m.flexionDeg!).toBeGreaterThanOrEqual(JERK_CHIN_DOWN_DEG);
    expect(out.every((m) => m.flexionDeg !== null && m.state !== 'not-measurable')).toBe(true);
  });
});

describe('FlexionJerkPeakGuard', () => {
  function mesh(timestampMs: number, flexionDeg: number, method: FrameMeasure['method'] = 'face-mesh'): FrameMeasure {
    return { frameIndex: Math.round(timestampMs / FRAME_MS), timestampMs, state: 'measured', reasons: [], confidence: 0.9, method, rotationDeg: 0, tiltDeg: 0, flexionDeg, lateralShiftCm: 0, shoulderElevationDeg: null };
  }
  function through(readingsDeg: readonly number[], frameMs = FRAME_MS): FrameMeasure[] {
    const g = new FlexionJerkPeakGuard();
    return readingsDeg.map((d, i) => { const m = mesh(i * frameMs, d); return g.apply(m, m); });
  }
  const sine = (n: number, frameMs: number, baseDeg: number, ampDeg: number, hz: number) =>
    Array.from({ length: n }, (_, i) => baseDeg + ampDeg * Math.sin(2 * Math.PI * hz * (i * frameMs) / 1000));

  it('a 3.5 Hz ±3° flexion tremor on a +20° chin-down posture (peak 66 deg/s) is not flagged', () => {
    expect(through(sine(90, FRAME_MS, 20, 3, 3.5)).every((m) => m.state === 'measured')).toBe(true);
  });

  it('a 5 Hz ±5° flexion tremor on the same posture (peak 157 deg/s) is flagged on its fast frames only', () => {
    const out = through(sine(90, FRAME_MS, 20, 5, 5));
    const low = out.filter((m) => m.state === 'low-confidence').length;
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(out.length);
  });

  it('mesh jitter of ±1.5° frame to frame at 60 fps on a +15° posture is not a speed (it is taken over ≥ 60 ms)', () => {
    const jitter = Array.from({ length: 120 }, (_, i) => 15 + (i % 2 === 0 ? 1.5 : -1.5));
    // Over single 60-fps frames the same jitter would read 180 deg/s, past JERK_SPEED_DEG_PER_S.
    expect(through(jitter, 1000 / 60).every((m) => m.state === 'measured')).toBe(true);
  });

  it('a chin-up jerk from neutral (reading never ≥ 10° chin-down) is not flagged', () => {
    const up = [0, 0, 0, 0, -6, -15, -18, -12, -4, 0, 0, 0];
    expect(through(up).every((m) => m.state === 'measured')).toBe(true);
  });

  it('a frame without a mesh flexion breaks the run: no speed across it', () => {
    const g = new FlexionJerkPeakGuard();
    const a = mesh(0, 0), b = { ...mesh(FRAME_MS, 0), method: 'body-keypoints' as const, flexionDeg: null }, c = mesh(2 * FRAME_MS, 15), d = mesh(3 * FRAME_MS, 15);
    for (const m of [a, b]) g.apply(m, m);
    expect(g.apply(c, c).state).toBe('measured'); // no mesh frame 60–140 ms before it
    expect(g.apply(d, d).state).toBe('measured'); // c is only 33 ms back
  });
});
