import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeasurementSession } from '@geste/core';
import { emgSessionLines } from './emgLines.ts';
import { buildClinicianReport } from './report.ts';

const T0 = Date.UTC(2026, 10, 20, 10);
const emg: MeasurementSession = {
  type: 'session',
  schemaVersion: 1,
  id: 'emg-abc-12345',
  startedAtMs: T0,
  endedAtMs: T0 + 600_000,
  kind: 'biofeedback',
  neutral: null,
  measures: { 'emg.restUv': 3.2, 'emg.medianEnvelopeUv': 4.8, 'emg.timeBelowTargetPct': 74.4, 'emg.cueCount': 2, 'emg.lostPct': 0.2, 'emg.channel': 1, 'emg.level': 2, 'emg.asymmetryPct': 40, 'emg.interrupted': 1 },
  items: {},
  trick: null,
  note: 'EMG biofeedback · Sternocleidomastoid, left · channel 1 · Simulated Ganglion · interrupted: the board disconnected',
};

describe('EMG sessions in the clinician report', () => {
  it('one line per EMG session in the period, facts with units', () => {
    const lines = emgSessionLines([emg, { ...emg, id: 'bio-other', note: '' }, { ...emg, id: 'emg-late', startedAtMs: T0 + 90 * 86_400_000 }], T0 - 1, T0 + 86_400_000);
    expect(lines).toEqual([
      '2026-11-20 Sternocleidomastoid, left, channel 1, target level 2; rest 3.2 uV, median 4.8 uV (1.5 x rest); at or below target 74 % of the time, 2 times above; signal lost 0.2 %; left/right index +40 (positive = left more active); interrupted (the board disconnected)',
    ]);
  });
  it('the PDF shows them (pdftotext)', async () => {
    const pdf = await buildClinicianReport({ records: [emg], fromMs: T0 - 86_400_000, toMs: T0 + 86_400_000, generatedAtMs: T0 + 2 * 86_400_000 });
    const dir = mkdtempSync(join(tmpdir(), 'geste-emg-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString().replace(/\s+/g, ' ');
      expect(text).toContain('EMG (muscle activity) training sessions in the period');
      expect(text).toContain('rest 3.2 uV, median 4.8 uV');
      expect(text).toContain('interrupted (the board disconnected)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
