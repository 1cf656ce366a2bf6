// Core is mirror-symmetric over a whole recording (issue 13, session 10 "mirror"): a recording and its exact
// left-right mirror (x → W − x for every point and box, mesh indices to their mirror partners, left/right body
// keypoints swapped) read rotation, tilt and sideways shift with the opposite sign and the same flexion on every
// frame, through every recording-level step (neutral, guards, anatomical zero, trunk). On real videos the clip and
// its hflip copy differ by ≈ 1° (BENCHMARKS "(session 10, mirror)"): that is the face-mesh network's own asymmetry,
// and this test keeps core from adding one of its own.
import { describe, expect, it } from 'vitest';
import type { BodyKeypoint, BodyObservation, BodyPartName, LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { RecordingAnalyzer, type NeutralStrategy } from '../session/recording.ts';
import { MIRROR_PARTNER, syntheticFace } from './syntheticFace.ts';

/** Mirror and plain readings may differ by floating-point rounding only. */
const TOL_EXACT_DEG = 1e-6;
const TOL_EXACT_CM = 1e-6;
const W = 640;
const H = 480;
const FPS = 30;

function head(i: number): { rotationDeg: number; tiltDeg: number; flexionDeg: number } {
  const t = i / FPS;
  // Still 2 s, a turn to 35° and over to −20°, back; tilt and flexion moving too, a 4 Hz ±1.5° tremor on rotation.
  const turn = t < 2 ? 0 : t < 4 ? 35 * Math.sin(((t - 2) / 2) * (Math.PI / 2)) : t < 6 ? 35 - 55 * ((t - 4) / 2) : -20 + 20 * Math.min(1, (t - 6) / 1.5);
  return { rotationDeg: turn + 1.5 * Math.sin(2 * Math.PI * 4 * t), tiltDeg: 6 * Math.sin(0.7 * t) + 3, flexionDeg: -8 + 6 * Math.sin(0.9 * t) };
}

function body(i: number): BodyObservation {
  const sway = 8 * Math.sin(i / 40);
  const k = (part: BodyPartName, xPx: number, yPx: number, score = 0.9): BodyKeypoint => ({ part, xPx, yPx, score });
  return {
    score: 0.9,
    keypoints: [
      k('nose', 252 + sway, 236), k('leftEye', 282 + sway, 205), k('rightEye', 222 + sway, 207), k('leftEar', 316 + sway, 226, 0.7), k('rightEar', 190 + sway, 230, 0.6),
      // One shoulder higher than the other, the trunk a little off the image centre.
      k('leftShoulder', 372 + sway / 2, 402), k('rightShoulder', 138 + sway / 2, 418), k('leftHip', 340, 478, 0.4), k('rightHip', 170, 478, 0.4),
    ],
  };
}

function recording(): LandmarkFrame[] {
  return Array.from({ length: 8 * FPS }, (_, i) => ({
    frameIndex: i,
    timestampMs: (i * 1000) / FPS,
    imageWidthPx: W,
    imageHeightPx: H,
    // Off the image centre (the viewing ray matters), under perspective, with seeded noise.
    faces: [syntheticFace({ angles: head(i), centerPx: [250 + 10 * Math.sin(i / 25), 230], perspective: { focalPx: 600, distanceCm: 55 }, noisePx: 0.4, seed: i + 1 })],
    bodies: i % 3 === 0 ? [body(i)] : [body(i - (i % 3))],
    hands: [],
    ...(i % 3 === 0 ? {} : { bodyHeld: { ageMs: ((i % 3) * 1000) / FPS, faceCentrePx: { xPx: 250 + 10 * Math.sin((i - (i % 3)) / 25), yPx: 230 } } }),
  }));
}

const SWAP = (p: BodyPartName): BodyPartName => (p.startsWith('left') ? (`right${p.slice(4)}` as BodyPartName) : p.startsWith('right') ? (`left${p.slice(5)}` as BodyPartName) : p);

/** The frame an exactly mirror-symmetric camera and model would give of the mirrored scene. */
function mirror(f: LandmarkFrame): LandmarkFrame {
  const mx = (x: number): number => f.imageWidthPx - x;
  return {
    ...f,
    faces: f.faces.map((face) => ({
      ...face,
      meshPx: MIRROR_PARTNER.map((j) => ({ ...face.meshPx[j]!, x: mx(face.meshPx[j]!.x) })),
      boxPx: { ...face.boxPx, x: f.imageWidthPx - face.boxPx.x - face.boxPx.width },
    })),
    bodies: f.bodies.map((b) => ({ ...b, keypoints: b.keypoints.map((k) => ({ ...k, part: SWAP(k.part), xPx: mx(k.xPx) })) })),
    hands: f.hands.map((h) => ({ ...h, boxPx: { ...h.boxPx, x: f.imageWidthPx - h.boxPx.x - h.boxPx.width } })),
    ...(f.bodyHeld ? { bodyHeld: { ...f.bodyHeld, faceCentrePx: f.bodyHeld.faceCentrePx ? { ...f.bodyHeld.faceCentrePx, xPx: mx(f.bodyHeld.faceCentrePx.xPx) } : null } } : {}),
  };
}

function analyze(frames: readonly LandmarkFrame[], strategy: NeutralStrategy): readonly FrameMeasure[] {
  const a = new RecordingAnalyzer(strategy);
  for (const f of frames) a.push(f);
  return a.finish().frames;
}

describe('a recording and its exact mirror (core is mirror-symmetric)', () => {
  const plainFrames = recording();
  const mirrorFrames = plainFrames.map(mirror);
  for (const strategy of [{ kind: 'anatomical' }, { kind: 'calibrate-window', startMs: 0, endMs: 2000 }] as const) {
    it(`reads −rotation, −tilt, −shift and the same flexion on every frame (${strategy.kind})`, () => {
      const a = analyze(plainFrames, strategy);
      const b = analyze(mirrorFrames, strategy);
      expect(b.length).toBe(a.length);
      const measured = a.filter((m) => m.rotationDeg !== null).length;
      expect(measured).toBeGreaterThan(0.9 * a.length);
      expect(a.some((m) => m.lateralShiftCm !== null)).toBe(true);
      for (let i = 0; i < a.length; i++) {
        const p = a[i]!, q = b[i]!;
        expect(q.state).toBe(p.state);
        for (const [x, y, flip, tol] of [[p.rotationDeg, q.rotationDeg, true, TOL_EXACT_DEG], [p.tiltDeg, q.tiltDeg, true, TOL_EXACT_DEG], [p.flexionDeg, q.flexionDeg, false, TOL_EXACT_DEG], [p.lateralShiftCm, q.lateralShiftCm, true, TOL_EXACT_CM]] as const) {
          expect(y === null).toBe(x === null);
          if (x !== null && y !== null) expect(Math.abs(flip ? x + y : x - y)).toBeLessThan(tol);
        }
      }
    });
  }
});
