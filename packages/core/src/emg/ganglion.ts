// ref: OpenBCI, "Ganglion Data Format", docs.openbci.com/Ganglion/GanglionDataFormat (OpenBCI/Documentation,
// website/docs/Ganglion/08-Ganglion_Data_Format.md): BLE service fe84, 20-byte packets = Byte ID + 19
// bytes; ID 0 raw 4 × 24-bit; 1–100 18-bit deltas (+ accelerometer byte when ID % 10 is 1, 2, 3);
// 101–200 19-bit deltas; 201–205 impedance (channels 1–4, reference); 206/207 ASCII message part/end;
// 'b' starts, 's' stops; scale 15686 µV / 8388607 per count; accelerometer 0.032 g per count.
// Delta convention (as the reference drivers apply it): sample = previous sample − delta; the sign of a
// delta is in its LSB (bit 0 = 1: negative, the field read as an n-bit two's-complement number).
import { readBitFields, readSignedBE, writeBitFields, writeSignedBE } from './bits.ts';
import type { EmgEvent, EmgSample } from './types.ts';
import { EmgError } from './types.ts';

export const GANGLION = {
  serviceUuid: 0xfe84,
  /** Notifications from the board. */
  receiveUuid: '2d30c082-f39f-4ce6-923f-3484ea480596',
  /** Commands to the board (ASCII). */
  sendUuid: '2d30c083-f39f-4ce6-923f-3484ea480596',
  disconnectUuid: '2d30c084-f39f-4ce6-923f-3484ea480596',
  sampleRateHz: 200,
  channelCount: 4,
  packetBytes: 20,
  uvPerCount: 15686 / 8388607,
  fullScaleUv: 15686,
  accelGPerCount: 0.032,
  commands: { start: 'b', stop: 's', accelOn: 'n', accelOff: 'N', impedanceOn: 'z', impedanceOff: 'Z' },
} as const;

export type GanglionPacketKind = 'raw' | 'delta18' | 'delta19' | 'impedance' | 'message-part' | 'message-end' | 'unknown';

export function ganglionPacketKind(id: number): GanglionPacketKind {
  if (id === 0) return 'raw';
  if (id >= 1 && id <= 100) return 'delta18';
  if (id >= 101 && id <= 200) return 'delta19';
  if (id >= 201 && id <= 205) return 'impedance';
  if (id === 206) return 'message-part';
  if (id === 207) return 'message-end';
  return 'unknown';
}

/** Field (n bits, sign in LSB) → signed delta. */
export function signInLsbToInt(field: number, bits: number): number {
  return field % 2 === 1 ? field - 2 ** bits : field;
}

/**
 * Signed delta → field with the sign in the LSB. Only even non-negative and odd negative deltas are
 * exact; others move by 1 count toward representable (the protocol gives up that bit for the sign).
 * Clamped to the field's range.
 */
export function intToSignInLsb(delta: number, bits: number): number {
  const max = 2 ** bits - 2;
  const min = -(2 ** bits) + 1;
  let d = Math.round(delta);
  if (d >= 0) {
    d = Math.min(d - (d % 2), max);
    return d;
  }
  if (d % 2 === 0) d += 1;
  d = Math.max(d, min);
  return d + 2 ** bits;
}

/**
 * Stateful Ganglion packet decoder. Feed each 20-byte BLE notification in arrival order; it returns
 * the events it carries (samples in µV, loss from counter gaps, accelerometer, impedance, messages).
 */
export class GanglionDecoder {
  private prevCounts: number[] = [0, 0, 0, 0];
  private lastId: number | null = null;
  private nextSampleIndex = 0;
  private text = '';
  private accel: [number | null, number | null, number | null] = [null, null, null];
  /** Totals since start (shown to the person as words). */
  packetsReceived = 0;
  packetsLost = 0;

  decode(packet: Uint8Array): EmgEvent[] {
    if (packet.length < 1) return [{ type: 'garbage', bytes: 0 }];
    const id = packet[0]!;
    const kind = ganglionPacketKind(id);
    const out: EmgEvent[] = [];
    if (kind === 'raw' || kind === 'delta18' || kind === 'delta19') {
      if (packet.length !== GANGLION.packetBytes) return [{ type: 'garbage', bytes: packet.length }];
      this.packetsReceived++;
      const lost = this.lossBefore(id);
      if (lost > 0) {
        this.packetsLost += lost;
        out.push({ type: 'loss', lostPackets: lost, lostSamples: lost * 2, atSampleIndex: this.nextSampleIndex });
        this.nextSampleIndex += lost * 2;
      }
      this.lastId = id;
      if (kind === 'raw') {
        const counts = [0, 1, 2, 3].map((c) => readSignedBE(packet, 1 + 3 * c, 3));
        this.prevCounts = counts;
        out.push({ type: 'samples', samples: [this.sample(counts)] });
        return out;
      }
      const bits = kind === 'delta18' ? 18 : 19;
      const fields = readBitFields(packet.subarray(1, kind === 'delta18' ? 19 : 20), bits, 8);
      const samples: EmgSample[] = [];
      for (let s = 0; s < 2; s++) {
        const counts = this.prevCounts.map((p, c) => p - signInLsbToInt(fields[s * 4 + c]!, bits));
        this.prevCounts = counts;
        samples.push(this.sample(counts));
      }
      out.push({ type: 'samples', samples });
      if (kind === 'delta18') {
        const axis = id % 10;
        if (axis >= 1 && axis <= 3) {
          const v = readSignedBE(packet, 19, 1) * GANGLION.accelGPerCount;
          this.accel[axis - 1] = v;
          if (axis === 3 && this.accel[0] !== null && this.accel[1] !== null) {
            out.push({ type: 'accel', accelG: [this.accel[0], this.accel[1], v], atSampleIndex: this.nextSampleIndex - 1 });
          }
        }
      }
      return out;
    }
    if (kind === 'impedance') {
      const digits = /\d+/.exec(ascii(packet.subarray(1)));
      return [{ type: 'impedance', channel: id === 205 ? 0 : id - 200, ohms: digits ? Number(digits[0]) : null }];
    }
    if (kind === 'message-part' || kind === 'message-end') {
      this.text += ascii(packet.subarray(1));
      if (kind === 'message-part' && this.text.length < 4096) return [];
      const text = this.text;
      this.text = '';
      return [{ type: 'message', text }];
    }
    return [{ type: 'garbage', bytes: packet.length }];
  }

  private sample(counts: readonly number[]): EmgSample {
    const i = this.nextSampleIndex++;
    return { sampleIndex: i, timestampMs: (i * 1000) / GANGLION.sampleRateHz, valuesUv: counts.map((c) => c * GANGLION.uvPerCount) };
  }

  /** Packets missing between the last data packet and `id` (0 at the start, after a raw packet, or on a mode switch). */
  private lossBefore(id: number): number {
    const last = this.lastId;
    if (last === null || id === 0 || last === 0) return 0;
    const fam = (x: number): number => (x <= 100 ? 0 : 1);
    if (fam(last) !== fam(id)) return 0;
    const base = fam(id) === 0 ? 1 : 101;
    const expected = ((last - base + 1) % 100) + base;
    return (id - expected + 100) % 100;
  }
}

function ascii(b: Uint8Array): string {
  let s = '';
  for (const x of b) if (x !== 0) s += String.fromCharCode(x);
  return s;
}

// ------------------------------------------------------------------ encoder (simulator and tests)

/** Raw packet (ID 0) with four 24-bit counts. */
export function ganglionRawPacket(counts: readonly number[]): Uint8Array {
  const p = new Uint8Array(GANGLION.packetBytes);
  counts.slice(0, 4).forEach((c, i) => writeSignedBE(p, 1 + 3 * i, 3, c));
  return p;
}

/** Delta packet: `fields` are 8 sign-in-LSB fields (sample 1 ch 1–4, sample 2 ch 1–4). */
export function ganglionDeltaPacket(id: number, bits: 18 | 19, fields: readonly number[], accelByte?: number): Uint8Array {
  const ok = bits === 18 ? id >= 1 && id <= 100 : id >= 101 && id <= 200;
  if (!ok || fields.length !== 8) {
    throw new EmgError('invalid-parameter', `A ${bits}-bit Ganglion packet needs an ID in ${bits === 18 ? '1–100' : '101–200'} and 8 fields, got ID ${id} and ${fields.length} fields.`);
  }
  const p = new Uint8Array(GANGLION.packetBytes);
  const body = new Uint8Array(19);
  writeBitFields(body, bits, fields);
  p.set(body, 1);
  p[0] = id;
  if (bits === 18 && accelByte !== undefined) writeSignedBE(p, 19, 1, Math.max(-128, Math.min(127, Math.round(accelByte))));
  return p;
}

export function ganglionImpedancePacket(channel: number, ohms: number): Uint8Array {
  const p = new Uint8Array(GANGLION.packetBytes);
  p[0] = channel === 0 ? 205 : 200 + channel;
  const s = `${Math.round(ohms)}Z`.slice(0, 19);
  for (let i = 0; i < s.length; i++) p[1 + i] = s.charCodeAt(i);
  return p;
}

export function ganglionMessagePackets(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i === 0 || i < text.length; i += 19) {
    const part = text.slice(i, i + 19);
    const p = new Uint8Array(GANGLION.packetBytes);
    p[0] = i + 19 >= text.length ? 207 : 206;
    for (let k = 0; k < part.length; k++) p[1 + k] = part.charCodeAt(k) & 0x7f;
    out.push(p);
  }
  return out;
}

/**
 * Encodes a stream of 4-channel samples (counts) as the board does: one raw packet, then delta
 * packets of two samples each (19-bit, or 18-bit with the accelerometer). Deltas are taken from the
 * decoder's reconstruction (closed loop), so quantization never drifts.
 */
export class GanglionEncoder {
  private recon: number[] | null = null;
  private counter = 0;
  private pending: number[][] = [];
  constructor(private readonly accel: { readonly on: boolean; readonly g: readonly [number, number, number] } = { on: false, g: [0, 0, 1] }) {}

  /** Adds one sample; returns the packets that became complete (0 or 1). */
  push(counts: readonly number[]): Uint8Array[] {
    if (this.recon === null) {
      this.recon = counts.slice(0, 4).map((c) => Math.round(c));
      return [ganglionRawPacket(this.recon)];
    }
    this.pending.push(counts.slice(0, 4));
    if (this.pending.length < 2) return [];
    const bits = this.accel.on ? 18 : 19;
    const fields: number[] = [];
    for (const s of this.pending) {
      for (let c = 0; c < 4; c++) {
        const f = intToSignInLsb(this.recon[c]! - s[c]!, bits);
        fields.push(f);
        this.recon[c] = this.recon[c]! - signInLsbToInt(f, bits);
      }
    }
    this.pending = [];
    this.counter = (this.counter % 100) + 1;
    const id = bits === 18 ? this.counter : this.counter + 100;
    const axis = id % 10;
    const accelByte = bits === 18 && axis >= 1 && axis <= 3 ? this.accel.g[axis - 1]! / GANGLION.accelGPerCount : undefined;
    return [ganglionDeltaPacket(id, bits, fields, accelByte)];
  }
}
