// The jaw's opening (signal/mouth.ts, issue 13 session 9): it moves when the chin drops and stays put when the whole
// face turns rigidly — the talking rule's evidence that a rhythm is the mouth's (docs/tremor-peak.md, "Talking").
import { describe, expect, it } from 'vitest';
import type { FaceObservation, LandmarkFrame } from '../landmarks/types.ts';
import { syntheticFace } from '../pose/syntheticFace.ts';
import { jawOpeningRatio, MOUTH_LANDMARKS, mouthOpeningRatio, mouthOpeningSeries } from './mouth.ts';

/** A rigid turn changes the 3-D chin-to-eyes distance only by rounding (the canonical face is rigid). */
const TOL_RIGID_RATIO = 1e-9;

const frame = (faces: readonly FaceObservation[], timestampMs = 0): LandmarkFrame => ({ frameIndex: 0, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces, bodies: [], hands: [] });

function withChinDropped(face: FaceObservation, dropPx: number): FaceObservation {
  const meshPx = face.meshPx.map((p, i) => (i === MOUTH_LANDMARKS.chin || i === MOUTH_LANDMARKS.lowerLip ? { ...p, y: p.y + dropPx } : p));
  return { ...face, meshPx };
}

describe('jawOpeningRatio', () => {
  it('is the same for a face facing the camera and the same face turned 20°, tilted 10° and bent 15° (rigid motion)', () => {
    const still = jawOpeningRatio(frame([syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } })]));
    const turned = jawOpeningRatio(frame([syntheticFace({ angles: { rotationDeg: 20, tiltDeg: 10, flexionDeg: 15 } })]));
    expect(still).not.toBeNull();
    expect(Math.abs((turned as number) - (still as number))).toBeLessThan(TOL_RIGID_RATIO);
  });

  it('grows when the chin drops (speech): by the drop over the eye-corner distance', () => {
    const face = syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } });
    const m = face.meshPx, r = m[MOUTH_LANDMARKS.eyeRight]!, l = m[MOUTH_LANDMARKS.eyeLeft]!;
    const eyePx = Math.hypot(r.x - l.x, r.y - l.y, r.z - l.z);
    const closed = jawOpeningRatio(frame([face])) as number;
    const open = jawOpeningRatio(frame([withChinDropped(face, 6)])) as number;
    expect(open - closed).toBeGreaterThan(0.9 * (6 / eyePx));
    expect(open - closed).toBeLessThanOrEqual(6 / eyePx + 1e-12);
    expect((mouthOpeningRatio(frame([withChinDropped(face, 6)])) as number) - (mouthOpeningRatio(frame([face])) as number)).toBeGreaterThan(0);
  });

  it('is null without a face and with two people of the same size (whose jaw is it?)', () => {
    const a = syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }, centerPx: [200, 240] });
    const b = syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }, centerPx: [440, 240] });
    expect(jawOpeningRatio(frame([]))).toBeNull();
    expect(jawOpeningRatio(frame([a, b]))).toBeNull();
  });

  it('mouthOpeningSeries carries the lips and the jaw per frame', () => {
    const face = syntheticFace({ angles: { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 } });
    const s = mouthOpeningSeries([frame([face], 0), frame([], 33), frame([withChinDropped(face, 4)], 67)]);
    expect(s.timestampsMs).toEqual([0, 33, 67]);
    expect(s.jaw[1]).toBeNull();
    expect((s.jaw[2] as number) > (s.jaw[0] as number)).toBe(true);
    expect(s.values).toHaveLength(3);
  });
});
