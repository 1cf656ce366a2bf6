/**
 * Restoring two different people's backups in turn leaves only the second person's data: records,
 * measurement sessions (and their angle series), chart data, the PDF's input and the FHIR export.
 */
import 'fake-indexeddb/auto';
import { createBackup, makeDemoRecords, serializeBackup, summarizePeriod, toFhirBundle, type GesteRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { GesteDb } from '../store/db.ts';
import { chartSeries, everything, restoreReplacingEverything } from './data.ts';
import { RecordsDb } from './db.ts';

/** Person A and person B: different names, different ids for every record, different dates. */
function person(tag: 'a' | 'b', name: string, startMs: number, seed: number): GesteRecord[] {
  return makeDemoRecords({ startMs, days: 60, seed }).map((r) => {
    if (r.type === 'patient') return { ...r, displayName: name };
    if (r.type === 'history' || r.type === 'reminder') return r; // single-instance records share their id
    return { ...r, id: `${tag}-${r.id}` };
  });
}

describe('restore replaces everything, sessions included', () => {
  it('A then B: only B remains in records, sessions, charts, report input and FHIR', async () => {
    const d = new RecordsDb('restore-r');
    const m = new GesteDb('restore-m');
    const A = person('a', 'Łukasz A', Date.UTC(2025, 0, 1), 1);
    const B = person('b', 'Βασιλική B', Date.UTC(2025, 5, 1), 2);
    expect(A.filter((r) => r.type === 'session' && r.kind === 'exam').length).toBeGreaterThan(3);

    const ra = await restoreReplacingEverything(serializeBackup(createBackup(A, 1)), d, m);
    expect(ra.ok).toBe(true);
    // A's exam also has an angle series stored on the device.
    const aExam = A.find((r) => r.type === 'session')!;
    await m.series.add({ sessionId: aExam.id, chunk: 0, timestampsMs: [0], rotationDeg: [1], tiltDeg: [0], flexionDeg: [0], confidence: [1] });

    const rb = await restoreReplacingEverything(serializeBackup(createBackup(B, 2)), d, m);
    expect(rb).toEqual({ ok: true, count: B.length });

    const all = await everything(d, m);
    const key = (r: GesteRecord) => `${r.type}/${r.id}`;
    expect(new Set(all.map(key))).toEqual(new Set(B.map(key)));
    expect(all.some((r) => r.id.startsWith('a-'))).toBe(false);
    expect(await m.series.count()).toBe(0);

    // Charts: every point is one of B's.
    const bTimes = new Set(B.flatMap((r) => (r.type === 'session' ? [r.startedAtMs] : r.type === 'diary' ? [r.atMs] : [])));
    const cs = chartSeries(all);
    expect(cs.severity.length).toBeGreaterThan(3);
    for (const p of [...cs.pain, ...cs.severity]) expect(bTimes.has(p.atMs)).toBe(true);

    // The report's input: its summary holds only B's exams and B's name.
    const sum = summarizePeriod(all, Date.UTC(2024, 0, 1), Date.UTC(2026, 0, 1));
    expect(sum.exams.length).toBe(B.filter((r) => r.type === 'session' && r.kind === 'exam').length);
    expect(sum.exams.every((e) => e.id.startsWith('b-'))).toBe(true);
    expect(all.filter((r) => r.type === 'patient').map((r) => (r.type === 'patient' ? r.displayName : ''))).toEqual(['Βασιλική B']);

    // FHIR export: B's name, no A resource.
    const bundle = JSON.stringify(toFhirBundle(all, { generatedAtMs: Date.UTC(2025, 8, 1) }));
    expect(bundle).toContain('Βασιλική B');
    expect(bundle).not.toContain('Łukasz');
    expect(bundle).not.toMatch(/"a-(exam|diary|ex|trick)-/);
    d.close();
    m.close();
  });

  it('a refused second backup changes nothing (A stays whole)', async () => {
    const d = new RecordsDb('restore-r2');
    const m = new GesteDb('restore-m2');
    const A = person('a', 'A', Date.UTC(2025, 0, 1), 1);
    await restoreReplacingEverything(serializeBackup(createBackup(A, 1)), d, m);
    const before = (await everything(d, m)).length;
    const r = await restoreReplacingEverything('{"format":"geste-backup","backupVersion":1,"exportedAtMs":0,"records":[{"type":"diary"}]}', d, m);
    expect(r.ok).toBe(false);
    expect((await everything(d, m)).length).toBe(before);
    d.close();
    m.close();
  });
});
