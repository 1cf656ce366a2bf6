/**
 * Form errors in the words of the form (issue 17): a RecordError's path ("familyMembers[0].relation",
 * "pulseWidthUs") becomes the label the person sees ("Relative 1 — Relation", "Pulse width (µs)") in
 * their language, and the message says what to do there, not what the schema expected. The labels are
 * the same i18n keys (`rec.field.*`) the forms use, so an error always names a field on the screen.
 * Core's `expected` text is English; it is read here by its known shapes and never shown as it is.
 */
import type { RecordError } from '@geste/core';
import { translate, type Key } from '../i18n/i18n.tsx';
import { recordsEn } from '../i18n/areas/records.en.ts';

export type Tr = (key: Key, vars?: Readonly<Record<string, string | number>>) => string;
const enT: Tr = (k, v) => translate('en', k, v);

/** Path names whose label key is not simply `rec.field.<name>`. */
const ALIAS: Readonly<Record<string, Key>> = {
  muscle: 'rec.field.muscleAsWritten',
  muscleCode: 'rec.field.muscle',
  note: 'rec.field.note',
};
/** Names that are never on a form (ids, types, stamps): the error is about "this entry". */
const HIDDEN = new Set(['type', 'id', 'schemaVersion', 'kind', 'recordedAtMs', 'sessionId', 'injections', 'doses', 'familyMembers', 'items', 'pain', 'symptoms', 'impact', 'possibleCauses']);
/** Rows of repeated groups the person sees numbered ("Relative 2", "Muscle 1"). Doses are not: the form shows one dose at a time. */
const ROW: Readonly<Record<string, Key>> = { familyMembers: 'rec.row.familyMembers', injections: 'rec.row.injections' };

/** The label key of a path's last name, or null when the path is not a field on a form. */
function labelKey(name: string, overrides: Readonly<Record<string, Key>>): Key | null {
  if (overrides[name] !== undefined) return overrides[name];
  if (ALIAS[name] !== undefined) return ALIAS[name];
  if (HIDDEN.has(name)) return null;
  const k = `rec.field.${name}`;
  return (k in FIELD_KEYS ? k : null) as Key | null;
}
/** Every rec.field.* key (the set of labels the forms show). */
const FIELD_KEYS: Readonly<Record<string, true>> = Object.fromEntries(Object.keys(recordsEn).filter((k) => k.startsWith('rec.field.')).map((k) => [k, true]));

/**
 * "Relative 1 — Relation" for "familyMembers[0].relation"; '' for the whole record.
 * `overrides` maps a path name to the label a particular form uses (the diary's "Day" for atMs).
 */
export function fieldLabel(path: string, t: Tr = enT, overrides: Readonly<Record<string, Key>> = {}): string {
  if (path === '') return '';
  const segs = [...path.matchAll(/([A-Za-z_][\w-]*)(?:\[(\d+)\])?/g)];
  const parts: string[] = [];
  for (const [i, m] of segs.entries()) {
    const name = m[1] as string;
    const idx = m[2];
    const rowKey = ROW[name];
    if (idx !== undefined && rowKey !== undefined) parts.push(t(rowKey, { n: Number(idx) + 1 }));
    else if (segs[i - 1]?.[1] === 'items' && i === segs.length - 1) parts.push(t('rec.row.items', { n: name.replace(/^item(?=\d)/, '') }));
    else if (i === segs.length - 1) {
      const k = labelKey(name, overrides);
      if (k !== null) parts.push(t(k));
    }
  }
  return parts.length === 0 ? t('rec.field.thisField') : parts.join(' — ');
}

const FILE_DO: Partial<Record<RecordError['code'], Key>> = {
  'not-json': 'rec.err.file',
  'too-large': 'rec.err.smaller',
  'not-a-backup': 'rec.err.file',
  'unsupported-version': 'rec.err.update',
  'unknown-record-type': 'rec.err.update',
  'duplicate-id': 'rec.err.again',
  'too-many-records': 'rec.err.smaller',
  'unsafe-text': 'rec.err.unsafe',
};
const INCONSISTENT: ReadonlyArray<[RegExp, Key]> = [
  [/^on or after the injection date/, 'rec.err.effectStart'],
  [/^after the injection and after the effect started/, 'rec.err.effectEnd'],
  [/^on or after the start/, 'rec.err.onOrAfterStart'],
  [/^dose changes in date order/, 'rec.err.doseOrder'],
];

/** What to do, in the person's language, from the error's code and core's (English) `expected`. */
export function whatToDo(e: RecordError, t: Tr = enT): string {
  const x = e.expected;
  const fileKey = FILE_DO[e.code];
  if (fileKey !== undefined) return t(fileKey);
  let m: RegExpExecArray | null;
  switch (e.code) {
    case 'missing-field':
      if (/total or at least one item/.test(x)) return t('rec.err.totalOrItem');
      if (/weekday/.test(x)) return t('rec.err.weekday');
      return t(/\[\d+\]/.test(e.path) ? 'rec.err.fillOrRemove' : 'rec.err.fill');
    case 'wrong-type':
      if (x === 'a whole number') return t('rec.err.wholeNumber');
      if (/text|string/.test(x)) return t('rec.err.text');
      return t('rec.err.number');
    case 'out-of-range':
      if ((m = /^a number at most (\S+)$/.exec(x))) return t('rec.err.atMost', { n: m[1] as string });
      if ((m = /^a number at least (\S+)$/.exec(x))) return t('rec.err.atLeast', { n: m[1] as string });
      if (x === 'a number above 0') return t('rec.err.above0');
      if ((m = /^text of at most (\d+) characters$/.exec(x))) return t('rec.err.textAtMost', { n: m[1] as string });
      if (/item scores$/.test(x)) return t('rec.err.tooManyItems');
      if ((m = /^at most (\d+) items$/.exec(x))) return t('rec.err.itemsAtMost', { n: m[1] as string });
      if ((m = /^at least (\d+) items$/.exec(x))) return t('rec.err.itemsAtLeast', { n: m[1] as string });
      if ((m = /^a total from (\S+) to (\S+)/.exec(x))) return t('rec.err.totalRange', { min: m[1] as string, max: m[2] as string });
      return t('rec.err.check');
    case 'bad-format':
      if (/^one of:/.test(x)) return t('rec.err.choose');
      if (/24-hour time/.test(x)) return t('rec.err.time');
      return t('rec.err.check');
    case 'inconsistent':
      for (const [re, k] of INCONSISTENT) if (re.test(x)) return t(k);
      return t('rec.err.check');
    default:
      return t('rec.err.check');
  }
}

/** One sentence for a person: the field they see, then what to do there. */
export function formErrorWords(e: RecordError, t: Tr = enT, overrides: Readonly<Record<string, Key>> = {}): string {
  const where = fieldLabel(e.path, t, overrides);
  const what = whatToDo(e, t);
  if (where === '') return `${what.charAt(0).toUpperCase()}${what.slice(1)}.`;
  return `${where}: ${what}.`;
}
