// A chin-down bend the face mesh does not follow, the edge band on the 0.5 confidence bar, and the combined-posture rule on
// tilt and bend together (issue 13). Recorded phantom meshes (flexionLag.fixture.ts) and synthetic faces.
import { describe, expect, it } from 'vitest';
import type { FaceObservation, LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import type { RecordedMesh } from './flexionRange.fixture.ts';
import { BEARD_LAPTOP_BEND, BEARD_LAPTOP_REST, STUBBLE_WEBCAM_BEND, STUBBLE_WEBCAM_REST } from './flexionLag.fixture.ts';
import { EYE_DROP_PER_RAD, FlexionLagGuard, LAG_DOUBT_FACE_WIDTHS, LAG_DROP_FACE_WIDTHS } from './flexionLag.ts';
import { HeadPoseEstimator, measureFrame } from './estimator.ts';
import { anatomicalNeutral, calibrateNeutral, type Neutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';

/** The issue-13 edge target: within this of the truth, or flagged; never more than GROSS_ERROR_DEG off while measurable. */
const EDGE_WITHIN_DEG = 5;
const GROSS_ERROR_DEG = 10;
/** The combined-posture target: each axis within this, or flagged. */
const COMBINED_WITHIN_DEG = 3;

function frameOf(face: FaceObservation, i: number, timestampMs: number): LandmarkFrame {
  return { frameIndex: i, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces: [face], bodies: [], hands: [] };
}

/** 1 s of the clip's frontal rest (its frames repeated), the neutral calibrated on it, and the recorded frames in order. */
function recorded(rest: readonly RecordedMesh[], bend: readonly RecordedMesh[], frameMs: number): { neutral: Neutral; rest: LandmarkFrame[]; bend: LandmarkFrame[] } {
  const restFrames = Array.from({ length: Math.round(1000 / frameMs) }, (_, k) => frameOf(rest[k % rest.length]!.face, k, k * frameMs));
  const cal = calibrateNeutral(restFrames);
  if (!cal.ok) throw new Error('the recorded rest frames should calibrate');
  return { neutral: cal.neutral, rest: restFrames, bend: bend.map((r) => frameOf(r.face, r.frameIndex, r.timestampMs)) };
}

function run(neutral: Neutral, rest: readonly LandmarkFrame[], bend: readonly LandmarkFrame[]): Map<number, FrameMeasure> {
  const est = new HeadPoseEstimator({ neutral });
  for (const f of rest) est.measure(f);
  return new Map(bend.map((f) => [f.frameIndex, est.measure(f)]));
}

describe('chin-down lag on recorded phantom meshes', () => {
  it('beard-glasses, dim 15 fps: a fast bend to +32.5° the mesh reads about +20° loses its flexion; rotation and tilt kept', () => {
    const { neutral, rest, bend } = recorded(BEARD_LAPTOP_REST, BEARD_LAPTOP_BEND, 1000 / 15);
    const truth = new Map(BEARD_LAPTOP_BEND.map((r) => [r.frameIndex, r.truthFlexionDeg]));
    // The failing case: frame 130 alone is called measured and more than 10° off.
    const raw = measureFrame(bend.find((f) => f.frameIndex === 130)!, neutral);
    expect(raw.state).toBe('measured');
    expect(truth.get(130)! - raw.flexionDeg!).toBeGreaterThan(GROSS_ERROR_DEG);
    const out = run(neutral, rest, bend);
    const m = out.get(130)!;
    expect(m.flexionDeg).toBeNull();
    expect(m.state).toBe('low-confidence');
    expect(m.reasons).toContain('beyond-tracker-range');
    expect(m.rotationDeg).not.toBeNull();
    expect(m.tiltDeg).not.toBeNull();
    // Every frame of the bend: within 5°, or flagged; never more than 10° off while given.
    for (const [i, x] of out) {
      if (x.flexionDeg === null) continue;
      const e = Math.abs(x.flexionDeg - truth.get(i)!);
      expect(e).toBeLessThanOrEqual(GROSS_ERROR_DEG);
      if (e > EDGE_WITHIN_DEG) expect(x.state).toBe('low-confidence');
    }
  });

  it('beard-glasses, on the way back: a frame just over 0.5 right after a doubtful one at the edge stays low confidence', () => {
    const { neutral, rest, bend } = recorded(BEARD_LAPTOP_REST, BEARD_LAPTOP_BEND, 1000 / 15);
    const f148 = bend.find((f) => f.frameIndex === 148)!;
    const raw = measureFrame(f148, neutral);
    expect(raw.state).toBe('measured'); // alone: measured, 8° off at a true +30.5°
    expect(Math.abs(raw.flexionDeg! - 30.5)).toBeGreaterThan(EDGE_WITHIN_DEG);
    expect(raw.confidence).toBeGreaterThanOrEqual(0.5);
    const m = run(neutral, rest, bend).get(148)!;
    expect(m.state).toBe('low-confidence');
    expect(m.flexionDeg).not.toBeNull(); // flagged, value kept
  });

  it('dark-stubble, 30 fps: +31.1° read +24.4° while the face keeps moving down is low confidence', () => {
    const { neutral, rest, bend } = recorded(STUBBLE_WEBCAM_REST, STUBBLE_WEBCAM_BEND, 1000 / 30);
    const raw = measureFrame(bend.find((f) => f.frameIndex === 259)!, neutral);
    expect(raw.state).toBe('measured');
    expect(31.1 - raw.flexionDeg!).toBeGreaterThan(EDGE_WITHIN_DEG);
    const m = run(neutral, rest, bend).get(259)!;
    expect(m.state).toBe('low-confidence');
  });
});

describe('FlexionLagGuard', () => {
  const FRAME_MS = 1000 / 30;
  const WIDTH_PX = 120;
  function mesh(i: number, flexionDeg: number): FrameMeasure {
    return { frameIndex: i, timestampMs: i * FRAME_MS, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 0, tiltDeg: 0, flexionDeg, lateralShiftCm: 0, shoulderElevationDeg: null };
  }
  /** Frames of a reading and the eyes' image height (face widths below the start), through a fresh guard. */
  function through(readingsDeg: readonly number[], eyeDropFaceWidths: readonly number[], turnDeg = 0): FrameMeasure[] {
    const g = new FlexionLagGuard();
    return readingsDeg.map((deg, i) => {
      const m = mesh(i, deg);
      return g.apply(m, m, { eyeYPx: 200 + eyeDropFaceWidths[i]! * WIDTH_PX, faceWidthPx: WIDTH_PX }, turnDeg);
    });
  }
  const ramp = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  const rad = (deg: number) => (deg * Math.PI) / 180;

  it('leaves a bend whose eyes move as its reading explains', () => {
    const deg = ramp(20, 0, 35);
    const out = through(deg, deg.map((d) => EYE_DROP_PER_RAD * rad(d)));
    expect(out.every((m) => m.state === 'measured' && m.flexionDeg !== null)).toBe(true);
  });

  it('drops the flexion of a reading that stalls at 20° while the eyes keep moving down', () => {
    const deg = [...ramp(10, 0, 20), ...Array(10).fill(20)];
    const eyes = [...ramp(10, 0, EYE_DROP_PER_RAD * rad(20)), ...ramp(10, EYE_DROP_PER_RAD * rad(20) + 0.03, EYE_DROP_PER_RAD * rad(20) + 0.3)];
    const out = through(deg, eyes);
    expect(out.slice(0, 10).every((m) => m.state === 'measured')).toBe(true);
    expect(out.at(-1)!.flexionDeg).toBeNull();
    expect(out.at(-1)!.reasons).toContain('beyond-tracker-range');
  });

  it('only doubts a smaller unexplained drop, and not at all below 15° of chin-down or on a turned face', () => {
    const mid = (LAG_DOUBT_FACE_WIDTHS + LAG_DROP_FACE_WIDTHS) / 2;
    const still = Array(10).fill(20);
    const eyes = ramp(10, 0, mid * 1.2); // over the 9 frames; the last 8 (267 ms) drop about `mid`
    const doubted = through(still, eyes).at(-1)!;
    expect(doubted.state).toBe('low-confidence');
    expect(doubted.flexionDeg).toBe(20);
    expect(through(Array(10).fill(10), ramp(10, 0, 0.5)).at(-1)!.state).toBe('measured'); // 10°: below the check
    expect(through(still, ramp(10, 0, 0.5), 25).at(-1)!.state).toBe('measured'); // turned: the combined rule's
  });
});

describe('combined-posture rule: tilt and bend together', () => {
  it('flags a turn of 21° with a 7.5° tilt and a 10° bend (neither alone past 10°)', () => {
    const angles = { rotationDeg: -21.4, tiltDeg: 7.5, flexionDeg: -9.9 };
    const m = measureFrame(frameOf(syntheticFace({ angles }), 0, 0), anatomicalNeutral());
    expect(m.state).toBe('low-confidence');
    // Not the turn alone: a plain 21° turn is measured.
    const plain = measureFrame(frameOf(syntheticFace({ angles: { rotationDeg: -21.4, tiltDeg: 0, flexionDeg: 0 } }), 0, 0), anatomicalNeutral());
    expect(plain.state).toBe('measured');
    expect(Math.abs(plain.rotationDeg! + 21.4)).toBeLessThan(COMBINED_WITHIN_DEG);
  });
});
