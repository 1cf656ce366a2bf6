/**
 * EMG decoder + signal chain throughput: a simulated Cyton (8 channels, 250 Hz) for 60 s of signal,
 * decoded from bytes and run through the chain on every channel. Prints one JSON line.
 * Run: node --import tsx bench/emg-chain.ts
 */
import { CytonDecoder, DEMO_EMG_SCRIPT, EmgChannelChain, emgChainParams, simulatedCytonChunks } from '@geste/core';

const chunks = simulatedCytonChunks({ ...DEMO_EMG_SCRIPT, durationMs: 60_000 });
const t0 = performance.now();
const decoder = new CytonDecoder();
const chains = Array.from({ length: 8 }, () => new EmgChannelChain(emgChainParams(250)));
let samples = 0;
for (const c of chunks) {
  for (const e of decoder.decode(c.bytes)) {
    if (e.type !== 'samples') continue;
    for (const s of e.samples) {
      s.valuesUv.forEach((v, i) => chains[i]!.step(v));
      samples++;
    }
  }
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ samples, channels: 8, decodeAndChainMs: Math.round(ms), usPerSample8ch: Number(((1000 * ms) / samples).toFixed(2)) }));
