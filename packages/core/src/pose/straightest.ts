/**
 * Calibration as a check, never an eraser: the person holds their "straightest comfortable posture",
 * and this measures it against the anatomical zero. The result is a training start (where graded
 * training begins, graded.ts), stored apart from the zero; every measure, exam item and report stays
 * against the anatomical zero.
 */
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import type { FrameReference } from './reference.ts';
import { type RestLensGlare, preferGlareFree } from './lensGlare.ts';

/** An axis of the straightest posture further than this from the anatomical zero raises the warning. */
export const STRAIGHTEST_WARN_DEG = 10;
/** Axes within this are called straight in the sentence. */
export const STRAIGHT_WITHIN_DEG = 3;
/** Fewest measured frames for a check. */
export const MIN_STRAIGHTEST_FRAMES = 10;
/** Largest spread (90th percentile of |value − median|) on any axis for a still posture, deg. */
export const MAX_STRAIGHTEST_SPREAD_DEG = 4;

export type StraightestFailure = 'too-few-frames' | 'not-still';

/** The person's current training start (their straightest posture against the anatomical zero). */
export interface TrainingStart {
  readonly kind: 'training-start';
  /** Median angles of the straightest posture against the anatomical zero; null = axis not measured or uncertain. */
  readonly anglesDeg: Readonly<Record<Axis, number | null>>;
  /** When it was taken (the caller's clock, ms since epoch; core reads none). */
  readonly takenAtMs: number | null;
  readonly framesUsed: number;
}

export interface AxisOffset {
  /** Median over the frames, deg, against the anatomical zero; null when not measured. */
  readonly offsetDeg: number | null;
  /** The reference is too uncertain to say how far from straight this axis is (value still given). */
  readonly uncertain: boolean;
  readonly beyondWarn: boolean;
}

export type StraightestCheck =
  | {
      readonly ok: true;
      readonly perAxis: Readonly<Record<Axis, AxisOffset>>;
      /** Largest |offset| over the axes that are not uncertain, deg. */
      readonly maxOffsetDeg: number;
      /** Any axis (not uncertain) more than STRAIGHTEST_WARN_DEG from the anatomical zero. */
      readonly warn: boolean;
      /** Plain words, e.g. "Your straightest is 18° turned to the right." */
      readonly sentence: string;
      readonly reference: FrameReference | null;
      readonly trainingStart: TrainingStart;
      /** Glare on glasses while holding (pose/lensGlare.ts); absent when there was none or it was not measured. */
      readonly lensGlare?: RestLensGlare;
    }
  | { readonly ok: false; readonly reason: StraightestFailure; readonly framesUsed: number; readonly sentence: string; readonly lensGlare?: RestLensGlare };

const WORDS: Readonly<Record<Axis, { positive: string; negative: string }>> = {
  rotationDeg: { positive: 'turned to the right', negative: 'turned to the left' },
  tiltDeg: { positive: 'tilted to the right', negative: 'tilted to the left' },
  flexionDeg: { positive: 'chin down', negative: 'chin up' },
};

const AXIS_LABEL: Readonly<Record<Axis, string>> = { rotationDeg: 'Turning', tiltDeg: 'Tilt', flexionDeg: 'Chin up/down' };

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function p90(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.9 * s.length) - 1)] ?? 0;
}

/** "18° turned to the right" for one axis. */
export function axisWords(axis: Axis, valueDeg: number): string {
  const v = Math.round(Math.abs(valueDeg));
  return `${v}° ${valueDeg > 0 ? WORDS[axis].positive : WORDS[axis].negative}`;
}

/**
 * Checks the straightest posture from anatomical measures (AnatomicalEstimator output) of the frames in
 * which the person held it. `takenAtMs` is stored on the training start. `lensGlareShares`, when given, is each
 * measure's frame's lens glare share (`frameLensGlareShare`, same order): frames with glare on the glasses are left
 * out when enough others remain, else kept and the result says so (`lensGlare`).
 */
export function checkStraightest(measures: readonly FrameMeasure[], takenAtMs: number | null = null, lensGlareShares?: readonly (number | null)[]): StraightestCheck {
  const shareOf = new Map(measures.map((m, i) => [m, lensGlareShares?.[i] ?? null]));
  const measured = measures.filter((m) => m.state !== 'not-measurable' && m.rotationDeg !== null);
  const { use: usable, glare } = preferGlareFree(measured, (m) => shareOf.get(m) ?? null, MIN_STRAIGHTEST_FRAMES);
  const glarePart = glare ? { lensGlare: glare } : {};
  if (usable.length < MIN_STRAIGHTEST_FRAMES) {
    return { ok: false, reason: 'too-few-frames', framesUsed: usable.length, sentence: `Only ${usable.length} frames showed your face well enough (at least ${MIN_STRAIGHTEST_FRAMES} are needed). Face the camera in good light and try again.`, ...glarePart };
  }
  const last = usable[usable.length - 1]!;
  const reference = last.reference ?? null;
  const perAxis = {} as Record<Axis, AxisOffset>;
  let spread = 0;
  for (const a of AXES) {
    const xs = usable.map((m) => m[a]).filter((v): v is number => v !== null && Number.isFinite(v));
    if (xs.length < MIN_STRAIGHTEST_FRAMES) {
      perAxis[a] = { offsetDeg: null, uncertain: true, beyondWarn: false };
      continue;
    }
    const med = median(xs);
    spread = Math.max(spread, p90(xs.map((x) => Math.abs(x - med))));
    const uncertain = reference?.[a].uncertain ?? false;
    perAxis[a] = { offsetDeg: med, uncertain, beyondWarn: !uncertain && Math.abs(med) > STRAIGHTEST_WARN_DEG };
  }
  if (spread > MAX_STRAIGHTEST_SPREAD_DEG) {
    return { ok: false, reason: 'not-still', framesUsed: usable.length, sentence: `Your head moved about ${Math.round(spread)}° while holding; hold your straightest comfortable posture still for a few seconds and try again.`, ...glarePart };
  }
  const sure = AXES.filter((a) => perAxis[a].offsetDeg !== null && !perAxis[a].uncertain);
  const maxOffsetDeg = Math.max(0, ...sure.map((a) => Math.abs(perAxis[a].offsetDeg!)));
  const warn = sure.some((a) => perAxis[a].beyondWarn);
  const off = sure.filter((a) => Math.abs(perAxis[a].offsetDeg!) > STRAIGHT_WITHIN_DEG)
    .sort((x, y) => Math.abs(perAxis[y].offsetDeg!) - Math.abs(perAxis[x].offsetDeg!));
  let sentence = off.length === 0
    ? `Your straightest is within ${STRAIGHT_WITHIN_DEG}° of straight${sure.length < AXES.length ? ' on the axes that could be measured' : ''}.`
    : `Your straightest is ${joinWords(off.map((a) => axisWords(a, perAxis[a].offsetDeg!)))}.`;
  const unsure = AXES.filter((a) => perAxis[a].offsetDeg !== null && perAxis[a].uncertain);
  for (const a of unsure) {
    sentence += ` ${AXIS_LABEL[a]} reads about ${axisWords(a, perAxis[a].offsetDeg!)}, but its zero is uncertain (±${Math.round(reference?.[a].uncertaintyDeg ?? 0)}°).`;
  }
  if (warn) sentence += ` That is more than ${STRAIGHTEST_WARN_DEG}° from straight: training starts from there, and your measures stay against straight.`;
  const anglesDeg = Object.fromEntries(AXES.map((a) => [a, perAxis[a].uncertain ? null : perAxis[a].offsetDeg])) as Record<Axis, number | null>;
  return {
    ok: true,
    perAxis,
    maxOffsetDeg,
    warn,
    sentence,
    reference,
    trainingStart: { kind: 'training-start', anglesDeg, takenAtMs, framesUsed: usable.length },
    ...glarePart,
  };
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Why a stored training start was refused. */
export class TrainingStartFormatError extends Error {
  override readonly name = 'TrainingStartFormatError';
}

/** Validates a training start read from JSON (storage, a file, the network). */
export function trainingStartFromJson(value: unknown): TrainingStart {
  if (typeof value !== 'object' || value === null) throw new TrainingStartFormatError(`Expected a JSON object describing a training start; got ${value === null ? 'null' : typeof value}.`);
  const v = value as Record<string, unknown>;
  if (v.kind !== 'training-start') throw new TrainingStartFormatError(`Expected "kind" to be "training-start"; got ${JSON.stringify(v.kind)}.`);
  const angles = v.anglesDeg as Record<string, unknown> | undefined;
  if (typeof angles !== 'object' || angles === null) throw new TrainingStartFormatError('Expected "anglesDeg" with rotationDeg, tiltDeg and flexionDeg (numbers in degrees, or null).');
  const out = {} as Record<Axis, number | null>;
  for (const a of AXES) {
    const x = angles[a];
    if (x !== null && !(typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= 90)) {
      throw new TrainingStartFormatError(`Expected "anglesDeg.${a}" to be a number of degrees from −90 to 90, or null; got ${JSON.stringify(x)}.`);
    }
    out[a] = x;
  }
  const takenAtMs = typeof v.takenAtMs === 'number' && Number.isFinite(v.takenAtMs) ? v.takenAtMs : null;
  const framesUsed = typeof v.framesUsed === 'number' && Number.isFinite(v.framesUsed) ? v.framesUsed : 0;
  return { kind: 'training-start', anglesDeg: out, takenAtMs, framesUsed };
}
