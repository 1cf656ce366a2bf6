/**
 * Typed errors for records, backups and imports. A closed set of codes; one place (`recordErrorWords`)
 * turns a code into human words. Every error says what was expected, what came, and how to fix it.
 */

export const RECORD_ERROR_CODES = [
  'not-json',
  'too-large',
  'not-a-backup',
  'unsupported-version',
  'unknown-record-type',
  'missing-field',
  'wrong-type',
  'out-of-range',
  'bad-format',
  'unsafe-text',
  'duplicate-id',
  'too-many-records',
  'inconsistent',
] as const;
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

export interface RecordError {
  readonly code: RecordErrorCode;
  /** Where in the input, e.g. `records[3].pain.neckScore0to10`; '' for the whole input. */
  readonly path: string;
  /** What was expected, in plain words. */
  readonly expected: string;
  /** What came instead, short and safe to show (never raw markup). */
  readonly received: string;
}

export type Result<T, E = RecordError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly E[] };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(errors: readonly E[]): Result<never, E> => ({ ok: false, errors });

/** One sentence per code: what went wrong in general, and how to fix it. */
const WORDS: Record<RecordErrorCode, { readonly title: string; readonly fix: string }> = {
  'not-json': {
    title: 'The file is not readable JSON (it may be cut off or not a Geste file)',
    fix: 'Choose the complete backup file as Geste saved it; if it was copied or emailed, copy it again.',
  },
  'too-large': {
    title: 'The file is larger than Geste accepts',
    fix: 'Choose a Geste backup file; a real backup of several years is far below the limit.',
  },
  'not-a-backup': {
    title: 'The file is not a Geste backup',
    fix: 'Choose a file that Geste saved with "Save backup" (its name ends in .geste.json).',
  },
  'unsupported-version': {
    title: 'The file was written by a version of Geste that this one cannot read',
    fix: 'Update Geste to the newest version, then restore the backup again.',
  },
  'unknown-record-type': {
    title: 'The file contains a kind of record Geste does not know',
    fix: 'Update Geste, or restore a backup that Geste saved itself.',
  },
  'missing-field': {
    title: 'A required value is missing',
    fix: 'Fill in the value; in a file, restore an untouched backup.',
  },
  'wrong-type': {
    title: 'A value has the wrong kind (for example text where a number belongs)',
    fix: 'Enter a value of the expected kind; in a file, restore an untouched backup.',
  },
  'out-of-range': {
    title: 'A value is outside the allowed range',
    fix: 'Choose a value within the range shown.',
  },
  'bad-format': {
    title: 'A value is not in the expected format',
    fix: 'Use the format shown; in a file, restore an untouched backup.',
  },
  'unsafe-text': {
    title: 'A text contains markup or control characters that Geste does not store',
    fix: 'Remove the angle-bracket tags (like <script>) or invisible control characters from the text.',
  },
  'duplicate-id': {
    title: 'Two records share the same identifier',
    fix: 'Restore an untouched backup; a file Geste saved never repeats an identifier.',
  },
  'too-many-records': {
    title: 'The file holds more records than Geste accepts',
    fix: 'Choose a Geste backup file; a real backup is far below the limit.',
  },
  inconsistent: {
    title: 'Values contradict each other (for example an end before its start)',
    fix: 'Correct the dates or values so they agree.',
  },
};

export function recordErrorWords(code: RecordErrorCode): { readonly title: string; readonly fix: string } {
  return WORDS[code];
}

/** The one place a RecordError becomes a sentence for a person. */
export function formatRecordError(e: RecordError): string {
  const w = WORDS[e.code];
  const where = e.path === '' ? '' : ` (at ${e.path})`;
  return `${w.title}${where}: expected ${e.expected}, got ${e.received}. ${w.fix}`;
}

/** Shows an arbitrary input value briefly and safely: no raw markup, at most `max` characters. */
export function describeReceived(v: unknown, max = 40): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') {
    const shown = v.length > max ? `${v.slice(0, max)}…` : v;
    // Neutralise markup so the message itself can never carry a tag.
    // eslint-disable-next-line no-control-regex -- the point is to replace control characters
    return `"${shown.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›')).replace(/[\u0000-\u001f\u007f]/g, '?')}"`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a non-finite number';
  return typeof v;
}
