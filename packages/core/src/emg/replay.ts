/**
 * Recorded EMG as JSON Lines, and a replay `EmgSource` over it. Pure (no Node, no DOM, no clock).
 * Format (version 1): line 1 {"format":"geste-emg","version":1,"info":<EmgSourceInfo>}; then one
 * EmgEvent per line, in order. Blank lines are ignored.
 */
import type { EmgEvent, EmgSource, EmgSourceInfo } from './types.ts';
import { EmgError } from './types.ts';

export const EMG_FORMAT = 'geste-emg';
export const EMG_FORMAT_VERSION = 1;

export function serializeEmg(info: EmgSourceInfo, events: Iterable<EmgEvent>): string {
  const lines = [JSON.stringify({ format: EMG_FORMAT, version: EMG_FORMAT_VERSION, info })];
  for (const e of events) lines.push(JSON.stringify(e));
  return lines.join('\n') + '\n';
}

const EVENT_TYPES = new Set(['samples', 'loss', 'accel', 'impedance', 'message', 'garbage', 'disconnected']);

function malformed(line: number, why: string): EmgError {
  return new EmgError(
    'replay-malformed',
    `Expected line ${line} of the EMG recording to be ${line === 1 ? 'the geste-emg header' : 'one EMG event'} as JSON, but ${why}. The file is damaged or not a Geste EMG recording; record it again or fix that line.`,
    { line },
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a whole recording; throws EmgError('replay-malformed') naming the first bad line. */
export function parseEmg(text: string): { info: EmgSourceInfo; events: EmgEvent[] } {
  const lines = text.split('\n');
  let info: EmgSourceInfo | null = null;
  const events: EmgEvent[] = [];
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (line === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw malformed(k + 1, 'it is not JSON');
    }
    if (!isObj(v)) throw malformed(k + 1, 'it is not an object');
    if (info === null) {
      if (v['format'] !== EMG_FORMAT || v['version'] !== EMG_FORMAT_VERSION || !isObj(v['info'])) throw malformed(k + 1, `it is ${line.slice(0, 60)}`);
      const i = v['info'];
      for (const f of ['channelCount', 'sampleRateHz', 'fullScaleUv']) {
        if (typeof i[f] !== 'number' || !Number.isFinite(i[f]) || (i[f] as number) <= 0) throw malformed(k + 1, `info.${f} is not a positive number`);
      }
      info = i as unknown as EmgSourceInfo;
      return;
    }
    if (typeof v['type'] !== 'string' || !EVENT_TYPES.has(v['type'])) throw malformed(k + 1, `its type is ${JSON.stringify(v['type']) ?? 'missing'}`);
    if (v['type'] === 'samples') {
      const ss = v['samples'];
      if (!Array.isArray(ss)) throw malformed(k + 1, 'samples is not an array');
      for (const s of ss) {
        if (!isObj(s) || typeof s['timestampMs'] !== 'number' || typeof s['sampleIndex'] !== 'number' || !Array.isArray(s['valuesUv'])) throw malformed(k + 1, 'a sample lacks sampleIndex, timestampMs or valuesUv');
        if ((s['valuesUv'] as unknown[]).length !== (info as EmgSourceInfo).channelCount) throw malformed(k + 1, `a sample has ${(s['valuesUv'] as unknown[]).length} values for ${(info as EmgSourceInfo).channelCount} channels`);
      }
    }
    events.push(v as unknown as EmgEvent);
  });
  if (info === null) throw malformed(1, 'the file is empty');
  return { info, events };
}

/** A replay source: the recorded events in order (as fast as they are read; the app paces them). */
export function replayEmgSource(text: string): EmgSource {
  const { info, events } = parseEmg(text);
  let closed = false;
  return {
    info: { ...info, kind: 'replay', transport: 'file', recordedFrom: info.recordedFrom ?? info.kind },
    async *events() {
      for (const e of events) {
        if (closed) return;
        yield e;
      }
    },
    close: async () => {
      closed = true;
    },
  };
}
