// ref: OpenBCI, "Cyton Data Format", docs.openbci.com/Cyton/CytonDataFormat (OpenBCI/Documentation,
// website/docs/Cyton/03-Cyton_Data_Format.md): serial 115200 8-N-1; 33-byte packet = 0xA0, sample number,
// 8 × 24-bit signed MSB first, 6 aux bytes, stop byte 0xCX (X selects the aux layout: C0 accelerometer
// X/Y/Z int16; C1/C2 user defined; C3/C4 accel code + byte and a 32-bit board time; C5/C6 user defined +
// board time); scale 4.5 V / gain / (2^23 − 1) (0.02235 µV per count at gain 24); accelerometer
// 0.002 / 2^4 g per count; 'v' resets (the board answers with text ending in "$$$"), 'b' starts, 's' stops.
import { readSignedBE, writeSignedBE } from './bits.ts';
import type { EmgEvent, EmgSample } from './types.ts';
import { EmgError } from './types.ts';

export const CYTON = {
  baudRate: 115200,
  sampleRateHz: 250,
  channelCount: 8,
  packetBytes: 33,
  header: 0xa0,
  defaultGain: 24,
  accelGPerCount: 0.002 / 16,
  commands: { reset: 'v', start: 'b', stop: 's' },
} as const;

export const CYTON_GAINS = [1, 2, 4, 6, 8, 12, 24] as const;
export type CytonGain = (typeof CYTON_GAINS)[number];

export function cytonUvPerCount(gain: CytonGain = 24): number {
  return 4.5e6 / gain / (2 ** 23 - 1);
}

const AXES = ['X', 'Y', 'Z'] as const;

/**
 * Stateful Cyton byte-stream decoder: feed serial chunks of any size; it finds 33-byte packets
 * (0xA0 … 0xCX), skips and counts bytes that are not packets, turns board text ("…$$$") into a message,
 * and reports sample-number gaps as loss.
 */
export class CytonDecoder {
  private buf: number[] = [];
  private lastSampleNumber: number | null = null;
  private nextSampleIndex = 0;
  private text = '';
  private accelHalves: Record<string, number> = {};
  private readonly uvPerCount: number;
  packetsReceived = 0;
  packetsLost = 0;

  constructor(gain: CytonGain = CYTON.defaultGain) {
    if (!CYTON_GAINS.includes(gain)) throw new EmgError('invalid-parameter', `Cyton gain must be one of ${CYTON_GAINS.join(', ')}, got ${String(gain)}.`);
    this.uvPerCount = cytonUvPerCount(gain);
  }

  decode(chunk: Uint8Array): EmgEvent[] {
    for (const b of chunk) this.buf.push(b);
    const out: EmgEvent[] = [];
    const samples: EmgSample[] = [];
    let garbage = 0;
    let i = 0;
    const flushSamples = (): void => {
      if (samples.length > 0) out.push({ type: 'samples', samples: samples.splice(0) });
    };
    while (i < this.buf.length) {
      if (this.buf[i] === CYTON.header) {
        if (this.buf.length - i < CYTON.packetBytes) break; // wait for the rest
        const stop = this.buf[i + 32]!;
        if ((stop & 0xf0) === 0xc0) {
          const p = Uint8Array.from(this.buf.slice(i, i + CYTON.packetBytes));
          const lost = this.lossBefore(p[1]!);
          if (lost > 0) {
            flushSamples();
            this.packetsLost += lost;
            out.push({ type: 'loss', lostPackets: lost, lostSamples: lost, atSampleIndex: this.nextSampleIndex });
            this.nextSampleIndex += lost;
          }
          this.packetsReceived++;
          const counts: number[] = [];
          for (let c = 0; c < 8; c++) counts.push(readSignedBE(p, 2 + 3 * c, 3));
          const idx = this.nextSampleIndex++;
          samples.push({ sampleIndex: idx, timestampMs: (idx * 1000) / CYTON.sampleRateHz, valuesUv: counts.map((c) => c * this.uvPerCount) });
          const accel = this.aux(p, stop);
          if (accel) {
            flushSamples();
            out.push({ type: 'accel', accelG: accel, atSampleIndex: idx });
          }
          i += CYTON.packetBytes;
          continue;
        }
      }
      // not a packet start: board text or noise
      const b = this.buf[i]!;
      if (b >= 0x20 && b < 0x7f) this.text += String.fromCharCode(b);
      else if (b === 0x0a || b === 0x0d) this.text += '\n';
      else garbage++;
      if (this.text.endsWith('$$$') || this.text.length > 2048) {
        flushSamples();
        out.push({ type: 'message', text: this.text.replace(/\$\$\$$/, '').trim() });
        this.text = '';
      }
      i++;
    }
    this.buf = this.buf.slice(i);
    flushSamples();
    if (garbage > 0) out.push({ type: 'garbage', bytes: garbage });
    return out;
  }

  private lossBefore(sampleNumber: number): number {
    const last = this.lastSampleNumber;
    this.lastSampleNumber = sampleNumber;
    if (last === null) return 0;
    return (sampleNumber - last - 1 + 256) % 256;
  }

  private aux(p: Uint8Array, stop: number): [number, number, number] | null {
    if (stop === 0xc0) {
      const v = [0, 1, 2].map((k) => readSignedBE(p, 26 + 2 * k, 2));
      if (v.every((x) => x === 0)) return null; // "if unused, the bytes will read 0"
      return [v[0]! * CYTON.accelGPerCount, v[1]! * CYTON.accelGPerCount, v[2]! * CYTON.accelGPerCount];
    }
    if (stop === 0xc3 || stop === 0xc4) {
      const code = String.fromCharCode(p[26]!);
      if (!/^[XYZxyz]$/.test(code)) return null;
      this.accelHalves[code] = p[27]!;
      if (code !== 'z') return null;
      const h = this.accelHalves;
      const vals: number[] = [];
      for (const a of AXES) {
        const hi = h[a];
        const lo = h[a.toLowerCase()];
        if (hi === undefined || lo === undefined) return null;
        const u = hi * 256 + lo;
        vals.push((u >= 32768 ? u - 65536 : u) * CYTON.accelGPerCount);
      }
      this.accelHalves = {};
      return [vals[0]!, vals[1]!, vals[2]!];
    }
    return null; // C1/C2/C5/C6 and unknown: user-defined aux, samples still valid
  }
}

// ------------------------------------------------------------------ encoder (simulator and tests)

export interface CytonAux {
  readonly stop: number;
  readonly bytes: readonly number[];
}

export function cytonPacket(sampleNumber: number, counts: readonly number[], aux: CytonAux = { stop: 0xc0, bytes: [0, 0, 0, 0, 0, 0] }): Uint8Array {
  if ((aux.stop & 0xf0) !== 0xc0 || counts.length !== 8) {
    throw new EmgError('invalid-parameter', `A Cyton packet needs 8 channel counts and a stop byte 0xC0–0xCF, got ${counts.length} counts and 0x${aux.stop.toString(16)}.`);
  }
  const p = new Uint8Array(CYTON.packetBytes);
  p[0] = CYTON.header;
  p[1] = ((sampleNumber % 256) + 256) % 256;
  counts.forEach((c, k) => writeSignedBE(p, 2 + 3 * k, 3, Math.max(-8388608, Math.min(8388607, Math.round(c)))));
  aux.bytes.slice(0, 6).forEach((b, k) => (p[26 + k] = b & 0xff));
  p[32] = aux.stop;
  return p;
}

/** Aux for stop byte 0xC0: accelerometer in g → three int16. */
export function cytonAccelAux(g: readonly [number, number, number]): CytonAux {
  const b = new Uint8Array(6);
  g.forEach((x, k) => writeSignedBE(b, 2 * k, 2, Math.max(-32768, Math.min(32767, Math.round(x / CYTON.accelGPerCount)))));
  return { stop: 0xc0, bytes: [...b] };
}

/** Aux for 0xC3/0xC4: one accelerometer half (code 'X','x','Y',…) and the board time in ms. */
export function cytonTimedAux(stop: 0xc3 | 0xc4 | 0xc5 | 0xc6, code: number, value: number, boardTimeMs: number): CytonAux {
  const b = new Uint8Array(6);
  b[0] = code & 0xff;
  b[1] = value & 0xff;
  const t = boardTimeMs >>> 0;
  b[2] = (t >>> 24) & 0xff;
  b[3] = (t >>> 16) & 0xff;
  b[4] = (t >>> 8) & 0xff;
  b[5] = t & 0xff;
  return { stop, bytes: [...b] };
}
