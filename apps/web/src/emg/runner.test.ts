// The EMG runner on a replayed recording of the simulated Ganglion (core decoder output), in Node.
import { describe, expect, it } from 'vitest';
import { DEMO_EMG_SCRIPT, GanglionDecoder, formatMeasure, measureDef, replayEmgSource, serializeEmg, simulatedGanglionPackets, validateRecord, type EmgSourceInfo } from '@geste/core';
import { EmgRunner } from './runner.ts';
import { emgSessionRecord, newEmgSessionId } from './store.ts';
import { asymmetryWords, connectErrorWords, disconnectWords, electrodeWords, lossWords } from './words.ts';
import { translate, type I18n } from '../i18n/i18n.tsx';

// the runner times the cue frame with requestAnimationFrame (a browser API); Node gets the next tick
(globalThis as unknown as { requestAnimationFrame: (cb: () => void) => void }).requestAnimationFrame ??= (cb) => setTimeout(cb, 0);

const INFO: EmgSourceInfo = { kind: 'ganglion', transport: 'simulated-ble', channelCount: 4, sampleRateHz: 200, fullScaleUv: 15686, deviceName: 'Simulated Ganglion' };

function recording(opts: { dropPackets?: number[]; flat?: [number, number][] } = {}): string {
  const d = new GanglionDecoder();
  const script = { ...DEMO_EMG_SCRIPT, ...(opts.flat ? { flat: opts.flat } : {}) };
  const events = simulatedGanglionPackets(script, opts.dropPackets ? { dropPackets: opts.dropPackets } : {}).flatMap((c) => d.decode(c.bytes));
  return serializeEmg(INFO, events);
}

/** Runs the replay, taking rest at 1–6 s and training from 7 s (sample time). */
async function runScripted(text: string, level: 1 | 2 | 3 | 4 | 5 = 2): Promise<EmgRunner> {
  const r = new EmgRunner(replayEmgSource(text), { mainsHz: 50, channel: 0, pair: [0, 1] });
  const orig = r.subscribe(() => {
    if (r.phase === 'idle' && r.rest === null && r.lastSampleMs >= 1000) r.startStep('rest');
    if (r.phase === 'idle' && r.rest?.ok && r.summary() === null && r.lastSampleMs >= 7000) r.startTraining(level);
  });
  await r.run();
  orig();
  return r;
}

describe('EmgRunner on a replayed simulated Ganglion', () => {
  it('rest reference, one cue per burst (10 s and 14 s), loss counted, electrode flat reported', async () => {
    const r = await runScripted(recording({ dropPackets: [150, 151, 152, 1200], flat: [[1, 12_500]] }));
    expect(r.rest?.ok).toBe(true);
    expect(r.rest?.ok && r.rest.valueUv).toBeGreaterThan(2);
    expect(r.rest?.ok && r.rest.valueUv).toBeLessThan(6);
    expect(r.lostPackets).toBe(4);
    const onsets = [2000, 2800];
    expect(r.cueSampleIndexes).toHaveLength(2);
    r.cueSampleIndexes.forEach((s, i) => {
      expect(s).toBeGreaterThanOrEqual(onsets[i]!);
      expect(s - onsets[i]!).toBeLessThanOrEqual(10); // ≤ 50 ms at 200 Hz (EMG_ENVELOPE_HALF_RISE_MS)
    });
    expect(r.electrodes[1]).toBe('flat');
    expect(r.electrodes[0]).toBe('ok');
    const s = r.summary()!;
    expect(s.cueCount).toBe(2);
    expect(s.lostSamples).toBe(2); // only the packet lost during training (12 s)
    expect(r.lostSamples).toBe(8);
    expect(s.timeBelowTargetPct!).toBeGreaterThan(50);
  });

  it('the saved record is a valid core session (no new record type)', async () => {
    const r = await runScripted(recording());
    const rec = emgSessionRecord(
      { id: newEmgSessionId(1_700_000_000_000), startedAtMs: 1_700_000_000_000, endedAtMs: 1_700_000_020_000, muscle: 'Sternocleidomastoid, left', channel: 0, device: 'Simulated Ganglion', level: 2, interrupted: true, asymmetryPct: r.asymmetry, pipelineLatencyMs: 4.2 },
      r.summary()!,
    );
    const v = validateRecord(rec);
    expect(v.ok).toBe(true);
    expect(rec.measures['emg.interrupted']).toBe(1);
    expect(rec.note).toContain('interrupted');
    // every stored key is in core's measure registry (labels and units for charts and the report)
    for (const k of Object.keys(rec.measures)) expect(measureDef(k), k).not.toBeNull();
    expect(formatMeasure('emg.restUv', 3.04)).toBe('3 µV');
    expect(formatMeasure('emg.asymmetryPct', -40)).toBe("40 % more on the patient's right");
  });
});

describe('maximum-effort step', () => {
  it('taken over the 10 s burst: well above rest; taken at rest: refused as not above rest', async () => {
    const run = async (maxAtMs: number): Promise<EmgRunner> => {
      const r = new EmgRunner(replayEmgSource(recording()), { mainsHz: 50, channel: 0, pair: null });
      let maxStarted = false;
      r.subscribe(() => {
        if (r.phase === 'idle' && r.rest === null && r.lastSampleMs >= 1000) r.startStep('rest');
        if (r.phase === 'idle' && r.rest?.ok && !maxStarted && r.lastSampleMs >= maxAtMs) {
          maxStarted = true;
          r.startStep('max');
        }
      });
      await r.run();
      return r;
    };
    const burst = await run(10_000);
    expect(burst.max?.ok).toBe(true);
    if (burst.max?.ok && burst.rest?.ok) expect(burst.max.valueUv).toBeGreaterThan(5 * burst.rest.valueUv);
    const still = await run(6500);
    expect(still.max).toEqual({ ok: false, problem: 'not-above-rest' });
  });
});

const en: I18n['t'] = (k, v) => translate('en', k, v);
const es: I18n['t'] = (k, v) => translate('es', k, v);

describe('EMG words', () => {
  it('say what happened and what to do', () => {
    expect(connectErrorWords('unsupported', 'bluetooth', en)).toMatch(/cannot use Bluetooth.*Chrome or Edge/);
    expect(connectErrorWords('permission-denied', 'serial', en)).toMatch(/did not allow USB serial.*site settings/);
    expect(connectErrorWords('wrong-device', 'bluetooth', en)).toContain('not an OpenBCI Ganglion');
    expect(electrodeWords('railed', en)).toContain('check the electrodes');
    expect(electrodeWords('flat', en)).toContain('check the electrodes');
    expect(lossWords(0, 0, en, 'en')).toBe('No data lost.');
    expect(lossWords(12, 6.2, en, 'en')).toMatch(/^12 packets lost \(6\.2 % of the signal\).*move the board closer/);
    expect(disconnectWords('bluetooth', 75_000, true, en)).toMatch(/^Disconnected at 1:15\..*marked as interrupted/);
    expect(disconnectWords('serial', 5000, false, en)).not.toContain('interrupted');
    expect(asymmetryWords(40, en)).toContain('more activity on the left');
    expect(asymmetryWords(-40, en)).toContain('on the right');
    expect(asymmetryWords(3, en)).toContain('about even');
    // The same facts in Spanish, numbers in the Spanish format.
    expect(lossWords(12, 6.2, es, 'es')).toMatch(/^Paquetes perdidos: 12 \(6,2 % de la señal\).*acerque la placa/);
    expect(disconnectWords('bluetooth', 75_000, true, es)).toMatch(/^Desconectado en 1:15\..*marcada como interrumpida/);
    expect(connectErrorWords('unsupported', 'serial', es)).toMatch(/^Este navegador no puede usar USB serie/);
  });
});
