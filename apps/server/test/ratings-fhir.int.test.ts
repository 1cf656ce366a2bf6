/**
 * Rated scales through the server's FHIR view (PGlite): a clinician-rated TWSTRS total and a
 * patient-rated pain NRS pushed by the device come back from `$everything` as coded Observations with
 * the visit date (not the sync time), the rater role kept apart, and only under the `measures` share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireId } from '@geste/contract';
import { GESTE_CODE_SYSTEM } from '@geste/core';
import { Api, change, hlc, startTestServer, type TestServer } from './harness.ts';

const VISIT_MS = Date.UTC(2026, 5, 3, 9, 0); // the clinic visit
const SELF_MS = Date.UTC(2026, 5, 10, 20, 0); // the person's own rating a week later
const SYNC_MS = Date.UTC(2026, 10, 1, 12, 0); // when the device synced, months later
const rating = (id: string, atMs: number, over: Record<string, unknown>) => ({
  type: 'rating', schemaVersion: 1, id, atMs, scale: 'twstrs-total', version: 'original', items: {}, total: 41, raterRole: 'clinician', raterName: 'Dr Rater', visitLabel: 'week 4', note: '', ...over,
});

type Obs = { resourceType: string; effectiveDateTime?: string; code: { coding: Array<{ system: string; code: string; display?: string }> }; valueQuantity?: { value: number }; component?: Array<{ code: { coding: Array<{ code: string }> }; valueCodeableConcept?: { coding: Array<{ code: string }> } }> };
type Bundle = { entry: Array<{ resource: Obs }> };

describe('rated scales in FHIR $everything (server, PGlite)', () => {
  let srv: TestServer;
  let api: Api;
  beforeAll(async () => { srv = await startTestServer(undefined); api = new Api(srv.app); });
  afterAll(async () => srv.close());

  it('returns each rating as a coded Observation at its visit date, rater role kept, only when measures are shared', async () => {
    const p = await api.register('patient', 'Rita');
    const d = await api.register('clinician', 'Dr Dee');
    const d2 = await api.register('clinician', 'Dr Diary-only');
    const push = await api.call('POST', '/sync/push', {
      token: p.token,
      body: { changes: [
        change(wireId('rating', 'tw-1'), 'measures', 'dev', hlc(SYNC_MS), rating('tw-1', VISIT_MS, {})),
        change(wireId('rating', 'nrs-1'), 'measures', 'dev', hlc(SYNC_MS), rating('nrs-1', SELF_MS, { scale: 'pain-nrs', total: 6, raterRole: 'patient', raterName: '', visitLabel: '' })),
      ] },
    });
    expect(push.statusCode, push.body).toBe(200);
    await api.share(p.token, d.token, { categories: ['measures'] });
    const r = await api.call('GET', `/fhir/Patient/${p.id}/$everything`, { token: d.token });
    expect(r.statusCode, r.body).toBe(200);
    const obs = (r.json() as Bundle).entry.map((e) => e.resource).filter((x) => x.resourceType === 'Observation');
    expect(obs).toHaveLength(2);
    const byCode = (c: string) => obs.find((o) => o.code.coding[0]!.code === c)!;
    const tw = byCode('scale.twstrs-total');
    expect(tw.code.coding[0]!.system).toBe(GESTE_CODE_SYSTEM);
    expect(tw.effectiveDateTime).toBe(new Date(VISIT_MS).toISOString());
    expect(tw.valueQuantity?.value).toBe(41);
    const role = (o: Obs) => o.component!.find((c) => c.code.coding[0]!.code === 'scale-rater-role')!.valueCodeableConcept!.coding[0]!.code;
    expect(role(tw)).toBe('rater-clinician');
    const nrs = byCode('scale.pain-nrs');
    expect(nrs.effectiveDateTime).toBe(new Date(SELF_MS).toISOString());
    expect(nrs.valueQuantity?.value).toBe(6);
    expect(role(nrs)).toBe('rater-patient');
    expect(JSON.stringify(r.json())).not.toContain(new Date(SYNC_MS).toISOString().slice(0, 10));

    await api.share(p.token, d2.token, { categories: ['diary'] });
    const r2 = await api.call('GET', `/fhir/Patient/${p.id}/$everything`, { token: d2.token });
    expect(r2.statusCode).toBe(200);
    expect((r2.json() as Bundle).entry.filter((e) => e.resource.resourceType === 'Observation')).toHaveLength(0);
  });
});
