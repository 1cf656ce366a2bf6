/**
 * Exam frames + phase marks → the numbers stored with an exam session: the objective severity items
 * (scoring/items.ts), the hold times, the range of motion each way, the resting posture (medians at rest,
 * with their signs as docs/clinical.md) and time within 10° of neutral at rest. Keys are the registry's
 * (measures/registry.ts), so every screen and report labels them the same way.
 */
import { type FrameMeasure, type NeutralKind, RANGE_DIRECTIONS, type RangeDirection } from '../measures/types.ts';
import type { ExamMeasureKey, SeverityItemKey } from '../measures/registry.ts';
import { holdAttempt, neutralTime } from '../signal/neutral.ts';
import { rangeOfMotion } from '../signal/rangeOfMotion.ts';
import { scoreSession } from '../scoring/items.ts';
import type { ExamPhase } from '../scoring/types.ts';

export interface ExamNumbers {
  readonly items: Partial<Record<SeverityItemKey, number | null>>;
  readonly measures: Partial<Record<ExamMeasureKey, number | null>>;
}

const r1 = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const within = (f: FrameMeasure, ranges: readonly { startMs: number; endMs: number }[]): boolean =>
  ranges.some((p) => f.timestampMs >= p.startMs && f.timestampMs < p.endMs);

export function examMeasures(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], neutralKind: NeutralKind): ExamNumbers {
  const items: Partial<Record<SeverityItemKey, number | null>> = {};
  const measures: Partial<Record<ExamMeasureKey, number | null>> = {};
  const report = scoreSession({ frames, neutralKind, phases });
  for (const it of report.items) items[it.item] = it.assessable ? it.score : null;
  items.totalAssessed = report.total.score;
  items.maxOfAssessed = report.total.maxOfAssessed;

  const holdKeys = ['holdNeutral1S', 'holdNeutral2S'] as const;
  phases.filter((p) => p.kind === 'hold-neutral').slice(0, holdKeys.length).forEach((p, i) => {
    const h = holdAttempt(frames, p.endMs === undefined ? { startMs: p.startMs } : { startMs: p.startMs, endMs: p.endMs });
    measures[holdKeys[i] as (typeof holdKeys)[number]] = r1(h.heldS);
  });
  const sweeps = phases.flatMap((p) => (p.kind === 'rom-sweep' ? [p] : []));
  const inSweeps = frames.filter((f) => within(f, sweeps));
  if (inSweeps.length > 0) {
    const rom = rangeOfMotion(inSweeps);
    measures.romRotationRightDeg = r1(rom.rotationDeg.positiveDeg);
    measures.romRotationLeftDeg = r1(rom.rotationDeg.negativeDeg);
    measures.romTiltRightDeg = r1(rom.tiltDeg.positiveDeg);
    measures.romTiltLeftDeg = r1(rom.tiltDeg.negativeDeg);
    measures.romFlexionDeg = r1(rom.flexionDeg.positiveDeg);
    measures.romExtensionDeg = r1(rom.flexionDeg.negativeDeg);
  }
  const rest = phases.flatMap((p) => (p.kind === 'rest' ? [p] : []));
  const atRest = frames.filter((f) => within(f, rest));
  if (atRest.length > 0) {
    const n = neutralTime(atRest);
    measures.restTimeInNeutralPct = r1(n.combined.percentWithin);
    measures.restMeasuredS = r1(n.combined.measuredS);
    const measured = atRest.filter((f) => f.state !== 'not-measurable');
    const med = (pick: (f: FrameMeasure) => number | null): number | null =>
      r1(median(measured.map(pick).filter((v): v is number => v !== null && Number.isFinite(v))));
    measures.restRotationDeg = med((f) => f.rotationDeg);
    measures.restTiltDeg = med((f) => f.tiltDeg);
    measures.restFlexionDeg = med((f) => f.flexionDeg);
  }
  measures.framesMeasured = frames.filter((f) => f.state !== 'not-measurable').length;
  measures.framesTotal = frames.length;
  // Why frames were doubted or not measured, as shares of the exam's frames: the lower-confidence share, and each movement
  // that went beyond the tracker's range (a frame beyond on two counts under both); set only when some frame was.
  const share = (n: number): number | null => r1((100 * n) / frames.length);
  const low = frames.filter((f) => f.state === 'low-confidence').length;
  if (low > 0) measures.lowConfidencePct = share(low);
  const beyondKeys = { turn: 'beyondRangeTurnPct', tilt: 'beyondRangeTiltPct', 'chin-down': 'beyondRangeChinDownPct', 'chin-up': 'beyondRangeChinUpPct' } as const satisfies Record<RangeDirection, ExamMeasureKey>;
  for (const d of RANGE_DIRECTIONS) {
    const n = frames.filter((f) => f.beyondRangeAxes?.includes(d)).length;
    if (n > 0) measures[beyondKeys[d]] = share(n);
  }
  return { items, measures };
}
