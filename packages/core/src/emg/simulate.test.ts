// Simulated devices → decoders → chain: the whole path on generated data (no mocks).
import { describe, expect, it } from 'vitest';
import { EmgChannelChain, emgChainParams } from './chain.ts';
import { CytonDecoder } from './cyton.ts';
import { GanglionDecoder } from './ganglion.ts';
import { parseEmg, replayEmgSource, serializeEmg } from './replay.ts';
import { DEMO_EMG_SCRIPT, scriptedEmg, simulatedCytonChunks, simulatedGanglionPackets } from './simulate.ts';
import type { EmgEvent, EmgSourceInfo } from './types.ts';

/** Allowed difference between the decoded and the scripted signal: the Ganglion's 1-count delta quantization. */
const TOL_GANGLION_UV = 0.01;
const TOL_CYTON_UV = 0.03;

function envelopeAt(events: EmgEvent[], fs: number, channel: number): Map<number, number> {
  const chain = new EmgChannelChain(emgChainParams(fs, { mainsHz: 50 }));
  const out = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'loss') chain.gap();
    if (e.type === 'samples') for (const s of e.samples) out.set(s.sampleIndex, chain.step(s.valuesUv[channel]!).envelopeUv);
  }
  return out;
}

describe('simulated Ganglion', () => {
  it('decodes back to the scripted signal; dropped packets become loss events with the right count', () => {
    const chunks = simulatedGanglionPackets(DEMO_EMG_SCRIPT, { dropPackets: [300, 301, 302, 1500] });
    const d = new GanglionDecoder();
    const events = chunks.flatMap((c) => d.decode(c.bytes));
    expect(d.packetsLost).toBe(4);
    const loss = events.filter((e) => e.type === 'loss');
    expect(loss.map((e) => e.type === 'loss' && e.lostPackets)).toEqual([3, 1]);
    const truth = scriptedEmg(DEMO_EMG_SCRIPT, 200, 4);
    const samples = events.flatMap((e) => (e.type === 'samples' ? e.samples : []));
    // before the first drop the values match the script within the quantization
    for (const s of samples.filter((x) => x.sampleIndex < 500)) s.valuesUv.forEach((v, c) => expect(Math.abs(v - truth[s.sampleIndex]![c]!)).toBeLessThan(TOL_GANGLION_UV));
    // the envelope: quiet at rest despite 40 µV of 50 Hz hum, high in the bursts
    const env = envelopeAt(events, 200, 0);
    expect(env.get(800)!).toBeLessThan(8); // 4 s, rest
    expect(env.get(2200)!).toBeGreaterThan(30); // 11 s, in the 60 µV burst
  });

  it('accelerometer mode (18-bit) carries the accelerometer', () => {
    const chunks = simulatedGanglionPackets({ ...DEMO_EMG_SCRIPT, durationMs: 1000 }, { accel: true });
    const d = new GanglionDecoder();
    const accel = chunks.flatMap((c) => d.decode(c.bytes)).filter((e) => e.type === 'accel');
    expect(accel.length).toBeGreaterThan(5);
  });
});

describe('simulated Cyton', () => {
  it('decodes back to the script; a dropped packet is one lost sample', () => {
    const chunks = simulatedCytonChunks({ ...DEMO_EMG_SCRIPT, durationMs: 4000 }, { dropPackets: [100, 500, 501] });
    const d = new CytonDecoder();
    const events = chunks.flatMap((c) => d.decode(c.bytes));
    expect(d.packetsLost).toBe(3);
    const truth = scriptedEmg({ ...DEMO_EMG_SCRIPT, durationMs: 4000 }, 250, 8);
    for (const e of events) if (e.type === 'samples') for (const s of e.samples) s.valuesUv.forEach((v, c) => expect(Math.abs(v - truth[s.sampleIndex]![c]!)).toBeLessThan(TOL_CYTON_UV));
  });
});

describe('replay', () => {
  const info: EmgSourceInfo = { kind: 'ganglion', transport: 'simulated-ble', channelCount: 4, sampleRateHz: 200, fullScaleUv: 15686, deviceName: 'Simulated Ganglion' };
  it('serialize → replay gives the same events', async () => {
    const d = new GanglionDecoder();
    const events = simulatedGanglionPackets({ ...DEMO_EMG_SCRIPT, durationMs: 500 }, { dropPackets: [3] }).flatMap((c) => d.decode(c.bytes));
    const src = replayEmgSource(serializeEmg(info, events));
    expect(src.info.kind).toBe('replay');
    expect(src.info.recordedFrom).toBe('ganglion');
    const back: EmgEvent[] = [];
    for await (const e of src.events()) back.push(e);
    expect(back).toEqual(JSON.parse(JSON.stringify(events)));
    await src.close();
    await src.close();
  });
  it('a damaged file names the line and says how to fix it', () => {
    expect(() => parseEmg('')).toThrow(/line 1 .*the file is empty/);
    expect(() => parseEmg('{"format":"geste-landmarks","version":1}')).toThrow(/line 1 of the EMG recording to be the geste-emg header/);
    const head = JSON.stringify({ format: 'geste-emg', version: 1, info });
    expect(() => parseEmg(`${head}\n{"type":"samples","samples":[{"sampleIndex":0,"timestampMs":0,"valuesUv":[1,2]}]}`)).toThrow(/line 2 .*2 values for 4 channels.*record it again/);
    expect(() => parseEmg(`${head}\nnot json`)).toThrow(/line 2 .*not JSON/);
  });
});

describe('lost packets do not make false bursts', () => {
  it('rest with 50 Hz hum and many drops: after the settling time the envelope stays under the level-2 target (2.5 × rest)', () => {
    const script = { ...DEMO_EMG_SCRIPT, bursts: [], durationMs: 20_000, seed: 11 };
    const drops = Array.from({ length: 30 }, (_, k) => 40 + k * 60); // a packet lost every 0.6 s
    const d = new GanglionDecoder();
    const chain = new EmgChannelChain(emgChainParams(200, { mainsHz: 50 }));
    const env: number[] = [];
    for (const c of simulatedGanglionPackets(script, { dropPackets: drops })) {
      for (const e of d.decode(c.bytes)) {
        if (e.type === 'loss') chain.gap();
        if (e.type === 'samples') for (const s of e.samples) {
          const o = chain.step(s.valuesUv[0]!);
          if (!o.settling) env.push(o.envelopeUv);
        }
      }
    }
    expect(d.packetsLost).toBe(30);
    const sorted = [...env].sort((a, b) => a - b);
    const rest = sorted[Math.floor(sorted.length / 2)]!;
    expect(Math.max(...env)).toBeLessThan(2.5 * rest);
  });
});
