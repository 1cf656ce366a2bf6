// ref: OpenBCI "Ganglion Data Format" — packets built byte by byte from the documented layout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeBitFields } from './bits.ts';
import {
  GANGLION,
  GanglionDecoder,
  GanglionEncoder,
  ganglionDeltaPacket,
  ganglionImpedancePacket,
  ganglionMessagePackets,
  ganglionPacketKind,
  ganglionRawPacket,
  intToSignInLsb,
  signInLsbToInt,
} from './ganglion.ts';
import type { EmgEvent, EmgSample } from './types.ts';

const TOL_UV = 1e-9;
const samplesOf = (evs: EmgEvent[]): EmgSample[] => evs.flatMap((e) => (e.type === 'samples' ? e.samples : []));
const countsOf = (s: EmgSample): number[] => s.valuesUv.map((v) => Math.round(v / GANGLION.uvPerCount));

describe('Ganglion packet IDs (documented cheat sheet)', () => {
  it('classifies every byte ID', () => {
    expect(ganglionPacketKind(0)).toBe('raw');
    expect(ganglionPacketKind(1)).toBe('delta18');
    expect(ganglionPacketKind(100)).toBe('delta18');
    expect(ganglionPacketKind(101)).toBe('delta19');
    expect(ganglionPacketKind(200)).toBe('delta19');
    for (const id of [201, 202, 203, 204, 205]) expect(ganglionPacketKind(id)).toBe('impedance');
    expect(ganglionPacketKind(206)).toBe('message-part');
    expect(ganglionPacketKind(207)).toBe('message-end');
    expect(ganglionPacketKind(208)).toBe('unknown');
    expect(ganglionPacketKind(255)).toBe('unknown');
  });
});

describe('GanglionDecoder', () => {
  it('raw packet (ID 0): four 24-bit signed MSB-first counts, scaled by 15686/8388607 µV', () => {
    // channel 1 = +1 (00 00 01), 2 = −1 (FF FF FF), 3 = +8388607 (7F FF FF), 4 = −8388608 (80 00 00)
    const p = Uint8Array.from([0, 0x00, 0x00, 0x01, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0x80, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0]);
    const d = new GanglionDecoder();
    const s = samplesOf(d.decode(p));
    expect(s).toHaveLength(1);
    expect(s[0]!.sampleIndex).toBe(0);
    expect(s[0]!.timestampMs).toBe(0);
    const want = [1, -1, 8388607, -8388608].map((c) => c * GANGLION.uvPerCount);
    s[0]!.valuesUv.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(TOL_UV));
    expect(Math.abs(s[0]!.valuesUv[2]! - 15686)).toBeLessThan(1e-6);
  });

  it('19-bit packet (ID 101–200): 8 fields of 19 bits MSB first, sign in the LSB, sample = previous − delta', () => {
    const d = new GanglionDecoder();
    d.decode(ganglionRawPacket([1000, 2000, 3000, 4000]));
    // fields: +2 → 2; −3 → 2^19 − 3 (odd); 0; +10 (even) | second sample: −1, +4, −5, 0
    const fields = [2, 2 ** 19 - 3, 0, 10, 2 ** 19 - 1, 4, 2 ** 19 - 5, 0];
    const p = new Uint8Array(20);
    p[0] = 101;
    const body = new Uint8Array(19);
    writeBitFields(body, 19, fields);
    p.set(body, 1);
    // hand check of the bit layout: the first 19 bits are the field 2 → byte 1 = 0, byte 2 = 0, byte 3 top 3 bits = 010
    expect([p[1], p[2], p[3]! >> 5]).toEqual([0, 0, 0b010]);
    const s = samplesOf(d.decode(p));
    expect(s.map(countsOf)).toEqual([
      [998, 2003, 3000, 3990],
      [999, 1999, 3005, 3990],
    ]);
    expect(s.map((x) => x.sampleIndex)).toEqual([1, 2]);
    expect(s[1]!.timestampMs).toBe(10);
  });

  it('18-bit packet (ID 1–100) with the accelerometer byte on IDs ending in 1, 2, 3 (x, y, z × 0.032 g)', () => {
    const d = new GanglionDecoder();
    d.decode(ganglionRawPacket([0, 0, 0, 0]));
    const zero = [0, 0, 0, 0, 0, 0, 0, 0];
    const evs = [
      ...d.decode(ganglionDeltaPacket(1, 18, zero, 10)),
      ...d.decode(ganglionDeltaPacket(2, 18, [2 ** 18 - 1, 0, 0, 0, 2 ** 18 - 1, 0, 0, 0], -20)),
      ...d.decode(ganglionDeltaPacket(3, 18, zero, 31)),
    ];
    const accel = evs.filter((e) => e.type === 'accel');
    expect(accel).toHaveLength(1);
    const a = accel[0]!;
    if (a.type !== 'accel') throw new Error('unreachable');
    expect(a.accelG.map((g) => Math.round(g / 0.032))).toEqual([10, -20, 31]);
    expect(samplesOf(evs).map((s) => countsOf(s)[0])).toEqual([0, 0, 1, 2, 2, 2]);
  });

  it('decodes the 18-bit edge fields: all ones = −1, 0x3FFFD = −3, 0x20000 (even) = +131072', () => {
    expect(signInLsbToInt(0x3ffff, 18)).toBe(-1);
    expect(signInLsbToInt(0x3fffd, 18)).toBe(-3);
    expect(signInLsbToInt(0x20000, 18)).toBe(131072);
    expect(signInLsbToInt(0x40004, 19)).toBe(262148);
  });

  it('impedance packets (IDs 201–205): ASCII ohms; 205 is the reference (channel 0)', () => {
    const d = new GanglionDecoder();
    expect(d.decode(ganglionImpedancePacket(1, 12345))).toEqual([{ type: 'impedance', channel: 1, ohms: 12345 }]);
    expect(d.decode(ganglionImpedancePacket(4, 7))).toEqual([{ type: 'impedance', channel: 4, ohms: 7 }]);
    expect(d.decode(ganglionImpedancePacket(0, 5000))).toEqual([{ type: 'impedance', channel: 0, ohms: 5000 }]);
    const junk = new Uint8Array(20);
    junk[0] = 202;
    expect(d.decode(junk)).toEqual([{ type: 'impedance', channel: 2, ohms: null }]);
  });

  it('ASCII message packets: 206 parts joined until 207', () => {
    const d = new GanglionDecoder();
    const text = 'Ganglion v3.0.0 firmware, accelerometer ready';
    const pk = ganglionMessagePackets(text);
    expect(pk.map((p) => p[0])).toEqual([206, 206, 207]);
    const evs = pk.flatMap((p) => d.decode(p));
    expect(evs).toEqual([{ type: 'message', text }]);
  });

  it('counter gap → loss event with the missing packets and 2 samples each, time keeps the gap', () => {
    const d = new GanglionDecoder();
    const zero = [0, 0, 0, 0, 0, 0, 0, 0];
    d.decode(ganglionRawPacket([0, 0, 0, 0]));
    d.decode(ganglionDeltaPacket(101, 19, zero));
    const evs = d.decode(ganglionDeltaPacket(104, 19, zero));
    expect(evs[0]).toEqual({ type: 'loss', lostPackets: 2, lostSamples: 4, atSampleIndex: 3 });
    expect(samplesOf(evs).map((s) => s.sampleIndex)).toEqual([7, 8]);
    // wrap: 200 → 101 is no loss; 200 → 102 is one
    const w = new GanglionDecoder();
    for (const id of [199, 200, 101]) expect(w.decode(ganglionDeltaPacket(id, 19, zero)).some((e) => e.type === 'loss')).toBe(false);
    const w2 = new GanglionDecoder();
    w2.decode(ganglionDeltaPacket(200, 19, zero));
    expect(w2.decode(ganglionDeltaPacket(102, 19, zero))[0]).toMatchObject({ type: 'loss', lostPackets: 1 });
    // 18-bit wrap 100 → 1
    const w3 = new GanglionDecoder();
    w3.decode(ganglionDeltaPacket(100, 18, zero));
    expect(w3.decode(ganglionDeltaPacket(1, 18, zero)).some((e) => e.type === 'loss')).toBe(false);
    expect(w3.packetsLost).toBe(0);
    expect(d.packetsLost).toBe(2);
  });

  it('wrong-length and unknown packets are counted as garbage, never thrown', () => {
    const d = new GanglionDecoder();
    expect(d.decode(new Uint8Array([101, 1, 2]))).toEqual([{ type: 'garbage', bytes: 3 }]);
    expect(d.decode(new Uint8Array(0))).toEqual([{ type: 'garbage', bytes: 0 }]);
    const u = new Uint8Array(20);
    u[0] = 240;
    expect(d.decode(u)).toEqual([{ type: 'garbage', bytes: 20 }]);
  });

  it('sign-in-LSB fields round-trip (property): representable deltas exactly, others within 1 count', () => {
    fc.assert(
      fc.property(fc.constantFrom(18, 19), fc.integer({ min: -(2 ** 17), max: 2 ** 17 }), (bits, d) => {
        const f = intToSignInLsb(d, bits);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(2 ** bits);
        const back = signInLsbToInt(f, bits);
        const exact = (d >= 0 && d % 2 === 0) || (d < 0 && d % 2 !== 0);
        if (exact) expect(back).toBe(d);
        else expect(Math.abs(back - d)).toBe(1);
      }),
    );
  });

  it('encode → decode round trip of sample streams (property): error ≤ 1 count per sample, never drifts', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: -40_000, max: 40_000 })), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (accel, steps, start) => {
          const enc = new GanglionEncoder({ on: accel, g: [0, 0, 1] });
          const dec = new GanglionDecoder();
          const truth: number[][] = [];
          let cur = [start, start, start, start];
          const got: EmgSample[] = [];
          for (const st of steps) {
            cur = cur.map((c, i) => c + st[i]!);
            truth.push(cur);
            for (const p of enc.push(cur)) got.push(...samplesOf(dec.decode(p)));
          }
          // the last sample may wait for its pair
          expect(got.length).toBeGreaterThanOrEqual(truth.length - 1);
          got.forEach((s, i) => countsOf(s).forEach((c, ch) => expect(Math.abs(c - truth[i]![ch]!)).toBeLessThanOrEqual(1)));
          expect(dec.packetsLost).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
