/**
 * Form errors in the words of the form (issue 17): a RecordError's path ("familyMembers[0].relation",
 * "pulseWidthUs") becomes the label the person sees ("Relative 1 — Relation", "Pulse width (µs)"),
 * and the message says what to do there, not what the schema expected. Pure.
 */
import type { RecordError } from '@geste/core';

/** Labels of the fields as the records screens show them, by the last part of the path. */
const FIELD: Record<string, string> = {
  atMs: 'Date',
  day: 'Day',
  startedAtMs: 'Started on',
  stoppedAtMs: 'Stopped on',
  effectStartedAtMs: 'Effect noticed on',
  effectWoreOffAtMs: 'Effect wore off on',
  product: 'Product',
  clinician: 'Clinician',
  guidance: 'Guidance',
  muscle: 'Muscle',
  side: 'Side',
  units: 'Units',
  name: 'Name',
  amount: 'Amount',
  unit: 'Unit',
  timesPerDay: 'Times a day',
  durationMin: 'Minutes',
  procedure: 'Procedure',
  target: 'Target',
  leads: 'Leads',
  contacts: 'Contacts',
  amplitude: 'Amplitude',
  amplitudeUnit: 'Unit',
  pulseWidthUs: 'Pulse width (µs)',
  frequencyHz: 'Frequency (Hz)',
  relation: 'Relation',
  condition: 'Condition',
  note: 'Note',
  causeDetails: 'Details',
  neck: 'Neck pain',
  shoulders: 'Shoulder pain',
  head: 'Headache',
  pulling: 'Pulling',
  spasms: 'Spasms',
  jerks: 'Jerks',
  tremor: 'Tremor',
  stress: 'Stress',
  mood: 'Mood',
  timeOfDay: 'At',
  weekday: 'On',
};
/** Rows of repeated groups: "Relative 2", "Muscle 1", "Dose 3". */
const ROW: Record<string, string> = { familyMembers: 'Relative', injections: 'Muscle', doses: 'Dose' };

/** "Relative 1 — Relation" for "familyMembers[0].relation"; '' for the whole record. */
export function fieldLabel(path: string): string {
  if (path === '') return '';
  const parts: string[] = [];
  const re = /([A-Za-z]+)(?:\[(\d+)\])?/g;
  const segs = [...path.matchAll(re)];
  for (const [i, m] of segs.entries()) {
    const key = m[1] as string;
    const idx = m[2];
    if (idx !== undefined && ROW[key]) parts.push(`${ROW[key]} ${Number(idx) + 1}`);
    else if (i === segs.length - 1) parts.push(FIELD[key] ?? key.replace(/([A-Z])/g, ' $1').toLowerCase().replace(/^./, (c) => c.toUpperCase()));
  }
  return parts.join(' — ');
}

const DO: Record<RecordError['code'], string> = {
  'not-json': 'choose the complete file as Geste saved it',
  'too-large': 'choose a smaller file',
  'not-a-backup': 'choose a file that Geste saved',
  'unsupported-version': 'update Geste, then try again',
  'unknown-record-type': 'update Geste, then try again',
  'missing-field': 'fill this in',
  'wrong-type': 'enter a number here (digits, with a point or comma for decimals), or leave it empty if it is optional',
  'out-of-range': 'enter a value',
  'bad-format': 'use the format shown',
  'unsafe-text': 'remove angle-bracket tags (like <b>) and invisible characters',
  'duplicate-id': 'save it again',
  'too-many-records': 'choose a smaller file',
  inconsistent: 'correct it so it comes',
};

/** One sentence for a person: the field they see, then what to do there. */
export function formErrorWords(e: RecordError): string {
  const where = fieldLabel(e.path);
  let what = DO[e.code];
  if (e.code === 'out-of-range') what = `enter ${e.expected}`;
  if (e.code === 'inconsistent') what = `correct it so it is ${e.expected}`;
  if (e.code === 'bad-format') what = `use ${e.expected}`;
  if (e.code === 'missing-field') what = 'fill this in, or remove the row if you do not need it';
  if (e.code === 'wrong-type' && /text|string/.test(e.expected)) what = 'enter text here';
  const sentence = what.charAt(0).toUpperCase() + what.slice(1);
  return where === '' ? `${sentence}.` : `${where}: ${what}.`;
}
