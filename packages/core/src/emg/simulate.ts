/**
 * Scripted surface-EMG signals and the byte streams a Ganglion or a Cyton would send for them, for
 * the simulated devices (tests, E2E, demos). Pure and seeded: the same script gives the same bytes.
 * A muscle burst is Gaussian noise at `amplitudeUv` RMS (surface EMG is well described as band-limited
 * Gaussian noise whose variance follows the effort: Clancy & Hogan, IEEE TBME 46(6):730–737, 1999);
 * rest is the same at `restUv`; mains hum is a sine; the DC offset is the electrode's half-cell potential.
 */
import { seededRandom } from '../random.ts';
import { CYTON, cytonAccelAux, cytonPacket, cytonUvPerCount } from './cyton.ts';
import { GANGLION, GanglionEncoder } from './ganglion.ts';

export interface EmgBurst {
  readonly startMs: number;
  readonly endMs: number;
  readonly channel: number;
  readonly amplitudeUv: number;
}

export interface EmgScript {
  readonly durationMs: number;
  readonly restUv: number;
  readonly bursts: readonly EmgBurst[];
  readonly humUv: number;
  readonly humHz: number;
  readonly dcOffsetUv: number;
  /** Channels that read flat (electrode off, shorted) from this time on: [channel, fromMs]. */
  readonly flat?: readonly (readonly [number, number])[];
  readonly seed: number;
}

/** The E2E and demo script: 10 s rest, bursts on channel 0 at 10–11.5 s and 14–15 s, 40 µV of 50 Hz hum. */
export const DEMO_EMG_SCRIPT: EmgScript = {
  durationMs: 20_000,
  restUv: 4,
  bursts: [
    { startMs: 10_000, endMs: 11_500, channel: 0, amplitudeUv: 60 },
    { startMs: 14_000, endMs: 15_000, channel: 0, amplitudeUv: 80 },
    { startMs: 14_000, endMs: 15_000, channel: 1, amplitudeUv: 25 },
  ],
  humUv: 40,
  humHz: 50,
  dcOffsetUv: 1200,
  seed: 7,
};

function gauss(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Samples (µV per channel) of a script at `sampleRateHz`. */
export function scriptedEmg(script: EmgScript, sampleRateHz: number, channelCount: number): number[][] {
  const rand = seededRandom(script.seed);
  const n = Math.floor((script.durationMs * sampleRateHz) / 1000);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const tMs = (i * 1000) / sampleRateHz;
    const row: number[] = [];
    for (let c = 0; c < channelCount; c++) {
      let amp = script.restUv;
      for (const b of script.bursts) if (b.channel === c && tMs >= b.startMs && tMs < b.endMs) amp = Math.hypot(amp, b.amplitudeUv);
      const flat = script.flat?.some(([ch, from]) => ch === c && tMs >= from) ?? false;
      const hum = script.humUv * Math.sin((2 * Math.PI * script.humHz * tMs) / 1000 + c);
      row.push(flat ? 0 : script.dcOffsetUv * (1 + 0.1 * c) + hum + amp * gauss(rand));
    }
    out.push(row);
  }
  return out;
}

/** One simulated transmission: bytes and when the device sends them (its own time, ms from start). */
export interface SimulatedChunk {
  readonly atMs: number;
  readonly bytes: Uint8Array;
  /** Index of the last sample carried (for latency measurement). */
  readonly lastSampleIndex: number;
}

export interface SimulationOptions {
  /** Packet numbers (0-based, in send order) that never arrive. */
  readonly dropPackets?: readonly number[];
  /** Ganglion: 18-bit packets with the accelerometer. */
  readonly accel?: boolean;
}

/** Ganglion BLE notifications for a script: one raw packet, then delta packets every 10 ms. */
export function simulatedGanglionPackets(script: EmgScript, opts: SimulationOptions = {}): SimulatedChunk[] {
  const samples = scriptedEmg(script, GANGLION.sampleRateHz, GANGLION.channelCount);
  const enc = new GanglionEncoder({ on: opts.accel ?? false, g: [0.03, -0.1, 0.99] });
  const drop = new Set(opts.dropPackets ?? []);
  const out: SimulatedChunk[] = [];
  let k = 0;
  samples.forEach((row, i) => {
    for (const p of enc.push(row.map((v) => v / GANGLION.uvPerCount))) {
      if (!drop.has(k)) out.push({ atMs: ((i + 1) * 1000) / GANGLION.sampleRateHz, bytes: p, lastSampleIndex: i });
      k++;
    }
  });
  return out;
}

/** Cyton serial bytes for a script: one 33-byte packet per sample (accelerometer every 10th), in 4-packet chunks as a USB serial adapter delivers them. */
export function simulatedCytonChunks(script: EmgScript, opts: SimulationOptions = {}): SimulatedChunk[] {
  const samples = scriptedEmg(script, CYTON.sampleRateHz, CYTON.channelCount);
  const drop = new Set(opts.dropPackets ?? []);
  const uv = cytonUvPerCount(24);
  const out: SimulatedChunk[] = [];
  let pending: Uint8Array[] = [];
  samples.forEach((row, i) => {
    const aux = i % 10 === 0 ? cytonAccelAux([0.02, -0.05, 1]) : undefined;
    if (!drop.has(i)) pending.push(cytonPacket(i, row.map((v) => v / uv), aux));
    if (pending.length >= 4 || i === samples.length - 1) {
      const bytes = new Uint8Array(pending.reduce((a, p) => a + p.length, 0));
      let o = 0;
      for (const p of pending) {
        bytes.set(p, o);
        o += p.length;
      }
      if (bytes.length > 0) out.push({ atMs: ((i + 1) * 1000) / CYTON.sampleRateHz, bytes, lastSampleIndex: i });
      pending = [];
    }
  });
  return out;
}
