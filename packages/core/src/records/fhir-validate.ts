/**
 * A structural validator for the FHIR R4 resources Geste emits: allowed elements, required elements
 * and cardinality, value sets of status codes, primitive formats (id, dateTime, date, code, uri),
 * the "no empty elements / no nulls" rule, choice-type uniqueness, a few invariants (obs-6, mad-1,
 * qrs-1) and that every reference resolves inside the Bundle. It is not a full FHIR validator: it
 * checks what our exporter can get wrong.
 */
// ref: HL7 FHIR R4 4.0.1 — datatypes.html (primitive regexes), json.html (no empty/null),
//      bundle.html, observation.html, medicationadministration.html, medicationstatement.html,
//      procedure.html, questionnaireresponse.html, patient.html

export interface FhirIssue {
  readonly path: string;
  readonly message: string;
}

const RESOURCE_BASE = ['resourceType', 'id', 'meta', 'implicitRules', 'language'];
const DOMAIN_BASE = [...RESOURCE_BASE, 'text', 'contained', 'extension', 'modifierExtension'];

interface Def {
  readonly elements: readonly string[];
  readonly required: readonly string[];
  /** Choice types that must appear exactly once (`min 1`) or at most once. */
  readonly choices: ReadonlyArray<{ readonly prefix: string; readonly min: 0 | 1 }>;
  readonly status?: readonly string[];
}

const DEFS: Readonly<Record<string, Def>> = {
  Patient: {
    elements: [...DOMAIN_BASE, 'identifier', 'active', 'name', 'telecom', 'gender', 'birthDate', 'deceasedBoolean', 'deceasedDateTime', 'address', 'maritalStatus', 'multipleBirthBoolean', 'multipleBirthInteger', 'photo', 'contact', 'communication', 'generalPractitioner', 'managingOrganization', 'link'],
    required: [],
    choices: [{ prefix: 'deceased', min: 0 }, { prefix: 'multipleBirth', min: 0 }],
  },
  Observation: {
    elements: [...DOMAIN_BASE, 'identifier', 'basedOn', 'partOf', 'status', 'category', 'code', 'subject', 'focus', 'encounter', 'effectiveDateTime', 'effectivePeriod', 'effectiveTiming', 'effectiveInstant', 'issued', 'performer', 'valueQuantity', 'valueCodeableConcept', 'valueString', 'valueBoolean', 'valueInteger', 'valueRange', 'valueRatio', 'valueSampledData', 'valueTime', 'valueDateTime', 'valuePeriod', 'dataAbsentReason', 'interpretation', 'note', 'bodySite', 'method', 'specimen', 'device', 'referenceRange', 'hasMember', 'derivedFrom', 'component'],
    required: ['status', 'code'],
    choices: [{ prefix: 'effective', min: 0 }, { prefix: 'value', min: 0 }],
    status: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'],
  },
  MedicationAdministration: {
    elements: [...DOMAIN_BASE, 'identifier', 'instantiates', 'partOf', 'status', 'statusReason', 'category', 'medicationCodeableConcept', 'medicationReference', 'subject', 'context', 'supportingInformation', 'effectiveDateTime', 'effectivePeriod', 'performer', 'reasonCode', 'reasonReference', 'request', 'device', 'note', 'dosage', 'eventHistory'],
    required: ['status', 'subject'],
    choices: [{ prefix: 'medication', min: 1 }, { prefix: 'effective', min: 1 }],
    status: ['in-progress', 'not-done', 'on-hold', 'completed', 'entered-in-error', 'stopped', 'unknown'],
  },
  MedicationStatement: {
    elements: [...DOMAIN_BASE, 'identifier', 'basedOn', 'partOf', 'status', 'statusReason', 'category', 'medicationCodeableConcept', 'medicationReference', 'subject', 'context', 'effectiveDateTime', 'effectivePeriod', 'dateAsserted', 'informationSource', 'derivedFrom', 'reasonCode', 'reasonReference', 'note', 'dosage'],
    required: ['status', 'subject'],
    choices: [{ prefix: 'medication', min: 1 }, { prefix: 'effective', min: 0 }],
    status: ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'],
  },
  Procedure: {
    elements: [...DOMAIN_BASE, 'identifier', 'instantiatesCanonical', 'instantiatesUri', 'basedOn', 'partOf', 'status', 'statusReason', 'category', 'code', 'subject', 'encounter', 'performedDateTime', 'performedPeriod', 'performedString', 'performedAge', 'performedRange', 'recorder', 'asserter', 'performer', 'location', 'reasonCode', 'reasonReference', 'bodySite', 'outcome', 'report', 'complication', 'complicationDetail', 'followUp', 'note', 'focalDevice', 'usedReference', 'usedCode'],
    required: ['status', 'subject'],
    choices: [{ prefix: 'performed', min: 0 }],
    status: ['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown'],
  },
  QuestionnaireResponse: {
    elements: [...DOMAIN_BASE, 'identifier', 'basedOn', 'partOf', 'questionnaire', 'status', 'subject', 'encounter', 'authored', 'author', 'source', 'item'],
    required: ['status'],
    choices: [],
    status: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'],
  },
};

const BUNDLE_ELEMENTS = [...RESOURCE_BASE, 'identifier', 'type', 'timestamp', 'total', 'link', 'entry', 'signature'];
const BUNDLE_TYPES = ['document', 'message', 'transaction', 'transaction-response', 'batch', 'batch-response', 'history', 'searchset', 'collection'];

// FHIR R4 primitive regexes (datatypes.html).
const RE = {
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  dateTime: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
  date: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
  instant: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/,
  code: /^[^\s]+( [^\s]+)*$/,
  uri: /^\S+$/,
};

const DATE_TIME_KEYS = new Set(['start', 'end', 'authored', 'effectiveDateTime', 'performedDateTime', 'valueDateTime', 'deceasedDateTime', 'dateAsserted']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Generic JSON rules: no nulls, no empty strings/arrays/objects, primitive formats by element name. */
function walk(v: unknown, path: string, issues: FhirIssue[], refs: Array<{ path: string; ref: string }>): void {
  if (v === null) { issues.push({ path, message: 'null is not allowed in FHIR JSON; omit the element' }); return; }
  if (Array.isArray(v)) {
    if (v.length === 0) issues.push({ path, message: 'empty array is not allowed; omit the element' });
    v.forEach((x, i) => walk(x, `${path}[${i}]`, issues, refs));
    return;
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) issues.push({ path, message: 'empty object is not allowed; omit the element' });
    for (const k of keys) {
      const child = v[k];
      const p = `${path}.${k}`;
      if (typeof child === 'string') {
        if (child.trim() === '') issues.push({ path: p, message: 'empty or blank string is not allowed' });
        else if (DATE_TIME_KEYS.has(k) && !RE.dateTime.test(child)) issues.push({ path: p, message: `not a FHIR dateTime: ${child.slice(0, 40)}` });
        else if (k === 'timestamp' && !RE.instant.test(child)) issues.push({ path: p, message: 'not a FHIR instant' });
        else if (k === 'birthDate' && !RE.date.test(child)) issues.push({ path: p, message: 'not a FHIR date' });
        else if ((k === 'code' || k === 'status' || k === 'resourceType') && !RE.code.test(child)) issues.push({ path: p, message: 'not a FHIR code (no leading/trailing or double spaces)' });
        else if ((k === 'system' || k === 'fullUrl' || k === 'questionnaire') && !RE.uri.test(child)) issues.push({ path: p, message: 'not a FHIR uri' });
        else if (k === 'reference') refs.push({ path: p, ref: child });
      } else if (typeof child === 'number') {
        if (!Number.isFinite(child)) issues.push({ path: p, message: 'numbers must be finite' });
        if ((k === 'valueInteger' || k === 'frequency') && !Number.isInteger(child)) issues.push({ path: p, message: 'integer expected' });
      }
      walk(child, p, issues, refs);
    }
  }
}

function checkChoices(r: Record<string, unknown>, prefix: string, min: 0 | 1, path: string, issues: FhirIssue[]): void {
  const present = Object.keys(r).filter((k) => k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k[prefix.length]!));
  if (present.length > 1) issues.push({ path, message: `${prefix}[x] appears ${present.length} times (${present.join(', ')}); at most one` });
  if (present.length < min) issues.push({ path, message: `${prefix}[x] is required` });
}

function checkCodeableConcept(cc: unknown, path: string, issues: FhirIssue[]): void {
  if (!isObj(cc)) { issues.push({ path, message: 'CodeableConcept expected' }); return; }
  if (cc['coding'] === undefined && cc['text'] === undefined) issues.push({ path, message: 'CodeableConcept needs a coding or a text' });
  if (Array.isArray(cc['coding']))
    cc['coding'].forEach((c, i) => {
      if (!isObj(c) || typeof c['system'] !== 'string' || typeof c['code'] !== 'string') issues.push({ path: `${path}.coding[${i}]`, message: 'coding needs system and code' });
    });
}

function checkResource(r: Record<string, unknown>, path: string, issues: FhirIssue[]): void {
  const type = r['resourceType'];
  const def = typeof type === 'string' ? DEFS[type] : undefined;
  if (def === undefined) { issues.push({ path, message: `resourceType ${String(type)} is not one Geste emits` }); return; }
  for (const k of Object.keys(r)) if (!def.elements.includes(k)) issues.push({ path: `${path}.${k}`, message: `${String(type)} has no element "${k}" in R4` });
  for (const k of def.required) if (r[k] === undefined) issues.push({ path: `${path}.${k}`, message: `${String(type)}.${k} is required (1..1)` });
  for (const c of def.choices) checkChoices(r, c.prefix, c.min, path, issues);
  if (def.status !== undefined && typeof r['status'] === 'string' && !def.status.includes(r['status']))
    issues.push({ path: `${path}.status`, message: `status "${r['status']}" is not in the R4 value set` });
  if (typeof r['id'] === 'string' && !RE.id.test(r['id'])) issues.push({ path: `${path}.id`, message: 'id must match [A-Za-z0-9-.]{1,64}' });
  if (r['code'] !== undefined) checkCodeableConcept(r['code'], `${path}.code`, issues);
  if (type === 'Observation') {
    const hasValue = Object.keys(r).some((k) => /^value[A-Z]/.test(k));
    if (hasValue && r['dataAbsentReason'] !== undefined) issues.push({ path, message: 'obs-6: dataAbsentReason only when there is no value' });
    if (Array.isArray(r['component']))
      r['component'].forEach((c, i) => {
        const p = `${path}.component[${i}]`;
        if (!isObj(c)) return;
        if (c['code'] === undefined) issues.push({ path: `${p}.code`, message: 'component.code is required' });
        else checkCodeableConcept(c['code'], `${p}.code`, issues);
        checkChoices(c, 'value', 0, p, issues);
        if (Object.keys(c).some((k) => /^value[A-Z]/.test(k)) && c['dataAbsentReason'] !== undefined) issues.push({ path: p, message: 'obs-6: dataAbsentReason only when there is no value' });
      });
  }
  if (type === 'MedicationAdministration' && isObj(r['dosage']) && r['dosage']['dose'] === undefined && !Object.keys(r['dosage']).some((k) => k.startsWith('rate')))
    issues.push({ path: `${path}.dosage`, message: 'mad-1: dosage needs dose or rate[x]' });
  if (type === 'QuestionnaireResponse' && Array.isArray(r['item'])) checkItems(r['item'], `${path}.item`, issues);
  for (const k of ['subject']) {
    const s = r[k];
    if (s !== undefined && (!isObj(s) || typeof s['reference'] !== 'string')) issues.push({ path: `${path}.${k}`, message: 'subject must be a reference' });
  }
}

function checkItems(items: unknown[], path: string, issues: FhirIssue[]): void {
  items.forEach((it, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(it)) { issues.push({ path: p, message: 'item must be an object' }); return; }
    if (typeof it['linkId'] !== 'string') issues.push({ path: `${p}.linkId`, message: 'linkId is required' });
    if (it['answer'] !== undefined && it['item'] !== undefined) issues.push({ path: p, message: 'qrs-1: an item has answers or nested items, not both' });
    if (Array.isArray(it['answer'])) it['answer'].forEach((a, j) => { if (isObj(a)) checkChoices(a, 'value', 1, `${p}.answer[${j}]`, issues); });
    if (Array.isArray(it['item'])) checkItems(it['item'], `${p}.item`, issues);
  });
}

/** Validates a Bundle as emitted by `toFhirBundle`. Returns [] when it is structurally sound. */
export function validateFhirBundle(bundle: unknown): FhirIssue[] {
  const issues: FhirIssue[] = [];
  if (!isObj(bundle) || bundle['resourceType'] !== 'Bundle') return [{ path: 'Bundle', message: 'resourceType must be Bundle' }];
  for (const k of Object.keys(bundle)) if (!BUNDLE_ELEMENTS.includes(k)) issues.push({ path: `Bundle.${k}`, message: `Bundle has no element "${k}"` });
  if (typeof bundle['type'] !== 'string' || !BUNDLE_TYPES.includes(bundle['type'])) issues.push({ path: 'Bundle.type', message: 'type is required and must be a Bundle type code' });
  const refs: Array<{ path: string; ref: string }> = [];
  walk(bundle, 'Bundle', issues, refs);
  const urls = new Map<string, string>();
  const entries = Array.isArray(bundle['entry']) ? bundle['entry'] : [];
  entries.forEach((e, i) => {
    const p = `Bundle.entry[${i}]`;
    if (!isObj(e) || !isObj(e['resource'])) { issues.push({ path: p, message: 'entry needs a resource' }); return; }
    const res = e['resource'];
    const fullUrl = e['fullUrl'];
    if (typeof fullUrl !== 'string') issues.push({ path: `${p}.fullUrl`, message: 'fullUrl is required in a collection of resources without a server' });
    else {
      if (urls.has(fullUrl)) issues.push({ path: `${p}.fullUrl`, message: `fullUrl repeats ${urls.get(fullUrl)}` });
      urls.set(fullUrl, String(res['resourceType']));
      // Geste convention (not an R4 rule): a urn:uuid fullUrl ends with the resource id, so references stay checkable.
      if (fullUrl.startsWith('urn:uuid:') && fullUrl.slice(9) !== res['id']) issues.push({ path: `${p}.fullUrl`, message: 'urn:uuid fullUrl must match resource.id' });
    }
    checkResource(res, `${p}.resource`, issues);
  });
  for (const { path, ref } of refs) {
    const target = urls.get(ref);
    if (target === undefined) issues.push({ path, message: `reference ${ref} does not resolve inside the Bundle` });
    else if (path.endsWith('.subject.reference') && target !== 'Patient') issues.push({ path, message: `subject must point to a Patient, points to ${target}` });
  }
  return issues;
}
