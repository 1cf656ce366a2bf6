import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure, HeadAngles } from '../measures/types.ts';
import { HeadPoseEstimator, measureFrame } from './estimator.ts';
import { anatomicalNeutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';
import { MESH_RANGE_DEG } from './range.ts';

// Session 12: a beyond-range frame says which movement went beyond (FrameMeasure.beyondRangeAxes), and every
// low-confidence frame says why (its reasons, or FrameMeasure.doubts); the reasons, states and angles stay as they were.

const angles = (rotationDeg: number, tiltDeg: number, flexionDeg: number): HeadAngles => ({ rotationDeg, tiltDeg, flexionDeg });

function frameOf(faces: LandmarkFrame['faces'], extra: Partial<LandmarkFrame> = {}, i = 0): LandmarkFrame {
  return { frameIndex: i, timestampMs: i * 33.3, imageWidthPx: 640, imageHeightPx: 480, faces, bodies: [], hands: [], ...extra };
}
const one = (a: HeadAngles, meshScore = 1): FrameMeasure => measureFrame(frameOf([{ ...syntheticFace({ angles: a }), meshScore }]), anatomicalNeutral());
/** Frames measured in order by one estimator (the in-order guards), one per angle set, 30 fps. */
function sequence(seq: readonly HeadAngles[], meshScore = 1): FrameMeasure[] {
  const est = new HeadPoseEstimator();
  return seq.map((a, i) => est.measure(frameOf([{ ...syntheticFace({ angles: a }), meshScore }], {}, i)));
}

describe('which movement went beyond the tracker’s range', () => {
  it('a far turn, tilt, chin-down and chin-up each name their movement; two at once name both', () => {
    const over = 10;
    const cases: [HeadAngles, string[]][] = [
      [angles(MESH_RANGE_DEG.rotationDeg + over, 0, 0), ['turn']],
      [angles(-(MESH_RANGE_DEG.rotationDeg + over), 0, 0), ['turn']],
      [angles(0, MESH_RANGE_DEG.tiltDeg + over, 0), ['tilt']],
      [angles(0, 0, MESH_RANGE_DEG.flexionDeg + over), ['chin-down']],
      [angles(0, 0, -(MESH_RANGE_DEG.flexionDeg + over)), ['chin-up']],
      [angles(MESH_RANGE_DEG.rotationDeg + over, MESH_RANGE_DEG.tiltDeg + over, 0), ['turn', 'tilt']],
    ];
    for (const [a, axes] of cases) {
      const m = one(a);
      expect(m.state).toBe('not-measurable');
      expect(m.reasons).toEqual(['beyond-tracker-range']);
      expect(m.beyondRangeAxes).toEqual(axes);
    }
  });

  it('a measured frame carries neither field (old exports and saved recordings read the same)', () => {
    const m = one(angles(10, 5, 5));
    expect(m.state).toBe('measured');
    expect('beyondRangeAxes' in m).toBe(false);
    expect('doubts' in m).toBe(false);
  });

  it('nose and ears past 40° (no face): a far turn', () => {
    const kp = (part: 'nose' | 'leftEar' | 'rightEar', xPx: number) => ({ part, xPx, yPx: 200, score: 0.9 });
    const body = { score: 0.9, keypoints: [kp('nose', 225), kp('rightEar', 245), kp('leftEar', 395)] };
    const m = measureFrame(frameOf([], { bodies: [body] }), anatomicalNeutral());
    expect(m.reasons).toContain('beyond-tracker-range');
    expect(m.beyondRangeAxes).toEqual(['turn']);
  });

  it('frames held back after a far excursion keep the movement of that excursion (a far chin-down, then a lone frame)', () => {
    const down = MESH_RANGE_DEG.flexionDeg + 10;
    const out = sequence([angles(0, 0, 20), angles(0, 0, down), angles(0, 0, down), angles(0, 0, 5), angles(0, 0, down)]);
    expect(out[1]!.beyondRangeAxes).toEqual(['chin-down']);
    // The lone frame between beyond-range frames is held back (reentry.ts) and says chin-down, not "turned".
    expect(out[3]!.state).toBe('not-measurable');
    expect(out[3]!.reasons).toEqual(['beyond-tracker-range']);
    expect(out[3]!.beyondRangeAxes).toEqual(['chin-down']);
  });

  it('a chin-down an unsure mesh reads past 25° has its flexion dropped as chin-down (flexionEdge.ts)', () => {
    const m = sequence([angles(0, 0, 28)], 0.8)[0]!;
    expect(m.state).toBe('low-confidence');
    expect(m.flexionDeg).toBeNull();
    expect(m.beyondRangeAxes).toEqual(['chin-down']);
  });

  it('a reading that jumps further than a head moves is held back as a jump, not as a movement beyond the range', () => {
    const out = sequence([angles(0, 0, 0), angles(0, 0, 0), angles(35, 0, 0)]);
    expect(out[2]!.state).toBe('not-measurable');
    expect(out[2]!.doubts).toEqual(['tracker-jump']);
    expect(out[2]!.beyondRangeAxes).toBeUndefined();
  });
});

describe('why a frame has lower confidence', () => {
  it('a turn combined with a tilt', () => {
    const m = one(angles(25, 15, 0));
    expect(m.state).toBe('low-confidence');
    expect(m.reasons).toEqual(['no-shoulders']); // the only reason before: about the shoulders, not the head
    expect(m.doubts).toEqual(['turn-with-tilt-or-bend']);
  });

  it('near the edge of the range on the turn, with a mesh its model is not fully sure of; an unsure face', () => {
    const edge = one(angles(MESH_RANGE_DEG.rotationDeg - 1, 0, 0), 0.6);
    expect(edge.state).toBe('low-confidence');
    expect(edge.doubts).toEqual(['range-edge-turn']);
    const unsure = one(angles(0, 0, 0), 0.3);
    expect(unsure.state).toBe('low-confidence');
    expect(unsure.doubts).toEqual(['unsure-face']);
  });

  it('a chin held up past 25° (flexionEdge.ts), a fast turn toward the edge (turnLead.ts), a fast chin-down (flexionJerkPeak.ts)', () => {
    const up = sequence(Array.from({ length: 8 }, () => angles(0, 0, -27)));
    expect(up.at(-1)!.state).toBe('low-confidence');
    expect(up.at(-1)!.doubts).toEqual(['range-edge-chin-up']);
    const turn = sequence([0, 4, 8, 12, 16, 20, 24, 28, 32, 36].map((d) => angles(d, 0, 0)));
    const fastTurn = turn.filter((m) => m.doubts?.includes('fast-turn'));
    expect(fastTurn.length).toBeGreaterThan(0);
    for (const m of fastTurn) expect(m.state).toBe('low-confidence');
    const bend = sequence([0, 5, 10, 15, 20, 20].map((d) => angles(0, 0, d)));
    expect(bend.some((m) => m.state === 'low-confidence' && m.doubts?.includes('fast-bend'))).toBe(true);
  });

  it('no low-confidence frame is left without a word, over turns, tilts and bends through and past the range', () => {
    const seq: HeadAngles[] = [];
    for (let i = 0; i < 60; i++) seq.push(angles(55 * Math.sin(i / 6), 30 * Math.sin(i / 9), 45 * Math.sin(i / 7)));
    for (const score of [1, 0.6]) {
      for (const m of sequence(seq, score)) {
        if (m.state === 'measured') continue;
        const said = [...m.reasons.filter((r) => r !== 'no-shoulders'), ...(m.doubts ?? [])];
        expect(said.length, `frame ${m.frameIndex} (${m.state})`).toBeGreaterThan(0);
        if (m.reasons.includes('beyond-tracker-range')) expect(m.beyondRangeAxes?.length ?? m.doubts?.length, `frame ${m.frameIndex}`).toBeGreaterThan(0);
      }
    }
  });
});
