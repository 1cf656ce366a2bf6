/**
 * Head pose goes through the shared core only (same numbers as the CLI): this file just names what
 * the web app uses from `@geste/core` pose.
 */
export { HeadPoseEstimator, calibrateNeutral, anatomicalNeutral, measureFrame } from '@geste/core';
export type { Neutral, CalibrationResult, CalibrationFailure } from '@geste/core';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';

/** What the measurement loop needs from a pose estimator. */
export interface PoseEngine {
  measure(frame: LandmarkFrame): FrameMeasure;
}
