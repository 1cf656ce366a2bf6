/** Treatment form state (autosaved as a draft) and its conversion to a record. Pure. */
import { formatUnits, muscleFromText, productFromText, toxinTotalUnits, type CervicalMuscle, type ProductCode, type Treatment, type TreatmentKind } from '@geste/core';

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

export function describeTreatment(t: Treatment): string {
  switch (t.kind) {
    case 'botulinum': {
      const total = toxinTotalUnits(t);
      const flags = [t.blinded ? 'blinded' : '', t.placebo ? 'placebo' : ''].filter((x) => x !== '').join(', ');
      const named = t.productCode !== 'other' && t.productCode !== 'unknown' && t.product !== t.productCode ? `${t.product} (${t.productCode})` : t.product || (t.productCode === 'unknown' ? 'product not known' : t.productCode);
      return `Botulinum toxin: ${named}${total === null ? '' : `, ${formatUnits(total)} U in total${t.totalUnits === null ? '' : ' (as written)'}`}${t.injections.length > 0 ? ` — ${t.injections.map((j) => `${j.muscle} ${j.side} ${formatUnits(j.units)} U`).join(', ')}` : ''}${t.dilutionUnitsPerMl === null ? '' : `; dilution ${formatUnits(t.dilutionUnitsPerMl)} U/mL`} (guidance: ${t.guidance})${flags === '' ? '' : ` [${flags}]`}`;
    }
    case 'oral': {
      const d = t.doses[t.doses.length - 1]!;
      return `${t.name}: ${d.amount} ${d.unit} ${d.timesPerDay}× a day${t.doses.length > 1 ? ` (${t.doses.length - 1} dose change${t.doses.length > 2 ? 's' : ''})` : ''}${t.stoppedAtMs === null ? '' : ' — stopped'}`;
    }
    case 'therapy':
      return `${t.modality[0]!.toUpperCase()}${t.modality.slice(1).replace('-', ' ')}${t.durationMin === null ? '' : `, ${t.durationMin} min`}`;
    case 'biofeedback':
      return 'Biofeedback session (from the trainer)';
    case 'surgery':
      return `Surgery: ${t.procedure}`;
    case 'dbs-implant':
      return `DBS implant${t.target === '' ? '' : `, target ${t.target}`}, leads ${t.leads}`;
    case 'dbs-setting':
      return `DBS setting ${t.side}: contacts ${t.contacts || '—'}, ${t.amplitude} ${t.amplitudeUnit}, ${t.pulseWidthUs} µs, ${t.frequencyHz} Hz (logged only)`;
  }
}
