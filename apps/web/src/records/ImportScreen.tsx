/**
 * Import from what a clinic has: a CSV table (column mapping → preview → problems → confirm) or a FHIR
 * R4 Bundle. Parsing, mapping and checks are core's; this screen only shows them. All-or-nothing: a
 * file with any problem imports nothing, and records join the person on this device only after the
 * person confirms that they are the same person.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  formatImportProblem,
  groupSummaries,
  groupSummariesCsv,
  groupSummariesSvg,
  guessMapping,
  importCsvCohort,
  importFhirBundleText,
  mixingWarning,
  parseCsvTable,
  PRODUCT_CODES,
  RATER_ROLES,
  RATING_SCALE_INFO,
  RATING_SCALES,
  type CohortImport,
  type CsvDelimiter,
  type CsvMapping,
  type CsvTable,
  type DateFormat,
  type GesteRecord,
  type ImportProblem,
  type ImportResult,
  type ProductCode,
} from '@geste/core';
import { allRecords, importRecords, RecordStoreError } from './db.ts';
import { download } from './ui.tsx';
import { useI18n } from '../i18n/i18n.tsx';

type Source = { kind: 'csv'; name: string; text: string } | { kind: 'fhir'; name: string; text: string };
const NONE = '';

export function ImportScreen(): ReactNode {
  const { t } = useI18n();
  const [source, setSource] = useState<Source | null>(null);
  const [delimiter, setDelimiter] = useState<CsvDelimiter | 'auto'>('auto');
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [subjectKey, setSubjectKey] = useState('');
  const [existing, setExisting] = useState<GesteRecord[]>([]);
  const [sameConfirmed, setSameConfirmed] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => void allRecords().then(setExisting), []);

  const table: ImportResult<CsvTable> | null = useMemo(() => (source?.kind === 'csv' ? parseCsvTable(source.text, { delimiter }) : null), [source, delimiter]);
  useEffect(() => {
    if (table?.ok === true) setMapping((m) => (m !== null && m.subjectColumn !== '' && table.value.header.includes(m.subjectColumn) ? m : guessMapping(table.value)));
  }, [table]);
  const result: ImportResult<CohortImport> | null = useMemo(() => {
    if (source === null) return null;
    if (source.kind === 'fhir') return importFhirBundleText(source.text, { skipUnknown });
    if (table === null || !table.ok) return table as ImportResult<CohortImport> | null;
    return mapping === null ? null : importCsvCohort(table.value, mapping);
  }, [source, table, mapping, skipUnknown]);
  const subjects = result?.ok === true ? result.value.subjects : [];
  const chosen = subjects.find((s) => s.key === subjectKey) ?? (subjects.length === 1 ? subjects[0] : undefined);
  const mixing = chosen === undefined ? null : mixingWarning(existing, `"${chosen.key}"`);
  const hasProfile = existing.some((r) => r.type === 'patient');
  // The device keeps its own profile; the imported one is used only on an empty device.
  const toImport = chosen === undefined ? [] : chosen.records.filter((r) => !(r.type === 'patient' && hasProfile));

  const pick = async (f: File | undefined) => {
    setStatus('');
    setSameConfirmed(false);
    setSubjectKey('');
    setMapping(null);
    if (f === undefined) { setSource(null); return; }
    const text = await f.text();
    setSource(/\.json$/i.test(f.name) || /^\s*\{/.test(text.slice(0, 200)) ? { kind: 'fhir', name: f.name, text } : { kind: 'csv', name: f.name, text });
  };

  const confirm = async () => {
    if (chosen === undefined) return;
    try {
      const n = await importRecords(toImport);
      setStatus(t('rec.im.imported', { n, who: chosen.key, file: source?.name ?? t('rec.im.theFile') }));
      setExisting(await allRecords());
      setSameConfirmed(false);
    } catch (e) {
      setStatus(t('rec.im.nothing', { reason: e instanceof RecordStoreError ? e.message : String(e) }));
    }
  };

  const summaryDownload = () => {
    if (mapping === null || subjects.length === 0) return;
    const rows = groupSummaries(subjects, { scale: mapping.scale, raterRole: mapping.raterRole });
    download('geste-group-summary.csv', groupSummariesCsv(rows, mapping.scale), 'text/csv');
    download('geste-group-summary.svg', groupSummariesSvg(rows, mapping.scale), 'image/svg+xml');
  };

  return (
    <section className="rec" aria-labelledby="im-h">
      <h1 id="im-h">{t('rec.im.title')}</h1>
      <p className="hint">{t('rec.im.hint')}</p>
      <fieldset>
        <legend>{t('rec.im.file')}</legend>
        <label className="field">{t('rec.im.fileLabel')}
          <input type="file" accept=".csv,.txt,.tsv,.json,text/csv,application/json,application/fhir+json" onChange={(e) => void pick(e.target.files?.[0])} data-testid="im-file" />
        </label>
        {source?.kind === 'csv' ? (
          <label className="field">{t('rec.im.separator')}
            <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as CsvDelimiter | 'auto')} data-testid="im-delimiter">
              <option value="auto">{t('rec.im.sep.auto')}</option><option value=",">{t('rec.im.sep.comma')}</option><option value=";">{t('rec.im.sep.semicolon')}</option><option value={'\t'}>{t('rec.im.sep.tab')}</option>
            </select>
          </label>
        ) : null}
        {source?.kind === 'fhir' ? (
          <label className="field-check"><input type="checkbox" checked={skipUnknown} onChange={(e) => setSkipUnknown(e.target.checked)} data-testid="im-skip-unknown" /> {t('rec.im.skipUnknown')}</label>
        ) : null}
      </fieldset>
      {table?.ok === true && mapping !== null ? <MappingStep table={table.value} m={mapping} onChange={setMapping} /> : null}
      {result === null ? null : <Problems result={result} />}
      {result?.ok === true ? (
        <fieldset>
          <legend>{t('rec.im.preview')}</legend>
          <p data-testid="im-counts">{t(result.value.counts.subjects === 1 ? 'rec.im.counts1' : 'rec.im.counts', { people: result.value.counts.subjects, ratings: result.value.counts.ratings, treatments: result.value.counts.treatments, missing: result.value.counts.missingValues })}</p>
          <PreviewTable cohort={result.value} />
          {source?.kind === 'csv' && subjects.length > 1 ? <button type="button" onClick={summaryDownload} data-testid="im-summary">{t('rec.im.summary')}</button> : null}
        </fieldset>
      ) : null}
      {result?.ok === true ? (
        <fieldset>
          <legend>{t('rec.im.into')}</legend>
          {subjects.length > 1 ? (
            <label className="field">{t('rec.im.whose')}
              <select value={chosen?.key ?? NONE} onChange={(e) => { setSubjectKey(e.target.value); setSameConfirmed(false); }} data-testid="im-subject">
                <option value={NONE}>{t('rec.im.choosePerson')}</option>
                {subjects.map((s) => <option key={s.key} value={s.key}>{s.key}{s.group === null ? '' : ` (${s.group})`}</option>)}
              </select>
            </label>
          ) : null}
          {mixing === null ? null : (
            <div className="alert alert-warning" role="alert" data-testid="im-mixing">
              <p>{mixing.message}</p>
              <label className="field-check"><input type="checkbox" checked={sameConfirmed} onChange={(e) => setSameConfirmed(e.target.checked)} data-testid="im-same-person" /> {t('rec.im.same')}</label>
            </div>
          )}
          <button type="button" className="btn-primary btn-big" disabled={chosen === undefined || (mixing !== null && !sameConfirmed)} onClick={() => void confirm()} data-testid="im-confirm">
            {chosen === undefined ? t('rec.im.import') : t('rec.im.importN', { n: toImport.length, who: chosen.key })}
          </button>
        </fieldset>
      ) : null}
      <p className="status" role="status" aria-live="polite" data-testid="im-status">{status}</p>
    </section>
  );
}

function Problems({ result }: { result: ImportResult<CohortImport> }): ReactNode {
  const list: readonly ImportProblem[] = result.ok ? result.warnings : result.problems;
  const { t } = useI18n();
  if (list.length === 0) return null;
  return (
    <div className={`alert ${result.ok ? 'alert-warning' : 'alert-error'}`} role="alert" data-testid={result.ok ? 'im-warnings' : 'im-problems'}>
      <p>{result.ok ? t('rec.im.checkFirst') : list.length === 1 ? t('rec.im.problem1') : t('rec.im.problems', { n: list.length })}</p>
      <ul>{list.map((p, i) => <li key={i}>{formatImportProblem(p)}</li>)}</ul>
    </div>
  );
}

function PreviewTable({ cohort }: { cohort: CohortImport }): ReactNode {
  const { t } = useI18n();
  const rows = cohort.subjects.slice(0, 8);
  return (
    <table className="data" data-testid="im-preview">
      <caption>{t('rec.im.firstOf', { n: rows.length, total: cohort.subjects.length })}</caption>
      <thead><tr>{(['person', 'group', 'site', 'ratings', 'toxin'] as const).map((c) => <th scope="col" key={c}>{t(`rec.im.col.${c}`)}</th>)}</tr></thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.key}>
            <th scope="row">{s.key}</th><td>{s.group ?? '—'}</td><td>{s.site ?? '—'}</td>
            <td>{s.records.flatMap((r) => (r.type === 'rating' ? [`${r.visitLabel}: ${r.total ?? '—'}`] : [])).join('; ')}</td>
            <td>{s.records.flatMap((r) => (r.type === 'treatment' && r.kind === 'botulinum' ? [`${r.productCode}${r.totalUnits === null ? '' : ` ${r.totalUnits} U`}${r.placebo ? ' placebo' : ''}`] : [])).join('; ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Step 2: which column means what. Every choice re-checks the whole file at once. */
function MappingStep({ table, m, onChange }: { table: CsvTable; m: CsvMapping; onChange: (m: CsvMapping) => void }): ReactNode {
  const { t } = useI18n();
  const cols = table.header;
  const pickCol = (label: string, value: string | null, set: (v: string | null) => void, testId: string, optional = true) => (
    <label className="field">{label}
      <select value={value ?? NONE} onChange={(e) => set(e.target.value === NONE ? null : e.target.value)} data-testid={testId}>
        {optional ? <option value={NONE}>{t('rec.im.none')}</option> : <option value={NONE}>{t('rec.im.choose')}</option>}
        {cols.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </label>
  );
  const d = m.dates;
  const tr = m.treatment;
  return (
    <fieldset data-testid="im-mapping">
      <legend>{t('rec.im.columns')}</legend>
      <table className="data" aria-label={t('rec.im.firstRows')}>
        <thead><tr>{cols.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>{table.rows.slice(0, 3).map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
      <div className="row">
        <label className="field">{t('rec.im.layout')}
          <select value={m.layout} onChange={(e) => onChange({ ...m, layout: e.target.value as CsvMapping['layout'] })} data-testid="im-layout">
            <option value="long">{t('rec.im.layout.long')}</option><option value="wide">{t('rec.im.layout.wide')}</option>
          </select>
        </label>
        {pickCol(t('rec.im.subjectCol'), m.subjectColumn, (v) => onChange({ ...m, subjectColumn: v ?? '' }), 'im-col-subject', false)}
        {pickCol(t('rec.im.groupCol'), m.groupColumn, (v) => onChange({ ...m, groupColumn: v }), 'im-col-group')}
        {pickCol(t('rec.im.siteCol'), m.siteColumn, (v) => onChange({ ...m, siteColumn: v }), 'im-col-site')}
      </div>
      <div className="row">
        <label className="field">{t('rec.field.scale')}
          <select value={m.scale} onChange={(e) => onChange({ ...m, scale: e.target.value as CsvMapping['scale'] })} data-testid="im-scale">
            {RATING_SCALES.map((s) => <option key={s} value={s}>{RATING_SCALE_INFO[s].label}</option>)}
          </select>
        </label>
        <label className="field">{t('rec.field.raterRole')}
          <select value={m.raterRole} onChange={(e) => onChange({ ...m, raterRole: e.target.value as CsvMapping['raterRole'] })} data-testid="im-rater">
            {RATER_ROLES.map((r) => <option key={r} value={r}>{t(`rec.im.raterRole.${r}`)}</option>)}
          </select>
        </label>
        <label className="field">{t('rec.optional', { label: t('rec.field.raterName') })}<input type="text" value={m.raterName} onChange={(e) => onChange({ ...m, raterName: e.target.value })} /></label>
      </div>
      {m.layout === 'long' ? (
        <div className="row">
          {pickCol(d.kind === 'relative' ? t('rec.im.visitRel', { unit: t(d.unit === 'days' ? 'rec.im.days' : 'rec.im.weeks') }) : t('rec.im.visitLabel'), m.visitColumn, (v) => onChange({ ...m, visitColumn: v }), 'im-col-visit', d.kind !== 'relative')}
          {pickCol(t('rec.im.score'), m.valueColumn, (v) => onChange({ ...m, valueColumn: v }), 'im-col-value', false)}
        </div>
      ) : (
        <p className="hint" data-testid="im-wide-columns">{t('rec.im.visitCols', { list: m.visitColumns.length === 0 ? t('rec.im.visitColsNone') : m.visitColumns.map((v) => `${v.column} → ${v.label}`).join(', ') })}</p>
      )}
      <div className="row">
        <label className="field">{t('rec.im.dates')}
          <select value={d.kind} onChange={(e) => onChange({ ...m, dates: e.target.value === 'absolute' ? { kind: 'absolute', column: '', format: 'iso' } : { kind: 'relative', unit: 'weeks', anchorColumn: null, anchorDate: null, anchorFormat: 'iso' } })} data-testid="im-dates">
            <option value="relative">{t('rec.im.dates.relative')}</option><option value="absolute">{t('rec.im.dates.absolute')}</option>
          </select>
        </label>
        {d.kind === 'absolute' ? pickCol(t('rec.im.dateCol'), d.column, (v) => onChange({ ...m, dates: { ...d, column: v ?? '' } }), 'im-col-date', false) : null}
        {d.kind === 'relative' ? (
          <>
            <label className="field">{t('rec.im.unit')}
              <select value={d.unit} onChange={(e) => onChange({ ...m, dates: { ...d, unit: e.target.value as 'days' | 'weeks' } })}><option value="weeks">{t('rec.im.weeks')}</option><option value="days">{t('rec.im.days')}</option></select>
            </label>
            {pickCol(t('rec.im.anchorCol'), d.anchorColumn, (v) => onChange({ ...m, dates: { ...d, anchorColumn: v } }), 'im-col-anchor')}
            {d.anchorColumn === null ? <label className="field">{t('rec.im.anchorDate')}<input type="date" value={d.anchorDate ?? ''} onChange={(e) => onChange({ ...m, dates: { ...d, anchorDate: e.target.value === '' ? null : e.target.value } })} data-testid="im-anchor-date" /></label> : null}
          </>
        ) : null}
        <label className="field">{t('rec.im.dateFormat')}
          <select value={d.kind === 'absolute' ? d.format : d.anchorFormat} onChange={(e) => { const f = e.target.value as DateFormat; onChange({ ...m, dates: d.kind === 'absolute' ? { ...d, format: f } : { ...d, anchorFormat: f } }); }} data-testid="im-date-format">
            <option value="iso">2024-03-31</option><option value="dmy">{t('rec.im.fmt.dmy')}</option><option value="mdy">{t('rec.im.fmt.mdy')}</option>
          </select>
        </label>
      </div>
      {d.kind === 'relative' ? (
        <div className="row">
          <label className="field">{t('rec.im.toxinAtAnchor')}
            <select value={tr?.productCode ?? NONE} onChange={(e) => onChange({ ...m, treatment: e.target.value === NONE ? null : { productCode: e.target.value as ProductCode, product: '', doseColumn: tr?.doseColumn ?? null, placeboGroups: tr?.placeboGroups ?? [], blinded: tr?.blinded ?? false } })} data-testid="im-product">
              <option value={NONE}>{t('rec.im.noTreatment')}</option>
              {PRODUCT_CODES.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          {tr === null ? null : (
            <>
              {pickCol(t('rec.im.doseCol'), tr.doseColumn, (v) => onChange({ ...m, treatment: { ...tr, doseColumn: v } }), 'im-col-dose')}
              <label className="field">{t('rec.im.placeboGroups')}<input type="text" value={tr.placeboGroups.join(', ')} onChange={(e) => onChange({ ...m, treatment: { ...tr, placeboGroups: e.target.value.split(',').map((x) => x.trim()).filter((x) => x !== '') } })} data-testid="im-placebo" /></label>
              <label className="field-check"><input type="checkbox" checked={tr.blinded} onChange={(e) => onChange({ ...m, treatment: { ...tr, blinded: e.target.checked } })} data-testid="im-blinded" /> {t('rec.im.blinded')}</label>
            </>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
