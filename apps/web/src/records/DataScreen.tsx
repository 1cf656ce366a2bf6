/** Backup, restore, exports (FHIR, CSV) and the clinician report, all made on this device. */
import { useEffect, useState, type ReactNode } from 'react';
import { createBackup, recordsToCsv, serializeBackup, toFhirBundle, validateFhirBundle, type PatientProfile, type RecordError } from '@geste/core';
import { buildClinicianReport } from '@geste/report';
import { db as measureDb } from '../store/db.ts';
import { listRecords, restoreBackupText, saveRecord } from './db.ts';
import { everything } from './data.ts';
import { dateStr, dayMs, download, Errors, errorsOf } from './ui.tsx';

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function DataScreen(): ReactNode {
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<readonly RecordError[] | string | null>(null);
  const [from, setFrom] = useState(dateStr(Date.now() - 90 * 86_400_000));
  const [to, setTo] = useState(dateStr(Date.now()));
  const [patient, setPatient] = useState<PatientProfile>({ type: 'patient', schemaVersion: 1, id: 'self', displayName: '', birthYear: null });
  useEffect(() => {
    void (async () => {
      const p = (await listRecords('patient')).find((x) => x.id === 'self');
      if (p) setPatient(p);
      // Default period: since the last injection before today, else 90 days.
      const inj = (await listRecords('treatment')).filter((t) => t.kind === 'botulinum').map((t) => (t.kind === 'botulinum' ? t.atMs : 0)).sort((a, b) => b - a);
      if (inj[0] !== undefined) setFrom(dateStr(inj[0]));
    })();
  }, []);
  const stamp = dateStr(Date.now());

  const run = async (what: string, f: () => Promise<void>) => {
    setErrors(null);
    setStatus(`${what}…`);
    try { await f(); } catch (e) { setErrors(errorsOf(e)); setStatus(`${what} failed.`); }
  };
  const backup = () => run('Saving backup', async () => {
    const recs = await everything();
    download(`geste-backup-${stamp}.geste.json`, serializeBackup(createBackup(recs, Date.now())), 'application/json');
    setStatus(`Backup saved ✓ (${recs.length} records).`);
  });
  const restore = (file: File) => run('Checking the backup', async () => {
    if (file.size > MAX_FILE_BYTES) { setErrors(`The file is ${(file.size / 1048576).toFixed(1)} MB; a Geste backup is at most 64 MB. Nothing was changed.`); setStatus(''); return; }
    if (!confirm('Restoring replaces the diary, treatments and history on this device with the backup. Continue?')) { setStatus(''); return; }
    const r = await restoreBackupText(await file.text(), undefined, async (sessions) => { await measureDb().sessions.bulkPut(sessions); });
    if (!r.ok) { setErrors(r.errors); setStatus('The backup was refused. Nothing was changed.'); return; }
    setStatus(`Restored ✓ ${r.count} records.`);
  });
  const fhir = () => run('Exporting FHIR', async () => {
    const b = toFhirBundle(await everything(), { generatedAtMs: Date.now() });
    const issues = validateFhirBundle(b);
    if (issues.length > 0) throw new Error(`FHIR export failed its own check: ${issues[0]!.path} ${issues[0]!.message}`);
    download(`geste-fhir-${stamp}.json`, JSON.stringify(b, null, 1), 'application/fhir+json');
    setStatus(`FHIR R4 Bundle saved ✓ (${b.entry?.length ?? 0} resources).`);
  });
  const csv = () => run('Exporting CSV', async () => {
    const c = recordsToCsv(await everything());
    download(`geste-diary-${stamp}.csv`, c.diary, 'text/csv');
    download(`geste-treatments-${stamp}.csv`, c.treatments, 'text/csv');
    download(`geste-sessions-${stamp}.csv`, c.sessions, 'text/csv');
    download(`geste-ratings-${stamp}.csv`, c.ratings, 'text/csv');
    setStatus('CSV files saved ✓ (diary, treatments, sessions).');
  });
  const report = () => run('Making the report', async () => {
    const f = dayMs(from);
    const t = dayMs(to);
    if (f === null || t === null || f > t) { setErrors('Choose a period whose start is before its end.'); setStatus(''); return; }
    const bytes = await buildClinicianReport({ records: await everything(), fromMs: f - 12 * 3600_000, toMs: t + 12 * 3600_000 - 1, generatedAtMs: Date.now() });
    download(`geste-report-${stamp}.pdf`, bytes as BlobPart, 'application/pdf');
    setStatus('Report saved ✓ (PDF).');
  });
  const savePatient = () => run('Saving', async () => { await saveRecord(patient); setStatus('Saved ✓'); });

  return (
    <section className="rec" aria-labelledby="da-h">
      <h1 id="da-h">Report, backup and export</h1>
      <fieldset>
        <legend>Report for your clinician</legend>
        <p className="hint">A one-page PDF with an appendix, made on this device: measures and their trend, the injection-cycle curve, a diary summary, adherence, sensory-trick results and current treatments.</p>
        <div className="row">
          <label className="field">From<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" /></label>
          <label className="field">To<input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="report-to" /></label>
          <button type="button" className="btn-primary btn-big" onClick={() => void report()} data-testid="report-download">Download report (PDF)</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Name on the report (optional)</legend>
        <div className="row">
          <label className="field">Name<input type="text" value={patient.displayName} onChange={(e) => setPatient({ ...patient, displayName: e.target.value })} /></label>
          <label className="field">Year of birth<input type="number" value={patient.birthYear ?? ''} onChange={(e) => setPatient({ ...patient, birthYear: e.target.value === '' ? null : Number(e.target.value) })} /></label>
          <button type="button" onClick={() => void savePatient()}>Save</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Backup</legend>
        <div className="row">
          <button type="button" onClick={() => void backup()} data-testid="backup-save">Save backup</button>
          <label className="btn" style={{ display: 'inline-flex', alignItems: 'center' }}>
            Restore from backup…
            <input type="file" accept=".json,application/json" style={{ position: 'absolute', opacity: 0, width: 1, height: 1 }} onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void restore(f); }} data-testid="backup-restore" />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Export</legend>
        <div className="row">
          <button type="button" onClick={() => void fhir()} data-testid="export-fhir">FHIR R4 (for clinic systems)</button>
          <button type="button" onClick={() => void csv()} data-testid="export-csv">CSV (for spreadsheets)</button>
        </div>
      </fieldset>
      <Errors errors={errors} />
      <p className="status" role="status" aria-live="polite" data-testid="data-status">{status}</p>
    </section>
  );
}
