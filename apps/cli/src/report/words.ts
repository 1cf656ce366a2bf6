/** The one place where CLI/report codes become words for people. */
import { AXES, SEVERITY_ITEM_MEASURES, measureWords, type Axis, type NotAssessableReason, type NotMeasurableReason, type PoseMethod, type SeverityItemId } from '@geste/core';

export const REASON_WORDS: Readonly<Record<NotMeasurableReason, string>> = {
  'no-face': 'no face in view',
  'multiple-faces': 'more than one face in view (whose head to measure is unclear)',
  // Set for a far turn, tilt or bend alike (core's estimator, reentry and flexion guards); the code does not say which axis.
  'beyond-tracker-range': 'head turned, tilted or bent (chin up or down) further than the face tracker sees reliably',
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

/** An axis's direction words come from core's measure registry (the resting-posture keys), the same words the
 * app, the PDF and FHIR use; only the axis names with their clinical terms are the CLI's. */
function directionWords(key: 'restRotationDeg' | 'restTiltDeg' | 'restFlexionDeg'): { positive: string; negative: string } {
  const w = measureWords(key);
  if (!w?.positive || !w.negative) throw new Error(`core's measure registry has no direction words for ${key}`);
  return { positive: w.positive, negative: w.negative };
}

export const AXIS_WORDS: Readonly<Record<Axis, { name: string; positive: string; negative: string }>> = {
  rotationDeg: { name: 'Rotation (torticollis)', ...directionWords('restRotationDeg') },
  tiltDeg: { name: 'Tilt (laterocollis)', ...directionWords('restTiltDeg') },
  flexionDeg: { name: 'Flexion / extension (antero-/retrocollis)', ...directionWords('restFlexionDeg') },
};

/** Short axis names for the time-in-neutral line. */
export const NEUTRAL_AXIS_WORDS: Readonly<Record<Axis, string>> = { rotationDeg: 'turn', tiltDeg: 'tilt', flexionDeg: 'chin up/down' };

/**
 * Which angles the combined time in neutral counted: an axis that was never measurable (e.g. chin up/down on an
 * uncertain zero) is left out of the combined figure, and the words must say so — "100 % within 10°" next to a chin
 * held 14° up would read as all three angles. Empty when all three or none were counted.
 */
export function neutralAxesNote(perAxis: Readonly<Record<Axis, { readonly percentWithin: number | null }>>): { counted: string; left: string } | null {
  const counted = AXES.filter((a) => perAxis[a].percentWithin !== null);
  if (counted.length === 0 || counted.length === AXES.length) return null;
  const names = (axes: readonly Axis[]) => axes.map((a) => NEUTRAL_AXIS_WORDS[a]).join(' and ');
  return { counted: names(counted), left: names(AXES.filter((a) => !counted.includes(a))) };
}

export const NEUTRAL_WORDS = {
  calibrated: "the person's own calibrated straight posture",
  anatomical: 'the anatomical zero (the head straight against the trunk or the camera, and against gravity when the camera’s tilt is known; each angle below says which)',
} as const;

/** Item labels come from core's measure registry (one vocabulary), with the item's score range. */
export const ITEM_WORDS: Readonly<Record<SeverityItemId, string>> = Object.fromEntries(
  (Object.keys(SEVERITY_ITEM_MEASURES) as (keyof typeof SEVERITY_ITEM_MEASURES)[])
    .map((k) => [k, `${SEVERITY_ITEM_MEASURES[k].label} (0–${SEVERITY_ITEM_MEASURES[k].max})`]),
) as Record<SeverityItemId, string>;

export const NOT_ASSESSABLE_WORDS: Readonly<Record<NotAssessableReason, string>> = {
  'not-observable-frontal-camera': 'cannot be seen by a camera facing the person (needs a side view)',
  'too-little-measurable-data': 'too little of the recording could be measured',
  'no-sensory-trick-windows': 'no sensory trick was tried in this recording',
  'no-deviation-to-relieve': 'the head was not deviated before the trick, so there was nothing to relieve',
  'trick-not-measurable': 'the head could not be measured during the trick',
  'no-rom-sweeps': 'no range-of-motion movements were recorded (use the guided exam)',
  'no-hold-neutral-attempts': 'no attempts to hold the head straight were recorded (use the guided exam)',
  'zero-uncertain': 'chin up/down has no reliable zero here (the camera’s tilt is unknown, or the ears were not seen); give --camera-pitch',
};

/** Evidence values as "name value" pairs for a table cell. */
export function evidenceText(values: Readonly<Record<string, number | string | boolean | null>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(1)) : String(v)}`)
    .join('; ');
}
