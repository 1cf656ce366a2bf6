/**
 * EMG training sessions in the records store (src/records/db.ts) as core `MeasurementSession` records
 * (kind 'biofeedback', id prefix 'emg-', measure keys prefixed 'emg.'): no new record type, no schema
 * change, validated by core like every record, included in backups and in `everything()`.
 */
import type { EmgSessionSummary, MeasurementSession } from '@geste/core';
import { listRecords, newRecordId, saveRecord } from '../records/db.ts';

export const EMG_ID_PREFIX = 'emg';

export interface EmgSessionMeta {
  readonly id: string;
  readonly startedAtMs: number;
  readonly endedAtMs: number | null;
  readonly muscle: string;
  readonly channel: number;
  readonly device: string;
  readonly level: number;
  readonly interrupted: boolean;
  readonly asymmetryPct: number | null;
  readonly pipelineLatencyMs: number | null;
}

export function newEmgSessionId(nowMs: number): string {
  return newRecordId(EMG_ID_PREFIX, nowMs);
}

function num(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000;
}

export function emgSessionRecord(meta: EmgSessionMeta, s: EmgSessionSummary): MeasurementSession {
  return {
    type: 'session',
    schemaVersion: 1,
    id: meta.id,
    startedAtMs: meta.startedAtMs,
    endedAtMs: meta.endedAtMs,
    kind: 'biofeedback',
    neutral: null,
    measures: {
      'emg.restUv': num(s.restUv),
      'emg.maxEffortUv': num(s.maxEffortUv),
      'emg.targetUv': num(s.targetUv),
      'emg.meanEnvelopeUv': num(s.meanEnvelopeUv),
      'emg.medianEnvelopeUv': num(s.medianEnvelopeUv),
      'emg.p95EnvelopeUv': num(s.p95EnvelopeUv),
      'emg.timeBelowTargetPct': num(s.timeBelowTargetPct),
      'emg.cueCount': s.cueCount,
      'emg.lostSamples': s.lostSamples,
      'emg.lostPct': num(s.lostPct),
      'emg.electrodeOffPct': num(s.electrodeOffPct),
      'emg.samples': s.samples,
      'emg.channel': meta.channel + 1,
      'emg.level': meta.level,
      'emg.interrupted': meta.interrupted ? 1 : 0,
      'emg.asymmetryPct': num(meta.asymmetryPct),
      'emg.cuePipelineLatencyMs': num(meta.pipelineLatencyMs),
    },
    items: {},
    trick: null,
    note: `EMG biofeedback · ${meta.muscle} · channel ${meta.channel + 1} · ${meta.device}${meta.interrupted ? ' · interrupted: the board disconnected' : ''}`.slice(0, 2000),
  };
}

export async function saveEmgSession(rec: MeasurementSession): Promise<void> {
  await saveRecord(rec);
}

export async function listEmgSessions(): Promise<MeasurementSession[]> {
  const all = await listRecords('session');
  return all.filter((s) => s.id.startsWith(`${EMG_ID_PREFIX}-`)).sort((a, b) => a.startedAtMs - b.startedAtMs);
}
