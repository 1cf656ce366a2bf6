// Sensory-trick trainer analysis: a protocol of trials (before / during / after windows per trick) and the
// analysis of each trial with `sensoryTrickEffect` (docs/clinical.md "Sensory-trick effect"). When the hand
// hides part of the face, the face tracker may lose tilt and flexion while rotation is still measured
// (body-keypoint fallback): the reduction then falls back on the dominant axis alone and the trial is
// marked low confidence. The share of the 'during' window not fully measured is always reported.
import type { Axis, FrameMeasure } from '../measures/types.ts';
import type { ExamPhase } from '../scoring/types.ts';
import { cleanFrames } from '../signal/neutral.ts';
import type { TimeRangeMs } from '../signal/series.ts';
import { sensoryTrickEffect, type SensoryTrickResult } from '../signal/sensoryTrick.ts';
import { ExerciseError } from './errors.ts';
import { BLOCK_STATS_DEFAULTS, compareWindows, windowBlocks, type BlockStatsOptions, type Comparison, type TimedDeviation } from './trickStats.ts';

export const TRICK_PLACES = ['chin', 'cheek', 'back-of-head'] as const;
export const TRICK_SIDES = ['same', 'opposite'] as const;
export const TRICK_CONTACTS = ['touch', 'near'] as const;
export type TrickPlace = (typeof TRICK_PLACES)[number];
/** Relative to the side the head pulls toward. */
export type TrickSide = (typeof TRICK_SIDES)[number];
/** 'near' = the hand held close to the face without touching. */
export type TrickContact = (typeof TRICK_CONTACTS)[number];

export interface Trick {
  readonly place: TrickPlace;
  readonly side: TrickSide;
  readonly contact: TrickContact;
  /** A trick the person described in their own words (e.g. "finger on the eyebrow"); place/side/contact say where the hand goes. */
  readonly name?: string;
}

/** A stable id: `chin-same-touch`, or `own-<words>` for the person's own trick. */
export function trickId(t: Trick): string {
  if (t.name !== undefined && t.name.trim() !== '') {
    const slug = t.name.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
    return `own-${slug || 'trick'}`;
  }
  return `${t.place}-${t.side}-${t.contact}`;
}

const PLACE_WORDS: Record<TrickPlace, string> = { chin: 'chin', cheek: 'cheek', 'back-of-head': 'back of the head' };

/** Plain words for a trick, e.g. "Light touch on the chin, same side as the pull". */
export function trickWords(t: Trick): string {
  if (t.name !== undefined && t.name.trim() !== '') return t.name.trim();
  const how = t.contact === 'touch' ? 'Light touch on the' : 'Hand near the';
  return `${how} ${PLACE_WORDS[t.place]}, ${t.side === 'same' ? 'same side as' : 'side opposite'} the pull`;
}

/** All 12 combinations, chin first (the most often reported trick). */
export const ALL_TRICKS: readonly Trick[] = TRICK_PLACES.flatMap((place) => TRICK_SIDES.flatMap((side) => TRICK_CONTACTS.map((contact) => ({ place, side, contact }))));

export interface TrickProtocolOptions {
  /** Posture measured before the hand moves, ms. Default 8000. */
  readonly beforeMs: number;
  /** Time for the hand to arrive (or leave) — not measured, ms. Default 2000. */
  readonly settleMs: number;
  readonly duringMs: number;
  readonly afterMs: number;
  /** Rest between trials, ms. Default 3000. */
  readonly restMs: number;
}

export const TRICK_PROTOCOL_DEFAULTS: TrickProtocolOptions = { beforeMs: 8000, settleMs: 2000, duringMs: 8000, afterMs: 8000, restMs: 3000 };

export type ProtocolStep = { readonly kind: 'before' | 'hand-in' | 'during' | 'hand-out' | 'after' | 'rest'; readonly trialIndex: number; readonly startMs: number; readonly endMs: number };

export interface TrickTrial {
  readonly trick: Trick;
  readonly before: TimeRangeMs;
  readonly during: TimeRangeMs;
  readonly after: TimeRangeMs;
}

/** The timeline of a trick test starting at `startMs`: steps for the screen and the trial windows for the analysis. */
export function trickProtocol(tricks: readonly Trick[], startMs: number, options: Partial<TrickProtocolOptions> = {}): { steps: ProtocolStep[]; trials: TrickTrial[]; endMs: number } {
  const o = { ...TRICK_PROTOCOL_DEFAULTS, ...options };
  for (const [k, v] of Object.entries(o)) {
    if (!(Number.isFinite(v) && v >= 0) || ((k === 'beforeMs' || k === 'duringMs' || k === 'afterMs') && v <= 0)) {
      throw new ExerciseError('invalid-parameter', `trickProtocol option ${k} must be a finite duration (> 0 for the measured windows), got ${String(v)}.`, { option: k, value: v });
    }
  }
  const steps: ProtocolStep[] = [];
  const trials: TrickTrial[] = [];
  let t = startMs;
  const add = (kind: ProtocolStep['kind'], i: number, d: number): TimeRangeMs => {
    const r = { startMs: t, endMs: t + d };
    if (d > 0) steps.push({ kind, trialIndex: i, ...r });
    t += d;
    return r;
  };
  tricks.forEach((trick, i) => {
    const before = add('before', i, o.beforeMs);
    add('hand-in', i, o.settleMs);
    const during = add('during', i, o.duringMs);
    add('hand-out', i, o.settleMs);
    const after = add('after', i, o.afterMs);
    if (i < tricks.length - 1) add('rest', i, o.restMs);
    trials.push({ trick, before, during, after });
  });
  return { steps, trials, endMs: t };
}

export interface TrialResult {
  readonly trick: Trick;
  readonly id: string;
  readonly effect: SensoryTrickResult;
  /** Percent reduction of the deviation during the trick (combined when possible, else dominant axis); null if not measurable. */
  readonly reductionPercent: number | null;
  readonly basis: 'combined' | 'dominant-axis' | null;
  /** Share of the 'during' window without a fully measured frame (low confidence or not measurable), 0..1. */
  readonly lowConfidenceShareDuring: number;
  /** 'low' when over half of the trick was not fully measured, or only one axis was left. */
  readonly confidence: 'ok' | 'low';
  /** Percent of the before-deviation back after the hand left (100 = fully returned); null if not measurable. */
  readonly returnAfterPercent: number | null;
  /** Before vs during against the person's own posture noise (block permutation test, trickStats.ts). */
  readonly comparison: Comparison;
  /**
   * 'helped' = the deviation was clearly smaller during the trick; 'worse' = clearly larger;
   * 'no-clear-difference' = within the posture's own noise; 'not-enough-data' = too few measured frames
   * or blocks in a window; 'nothing-to-relieve' = the posture before was already near neutral (< 5°).
   */
  readonly verdict: 'helped' | 'worse' | 'no-clear-difference' | 'not-enough-data' | 'nothing-to-relieve';
  /** Share of the 'during' frames in which the hand model saw a hand over the face ('face-occluded'), 0..1. */
  readonly handOverFaceShareDuring: number;
}

export interface TrickReport {
  readonly trials: readonly TrialResult[];
  /**
   * Among the trials that clearly helped (verdict 'helped'), the one with the largest reduction, preferring
   * 'ok' confidence; null when no trick made a clear difference.
   */
  readonly best: TrialResult | null;
  /** Best reduction minus the next best (percentage points); null with fewer than two measurable trials. */
  readonly marginPercent: number | null;
}

/** Max sample-and-hold weight, ms, for the fully-measured share. */
const MAX_HOLD_MS = 200;
/** Max sample-and-hold weight passed to sensoryTrickEffect, ms. */
const TRICK_MAX_HOLD_MS = 400;

function fullyMeasuredShare(frames: readonly FrameMeasure[], w: TimeRangeMs): number {
  const fs = frames.filter((f) => f.timestampMs >= w.startMs && f.timestampMs < w.endMs);
  let good = 0;
  fs.forEach((f, i) => {
    const next = fs[i + 1];
    const h = Math.min(MAX_HOLD_MS, (next ? next.timestampMs : w.endMs) - f.timestampMs);
    if (f.state === 'measured' && f.rotationDeg !== null && f.tiltDeg !== null && f.flexionDeg !== null) good += h;
  });
  return Math.min(1, good / (w.endMs - w.startMs));
}

/** Per-frame deviation on the basis the reduction uses (combined angle, or the dominant axis alone). */
function deviationSeries(frames: readonly FrameMeasure[], basis: 'combined' | Axis): TimedDeviation[] {
  const out: TimedDeviation[] = [];
  for (const f of frames) {
    if (f.state === 'not-measurable') continue;
    if (basis === 'combined') {
      if (f.rotationDeg === null || f.tiltDeg === null || f.flexionDeg === null) continue;
      out.push({ timestampMs: f.timestampMs, value: Math.hypot(f.rotationDeg, f.tiltDeg, f.flexionDeg) });
    } else {
      const v = f[basis];
      if (v !== null) out.push({ timestampMs: f.timestampMs, value: Math.abs(v) });
    }
  }
  return out;
}

/**
 * Block length for the measured frame rate: long enough that a block expects 1.25 × minFramesPerBlock
 * frames (a slow machine measures 3–5 frames a second, not 30), never shorter than `blockMs`, and never so
 * long that a window has fewer than minBlocksPerWindow blocks (then the window is "not enough" honestly).
 */
function adaptiveBlockMs(series: readonly TimedDeviation[], trial: TrickTrial, o: BlockStatsOptions): number {
  const span = trial.before.endMs - trial.before.startMs + (trial.during.endMs - trial.during.startMs);
  const n = series.filter((v) => (v.timestampMs >= trial.before.startMs && v.timestampMs < trial.before.endMs) || (v.timestampMs >= trial.during.startMs && v.timestampMs < trial.during.endMs)).length;
  if (n === 0 || span <= 0) return o.blockMs;
  const want = (1000 * 1.25 * o.minFramesPerBlock) / ((1000 * n) / span);
  const maxMs = Math.min(trial.before.endMs - trial.before.startMs, trial.during.endMs - trial.during.startMs) / o.minBlocksPerWindow;
  return Math.max(o.blockMs, Math.min(want, maxMs));
}

function handOverFaceShare(frames: readonly FrameMeasure[], w: TimeRangeMs): number {
  const fs = frames.filter((f) => f.timestampMs >= w.startMs && f.timestampMs < w.endMs);
  if (fs.length === 0) return 0;
  return fs.filter((f) => f.reasons.includes('face-occluded')).length / fs.length;
}

function analyseTrial(frames: readonly FrameMeasure[], trial: TrickTrial, stats: BlockStatsOptions): TrialResult {
  // Each frame may stand for up to 400 ms (not 200): a loaded machine measures 2.5–5 frames a second, and
  // the windows' coverage must not fall below half just because frames are sparse.
  const effect = sensoryTrickEffect(frames, trial, { maxHoldMs: TRICK_MAX_HOLD_MS });
  const lowShare = 1 - fullyMeasuredShare(frames, trial.during);
  let reduction: number | null = effect.reductionCombinedPercent;
  let basis: TrialResult['basis'] = reduction === null ? null : 'combined';
  const dom = effect.dominantAxis;
  if (reduction === null && effect.reason === 'not-measurable-during' && dom !== null) {
    const b = effect.before.perAxisDeg[dom];
    const d = effect.during.perAxisDeg[dom];
    if (b !== null && d !== null && b > 0) {
      reduction = (100 * (b - d)) / b;
      basis = 'dominant-axis';
    }
  }
  let returnAfter: number | null = null;
  if (basis === 'combined' && effect.after.combinedDeg !== null && effect.before.combinedDeg !== null && effect.before.combinedDeg > 0) {
    returnAfter = (100 * effect.after.combinedDeg) / effect.before.combinedDeg;
  } else if (dom !== null) {
    const b = effect.before.perAxisDeg[dom];
    const a = effect.after.perAxisDeg[dom];
    if (b !== null && a !== null && b > 0) returnAfter = (100 * a) / b;
  }
  const series = deviationSeries(frames, basis === 'dominant-axis' && dom !== null ? dom : 'combined');
  const o = { ...stats, blockMs: adaptiveBlockMs(series, trial, stats) };
  const comparison = compareWindows(windowBlocks(series, trial.before.startMs, trial.before.endMs, o), windowBlocks(series, trial.during.startMs, trial.during.endMs, o), o);
  const verdict: TrialResult['verdict'] =
    effect.reason === 'no-deviation-before'
      ? 'nothing-to-relieve'
      : comparison.verdict === 'smaller' && reduction !== null
        ? 'helped'
        : comparison.verdict === 'larger'
          ? 'worse'
          : comparison.verdict === 'not-enough-data' || reduction === null
            ? 'not-enough-data'
            : 'no-clear-difference';
  return {
    trick: trial.trick,
    id: trickId(trial.trick),
    comparison,
    verdict,
    handOverFaceShareDuring: handOverFaceShare(frames, trial.during),
    effect,
    reductionPercent: reduction,
    basis,
    lowConfidenceShareDuring: lowShare,
    confidence: basis === 'combined' && lowShare <= 0.5 ? 'ok' : 'low',
    returnAfterPercent: returnAfter,
  };
}

/** Analyses every trial and picks the trick that works best (and by how much over the next). */
export function analyseTrickTrials(frames: readonly FrameMeasure[], trials: readonly TrickTrial[], stats: Partial<BlockStatsOptions> = {}): TrickReport {
  if (trials.length === 0) throw new ExerciseError('invalid-trial', 'analyseTrickTrials needs at least one trial; run trickProtocol first.', {});
  const fs = cleanFrames(frames);
  const o = { ...BLOCK_STATS_DEFAULTS, ...stats };
  const results = trials.map((t) => analyseTrial(fs, t, o));
  const measurable = results.filter((r) => r.reductionPercent !== null).sort((a, b) => (b.reductionPercent as number) - (a.reductionPercent as number));
  const helped = measurable.filter((r) => r.verdict === 'helped');
  const ok = helped.filter((r) => r.confidence === 'ok');
  const best = ok[0] ?? helped[0] ?? null;
  const next = measurable.find((r) => r !== best);
  return {
    trials: results,
    best,
    marginPercent: best && next ? (best.reductionPercent as number) - (next.reductionPercent as number) : null,
  };
}

/** The trials as `sensory-trick` exam phases (for `scoreSession`), named by trick id. */
export function trialsAsExamPhases(trials: readonly TrickTrial[]): ExamPhase[] {
  return trials.map((t) => ({ kind: 'sensory-trick', before: t.before, during: t.during, after: t.after, trick: trickId(t.trick) }));
}
