// ref: CLINICAL.md "Objective motor-severity items" (bands in bands.ts) computed from a session's frames
// and exam-phase markers. Objective severity items, never "a TWSTRS score".
import { AXES, type Axis, type FrameMeasure, type NeutralKind, type Series } from '../measures/types.ts';
import { cleanFrames, holdAttempt, type HoldAttemptResult } from '../signal/neutral.ts';
import { rangeOfMotion, sustainedMax, type SustainedExtreme } from '../signal/rangeOfMotion.ts';
import { sensoryTrickEffect, type SensoryTrickResult } from '../signal/sensoryTrick.ts';
import { seriesFromFrames, type MeasureField, type TimeRangeMs } from '../signal/series.ts';
import {
  anteroRetrocollisScore,
  CONSTANT_SHARE,
  DURATION_NEAR_MAX_FRACTION,
  DURATION_OFTEN_MAX_SHARE,
  durationFactorScore,
  FULL_RANGE_DEG,
  HOLD_CAP_S,
  laterocollisScore,
  LATERAL_SHIFT_PRESENT_CM,
  lateralShiftScore,
  rangeOfMotionScore,
  rotationScore,
  sensoryTrickScore,
  shoulderElevationScore,
  timeHoldingNeutralScore,
} from './bands.ts';
import { assertValidPhases } from './phases.ts';
import { SEVERITY_ITEMS, type ExamPhase, type ExamSession, type ItemEvidence, type NotAssessableReason, type SeverityItem, type SeverityItemId, type SeverityReport } from './types.ts';

/** Least measured time in the posture basis for the posture and time items, s. */
export const MIN_MEASURED_S = 5;
/** Zone for "deviated" in the duration factor, deg (the neutral zone). */
export const DEVIATED_ABOVE_DEG = 10;
/** Sample-and-hold limit for time shares, ms. */
const MAX_HOLD_MS = 200;

const MAX_SCORE: Record<SeverityItemId, number> = {
  rotation: 4,
  laterocollis: 3,
  anteroRetrocollis: 3,
  lateralShift: 1,
  sagittalShift: 1,
  durationFactor: 5,
  sensoryTrick: 2,
  shoulderElevation: 3,
  rangeOfMotion: 4,
  timeHoldingNeutral: 4,
};

function inRange(t: number, r: TimeRangeMs): boolean {
  return t >= r.startMs && t < r.endMs;
}

function phaseRanges(p: ExamPhase): TimeRangeMs[] {
  if (p.kind === 'sensory-trick') return [p.before, p.during, p.after];
  if (p.kind === 'hold-neutral') return [{ startMs: p.startMs, endMs: p.endMs ?? p.startMs + HOLD_CAP_S * 1000 }];
  return [{ startMs: p.startMs, endMs: p.endMs }];
}

function framesIn(frames: readonly FrameMeasure[], ranges: readonly TimeRangeMs[]): FrameMeasure[] {
  return frames.filter((f) => ranges.some((r) => inRange(f.timestampMs, r)));
}

function indicesIn(frames: readonly FrameMeasure[], r: TimeRangeMs): number[] {
  return frames.filter((f) => f.timestampMs >= r.startMs && f.timestampMs < r.endMs).map((f) => f.frameIndex);
}

function measuredSeconds(s: Series): number {
  let ms = 0;
  for (let i = 0; i < s.values.length; i++) {
    if (s.values[i] === null) continue;
    const next = s.timestampsMs[i + 1];
    ms += next === undefined ? 0 : Math.min(MAX_HOLD_MS, next - (s.timestampsMs[i] as number));
  }
  return ms / 1000;
}

/** Sustained extreme each way of a field: the larger magnitude and its side. */
function sustainedAbs(frames: readonly FrameMeasure[], field: MeasureField): { magnitude: number; signed: number; at: SustainedExtreme; measuredS: number } | null {
  const s = seriesFromFrames(frames, field);
  const pos = sustainedMax(s);
  const neg = sustainedMax({ timestampsMs: s.timestampsMs, values: s.values.map((v) => (v === null ? null : -v)) });
  const measuredS = measuredSeconds(s);
  if (!pos && !neg) return null;
  const posV = pos ? pos.value : -Infinity;
  const negV = neg ? neg.value : -Infinity;
  if (posV >= negV && pos) return { magnitude: Math.max(0, posV), signed: posV, at: pos, measuredS };
  if (neg) return { magnitude: Math.max(0, negV), signed: -negV, at: { ...neg, value: -neg.value }, measuredS };
  return null;
}

function item(
  id: SeverityItemId,
  neutralKind: NeutralKind,
  score: number | null,
  evidence: ItemEvidence,
  reason?: NotAssessableReason,
): SeverityItem {
  const base = {
    item: id,
    score,
    maxScore: MAX_SCORE[id],
    weight: id === 'durationFactor' ? (2 as const) : (1 as const),
    assessable: score !== null,
    evidence,
    neutralKind,
  };
  return reason === undefined ? base : { ...base, reason };
}

const NO_EVIDENCE: ItemEvidence = { timeRanges: [], frameIndices: [], values: {} };

/**
 * Objective severity items for one session. Posture items (rotation, laterocollis, antero/retrocollis,
 * lateral shift, duration, shoulder elevation) are read from the rest phases when there are any, else
 * from all frames outside marked phases (sweeps, tricks and hold attempts are voluntary or relieved).
 * Phase windows must be finite with endMs > startMs (else `SignalError` 'invalid-window').
 */
export function scoreSession(session: ExamSession): SeverityReport {
  const nk = session.neutralKind;
  const frames = cleanFrames(session.frames);
  const phases = session.phases ?? [];
  assertValidPhases(phases);
  const rests = phases.filter((p) => p.kind === 'rest').flatMap(phaseRanges);
  const marked = phases.flatMap(phaseRanges);
  const basis = rests.length > 0 ? framesIn(frames, rests) : frames.filter((f) => !marked.some((r) => inRange(f.timestampMs, r)));
  const postureBasis = rests.length > 0 ? 'rest-phases' : 'session-outside-marked-phases';
  const basisRanges = rests.length > 0 ? rests : basis.length > 0 ? [{ startMs: (basis[0] as FrameMeasure).timestampMs, endMs: (basis[basis.length - 1] as FrameMeasure).timestampMs }] : [];

  const items: SeverityItem[] = [];
  const tooLittle = (id: SeverityItemId, measuredS: number): SeverityItem =>
    item(id, nk, null, { timeRanges: basisRanges, frameIndices: [], values: { measuredS, neededS: MIN_MEASURED_S } }, 'too-little-measurable-data');

  // Rotation, laterocollis.
  const rot = sustainedAbs(basis, 'rotationDeg');
  if (!rot || rot.measuredS < MIN_MEASURED_S) items.push(tooLittle('rotation', rot?.measuredS ?? 0));
  else
    items.push(
      item('rotation', nk, rotationScore(rot.magnitude), {
        timeRanges: [rot.at],
        frameIndices: indicesIn(basis, rot.at),
        values: { maxExcursionDeg: rot.magnitude, side: rot.signed >= 0 ? 'right' : 'left', heldMs: rot.at.endMs - rot.at.startMs },
      }),
    );
  const tilt = sustainedAbs(basis, 'tiltDeg');
  if (!tilt || tilt.measuredS < MIN_MEASURED_S) items.push(tooLittle('laterocollis', tilt?.measuredS ?? 0));
  else
    items.push(
      item('laterocollis', nk, laterocollisScore(tilt.magnitude), {
        timeRanges: [tilt.at],
        frameIndices: indicesIn(basis, tilt.at),
        values: { maxExcursionDeg: tilt.magnitude, side: tilt.signed >= 0 ? 'right' : 'left' },
      }),
    );
  // Antero/retrocollis: each direction against its own full range; the higher score wins.
  const flex = sustainedAbs(basis, 'flexionDeg');
  // Against an uncertain zero (no camera tilt, average face) a flexion is "about N° ± U°": not scored.
  const flexFrames = basis.filter((f) => f.state !== 'not-measurable' && f.flexionDeg !== null);
  const flexUncertain = flexFrames.filter((f) => f.reference?.flexionDeg.uncertain === true).length;
  if (flexFrames.length > 0 && flexUncertain * 2 > flexFrames.length) {
    items.push(item('anteroRetrocollis', nk, null, { timeRanges: basisRanges, frameIndices: [], values: { uncertainFrames: flexUncertain, frames: flexFrames.length } }, 'zero-uncertain'));
  } else if (!flex || flex.measuredS < MIN_MEASURED_S) items.push(tooLittle('anteroRetrocollis', flex?.measuredS ?? 0));
  else {
    const dir = flex.signed >= 0 ? 'anterocollis' : 'retrocollis';
    const full = flex.signed >= 0 ? FULL_RANGE_DEG.flexion : FULL_RANGE_DEG.extension;
    items.push(
      item('anteroRetrocollis', nk, anteroRetrocollisScore(flex.magnitude, full), {
        timeRanges: [flex.at],
        frameIndices: indicesIn(basis, flex.at),
        values: { maxExcursionDeg: flex.magnitude, direction: dir, fullRangeDeg: full },
      }),
    );
  }
  // Lateral shift.
  const shift = sustainedAbs(basis, 'lateralShiftCm');
  if (!shift || shift.measuredS < MIN_MEASURED_S) items.push(tooLittle('lateralShift', shift?.measuredS ?? 0));
  else
    items.push(
      item('lateralShift', nk, lateralShiftScore(shift.magnitude), {
        timeRanges: [shift.at],
        frameIndices: indicesIn(basis, shift.at),
        values: { maxShiftCm: shift.magnitude, side: shift.signed >= 0 ? 'right' : 'left', presentFromCm: LATERAL_SHIFT_PRESENT_CM },
      }),
    );
  // Sagittal shift: a frontal camera cannot see forward/backward displacement reliably.
  items.push(item('sagittalShift', nk, null, NO_EVIDENCE, 'not-observable-frontal-camera'));

  items.push(durationItem(basis, basisRanges, nk));
  items.push(trickItem(frames, phases, nk));
  items.push(shoulderItem(basis, basisRanges, nk));
  items.push(romItem(frames, phases, { rot, tilt, flex }, nk));
  items.push(holdItem(frames, phases, nk));

  const order = new Map(SEVERITY_ITEMS.map((id, i) => [id, i]));
  items.sort((a, b) => (order.get(a.item) as number) - (order.get(b.item) as number));
  let score = 0;
  let maxOfAssessed = 0;
  let maxScore = 0;
  const notAssessed: SeverityItemId[] = [];
  for (const it of items) {
    maxScore += it.maxScore * it.weight;
    if (it.score === null) notAssessed.push(it.item);
    else {
      score += it.score * it.weight;
      maxOfAssessed += it.maxScore * it.weight;
    }
  }
  return {
    items,
    total: { score, maxOfAssessed, maxScore, itemsAssessed: items.length - notAssessed.length, itemsTotal: items.length, complete: notAssessed.length === 0, notAssessed },
    neutralKind: nk,
    postureBasis,
  };
}

function durationItem(basis: readonly FrameMeasure[], ranges: readonly TimeRangeMs[], nk: NeutralKind): SeverityItem {
  // m(t) = largest |angle| over the measured axes of a frame.
  const t: number[] = [];
  const m: (number | null)[] = [];
  for (const f of basis) {
    t.push(f.timestampMs);
    if (f.state === 'not-measurable') {
      m.push(null);
      continue;
    }
    let best: number | null = null;
    for (const a of AXES) {
      const v = f[a];
      if (v !== null && Number.isFinite(v)) best = Math.max(best ?? 0, Math.abs(v));
    }
    m.push(best);
  }
  const s: Series = { timestampsMs: t, values: m };
  const measuredS = measuredSeconds(s);
  if (measuredS < MIN_MEASURED_S) return item('durationFactor', nk, null, { timeRanges: ranges, frameIndices: [], values: { measuredS, neededS: MIN_MEASURED_S } }, 'too-little-measurable-data');
  const top = sustainedMax(s);
  const maxDeg = top ? top.value : 0;
  let dev = 0;
  let near = 0;
  let tot = 0;
  for (let i = 0; i < m.length; i++) {
    const v = m[i];
    const next = t[i + 1];
    if (v === null || v === undefined || next === undefined) continue;
    const h = Math.min(MAX_HOLD_MS, next - (t[i] as number));
    tot += h;
    if (v > DEVIATED_ABOVE_DEG) {
      dev += h;
      if (v >= DURATION_NEAR_MAX_FRACTION * maxDeg) near += h;
    }
  }
  const percentDeviated = tot > 0 ? (100 * dev) / tot : 0;
  const oftenMaximal = dev > 0 && near / dev >= DURATION_OFTEN_MAX_SHARE;
  return item('durationFactor', nk, durationFactorScore(percentDeviated, oftenMaximal), {
    timeRanges: ranges,
    frameIndices: [],
    values: {
      percentDeviated,
      deviatedAboveDeg: DEVIATED_ABOVE_DEG,
      sustainedMaxDeg: maxDeg,
      nearMaximalShareOfDeviated: dev > 0 ? near / dev : 0,
      oftenMaximal,
      measuredS: tot / 1000,
    },
  });
}

function trickItem(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], nk: NeutralKind): SeverityItem {
  const tricks = phases.filter((p): p is Extract<ExamPhase, { kind: 'sensory-trick' }> => p.kind === 'sensory-trick');
  if (tricks.length === 0) return item('sensoryTrick', nk, null, NO_EVIDENCE, 'no-sensory-trick-windows');
  let best: { r: SensoryTrickResult; p: (typeof tricks)[number] } | null = null;
  let firstReason: NotAssessableReason = 'trick-not-measurable';
  for (const p of tricks) {
    const r = sensoryTrickEffect(frames, p);
    if (r.reductionCombinedPercent === null) {
      if (r.reason === 'no-deviation-before' && firstReason === 'trick-not-measurable' && best === null) firstReason = 'no-deviation-to-relieve';
      continue;
    }
    if (!best || r.reductionCombinedPercent > (best.r.reductionCombinedPercent as number)) best = { r, p };
  }
  if (!best) return item('sensoryTrick', nk, null, { timeRanges: tricks.flatMap(phaseRanges), frameIndices: [], values: { tricks: tricks.length } }, firstReason);
  const { r, p } = best;
  return item('sensoryTrick', nk, sensoryTrickScore(r.reductionCombinedPercent as number), {
    timeRanges: [p.before, p.during, p.after],
    frameIndices: [],
    values: {
      trick: p.trick ?? null,
      reductionCombinedPercent: r.reductionCombinedPercent,
      reductionDominantPercent: r.reductionDominantPercent,
      dominantAxis: r.dominantAxis,
      beforeCombinedDeg: r.before.combinedDeg,
      duringCombinedDeg: r.during.combinedDeg,
      afterCombinedDeg: r.after.combinedDeg,
      tricksTried: tricks.length,
    },
  });
}

function shoulderItem(basis: readonly FrameMeasure[], ranges: readonly TimeRangeMs[], nk: NeutralKind): SeverityItem {
  const s = seriesFromFrames(basis, 'shoulderElevationDeg');
  const measuredS = measuredSeconds(s);
  const ext = sustainedAbs(basis, 'shoulderElevationDeg');
  if (!ext || measuredS < MIN_MEASURED_S) return item('shoulderElevation', nk, null, { timeRanges: ranges, frameIndices: [], values: { measuredS, neededS: MIN_MEASURED_S } }, 'too-little-measurable-data');
  let tot = 0;
  let mod = 0;
  let sev = 0;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i];
    const next = s.timestampsMs[i + 1];
    if (v === null || v === undefined || next === undefined) continue;
    const h = Math.min(MAX_HOLD_MS, next - (s.timestampsMs[i] as number));
    tot += h;
    if (Math.abs(v) >= 5) mod += h;
    if (Math.abs(v) >= 10) sev += h;
  }
  const shareAtModerate = tot > 0 ? mod / tot : 0;
  const shareAtSevere = tot > 0 ? sev / tot : 0;
  return item('shoulderElevation', nk, shoulderElevationScore(ext.magnitude, shareAtModerate, shareAtSevere), {
    timeRanges: [ext.at],
    frameIndices: indicesIn(basis, ext.at),
    values: { maxElevationDeg: ext.magnitude, higherShoulder: ext.signed >= 0 ? 'right' : 'left', shareAtModerate, shareAtSevere, constantShare: CONSTANT_SHARE },
  });
}

type Ext = ReturnType<typeof sustainedAbs>;

function romItem(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], posture: { rot: Ext; tilt: Ext; flex: Ext }, nk: NeutralKind): SeverityItem {
  const sweeps = phases.filter((p): p is Extract<ExamPhase, { kind: 'rom-sweep' }> => p.kind === 'rom-sweep');
  if (sweeps.length === 0) return item('rangeOfMotion', nk, null, NO_EVIDENCE, 'no-rom-sweeps');
  // The axis of the abnormal posture: the largest excursion as a share of that direction's full range.
  const cands: Array<{ axis: Axis; ext: NonNullable<Ext>; share: number; fullOpposite: number }> = [];
  if (posture.rot) cands.push({ axis: 'rotationDeg', ext: posture.rot, share: posture.rot.magnitude / FULL_RANGE_DEG.rotation, fullOpposite: FULL_RANGE_DEG.rotation });
  if (posture.tilt) cands.push({ axis: 'tiltDeg', ext: posture.tilt, share: posture.tilt.magnitude / FULL_RANGE_DEG.tilt, fullOpposite: FULL_RANGE_DEG.tilt });
  if (posture.flex)
    cands.push({
      axis: 'flexionDeg',
      ext: posture.flex,
      share: posture.flex.magnitude / (posture.flex.signed >= 0 ? FULL_RANGE_DEG.flexion : FULL_RANGE_DEG.extension),
      fullOpposite: posture.flex.signed >= 0 ? FULL_RANGE_DEG.extension : FULL_RANGE_DEG.flexion,
    });
  cands.sort((a, b) => b.share - a.share);
  const c = cands[0];
  const sweepRanges = sweeps.filter((p) => c === undefined || p.axis === undefined || p.axis === c.axis).map((p) => ({ startMs: p.startMs, endMs: p.endMs }));
  if (!c || sweepRanges.length === 0) return item('rangeOfMotion', nk, null, { timeRanges: sweeps.map((p) => ({ startMs: p.startMs, endMs: p.endMs })), frameIndices: [], values: {} }, c ? 'no-rom-sweeps' : 'too-little-measurable-data');
  const rom = rangeOfMotion(framesIn(frames, sweepRanges))[c.axis];
  const postureSide = c.ext.signed >= 0 ? 1 : -1;
  const reach = postureSide > 0 ? rom.negativeDeg : rom.positiveDeg;
  const at = postureSide > 0 ? rom.negativeAt : rom.positiveAt;
  if (reach === null || at === null) return item('rangeOfMotion', nk, null, { timeRanges: sweepRanges, frameIndices: [], values: { axis: c.axis } }, 'too-little-measurable-data');
  return item('rangeOfMotion', nk, rangeOfMotionScore(reach, c.ext.magnitude, c.fullOpposite), {
    timeRanges: [at],
    frameIndices: indicesIn(frames, at),
    values: { axis: c.axis, postureDeg: c.ext.magnitude, postureSide: postureSide > 0 ? 'positive' : 'negative', reachPastMidlineDeg: reach, fullRangeOppositeDeg: c.fullOpposite },
  });
}

function holdItem(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], nk: NeutralKind): SeverityItem {
  const attempts = phases.filter((p): p is Extract<ExamPhase, { kind: 'hold-neutral' }> => p.kind === 'hold-neutral').slice(0, 2);
  if (attempts.length === 0) return item('timeHoldingNeutral', nk, null, NO_EVIDENCE, 'no-hold-neutral-attempts');
  const results: HoldAttemptResult[] = attempts.map((a) => holdAttempt(frames, a.endMs === undefined ? { startMs: a.startMs } : { startMs: a.startMs, endMs: a.endMs }));
  const usable = results.filter((r) => r.endedBy !== 'no-data');
  if (usable.length === 0) return item('timeHoldingNeutral', nk, null, { timeRanges: attempts.flatMap(phaseRanges), frameIndices: [], values: { attempts: attempts.length } }, 'too-little-measurable-data');
  const meanHeldS = usable.reduce((s, r) => s + r.heldS, 0) / usable.length;
  const values: Record<string, number | string | null> = { meanHeldS, attemptsUsed: usable.length, capS: HOLD_CAP_S };
  results.forEach((r, i) => {
    values[`attempt${i + 1}HeldS`] = r.heldS;
    values[`attempt${i + 1}EndedBy`] = r.endedBy;
  });
  return item('timeHoldingNeutral', nk, timeHoldingNeutralScore(meanHeldS), {
    timeRanges: attempts.map((a, i) => ({ startMs: a.startMs, endMs: (results[i] as HoldAttemptResult).endMs })),
    frameIndices: [],
    values,
  });
}
