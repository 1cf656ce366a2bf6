/**
 * When the face detector runs: the crop the face-mesh model sees decides its small-angle rotation gain.
 *
 * Human tracks a face between detector runs by re-centring the next crop on the previous mesh's
 * bounding box. When the head turns, that box centre slides toward the near cheek, the next crop is
 * off-centre, and the mesh model reads more turn than there is. Measured on the phantom
 * (bench/results/face-cadence.md): a ±3° rotation oscillation read with gain 1.22–1.26 while tracking
 * and 1.02–1.04 with the detector on every frame; tilt and flexion are within 10 % either way. Far
 * from frontal the opposite holds: with a fresh detector box on every frame the mesh can collapse
 * toward frontal past ≈ 50° without the body model noticing (3 of 55 frames off by 12° on the
 * phantom), while tracking keeps the collapse detectable.
 *
 * So: the detector runs on every frame while the last frame's head faced the camera within
 * `faceDetectorEveryFrameBelowYawDeg`, and every `faceDetectorEveryNFrames` frames otherwise.
 * The decision uses only the previous frame's landmarks, so it is deterministic for a given frame
 * sequence, and the browser and the CLI make the same choices.
 */
import { anglesFromRotationMatrix, fitHead, selectPatientFace, type LandmarkFrame } from '@geste/core';
import type { VisionTuning } from './humanConfig.ts';

/**
 * Crop rotation (issue 13): Human can rotate the face crop to the detector's eye line before the mesh model
 * sees it. Without it the mesh reads a head tilt past ≈ 25° as ≈ 27° (a 40° tilt off by 13° on the phantom);
 * with it on a turned face the crop is rotated wrongly and a 35° turn reads 20° of tilt and 16° of flexion.
 * So it is used only while the previous frame's face was tilted at least `ROTATE_CROP_FROM_ROLL_DEG` and
 * turned at most `ROTATE_CROP_UP_TO_YAW_DEG` from the camera.
 */
export const ROTATE_CROP_FROM_ROLL_DEG = 15;
export const ROTATE_CROP_UP_TO_YAW_DEG = 20;

export class FaceDetectorCadence {
  private lastYawDeg: number | null = null;
  private lastRollDeg: number | null = null;

  constructor(private readonly tuning: Pick<VisionTuning, 'faceDetectorEveryNFrames' | 'faceDetectorEveryFrameBelowYawDeg' | 'faceRotationCorrection'>) {}

  /** Human's `face.detector.rotation` for the next frame (see ROTATE_CROP_FROM_ROLL_DEG). */
  nextRotateCrop(): boolean {
    return (this.tuning.faceRotationCorrection ?? false) && this.lastRollDeg !== null && this.lastYawDeg !== null
      && this.lastRollDeg >= ROTATE_CROP_FROM_ROLL_DEG && this.lastYawDeg <= ROTATE_CROP_UP_TO_YAW_DEG;
  }

  /** Human's `face.detector.skipFrames` for the next frame. */
  nextSkipFrames(): number {
    const below = this.tuning.faceDetectorEveryFrameBelowYawDeg;
    if (below > 0 && this.lastYawDeg !== null && this.lastYawDeg < below) return 0;
    return this.tuning.faceDetectorEveryNFrames;
  }

  /** Feeds the frame just detected (its one face's yaw from the camera decides the next cadence). */
  observe(frame: LandmarkFrame): void {
    const a = cameraAnglesDeg(frame);
    this.lastYawDeg = a === null ? null : Math.abs(a.rotationDeg);
    this.lastRollDeg = a === null ? null : Math.abs(a.tiltDeg);
  }

  /** The previous frame's |yaw| from the camera, deg (null: no single well-fitted face). */
  get lastCameraYawDeg(): number | null {
    return this.lastYawDeg;
  }
}

/** |rotation| of the one face in the frame relative to the camera, deg; null when there is not exactly one fitted face. */
export function cameraYawDeg(frame: LandmarkFrame): number | null {
  const a = cameraAnglesDeg(frame);
  return a === null ? null : Math.abs(a.rotationDeg);
}

/** Head angles of the one face in the frame relative to the camera; null when there is not exactly one fitted face. */
function cameraAnglesDeg(frame: LandmarkFrame): { rotationDeg: number; tiltDeg: number } | null {
  const sel = selectPatientFace(frame);
  if (sel.kind !== 'one') return null;
  const fit = fitHead(sel.face, frame);
  if (fit === null) return null;
  return anglesFromRotationMatrix(fit.headToCamera);
}

/** The per-call config Human merges before a detect call. */
export function cadenceConfig(skipFrames: number, rotateCrop = false): { face: { detector: { skipFrames: number; rotation: boolean } } } {
  return { face: { detector: { skipFrames, rotation: rotateCrop } } };
}
