/**
 * Session measures and exam items in a clinician's words: resting posture in degrees with its
 * direction, range of motion each way, tremor and jerks, holding times. Keys never print as they
 * are stored; a key this file does not know is left out of the summary (and counted in a note).
 * Signs follow docs/units-and-frames.md (patient's view): rotation > 0 chin to the right, tilt > 0
 * right ear down, flexion > 0 chin down.
 */

export interface ItemWords { readonly label: string; readonly max: number }
/** Objective severity items stored by the exam (bands of CLINICAL.md; camera-derived, not a rated scale). */
export const ITEM_LABELS: Readonly<Record<string, ItemWords>> = {
  rotation: { label: 'Rotation', max: 4 },
  laterocollis: { label: 'Tilt (laterocollis)', max: 3 },
  anteroRetrocollis: { label: 'Chin down or up (antero-/retrocollis)', max: 3 },
  lateralShift: { label: 'Lateral shift', max: 1 },
  sagittalShift: { label: 'Forward/backward shift', max: 1 },
  durationFactor: { label: 'Duration factor (counts twice)', max: 5 },
  sensoryTrick: { label: 'Effect of sensory tricks', max: 2 },
  sensoryTrickEffect: { label: 'Effect of sensory tricks', max: 2 },
  shoulderElevation: { label: 'Shoulder elevation', max: 3 },
  rangeOfMotion: { label: 'Range of motion', max: 4 },
  timeHoldingNeutral: { label: 'Time holding neutral', max: 4 },
};

const deg = (v: number) => `${Math.abs(v) < 10 ? Math.abs(v).toFixed(1) : Math.round(Math.abs(v))}°`;
const has = (m: Readonly<Record<string, number | null>>, k: string): m is Record<string, number> => typeof m[k] === 'number' && Number.isFinite(m[k]);

/** "12° turned to the right" — straight within 1°. */
export function postureWords(axis: 'rotation' | 'tilt' | 'flexion', v: number): string {
  if (Math.abs(v) < 1) return axis === 'rotation' ? 'not turned (within 1°)' : axis === 'tilt' ? 'not tilted (within 1°)' : 'chin level (within 1°)';
  if (axis === 'rotation') return `${deg(v)} turned to the ${v > 0 ? 'right' : 'left'}`;
  if (axis === 'tilt') return `${deg(v)} tilted to the ${v > 0 ? 'right' : 'left'} (${v > 0 ? 'right' : 'left'} ear down)`;
  return `${deg(v)} chin ${v > 0 ? 'down (anterocollis direction)' : 'up (retrocollis direction)'}`;
}

/** Resting posture keys, in the order a clinician reads them. */
const POSTURE_KEYS: ReadonlyArray<[string, 'rotation' | 'tilt' | 'flexion']> = [
  ['restRotationDeg', 'rotation'], ['restTiltDeg', 'tilt'], ['restFlexionDeg', 'flexion'],
];
const ROM: ReadonlyArray<[string, string]> = [
  ['romRotationRightDeg', 'turn right'], ['romRotationLeftDeg', 'turn left'],
  ['romTiltRightDeg', 'tilt right'], ['romTiltLeftDeg', 'tilt left'],
  ['romFlexionDeg', 'chin down'], ['romExtensionDeg', 'chin up'],
];
/** Keys that describe the recording, not the person; shown as a measured share, never by name. */
const QUALITY_KEYS = new Set(['framesMeasured', 'framesTotal', 'restMeasuredS']);
/** Every key this file turns into words. */
export const KNOWN_MEASURE_KEYS = new Set<string>([
  ...POSTURE_KEYS.map(([k]) => k), ...ROM.map(([k]) => k), ...QUALITY_KEYS,
  'holdNeutral1S', 'holdNeutral2S', 'holdNeutral3S', 'restTimeInNeutralPct', 'timeInNeutralPct',
  'tremorPeakHz', 'tremorRmsDeg', 'jerksPerMin', 'jerkPeakVelocityDegPerS', 'maxRotationDeg', 'maxTiltDeg',
]);

/** Labels with units for the measures table and its trends. */
export const MEASURE_LABELS: Readonly<Record<string, string>> = {
  restRotationDeg: 'Resting rotation (°, + right)',
  restTiltDeg: 'Resting tilt (°, + right ear down)',
  restFlexionDeg: 'Resting chin down/up (°, + down)',
  romRotationRightDeg: 'Range: turn right (°)',
  romRotationLeftDeg: 'Range: turn left (°)',
  romTiltRightDeg: 'Range: tilt right (°)',
  romTiltLeftDeg: 'Range: tilt left (°)',
  romFlexionDeg: 'Range: chin down (°)',
  romExtensionDeg: 'Range: chin up (°)',
  holdNeutral1S: 'Holding straight, 1st try (s)',
  holdNeutral2S: 'Holding straight, 2nd try (s)',
  holdNeutral3S: 'Holding straight, 3rd try (s)',
  restTimeInNeutralPct: 'At rest: time within 10° of straight (%)',
  timeInNeutralPct: 'Time within 10° of straight (%)',
  tremorPeakHz: 'Tremor frequency (Hz)',
  tremorRmsDeg: 'Tremor size (° RMS)',
  jerksPerMin: 'Jerks per minute',
  jerkPeakVelocityDegPerS: 'Fastest jerk (°/s)',
  maxRotationDeg: 'Largest rotation (°)',
  maxTiltDeg: 'Largest tilt (°)',
};
export const measureLabel = (key: string): string | null => MEASURE_LABELS[key] ?? null;

/** The exam in sentences: posture, range of motion, tremor and jerks, holding, recording quality. */
export function examSentences(measures: Readonly<Record<string, number | null>>): string[] {
  const out: string[] = [];
  const posture = POSTURE_KEYS.filter(([k]) => has(measures, k)).map(([k, axis]) => postureWords(axis, measures[k]!));
  out.push(posture.length > 0 ? `Resting posture (median at rest): ${posture.join('; ')}.` : 'Resting posture: not measured in this exam.');
  const rom = ROM.filter(([k]) => has(measures, k)).map(([k, w]) => `${w} ${deg(measures[k]!)}`);
  if (rom.length > 0) out.push(`Range of motion from straight: ${rom.join(', ')}.`);
  const tremor = has(measures, 'tremorPeakHz')
    ? `Tremor: head tremor around ${measures['tremorPeakHz']!.toFixed(1)} Hz${has(measures, 'tremorRmsDeg') ? `, size ${measures['tremorRmsDeg']!.toFixed(1)}° RMS` : ''}.`
    : 'Tremor: not measured in this exam.';
  const jerks = has(measures, 'jerksPerMin')
    ? measures['jerksPerMin'] === 0 ? 'Jerks: none seen.' : `Jerks: ${measures['jerksPerMin']!.toFixed(1)} sudden head movements per minute${has(measures, 'jerkPeakVelocityDegPerS') ? ` (fastest ${Math.round(measures['jerkPeakVelocityDegPerS']!)}°/s)` : ''}.`
    : 'Jerks: not measured in this exam.';
  out.push(`${tremor} ${jerks}`);
  const holds = ['holdNeutral1S', 'holdNeutral2S', 'holdNeutral3S'].filter((k) => has(measures, k)).map((k) => `${measures[k]!.toFixed(0)} s`);
  const rest = has(measures, 'restTimeInNeutralPct') ? `; at rest within 10° of straight ${measures['restTimeInNeutralPct']!.toFixed(0)} % of the time` : '';
  if (holds.length > 0 || rest !== '') out.push(`Holding the head straight: ${holds.length > 0 ? holds.join(', ') : 'not tested'}${rest}.`);
  if (has(measures, 'framesMeasured') && has(measures, 'framesTotal') && measures['framesTotal']! > 0)
    out.push(`Recording: the head was measurable in ${Math.round((100 * measures['framesMeasured']!) / measures['framesTotal']!)} % of frames.`);
  return out;
}

/** "Rotation 2/4, Tilt (laterocollis) not measurable, …" with the exam's total over the items assessed. */
export function itemSentence(items: Readonly<Record<string, number | null>>): string {
  const parts = Object.entries(items)
    .filter(([k]) => k !== 'totalAssessed' && k !== 'maxOfAssessed')
    .map(([k, v]) => { const w = ITEM_LABELS[k]; const label = w?.label ?? 'other item'; return v === null ? `${label} not measurable` : `${label} ${v}${w === undefined ? '' : `/${w.max}`}`; });
  const total = items['totalAssessed'];
  const max = items['maxOfAssessed'];
  const tail = typeof total === 'number' ? ` Total ${total}${typeof max === 'number' ? ` of ${max} possible over the items assessed` : ''}.` : '';
  return parts.length === 0 ? 'No objective items stored.' : `${parts.join(', ')}.${tail}`;
}
