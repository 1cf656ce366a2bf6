/**
 * Exam frames + phase marks → the numbers stored with the session: objective severity items from core
 * `scoreSession`, the hold times, the range of motion each way, and time in neutral at rest.
 */
import type { FrameMeasure, NeutralKind } from '@geste/core';
import { holdAttempt, neutralTime, rangeOfMotion, scoreSession } from './scoring.ts';
import type { ExamPhase } from './scoring.ts';

export const ITEM_WORDS: Record<string, string> = {
  rotation: 'Rotation (0–4)',
  laterocollis: 'Tilt / laterocollis (0–3)',
  anteroRetrocollis: 'Chin down or up (0–3)',
  lateralShift: 'Lateral shift (0–1)',
  sagittalShift: 'Forward/backward shift (0–1)',
  durationFactor: 'Duration factor (0–5, counts twice)',
  sensoryTrick: 'Effect of sensory tricks (0–2)',
  shoulderElevation: 'Shoulder elevation (0–3)',
  rangeOfMotion: 'Range of motion (0–4)',
  timeHoldingNeutral: 'Time holding neutral (0–4)',
  totalAssessed: 'Total over the items assessed',
  maxOfAssessed: 'Highest possible over the items assessed',
};

export const MEASURE_WORDS: Record<string, string> = {
  holdNeutral1S: 'Holding straight, attempt 1 (s)',
  holdNeutral2S: 'Holding straight, attempt 2 (s)',
  romRotationRightDeg: 'Turn to your right (°)',
  romRotationLeftDeg: 'Turn to your left (°)',
  romTiltRightDeg: 'Tilt to your right (°)',
  romTiltLeftDeg: 'Tilt to your left (°)',
  romFlexionDeg: 'Chin down (°)',
  romExtensionDeg: 'Chin up (°)',
  restTimeInNeutralPct: 'At rest: time within 10° of straight (%)',
  restMeasuredS: 'At rest: time measured (s)',
  framesMeasured: 'Frames measured',
  framesTotal: 'Frames analysed',
  referenceTrunkPct: 'Turn and tilt measured against your shoulders (% of frames; the rest against the camera)',
  flexionReferenceGravityPct: 'Chin up/down against gravity (% of frames)',
  flexionReferenceFaceGeometryPct: "Chin up/down against the face's level line (% of frames)",
  flexionReferenceUncertainPct: 'Chin up/down with an uncertain zero (% of frames)',
};

const r1 = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);

export function analyzeExam(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], neutralKind: NeutralKind): { items: Record<string, number | null>; measures: Record<string, number | null> } {
  const items: Record<string, number | null> = {};
  const measures: Record<string, number | null> = {};
  const report = scoreSession({ frames, neutralKind, phases });
  for (const it of report.items) items[it.item] = it.assessable ? it.score : null;
  items['totalAssessed'] = report.total.score;
  items['maxOfAssessed'] = report.total.maxOfAssessed;

  const holds = phases.filter((p) => p.kind === 'hold-neutral');
  holds.forEach((p, i) => {
    const h = holdAttempt(frames, p.endMs === undefined ? { startMs: p.startMs } : { startMs: p.startMs, endMs: p.endMs });
    measures[`holdNeutral${i + 1}S`] = r1(h.heldS);
  });
  const sweeps = phases.filter((p) => p.kind === 'rom-sweep');
  const inSweeps = frames.filter((f) => sweeps.some((p) => f.timestampMs >= p.startMs && f.timestampMs < p.endMs));
  if (inSweeps.length > 0) {
    const rom = rangeOfMotion(inSweeps);
    measures['romRotationRightDeg'] = r1(rom.rotationDeg.positiveDeg);
    measures['romRotationLeftDeg'] = r1(rom.rotationDeg.negativeDeg);
    measures['romTiltRightDeg'] = r1(rom.tiltDeg.positiveDeg);
    measures['romTiltLeftDeg'] = r1(rom.tiltDeg.negativeDeg);
    measures['romFlexionDeg'] = r1(rom.flexionDeg.positiveDeg);
    measures['romExtensionDeg'] = r1(rom.flexionDeg.negativeDeg);
  }
  const rest = phases.filter((p) => p.kind === 'rest');
  const atRest = frames.filter((f) => rest.some((p) => f.timestampMs >= p.startMs && f.timestampMs < p.endMs));
  if (atRest.length > 0) {
    const n = neutralTime(atRest);
    measures['restTimeInNeutralPct'] = r1(n.combined.percentWithin);
    measures['restMeasuredS'] = r1(n.combined.measuredS);
  }
  measures['framesMeasured'] = frames.filter((f) => f.state !== 'not-measurable').length;
  measures['framesTotal'] = frames.length;
  return { items, measures };
}
