/**
 * FHIR R4 view of shared data. Records are converted here, at the edge, with core's converter (the
 * same as the app's FHIR export): every resource carries its clinical date (when the diary entry,
 * exam or injection happened — never the sync time), ids valid in FHIR (stable UUIDs), and scores as
 * coded Observations (components with valueQuantity / valueInteger) under LOINC where a code exists
 * and Geste's own code system (`GESTE_CODE_SYSTEM`, docs/records.md) otherwise. A stored payload that
 * is not a Geste record this version reads is left out and counted in an OperationOutcome entry.
 * // ref: HL7 FHIR R4 (4.0.1), Patient/$everything operation and Bundle resource (searchset, search.mode)
 */
import { recordFhirEntries, validateRecord } from '@geste/core';
import type { Bundle, BundleEntry, OperationOutcome, Patient } from '@medplum/fhirtypes';

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';

export interface RecordForFhir {
  readonly id: string;
  readonly kind: string;
  readonly category: string;
  readonly updatedAt: string;
  readonly payload: unknown;
}

/** A FHIR id is `[A-Za-z0-9\-.]{1,64}`; account ids are UUIDs already, anything else is mapped (`_` → `-`). */
export function fhirId(id: string): string {
  const s = id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
  return s === '' ? 'x' : s;
}

export function patientResource(id: string, displayName: string): Patient {
  return { resourceType: 'Patient', id: fhirId(id), name: [{ text: displayName }] };
}

/** The resources of one stored record, or null when its payload is not a readable Geste record. */
export function recordEntries(patientId: string, r: RecordForFhir, baseUrl: string): BundleEntry[] | null {
  const v = validateRecord(r.payload);
  if (!v.ok) return null;
  return recordFhirEntries(v.value, { reference: `Patient/${fhirId(patientId)}` }, (type, id) => `${baseUrl}/fhir/${type}/${id}`);
}

export function everythingBundle(patient: Patient, records: readonly RecordForFhir[], baseUrl: string): Bundle {
  const entries: BundleEntry[] = [{ fullUrl: `${baseUrl}/fhir/Patient/${patient.id as string}`, resource: patient, search: { mode: 'match' } }];
  let unreadable = 0;
  for (const r of records) {
    const es = recordEntries(patient.id as string, r, baseUrl);
    if (es === null) { unreadable++; continue; }
    for (const e of es) entries.push({ ...e, search: { mode: 'match' } });
  }
  if (unreadable > 0) {
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      id: 'unreadable-records',
      issue: [{ severity: 'warning', code: 'not-supported', diagnostics: `${unreadable} stored record(s) are not Geste records this server version reads; they are left out of this Bundle.` }],
    };
    entries.push({ resource: outcome, search: { mode: 'outcome' } });
  }
  return { resourceType: 'Bundle', type: 'searchset', total: entries.filter((e) => e.search?.mode === 'match').length, entry: entries };
}
