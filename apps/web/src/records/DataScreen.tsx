/** Backup, restore, exports (FHIR, CSV) and the clinician report, all made on this device. */
import { useEffect, useState, type ReactNode } from 'react';
import { createBackup, defaultReportPeriod, recordsToCsv, serializeBackup, toFhirBundle, validateFhirBundle, type PatientProfile, type RecordError } from '@geste/core';
import { buildClinicianReport } from '@geste/report';
import { listRecords, saveRecord } from './db.ts';
import { everything, restoreReplacingEverything } from './data.ts';
import { reportFonts } from './reportFonts.ts';
import { dateStr, dayMs, download, Errors, errorsOf } from './ui.tsx';
import { useI18n, type Key } from '../i18n/i18n.tsx';

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function DataScreen(): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<readonly RecordError[] | string | null>(null);
  const [from, setFrom] = useState(dateStr(Date.now() - 90 * 86_400_000));
  const [to, setTo] = useState(dateStr(Date.now()));
  const [patient, setPatient] = useState<PatientProfile>({ type: 'patient', schemaVersion: 1, id: 'self', displayName: '', birthYear: null });
  useEffect(() => {
    void (async () => {
      const me = (await listRecords('patient')).find((x) => x.id === 'self');
      if (me) setPatient(me);
      // Default period: where the data is (at most a year, ending at the last record), not first record → today.
      const p = defaultReportPeriod(await everything(), Date.now());
      setFrom(dateStr(p.fromMs));
      setTo(dateStr(p.toMs));
    })();
  }, []);
  const stamp = dateStr(Date.now());

  const run = async (doing: Key, f: () => Promise<void>) => {
    const what = t(doing);
    setErrors(null);
    setStatus(t('rec.da.working', { what }));
    try { await f(); } catch (e) { setErrors(errorsOf(e, t)); setStatus(t('rec.da.failed', { what })); }
  };
  const backup = () => run('rec.da.doing.backup', async () => {
    const recs = await everything();
    download(`geste-backup-${stamp}.geste.json`, serializeBackup(createBackup(recs, Date.now())), 'application/json');
    setStatus(t('rec.da.backupSaved', { n: recs.length }));
  });
  const restore = (file: File) => run('rec.da.doing.restore', async () => {
    if (file.size > MAX_FILE_BYTES) { setErrors(t('rec.da.tooBig', { mb: i18n.number(file.size / 1048576, 1) })); setStatus(''); return; }
    if (!confirm(t('rec.da.confirmRestore'))) { setStatus(''); return; }
    const r = await restoreReplacingEverything(await file.text());
    if (!r.ok) { setErrors(r.errors); setStatus(t('rec.da.refused')); return; }
    setStatus(t('rec.da.restored', { n: r.count }));
  });
  const fhir = () => run('rec.da.doing.fhir', async () => {
    const b = toFhirBundle(await everything(), { generatedAtMs: Date.now() });
    const issues = validateFhirBundle(b);
    if (issues.length > 0) throw new Error(t('rec.da.fhirCheck', { detail: `${issues[0]!.path} ${issues[0]!.message}` }));
    download(`geste-fhir-${stamp}.json`, JSON.stringify(b, null, 1), 'application/fhir+json');
    setStatus(t('rec.da.fhirSaved', { n: b.entry?.length ?? 0 }));
  });
  const csv = () => run('rec.da.doing.csv', async () => {
    const c = recordsToCsv(await everything());
    download(`geste-diary-${stamp}.csv`, c.diary, 'text/csv');
    download(`geste-treatments-${stamp}.csv`, c.treatments, 'text/csv');
    download(`geste-sessions-${stamp}.csv`, c.sessions, 'text/csv');
    download(`geste-ratings-${stamp}.csv`, c.ratings, 'text/csv');
    setStatus(t('rec.da.csvSaved'));
  });
  const report = () => run('rec.da.doing.report', async () => {
    const f = dayMs(from);
    const until = dayMs(to);
    if (f === null || until === null || f > until) { setErrors(t('rec.da.period')); setStatus(''); return; }
    const bytes = await buildClinicianReport({ records: await everything(), fromMs: f - 12 * 3600_000, toMs: until + 12 * 3600_000 - 1, generatedAtMs: Date.now(), fonts: await reportFonts() });
    download(`geste-report-${stamp}.pdf`, bytes as BlobPart, 'application/pdf');
    setStatus(t('rec.da.reportSaved'));
  });
  const savePatient = () => run('rec.da.doing.save', async () => { await saveRecord(patient); setStatus(t('rec.da.saved')); });

  return (
    <section className="rec" aria-labelledby="da-h">
      <h1 id="da-h">{t('rec.da.title')}</h1>
      <fieldset>
        <legend>{t('rec.da.report')}</legend>
        <p className="hint">{t('rec.da.reportHint')}</p>
        <div className="row">
          <label className="field">{t('rec.field.reportFrom')}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" /></label>
          <label className="field">{t('rec.field.reportTo')}<input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="report-to" /></label>
          <button type="button" className="btn-primary btn-big" onClick={() => void report()} data-testid="report-download">{t('rec.da.reportDownload')}</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('rec.da.nameLegend')}</legend>
        <div className="row">
          <label className="field">{t('rec.field.displayName')}<input type="text" value={patient.displayName} onChange={(e) => setPatient({ ...patient, displayName: e.target.value })} /></label>
          <label className="field">{t('rec.field.birthYear')}<input type="number" value={patient.birthYear ?? ''} onChange={(e) => setPatient({ ...patient, birthYear: e.target.value === '' ? null : Number(e.target.value) })} /></label>
          <button type="button" onClick={() => void savePatient()}>{t('rec.save')}</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('rec.da.backup')}</legend>
        <div className="row">
          <button type="button" onClick={() => void backup()} data-testid="backup-save">{t('rec.da.backupSave')}</button>
          <label className="btn" style={{ display: 'inline-flex', alignItems: 'center' }}>
            {t('rec.da.restore')}
            <input type="file" accept=".json,application/json" style={{ position: 'absolute', opacity: 0, width: 1, height: 1 }} onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void restore(f); }} data-testid="backup-restore" />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('rec.da.export')}</legend>
        <div className="row">
          <button type="button" onClick={() => void fhir()} data-testid="export-fhir">{t('rec.da.fhir')}</button>
          <button type="button" onClick={() => void csv()} data-testid="export-csv">{t('rec.da.csv')}</button>
        </div>
      </fieldset>
      <Errors errors={errors} />
      <p className="status" role="status" aria-live="polite" data-testid="data-status">{status}</p>
    </section>
  );
}
