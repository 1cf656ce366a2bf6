// ref: CLINICAL.md — "percent time within 10° of neutral" and "time holding neutral" (seconds, capped at
// 60 s, the head within 10° of neutral). Time-weighting by sample-and-hold over timestamps (series.ts).
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import { requirePositive, type TimeRangeMs } from './series.ts';

export interface NeutralOptions {
  /** Half-width of the neutral zone, deg. Default 10 (CLINICAL.md). */
  readonly zoneDeg: number;
  /**
   * A sample stands for the time until the next one, at most this long; the rest of a longer gap counts
   * as not measured. Default 200 ms (6 frames at 30 fps).
   */
  readonly maxHoldMs: number;
}

export const NEUTRAL_DEFAULTS: NeutralOptions = { zoneDeg: 10, maxHoldMs: 200 };

export interface ZoneTime {
  /** Time within the zone, s. */
  readonly withinS: number;
  /** Time measured (within + outside), s. */
  readonly measuredS: number;
  /** Time not measurable (null value, not-measurable frame, or the unheld part of gaps), s. */
  readonly notMeasurableS: number;
  /** 100 × within / measured; null when nothing was measured. */
  readonly percentWithin: number | null;
}

export interface Hold extends TimeRangeMs {
  readonly durationS: number;
}

export interface NeutralResult {
  readonly perAxis: Readonly<Record<Axis, ZoneTime>>;
  /** All three axes within the zone. Outside if any measured axis is outside; not measurable if an axis is null and none is outside. */
  readonly combined: ZoneTime;
  /** Continuous intervals with all three axes within the zone (broken by leaving, by not-measurable frames, or by a gap > maxHoldMs). */
  readonly holds: readonly Hold[];
  readonly longestHoldS: number;
}

export type NeutralZoneState = 'in' | 'out' | 'unknown';
type ZoneState = NeutralZoneState;

function frameState(f: FrameMeasure, axes: readonly Axis[], zone: number): ZoneState {
  return sampleZoneState(f, axes, zone);
}

/** Frames sorted by time with non-finite / duplicate timestamps dropped (first at a timestamp wins). */
export function cleanFrames(frames: readonly FrameMeasure[]): FrameMeasure[] {
  const sorted = frames.filter((f) => Number.isFinite(f.timestampMs)).slice();
  sorted.sort((a, b) => a.timestampMs - b.timestampMs || a.frameIndex - b.frameIndex);
  const out: FrameMeasure[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (!last || f.timestampMs > last.timestampMs) out.push(f);
  }
  return out;
}

/** Sample-and-hold durations (ms) of cleaned frames, plus the gap remainder after each frame. */
function durations(frames: readonly FrameMeasure[], maxHoldMs: number): { held: number[]; unheld: number[] } {
  const n = frames.length;
  const steps: number[] = [];
  for (let i = 1; i < n; i++) steps.push((frames[i] as FrameMeasure).timestampMs - (frames[i - 1] as FrameMeasure).timestampMs);
  const sorted = steps.slice().sort((a, b) => a - b);
  const med = sorted.length ? (sorted[sorted.length >> 1] as number) : 0;
  const held: number[] = [];
  const unheld: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = i + 1 < n ? (steps[i] as number) : Math.min(med, maxHoldMs);
    held.push(Math.min(d, maxHoldMs));
    unheld.push(Math.max(0, d - maxHoldMs));
  }
  return { held, unheld };
}

/**
 * Time within `zoneDeg` of neutral per axis and combined, time-weighted by timestamps (not sample
 * counts), with not-measurable time excluded from the percentage and reported separately; and the
 * holds (continuous combined-in-zone intervals). Frames are cleaned first (`cleanFrames`).
 */
export function neutralTime(frames: readonly FrameMeasure[], options: Partial<NeutralOptions> = {}): NeutralResult {
  const o = { ...NEUTRAL_DEFAULTS, ...options };
  requirePositive('zoneDeg', o.zoneDeg);
  requirePositive('maxHoldMs', o.maxHoldMs);
  const fs = cleanFrames(frames);
  const { held, unheld } = durations(fs, o.maxHoldMs);
  const tally = (axes: readonly Axis[]): ZoneTime => {
    const acc = new NeutralTimeAccumulator(o, axes);
    for (const f of fs) acc.push(f);
    return acc.finish();
  };
  const perAxis = {} as Record<Axis, ZoneTime>;
  for (const a of AXES) perAxis[a] = tally([a]);
  const combined = tally(AXES);
  const holds: Hold[] = [];
  let start: number | null = null;
  let end = 0;
  fs.forEach((f, i) => {
    const st = frameState(f, AXES, o.zoneDeg);
    if (st === 'in') {
      if (start === null) start = f.timestampMs;
      end = f.timestampMs + (held[i] as number);
      if ((unheld[i] as number) > 0) {
        holds.push({ startMs: start, endMs: end, durationS: (end - start) / 1000 });
        start = null;
      }
    } else if (start !== null) {
      holds.push({ startMs: start, endMs: end, durationS: (end - start) / 1000 });
      start = null;
    }
  });
  if (start !== null) holds.push({ startMs: start, endMs: end, durationS: (end - (start as number)) / 1000 });
  const longestHoldS = holds.reduce((m, h) => Math.max(m, h.durationS), 0);
  return { perAxis, combined, holds, longestHoldS };
}

/** What the accumulator needs of a frame: its time, its state (optional) and the three angles. */
export interface ZoneSampleInput {
  readonly timestampMs: number;
  readonly state?: FrameMeasure['state'];
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
}

/**
 * Time within the zone, streaming: the one definition of "time within N° of neutral" used by the
 * recording summaries (`neutralTime`) and by the app's live training zone. Each sample stands for the
 * time until the next one, at most `maxHoldMs`; the rest of a longer gap counts as not measured. The last
 * sample stands for the median step (at most `maxHoldMs`) once `finish()` is called. A sample is in the
 * zone when every axis is measured and within `zoneDeg`, out when any measured axis is beyond it, and
 * unknown otherwise (a not-measurable frame, or an axis without a value). Samples whose time does not
 * increase are ignored.
 */
export class NeutralTimeAccumulator {
  private readonly zoneDeg: number;
  private readonly maxHoldMs: number;
  private readonly axes: readonly Axis[];
  private last: { timestampMs: number; state: ZoneState } | null = null;
  private readonly steps: number[] = [];
  private inMs = 0;
  private outMs = 0;
  private unknownMs = 0;

  constructor(options: Partial<NeutralOptions> = {}, axes: readonly Axis[] = AXES) {
    const o = { ...NEUTRAL_DEFAULTS, ...options };
    requirePositive('zoneDeg', o.zoneDeg);
    requirePositive('maxHoldMs', o.maxHoldMs);
    this.zoneDeg = o.zoneDeg;
    this.maxHoldMs = o.maxHoldMs;
    this.axes = axes;
  }

  /** Adds one sample; returns its zone state, or null when it was ignored (time not increasing). */
  push(sample: ZoneSampleInput): ZoneState | null {
    const t = sample.timestampMs;
    if (!Number.isFinite(t) || (this.last !== null && !(t > this.last.timestampMs))) return null;
    if (this.last) {
      const step = t - this.last.timestampMs;
      this.steps.push(step);
      this.credit(this.last.state, step);
    }
    const state = sampleZoneState(sample, this.axes, this.zoneDeg);
    this.last = { timestampMs: t, state };
    return state;
  }

  /** The time so far, not counting the newest sample's own interval. */
  current(): ZoneTime {
    return zoneTime(this.inMs, this.outMs, this.unknownMs);
  }

  /** The total, with the newest sample standing for the median step (at most maxHoldMs). Does not change the state. */
  finish(): ZoneTime {
    if (!this.last) return zoneTime(0, 0, 0);
    const sorted = this.steps.slice().sort((a, b) => a - b);
    const med = sorted.length ? (sorted[sorted.length >> 1] as number) : 0;
    const tail = Math.min(med, this.maxHoldMs);
    const add = (s: ZoneState): number => (this.last?.state === s ? tail : 0);
    return zoneTime(this.inMs + add('in'), this.outMs + add('out'), this.unknownMs + add('unknown'));
  }

  private credit(state: ZoneState, stepMs: number): void {
    const held = Math.min(stepMs, this.maxHoldMs);
    if (state === 'in') this.inMs += held;
    else if (state === 'out') this.outMs += held;
    else this.unknownMs += held;
    this.unknownMs += Math.max(0, stepMs - this.maxHoldMs);
  }
}

function zoneTime(inMs: number, outMs: number, unknownMs: number): ZoneTime {
  const measured = inMs + outMs;
  return { withinS: inMs / 1000, measuredS: measured / 1000, notMeasurableS: unknownMs / 1000, percentWithin: measured > 0 ? (100 * inMs) / measured : null };
}

function sampleZoneState(s: ZoneSampleInput, axes: readonly Axis[], zone: number): ZoneState {
  if (s.state === 'not-measurable') return 'unknown';
  let unknown = false;
  for (const a of axes) {
    const v = s[a];
    if (v === null || !Number.isFinite(v)) unknown = true;
    else if (Math.abs(v) > zone) return 'out';
  }
  return unknown ? 'unknown' : 'in';
}

export interface HoldAttemptOptions extends NeutralOptions {
  /** Cap, s. Default 60 (CLINICAL.md). */
  readonly capS: number;
  /** An excursion out of the zone shorter than this is ignored (a blip, e.g. a landmark glitch or a swallow). Default 500 ms. */
  readonly blipToleranceMs: number;
  /** A not-measurable stretch shorter than this is bridged; a longer one ends the hold. Default 1000 ms. */
  readonly unmeasuredToleranceMs: number;
}

export const HOLD_ATTEMPT_DEFAULTS: HoldAttemptOptions = {
  ...NEUTRAL_DEFAULTS,
  capS: 60,
  blipToleranceMs: 500,
  unmeasuredToleranceMs: 1000,
};

export type HoldEnd = 'left-zone' | 'cap' | 'not-measurable' | 'attempt-end' | 'no-data';

export interface HoldAttemptResult {
  /** Seconds from the attempt start until the head left the zone (capped). */
  readonly heldS: number;
  readonly endedBy: HoldEnd;
  /** When the hold ended (start of the excursion or unmeasured stretch that ended it), ms. */
  readonly endMs: number;
}

/**
 * "Time holding neutral" for one attempt starting at `attempt.startMs`: seconds until all three axes are
 * no longer within the zone, capped at `capS` (and at `attempt.endMs`). Blip tolerance: an excursion out
 * of the zone that lasts < blipToleranceMs (500 ms) and comes back is ignored; the hold ends at the start
 * of the first excursion that lasts ≥ blipToleranceMs. A not-measurable stretch < unmeasuredToleranceMs is
 * bridged; a longer one ends the hold at its start (endedBy 'not-measurable'). No frame at the start
 * (within maxHoldMs) gives heldS 0, endedBy 'no-data'.
 */
export function holdAttempt(frames: readonly FrameMeasure[], attempt: { readonly startMs: number; readonly endMs?: number }, options: Partial<HoldAttemptOptions> = {}): HoldAttemptResult {
  const o = { ...HOLD_ATTEMPT_DEFAULTS, ...options };
  requirePositive('capS', o.capS);
  const capEnd = Math.min(attempt.startMs + o.capS * 1000, attempt.endMs ?? Infinity);
  const capReason: HoldEnd = attempt.endMs !== undefined && attempt.endMs < attempt.startMs + o.capS * 1000 ? 'attempt-end' : 'cap';
  const fs = cleanFrames(frames).filter((f) => f.timestampMs >= attempt.startMs - o.maxHoldMs && f.timestampMs < capEnd);
  const first = fs.find((f) => f.timestampMs >= attempt.startMs - o.maxHoldMs);
  if (!first) return { heldS: 0, endedBy: 'no-data', endMs: attempt.startMs };
  // Walk the frames as runs of one state (gaps > maxHoldMs count as unknown).
  type Run = { state: ZoneState; startMs: number; endMs: number };
  const runs: Run[] = [];
  const push = (state: ZoneState, s: number, e: number): void => {
    const last = runs[runs.length - 1];
    if (last && last.state === state && Math.abs(last.endMs - s) < 1e-9) last.endMs = e;
    else runs.push({ state, startMs: s, endMs: e });
  };
  let cursor = attempt.startMs;
  if (first.timestampMs > attempt.startMs) {
    push('unknown', attempt.startMs, first.timestampMs);
    cursor = first.timestampMs;
  }
  fs.forEach((f, i) => {
    const next = fs[i + 1];
    const t0 = Math.max(f.timestampMs, cursor);
    const tNext = next ? next.timestampMs : Math.min(f.timestampMs + o.maxHoldMs, capEnd);
    const heldEnd = Math.min(tNext, f.timestampMs + o.maxHoldMs, capEnd);
    if (heldEnd > t0) push(frameState(f, AXES, o.zoneDeg), t0, heldEnd);
    if (tNext > heldEnd && heldEnd < capEnd) push('unknown', heldEnd, Math.min(tNext, capEnd));
    cursor = Math.max(cursor, Math.min(tNext, capEnd));
  });
  if (cursor < capEnd) push('unknown', cursor, capEnd);
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as Run;
    if (run.state === 'in') continue;
    const tol = run.state === 'out' ? o.blipToleranceMs : o.unmeasuredToleranceMs;
    // A blip is tolerated only if the zone is re-entered; an excursion still going at capEnd counts by its length so far.
    const reentered = runs.slice(r + 1).some((x) => x.state === 'in');
    const lasting = run.endMs - run.startMs >= tol;
    const tailAtCap = run.endMs >= capEnd && r === runs.length - 1;
    if (lasting || (!reentered && !tailAtCap)) {
      const endedBy: HoldEnd = run.state === 'out' ? 'left-zone' : 'not-measurable';
      return { heldS: Math.max(0, run.startMs - attempt.startMs) / 1000, endedBy, endMs: run.startMs };
    }
  }
  return { heldS: (capEnd - attempt.startMs) / 1000, endedBy: capReason, endMs: capEnd };
}
