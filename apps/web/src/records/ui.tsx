/** Small accessible building blocks shared by the records screens. */
import { useId, type ReactNode } from 'react';
import { formatRecordError, type RecordError } from '@geste/core';
import { formErrorWords } from './formWords.ts';
import { RecordStoreError } from './db.ts';
import { translate, useI18n, type Key } from '../i18n/i18n.tsx';

export function ScoreField(props: {
  legend: string;
  value: number | null;
  max: number;
  onChange: (v: number | null) => void;
  /** Words for the ends (or every step) of the scale, shown under it. */
  hint?: string;
  testId?: string;
}): ReactNode {
  const name = useId();
  const { t } = useI18n();
  const opts = Array.from({ length: props.max + 1 }, (_, i) => i);
  return (
    <fieldset data-testid={props.testId}>
      <legend>{props.legend}</legend>
      <div className="score-options">
        {opts.map((n) => (
          <label key={n} className="score-opt" data-checked={props.value === n}>
            <input type="radio" name={name} value={n} checked={props.value === n} onChange={() => props.onChange(n)} aria-label={`${props.legend}: ${n}`} />
            <span aria-hidden="true">{props.value === n ? `✓${n}` : n}</span>
          </label>
        ))}
        <label className="score-opt score-skip" data-checked={props.value === null}>
          <input type="radio" name={name} checked={props.value === null} onChange={() => props.onChange(null)} aria-label={t('rec.score.notFilled', { legend: props.legend })} />
          <span aria-hidden="true">{props.value === null ? `✓ ${t('rec.score.skip')}` : t('rec.score.skip')}</span>
        </label>
      </div>
      {props.hint === undefined ? null : <p className="hint">{props.hint}</p>}
    </fieldset>
  );
}

/**
 * The errors of a save, each in the words of the form. `labels` maps a path name to the label this
 * form shows for it when that differs from the usual one (the diary's "Day" for `atMs`).
 */
export function Errors({ errors, labels }: { errors: readonly RecordError[] | string | null; labels?: Readonly<Record<string, Key>> }): ReactNode {
  const { t } = useI18n();
  if (errors === null || errors.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="record-errors">
      {typeof errors === 'string' ? <p>{errors}</p> : <ul>{errors.map((e, i) => <li key={i}>{fromFile(e) ? formatRecordError(e) : formErrorWords(e, t, labels)}</li>)}</ul>}
    </div>
  );
}

/** An error about a file (backup, import) keeps core's sentence with its position in the file. */
const FILE_CODES = new Set(['not-json', 'too-large', 'not-a-backup', 'unsupported-version', 'unknown-record-type', 'duplicate-id', 'too-many-records']);
function fromFile(e: RecordError): boolean {
  return FILE_CODES.has(e.code) || /^(records|rows)\[/.test(e.path);
}

/** Turns anything thrown by a save into what `Errors` shows. */
export function errorsOf(e: unknown, t: (k: Key, v?: Record<string, string>) => string = (k, v) => translate('en', k, v)): readonly RecordError[] | string {
  if (e instanceof RecordStoreError) return e.errors.length > 0 ? e.errors : e.message;
  return t('rec.couldNotSave', { error: String(e) });
}

// ---- dates: <input type="date"> gives local "YYYY-MM-DD"
export const pad2 = (n: number) => String(n).padStart(2, '0');
export function dateStr(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}
/** Local noon of a "YYYY-MM-DD" day (noon keeps the day right across DST changes); null if empty/invalid. */
export function dayMs(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0).getTime();
  return Number.isFinite(t) ? t : null;
}
export const showDate = (ms: number) => new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
