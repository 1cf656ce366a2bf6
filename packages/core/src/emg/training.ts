// ref: graded biofeedback targets as in the camera trainer (apps/web feedback zones): a target the
// person can meet, stepped down as they succeed. EMG form: keep the chosen muscle's envelope below
// `ratio` × its resting level (Konrad 2005, "The ABC of EMG": relaxation training against the resting
// level). Hysteresis (cue off only below 90 % of the target) keeps the cue from chattering at the line.

/** Graded targets: envelope at most this many times the resting level. Level 1 is easiest. */
export const EMG_TARGET_LEVELS = [
  { level: 1, ratioToRest: 3 },
  { level: 2, ratioToRest: 2.5 },
  { level: 3, ratioToRest: 2 },
  { level: 4, ratioToRest: 1.5 },
  { level: 5, ratioToRest: 1.25 },
] as const;
export type EmgTargetLevel = (typeof EMG_TARGET_LEVELS)[number]['level'];

export function emgTargetUv(restUv: number, level: EmgTargetLevel): number {
  const l = EMG_TARGET_LEVELS.find((x) => x.level === level) ?? EMG_TARGET_LEVELS[0];
  return restUv * l.ratioToRest;
}

export const EMG_CUE_RELEASE_FRACTION = 0.9;

export interface CueState {
  readonly active: boolean;
  /** True on the sample where the cue switched on. */
  readonly onset: boolean;
}

/** Cue (tone) while the envelope is above the target, with hysteresis. Pure: state in, state out. */
export function nextCue(prevActive: boolean, envelopeUv: number, targetUv: number): CueState {
  if (!Number.isFinite(envelopeUv)) return { active: prevActive, onset: false };
  if (!prevActive && envelopeUv > targetUv) return { active: true, onset: true };
  if (prevActive && envelopeUv < EMG_CUE_RELEASE_FRACTION * targetUv) return { active: false, onset: false };
  return { active: prevActive, onset: false };
}

/** Session summary of the trained channel, kept with the session (numbers only, units in names). */
export interface EmgSessionSummary {
  readonly samples: number;
  readonly restUv: number | null;
  readonly maxEffortUv: number | null;
  readonly targetUv: number | null;
  readonly meanEnvelopeUv: number | null;
  readonly medianEnvelopeUv: number | null;
  readonly p95EnvelopeUv: number | null;
  /** Share of time the envelope was at or below the target. */
  readonly timeBelowTargetPct: number | null;
  readonly cueCount: number;
  readonly lostSamples: number;
  readonly lostPct: number;
  /** Time the electrodes were reported off (flat or railed). */
  readonly electrodeOffPct: number;
}

/** Accumulates the summary sample by sample (deterministic; the app keeps only this and a coarse trace). */
export class EmgSummaryAccumulator {
  private env: number[] = [];
  private below = 0;
  private withTarget = 0;
  private cues = 0;
  private lost = 0;
  private off = 0;
  private n = 0;
  constructor(
    private readonly restUv: number | null,
    private readonly maxEffortUv: number | null,
    private readonly targetUv: number | null,
  ) {}
  add(envelopeUv: number, cueOnset: boolean, electrodeOff: boolean): void {
    this.n++;
    if (electrodeOff) this.off++;
    if (!Number.isFinite(envelopeUv) || electrodeOff) return;
    this.env.push(envelopeUv);
    if (this.targetUv !== null) {
      this.withTarget++;
      if (envelopeUv <= this.targetUv) this.below++;
    }
    if (cueOnset) this.cues++;
  }
  addLoss(lostSamples: number): void {
    this.lost += lostSamples;
  }
  summary(): EmgSessionSummary {
    const s = [...this.env].sort((a, b) => a - b);
    const q = (p: number): number | null => (s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor(p * s.length))]!);
    const total = this.n + this.lost;
    return {
      samples: this.n,
      restUv: this.restUv,
      maxEffortUv: this.maxEffortUv,
      targetUv: this.targetUv,
      meanEnvelopeUv: s.length === 0 ? null : s.reduce((a, b) => a + b, 0) / s.length,
      medianEnvelopeUv: q(0.5),
      p95EnvelopeUv: q(0.95),
      timeBelowTargetPct: this.withTarget === 0 ? null : (100 * this.below) / this.withTarget,
      cueCount: this.cues,
      lostSamples: this.lost,
      lostPct: total === 0 ? 0 : (100 * this.lost) / total,
      electrodeOffPct: this.n === 0 ? 0 : (100 * this.off) / this.n,
    };
  }
}
