/** Treatment form state (autosaved as a draft) and its conversion to a record. Pure. */
import type { Treatment, TreatmentKind } from '@geste/core';

export interface MuscleRow { muscle: string; side: 'left' | 'right' | 'both'; units: string }
export interface TreatmentDraft {
  kind: TreatmentKind;
  day: string;
  note: string;
  product: string;
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
    kind: 'botulinum', day, note: '', product: '', guidance: 'none', clinician: '', muscles: [{ muscle: '', side: 'left', units: '' }],
    name: '', amount: '', unit: 'mg', timesPerDay: '1', modality: 'physiotherapy', durationMin: '', procedure: '', target: '', leads: 'both',
    side: 'left', contacts: '', amplitude: '', amplitudeUnit: 'mA', pulseWidthUs: '', frequencyHz: '',
  };
}

/** A number typed by a person ("2,5" accepted), NaN when not a number so validation names the field. */
export const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));
const numOrNull = (s: string): number | null => (s.trim() === '' ? null : num(s));

/** Builds the record; validation (core) then says what is wrong, field by field. */
export function treatmentFromDraft(d: TreatmentDraft, id: string, atMs: number): Treatment {
  const base = { type: 'treatment' as const, schemaVersion: 1 as const, id, note: d.note };
  switch (d.kind) {
    case 'botulinum':
      return {
        ...base, kind: 'botulinum', atMs, product: d.product, guidance: d.guidance, clinician: d.clinician,
        injections: d.muscles.filter((m) => m.muscle.trim() !== '' || m.units.trim() !== '').map((m) => ({ muscle: m.muscle, side: m.side, units: num(m.units) })),
        effectStartedAtMs: null, effectWoreOffAtMs: null,
      };
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
  return { type: 'treatment', schemaVersion: 1, id: `bio-${session.id}`.slice(0, 64), note: '', kind: 'biofeedback', atMs: session.startedAtMs, sessionId: session.id };
}

export function treatmentTime(t: Treatment): number {
  return t.kind === 'oral' ? t.startedAtMs : t.atMs;
}

export function describeTreatment(t: Treatment): string {
  switch (t.kind) {
    case 'botulinum':
      return `Botulinum toxin: ${t.product}${t.injections.length > 0 ? ` — ${t.injections.map((j) => `${j.muscle} ${j.side} ${j.units} U`).join(', ')}` : ''} (guidance: ${t.guidance})`;
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
