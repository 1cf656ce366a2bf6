// The angle convention shared by the phantom's ground truth and core's decomposition (issue 13, docs/angle-convention.md):
// combined postures read with cross-talk on the phantom; these tests show the order and the clinical meaning agree on
// both sides, so the cross-talk has to come from the face mesh itself.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HeadAngles } from '../measures/types.ts';
import type { LandmarkFrame } from '../landmarks/types.ts';
import { anglesFromRotationMatrix, headRotationMatrix, mat3Multiply, mat3Transpose, type Mat3 } from './euler.ts';
import { measureFrame } from './estimator.ts';
import { calibrateNeutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';

const DEG = 180 / Math.PI;
const TOL_EXACT_DEG = 1e-6;
/** Closed-form fit of an exact synthetic mesh (orthographic), deg. */
const TOL_FIT_DEG = 0.3;

const apply = (m: Mat3, v: readonly [number, number, number]): [number, number, number] => [
  m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
  m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
  m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
];

/** The clinical reading of a head orientation, from geometry alone (no Euler formula). */
function clinicalFromGeometry(R: Mat3): HeadAngles {
  // Camera frame: x image right, y down, z away from the camera; the face points to −z, up is −y.
  const [fx, fy, fz] = apply(R, [0, 0, -1]);
  // Rotation: heading of the nose line in the horizontal plane, about the trunk's vertical axis (> 0 = toward the
  // patient's right = image left, −x).
  const rotationDeg = Math.atan2(-fx, -fz) * DEG;
  // Flexion: the nose line below the horizontal (> 0 = chin down, +y), about the transverse axis.
  const flexionDeg = Math.asin(Math.max(-1, Math.min(1, fy))) * DEG;
  // Tilt: roll of the head's up vector about the nose line (the antero-posterior axis), measured against the
  // vertical plane through the nose line (> 0 = top of the head to the patient's right = image left).
  const up = apply(R, [0, -1, 0]);
  const f = [fx, fy, fz];
  // "No tilt" up: the world up (−y) made perpendicular to the nose line.
  const w = [0, -1, 0];
  const d = w[0]! * f[0]! + w[1]! * f[1]! + w[2]! * f[2]!;
  const u0 = w.map((x, i) => x - d * f[i]!);
  const n0 = Math.hypot(...u0);
  const u = u0.map((x) => x / n0);
  // Patient's right, perpendicular to both: f × u0 points to image left (−x) at rest (f = (0,0,−1), u = (0,−1,0)).
  const r = [f[1]! * u[2]! - f[2]! * u[1]!, f[2]! * u[0]! - f[0]! * u[2]!, f[0]! * u[1]! - f[1]! * u[0]!];
  const tiltDeg = Math.atan2(up[0] * r[0]! + up[1] * r[1]! + up[2] * r[2]!, up[0] * u[0]! + up[1] * u[1]! + up[2] * u[2]!) * DEG;
  return { rotationDeg, tiltDeg, flexionDeg };
}

const combined = fc.record({
  rotationDeg: fc.double({ min: -60, max: 60, noNaN: true }),
  tiltDeg: fc.double({ min: -40, max: 40, noNaN: true }),
  flexionDeg: fc.double({ min: -40, max: 40, noNaN: true }),
});

describe('angle convention (phantom truth = core decomposition)', () => {
  it('rotation is the nose heading about the vertical, flexion its elevation, tilt the roll about the nose line', () => {
    fc.assert(fc.property(combined, (a) => {
      const g = clinicalFromGeometry(headRotationMatrix(a));
      expect(Math.abs(g.rotationDeg - a.rotationDeg)).toBeLessThan(TOL_EXACT_DEG);
      expect(Math.abs(g.flexionDeg - a.flexionDeg)).toBeLessThan(TOL_EXACT_DEG);
      expect(Math.abs(g.tiltDeg - a.tiltDeg)).toBeLessThan(TOL_EXACT_DEG);
    }));
  });

  it('the combined posture with extension (−35°, +20°, −15°): each axis is what its clinical definition says', () => {
    const a = { rotationDeg: -35, tiltDeg: 20, flexionDeg: -15 };
    const g = clinicalFromGeometry(headRotationMatrix(a));
    expect(g.rotationDeg).toBeCloseTo(-35, 6);
    expect(g.tiltDeg).toBeCloseTo(20, 6);
    expect(g.flexionDeg).toBeCloseTo(-15, 6);
    // Another order reads the same matrix differently: that is the cross-talk a mismatch would give.
    const ry = headRotationMatrix({ rotationDeg: -35, tiltDeg: 0, flexionDeg: 0 });
    const rx = headRotationMatrix({ rotationDeg: 0, tiltDeg: 0, flexionDeg: -15 });
    const rz = headRotationMatrix({ rotationDeg: 0, tiltDeg: 20, flexionDeg: 0 });
    const xzy = anglesFromRotationMatrix(mat3Multiply(rx, mat3Multiply(rz, ry)));
    expect(Math.abs(xzy.tiltDeg - 20)).toBeGreaterThan(10);
  });

  it('a synthetic mesh posed as the phantom poses its head (trunk and face square: R = H) is read back through a calibrated neutral', () => {
    // The phantom (render/renderer.ts): R = T · headRotationMatrix(angles) · Nt, with Nt turning the photo's face square
    // to the camera. A synthetic mesh at the same R, calibrated on its own rest frames, must read the truth angles.
    const postures: HeadAngles[] = [
      { rotationDeg: -35, tiltDeg: 20, flexionDeg: -15 },
      { rotationDeg: 35, tiltDeg: -20, flexionDeg: 15 },
      { rotationDeg: 30, tiltDeg: 15, flexionDeg: -15 },
    ];
    const frame = (i: number, a: HeadAngles): LandmarkFrame => ({
      frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480,
      faces: [syntheticFace({ angles: a, pxPerCm: 12 })], bodies: [], hands: [],
    });
    const rest = Array.from({ length: 20 }, (_, i) => frame(i, { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }));
    const cal = calibrateNeutral(rest);
    expect(cal.ok).toBe(true);
    if (!cal.ok) return;
    postures.forEach((a, k) => {
      const m = measureFrame(frame(100 + k, a), cal.neutral);
      expect(Math.abs(m.rotationDeg! - a.rotationDeg)).toBeLessThan(TOL_FIT_DEG);
      expect(Math.abs(m.tiltDeg! - a.tiltDeg)).toBeLessThan(TOL_FIT_DEG);
      expect(Math.abs(m.flexionDeg! - a.flexionDeg)).toBeLessThan(TOL_FIT_DEG);
      // Flagged low confidence all the same (range.ts: a turn with a tilt or bend), because the real mesh reads them badly.
      expect(m.state).toBe('low-confidence');
    });
  });

  it('a neutral offset on the camera side (camera off to the side or pitched) cancels exactly; a face-side offset leaves cross-talk', () => {
    const a = { rotationDeg: -35, tiltDeg: 20, flexionDeg: -15 };
    const H = headRotationMatrix(a);
    const cameraSide = headRotationMatrix({ rotationDeg: 15, tiltDeg: 0, flexionDeg: -10 });
    const faceSide = headRotationMatrix({ rotationDeg: 0, tiltDeg: 0, flexionDeg: 5 });
    // Q = Nᵀ·R (estimator.ts). Camera side: R = C·H, N = C.
    const qc = anglesFromRotationMatrix(mat3Multiply(mat3Transpose(cameraSide), mat3Multiply(cameraSide, H)));
    expect(Math.abs(qc.tiltDeg - 20)).toBeLessThan(TOL_EXACT_DEG);
    expect(Math.abs(qc.flexionDeg + 15)).toBeLessThan(TOL_EXACT_DEG);
    // Face side (the mesh reads a face 5° chin-down at rest, as it reads the phantom's astronaut): R = H·F, N = F.
    const qf = anglesFromRotationMatrix(mat3Multiply(mat3Transpose(faceSide), mat3Multiply(H, faceSide)));
    const tiltCrossTalkDeg = Math.abs(qf.tiltDeg - 20);
    // Small next to the 9–13° seen on the phantom (docs/angle-convention.md), but not zero.
    expect(tiltCrossTalkDeg).toBeGreaterThan(1);
    expect(tiltCrossTalkDeg).toBeLessThan(5);
  });
});
