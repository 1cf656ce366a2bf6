import { describe, expect, it } from 'vitest';
import { measureValueWords, trainingStartWords, trunkCheckWords } from './words.ts';

describe('words for the anatomical zero', () => {
  it('a side never reached in the range of motion is said in words, not as a negative range', () => {
    expect(measureValueWords('romRotationLeftDeg', -29.8)).toBe('not reached: stayed 30° on the other side of straight');
    expect(measureValueWords('romRotationRightDeg', 29.8)).toMatch(/^30/);
    expect(measureValueWords('romRotationLeftDeg', null)).toBe('not measurable');
  });
  it('a training start in words, largest axis first; small axes left out', () => {
    expect(trainingStartWords({ rotationDeg: 30.2, tiltDeg: -12, flexionDeg: 1 })).toBe('30° turned to the right and 12° tilted to the left');
    expect(trainingStartWords({ rotationDeg: 2, tiltDeg: null, flexionDeg: -1 })).toMatch(/^within \d+° of straight$/);
  });
  it('the shoulder check names what is wrong (two people, mirrored, covered, out of view)', () => {
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-multiple-people'] })).toMatchObject({ ok: false, text: expect.stringMatching(/More than one person/) });
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-sides-swapped'] }).text).toMatch(/mirrored/);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-occluded'] }).text).toMatch(/covers a shoulder/);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-not-visible'] }).text).toMatch(/not in view/);
    expect(trunkCheckWords({ turnTilt: 'trunk', notes: [] }).ok).toBe(true);
    expect(trunkCheckWords({ turnTilt: 'camera', notes: ['trunk-yaw-unavailable'] })).toMatchObject({ ok: true, text: expect.stringMatching(/against the camera/) });
    expect(trunkCheckWords(null).ok).toBeNull();
  });
});
