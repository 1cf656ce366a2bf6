import { AXES, type Axis, type TremorPeakVerdict } from '@geste/core';
import { lensGlareWords } from './glareWords.ts';
import { type SessionSummary, summaryMeasures } from '../summary.ts';
import { AXIS_WORDS, NEUTRAL_WORDS, neutralAxesNote, reasonLines } from './words.ts';

/** A signed angle with its direction in words ("28.4° chin turned to the right", core registry words); 0 has no direction. */
export function directed(a: Axis, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'not measured';
  if (Math.abs(v) < 0.05) return '0.0°';
  return `${Math.abs(v).toFixed(1)}° ${v > 0 ? AXIS_WORDS[a].positive : AXIS_WORDS[a].negative}`;
}

/** A few lines for the terminal. */
export function describeSummary(s: SessionSummary): string {
  const lines: string[] = [];
  const pct = s.frames ? ((100 * s.measurableFrames) / s.frames).toFixed(0) : '0';
  const share = (n: number) => (s.frames ? ((100 * n) / s.frames).toFixed(1) : '0');
  const low = s.lowConfidenceFrames > 0 ? `, ${s.lowConfidenceFrames} of them (${share(s.lowConfidenceFrames)} %) with lower confidence` : '';
  lines.push(`Measured ${s.measurableFrames} of ${s.frames} frames (${pct} %)${low} over ${s.durationS.toFixed(1)} s; neutral: ${NEUTRAL_WORDS[s.neutral.kind]}.`);
  if (s.neutral.fellBackToAnatomical) lines.push(`  The calibration window could not be used (${s.neutral.calibrationProblem}); angles are relative to the camera-derived neutral.`);
  if (s.neutral.lensGlare) lines.push(`  ${s.neutral.lensGlare.outcome === 'kept' ? '! ' : ''}${lensGlareWords(s.neutral.lensGlare)}`);
  // Why frames were not measured or doubted, most frequent first, as the HTML report lists them (a frame can have several).
  const why = reasonLines(s);
  if (why.reasons.length > 0) lines.push('  Reasons noted:', ...why.reasons.map((l) => `    ${l}`));
  if (why.doubts.length > 0) lines.push('  Why confidence was lower:', ...why.doubts.map((l) => `    ${l}`));
  const anat = s.anatomical;
  for (const a of AXES) {
    const p = s.posture[a];
    const r = anat?.perAxis[a];
    // Against the anatomical zero (default): say what it was against; an uncertain zero gets "about" and its ±.
    const median = r && s.neutral.kind === 'anatomical' && r.uncertain && p.medianDeg !== null
      ? `about ${directed(a, p.medianDeg)} (uncertain, ±${Math.round(r.uncertaintyDeg ?? 0)}°)`
      : directed(a, p.medianDeg);
    lines.push(`  ${AXIS_WORDS[a].name}: median ${median}; furthest each way: ${directed(a, p.maxPositiveDeg)}, ${directed(a, p.maxNegativeDeg)}`);
    if (r && s.neutral.kind !== 'anatomical') lines.push(`    against the anatomical zero: median ${r.uncertain && r.medianDeg !== null ? `about ${directed(a, r.medianDeg)} (uncertain)` : directed(a, r.medianDeg)}`);
    if (r && r.words !== 'not measured') lines.push(`    reference: ${r.words}`);
  }
  if (anat?.neutralVersusAnatomical) lines.push(`  ${anat.neutralVersusAnatomical.sentence}`);
  // The headline numbers (core's summaryMeasures; the same as summary.json's "measures").
  const m = s.measures ?? summaryMeasures(s);
  const tin = m.timeInNeutralPct;
  const counted = neutralAxesNote(s.timeInNeutral.perAxis);
  const which = tin !== null && counted ? ` (${counted.counted} only: ${counted.left} could not be counted)` : '';
  lines.push(`  Within 10° of neutral: ${tin === null ? 'not measured' : `${tin.toFixed(0)} % of the time${which}`}; jerks: ${s.jerks.count}.`);
  lines.push(`  Head tremor: ${m.tremorPeakHz === null || m.tremorRmsDeg === null ? `none found${overtoneNote(s)}` : `${m.tremorPeakHz.toFixed(1)} Hz, ${m.tremorRmsDeg.toFixed(1)}° RMS`}.`);
  lines.push(s.safety);
  return lines.join('\n');
}

/**
 * Why a clear rhythm was not called tremor (core tremor.ts, docs/tremor-peak.md): it is a multiple of a slower movement,
 * or it follows the mouth (talking). Only these two verdicts have a rhythm to explain; the others are noise or too small.
 */
export function overtoneNote(s: SessionSummary): string {
  for (const a of AXES) {
    const r = s.tremor.axes[a];
    if (!r.measurable || !r.peak) continue;
    const p = r.peak;
    const v: TremorPeakVerdict = p.verdict;
    switch (v) {
      case 'harmonic-of-slower-movement': {
        const h = p.harmonicOf;
        if (h) return ` (a ${p.freqHz.toFixed(1)} Hz rhythm in ${AXIS_WORDS[a].name.toLowerCase()} is ${h.n}× a slower ${h.freqHz.toFixed(1)} Hz movement in ${AXIS_WORDS[h.axis].name.toLowerCase()}: its overtone, or a moving camera's)`;
        break;
      }
      case 'matches-the-mouth':
        return ` (a ${p.freqHz.toFixed(1)} Hz rhythm in ${AXIS_WORDS[a].name.toLowerCase()} matches the mouth's movement (talking))`;
      case 'tremor':
      case 'not-above-noise':
      case 'beside-a-stronger-line':
      case 'too-small':
        break;
      default: {
        const unhandled: never = v; // a new verdict must be given words here (closed codes)
        void unhandled;
      }
    }
  }
  return '';
}
