import { describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import { guessMapping, importCsvText } from './csv-import.ts';
import { importFhirBundle, importFhirBundleText } from './fhir-import.ts';
import { GESTE_CODE_SYSTEM, toFhirBundle, toFhirCohortBundle } from './fhir.ts';
import { validateFhirBundle } from './fhir-validate.ts';
import { formatImportProblem } from './import-problems.ts';
import type { BotulinumTreatment, GesteRecord, RatedScale } from './schemas.ts';
import { makeTrialRows, trialLongCsv } from './trial-sample.ts';

const AT = Date.UTC(2025, 3, 11);
export function trialCohort() {
  const r = importCsvText(trialLongCsv(makeTrialRows({ seed: 14, patients: 109 })), (t) => ({
    ...guessMapping(t, 'twstrs-total'),
    raterName: 'Trial rater',
    scaleVersion: 'original',
    treatment: { productCode: 'rimabotulinumtoxinB', product: 'rimabotulinumtoxinB (trial)', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true },
  }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.subjects;
}
const json = (b: Bundle): unknown => JSON.parse(JSON.stringify(b));

describe('FHIR R4 round trip', () => {
  it('trial cohort: CSV import → FHIR export (valid) → FHIR import gives the same records for every person', () => {
    const subjects = trialCohort();
    const bundle = toFhirCohortBundle(subjects, { generatedAtMs: AT });
    expect(validateFhirBundle(json(bundle))).toEqual([]);
    const back = importFhirBundle(json(bundle));
    expect(back.ok ? [] : back.problems.map(formatImportProblem)).toEqual([]);
    if (!back.ok) return;
    expect(back.value.subjects.map((s) => s.key)).toEqual(subjects.map((s) => s.key));
    back.value.subjects.forEach((s, i) => expect(s.records).toEqual(subjects[i]!.records));
  });
  it('a visit with listed and free-text muscles, total, dilution, placebo flag, guidance, effect dates comes back intact', () => {
    const t: BotulinumTreatment = {
      type: 'treatment', schemaVersion: 2, id: 'inj-1', kind: 'botulinum', atMs: Date.UTC(2024, 1, 1, 10), product: 'Myobloc 5000 U/mL', productCode: 'rimabotulinumtoxinB',
      totalUnits: 10_000, dilutionUnitsPerMl: 5000, blinded: false, placebo: false, guidance: 'emg', clinician: 'Dr Łukasz Nowak',
      injections: [
        { muscle: 'splenius capitis', muscleCode: 'splenius capitis', side: 'right', units: 3333.33 },
        { muscle: 'sternocleidomastoid', muscleCode: 'sternocleidomastoid', side: 'left', units: 2500 },
        { muscle: 'deep posterior (as drawn)', muscleCode: null, side: 'both', units: 4166.67 },
      ],
      effectStartedAtMs: Date.UTC(2024, 1, 9, 12), effectWoreOffAtMs: Date.UTC(2024, 4, 1, 12), note: 'second cycle',
    };
    const rating: RatedScale = { type: 'rating', schemaVersion: 1, id: 'r-1', atMs: Date.UTC(2024, 1, 1, 9), scale: 'tsui', version: '', items: { a: 2, b: null, c: 4 }, total: 9, raterRole: 'clinician', raterName: '', visitLabel: 'V2', note: '' };
    const pain: RatedScale = { ...rating, id: 'r-2', scale: 'pain-nrs', items: {}, total: 6, raterRole: 'patient', visitLabel: '' };
    const recs: GesteRecord[] = [{ type: 'patient', schemaVersion: 1, id: 'self', displayName: 'Łukasz', birthYear: 1970 }, t, rating, pain];
    const b = toFhirBundle(recs, { generatedAtMs: AT });
    expect(validateFhirBundle(json(b))).toEqual([]);
    const back = importFhirBundle(json(b));
    expect(back.ok && back.value.subjects[0]!.records).toEqual(recs);
  });
});

describe('FHIR import from another system', () => {
  const foreign = (extra: unknown[] = []): unknown => ({
    resourceType: 'Bundle', type: 'collection',
    entry: [
      { fullUrl: 'http://other.example/Patient/p1', resource: { resourceType: 'Patient', id: 'p1', name: [{ given: ['Ana'], family: 'Silva' }], birthDate: '1968-04-02' } },
      { fullUrl: 'http://other.example/Observation/o1', resource: { resourceType: 'Observation', id: 'o1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '72514-3' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-03-01T09:00:00Z', valueInteger: 7 } },
      { fullUrl: 'http://other.example/MedicationAdministration/m1', resource: { resourceType: 'MedicationAdministration', id: 'm1', status: 'completed', medicationCodeableConcept: { text: 'Dysport 500 units' }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-03-01', dosage: { dose: { value: 500, unit: 'U' } } } },
      { fullUrl: 'http://other.example/Procedure/x1', resource: { resourceType: 'Procedure', id: 'x1', status: 'completed', code: { coding: [{ system: 'http://snomed.info/sct', code: '1234', display: 'Injection of botulinum toxin' }] }, subject: { reference: 'Patient/p1' }, performedDateTime: '2023-11-20' } },
      ...extra,
    ],
  });
  it('imports a pain score, a toxin administration with its total, and a toxin procedure', () => {
    const r = importFhirBundle(foreign());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [s] = r.value.subjects;
    expect(s!.key).toBe('Ana Silva');
    expect(s!.records.find((x) => x.type === 'patient')).toMatchObject({ displayName: 'Ana Silva', birthYear: 1968 });
    expect(s!.records.find((x) => x.type === 'rating')).toMatchObject({ scale: 'pain-nrs', total: 7, raterRole: 'patient' });
    const tox = s!.records.filter((x): x is BotulinumTreatment => x.type === 'treatment');
    expect(tox.map((x) => [x.productCode, x.totalUnits, new Date(x.atMs).toISOString().slice(0, 10)])).toEqual([['unknown', null, '2023-11-20'], ['abobotulinumtoxinA', 500, '2024-03-01']]);
  });
  it('unknown codes refuse the import with the entry and the code, unless the person chose to import the rest', () => {
    const bp = { fullUrl: 'urn:uuid:bp', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-03-01', valueQuantity: { value: 120 } } };
    const cond = { fullUrl: 'urn:uuid:c', resource: { resourceType: 'Condition', subject: { reference: 'Patient/p1' } } };
    const r = importFhirBundle(foreign([bp, cond]));
    expect(r.ok).toBe(false);
    const lines = r.ok ? [] : r.problems.map(formatImportProblem);
    expect(lines[0]).toMatch(/^at `entry\[4\]\.code`: An observation with an unknown code \(http:\/\/loinc\.org\|8480-6 "Systolic blood pressure"\)\. Geste imports/);
    expect(lines[1]).toMatch(/^at `entry\[5\]\.resourceType`: A "Condition" resource/);
    const rest = importFhirBundle(foreign([bp, cond]), { skipUnknown: true });
    expect(rest.ok).toBe(true);
    if (rest.ok) { expect(rest.warnings).toHaveLength(2); expect(rest.value.counts.ratings).toBe(1); }
  });
  it('refuses non-FHIR, broken references, non-unit toxin doses and out-of-range scores — nothing imported', () => {
    expect(importFhirBundleText('{"resourceType":"Patient"}').ok).toBe(false);
    expect(importFhirBundleText('not json')).toMatchObject({ ok: false, problems: [{ code: 'not-fhir' }] });
    const badRef = importFhirBundle(foreign([{ fullUrl: 'urn:uuid:o2', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: GESTE_CODE_SYSTEM, code: 'scale.tsui' }] }, subject: { reference: 'Patient/nobody' }, effectiveDateTime: '2024-01-01', valueQuantity: { value: 3 } } }]));
    expect(badRef).toMatchObject({ ok: false, problems: [{ code: 'bad-reference', column: 'entry[4].subject' }] });
    const mg = importFhirBundle(foreign([{ fullUrl: 'urn:uuid:m2', resource: { resourceType: 'MedicationAdministration', status: 'completed', medicationCodeableConcept: { text: 'Botox' }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-05-01', dosage: { dose: { value: 2, unit: 'mg', code: 'mg' } } } }]));
    expect(mg).toMatchObject({ ok: false, problems: [{ code: 'unit-in-cell', column: 'entry[4].dosage.dose' }] });
    const big = importFhirBundle(foreign([{ fullUrl: 'urn:uuid:o3', resource: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: GESTE_CODE_SYSTEM, code: 'scale.tsui' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-01-01', valueQuantity: { value: 40 } } }]));
    expect(big.ok ? '' : formatImportProblem(big.problems[0]!)).toMatch(/Person "Ana Silva", rating "r-4": A value is outside the allowed range \(at total\): expected a total from 0 to 25 \(Tsui scale\), got 40/);
  });
});

describe('FHIR round trip (property)', () => {
  it('any ratings and toxin visits of one person come back as themselves', async () => {
    const fc = (await import('fast-check')).default;
    const { arbRecords } = await import('./arbitraries.ts');
    // Text that FHIR cannot carry as written (blank or padded strings are dropped or trimmed by FHIR rules) is normalised first.
    const tidy = (s: string) => (s.trim() === '' ? '' : s.trim() === s ? s : s.trim());
    fc.assert(
      fc.property(arbRecords(25), (all) => {
        const recs = all
          .filter((r) => r.type === 'rating' || (r.type === 'treatment' && r.kind === 'botulinum'))
          .map((r): GesteRecord => {
            if (r.type === 'rating') return { ...r, version: tidy(r.version), raterName: tidy(r.raterName), visitLabel: tidy(r.visitLabel), note: tidy(r.note) };
            const t = r as BotulinumTreatment;
            return { ...t, clinician: tidy(t.clinician), note: tidy(t.note), product: tidy(t.product), injections: t.injections.map((j) => ({ ...j, muscle: tidy(j.muscle) })) };
          })
          .filter((r) => r.type !== 'treatment' || (r as BotulinumTreatment).product !== '');
        const person: GesteRecord[] = [{ type: 'patient', schemaVersion: 1, id: 'self', displayName: 'P', birthYear: null }, ...recs];
        const back = importFhirBundle(json(toFhirBundle(person, { generatedAtMs: AT })));
        expect(back.ok ? [] : back.problems.map(formatImportProblem)).toEqual([]);
        if (!back.ok) return;
        const key = (r: GesteRecord) => `${r.type}/${r.id}`;
        const sort = (xs: readonly GesteRecord[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
        expect(sort(back.value.subjects[0]!.records)).toEqual(sort(person));
      }),
      { numRuns: 120 },
    );
  });
});
