// ref: OpenBCI "Cyton Data Format" — 33-byte packets built byte by byte from the documented layout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CYTON, CytonDecoder, cytonAccelAux, cytonPacket, cytonTimedAux, cytonUvPerCount } from './cyton.ts';
import type { EmgEvent, EmgSample } from './types.ts';

const samplesOf = (evs: EmgEvent[]): EmgSample[] => evs.flatMap((e) => (e.type === 'samples' ? e.samples : []));
const TOL_G = 1e-12;

function handPacket(): Uint8Array {
  const p = new Uint8Array(33);
  p[0] = 0xa0;
  p[1] = 7; // sample number
  // ch1 = +1, ch2 = −1, ch3 = 0x7FFFFF, ch4 = 0x800000 (−8388608), ch5..8 = 0x000100 (256)
  p.set([0, 0, 1, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0x80, 0, 0], 2);
  for (let c = 4; c < 8; c++) p.set([0, 1, 0], 2 + 3 * c);
  p.set([0x00, 0x10, 0xff, 0xf0, 0x3e, 0x80], 26); // accel x = 16, y = −16, z = 16000
  p[32] = 0xc0;
  return p;
}

describe('CytonDecoder', () => {
  it('scale factor at gain 24 is 0.02235 µV per count (documented)', () => {
    expect(cytonUvPerCount(24)).toBeCloseTo(0.02235, 5);
    expect(cytonUvPerCount(1)).toBeCloseTo(4.5e6 / 8388607, 9);
  });

  it('0xC0: eight 24-bit signed channels and the accelerometer (int16 × 0.002/16 g)', () => {
    const d = new CytonDecoder();
    const evs = d.decode(handPacket());
    const s = samplesOf(evs);
    expect(s).toHaveLength(1);
    expect(s[0]!.valuesUv.map((v) => Math.round(v / cytonUvPerCount(24)))).toEqual([1, -1, 8388607, -8388608, 256, 256, 256, 256]);
    const a = evs.find((e) => e.type === 'accel');
    expect(a).toBeDefined();
    if (a?.type !== 'accel') throw new Error('unreachable');
    [16, -16, 16000].forEach((c, i) => expect(Math.abs(a.accelG[i]! - c * CYTON.accelGPerCount)).toBeLessThan(TOL_G));
  });

  it('0xC0 with zero aux bytes: no accelerometer event ("if unused, the bytes will read 0")', () => {
    const d = new CytonDecoder();
    expect(d.decode(cytonPacket(0, [0, 0, 0, 0, 0, 0, 0, 0])).some((e) => e.type === 'accel')).toBe(false);
  });

  it('0xC1/0xC2/0xC5/0xC6 (user-defined aux): samples decode, aux left alone', () => {
    for (const stop of [0xc1, 0xc2, 0xc5, 0xc6]) {
      const d = new CytonDecoder();
      const evs = d.decode(cytonPacket(3, [5, 6, 7, 8, 9, 10, 11, 12], { stop, bytes: [1, 2, 3, 4, 5, 6] }));
      expect(samplesOf(evs)[0]!.valuesUv.map((v) => Math.round(v / cytonUvPerCount(24)))).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
      expect(evs.some((e) => e.type === 'accel')).toBe(false);
    }
  });

  it('0xC3/0xC4 (time-stamped): accelerometer halves X x Y y Z z assembled into int16', () => {
    const d = new CytonDecoder();
    const x = -300;
    const y = 5;
    const z = 16000;
    const halves: [string, number][] = [
      ['X', (x >> 8) & 0xff],
      ['x', x & 0xff],
      ['Y', (y >> 8) & 0xff],
      ['y', y & 0xff],
      ['Z', (z >> 8) & 0xff],
      ['z', z & 0xff],
    ];
    const evs = halves.flatMap(([code, v], i) => d.decode(cytonPacket(i, [0, 0, 0, 0, 0, 0, 0, 0], cytonTimedAux(i === 0 ? 0xc3 : 0xc4, code.charCodeAt(0), v, 123456 + i))));
    const acc = evs.filter((e) => e.type === 'accel');
    expect(acc).toHaveLength(1);
    if (acc[0]?.type !== 'accel') throw new Error('unreachable');
    expect(acc[0].accelG.map((g) => Math.round(g / CYTON.accelGPerCount))).toEqual([x, y, z]);
  });

  it('sample-number gap → loss (mod 256), time keeps the gap; 255 → 0 is no loss', () => {
    const d = new CytonDecoder();
    const z = [0, 0, 0, 0, 0, 0, 0, 0];
    d.decode(cytonPacket(254, z));
    expect(d.decode(cytonPacket(255, z)).some((e) => e.type === 'loss')).toBe(false);
    expect(d.decode(cytonPacket(0, z)).some((e) => e.type === 'loss')).toBe(false);
    const evs = d.decode(cytonPacket(4, z));
    expect(evs[0]).toEqual({ type: 'loss', lostPackets: 3, lostSamples: 3, atSampleIndex: 3 });
    expect(samplesOf(evs)[0]!.sampleIndex).toBe(6);
    expect(samplesOf(evs)[0]!.timestampMs).toBe(24);
  });

  it('board text before streaming ends in "$$$" → one message; noise bytes are counted, then packets resync', () => {
    const d = new CytonDecoder();
    const text = new TextEncoder().encode('OpenBCI V3 8-16 channel\nOn Board ADS1299 Device ID: 0x3E\n$$$');
    const evs = d.decode(Uint8Array.from([...text, 0x01, 0x02, 0xa0, 0x05, ...cytonPacket(9, [1, 2, 3, 4, 5, 6, 7, 8])]));
    expect(evs.find((e) => e.type === 'message')).toEqual({ type: 'message', text: 'OpenBCI V3 8-16 channel\nOn Board ADS1299 Device ID: 0x3E' });
    expect(samplesOf(evs)).toHaveLength(1);
    expect(evs.find((e) => e.type === 'garbage')).toBeDefined();
  });

  it('refuses an unknown gain with words', () => {
    expect(() => new CytonDecoder(3 as 24)).toThrow(/gain must be one of 1, 2, 4, 6, 8, 12, 24, got 3/);
  });

  it('encode → decode round trip for any split of the byte stream (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -8388608, max: 8388607 }), { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 255 }),
        (rows, cuts, start) => {
          const bytes = rows.flatMap((r, i) => [...cytonPacket(start + i, r, i % 3 === 0 ? cytonAccelAux([0.1, -0.2, 1]) : undefined)]);
          const d = new CytonDecoder();
          const got: EmgSample[] = [];
          let o = 0;
          let k = 0;
          while (o < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            got.push(...samplesOf(d.decode(Uint8Array.from(bytes.slice(o, o + n)))));
            o += n;
          }
          expect(got.map((s) => s.valuesUv.map((v) => Math.round(v / cytonUvPerCount(24))))).toEqual(rows);
          expect(d.packetsLost).toBe(0);
        },
      ),
      { numRuns: 80 },
    );
  });
});
