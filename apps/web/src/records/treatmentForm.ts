/** Treatment form state (autosaved as a draft) and its conversion to a record. Pure. */
import { formatUnits, muscleFromText, productFromText, toxinTotalUnits, type CervicalMuscle, type ProductCode, type Treatment, type TreatmentKind } from '@geste/core';
import { translate } from '../i18n/i18n.tsx';
import type { Tr } from './formWords.ts';

/** `muscleCode` '' = not on the list: the free-text `muscle` is stored as written. */
export interface MuscleRow { muscleCode: CervicalMuscle | ''; muscle: string; side: 'left' | 'right' | 'both'; units: string }
export interface TreatmentDraft {
  kind: TreatmentKind;
  day: string;
  note: string;
  product: string;
  productCode: ProductCode;
  totalUnits: string;
  dilutionUnitsPerMl: string;
  blinded: boolean;
  placebo: boolean;
  /** Past dates ("YYYY-MM-DD") when the effect was noticed to start / wear off; '' = not (yet). */
  effectStartedDay: string;
  effectWoreOffDay: string;
  guidance: 'none' | 'emg' | 'ultrasound' | 'electrical-stimulation' | 'other';
  clinician: string;
  muscles: MuscleRow[];
  name: string;
  amount: string;
  unit: 'mg' | 'µg' | 'mL' | 'tablet';
  timesPerDay: string;
  modality: 'physiotherapy' | 'heat' | 'massage' | 'counselling' | 'stress-management';
  durationMin: string;
  procedure: string;
  target: string;
  leads: 'left' | 'right' | 'both';
  side: 'left' | 'right';
  contacts: string;
  amplitude: string;
  amplitudeUnit: 'mA' | 'V';
  pulseWidthUs: string;
  frequencyHz: string;
}

export function emptyTreatmentDraft(day: string): TreatmentDraft {
  return {
    kind: 'botulinum', day, note: '', product: '', productCode: 'onabotulinumtoxinA', totalUnits: '', dilutionUnitsPerMl: '', blinded: false, placebo: false,
    effectStartedDay: '', effectWoreOffDay: '', guidance: 'none', clinician: '', muscles: [{ muscleCode: '', muscle: '', side: 'left', units: '' }],
    name: '', amount: '', unit: 'mg', timesPerDay: '1', modality: 'physiotherapy', durationMin: '', procedure: '', target: '', leads: 'both',
    side: 'left', contacts: '', amplitude: '', amplitudeUnit: 'mA', pulseWidthUs: '', frequencyHz: '',
  };
}

/** A draft saved by an older version (before toxin v2) gets the new fields' defaults. */
export function normalizeTreatmentDraft(loaded: Partial<TreatmentDraft> | undefined, day: string): TreatmentDraft {
  const base = emptyTreatmentDraft(day);
  if (loaded === undefined) return base;
  const muscles = (loaded.muscles ?? base.muscles).map((m) => ({ ...m, muscleCode: m.muscleCode ?? muscleFromText(m.muscle) ?? '' }));
  const productCode = loaded.productCode ?? (loaded.product === undefined || loaded.product.trim() === '' ? base.productCode : (productFromText(loaded.product) ?? 'other'));
  return { ...base, ...loaded, productCode, muscles };
}

/** A number typed by a person ("2,5" and "10 000" accepted), NaN when not a number so validation names the field. */
export const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')));
const numOrNull = (s: string): number | null => (s.trim() === '' ? null : num(s));

/** Builds the record; validation (core) then says what is wrong, field by field. `dayToMs` turns "YYYY-MM-DD" into a time. */
export function treatmentFromDraft(d: TreatmentDraft, id: string, atMs: number, dayToMs: (day: string) => number | null = () => null): Treatment {
  const base = { type: 'treatment' as const, schemaVersion: 2 as const, id, note: d.note };
  switch (d.kind) {
    case 'botulinum': {
      const product = d.product.trim() !== '' ? d.product : d.productCode === 'other' || d.productCode === 'unknown' ? d.product : d.productCode;
      const day = (s: string) => (s.trim() === '' ? null : (dayToMs(s) ?? Number.NaN));
      return {
        ...base, kind: 'botulinum', atMs, product, productCode: d.productCode, totalUnits: numOrNull(d.totalUnits), dilutionUnitsPerMl: numOrNull(d.dilutionUnitsPerMl),
        blinded: d.blinded, placebo: d.placebo, guidance: d.guidance, clinician: d.clinician,
        injections: d.muscles
          .filter((m) => m.muscle.trim() !== '' || m.muscleCode !== '' || m.units.trim() !== '')
          .map((m) => ({ muscle: m.muscleCode !== '' && m.muscle.trim() === '' ? m.muscleCode : m.muscle, muscleCode: m.muscleCode === '' ? muscleFromText(m.muscle) : m.muscleCode, side: m.side, units: num(m.units) })),
        effectStartedAtMs: day(d.effectStartedDay), effectWoreOffAtMs: day(d.effectWoreOffDay),
      };
    }
    case 'oral':
      return { ...base, kind: 'oral', name: d.name, startedAtMs: atMs, stoppedAtMs: null, doses: [{ fromMs: atMs, amount: num(d.amount), unit: d.unit, timesPerDay: num(d.timesPerDay) }] };
    case 'therapy':
      return { ...base, kind: 'therapy', modality: d.modality, atMs, durationMin: numOrNull(d.durationMin) };
    case 'surgery':
      return { ...base, kind: 'surgery', atMs, procedure: d.procedure };
    case 'dbs-implant':
      return { ...base, kind: 'dbs-implant', atMs, target: d.target, leads: d.leads };
    case 'dbs-setting':
      return { ...base, kind: 'dbs-setting', atMs, side: d.side, contacts: d.contacts, amplitude: num(d.amplitude), amplitudeUnit: d.amplitudeUnit, pulseWidthUs: num(d.pulseWidthUs), frequencyHz: num(d.frequencyHz) };
    case 'biofeedback':
      // Biofeedback entries are created automatically from saved sessions, never typed.
      return { ...base, kind: 'biofeedback', atMs, sessionId: '' };
  }
}

/** The biofeedback treatment entry linked to a saved biofeedback session (idempotent id). */
export function biofeedbackLink(session: { id: string; startedAtMs: number }): Treatment {
  return { type: 'treatment', schemaVersion: 2, id: `bio-${session.id}`.slice(0, 64), note: '', kind: 'biofeedback', atMs: session.startedAtMs, sessionId: session.id };
}

export function treatmentTime(t: Treatment): number {
  return t.kind === 'oral' ? t.startedAtMs : t.atMs;
}

/** A stored entry back into the form, to change it. `dayOf` turns a time into the form's "YYYY-MM-DD". */
export function draftFromTreatment(t: Treatment, dayOf: (ms: number) => string): TreatmentDraft {
  const base = { ...emptyTreatmentDraft(dayOf(treatmentTime(t))), kind: t.kind, note: t.note };
  const str = (n: number | null) => (n === null ? '' : String(n));
  switch (t.kind) {
    case 'botulinum':
      return {
        ...base, product: t.product === t.productCode ? '' : t.product, productCode: t.productCode, totalUnits: str(t.totalUnits), dilutionUnitsPerMl: str(t.dilutionUnitsPerMl),
        blinded: t.blinded, placebo: t.placebo, guidance: t.guidance, clinician: t.clinician,
        effectStartedDay: t.effectStartedAtMs === null ? '' : dayOf(t.effectStartedAtMs), effectWoreOffDay: t.effectWoreOffAtMs === null ? '' : dayOf(t.effectWoreOffAtMs),
        muscles: t.injections.length === 0 ? base.muscles : t.injections.map((j) => ({ muscleCode: j.muscleCode ?? '', muscle: j.muscleCode !== null && j.muscle === j.muscleCode ? '' : j.muscle, side: j.side, units: String(j.units) })),
      };
    case 'oral': {
      const first = t.doses[0]!;
      return { ...base, name: t.name, amount: String(first.amount), unit: first.unit, timesPerDay: String(first.timesPerDay) };
    }
    case 'therapy':
      return { ...base, modality: t.modality, durationMin: str(t.durationMin) };
    case 'surgery':
      return { ...base, procedure: t.procedure };
    case 'dbs-implant':
      return { ...base, target: t.target, leads: t.leads };
    case 'dbs-setting':
      return { ...base, side: t.side, contacts: t.contacts, amplitude: String(t.amplitude), amplitudeUnit: t.amplitudeUnit, pulseWidthUs: String(t.pulseWidthUs), frequencyHz: String(t.frequencyHz) };
    case 'biofeedback':
      return base;
  }
}

/**
 * The changed version of a stored entry: the same id (sync sends it as a new version of the same
 * record; the clinic server keeps every version), its time kept unless the day was changed. A
 * medicine keeps its later dose changes and its stop date; the form changes its start and first dose.
 */
export function treatmentFromEdit(d: TreatmentDraft, editing: Treatment, dayToMs: (day: string) => number | null, dayOf: (ms: number) => string): Treatment {
  const was = treatmentTime(editing);
  const at = dayOf(was) === d.day ? was : (dayToMs(d.day) ?? Number.NaN);
  const rec = treatmentFromDraft({ ...d, kind: editing.kind === 'biofeedback' ? d.kind : d.kind }, editing.id, at, dayToMs);
  if (rec.kind === 'oral' && editing.kind === 'oral') return { ...rec, doses: [rec.doses[0]!, ...editing.doses.slice(1)], stoppedAtMs: editing.stoppedAtMs };
  if (rec.kind === 'biofeedback' && editing.kind === 'biofeedback') return { ...rec, sessionId: editing.sessionId };
  return rec;
}

/** How the words of a description are made: the i18n layer's `t` and a number format. */
export interface Words {
  t: Tr;
  /** A dose or setting number (default: core's formatUnits, at most 2 decimals, no grouping). */
  units?: (n: number) => string;
}
const EN_WORDS: Words = { t: (k, v) => translate('en', k, v) };

/**
 * Doses and settings in the person's locale ("37,5" in Spanish), at most 2 decimals and never grouped:
 * "10.000 U" would read as ten units to an English reader of a Spanish record.
 */
export function unitsFormat(lang: string): (n: number) => string {
  const f = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false });
  return (n) => f.format(n);
}

/** The muscle's name: the listed name in the person's language, or as written. */
export function muscleWords(j: { muscle: string; muscleCode: CervicalMuscle | null }, t: Tr): string {
  return j.muscleCode !== null && j.muscle === j.muscleCode ? t(`rec.muscle.${j.muscleCode}`) : j.muscle;
}

export function describeTreatment(t: Treatment, w: Words = EN_WORDS): string {
  const tr = w.t;
  const u = w.units ?? formatUnits;
  const side = (s: 'left' | 'right' | 'both') => tr(`rec.side.${s}`);
  switch (t.kind) {
    case 'botulinum': {
      const total = toxinTotalUnits(t);
      const flags = [t.blinded ? tr('rec.tr.d.blinded') : '', t.placebo ? tr('rec.tr.d.placebo') : ''].filter((x) => x !== '').join(', ');
      const named = t.productCode !== 'other' && t.productCode !== 'unknown' && t.product !== t.productCode ? `${t.product} (${t.productCode})` : t.product || (t.productCode === 'unknown' ? tr('rec.tr.d.productUnknown') : t.productCode);
      return tr('rec.tr.d.toxin', { product: named })
        + (total === null ? '' : tr('rec.tr.d.total', { units: u(total) }) + (t.totalUnits === null ? '' : tr('rec.tr.d.asWritten')))
        + (t.injections.length > 0 ? ` — ${t.injections.map((j) => tr('rec.tr.d.injection', { muscle: muscleWords(j, tr), side: side(j.side), units: u(j.units) })).join(', ')}` : '')
        + (t.dilutionUnitsPerMl === null ? '' : tr('rec.tr.d.dilution', { units: u(t.dilutionUnitsPerMl) }))
        + tr('rec.tr.d.guidance', { guidance: tr(`rec.tr.guidance.${t.guidance}`) })
        + (flags === '' ? '' : ` [${flags}]`);
    }
    case 'oral': {
      const d = t.doses[t.doses.length - 1]!;
      const changes = t.doses.length - 1;
      return tr('rec.tr.d.oral', { name: t.name, amount: u(d.amount), unit: d.unit === 'tablet' ? tr('rec.tr.unit.tablet') : d.unit, times: u(d.timesPerDay) })
        + (changes === 0 ? '' : changes === 1 ? tr('rec.tr.d.doseChange') : tr('rec.tr.d.doseChanges', { n: changes }))
        + (t.stoppedAtMs === null ? '' : tr('rec.tr.d.stopped'));
    }
    case 'therapy':
      return tr(`rec.tr.modality.${t.modality}`) + (t.durationMin === null ? '' : tr('rec.tr.d.minutes', { n: u(t.durationMin) }));
    case 'biofeedback':
      return tr('rec.tr.d.biofeedback');
    case 'surgery':
      return tr('rec.tr.d.surgery', { procedure: t.procedure });
    case 'dbs-implant':
      return tr('rec.tr.d.implant', { target: t.target === '' ? '' : tr('rec.tr.d.implantTarget', { target: t.target }), leads: side(t.leads) });
    case 'dbs-setting':
      return tr('rec.tr.d.setting', { side: side(t.side), contacts: t.contacts || '—', amplitude: u(t.amplitude), unit: t.amplitudeUnit, pulse: u(t.pulseWidthUs), freq: u(t.frequencyHz) });
  }
}
