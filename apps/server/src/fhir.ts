/**
 * FHIR R4 view of shared data. Records are converted here, at the edge; nothing else speaks FHIR.
 * measures and diary → Observation, treatments → Procedure, history → Condition, videos → DocumentReference.
 * The payload itself travels as a JSON attachment-like extension so no information is invented or dropped.
 * // ref: HL7 FHIR R4 (4.0.1), Patient/$everything operation and Bundle resource
 */
import type { Bundle, BundleEntry, Condition, DocumentReference, Observation, Patient, Procedure, Resource } from '@medplum/fhirtypes';

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
const PAYLOAD_EXT = 'https://geste.invalid/fhir/StructureDefinition/record-payload';

export interface RecordForFhir {
  readonly id: string;
  readonly kind: string;
  readonly category: string;
  readonly updatedAt: string;
  readonly payload: unknown;
}

export function patientResource(id: string, displayName: string): Patient {
  return { resourceType: 'Patient', id, name: [{ text: displayName }] };
}

/** `2026-11-25T18:22:27.123Z-0003` → `2026-11-25T18:22:27.123Z` (FHIR instant). */
const instant = (hlc: string): string => hlc.slice(0, 24);

function payloadExt(payload: unknown) {
  return [{ url: PAYLOAD_EXT, valueString: JSON.stringify(payload) }];
}

export function recordResource(patientId: string, r: RecordForFhir): Resource {
  const subject = { reference: `Patient/${patientId}` };
  const code = { text: r.kind, coding: [{ system: 'https://geste.invalid/fhir/CodeSystem/record-kind', code: r.kind }] };
  const p = (typeof r.payload === 'object' && r.payload !== null ? r.payload : {}) as Record<string, unknown>;
  switch (r.category) {
    case 'measures':
    case 'diary': {
      const obs: Observation = {
        resourceType: 'Observation',
        id: r.id,
        status: 'final',
        category: [{ text: r.category }],
        code,
        subject,
        effectiveDateTime: instant(r.updatedAt),
        extension: payloadExt(r.payload),
      };
      if (typeof p['value'] === 'number' && Number.isFinite(p['value']) && typeof p['unit'] === 'string') {
        obs.valueQuantity = { value: p['value'], unit: p['unit'] };
      }
      return obs;
    }
    case 'treatments': {
      const proc: Procedure = { resourceType: 'Procedure', id: r.id, status: 'completed', code, subject, performedDateTime: instant(r.updatedAt), extension: payloadExt(r.payload) };
      return proc;
    }
    case 'history': {
      const cond: Condition = { resourceType: 'Condition', id: r.id, code, subject, recordedDate: instant(r.updatedAt), extension: payloadExt(r.payload) };
      return cond;
    }
    default: {
      const doc: DocumentReference = {
        resourceType: 'DocumentReference',
        id: r.id,
        status: 'current',
        type: code,
        subject,
        date: instant(r.updatedAt),
        content: [{ attachment: { contentType: 'application/json', title: r.kind } }],
        extension: payloadExt(r.payload),
      };
      return doc;
    }
  }
}

export function everythingBundle(patient: Patient, records: readonly RecordForFhir[], baseUrl: string): Bundle {
  const entries: BundleEntry[] = [patient, ...records.map((r) => recordResource(patient.id as string, r))].map((resource) => ({
    fullUrl: `${baseUrl}/fhir/${resource.resourceType}/${resource.id as string}`,
    resource,
    search: { mode: 'match' },
  }));
  return { resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries };
}
