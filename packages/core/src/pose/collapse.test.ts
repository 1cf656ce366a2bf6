import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { HeadPoseEstimator, SURE_MESH_OVERRULED_PAST_DEG, keypointYawFromCameraDeg, measureFrame } from './estimator.ts';
import { anatomicalNeutral } from './neutral.ts';
import { syntheticFace } from './syntheticFace.ts';
import { noseAndEars } from './noseAndEars.fixture.ts';
import { type CollapseReading, PHANTOM_FAR_TURN_15FPS, PHANTOM_FAR_TURN_30FPS, REAL_FACE_PAN, REAL_FACE_SMALL_PAN } from './collapse.fixture.ts';

/** A measured frame is within this of the mesh reading it came from (synthetic mesh, anatomical neutral = the camera). */
const SAME_READING_TOL_DEG = 0.5;
/** Issue 13: at 45–80° of turn, no frame more than this off while measurable. */
const GROSS_ERROR_DEG = 10;

/** A frame made from one recorded reading: the mesh at its fitted angles and score, the nose and ears at their yaw and score. */
function frameFrom(r: CollapseReading, frameIndex: number): LandmarkFrame {
  const [timestampMs, yaw, tilt, flex, meshScore, kpYaw, kpScore] = r;
  const faces = yaw === null || tilt === null || flex === null ? [] : [{ ...syntheticFace({ angles: { rotationDeg: yaw, tiltDeg: tilt, flexionDeg: flex } }), meshScore: meshScore ?? 1 }];
  const bodies = kpYaw === null || kpScore === null ? [] : [noseAndEars(kpYaw, kpScore)];
  return { frameIndex, timestampMs, imageWidthPx: 640, imageHeightPx: 480, faces, bodies, hands: [] };
}

function replay(readings: readonly CollapseReading[]): FrameMeasure[] {
  const est = new HeadPoseEstimator();
  return readings.map((r, i) => est.measure(frameFrom(r, i)));
}

const beyond = (m: FrameMeasure) => m.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range');

describe('the collapse check on recorded readings (issue 13, session 7)', () => {
  it('the body keypoints built for a reading read back its yaw', () => {
    const kp = keypointYawFromCameraDeg(frameFrom([0, null, null, null, null, -33.8, 0.6, null], 0));
    expect(Math.abs(kp!.yawDeg + 33.8)).toBeLessThan(SAME_READING_TOL_DEG);
  });

  for (const [name, readings] of [['face 170 px', REAL_FACE_PAN], ['face 115 px', REAL_FACE_SMALL_PAN]] as const) {
    it(`a real face held at 28° with nose and ears reading 33–40° (score up to 0.7) is never blanked (${name})`, () => {
      // The recordings: the 2nd thumbnail of Human's samples.jpg panned (BENCHMARKS.md, "Collapse check on real faces").
      expect(readings.length).toBe(360);
      // The readings that used to blank it: a sure mesh, keypoints strong and > 8° further turned.
      expect(readings.filter(([, y, , , s, k, ks]) => y !== null && k !== null && s! >= 0.9 && ks! >= 0.5 && Math.abs(k) - Math.abs(y) > 8).length).toBeGreaterThan(10);
      const out = replay(readings);
      expect(out.filter(beyond)).toEqual([]);
      for (const [i, m] of out.entries()) {
        expect(m.method).toBe('face-mesh');
        expect(Math.abs(m.rotationDeg! - readings[i]![1]!)).toBeLessThan(SAME_READING_TOL_DEG);
      }
    });
  }

  for (const [name, readings] of [['15 fps', PHANTOM_FAR_TURN_15FPS], ['30 fps', PHANTOM_FAR_TURN_30FPS]] as const) {
    it(`phantom far turn to ±70° and back (${name}): collapsed meshes stay blanked, none > 10° off while measurable`, () => {
      const out = replay(readings);
      let far = 0, farBlanked = 0;
      for (const [i, m] of out.entries()) {
        const truth = readings[i]![7];
        if (truth === null || Math.abs(truth) <= 45 || Math.abs(truth) > 80) continue;
        far++;
        if (m.rotationDeg === null) farBlanked++;
        else expect(Math.abs(m.rotationDeg - truth)).toBeLessThanOrEqual(GROSS_ERROR_DEG);
      }
      expect(far).toBeGreaterThan(40);
      expect(farBlanked).toBeGreaterThan(far / 2);
      // The collapses themselves: an unsure mesh reading ≥ 20° short of the truth, nose and ears further turned.
      const collapses = readings.flatMap((r, i) => (r[1] !== null && r[4]! < 0.9 && r[7] !== null && Math.abs(r[7]) - Math.abs(r[1]) >= 20 && r[5] !== null && Math.abs(r[5]) - Math.abs(r[1]) > 8 ? [i] : []));
      for (const i of collapses) expect(out[i]!.rotationDeg, `frame ${i}`).toBeNull();
    });
  }
});

describe('keypoints against a sure mesh (estimator.ts SURE_MESH_OVERRULED_PAST_DEG)', () => {
  const sureMesh = (yawDeg: number) => ({ ...syntheticFace({ angles: { rotationDeg: yawDeg, tiltDeg: 0, flexionDeg: 0 } }), meshScore: 1 });
  const at = (meshYawDeg: number, kpYawDeg: number, kpScore: number) =>
    measureFrame({ frameIndex: 0, timestampMs: 0, imageWidthPx: 640, imageHeightPx: 480, faces: [sureMesh(meshYawDeg)], bodies: [noseAndEars(kpYawDeg, kpScore)], hands: [] }, anatomicalNeutral());

  it('strong keypoints 8° further turned inside the range do not overrule it (a real face: 28° vs 36°)', () => {
    expect(at(28, 36.6, 0.57).state).toBe('measured');
    expect(at(33, SURE_MESH_OVERRULED_PAST_DEG - 1, 0.8).method).toBe('face-mesh');
  });

  it('weak keypoints against a level sure mesh past 30° count only past the range', () => {
    expect(at(31, 41, 0.3).method).toBe('face-mesh');
    // A sure mesh lagging a fast turn: 39.5° at a true 46.5°, the keypoints 51°.
    expect(at(39.5, 51, 0.3).state).toBe('not-measurable');
  });

  it('keypoints past the range still overrule a sure mesh that reads much less', () => {
    const m = at(15, SURE_MESH_OVERRULED_PAST_DEG + 5, 0.6);
    expect(m.state).toBe('not-measurable');
    expect(m.reasons).toContain('beyond-tracker-range');
  });

  it('an unsure mesh is still overruled by keypoints 8° further turned inside the range', () => {
    const unsure = { ...sureMesh(20), meshScore: 0.6 };
    const m = measureFrame({ frameIndex: 0, timestampMs: 0, imageWidthPx: 640, imageHeightPx: 480, faces: [unsure], bodies: [noseAndEars(30, 0.3)], hands: [] }, anatomicalNeutral());
    expect(m.state).toBe('not-measurable');
  });
});
