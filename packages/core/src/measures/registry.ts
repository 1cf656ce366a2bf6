/**
 * The one vocabulary of session measures: every key a session stores (SessionRecord.measures and .items),
 * with its unit, a clinical label a patient and a clinician both understand, what its sign means, and
 * whether a larger value is better or worse. The CLI, the app's screens, the PDF report and the clinician
 * view read labels, units and directions from here and nowhere else (issue 16: one definition per measure).
 *
 * Signs follow docs/clinical.md, from the patient's point of view. Keys with a dynamic suffix
 * (`reductionPct.<trickId>`) are matched on their prefix.
 */

import { ANATOMICAL_SESSION_MEASURES } from './anatomicalMeasures.ts';
import { MEASURES_ES, PREFIX_MEASURES_ES } from './registry.es.ts';

/** The languages the registry speaks. English is the default (CLI, PDF report, FHIR). */
export const MEASURE_LANGS = ['en', 'es'] as const;
export type MeasureLang = (typeof MEASURE_LANGS)[number];

export type MeasureUnit = 'deg' | 's' | 'pct' | 'count' | 'score' | 'cm' | 'hz' | 'deg-per-s' | 'per-min' | 'uv' | 'ms';

/** Which direction is an improvement: 'lower' (e.g. a severity score), 'higher' (time held straight), or neither. */
export type Better = 'lower' | 'higher' | 'neither';

export type MeasureGroup = 'severity-item' | 'exam' | 'training' | 'exercise' | 'trick' | 'posture' | 'movement' | 'quality' | 'emg';

export interface MeasureDef {
  readonly label: string;
  readonly unit: MeasureUnit;
  readonly better: Better;
  readonly group: MeasureGroup;
  /** Largest possible value (scores), for "x of max" and chart ranges. */
  readonly max?: number;
  /** For signed measures: what a positive and a negative value mean, in words. */
  readonly positive?: string;
  readonly negative?: string;
}

const item = (label: string, max: number): MeasureDef => ({ label, unit: 'score', better: 'lower', group: 'severity-item', max });

/** Objective severity items (bands of docs/clinical.md), stored in SessionRecord.items. */
export const SEVERITY_ITEM_MEASURES = {
  rotation: item('Rotation (turn)', 4),
  laterocollis: item('Tilt (laterocollis)', 3),
  anteroRetrocollis: item('Chin down or up (antero-/retrocollis)', 3),
  lateralShift: item('Sideways shift of the head', 1),
  sagittalShift: item('Forward or backward shift of the head', 1),
  durationFactor: item('Duration factor (counts twice)', 5),
  sensoryTrick: item('Effect of sensory tricks', 2),
  shoulderElevation: item('Shoulder elevation', 3),
  rangeOfMotion: item('Range of motion', 4),
  timeHoldingNeutral: item('Time holding neutral', 4),
  totalAssessed: { label: 'Total over the items assessed', unit: 'score', better: 'lower', group: 'severity-item', max: 35 },
  maxOfAssessed: { label: 'Highest possible over the items assessed', unit: 'score', better: 'neither', group: 'severity-item', max: 35 },
} as const satisfies Record<string, MeasureDef>;

const rom = (label: string): MeasureDef => ({ label, unit: 'deg', better: 'higher', group: 'exam' });

/** Measures of a guided exam, stored in SessionRecord.measures. */
export const EXAM_MEASURES = {
  holdNeutral1S: { label: 'Holding straight, attempt 1', unit: 's', better: 'higher', group: 'exam' },
  holdNeutral2S: { label: 'Holding straight, attempt 2', unit: 's', better: 'higher', group: 'exam' },
  romRotationRightDeg: rom('Turn to the right (range of motion)'),
  romRotationLeftDeg: rom('Turn to the left (range of motion)'),
  romTiltRightDeg: rom('Tilt to the right (range of motion)'),
  romTiltLeftDeg: rom('Tilt to the left (range of motion)'),
  romFlexionDeg: rom('Chin down (range of motion)'),
  romExtensionDeg: rom('Chin up (range of motion)'),
  restTimeInNeutralPct: { label: 'At rest: time within 10° of neutral', unit: 'pct', better: 'higher', group: 'exam' },
  restMeasuredS: { label: 'At rest: time that could be measured', unit: 's', better: 'neither', group: 'quality' },
  restRotationDeg: { label: 'Resting posture: rotation', unit: 'deg', better: 'neither', group: 'posture', positive: 'chin turned to the right', negative: 'chin turned to the left' },
  restTiltDeg: { label: 'Resting posture: tilt', unit: 'deg', better: 'neither', group: 'posture', positive: 'right ear toward the right shoulder', negative: 'left ear toward the left shoulder' },
  restFlexionDeg: { label: 'Resting posture: chin down or up', unit: 'deg', better: 'neither', group: 'posture', positive: 'chin down', negative: 'chin up' },
  framesMeasured: { label: 'Video frames that could be measured', unit: 'count', better: 'neither', group: 'quality' },
  framesTotal: { label: 'Video frames analysed', unit: 'count', better: 'neither', group: 'quality' },
  // Why frames were not measured or doubted (FrameMeasure.beyondRangeAxes, state): set when any frame was (session 12).
  lowConfidencePct: { label: 'Video frames measured with lower confidence (share of frames)', unit: 'pct', better: 'neither', group: 'quality' },
  beyondRangeTurnPct: { label: 'Head turned further than the camera measures reliably (share of frames)', unit: 'pct', better: 'neither', group: 'quality' },
  beyondRangeTiltPct: { label: 'Head tilted (ear toward the shoulder) further than the camera measures reliably (share of frames)', unit: 'pct', better: 'neither', group: 'quality' },
  beyondRangeChinDownPct: { label: 'Chin down further than the camera measures reliably (share of frames)', unit: 'pct', better: 'neither', group: 'quality' },
  beyondRangeChinUpPct: { label: 'Chin up further than the camera measures reliably (share of frames)', unit: 'pct', better: 'neither', group: 'quality' },
} as const satisfies Record<string, MeasureDef>;

/** Measures of a live biofeedback training session. */
export const TRAINING_MEASURES = {
  targetS: { label: 'Planned length', unit: 's', better: 'neither', group: 'training' },
  durationS: { label: 'Length', unit: 's', better: 'neither', group: 'training' },
  measuredS: { label: 'Time that could be measured', unit: 's', better: 'neither', group: 'quality' },
  notMeasurableS: { label: 'Time that could not be measured', unit: 's', better: 'neither', group: 'quality' },
  inZoneS: { label: 'Time at the target', unit: 's', better: 'higher', group: 'training' },
  timeInZonePct: { label: 'Time at the target', unit: 'pct', better: 'higher', group: 'training' },
  longestHoldS: { label: 'Longest hold', unit: 's', better: 'higher', group: 'training' },
  cues: { label: 'Reminders given', unit: 'count', better: 'lower', group: 'training' },
  corrections: { label: 'Times you came back to the target', unit: 'count', better: 'neither', group: 'training' },
  zoneDeg: { label: 'Width of the target zone', unit: 'deg', better: 'neither', group: 'training' },
} as const satisfies Record<string, MeasureDef>;

/** Measures of an exercise set. */
export const EXERCISE_MEASURES = {
  target: { label: 'Planned repetitions or holds', unit: 'count', better: 'neither', group: 'exercise' },
  done: { label: 'Done', unit: 'count', better: 'higher', group: 'exercise' },
  completionPct: { label: 'Completed', unit: 'pct', better: 'higher', group: 'exercise' },
  reps: { label: 'Repetitions counted by the camera', unit: 'count', better: 'higher', group: 'exercise' },
  manualReps: { label: 'Repetitions you counted yourself', unit: 'count', better: 'neither', group: 'exercise' },
  incomplete: { label: 'Repetitions that did not reach the target', unit: 'count', better: 'lower', group: 'exercise' },
  bestDeg: { label: 'Furthest reached', unit: 'deg', better: 'higher', group: 'exercise' },
  holdsComplete: { label: 'Holds completed', unit: 'count', better: 'higher', group: 'exercise' },
  manualHolds: { label: 'Holds you counted yourself', unit: 'count', better: 'neither', group: 'exercise' },
  totalHeldS: { label: 'Time held in all', unit: 's', better: 'higher', group: 'exercise' },
} as const satisfies Record<string, MeasureDef>;

/** Measures of a whole recording (`geste analyze`, session summaries). */
export const SUMMARY_MEASURES = {
  timeInNeutralPct: { label: 'Time within 10° of neutral', unit: 'pct', better: 'higher', group: 'posture' },
  longestHoldS: TRAINING_MEASURES.longestHoldS,
  jerksPerMin: { label: 'Jerks per minute', unit: 'per-min', better: 'lower', group: 'movement' },
  jerkPeakVelocityDegPerS: { label: 'Fastest jerk', unit: 'deg-per-s', better: 'lower', group: 'movement' },
  tremorPeakHz: { label: 'Head tremor frequency', unit: 'hz', better: 'neither', group: 'movement' },
  tremorRmsDeg: { label: 'Head tremor size (RMS)', unit: 'deg', better: 'lower', group: 'movement' },
  lateralShiftCm: { label: 'Sideways shift of the head', unit: 'cm', better: 'neither', group: 'posture', positive: 'to the right', negative: 'to the left' },
  shoulderElevationDeg: { label: 'Shoulder line', unit: 'deg', better: 'neither', group: 'posture', positive: 'right shoulder higher', negative: 'left shoulder higher' },
} as const satisfies Record<string, MeasureDef>;

/** Measures of an EMG (muscle activity) training session, issue 18 (docs/emg.md). Envelope = moving RMS, µV. */
export const EMG_MEASURES = {
  'emg.restUv': { label: 'Muscle activity at rest', unit: 'uv', better: 'neither', group: 'emg' },
  'emg.maxEffortUv': { label: 'Muscle activity at maximum effort', unit: 'uv', better: 'neither', group: 'emg' },
  'emg.targetUv': { label: 'Muscle activity target', unit: 'uv', better: 'neither', group: 'emg' },
  'emg.meanEnvelopeUv': { label: 'Muscle activity, mean', unit: 'uv', better: 'lower', group: 'emg' },
  'emg.medianEnvelopeUv': { label: 'Muscle activity, median', unit: 'uv', better: 'lower', group: 'emg' },
  'emg.p95EnvelopeUv': { label: 'Muscle activity, highest 5 %', unit: 'uv', better: 'lower', group: 'emg' },
  'emg.timeBelowTargetPct': { label: 'Time the muscle stayed at or below the target', unit: 'pct', better: 'higher', group: 'emg' },
  'emg.cueCount': { label: 'Times the muscle went above the target', unit: 'count', better: 'lower', group: 'emg' },
  'emg.lostSamples': { label: 'EMG samples lost in transmission', unit: 'count', better: 'neither', group: 'quality' },
  'emg.lostPct': { label: 'EMG signal lost in transmission', unit: 'pct', better: 'neither', group: 'quality' },
  'emg.electrodeOffPct': { label: 'Time the electrodes were not in contact', unit: 'pct', better: 'neither', group: 'quality' },
  'emg.samples': { label: 'EMG samples measured', unit: 'count', better: 'neither', group: 'quality' },
  'emg.channel': { label: 'EMG channel trained', unit: 'count', better: 'neither', group: 'emg' },
  'emg.level': { label: 'EMG target level (1 easiest – 5)', unit: 'count', better: 'neither', group: 'emg' },
  'emg.interrupted': { label: 'EMG session interrupted by a disconnect (1 = yes)', unit: 'count', better: 'neither', group: 'quality' },
  'emg.asymmetryPct': { label: 'Left/right muscle activity (index −100…100)', unit: 'pct', better: 'neither', group: 'emg', positive: "more on the patient's left", negative: "more on the patient's right" },
  'emg.cuePipelineLatencyMs': { label: 'Delay from EMG sample to cue on screen', unit: 'ms', better: 'neither', group: 'quality' },
} as const satisfies Record<string, MeasureDef>;

/** Keys matched on a prefix: `reductionPct.<trick id>`. */
const PREFIX_MEASURES: readonly (readonly [string, MeasureDef])[] = [
  ['reductionPct.', { label: 'Reduction of the deviation during the trick', unit: 'pct', better: 'higher', group: 'trick' }],
];

export const MEASURES: Readonly<Record<string, MeasureDef>> = {
  ...EMG_MEASURES,
  ...ANATOMICAL_SESSION_MEASURES,
  ...SUMMARY_MEASURES,
  ...EXERCISE_MEASURES,
  ...TRAINING_MEASURES,
  ...EXAM_MEASURES,
  ...SEVERITY_ITEM_MEASURES,
};

/** Every fixed registry key (prefix keys such as `reductionPct.<trick>` aside). */
export type RegistryKey =
  | keyof typeof EMG_MEASURES
  | keyof typeof ANATOMICAL_SESSION_MEASURES
  | keyof typeof SUMMARY_MEASURES
  | keyof typeof EXERCISE_MEASURES
  | keyof typeof TRAINING_MEASURES
  | keyof typeof EXAM_MEASURES
  | keyof typeof SEVERITY_ITEM_MEASURES;

export type SeverityItemKey = keyof typeof SEVERITY_ITEM_MEASURES;
export type ExamMeasureKey = keyof typeof EXAM_MEASURES;
export type TrainingMeasureKey = keyof typeof TRAINING_MEASURES;
export type ExerciseMeasureKey = keyof typeof EXERCISE_MEASURES;
export type SummaryMeasureKey = keyof typeof SUMMARY_MEASURES;

/** The definition of a stored measure key, or null for a key Geste does not know (e.g. from a newer version). */
export function measureDef(key: string): MeasureDef | null {
  if (Object.prototype.hasOwnProperty.call(MEASURES, key)) return MEASURES[key] ?? null;
  for (const [prefix, def] of PREFIX_MEASURES) if (key.startsWith(prefix) && key.length > prefix.length) return def;
  return null;
}

/** A key's label and direction words in a language (English: the definition itself); null for an unknown key. */
export function measureWords(key: string, lang: MeasureLang = 'en'): { label: string; positive?: string; negative?: string } | null {
  const def = measureDef(key);
  if (!def) return null;
  if (lang === 'en') return def;
  if (Object.prototype.hasOwnProperty.call(MEASURES_ES, key)) return MEASURES_ES[key as RegistryKey];
  for (const [prefix, w] of Object.entries(PREFIX_MEASURES_ES)) if (key.startsWith(prefix)) return w;
  return def; // unreachable while registry.test.ts checks every key has Spanish words
}

const OTHER: Record<MeasureLang, (key: string) => string> = { en: (k) => `Other measure (${k})`, es: (k) => `Otra medida (${k})` };

/** The label of a key; an unknown key is shown as "Other measure (key)" rather than hidden. */
export function measureLabel(key: string, lang: MeasureLang = 'en'): string {
  return measureWords(key, lang)?.label ?? OTHER[lang](key);
}

const UNIT_SUFFIX: Record<MeasureUnit, string> = {
  deg: '°',
  s: ' s',
  pct: ' %',
  count: '',
  score: '',
  cm: ' cm',
  hz: ' Hz',
  'deg-per-s': '°/s',
  'per-min': ' per minute',
  uv: ' µV',
  ms: ' ms',
};

const DIGITS: Record<MeasureUnit, number> = { deg: 0, s: 0, pct: 0, count: 0, score: 0, cm: 1, hz: 1, 'deg-per-s': 0, 'per-min': 1, uv: 1, ms: 0 };

/** Rounds a value for display as its unit prefers (no "1666.6666666666667"). */
export function roundForDisplay(unit: MeasureUnit, value: number): number {
  const f = 10 ** DIGITS[unit];
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

const PER_MIN_ES = ' por minuto';
const NOT_MEASURED: Record<MeasureLang, string> = { en: 'not measured', es: 'no medido' };

/** A number as the language writes it: "1.3" / "1,3" (display rounding is done before). */
export function numberWords(v: number, lang: MeasureLang = 'en'): string {
  return lang === 'es' ? String(v).replace('.', ',') : String(v);
}

/**
 * A value in words with its unit: "52°", "12 s", "80 %", "2 of 4", "18° chin turned to the right"
 * (Spanish: "2 de 4", "1,3 cm hacia la derecha").
 * Null or non-finite → "not measured". Signed measures with direction words use the magnitude and the words.
 */
export function formatMeasure(key: string, value: number | null | undefined, lang: MeasureLang = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_MEASURED[lang];
  const def = measureDef(key);
  if (!def) return numberWords(value, lang);
  const w = measureWords(key, lang) ?? def;
  const v = roundForDisplay(def.unit, value);
  const suffix = lang === 'es' && def.unit === 'per-min' ? PER_MIN_ES : UNIT_SUFFIX[def.unit];
  if (def.unit === 'score' && def.max !== undefined) return `${numberWords(v, lang)} ${lang === 'es' ? 'de' : 'of'} ${def.max}`;
  if (w.positive && w.negative && v !== 0) return `${numberWords(Math.abs(v), lang)}${suffix} ${v > 0 ? w.positive : w.negative}`;
  return `${numberWords(v, lang)}${suffix}`;
}

export type Change = 'better' | 'worse' | 'same' | 'not-comparable';

/** Whether going from `before` to `after` is an improvement for this measure (exact comparison after display rounding). */
export function compareMeasure(key: string, before: number | null | undefined, after: number | null | undefined): Change {
  const def = measureDef(key);
  if (!def || def.better === 'neither') return 'not-comparable';
  if (before === null || before === undefined || after === null || after === undefined || !Number.isFinite(before) || !Number.isFinite(after)) return 'not-comparable';
  const a = roundForDisplay(def.unit, before);
  const b = roundForDisplay(def.unit, after);
  if (a === b) return 'same';
  return (b < a) === (def.better === 'lower') ? 'better' : 'worse';
}
