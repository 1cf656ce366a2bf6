import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  anglesFromRotationMatrix,
  headRotationMatrix,
  mat3Multiply,
  mat3Transpose,
  type Mat3,
} from './euler.ts';

const TOL_ANGLE_DEG = 1e-6;

function apply(m: Mat3, v: [number, number, number]): [number, number, number] {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

describe('clinical Euler angles', () => {
  it('positive rotation turns the face toward the patient right (image left, -x)', () => {
    const fwd = apply(headRotationMatrix({ rotationDeg: 30, tiltDeg: 0, flexionDeg: 0 }), [0, 0, -1]);
    expect(fwd[0]).toBeLessThan(-0.4);
  });
  it('positive flexion moves the chin down (forward vector toward +y)', () => {
    const fwd = apply(headRotationMatrix({ rotationDeg: 0, tiltDeg: 0, flexionDeg: 30 }), [0, 0, -1]);
    expect(fwd[1]).toBeGreaterThan(0.4);
  });
  it('positive tilt moves the top of the head toward the patient right (image left)', () => {
    const up = apply(headRotationMatrix({ rotationDeg: 0, tiltDeg: 30, flexionDeg: 0 }), [0, -1, 0]);
    expect(up[0]).toBeLessThan(-0.4);
  });
  it('round-trips angles within the trackable range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        (rotationDeg, flexionDeg, tiltDeg) => {
          const back = anglesFromRotationMatrix(headRotationMatrix({ rotationDeg, flexionDeg, tiltDeg }));
          expect(Math.abs(back.rotationDeg - rotationDeg)).toBeLessThan(TOL_ANGLE_DEG);
          expect(Math.abs(back.flexionDeg - flexionDeg)).toBeLessThan(TOL_ANGLE_DEG);
          expect(Math.abs(back.tiltDeg - tiltDeg)).toBeLessThan(TOL_ANGLE_DEG);
        },
      ),
    );
  });
  it('produces orthonormal matrices with determinant +1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (rotationDeg, flexionDeg, tiltDeg) => {
          const m = headRotationMatrix({ rotationDeg, flexionDeg, tiltDeg });
          const i = mat3Multiply(m, mat3Transpose(m));
          [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, k) => expect(Math.abs(i[k]! - v)).toBeLessThan(1e-9));
          const det =
            m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
          expect(Math.abs(det - 1)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});
