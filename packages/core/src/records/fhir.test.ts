import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bundle, MedicationAdministration, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { arbRecords } from './arbitraries.ts';
import { GESTE_CODE_SYSTEM, GESTE_CODES, LOINC, stableUuid, toFhirBundle, unitFromKey } from './fhir.ts';
import { validateFhirBundle } from './fhir-validate.ts';
import { makeDemoRecords } from './sample.ts';

const DEMO = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 100 });
const AT = Date.UTC(2025, 3, 11);
const bundle = toFhirBundle(DEMO, { generatedAtMs: AT });
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!);
type Loose = { entry: Array<{ resource: Record<string, unknown>; fullUrl?: string }> };
const clone = (b: Bundle) => structuredClone(b) as unknown as Loose;

describe('FHIR R4 export', () => {
  it('the demo bundle passes the structural validator', () => {
    expect(validateFhirBundle(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toBe('2025-04-11T00:00:00.000Z');
  });
  it('every bundle from generated records passes (property)', () => {
    fc.assert(fc.property(arbRecords(20), (recs) => {
      const b = toFhirBundle(recs, { generatedAtMs: AT });
      expect(validateFhirBundle(JSON.parse(JSON.stringify(b)))).toEqual([]);
    }), { numRuns: 150 });
  });
  it('pain uses LOINC 72514-3 with the site, other diary values use documented Geste codes', () => {
    const pain = resources(bundle).filter((r): r is Observation => r.resourceType === 'Observation' && r.code.coding?.[0]?.code === '72514-3');
    expect(pain.length).toBeGreaterThan(50);
    expect(pain[0]!.code.coding![0]!.system).toBe(LOINC);
    expect(pain.map((p) => p.bodySite?.coding?.[0]?.code)).toContain('site-neck');
    const codes = new Set<string>();
    JSON.stringify(bundle, (k, v: unknown) => {
      if (v !== null && typeof v === 'object' && (v as { system?: string }).system === GESTE_CODE_SYSTEM) codes.add((v as { code: string }).code);
      return v;
    });
    for (const c of codes) expect(c in GESTE_CODES || /^(measure|item|scale-item)\.[A-Za-z]/.test(c), c).toBe(true);
  });
  it('a botulinum visit gives one MedicationAdministration per muscle with units', () => {
    const admins = resources(bundle).filter((r): r is MedicationAdministration => r.resourceType === 'MedicationAdministration');
    const visits = DEMO.filter((r) => r.type === 'treatment' && r.kind === 'botulinum').length;
    expect(admins).toHaveLength(visits * 3);
    expect(admins[0]!.dosage).toMatchObject({ site: { text: 'sternocleidomastoid (left)' }, dose: { value: 40, code: '[U]' } });
  });
  it('history becomes a QuestionnaireResponse; oral doses MedicationStatements; therapy Procedures', () => {
    const qr = resources(bundle).find((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse')!;
    expect(qr.item?.find((i) => i.linkId === 'causes')?.item?.find((i) => i.linkId === 'cause.headNeckShoulderInjury')?.answer?.[0]?.valueString).toBe('unsure');
    const ms = resources(bundle).filter((r) => r.resourceType === 'MedicationStatement');
    expect(ms.map((m) => (m as { status: string }).status)).toEqual(['completed', 'active']);
    expect(resources(bundle).some((r) => r.resourceType === 'Procedure')).toBe(true);
  });
  it('is deterministic: the same records give the same bundle', () => {
    expect(JSON.stringify(toFhirBundle(DEMO, { generatedAtMs: AT }))).toBe(JSON.stringify(bundle));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(unitFromKey('peakVelocityDegPerS')?.code).toBe('deg/s');
  });
});

describe('structural validator refuses what R4 forbids', () => {
  const first = (type: string, b: ReturnType<typeof clone>) => b.entry.find((e) => e.resource['resourceType'] === type)!.resource;
  const issuesAfter = (mut: (b: ReturnType<typeof clone>) => void) => { const b = clone(bundle); mut(b); return validateFhirBundle(b).map((i) => i.message).join(' | '); };
  it('unknown elements, missing required elements, bad status', () => {
    expect(issuesAfter((b) => { first('Observation', b)['valu'] = 1; })).toContain('has no element "valu"');
    expect(issuesAfter((b) => { delete first('Observation', b)['status']; })).toContain('Observation.status is required');
    expect(issuesAfter((b) => { first('Procedure', b)['status'] = 'done'; })).toContain('not in the R4 value set');
    expect(issuesAfter((b) => { delete first('MedicationAdministration', b)['medicationCodeableConcept']; })).toContain('medication[x] is required');
  });
  it('null, empty strings, empty arrays, bad dates, bad ids', () => {
    expect(issuesAfter((b) => { first('Observation', b)['note'] = []; })).toContain('empty array');
    expect(issuesAfter((b) => { first('Observation', b)['issued'] = null; })).toContain('null is not allowed');
    expect(issuesAfter((b) => { first('Patient', b)['birthDate'] = '1975-13'; })).toContain('not a FHIR date');
    expect(issuesAfter((b) => { first('Observation', b)['effectiveDateTime'] = '2025-01-01 10:00'; })).toContain('not a FHIR dateTime');
    expect(issuesAfter((b) => { first('Procedure', b)['id'] = 'has space'; })).toContain('id must match');
  });
  it('two value[x], obs-6, mad-1, qrs-1', () => {
    expect(issuesAfter((b) => { const o = first('Observation', b); o['valueString'] = 'x'; })).toContain('value[x] appears 2 times');
    expect(issuesAfter((b) => { const o = first('Observation', b); o['dataAbsentReason'] = { text: 'x' }; })).toContain('obs-6');
    expect(issuesAfter((b) => { const m = first('MedicationAdministration', b) as { dosage: Record<string, unknown> }; delete m.dosage['dose']; })).toContain('mad-1');
    expect(issuesAfter((b) => { const q = first('QuestionnaireResponse', b) as { item: Array<Record<string, unknown>> }; q.item[0]!['item'] = [{ linkId: 'x', answer: [{ valueString: 'y' }] }]; })).toContain('qrs-1');
  });
  it('dangling references and subjects that are not the patient', () => {
    expect(issuesAfter((b) => { (first('Observation', b)['subject'] as { reference: string }).reference = 'urn:uuid:nothing'; })).toContain('does not resolve');
    expect(issuesAfter((b) => { const proc = b.entry.find((e) => e.resource['resourceType'] === 'Procedure')!; (first('Observation', b)['subject'] as { reference: string }).reference = proc.fullUrl!; })).toContain('subject must point to a Patient');
    expect(issuesAfter((b) => { b.entry[1]!.fullUrl = b.entry[0]!.fullUrl!; })).toContain('fullUrl repeats');
  });
});
