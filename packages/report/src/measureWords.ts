/**
 * An exam's stored numbers in a clinician's words: resting posture in degrees with its direction, range
 * of motion each way, tremor and jerks, holding times, recording quality. Labels, units and sign words
 * come from core's measure registry (packages/core/src/measures/registry.ts, docs/measures.md): keys
 * never print as they are stored. Keys the sentences below do not cover are listed with the registry's
 * label ("Other measure (key)" for a key from a newer version, never hidden).
 */
import { formatMeasure, measureDef, measureLabel } from '@geste/core';

const has = (m: Readonly<Record<string, number | null>>, k: string): boolean => typeof m[k] === 'number' && Number.isFinite(m[k]);

const POSTURE_KEYS = ['restRotationDeg', 'restTiltDeg', 'restFlexionDeg'] as const;
const ROM_KEYS = ['romRotationRightDeg', 'romRotationLeftDeg', 'romTiltRightDeg', 'romTiltLeftDeg', 'romFlexionDeg', 'romExtensionDeg'] as const;
const HOLD_KEYS = ['holdNeutral1S', 'holdNeutral2S'] as const;
/** Why frames were doubted or beyond the tracker's range (session 12), said in the recording sentence. */
const QUALITY_KEYS = ['lowConfidencePct', 'beyondRangeTurnPct', 'beyondRangeTiltPct', 'beyondRangeChinDownPct', 'beyondRangeChinUpPct'] as const;
const COVERED = new Set<string>([...POSTURE_KEYS, ...ROM_KEYS, ...HOLD_KEYS, 'restTimeInNeutralPct', 'restMeasuredS', 'tremorPeakHz', 'tremorRmsDeg', 'jerksPerMin', 'jerkPeakVelocityDegPerS', 'framesMeasured', 'framesTotal', ...QUALITY_KEYS]);

/** "turned to the right" style words of a posture value within 1° of straight. */
function postureWord(key: string, v: number): string {
  const def = measureDef(key);
  if (Math.abs(v) < 1) return `${def?.label.replace(/^Resting posture: /, '') ?? key} within 1° of straight`;
  return formatMeasure(key, v);
}

/** "; 5 % with lower confidence; chin down further than the camera measures reliably: 12 % of frames" (keys present only). */
function qualityWords(measures: Readonly<Record<string, number | null>>): string {
  return QUALITY_KEYS.filter((k) => has(measures, k))
    .map((k) => (k === 'lowConfidencePct' ? `; ${formatMeasure(k, measures[k])} with lower confidence` : `; ${measureLabel(k).replace(/ \(share of frames\)$/, '').toLowerCase()}: ${formatMeasure(k, measures[k])} of frames`))
    .join('');
}

/** The exam in sentences: posture, range of motion, tremor and jerks, holding, recording quality, then any other measures. */
export function examSentences(measures: Readonly<Record<string, number | null>>): string[] {
  const out: string[] = [];
  const posture = POSTURE_KEYS.filter((k) => has(measures, k)).map((k) => postureWord(k, measures[k]!));
  out.push(posture.length > 0 ? `Resting posture (median at rest): ${posture.join('; ')}.` : 'Resting posture: not measured in this exam.');
  const rom = ROM_KEYS.filter((k) => has(measures, k)).map((k) => `${measureLabel(k).replace(/ \(range of motion\)$/, '').toLowerCase()} ${formatMeasure(k, measures[k])}`);
  if (rom.length > 0) out.push(`Range of motion from straight: ${rom.join(', ')}.`);
  const tremor = has(measures, 'tremorPeakHz')
    ? `Tremor: head tremor at ${formatMeasure('tremorPeakHz', measures['tremorPeakHz'])}${has(measures, 'tremorRmsDeg') ? `, size ${measures['tremorRmsDeg']!.toFixed(1)}° RMS` : ''}.`
    : 'Tremor: not measured in this exam.';
  const jerks = has(measures, 'jerksPerMin')
    ? measures['jerksPerMin'] === 0 ? 'Jerks: none seen.' : `Jerks: ${formatMeasure('jerksPerMin', measures['jerksPerMin'])} (sudden head movements)${has(measures, 'jerkPeakVelocityDegPerS') ? `, fastest ${formatMeasure('jerkPeakVelocityDegPerS', measures['jerkPeakVelocityDegPerS'])}` : ''}.`
    : 'Jerks: not measured in this exam.';
  out.push(`${tremor} ${jerks}`);
  const holds = HOLD_KEYS.filter((k) => has(measures, k)).map((k) => formatMeasure(k, measures[k]));
  const rest = has(measures, 'restTimeInNeutralPct') ? `; at rest within 10° of straight ${formatMeasure('restTimeInNeutralPct', measures['restTimeInNeutralPct'])} of the time` : '';
  if (holds.length > 0 || rest !== '') out.push(`Holding the head straight: ${holds.length > 0 ? holds.join(', ') : 'not tested'}${rest}.`);
  if (has(measures, 'framesMeasured') && has(measures, 'framesTotal') && measures['framesTotal']! > 0)
    out.push(`Recording: the head was measurable in ${Math.round((100 * measures['framesMeasured']!) / measures['framesTotal']!)} % of frames${qualityWords(measures)}.`);
  const others = Object.keys(measures).filter((k) => !COVERED.has(k)).sort().map((k) => `${measureLabel(k)} ${formatMeasure(k, measures[k])}`);
  if (others.length > 0) out.push(`Other measures: ${others.join('; ')}.`);
  return out;
}

/** "Rotation (turn) 2 of 4, Tilt (laterocollis) not measurable, …" with the exam's total over the items assessed. */
export function itemSentence(items: Readonly<Record<string, number | null>>): string {
  const parts = Object.entries(items)
    .filter(([k]) => k !== 'totalAssessed' && k !== 'maxOfAssessed')
    .map(([k, v]) => `${measureLabel(k)} ${v === null ? 'not measurable' : formatMeasure(k, v)}`);
  const total = items['totalAssessed'];
  const max = items['maxOfAssessed'];
  const tail = typeof total === 'number' ? ` Total ${total}${typeof max === 'number' ? ` of ${max} possible over the items assessed` : ''}.` : '';
  return parts.length === 0 ? 'No objective items stored.' : `${parts.join(', ')}.${tail}`;
}
