/** The one place where CLI/report codes become words for people. */
import { AXES, SEVERITY_ITEM_MEASURES, measureWords, type Axis, type DoubtReason, type NotAssessableReason, type NotMeasurableReason, type PoseMethod, type RangeDirection, type SeverityItemId } from '@geste/core';

export const REASON_WORDS: Readonly<Record<NotMeasurableReason, string>> = {
  'no-face': 'no face in view',
  'multiple-faces': 'more than one face in view (whose head to measure is unclear)',
  // Set for a far turn, tilt or bend alike (core's estimator, reentry and flexion guards); the code does not say which
  // movement: the reports say it from the summary's beyondRangeByAxis (RANGE_DIRECTION_WORDS) and use these words only
  // for a summary without it (made before session 12).
  'beyond-tracker-range': 'head turned, tilted or bent (chin up or down) further than the face tracker sees reliably',
  'face-occluded': 'a hand or object covered part of the face',
  'low-face-confidence': 'the face tracker was unsure (poor light, blur, or an unusual view)',
  'no-shoulders': 'shoulders not visible (shift and shoulder elevation not measured)',
  'invalid-frame': 'the frame could not be read',
};

/** `beyond-tracker-range`, said per movement (FrameMeasure.beyondRangeAxes). */
export const RANGE_DIRECTION_WORDS: Readonly<Record<RangeDirection, string>> = {
  turn: 'head turned further than the face tracker sees reliably',
  tilt: 'head tilted (ear toward the shoulder) further than the face tracker sees reliably',
  'chin-down': 'chin down further than the face tracker sees reliably',
  'chin-up': 'chin up further than the face tracker sees reliably',
};

/** Why a frame has lower confidence, where the reasons above do not say (FrameMeasure.doubts). */
export const DOUBT_WORDS: Readonly<Record<DoubtReason, string>> = {
  'range-edge-turn': 'head turned near the edge of what the face tracker sees reliably',
  'range-edge-tilt': 'head tilted near the edge of what the face tracker sees reliably',
  'range-edge-chin-down': 'chin down near the edge of what the face tracker sees reliably',
  'range-edge-chin-up': 'chin up near the edge of what the face tracker sees reliably',
  'fast-turn': 'a fast turn toward the edge of what the face tracker sees reliably',
  'fast-bend': 'a fast chin movement (up or down) that the face tracker may lag behind or overshoot',
  'turn-with-tilt-or-bend': 'head turned and at the same time tilted or bent (the tracker reads tilt and chin up or down less surely then)',
  'settling-after-range': 'head just back from beyond the tracker’s range (readings not yet steady)',
  'tracker-jump': 'the face tracker’s reading jumped further than a head moves (held back until it is steady)',
  'unsure-face': 'the face tracker was unsure of the face (light, blur, glasses or an unusual view)',
};

/**
 * Why frames were not measured or had lower confidence, most frequent first, as "words: n frames (x %)" lines: the reasons,
 * with `beyond-tracker-range` said per movement when the summary has the movements (a frame beyond on two counts under
 * both), then the doubts. One list for the text and HTML reports.
 */
export function reasonLines(s: {
  readonly frames: number;
  readonly notMeasurableReasons: Readonly<Partial<Record<NotMeasurableReason, number>>>;
  readonly beyondRangeByAxis?: Readonly<Partial<Record<RangeDirection, number>>>;
  readonly doubtReasons?: Readonly<Partial<Record<DoubtReason, number>>>;
}): { reasons: string[]; doubts: string[] } {
  const share = (n: number) => (s.frames ? ((100 * n) / s.frames).toFixed(1) : '0');
  const line = ([w, n]: readonly [string, number]) => `${w}: ${n} frame${n === 1 ? '' : 's'} (${share(n)} %)`;
  const byMost = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1];
  const byAxis = Object.entries(s.beyondRangeByAxis ?? {}).filter(([, n]) => n > 0);
  const reasons: [string, number][] = Object.entries(s.notMeasurableReasons)
    .filter(([r, n]) => n > 0 && !(r === 'beyond-tracker-range' && byAxis.length > 0))
    .map(([r, n]) => [REASON_WORDS[r as NotMeasurableReason] ?? r, n]);
  for (const [d, n] of byAxis) reasons.push([RANGE_DIRECTION_WORDS[d as RangeDirection] ?? d, n]);
  const doubts: [string, number][] = Object.entries(s.doubtReasons ?? {}).filter(([, n]) => n > 0).map(([d, n]) => [DOUBT_WORDS[d as DoubtReason] ?? d, n]);
  return { reasons: reasons.sort(byMost).map(line), doubts: doubts.sort(byMost).map(line) };
}

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
