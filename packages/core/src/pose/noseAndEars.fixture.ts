// Test support: body keypoints placed so that estimator.ts's nose-and-ears yaw reads a chosen angle.
import type { BodyObservation } from '../landmarks/types.ts';
import { NOSE_TO_EAR_AXIS_RATIO } from './estimator.ts';

/** Nose and both ears, each scored `score`, whose nose-and-ears yaw (keypointYawFromCameraDeg) is `yawDeg`. */
export function noseAndEars(yawDeg: number, score: number): BodyObservation {
  const rightEarX = 280, leftEarX = 390, halfEarsPx = (leftEarX - rightEarX) / 2;
  const noseX = (rightEarX + leftEarX) / 2 - Math.tan((yawDeg * Math.PI) / 180) * NOSE_TO_EAR_AXIS_RATIO * halfEarsPx;
  return {
    score,
    keypoints: [
      { part: 'nose', xPx: noseX, yPx: 240, score },
      { part: 'rightEar', xPx: rightEarX, yPx: 230, score },
      { part: 'leftEar', xPx: leftEarX, yPx: 230, score },
    ],
  };
}
