/**
 * Every records form, fed bad values the way a person can type them, through core's real validation
 * and into the words the form shows: each error names the field as the form labels it (in English
 * and Spanish) and says what to do — never a schema path, a code name or core's English "expected".
 */
import { validateRecord, type GesteRecord, type HistoryIntake, type PatientProfile, type ReminderSetting } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { translate, type Key, type Lang } from '../i18n/i18n.tsx';
import { formErrorWords, type Tr } from './formWords.ts';
import { diaryFromDraft, emptyDiaryDraft } from './diaryForm.ts';
import { emptyRatingDraft, ratingFromDraft } from './ratingForm.ts';
import { emptyTreatmentDraft, treatmentFromDraft, type TreatmentDraft } from './treatmentForm.ts';

const AT = Date.UTC(2026, 2, 2, 12);
const dayToMs = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T12:00:00Z`) : null);
const tr = (lang: Lang): Tr => (k, v) => translate(lang, k, v);

/** The words a form shows for a record it built (the errors of core's validation). */
function shown(rec: GesteRecord, lang: Lang, labels: Readonly<Record<string, Key>> = {}): string[] {
  const v = validateRecord(rec);
  if (v.ok) throw new Error(`expected the form's record to be refused: ${JSON.stringify(rec)}`);
  return v.errors.map((e) => formErrorWords(e, tr(lang), labels));
}
const tx = (draft: Partial<TreatmentDraft>) => treatmentFromDraft({ ...emptyTreatmentDraft('2026-03-02'), ...draft }, 't1', AT, dayToMs);
const history = (p: Partial<HistoryIntake>): HistoryIntake => ({
  type: 'history', schemaVersion: 1, id: 'history', recordedAtMs: AT, onsetAgeYears: null, onsetMode: 'unknown', course: 'unknown',
  possibleCauses: { parkinsonsDisease: null, dopamineBlockingMedicine: null, headNeckShoulderInjury: null, familyHistory: null, mentalHealthCondition: null, presentSinceBirth: null },
  causeDetails: '', familyMembers: [], note: '', ...p,
});

/** Code words that must never reach a person. */
const CODE = /\(at |non-finite|expected|got |\w+\[\d+\]|[a-z]+[A-Z][a-z]+|pulseWidthUs|undefined|NaN|\{\w+\}/;
/** English words from core's `expected` that must not appear in Spanish. */
const ENGLISH = /\b(enter|number|value|choose|fill|the|at most|at least|text|a whole)\b/i;

interface Case { form: string; rec: () => GesteRecord; labels?: Readonly<Record<string, Key>>; en: RegExp; es: RegExp }
const CASES: Case[] = [
  { form: 'DBS setting, pulse width not a number (the issue)', rec: () => tx({ kind: 'dbs-setting', contacts: '1-', amplitude: '2', pulseWidthUs: 'sixty', frequencyHz: '130' }), en: /^Pulse width \(µs\): enter a number here/, es: /^Anchura de pulso \(µs\): escriba aquí un número/ },
  { form: 'DBS setting, frequency empty', rec: () => tx({ kind: 'dbs-setting', amplitude: '2', pulseWidthUs: '60', frequencyHz: '' }), en: /^Frequency \(Hz\): enter a number/, es: /^Frecuencia \(Hz\): escriba aquí un número/ },
  { form: 'toxin, muscle row with units 0', rec: () => tx({ muscles: [{ muscleCode: 'trapezius', muscle: '', side: 'left', units: '0' }] }), en: /^Muscle 1 — Units: enter a number above 0\.$/, es: /^Músculo 1 — Unidades: escriba un número mayor que 0\.$/ },
  { form: 'toxin, units typed but no muscle', rec: () => tx({ muscles: [{ muscleCode: '', muscle: '', side: 'left', units: '20' }] }), en: /^Muscle 1 — Muscle as written: fill this in, or remove the row/, es: /^Músculo 1 — Músculo tal como está escrito: rellénelo, o quite la fila/ },
  { form: 'toxin, other product without a name', rec: () => tx({ productCode: 'other', product: '' }), en: /^Name as written \(brand, lot\): fill this in\.$/, es: /^Nombre tal como está escrito \(marca, lote\): rellénelo\.$/ },
  { form: 'toxin, total not a number', rec: () => tx({ totalUnits: '2OO' }), en: /^Total units \(as written\): enter a number/, es: /^Unidades totales \(tal como están escritas\): escriba aquí un número/ },
  { form: 'toxin, effect before the injection', rec: () => tx({ effectStartedDay: '2026-02-20' }), en: /^Effect noticed to start: choose a date on or after the injection date\.$/, es: /^Inicio del efecto notado: elija una fecha igual o posterior a la de la inyección\.$/ },
  { form: 'medicine without a name, amount "two"', rec: () => tx({ kind: 'oral', name: '', amount: 'two', timesPerDay: '1' }), en: /^(Medicine: fill this in\.|Amount: enter a number)/, es: /^(Medicamento: rellénelo\.|Cantidad: escriba aquí un número)/ },
  { form: 'therapy, minutes 2000', rec: () => tx({ kind: 'therapy', durationMin: '2000' }), en: /^Minutes: enter a number of at most 1440\.$/, es: /^Minutos: escriba un número de 1440 como máximo\.$/ },
  { form: 'surgery without a procedure', rec: () => tx({ kind: 'surgery', procedure: '   ' }), en: /^Procedure: fill this in\.$/, es: /^Intervención: rellénelo\.$/ },
  { form: 'diary note with a tag', rec: () => diaryFromDraft({ ...emptyDiaryDraft('2026-03-02'), note: 'bad <b>day</b>' }, 'd1', AT, AT, false), en: /^Note: remove angle-bracket tags/, es: /^Nota: quite las etiquetas/ },
  { form: 'diary, impossible neck pain (an old draft)', rec: () => diaryFromDraft({ ...emptyDiaryDraft('2026-03-02'), pain: { neck: 11, shoulders: null, head: null } }, 'd1', AT, AT, false), en: /^Neck pain: enter a number of at most 10\.$/, es: /^Dolor de cuello: escriba un número de 10 como máximo\.$/ },
  { form: 'history, relative with a condition but no relation', rec: () => history({ familyMembers: [{ relation: '', condition: 'tremor' }] }), en: /^Relative 1 — Relation: fill this in, or remove the row/, es: /^Familiar 1 — Parentesco: rellénelo, o quite la fila/ },
  { form: 'history, onset age 200', rec: () => history({ onsetAgeYears: 200 }), en: /^Age when it began \(years\): enter a number of at most 120\.$/, es: /^Edad al empezar \(años\): escriba un número de 120 como máximo\.$/ },
  { form: 'history, "anything else" with a tag', rec: () => history({ note: '<i>x</i>' }), labels: { note: 'rec.field.historyNote' }, en: /^Anything else: remove/, es: /^Algo más: quite/ },
  { form: 'rating, total 40 on TWSTRS severity', rec: () => ratingFromDraft({ ...emptyRatingDraft('2026-03-02'), total: '40' }, 'r1', AT), en: /^Total: enter a total from 0 to 35\.$/, es: /^Total: escriba un total de 0 a 35\.$/ },
  { form: 'rating, item score "x"', rec: () => ratingFromDraft({ ...emptyRatingDraft('2026-03-02'), total: '10', items: [{ key: '3', value: 'x' }] }, 'r1', AT), en: /^Item score 3: enter a number/, es: /^Puntuación del ítem 3: escriba aquí un número/ },
  { form: 'rating, neither total nor items', rec: () => ratingFromDraft(emptyRatingDraft('2026-03-02'), 'r1', AT), en: /^Total: enter a total or at least one item score\.$/, es: /^Total: escriba un total o al menos la puntuación de un ítem\.$/ },
  { form: 'report name with a tag', rec: () => ({ type: 'patient', schemaVersion: 1, id: 'self', displayName: '<b>Ana</b>', birthYear: null }) satisfies PatientProfile, en: /^Name: remove/, es: /^Nombre: quite/ },
  { form: 'weekly reminder without a weekday', rec: () => ({ type: 'reminder', schemaVersion: 1, id: 'diary-reminder', enabled: true, cadence: 'weekly', timeOfDay: '20:00', weekday: null }) satisfies ReminderSetting, en: /^On: choose a weekday for a weekly reminder\.$/, es: /^El: elija un día de la semana/ },
];

describe('form errors name the field shown and say what to do', () => {
  for (const c of CASES) {
    it(c.form, () => {
      const en = shown(c.rec(), 'en', c.labels);
      const es = shown(c.rec(), 'es', c.labels);
      expect(en.some((s) => c.en.test(s)), en.join(' | ')).toBe(true);
      expect(es.some((s) => c.es.test(s)), es.join(' | ')).toBe(true);
      for (const s of [...en, ...es]) expect(s, s).not.toMatch(CODE);
      for (const s of es) expect(s, s).not.toMatch(ENGLISH);
    });
  }
  it('a DBS setting error never names the other kinds’ fields (only what the DBS form shows)', () => {
    const words = shown(tx({ kind: 'dbs-setting', amplitude: '', pulseWidthUs: '', frequencyHz: '' }), 'en');
    const dbsLabels = ['Amplitude', 'Pulse width (µs)', 'Frequency (Hz)'];
    expect(words.map((s) => s.split(':')[0]).sort()).toEqual([...dbsLabels].sort());
  });
});
