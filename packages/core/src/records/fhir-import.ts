/**
 * FHIR R4 import: a Bundle from Geste or from another system → one record set per Patient.
 * Imported: Patient; Observations of rated scales (Geste codes `scale.*`), pain 0–10 (LOINC 72514-3),
 * toxin effect onset/wear-off; MedicationAdministrations of botulinum toxin (grouped into one visit by
 * the Geste record id, else one visit per resource); Procedures of toxin injection, therapy and
 * surgery. Anything else — an unknown code, another resource type — is listed by entry and path and
 * refuses the import unless the person chooses to import the rest (`skipUnknown`). All-or-nothing.
 */
// ref: HL7 FHIR R4 4.0.1 — bundle.html, observation.html, medicationadministration.html, procedure.html, patient.html
import { formatRecordError } from './errors.ts';
import { GESTE_CODE_SYSTEM, GESTE_EXTENSION_BASE, GESTE_RECORD_ID_SYSTEM, LOINC, LOINC_PAIN_SEVERITY } from './fhir.ts';
import { ProblemList, showCell, type ImportResult } from './import-problems.ts';
import type { CohortImport, ImportedSubject } from './csv-import.ts';
import {
  GUIDANCE,
  RATING_SCALE_INFO,
  RATING_SCALES,
  SIDES,
  THERAPY_MODALITIES,
  type BotulinumTreatment,
  type GesteRecord,
  type MuscleInjection,
  type PatientProfile,
  type RatedScale,
  type RatingScale,
  type Treatment,
} from './schemas.ts';
import { CERVICAL_MUSCLES, PRODUCT_CODES, muscleFromText, productFromText, type CervicalMuscle, type ProductCode } from './toxin.ts';
import { validateRecord } from './validate.ts';

export interface FhirImportOptions {
  /** Import what Geste understands and list the rest as warnings (after the person chose so). */
  readonly skipUnknown?: boolean;
  readonly maxBytes?: number;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const slug = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 50) || 'x';

function codings(cc: unknown): Array<{ system: string; code: string; display: string | null }> {
  if (!isObj(cc)) return [];
  return arr(cc['coding']).flatMap((c) => (isObj(c) && typeof c['system'] === 'string' && typeof c['code'] === 'string' ? [{ system: c['system'], code: c['code'], display: str(c['display']) }] : []));
}
const gesteCode = (cc: unknown): string | null => codings(cc).find((c) => c.system === GESTE_CODE_SYSTEM)?.code ?? null;
const describeCode = (cc: unknown): string => {
  const c = codings(cc);
  const text = isObj(cc) ? str(cc['text']) : null;
  if (c.length === 0) return text === null ? 'no code' : `only the text ${showCell(text, 40)}`;
  return c.map((x) => `${x.system}|${x.code}${x.display === null ? '' : ` ${showCell(x.display, 40)}`}`).join(', ');
};
const gesteId = (r: Json): string | null => {
  for (const i of arr(r['identifier'])) if (isObj(i) && i['system'] === GESTE_RECORD_ID_SYSTEM && typeof i['value'] === 'string') return i['value'];
  return null;
};
function timeOf(r: Json, ...keys: string[]): number | null {
  for (const k of keys) {
    const v = r[k];
    const s = typeof v === 'string' ? v : isObj(v) && typeof v['start'] === 'string' ? v['start'] : null;
    if (s === null) continue;
    // A FHIR date or dateTime; a date alone is taken at noon UTC.
    const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T12:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : Number.NaN;
    if (Number.isFinite(t)) return t;
  }
  return null;
}
const noteOf = (r: Json): string => arr(r['note']).flatMap((n) => (isObj(n) && typeof n['text'] === 'string' ? [n['text']] : [])).join('\n');
const extOf = (r: Json, name: string): Json | undefined => arr(r['extension']).find((e): e is Json => isObj(e) && e['url'] === `${GESTE_EXTENSION_BASE}${name}`);
const numOf = (q: unknown): number | null => (isObj(q) && typeof q['value'] === 'number' && Number.isFinite(q['value']) ? q['value'] : null);

const SUPPORTED = 'Geste imports Patients, rated scales (Geste codes scale.*), pain 0–10 (LOINC 72514-3), botulinum toxin administrations and toxin, therapy or surgery procedures';

interface Person { key: string; url: string; profile: PatientProfile; records: GesteRecord[] }

export function importFhirBundleText(text: string, opts: FhirImportOptions = {}): ImportResult<CohortImport> {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  if (text.length > maxBytes) return { ok: false, problems: [{ code: 'too-large', severity: 'error', row: null, column: null, message: `a Bundle of at most ${Math.round(maxBytes / 1024 / 1024)} MB.` }] };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, problems: [{ code: 'not-fhir', severity: 'error', row: null, column: null, message: 'The file is not readable JSON: expected a FHIR R4 Bundle in JSON.' }] };
  }
  return importFhirBundle(data, opts);
}

export function importFhirBundle(bundle: unknown, opts: FhirImportOptions = {}): ImportResult<CohortImport> {
  const p = new ProblemList();
  if (!isObj(bundle) || bundle['resourceType'] !== 'Bundle')
    return { ok: false, problems: [{ code: 'not-fhir', severity: 'error', row: null, column: 'resourceType', message: `a FHIR R4 Bundle (resourceType "Bundle"); got ${isObj(bundle) ? showCell(String(bundle['resourceType'] ?? 'nothing')) : 'no object'}.` }] };
  const entries = arr(bundle['entry']);
  if (entries.length === 0) return { ok: false, problems: [{ code: 'empty-file', severity: 'error', row: null, column: 'entry', message: 'The Bundle has no entries.' }] };
  const unknown = (path: string, message: string, code: 'unknown-code' | 'unsupported-resource' = 'unknown-code') =>
    opts.skipUnknown === true ? p.warn(code, null, path, `${message} Not imported.`) : p.error(code, null, path, `${message} ${SUPPORTED}. Remove it from the Bundle, or choose to import the rest.`);

  // ---- patients, addressable by fullUrl and by "Patient/<id>"
  const people = new Map<string, Person>();
  const resources = entries.map((e, i) => ({ i, path: `entry[${i}]`, fullUrl: isObj(e) ? str(e['fullUrl']) : null, r: isObj(e) && isObj(e['resource']) ? e['resource'] : null }));
  for (const { i, path, fullUrl, r } of resources) {
    if (r === null) { p.error('not-fhir', null, path, 'an entry with a resource.'); continue; }
    if (r['resourceType'] !== 'Patient') continue;
    const id = str(r['id']) ?? `patient-${i}`;
    const name = arr(r['name']).find(isObj);
    const display = name === undefined ? '' : (str(name['text']) ?? [...arr(name['given']).filter((g): g is string => typeof g === 'string'), str(name['family']) ?? ''].join(' ').trim());
    const birth = str(r['birthDate']);
    const profile: PatientProfile = { type: 'patient', schemaVersion: 1, id: gesteId(r) ?? slug(id), displayName: display.slice(0, 120), birthYear: birth !== null && /^\d{4}/.test(birth) ? Number(birth.slice(0, 4)) : null };
    const person: Person = { key: display !== '' ? display : id, url: fullUrl ?? `Patient/${id}`, profile, records: [profile] };
    for (const k of [fullUrl, `Patient/${id}`]) if (k !== null) people.set(k, person);
  }
  if (people.size === 0) return { ok: false, problems: [{ code: 'bad-reference', severity: 'error', row: null, column: 'entry', message: 'The Bundle has no Patient: Geste imports records per person, so the Bundle must include the Patient they belong to.' }] };
  const subjectOf = (r: Json, path: string): Person | null => {
    const ref = isObj(r['subject']) ? str(r['subject']['reference']) : null;
    const person = ref === null ? undefined : people.get(ref);
    if (person === undefined) p.error('bad-reference', null, `${path}.subject`, `a reference to a Patient in this Bundle; got ${ref === null ? 'none' : showCell(ref, 60)}.`);
    return person ?? null;
  };

  // ---- toxin visits from MedicationAdministration (grouped) and Procedure
  const visits = new Map<string, { person: Person; t: BotulinumTreatment; urls: string[] }>();
  const urlToVisit = new Map<string, string>();
  const effects: Array<{ path: string; kind: 'onset' | 'wear-off'; atMs: number; partOf: string[] }> = [];
  for (const { i, path, fullUrl, r } of resources) {
    if (r === null) continue;
    const type = str(r['resourceType']);
    const rid = str(r['id']) ?? String(i);
    if (type === 'Patient') continue;
    if (type === 'MedicationAdministration') {
      const med = r['medicationCodeableConcept'];
      const g = gesteCode(med);
      const text = (isObj(med) ? str(med['text']) : null) ?? codings(med).map((c) => c.display ?? c.code).join(' ');
      let productCode: ProductCode | null = g !== null && g.startsWith('toxin.') && (PRODUCT_CODES as readonly string[]).includes(g.slice(6)) ? (g.slice(6) as ProductCode) : null;
      productCode ??= productFromText(`${text} ${codings(med).map((c) => c.display ?? '').join(' ')}`);
      if (productCode === null && /botulinum|botulinic/i.test(text)) productCode = 'other';
      if (productCode === null) { unknown(`${path}.medicationCodeableConcept`, `A medicine Geste does not know as botulinum toxin (${describeCode(med)}).`); continue; }
      const person = subjectOf(r, path);
      const atMs = timeOf(r, 'effectiveDateTime', 'effectivePeriod');
      if (atMs === null) { p.error('bad-date', null, `${path}.effective[x]`, 'an administration date (effectiveDateTime or effectivePeriod.start).'); continue; }
      if (person === null) continue;
      const key = `${person.url}|${gesteId(r) ?? `ma-${slug(rid)}`}`;
      let v = visits.get(key);
      if (v === undefined) {
        const dosage = isObj(r['dosage']) ? r['dosage'] : {};
        const gm = gesteCode(dosage['method']);
        const guidance = gm !== null && gm.startsWith('guidance-') && (GUIDANCE as readonly string[]).includes(gm.slice(9)) ? (gm.slice(9) as BotulinumTreatment['guidance']) : 'none';
        const performer = arr(r['performer']).find(isObj);
        const total = numOf(extOf(r, 'toxin-session-total')?.['valueQuantity']);
        const dil = numOf(extOf(r, 'toxin-dilution')?.['valueQuantity']);
        const t: BotulinumTreatment = {
          type: 'treatment', schemaVersion: 2, id: gesteId(r) ?? `inj-${slug(rid)}`, kind: 'botulinum', atMs,
          product: (text.trim() === '' ? productCode : text).slice(0, 120), productCode, totalUnits: total, dilutionUnitsPerMl: dil,
          blinded: extOf(r, 'blinded')?.['valueBoolean'] === true, placebo: extOf(r, 'placebo')?.['valueBoolean'] === true,
          injections: [], guidance, clinician: (performer !== undefined && isObj(performer['actor']) ? (str(performer['actor']['display']) ?? '') : '').slice(0, 120),
          effectStartedAtMs: null, effectWoreOffAtMs: null, note: noteOf(r),
        };
        v = { person, t, urls: [] };
        visits.set(key, v);
      }
      if (fullUrl !== null) { v.urls.push(fullUrl); urlToVisit.set(fullUrl, key); }
      urlToVisit.set(`MedicationAdministration/${rid}`, key);
      const dosage = isObj(r['dosage']) ? r['dosage'] : null;
      const dose = dosage === null ? null : dosage['dose'];
      if (dosage !== null && isObj(dose)) {
        const unit = `${str(dose['code']) ?? ''} ${str(dose['unit']) ?? ''}`.trim();
        const units = numOf(dose);
        if (units === null || units <= 0) { p.error('not-a-number', null, `${path}.dosage.dose`, `a dose in units above 0; got ${showCell(JSON.stringify(dose['value'] ?? null))}.`); continue; }
        if (unit !== '' && !/^(\[U\]|U|\[iU\]|units?|IU)(\s|$)/i.test(unit)) { p.error('unit-in-cell', null, `${path}.dosage.dose`, `a botulinum toxin dose in units (U); got ${showCell(unit)} — units of toxin are not mg or mL.`); continue; }
        const site = dosage['site'];
        if (site === undefined) {
          if (v.t.totalUnits === null) v.t = { ...v.t, totalUnits: units };
        } else {
          const siteText = (isObj(site) ? str(site['text']) : null) ?? codings(site).map((c) => c.display ?? c.code).join(' ');
          const m = /^(.*) \((left|right|both)\)$/.exec(siteText);
          const muscle = (m?.[1] ?? siteText).trim() || 'not named';
          const gcode = gesteCode(site);
          const listed = gcode !== null && gcode.startsWith('muscle.') ? gcode.slice(7).replace(/-/g, ' ') : null;
          const muscleCode: CervicalMuscle | null = listed !== null && (CERVICAL_MUSCLES as readonly string[]).includes(listed) ? (listed as CervicalMuscle) : muscleFromText(muscle);
          const side = (m?.[2] ?? (/\bleft\b/i.test(siteText) ? 'left' : /\bright\b/i.test(siteText) ? 'right' : 'both')) as MuscleInjection['side'];
          if (!(SIDES as readonly string[]).includes(side)) continue;
          v.t = { ...v.t, injections: [...v.t.injections, { muscle: muscle.slice(0, 80), muscleCode, side, units }] };
        }
      }
      continue;
    }
    if (type === 'Procedure') {
      const code = r['code'];
      const g = gesteCode(code);
      const text = (isObj(code) ? str(code['text']) : null) ?? codings(code).map((c) => c.display ?? c.code).join(' ');
      const person = subjectOf(r, path);
      const atMs = timeOf(r, 'performedDateTime', 'performedPeriod');
      const known = (g !== null && (g.startsWith('therapy-') || g === 'surgery')) || /botulinum/i.test(`${text} ${codings(code).map((c) => c.display ?? '').join(' ')}`);
      if (!known) { unknown(`${path}.code`, `A procedure Geste does not import (${describeCode(code)}).`); continue; }
      if (atMs === null) { p.error('bad-date', null, `${path}.performed[x]`, 'a procedure date (performedDateTime or performedPeriod.start).'); continue; }
      if (person === null) continue;
      const base = { type: 'treatment' as const, schemaVersion: 2 as const, id: gesteId(r) ?? `proc-${slug(rid)}`, note: noteOf(r) };
      let t: Treatment;
      if (g !== null && g.startsWith('therapy-') && (THERAPY_MODALITIES as readonly string[]).includes(g.slice(8))) {
        const min = /, (\d+(?:\.\d+)?) min$/.exec(text);
        t = { ...base, kind: 'therapy', modality: g.slice(8) as (typeof THERAPY_MODALITIES)[number], atMs, durationMin: min === null ? null : Number(min[1]) };
      } else if (g === 'surgery') t = { ...base, kind: 'surgery', atMs, procedure: text.slice(0, 200) || 'surgery' };
      else t = { ...base, kind: 'botulinum', atMs, product: text.slice(0, 120), productCode: productFromText(text) ?? 'unknown', totalUnits: null, dilutionUnitsPerMl: null, blinded: false, placebo: false, injections: [], guidance: 'none', clinician: '', effectStartedAtMs: null, effectWoreOffAtMs: null };
      person.records.push(t);
      continue;
    }
    if (type === 'Observation') {
      const code = r['code'];
      const g = gesteCode(code);
      if (g === 'toxin-effect-onset' || g === 'toxin-effect-wear-off') {
        const atMs = timeOf(r, 'valueDateTime', 'effectiveDateTime');
        if (atMs === null) { p.error('bad-date', null, `${path}.valueDateTime`, 'the date the effect was noticed.'); continue; }
        effects.push({ path, kind: g === 'toxin-effect-onset' ? 'onset' : 'wear-off', atMs, partOf: arr(r['partOf']).flatMap((x) => (isObj(x) && typeof x['reference'] === 'string' ? [x['reference']] : [])) });
        continue;
      }
      const scale: RatingScale | null = g !== null && g.startsWith('scale.') && (RATING_SCALES as readonly string[]).includes(g.slice(6)) ? (g.slice(6) as RatingScale) : null;
      const loincPain = codings(code).some((c) => c.system === LOINC && c.code === LOINC_PAIN_SEVERITY);
      const gesteDiary = loincPain && gesteCode(r['bodySite']) !== null;
      if (scale === null && (!loincPain || gesteDiary)) {
        unknown(`${path}.code`, gesteDiary ? 'A Geste diary pain score (diary entries come back through a Geste backup, not FHIR).' : `An observation with an unknown code (${describeCode(code)}).`, gesteDiary ? 'unsupported-resource' : 'unknown-code');
        continue;
      }
      const person = subjectOf(r, path);
      const atMs = timeOf(r, 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued');
      if (atMs === null) { p.error('bad-date', null, `${path}.effective[x]`, 'the date of the rating (effectiveDateTime).'); continue; }
      if (person === null) continue;
      const s: RatingScale = scale ?? 'pain-nrs';
      const comps = arr(r['component']).filter(isObj);
      const compOf = (c: string) => comps.find((x) => gesteCode(x['code']) === c);
      const roleCode = gesteCode(compOf('scale-rater-role')?.['valueCodeableConcept']);
      const cat = arr(r['category']).flatMap((c) => codings(c).map((x) => x.code));
      const raterRole = roleCode === 'rater-patient' ? 'patient' : roleCode === 'rater-clinician' ? 'clinician' : cat.includes('survey') ? 'patient' : cat.includes('exam') ? 'clinician' : RATING_SCALE_INFO[s].usualRater;
      const items: Record<string, number | null> = {};
      for (const c of comps) {
        const k = gesteCode(c['code']);
        if (k !== null && k.startsWith('scale-item.')) items[k.slice(11)] = numOf(c['valueQuantity']) ?? (typeof c['valueInteger'] === 'number' ? c['valueInteger'] : null);
      }
      const total = numOf(r['valueQuantity']) ?? (typeof r['valueInteger'] === 'number' ? r['valueInteger'] : null);
      const performer = arr(r['performer']).find(isObj);
      const rec: RatedScale = {
        type: 'rating', schemaVersion: 1, id: gesteId(r) ?? `r-${slug(rid)}`, atMs, scale: s,
        version: (str(compOf('scale-version')?.['valueString']) ?? '').slice(0, 40), items, total,
        raterRole, raterName: (performer === undefined ? '' : (str(performer['display']) ?? '')).slice(0, 120),
        visitLabel: (str(compOf('visit-label')?.['valueString']) ?? '').slice(0, 60), note: noteOf(r),
      };
      person.records.push(rec);
      continue;
    }
    unknown(`${path}.resourceType`, `A ${showCell(type ?? 'resource without a type')} resource.`, 'unsupported-resource');
  }
  for (const e of effects) {
    const key = e.partOf.map((u) => urlToVisit.get(u)).find((k) => k !== undefined);
    const v = key === undefined ? undefined : visits.get(key);
    if (v === undefined) { p.error('bad-reference', null, `${e.path}.partOf`, 'a reference to the toxin administration in this Bundle the effect belongs to.'); continue; }
    v.t = e.kind === 'onset' ? { ...v.t, effectStartedAtMs: e.atMs } : { ...v.t, effectWoreOffAtMs: e.atMs };
  }
  for (const v of visits.values()) v.person.records.push(v.t);

  // ---- validate every record with the app's own schemas
  const subjects: ImportedSubject[] = [];
  const seenPeople = new Set<Person>();
  let ratings = 0, treatments = 0;
  for (const person of people.values()) {
    if (seenPeople.has(person)) continue;
    seenPeople.add(person);
    const ids = new Set<string>();
    const order: Record<string, number> = { patient: 0, treatment: 1, rating: 2 };
    const recs = [...person.records].sort((a, b) => (order[a.type] ?? 9) - (order[b.type] ?? 9) || timeKey(a) - timeKey(b));
    for (const rec of recs) {
      const k = `${rec.type}/${rec.id}`;
      if (ids.has(k)) p.error('invalid-record', null, null, `Person ${showCell(person.key)}: two ${rec.type} records share the id ${showCell(rec.id)}.`);
      ids.add(k);
      const v = validateRecord(rec);
      if (!v.ok) for (const e of v.errors) p.error('invalid-record', null, null, `Person ${showCell(person.key)}, ${rec.type} ${showCell(rec.id)}: ${formatRecordError(e)}`);
      if (rec.type === 'rating') ratings++;
      if (rec.type === 'treatment') treatments++;
    }
    subjects.push({ key: person.key, group: null, site: null, records: recs });
  }
  if (p.hasErrors) return { ok: false, problems: p.errors() };
  return { ok: true, value: { subjects, counts: { subjects: subjects.length, ratings, treatments, missingValues: 0 } }, warnings: p.warnings() };
}

function timeKey(r: GesteRecord): number {
  switch (r.type) {
    case 'treatment': return r.kind === 'oral' ? r.startedAtMs : r.atMs;
    case 'rating': return r.atMs;
    default: return 0;
  }
}
