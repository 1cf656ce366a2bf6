/**
 * Audio cues through Web Audio: a soft pulsed tone while the head is out of the target zone whose
 * pitch and pulse rate rise with the deviation, and a short rising two-note chime as the reward.
 * Created on a user gesture (Start button) as browsers require. Mutable at any time.
 */

/** Tone pitch for a deviation: 330 Hz at the zone edge, +12 Hz per degree beyond, at most 880 Hz. */
export function tonePitchHz(beyondZoneDeg: number): number {
  return Math.min(880, 330 + 12 * Math.max(0, beyondZoneDeg));
}
/** Pulse rate: 1.5 Hz at the zone edge, +0.15 Hz per degree beyond, at most 6 Hz. */
export function pulseRateHz(beyondZoneDeg: number): number {
  return Math.min(6, 1.5 + 0.15 * Math.max(0, beyondZoneDeg));
}

export class AudioCues {
  private ctx: AudioContext | null = null;
  private osc: OscillatorNode | null = null;
  private lfo: OscillatorNode | null = null;
  private out: GainNode | null = null;
  private mutedValue = false;
  /** Last tone parameters (for the screen's text equivalent and for tests). */
  lastTone: { pitchHz: number; rateHz: number } | null = null;
  rewards = 0;

  get muted(): boolean {
    return this.mutedValue;
  }

  /** Call from a click handler. */
  start(): void {
    if (this.ctx) return;
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const master = ctx.createGain();
    master.gain.value = 0;
    master.connect(ctx.destination);
    const amp = ctx.createGain();
    amp.gain.value = 0.5;
    amp.connect(master);
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.value = 330;
    osc.connect(amp);
    // Pulse: a square LFO adds ±0.5 to the amp gain (0.5 ± 0.5 → on/off).
    const lfo = ctx.createOscillator();
    lfo.type = 'square';
    lfo.frequency.value = 1.5;
    const depth = ctx.createGain();
    depth.gain.value = 0.5;
    lfo.connect(depth);
    depth.connect(amp.gain);
    osc.start();
    lfo.start();
    this.ctx = ctx;
    this.osc = osc;
    this.lfo = lfo;
    this.out = master;
    void ctx.resume();
  }

  setMuted(m: boolean): void {
    this.mutedValue = m;
    if (m) this.silence();
  }

  /** Out of zone by `beyondZoneDeg` (≥ 0), or null for silence. */
  setDeviation(beyondZoneDeg: number | null): void {
    if (beyondZoneDeg === null) {
      this.silence();
      return;
    }
    const pitchHz = tonePitchHz(beyondZoneDeg);
    const rateHz = pulseRateHz(beyondZoneDeg);
    this.lastTone = { pitchHz, rateHz };
    if (this.mutedValue || !this.ctx || !this.osc || !this.lfo || !this.out) return;
    const t = this.ctx.currentTime;
    this.osc.frequency.setTargetAtTime(pitchHz, t, 0.05);
    this.lfo.frequency.setTargetAtTime(rateHz, t, 0.05);
    this.out.gain.setTargetAtTime(0.08, t, 0.05);
  }

  silence(): void {
    this.lastTone = null;
    if (this.ctx && this.out) this.out.gain.setTargetAtTime(0, this.ctx.currentTime, 0.03);
  }

  /** Rising two-note chime (C5 → G5). */
  reward(): void {
    this.rewards++;
    if (this.mutedValue || !this.ctx) return;
    const ctx = this.ctx;
    [523.25, 783.99].forEach((hz, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.type = 'triangle';
      o.frequency.value = hz;
      const t0 = ctx.currentTime + i * 0.16;
      g.gain.setValueAtTime(0, t0);
      g.gain.linearRampToValueAtTime(0.12, t0 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.001, t0 + 0.3);
      o.connect(g);
      g.connect(ctx.destination);
      o.start(t0);
      o.stop(t0 + 0.32);
    });
  }

  close(): void {
    try {
      this.osc?.stop();
      this.lfo?.stop();
    } catch {
      /* not started */
    }
    void this.ctx?.close();
    this.ctx = null;
    this.osc = null;
    this.lfo = null;
    this.out = null;
  }
}
