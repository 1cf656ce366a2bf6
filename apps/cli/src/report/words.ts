/** The one place where CLI/report codes become words for people. */
import type { Axis, NotMeasurableReason, PoseMethod } from '@geste/core';

export const REASON_WORDS: Readonly<Record<NotMeasurableReason, string>> = {
  'no-face': 'no face in view',
  'multiple-faces': 'more than one face in view (whose head to measure is unclear)',
  'beyond-tracker-range': 'head turned further than the face tracker sees reliably',
  'face-occluded': 'a hand or object covered part of the face',
  'low-face-confidence': 'the face tracker was unsure (poor light, blur, or an unusual view)',
  'no-shoulders': 'shoulders not visible (shift and shoulder elevation not measured)',
  'invalid-frame': 'the frame could not be read',
};

export const METHOD_WORDS: Readonly<Record<PoseMethod, string>> = {
  'face-mesh': 'face mesh (full accuracy)',
  'body-keypoints': 'nose and ears only (rotation only, lower accuracy)',
  none: 'not measured',
};

export const AXIS_WORDS: Readonly<Record<Axis, { name: string; positive: string; negative: string }>> = {
  rotationDeg: { name: 'Rotation (torticollis)', positive: 'chin toward the right shoulder', negative: 'chin toward the left shoulder' },
  tiltDeg: { name: 'Tilt (laterocollis)', positive: 'right ear toward the right shoulder', negative: 'left ear toward the left shoulder' },
  flexionDeg: { name: 'Flexion / extension (antero-/retrocollis)', positive: 'chin down', negative: 'chin up' },
};

export const NEUTRAL_WORDS = {
  calibrated: "the person's own calibrated straight posture",
  anatomical: 'the camera-derived neutral (face square to the camera, eyes level)',
} as const;
