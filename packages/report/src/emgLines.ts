/**
 * EMG (muscle activity) training sessions as report lines (issue 18). Sessions are core
 * `MeasurementSession` records with id prefix `emg-` and `emg.*` measures (docs/emg.md).
 * Plain text the report's writer lays out; facts only, no interpretation.
 */
import type { GesteRecord, MeasurementSession } from '@geste/core';
import { fmt, isoDate } from './text.ts';

export function isEmgSession(r: GesteRecord): r is MeasurementSession {
  return r.type === 'session' && r.id.startsWith('emg-');
}

export function emgSessionLines(records: readonly GesteRecord[], fromMs: number, toMs: number): string[] {
  return records
    .filter(isEmgSession)
    .filter((s) => s.startedAtMs >= fromMs && s.startedAtMs <= toMs)
    .sort((a, b) => a.startedAtMs - b.startedAtMs)
    .map((s) => {
      const m = s.measures;
      const muscle = s.note.split(' · ')[1] ?? 'muscle not recorded';
      const rest = m['emg.restUv'] ?? null;
      const med = m['emg.medianEnvelopeUv'] ?? null;
      const ratio = rest !== null && med !== null && rest > 0 ? ` (${fmt(med / rest)} x rest)` : '';
      const parts = [
        `${isoDate(s.startedAtMs)} ${muscle}, channel ${fmt(m['emg.channel'] ?? null, 0)}, target level ${fmt(m['emg.level'] ?? null, 0)}`,
        `rest ${fmt(rest)} uV, median ${fmt(med)} uV${ratio}`,
        `at or below target ${fmt(m['emg.timeBelowTargetPct'] ?? null, 0)} % of the time, ${fmt(m['emg.cueCount'] ?? null, 0)} times above`,
        `signal lost ${fmt(m['emg.lostPct'] ?? null)} %`,
      ];
      const asym = m['emg.asymmetryPct'] ?? null;
      if (asym !== null) parts.push(`left/right index ${asym > 0 ? '+' : ''}${fmt(asym, 0)} (positive = left more active)`);
      if (m['emg.interrupted'] === 1) parts.push('interrupted (the board disconnected)');
      return parts.join('; ');
    });
}
