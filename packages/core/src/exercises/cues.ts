// One spoken cue at a time, with a cooldown. A cue offered while another is being spoken (or during the
// cooldown after it) is not spoken over it: the highest-priority one waits in a single pending slot and
// is delivered by `poll` once the channel is free (a newer offer of equal or higher priority replaces it).
// The same cue key is not repeated within `repeatCooldownMs`, so a person who cannot reach a target is not
// nagged. Time comes in as an argument (pure; the screen calls it from its frame loop).
import { ExerciseError } from './errors.ts';

export interface Cue {
  /** Stable key, e.g. 'further', 'back', 'rep'. */
  readonly key: string;
  readonly text: string;
  /** Higher wins the pending slot. 'done' and safety cues use high priority. */
  readonly priority: number;
}

export interface CueSchedulerOptions {
  /** Quiet time after a cue finishes before the next may start, ms. Default 2500. */
  readonly cooldownMs: number;
  /** The same key is not spoken again within this time of its last start, ms. Default 8000. */
  readonly repeatCooldownMs: number;
  /** Estimated speaking time per character when the speech engine does not report the end, ms. Default 65. */
  readonly msPerChar: number;
  /** Minimum estimated speaking time, ms. Default 1000. */
  readonly minSpeakMs: number;
}

export const CUE_DEFAULTS: CueSchedulerOptions = { cooldownMs: 2500, repeatCooldownMs: 8000, msPerChar: 65, minSpeakMs: 1000 };

export class CueScheduler {
  private readonly o: CueSchedulerOptions;
  private busyUntilMs = Number.NEGATIVE_INFINITY;
  private freeAtMs = Number.NEGATIVE_INFINITY;
  private pending: Cue | null = null;
  private readonly lastByKey = new Map<string, number>();
  readonly spoken: Array<{ readonly atMs: number; readonly cue: Cue }> = [];

  constructor(options: Partial<CueSchedulerOptions> = {}) {
    this.o = { ...CUE_DEFAULTS, ...options };
    for (const [k, v] of Object.entries(this.o)) {
      if (!(Number.isFinite(v) && v >= 0)) throw new ExerciseError('invalid-parameter', `CueScheduler option ${k} must be a finite number ≥ 0, got ${String(v)}.`, { option: k, value: v });
    }
  }

  /** True while a cue is being spoken or in its cooldown. */
  busy(nowMs: number): boolean {
    return nowMs < this.freeAtMs;
  }

  private recentlySaid(cue: Cue, nowMs: number): boolean {
    const last = this.lastByKey.get(cue.key);
    return last !== undefined && nowMs - last < this.o.repeatCooldownMs;
  }

  private start(cue: Cue, nowMs: number): Cue {
    const speakMs = Math.max(this.o.minSpeakMs, cue.text.length * this.o.msPerChar);
    this.busyUntilMs = nowMs + speakMs;
    this.freeAtMs = this.busyUntilMs + this.o.cooldownMs;
    this.lastByKey.set(cue.key, nowMs);
    this.spoken.push({ atMs: nowMs, cue });
    return cue;
  }

  /** Offers a cue: returns it if it should be spoken now, else null (it may be kept pending). */
  offer(cue: Cue, nowMs: number): Cue | null {
    if (this.recentlySaid(cue, nowMs)) return null;
    if (!this.busy(nowMs)) {
      this.pending = null;
      return this.start(cue, nowMs);
    }
    if (this.pending === null || cue.priority >= this.pending.priority) this.pending = cue;
    return null;
  }

  /** Returns the pending cue when the channel is free (call regularly). */
  poll(nowMs: number): Cue | null {
    if (this.pending === null || this.busy(nowMs)) return null;
    const cue = this.pending;
    this.pending = null;
    if (this.recentlySaid(cue, nowMs)) return null;
    return this.start(cue, nowMs);
  }

  /** The speech engine reported the end of the current cue: the cooldown starts now. */
  ended(nowMs: number): void {
    if (nowMs < this.busyUntilMs) {
      this.busyUntilMs = nowMs;
      this.freeAtMs = nowMs + this.o.cooldownMs;
    }
  }
}
