/** A soft breathing guide tone (Web Audio): rises while breathing in, falls while breathing out; a chime at each new muscle group. */
import type { Cue } from './scripts.ts';

export class RelaxAudio {
  private ctx: AudioContext | null = null;
  private osc: OscillatorNode | null = null;
  private gain: GainNode | null = null;
  private muted = false;

  setMuted(m: boolean): void {
    this.muted = m;
    if (m) this.quiet();
  }

  private ensure(): { ctx: AudioContext; osc: OscillatorNode; gain: GainNode } | null {
    if (this.muted || typeof AudioContext === 'undefined') return null;
    if (!this.ctx) {
      this.ctx = new AudioContext();
      this.gain = this.ctx.createGain();
      this.gain.gain.value = 0;
      this.gain.connect(this.ctx.destination);
      this.osc = this.ctx.createOscillator();
      this.osc.type = 'sine';
      this.osc.frequency.value = 220;
      this.osc.connect(this.gain);
      this.osc.start();
    }
    void this.ctx.resume();
    return { ctx: this.ctx, osc: this.osc as OscillatorNode, gain: this.gain as GainNode };
  }

  /** Starts the sound of a step lasting `ms`. */
  step(cue: Cue, ms: number): void {
    const a = this.ensure();
    if (!a) return;
    const now = a.ctx.currentTime;
    const end = now + ms / 1000;
    a.osc.frequency.cancelScheduledValues(now);
    a.gain.gain.cancelScheduledValues(now);
    a.gain.gain.setValueAtTime(a.gain.gain.value, now);
    a.osc.frequency.setValueAtTime(a.osc.frequency.value, now);
    if (cue === 'in') {
      a.osc.frequency.linearRampToValueAtTime(330, end);
      a.gain.gain.linearRampToValueAtTime(0.08, now + 0.5);
    } else if (cue === 'out') {
      a.osc.frequency.linearRampToValueAtTime(196, end);
      a.gain.gain.linearRampToValueAtTime(0.02, end);
    } else if (cue === 'hold') {
      a.gain.gain.linearRampToValueAtTime(0.03, now + 0.3);
    } else {
      // tense / release / rest: a short two-note chime, then quiet
      a.osc.frequency.setValueAtTime(cue === 'tense' ? 392 : 262, now);
      a.osc.frequency.setValueAtTime(cue === 'tense' ? 523 : 196, now + 0.25);
      a.gain.gain.linearRampToValueAtTime(0.08, now + 0.05);
      a.gain.gain.linearRampToValueAtTime(0, now + 0.7);
    }
  }

  quiet(): void {
    if (this.ctx && this.gain) {
      const now = this.ctx.currentTime;
      this.gain.gain.cancelScheduledValues(now);
      this.gain.gain.setValueAtTime(0, now);
    }
  }

  close(): void {
    this.quiet();
    void this.ctx?.close();
    this.ctx = null;
    this.osc = null;
    this.gain = null;
  }
}
