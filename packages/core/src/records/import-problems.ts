/**
 * Problems found while importing (CSV, FHIR, cohorts): a closed set of codes, located by row and
 * column (CSV) or entry and path (FHIR). Imports are all-or-nothing: any `error` refuses the whole
 * file; `warning`s (a dose outside a product's plausible range, a code Geste does not know) are shown
 * and the person decides.
 */

export const IMPORT_PROBLEM_CODES = [
  'empty-file',
  'too-large',
  'wrong-delimiter',
  'ragged-row',
  'missing-column',
  'duplicate-column',
  'bad-mapping',
  'duplicate-visit',
  'unit-in-cell',
  'not-a-number',
  'out-of-range',
  'bad-date',
  'inconsistent',
  'implausible-dose',
  'not-fhir',
  'unknown-code',
  'unsupported-resource',
  'bad-reference',
  'invalid-record',
  'existing-person',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  readonly code: ImportProblemCode;
  readonly severity: 'error' | 'warning';
  /** Spreadsheet row number (the header is row 1); null when not about one row. */
  readonly row: number | null;
  /** Column name as in the file's header, or a FHIR path; null when not about one column. */
  readonly column: string | null;
  /** What was expected, what came, and what to do — one or two sentences. */
  readonly message: string;
}

export type ImportResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ImportProblem[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** "row 14, column `week`: …" — the one place a problem becomes a line for a person. */
export function formatImportProblem(p: ImportProblem): string {
  const fhirPath = p.column !== null && /^(entry\[|resourceType$)/.test(p.column);
  const where = [p.row === null ? null : `row ${p.row}`, p.column === null ? null : fhirPath ? `at \`${p.column}\`` : `column \`${p.column}\``].filter((x) => x !== null).join(', ');
  return `${p.severity === 'warning' ? 'Warning — ' : ''}${where === '' ? '' : `${where}: `}${p.message}`;
}

/** Collects problems, keeping at most `max` listed and counting the rest. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  private more = 0;
  constructor(private readonly max = 50) {}
  add(p: ImportProblem): void {
    if (this.items.filter((x) => x.severity === p.severity).length < this.max) this.items.push(p);
    else if (p.severity === 'error') this.more++;
  }
  error(code: ImportProblemCode, row: number | null, column: string | null, message: string): void {
    this.add({ code, severity: 'error', row, column, message });
  }
  warn(code: ImportProblemCode, row: number | null, column: string | null, message: string): void {
    this.add({ code, severity: 'warning', row, column, message });
  }
  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }
  errors(): ImportProblem[] {
    const out = this.items.filter((p) => p.severity === 'error');
    if (this.more > 0) out.push({ code: out[0]!.code, severity: 'error', row: null, column: null, message: `${this.more} more problems not listed; correct the ones above and import again.` });
    return out;
  }
  warnings(): ImportProblem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
}

/** Shows a cell briefly and safely in a message. */
export function showCell(v: string, max = 30): string {
  const s = v.length > max ? `${v.slice(0, max)}…` : v;
  // eslint-disable-next-line no-control-regex -- neutralise control characters in messages
  return `"${s.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›')).replace(/[\u0000-\u001f\u007f]/g, '?')}"`;
}
