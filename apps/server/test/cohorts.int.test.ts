/**
 * Cohort import on the server (PGlite): a clinic imports a trial-like cohort as CSV, FHIR or record
 * sets; all-or-nothing with located problems; consent rules unchanged (only the importing clinician
 * sees it; no patient account gains or shows anything).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessMapping, makeTrialRows, parseCsvTable, toFhirCohortBundle, trialLongCsv, TRIAL_ARMS, type CsvMapping, type GesteRecord } from '@geste/core';
import { Api, startTestServer, type TestServer } from './harness.ts';

const ROWS = makeTrialRows({ seed: 14, patients: 109 });
const CSV = trialLongCsv(ROWS);
function mapping(): CsvMapping {
  const t = parseCsvTable(CSV);
  if (!t.ok) throw new Error('fixture');
  return { ...guessMapping(t.value, 'twstrs-total'), raterName: 'Trial rater', treatment: { productCode: 'rimabotulinumtoxinB', product: '', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true } };
}

describe('cohort import (server, PGlite)', () => {
  let srv: TestServer;
  let api: Api;
  let clin: { id: string; token: string };
  let other: { id: string; token: string };
  let patient: { id: string; token: string };
  beforeAll(async () => {
    srv = await startTestServer(undefined);
    api = new Api(srv.app);
    clin = await api.register('clinician', 'Dr Importer');
    other = await api.register('clinician', 'Dr Other');
    patient = await api.register('patient', 'S001');
  });
  afterAll(async () => srv.close());

  let csvId = '';
  it('imports the trial CSV with its mapping: one record set per subject, group summary per arm', async () => {
    const r = await api.call('POST', '/clinician/cohorts', { token: clin.token, body: { name: 'Toxin B trial (generated)', format: 'csv', csv: CSV, mapping: mapping() } });
    expect(r.statusCode, r.body).toBe(201);
    const j = r.json() as { id: string; counts: { subjects: number; treatments: number } };
    expect(j.counts).toMatchObject({ subjects: 109, treatments: 109 });
    csvId = j.id;
    const got = (await api.call('GET', `/clinician/cohorts/${csvId}`, { token: clin.token })).json() as { subjects: Array<{ key: string; group: string; records: GesteRecord[] }> };
    expect(got.subjects).toHaveLength(109);
    const s5 = got.subjects.find((s) => s.key === 'S005')!;
    expect(s5.group).toBe(ROWS.find((x) => x.subject === 'S005')!.arm);
    expect(s5.records.filter((x) => x.type === 'rating').length).toBe(ROWS.filter((x) => x.subject === 'S005' && x.twstrsTotal !== null).length);
    const sum = (await api.call('GET', `/clinician/cohorts/${csvId}/summary?scale=twstrs-total&rater=clinician`, { token: clin.token })).json() as { rows: Array<{ group: string; visit: string; n: number; mean: number }> };
    for (const { arm } of TRIAL_ARMS) {
      const vals = ROWS.filter((x) => x.arm === arm && x.week === 4 && x.twstrsTotal !== null).map((x) => x.twstrsTotal!);
      const row = sum.rows.find((x) => x.group === arm && x.visit === 'week 4')!;
      expect(row.n).toBe(vals.length);
      expect(row.mean).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 9);
    }
  });
  it('imports the same cohort from FHIR and from record sets with the same records', async () => {
    const first = (await api.call('GET', `/clinician/cohorts/${csvId}`, { token: clin.token })).json() as { subjects: Array<{ key: string; group: string | null; site: string | null; records: GesteRecord[] }> };
    const bundle = JSON.parse(JSON.stringify(toFhirCohortBundle(first.subjects, { generatedAtMs: Date.UTC(2025, 0, 1) }))) as unknown;
    const f = await api.call('POST', '/clinician/cohorts', { token: clin.token, body: { name: 'Same, via FHIR', format: 'fhir', bundle } });
    expect(f.statusCode, f.body).toBe(201);
    const viaFhir = (await api.call('GET', `/clinician/cohorts/${(f.json() as { id: string }).id}`, { token: clin.token })).json() as typeof first;
    expect(viaFhir.subjects.map((s) => s.records)).toEqual(first.subjects.map((s) => s.records));
    const rs = await api.call('POST', '/clinician/cohorts', { token: clin.token, body: { name: 'Same, as records', format: 'records', subjects: first.subjects } });
    expect(rs.statusCode, rs.body).toBe(201);
  });
  it('a bad file is refused whole with located problems; nothing is stored', async () => {
    const before = ((await api.call('GET', '/clinician/cohorts', { token: clin.token })).json() as { cohorts: unknown[] }).cohorts.length;
    const lines = CSV.split('\r\n');
    lines[13] = lines[13]!.replace(/,(\d*)$/, ',5000');
    const r = await api.call('POST', '/clinician/cohorts', { token: clin.token, body: { name: 'Bad', format: 'csv', csv: lines.join('\r\n'), mapping: mapping() } });
    expect(r.statusCode).toBe(400);
    const e = (r.json() as { error: { code: string; message: string; details: { problems: Array<{ text: string }> } } }).error;
    expect(e.code).toBe('invalid_input');
    expect(e.details.problems[0]!.text).toMatch(/^row 14, column `twstrs_total`: a TWSTRS total score from 0 to 85; got 5000 — this looks like a dose/);
    const badRecord = await api.call('POST', '/clinician/cohorts', { token: clin.token, body: { name: 'Bad records', format: 'records', subjects: [{ key: 'A', records: [{ type: 'rating', schemaVersion: 1, id: 'r1', atMs: 0, scale: 'tsui', version: '', items: {}, total: 99, raterRole: 'clinician', raterName: '', visitLabel: '', note: '' }] }] } });
    expect(badRecord.statusCode).toBe(400);
    expect(((await api.call('GET', '/clinician/cohorts', { token: clin.token })).json() as { cohorts: unknown[] }).cohorts).toHaveLength(before);
  });
  it('consent rules unchanged: only the importing clinician sees it; patients cannot import; no patient record appears', async () => {
    expect((await api.call('GET', `/clinician/cohorts/${csvId}`, { token: other.token })).statusCode).toBe(404);
    expect((await api.call('GET', `/clinician/cohorts/${csvId}/summary?scale=twstrs-total&rater=clinician`, { token: other.token })).statusCode).toBe(404);
    expect(((await api.call('GET', '/clinician/cohorts', { token: other.token })).json() as { cohorts: unknown[] }).cohorts).toEqual([]);
    expect((await api.call('POST', '/clinician/cohorts', { token: patient.token, body: { name: 'x', format: 'csv', csv: CSV, mapping: mapping() } })).statusCode).toBe(403);
    expect((await api.call('GET', `/clinician/cohorts/${csvId}`, { token: patient.token })).statusCode).toBe(403);
    // The patient account named like a subject code gained nothing.
    expect(((await api.call('GET', '/records', { token: patient.token })).json() as { records: unknown[] }).records).toEqual([]);
    expect(((await api.call('GET', '/clinician/patients', { token: clin.token })).json() as { patients: unknown[] }).patients).toEqual([]);
    // Deleting is the owner's alone, and audited.
    expect((await api.call('DELETE', `/clinician/cohorts/${csvId}`, { token: other.token })).statusCode).toBe(404);
    expect((await api.call('DELETE', `/clinician/cohorts/${csvId}`, { token: clin.token })).statusCode).toBe(200);
    expect((await api.call('GET', `/clinician/cohorts/${csvId}`, { token: clin.token })).statusCode).toBe(404);
    const audits = await srv.database.db.selectFrom('audit_log').select(['action', 'resource']).where('patient_id', '=', `cohort:${csvId}`).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['write', 'read', 'delete']));
  });
});
