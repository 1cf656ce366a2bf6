/**
 * Runs one EMG connection: events from an `EmgSource` through core's chain per channel, electrode
 * checks, loss counts, the guided rest / maximum-effort steps, and the training cue. No React here:
 * the screen subscribes and redraws at its own pace; the cue callback runs on the sample that crosses.
 */
import {
  EmgChannelChain,
  EmgSummaryAccumulator,
  asymmetryPct,
  electrodeStatus,
  emgChainParams,
  emgTargetUv,
  maxEffortReference,
  nextCue,
  restingBaseline,
  type ElectrodeStatus,
  type EmgEvent,
  type EmgSessionSummary,
  type EmgSource,
  type EmgTargetLevel,
  type MainsHz,
  type Reference,
} from '@geste/core';
import { arrivalMs } from './transport.ts';

export type Phase = 'idle' | 'rest' | 'max' | 'training';

export interface RunnerSettings {
  readonly mainsHz: MainsHz;
  /** Channel (0-based) of the trained muscle. */
  readonly channel: number;
  /** Channels of a left/right pair for asymmetry: [left, right], or null. */
  readonly pair: readonly [number, number] | null;
}

export interface Disconnect {
  /** Time in the device's sample clock when it went, ms. */
  readonly atMs: number;
  readonly reason: string;
  /** A training session was running (it is kept and marked interrupted). */
  readonly duringTraining: boolean;
}

/** Rest step length and maximum-effort step length, ms of samples. */
export const REST_STEP_MS = 5000;
export const MAX_STEP_MS = 3000;
/** Trace kept for the screen: last 10 s at one point per 50 ms. */
export const TRACE_MS = 10_000;
export const TRACE_STEP_MS = 50;
/** Raw recording kept in memory: about an hour of Ganglion packets or 40 min of Cyton chunks. */
export const RECORD_MAX_EVENTS = 400_000;
/** No samples for this long after connecting (or since the last ones) → "no data". */
export const NO_DATA_MS = 5000;

export class EmgRunner {
  readonly chains: EmgChannelChain[];
  readonly envelopeUv: number[];
  readonly electrodes: ElectrodeStatus[];
  private raw: number[][];
  private sinceCheck = 0;
  phase: Phase = 'idle';
  private stepStartMs = 0;
  private collected: number[] = [];
  private collectedAll: number[][] = [];
  rest: Reference | null = null;
  /** Resting level of every channel (from the same rest step), µV; null where not measurable. */
  restByChannel: (number | null)[] = [];
  max: Reference | null = null;
  level: EmgTargetLevel = 1;
  cueActive = false;
  cueSampleIndexes: number[] = [];
  /** Page-side delay from the arrival of the packet carrying the crossing sample to the frame that shows the cue, ms. */
  pipelineLatenciesMs: number[] = [];
  private acc: EmgSummaryAccumulator | null = null;
  trainingStartedAtMs = 0;
  samplesReceived = 0;
  lostSamples = 0;
  lostPackets = 0;
  lastSampleMs = 0;
  lastSampleIndex = -1;
  disconnected: Disconnect | null = null;
  messages: string[] = [];
  /** The trained channel's envelope is settling after a gap (not used). */
  settling = false;
  trace: number[] = [];
  private traceNext = 0;
  private listeners = new Set<() => void>();
  private stopped = false;
  /** Everything the board sent, for "download the raw recording" (at most RECORD_MAX_EVENTS events). */
  readonly recorded: EmgEvent[] = [];
  /** Called on the sample where the cue turns on or off (tone and bar, at once). */
  onCue: ((active: boolean) => void) | null = null;
  /** Called when a guided step finished. */
  onStepDone: ((phase: 'rest' | 'max', ref: Reference) => void) | null = null;

  constructor(
    readonly source: EmgSource,
    public settings: RunnerSettings,
  ) {
    const n = source.info.channelCount;
    const p = emgChainParams(source.info.sampleRateHz, { mainsHz: settings.mainsHz });
    this.chains = Array.from({ length: n }, () => new EmgChannelChain(p));
    this.envelopeUv = Array.from({ length: n }, () => 0);
    this.electrodes = Array.from({ length: n }, () => 'unknown' as ElectrodeStatus);
    this.raw = Array.from({ length: n }, () => []);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Reads the source until it ends or `stop()`. */
  async run(): Promise<void> {
    for await (const e of this.source.events()) {
      if (this.stopped) break;
      if (this.recorded.length < RECORD_MAX_EVENTS && e.type !== 'disconnected') this.recorded.push(e);
      this.handle(e);
      this.changed();
    }
    this.changed();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.source.close();
  }

  get targetUv(): number | null {
    return this.rest?.ok ? emgTargetUv(this.rest.valueUv, this.level) : null;
  }

  get lostPct(): number {
    const total = this.samplesReceived + this.lostSamples;
    return total === 0 ? 0 : (100 * this.lostSamples) / total;
  }

  get asymmetry(): number | null {
    const p = this.settings.pair;
    if (!p) return null;
    const l = this.restByChannel[p[0]];
    const r = this.restByChannel[p[1]];
    if (l == null || r == null) return null;
    return asymmetryPct(this.envelopeUv[p[0]]! - l, this.envelopeUv[p[1]]! - r);
  }

  get electrodeOff(): boolean {
    const s = this.electrodes[this.settings.channel];
    return s === 'flat' || s === 'railed';
  }

  startStep(phase: 'rest' | 'max'): void {
    this.phase = phase;
    this.stepStartMs = this.lastSampleMs;
    this.collected = [];
    this.collectedAll = this.chains.map(() => []);
    this.changed();
  }

  startTraining(level: EmgTargetLevel): void {
    this.level = level;
    this.phase = 'training';
    this.cueActive = false;
    this.cueSampleIndexes = [];
    this.trainingStartedAtMs = this.lastSampleMs;
    this.acc = new EmgSummaryAccumulator(this.rest?.ok ? this.rest.valueUv : null, this.max?.ok ? this.max.valueUv : null, this.targetUv);
    this.changed();
  }

  setLevel(level: EmgTargetLevel): void {
    this.level = level;
    this.changed();
  }

  /** Ends training; returns the summary (null if no training ran). */
  stopTraining(): EmgSessionSummary | null {
    if (this.phase !== 'training' || !this.acc) return null;
    const s = this.acc.summary();
    this.phase = 'idle';
    if (this.cueActive) this.onCue?.(false);
    this.cueActive = false;
    this.changed();
    return s;
  }

  summary(): EmgSessionSummary | null {
    return this.acc?.summary() ?? null;
  }

  private handle(e: EmgEvent): void {
    switch (e.type) {
      case 'samples': {
        const arrived = arrivalMs.get(e) ?? performance.now();
        for (const s of e.samples) this.sample(s.sampleIndex, s.timestampMs, s.valuesUv, arrived);
        return;
      }
      case 'loss':
        this.lostPackets += e.lostPackets;
        this.lostSamples += e.lostSamples;
        this.acc?.addLoss(e.lostSamples);
        for (const c of this.chains) c.gap();
        return;
      case 'disconnected':
        this.disconnected = { atMs: this.lastSampleMs, reason: e.reason, duringTraining: this.phase === 'training' };
        if (this.cueActive) this.onCue?.(false);
        this.cueActive = false;
        return;
      case 'message':
        this.messages = [...this.messages.slice(-4), e.text];
        return;
      default:
        return;
    }
  }

  private sample(index: number, tMs: number, valuesUv: readonly number[], arrived: number): void {
    this.samplesReceived++;
    this.lastSampleMs = tMs;
    this.lastSampleIndex = index;
    const fs = this.source.info.sampleRateHz;
    let settling = false;
    valuesUv.forEach((v, c) => {
      const o = this.chains[c]!.step(v);
      this.envelopeUv[c] = o.envelopeUv;
      if (c === this.settings.channel) settling = o.settling;
      const r = this.raw[c]!;
      r.push(v);
      if (r.length > fs) r.shift();
    });
    if (++this.sinceCheck >= fs / 4) {
      this.sinceCheck = 0;
      this.raw.forEach((r, c) => (this.electrodes[c] = electrodeStatus(r, this.source.info.fullScaleUv)));
    }
    const env = this.envelopeUv[this.settings.channel]!;
    if (tMs >= this.traceNext) {
      this.trace.push(settling ? Number.NaN : env); // NaN = a gap in the drawing (settling after lost packets)
      if (this.trace.length > TRACE_MS / TRACE_STEP_MS) this.trace.shift();
      this.traceNext = tMs + TRACE_STEP_MS;
    }
    this.settling = settling;
    if (this.phase === 'rest' || this.phase === 'max') {
      if (!this.electrodeOff && !settling) this.collected.push(env);
      if (!settling) this.envelopeUv.forEach((v, c) => this.collectedAll[c]?.push(v));
      const len = this.phase === 'rest' ? REST_STEP_MS : MAX_STEP_MS;
      if (tMs - this.stepStartMs >= len) {
        const ph = this.phase;
        const ref = ph === 'rest' ? restingBaseline(this.collected) : maxEffortReference(this.collected, this.rest?.ok ? this.rest.valueUv : 0);
        if (ph === 'rest') {
          this.rest = ref;
          this.restByChannel = this.collectedAll.map((xs, c) => {
            const b = restingBaseline(xs);
            return b.ok && this.electrodes[c] === 'ok' ? b.valueUv : null;
          });
        }
        else this.max = ref;
        this.phase = 'idle';
        this.onStepDone?.(ph, ref);
      }
      return;
    }
    if (this.phase === 'training' && this.acc) {
      const target = this.targetUv;
      const off = this.electrodeOff;
      if (settling) return; // right after a gap: not measurable, neither counted nor cued
      let onset = false;
      if (target !== null && !off) {
        const next = nextCue(this.cueActive, env, target);
        onset = next.onset;
        if (next.active !== this.cueActive) {
          this.cueActive = next.active;
          if (next.onset) {
            this.cueSampleIndexes.push(index);
            requestAnimationFrame(() => this.pipelineLatenciesMs.push(performance.now() - arrived));
          }
          this.onCue?.(next.active);
        }
      }
      this.acc.add(env, onset, off);
    }
  }
}
