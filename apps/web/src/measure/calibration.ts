/**
 * The straightest-posture check's steps (the set-up screen's calibration) as a pure reducer over the analysed
 * frames, with a hold for glare on glasses (session 13).
 *
 * Glare on a lens moves the whole face mesh ≈ 2° (docs/anatomical-zero.md "Glare on glasses during the calibration"),
 * and a check taken under it cannot be mended afterwards; while the person is still in front of the camera they can
 * tilt the screen or move the lamp. So when most frames of the last second of the rest are lit (core's per-frame
 * flag, `hasLensGlare`: a lens at LENS_GLARE_SHARE or more), or the rest ends with too few glare-free frames (core's
 * `'kept'`), the check is not finished: it is held, and starts again by itself once the lenses have been clear for
 * CLEAR_MS. "Calibrate anyway" (`calibrateAnyway`) always leaves the hold and calibrates as before the hold existed:
 * glare-free frames when enough remain, else every frame, marked. No time limit. Frames without glare shares (no
 * glasses read as 0 %, older detectors give none) never hold.
 *
 * Time: `nowMs` is the performance.now() clock (the get-ready pause starts from a button press, outside any frame);
 * the rest and the lens windows use the frames' own timestamps, which are on the same clock (measure/loop.ts).
 */
import { checkStraightest, frameLensGlareShare, hasLensGlare } from '@geste/core';
import type { FrameMeasure, LandmarkFrame, RestLensGlare, StraightestCheck, StraightestFailure } from '@geste/core';

/** The rest: 3 s, and enough frames on a slow device (up to 8 s). */
export const CALIBRATION_MS = 3000;
export const GET_READY_MS = 2000;
export const MIN_CALIBRATION_FRAMES = 12;
export const MAX_CALIBRATION_MS = 8000;
/** The lens state is read over this last stretch of frames: lit when more than half of them are. */
export const LENS_WINDOW_MS = 1000;
/** A held check starts again after the lenses have been clear (and the face seen) on every frame for this long. */
export const CLEAR_MS = 1000;

/** One frame's lenses: lit, clear, or not known (no single face, or no glare shares measured). */
export interface LensSample {
  readonly atMs: number;
  readonly lit: boolean | null;
}

export type LensState = 'reflections' | 'clear' | 'unseen';

/** `anyway`: the person chose "Calibrate anyway", so glare no longer holds. `glareSaid`: the hold was spoken once. */
interface Attempt {
  readonly anyway: boolean;
  readonly glareSaid: boolean;
}

export type CalState =
  | { readonly kind: 'idle' }
  | ({ readonly kind: 'ready'; readonly untilMs: number } & Attempt)
  | ({ readonly kind: 'collecting'; readonly startMs: number; readonly frames: readonly LandmarkFrame[]; readonly measures: readonly FrameMeasure[]; readonly lens: readonly LensSample[] } & Attempt)
  | ({ readonly kind: 'held'; readonly lens: readonly LensSample[]; readonly clearSinceMs: number | null } & Attempt)
  | { readonly kind: 'ok'; readonly check: Extract<StraightestCheck, { ok: true }>; readonly takenAtMs: number }
  | { readonly kind: 'failed'; readonly reason: StraightestFailure; readonly lensGlare?: RestLensGlare };

/** What to say aloud on this step: the hold (once per attempt), the lenses clear (the check starts again), or "hold still" after "anyway". */
export type CalSay = 'glare-held' | 'glare-clear' | 'hold' | null;

export interface CalStep {
  readonly state: CalState;
  readonly say: CalSay;
}

export interface CalTick {
  readonly frame: LandmarkFrame;
  readonly measure: FrameMeasure;
}

export function lensSample(frame: LandmarkFrame): LensSample {
  return { atMs: frame.timestampMs, lit: frameLensGlareShare(frame) === null ? null : hasLensGlare(frame) };
}

function windowed(lens: readonly LensSample[], s: LensSample): LensSample[] {
  return [...lens.filter((x) => x.atMs > s.atMs - LENS_WINDOW_MS && x.atMs <= s.atMs), s];
}

/** The lenses over the last LENS_WINDOW_MS: 'unseen' when the newest frame's are not known. */
export function lensStateOf(lens: readonly LensSample[]): LensState {
  const last = lens[lens.length - 1];
  if (!last || last.lit === null) return 'unseen';
  const lit = lens.filter((x) => x.lit === true).length;
  return lit * 2 > lens.length ? 'reflections' : 'clear';
}

/** The Calibrate button: a short pause to get ready, then the rest. */
export function startCalibration(nowMs: number): CalState {
  return { kind: 'ready', untilMs: nowMs + GET_READY_MS, anyway: false, glareSaid: false };
}

/** "Calibrate anyway" while held: get ready again and calibrate with glare as it is (marked when kept). */
export function calibrateAnyway(state: CalState, nowMs: number): CalStep {
  if (state.kind !== 'held') return { state, say: null };
  return { state: { kind: 'ready', untilMs: nowMs + GET_READY_MS, anyway: true, glareSaid: state.glareSaid }, say: 'hold' };
}

function hold(a: Attempt, lens: readonly LensSample[]): CalStep {
  return { state: { kind: 'held', lens, clearSinceMs: null, anyway: false, glareSaid: true }, say: a.glareSaid ? null : 'glare-held' };
}

/**
 * One analysed frame. `takenAtMs` (wall clock) is stored on a finished check. Returns the same state object when
 * nothing changed (idle, ok, failed, or ready before its time).
 */
export function calibrationStep(state: CalState, tick: CalTick, nowMs: number, takenAtMs: number): CalStep {
  const ts = tick.frame.timestampMs;
  switch (state.kind) {
    case 'ready': {
      if (nowMs < state.untilMs) return { state, say: null };
      const next: CalState = { kind: 'collecting', startMs: ts, frames: [tick.frame], measures: [tick.measure], lens: [lensSample(tick.frame)], anyway: state.anyway, glareSaid: state.glareSaid };
      return { state: next, say: null };
    }
    case 'collecting': {
      const frames = [...state.frames, tick.frame];
      const measures = [...state.measures, tick.measure];
      const lens = windowed(state.lens, lensSample(tick.frame));
      const spanMs = ts - state.startMs;
      // Lit on most of the last second: hold now rather than finish a check that glare moves.
      if (!state.anyway && spanMs >= LENS_WINDOW_MS && lensStateOf(lens) === 'reflections') return hold(state, lens);
      if (!((spanMs >= CALIBRATION_MS && frames.length >= MIN_CALIBRATION_FRAMES) || spanMs >= MAX_CALIBRATION_MS)) {
        return { state: { ...state, frames, measures, lens }, say: null };
      }
      // Glare on glasses (core pose/lensGlare.ts): each frame's lens share from the vision package.
      const result = checkStraightest(measures, takenAtMs, frames.map(frameLensGlareShare));
      // Too few glare-free frames (scattered glare on a slow camera can get here without a lit second): hold too.
      if (!state.anyway && result.lensGlare?.outcome === 'kept') return hold(state, lens);
      if (result.ok) return { state: { kind: 'ok', check: result, takenAtMs }, say: null };
      return { state: { kind: 'failed', reason: result.reason, ...(result.lensGlare ? { lensGlare: result.lensGlare } : {}) }, say: null };
    }
    case 'held': {
      const s = lensSample(tick.frame);
      const lens = windowed(state.lens, s);
      const clearSinceMs = s.lit === false ? state.clearSinceMs ?? ts : null;
      if (clearSinceMs !== null && ts - clearSinceMs >= CLEAR_MS) {
        return { state: { kind: 'ready', untilMs: nowMs + GET_READY_MS, anyway: false, glareSaid: state.glareSaid }, say: 'glare-clear' };
      }
      return { state: { ...state, lens, clearSinceMs }, say: null };
    }
    default:
      return { state, say: null };
  }
}
