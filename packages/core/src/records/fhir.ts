/**
 * FHIR R4 Bundle export. The wire format stops here: callers pass Geste records, get a plain JSON
 * Bundle (type "collection"). LOINC where a code exists (pain severity 72514-3), else the Geste code
 * system documented in docs/records.md. Resource ids are stable UUIDs derived from the record ids,
 * so exporting the same records twice gives the same Bundle.
 */
// ref: HL7 FHIR R4 (4.0.1) — Bundle, Patient, Observation, MedicationAdministration,
//      MedicationStatement, Procedure, QuestionnaireResponse; LOINC 72514-3.
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  MedicationAdministration,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Patient,
  Procedure,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { isoTime } from './csv.ts';
import { measureDef, measureLabel, type MeasureUnit } from '../measures/registry.ts';
import {
  ACTIVITIES,
  POSSIBLE_CAUSES,
  SYMPTOMS,
  type DiaryEntry,
  type GesteRecord,
  type HistoryIntake,
  type MeasurementSession,
  type PatientProfile,
  type RatedScale,
  type Treatment,
  RATING_SCALE_INFO,
  RATING_SCALES,
} from './schemas.ts';
import { CERVICAL_MUSCLES, PRODUCT_CODES, formatUnits } from './toxin.ts';

/**
 * Canonical base of Geste's own FHIR artefacts (code system, naming system, extensions, questionnaire),
 * under the project's name; documented in docs/records.md. One constant: the app's export, the import and
 * the server's $everything use it.
 */
export const GESTE_FHIR_BASE = 'https://geste-project.org/fhir';
/** Geste's own codes: diary items, session measures (`measure.<key>`), objective items (`item.<key>`), series (`series.<id>`), scales. */
export const GESTE_CODE_SYSTEM = `${GESTE_FHIR_BASE}/CodeSystem/geste`;
/** Identifier system carrying the Geste record id, so an exported record imports back as itself. */
export const GESTE_RECORD_ID_SYSTEM = `${GESTE_FHIR_BASE}/NamingSystem/record-id`;
/** Base of the few Geste extensions (session total, dilution, blinded, placebo) on a toxin administration. */
export const GESTE_EXTENSION_BASE = `${GESTE_FHIR_BASE}/StructureDefinition/`;
export const GESTE_HISTORY_QUESTIONNAIRE = `${GESTE_FHIR_BASE}/Questionnaire/history-intake|1`;
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
/** LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported". */
export const LOINC_PAIN_SEVERITY = '72514-3';

/** Every fixed Geste code the exporter emits, with its display. Measure and item codes are `measure.<key>` / `item.<key>`. */
export const GESTE_CODES: Readonly<Record<string, string>> = {
  'diary-entry': 'Geste symptom diary entry',
  'site-neck': 'Neck',
  'site-shoulders': 'Shoulders',
  'site-head': 'Head (headache)',
  ...Object.fromEntries(SYMPTOMS.map((s) => [`symptom-${s}`, `Felt ${s} severity 0-10`])),
  ...Object.fromEntries(ACTIVITIES.map((a) => [`impact-${a}`, `Impact on ${a} 0-4`])),
  stress: 'Stress 0-10 (10 = most)',
  mood: 'Mood 0-10 (10 = very good)',
  'measurement-session': 'Geste measurement session',
  'trick-reduction': 'Sensory trick: percent reduction of deviation',
  'toxin-effect-onset': 'Botulinum toxin: effect noticed to start',
  'toxin-effect-wear-off': 'Botulinum toxin: effect noticed to wear off',
  'guidance-none': 'No injection guidance',
  'guidance-emg': 'EMG-guided injection',
  'guidance-ultrasound': 'Ultrasound-guided injection',
  'guidance-electrical-stimulation': 'Electrical-stimulation-guided injection',
  'guidance-other': 'Other injection guidance',
  'therapy-physiotherapy': 'Physiotherapy session',
  'therapy-heat': 'Heat application',
  'therapy-massage': 'Massage',
  'therapy-counselling': 'Counselling session',
  'therapy-stress-management': 'Stress-management session',
  biofeedback: 'Biofeedback session',
  surgery: 'Surgery',
  'dbs-implant': 'Deep brain stimulation implant',
  'dbs-setting': 'Deep brain stimulation setting (logged)',
  'dbs-contacts': 'DBS active contacts',
  'dbs-amplitude': 'DBS amplitude',
  'dbs-pulse-width': 'DBS pulse width',
  'dbs-frequency': 'DBS frequency',
  ...Object.fromEntries(RATING_SCALES.map((k) => [`scale.${k}`, RATING_SCALE_INFO[k].label])),
  'rater-clinician': 'Clinician-rated',
  'rater-patient': 'Patient-rated',
  'scale-rater-role': 'Who rated the scale',
  'scale-version': 'Scale version as named by the rater',
  'visit-label': 'Visit label',
  ...Object.fromEntries(PRODUCT_CODES.map((k) => [`toxin.${k}`, k === 'other' ? 'Other botulinum toxin product' : k === 'unknown' ? 'Botulinum toxin, product not known (blinded)' : k])),
  ...Object.fromEntries(CERVICAL_MUSCLES.map((m) => [`muscle.${m.replace(/ /g, '-')}`, m])),
};

export interface FhirExportOptions {
  readonly generatedAtMs: number;
}

// ------------------------------------------------------------ stable ids
function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
/** A deterministic RFC 9562 version-8 (custom) UUID from a string. Not cryptographic; unique enough for one export. */
export function stableUuid(key: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => fnv1a(key, seed).toString(16).padStart(8, '0')).join('');
  const v = `8${hex.slice(13, 16)}`;
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}-${variant}-${hex.slice(20, 32)}`;
}

/** Display of a Geste code: the fixed list, else the measure registry's label for `measure.<key>` / `item.<key>`. */
function displayOf(code: string): string {
  const fixed = GESTE_CODES[code];
  if (fixed !== undefined) return fixed;
  const m = /^(measure|item)\.(.+)$/.exec(code);
  return m !== null && measureDef(m[2]!) !== null ? measureLabel(m[2]!) : code;
}
const geste = (code: string, text?: string): CodeableConcept => ({
  coding: [{ system: GESTE_CODE_SYSTEM, code, display: displayOf(code) }],
  ...(text !== undefined && text !== '' ? { text } : {}),
});
const dt = (ms: number): string => isoTime(ms)!;
const notes = (s: string) => (s.trim() === '' ? {} : { note: [{ text: s }] });
const survey: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'survey', display: 'Survey' }] }];
const exam: CodeableConcept[] = [{ coding: [{ system: OBS_CATEGORY, code: 'exam', display: 'Exam' }] }];

/** UCUM unit from the unit suffix of a measure key (`maxRotationDeg` → deg). */
export function unitFromKey(key: string): { unit: string; code: string } | null {
  const table: Array<[RegExp, string, string]> = [
    [/DegPerS$/, 'deg/s', 'deg/s'],
    [/Deg$/, 'deg', 'deg'],
    [/Pct$/, '%', '%'],
    [/Hz$/, 'Hz', 'Hz'],
    [/Cm$/, 'cm', 'cm'],
    [/PerMin$/, '/min', '/min'],
    [/Ms$/, 'ms', 'ms'],
    [/(S|Sec)$/, 's', 's'],
  ];
  for (const [re, unit, code] of table) if (re.test(key)) return { unit, code };
  return null;
}

const UCUM_OF: Record<MeasureUnit, { unit: string; code: string } | null> = {
  deg: { unit: 'deg', code: 'deg' }, s: { unit: 's', code: 's' }, pct: { unit: '%', code: '%' }, count: { unit: '{count}', code: '{count}' },
  score: { unit: '{score}', code: '{score}' }, cm: { unit: 'cm', code: 'cm' }, hz: { unit: 'Hz', code: 'Hz' }, 'deg-per-s': { unit: 'deg/s', code: 'deg/s' }, 'per-min': { unit: '/min', code: '/min' },
  uv: { unit: 'uV', code: 'uV' }, ms: { unit: 'ms', code: 'ms' },
};
function quantity(value: number, key: string): Quantity {
  const def = measureDef(key);
  const u = def !== null ? UCUM_OF[def.unit] : unitFromKey(key);
  return u === null ? { value } : { value, unit: u.unit, system: UCUM, code: u.code };
}

// ------------------------------------------------------------ builders
interface Ctx {
  readonly subject: Reference<Patient>;
  readonly entries: BundleEntry[];
  /** Prefix of the stable-id keys: '' for one person, the subject code in a cohort bundle. */
  readonly keyPrefix?: string;
  /** fullUrl of a resource (default `urn:uuid:<id>`; a server passes its own base). */
  readonly urlFor?: (resourceType: string, id: string) => string;
}
function add<T extends Resource>(ctx: Ctx, key: string, r: Omit<T, 'id'>): string {
  const id = stableUuid(`${r.resourceType}|${ctx.keyPrefix ?? ''}${key}`);
  const fullUrl = ctx.urlFor?.(r.resourceType, id) ?? `urn:uuid:${id}`;
  ctx.entries.push({ fullUrl, resource: { ...r, id } as unknown as Resource });
  return fullUrl;
}

function diary(ctx: Ctx, e: DiaryEntry): void {
  for (const site of ['neck', 'shoulders', 'head'] as const) {
    const v = e.pain[site];
    if (v === null) continue;
    add<Observation>(ctx, `${e.id}/pain/${site}`, {
      resourceType: 'Observation',
      status: 'final',
      category: survey,
      code: { coding: [{ system: LOINC, code: LOINC_PAIN_SEVERITY, display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }], text: `Pain (${site === 'head' ? 'headache' : site})` },
      subject: ctx.subject,
      effectiveDateTime: dt(e.atMs),
      bodySite: geste(`site-${site}`, site === 'head' ? 'Head (headache)' : site === 'neck' ? 'Neck' : 'Shoulders'),
      valueInteger: v,
    });
  }
  const comps: ObservationComponent[] = [];
  for (const s of SYMPTOMS) { const v = e.symptoms[s]; if (v !== null) comps.push({ code: geste(`symptom-${s}`), valueInteger: v }); }
  for (const a of ACTIVITIES) { const v = e.impact[a]; if (v !== null) comps.push({ code: geste(`impact-${a}`), valueInteger: v }); }
  if (e.stress !== null) comps.push({ code: geste('stress'), valueInteger: e.stress });
  if (e.mood !== null) comps.push({ code: geste('mood'), valueInteger: e.mood });
  if (comps.length === 0 && e.note.trim() === '') return;
  add<Observation>(ctx, `${e.id}/diary`, {
    resourceType: 'Observation',
    status: 'final',
    category: survey,
    code: geste('diary-entry', e.period === 'week' ? 'Weekly symptom diary' : 'Daily symptom diary'),
    subject: ctx.subject,
    effectiveDateTime: dt(e.atMs),
    ...(comps.length > 0 ? { component: comps } : {}),
    ...notes(e.note),
  });
}

function session(ctx: Ctx, s: MeasurementSession, partOf: string | undefined): void {
  const comps: ObservationComponent[] = [];
  const absent = { dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: 'unknown', display: 'Unknown' }], text: 'not measurable' } };
  for (const [k, v] of Object.entries(s.measures).sort(([a], [b]) => a.localeCompare(b)))
    comps.push({ code: geste(`measure.${k}`), ...(v === null ? absent : { valueQuantity: quantity(v, k) }) });
  for (const [k, v] of Object.entries(s.items).sort(([a], [b]) => a.localeCompare(b)))
    comps.push({ code: geste(`item.${k}`, `Objective severity item: ${k}`), ...(v === null ? absent : Number.isInteger(v) ? { valueInteger: v } : { valueQuantity: { value: v } }) });
  if (s.trick !== null)
    comps.push({ code: geste('trick-reduction', `Sensory trick: ${s.trick.name}`), ...(s.trick.reductionPct === null ? absent : { valueQuantity: { value: s.trick.reductionPct, unit: '%', system: UCUM, code: '%' } }) });
  add<Observation>(ctx, `${s.id}/session`, {
    resourceType: 'Observation',
    status: 'final',
    category: exam,
    code: geste('measurement-session', `Geste ${s.kind} session${s.neutral === null ? '' : ` (${s.neutral} neutral)`}`),
    subject: ctx.subject,
    ...(s.endedAtMs === null ? { effectiveDateTime: dt(s.startedAtMs) } : { effectivePeriod: { start: dt(s.startedAtMs), end: dt(s.endedAtMs) } }),
    ...(partOf === undefined ? {} : { partOf: [{ reference: partOf }] }),
    ...(comps.length > 0 ? { component: comps } : {}),
    ...notes(s.note),
  });
}

function treatment(ctx: Ctx, t: Treatment, procedureUrls: Map<string, string>): void {
  const proc = (code: string, atMs: number, text: string) =>
    add<Procedure>(ctx, `${t.id}/procedure`, {
      resourceType: 'Procedure',
      status: 'completed',
      code: geste(code, text),
      subject: ctx.subject,
      performedDateTime: dt(atMs),
      ...notes(t.note),
    });
  switch (t.kind) {
    case 'botulinum': {
      const ext = [
        ...(t.totalUnits === null ? [] : [{ url: `${GESTE_EXTENSION_BASE}toxin-session-total`, valueQuantity: { value: t.totalUnits, unit: 'U', system: UCUM, code: '[U]' } }]),
        ...(t.dilutionUnitsPerMl === null ? [] : [{ url: `${GESTE_EXTENSION_BASE}toxin-dilution`, valueQuantity: { value: t.dilutionUnitsPerMl, unit: 'U/mL', system: UCUM, code: '[U]/mL' } }]),
        { url: `${GESTE_EXTENSION_BASE}blinded`, valueBoolean: t.blinded },
        { url: `${GESTE_EXTENSION_BASE}placebo`, valueBoolean: t.placebo },
        // A visit logged without muscles or total has no dosage (mad-1) to carry the method: the guidance travels here.
        ...(t.injections.length === 0 && t.totalUnits === null ? [{ url: `${GESTE_EXTENSION_BASE}toxin-guidance`, valueCode: t.guidance }] : []),
      ];
      const base = {
        resourceType: 'MedicationAdministration' as const,
        extension: ext,
        identifier: [{ system: GESTE_RECORD_ID_SYSTEM, value: t.id }],
        status: 'completed' as const,
        medicationCodeableConcept: { coding: [{ system: GESTE_CODE_SYSTEM, code: `toxin.${t.productCode}`, display: GESTE_CODES[`toxin.${t.productCode}`] ?? t.productCode }], text: t.product },
        subject: ctx.subject,
        effectiveDateTime: dt(t.atMs),
        ...(t.clinician.trim() === '' ? {} : { performer: [{ actor: { display: t.clinician } }] }),
        ...notes(t.note),
      };
      const method = geste(`guidance-${t.guidance}`);
      const urls: string[] = [];
      const u = (value: number) => ({ value, unit: 'U', system: UCUM, code: '[U]' });
      // mad-1: a dosage needs a dose or rate, so a visit logged without muscles or total carries only the method.
      if (t.injections.length === 0)
        urls.push(add<MedicationAdministration>(ctx, `${t.id}/admin`, { ...base, ...(t.totalUnits === null ? {} : { dosage: { text: `${formatUnits(t.totalUnits)} U in total`, method, dose: u(t.totalUnits) } }) }));
      t.injections.forEach((j, i) =>
        urls.push(
          add<MedicationAdministration>(ctx, `${t.id}/admin/${i}`, {
            ...base,
            dosage: {
              text: `${j.muscle} (${j.side}): ${formatUnits(j.units)} U`,
              site: { ...(j.muscleCode === null ? {} : { coding: [{ system: GESTE_CODE_SYSTEM, code: `muscle.${j.muscleCode.replace(/ /g, '-')}`, display: j.muscleCode }] }), text: `${j.muscle} (${j.side})` },
              method,
              dose: u(j.units),
            },
          }),
        ),
      );
      const partOf = urls.map((reference) => ({ reference }));
      if (t.effectStartedAtMs !== null)
        add<Observation>(ctx, `${t.id}/onset`, { resourceType: 'Observation', status: 'final', category: survey, code: geste('toxin-effect-onset'), subject: ctx.subject, partOf, effectiveDateTime: dt(t.effectStartedAtMs), valueDateTime: dt(t.effectStartedAtMs) });
      if (t.effectWoreOffAtMs !== null)
        add<Observation>(ctx, `${t.id}/wear-off`, { resourceType: 'Observation', status: 'final', category: survey, code: geste('toxin-effect-wear-off'), subject: ctx.subject, partOf, effectiveDateTime: dt(t.effectWoreOffAtMs), valueDateTime: dt(t.effectWoreOffAtMs) });
      return;
    }
    case 'oral':
      t.doses.forEach((d, i) => {
        const next = t.doses[i + 1];
        const endMs = next?.fromMs ?? t.stoppedAtMs;
        add<MedicationStatement>(ctx, `${t.id}/dose/${i}`, {
          resourceType: 'MedicationStatement',
          status: endMs === null ? 'active' : 'completed',
          medicationCodeableConcept: { text: t.name },
          subject: ctx.subject,
          effectivePeriod: { start: dt(d.fromMs), ...(endMs === null ? {} : { end: dt(endMs) }) },
          dosage: [
            {
              text: `${d.amount} ${d.unit} ${d.timesPerDay} times a day`,
              ...(Number.isInteger(d.timesPerDay) ? { timing: { repeat: { frequency: d.timesPerDay, period: 1, periodUnit: 'd' as const } } } : {}),
              doseAndRate: [{ doseQuantity: { value: d.amount, unit: d.unit } }],
            },
          ],
          ...notes(t.note),
        });
      });
      return;
    case 'therapy':
      proc(`therapy-${t.modality}`, t.atMs, `${t.modality}${t.durationMin === null ? '' : `, ${t.durationMin} min`}`);
      return;
    case 'biofeedback':
      procedureUrls.set(t.sessionId, proc('biofeedback', t.atMs, 'Biofeedback session'));
      return;
    case 'surgery':
      proc('surgery', t.atMs, t.procedure);
      return;
    case 'dbs-implant':
      proc('dbs-implant', t.atMs, `DBS implant${t.target === '' ? '' : `, target ${t.target}`}, leads ${t.leads}`);
      return;
    case 'dbs-setting':
      add<Observation>(ctx, `${t.id}/dbs`, {
        resourceType: 'Observation',
        status: 'final',
        code: geste('dbs-setting', `DBS setting, ${t.side} side (logged fact; Geste controls no device)`),
        subject: ctx.subject,
        effectiveDateTime: dt(t.atMs),
        component: [
          ...(t.contacts.trim() === '' ? [] : [{ code: geste('dbs-contacts'), valueString: t.contacts }]),
          { code: geste('dbs-amplitude'), valueQuantity: { value: t.amplitude, unit: t.amplitudeUnit, system: UCUM, code: t.amplitudeUnit } },
          { code: geste('dbs-pulse-width'), valueQuantity: { value: t.pulseWidthUs, unit: 'us', system: UCUM, code: 'us' } },
          { code: geste('dbs-frequency'), valueQuantity: { value: t.frequencyHz, unit: 'Hz', system: UCUM, code: 'Hz' } },
        ],
        ...notes(t.note),
      });
      return;
  }
}

const CAUSE_TEXT: Record<(typeof POSSIBLE_CAUSES)[number], string> = {
  parkinsonsDisease: "Parkinson's disease",
  dopamineBlockingMedicine: 'Dopamine-blocking medicine (for example some antipsychotics)',
  headNeckShoulderInjury: 'Injury to head, neck or shoulders',
  familyHistory: 'Family history of dystonia or tremor',
  mentalHealthCondition: 'Mental-health condition',
  presentSinceBirth: 'Present since birth',
};

function history(ctx: Ctx, h: HistoryIntake): void {
  const item: QuestionnaireResponseItem[] = [];
  const str = (linkId: string, text: string, v: string) => { if (v.trim() !== '') item.push({ linkId, text, answer: [{ valueString: v }] }); };
  if (h.onsetAgeYears !== null) item.push({ linkId: 'onsetAgeYears', text: 'Age at onset (years)', answer: [{ valueInteger: h.onsetAgeYears }] });
  str('onsetMode', 'How it began', h.onsetMode);
  str('course', 'Course since onset', h.course);
  const causes: QuestionnaireResponseItem[] = [];
  for (const c of POSSIBLE_CAUSES) { const a = h.possibleCauses[c]; if (a !== null) causes.push({ linkId: `cause.${c}`, text: CAUSE_TEXT[c], answer: [{ valueString: a }] }); }
  if (causes.length > 0) item.push({ linkId: 'causes', text: 'Possible causes named by the clinical literature', item: causes });
  str('causeDetails', 'Details', h.causeDetails);
  const fam = h.familyMembers.map((m, i): QuestionnaireResponseItem => ({
    linkId: `family.${i}`,
    text: 'Family member',
    item: [{ linkId: `family.${i}.relation`, text: 'Relation', answer: [{ valueString: m.relation }] }, ...(m.condition.trim() === '' ? [] : [{ linkId: `family.${i}.condition`, text: 'Condition', answer: [{ valueString: m.condition }] }])],
  }));
  if (fam.length > 0) item.push({ linkId: 'family', text: 'Family history', item: fam });
  str('note', 'Note', h.note);
  add<QuestionnaireResponse>(ctx, `${h.id}/history`, {
    resourceType: 'QuestionnaireResponse',
    questionnaire: GESTE_HISTORY_QUESTIONNAIRE,
    status: 'completed',
    subject: ctx.subject,
    authored: dt(h.recordedAtMs),
    ...(item.length > 0 ? { item } : {}),
  });
}

/** A rated scale as a coded Observation: Geste code `scale.<scale>`, rater role, version and visit as components. */
function rating(ctx: Ctx, r: RatedScale): void {
  const comps: ObservationComponent[] = [
    { code: geste('scale-rater-role'), valueCodeableConcept: geste(`rater-${r.raterRole}`) },
    ...(r.version.trim() === '' ? [] : [{ code: geste('scale-version'), valueString: r.version }]),
    ...(r.visitLabel.trim() === '' ? [] : [{ code: geste('visit-label'), valueString: r.visitLabel }]),
  ];
  const absent = { dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: 'not-asked', display: 'Not Asked' }] } };
  for (const [k, v] of Object.entries(r.items).sort(([a], [b]) => a.localeCompare(b)))
    comps.push({ code: geste(`scale-item.${k}`, `Item ${k}`), ...(v === null ? absent : { valueQuantity: { value: v } }) });
  add<Observation>(ctx, `${r.id}/rating`, {
    resourceType: 'Observation',
    identifier: [{ system: GESTE_RECORD_ID_SYSTEM, value: r.id }],
    status: 'final',
    category: r.raterRole === 'patient' ? survey : exam,
    code: geste(`scale.${r.scale}`, `${RATING_SCALE_INFO[r.scale].label} (${r.raterRole}-rated)`),
    subject: ctx.subject,
    effectiveDateTime: dt(r.atMs),
    ...(r.raterName.trim() === '' ? {} : { performer: [{ display: r.raterName }] }),
    ...(r.total === null ? { dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: 'not-asked', display: 'Not Asked' }], text: 'only items entered' } } : { valueQuantity: { value: r.total } }),
    component: comps,
    ...notes(r.note),
  });
}

/**
 * One Bundle for a cohort: each person's records under their own Patient (ids keyed by subject code,
 * so two people's record ids never collide).
 */
export function toFhirCohortBundle(subjects: ReadonlyArray<{ readonly key: string; readonly records: readonly GesteRecord[] }>, opts: FhirExportOptions): Bundle {
  const entries = subjects.flatMap((s) => toFhirBundle(s.records, { ...opts, keyPrefix: `${s.key}|` }).entry ?? []);
  return { resourceType: 'Bundle', type: 'collection', timestamp: dt(opts.generatedAtMs), entry: entries };
}

/**
 * The FHIR resources of one record (with their fullUrls), for a subject that already exists elsewhere
 * (e.g. the server's Patient/<id>). Each carries the record's clinical date, never a sync time.
 * Links between records (a biofeedback session's Procedure) need `toFhirBundle`.
 */
export function recordFhirEntries(r: GesteRecord, subject: Reference<Patient>, urlFor?: (resourceType: string, id: string) => string): BundleEntry[] {
  const entries: BundleEntry[] = [];
  const c: Ctx = { subject, entries, ...(urlFor === undefined ? {} : { urlFor }) };
  if (r.type === 'treatment') treatment(c, r, new Map());
  else if (r.type === 'diary') diary(c, r);
  else if (r.type === 'session') session(c, r, undefined);
  else if (r.type === 'history') history(c, r);
  else if (r.type === 'rating') rating(c, r);
  return entries;
}

/** Builds the Bundle. Reminder settings are app settings and are not exported. */
export function toFhirBundle(records: readonly GesteRecord[], opts: FhirExportOptions & { readonly keyPrefix?: string }): Bundle {
  const profile = records.find((r): r is PatientProfile => r.type === 'patient');
  const entries: BundleEntry[] = [];
  const patient: Omit<Patient, 'id'> = {
    resourceType: 'Patient',
    ...(profile === undefined ? {} : { identifier: [{ system: GESTE_RECORD_ID_SYSTEM, value: profile.id }] }),
    ...(profile !== undefined && profile.displayName.trim() !== '' ? { name: [{ text: profile.displayName }] } : {}),
    ...(profile?.birthYear != null ? { birthDate: String(profile.birthYear) } : {}),
  };
  const keyPrefix = opts.keyPrefix ?? '';
  const ctx: Ctx = { subject: { reference: '' }, entries, keyPrefix };
  const patientUrl = add<Patient>(ctx, `patient/${profile?.id ?? 'self'}`, patient);
  const c: Ctx = { subject: { reference: patientUrl }, entries, keyPrefix };
  const procedureUrls = new Map<string, string>();
  for (const r of records) if (r.type === 'treatment') treatment(c, r, procedureUrls);
  for (const r of records) {
    if (r.type === 'diary') diary(c, r);
    else if (r.type === 'session') session(c, r, procedureUrls.get(r.id));
    else if (r.type === 'history') history(c, r);
    else if (r.type === 'rating') rating(c, r);
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp: dt(opts.generatedAtMs), entry: entries };
}
