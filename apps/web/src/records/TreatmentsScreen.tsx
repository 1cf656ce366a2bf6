/** Treatment log: injections, medicines, therapies, surgery, DBS (logged facts only). Drafts autosave. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CERVICAL_MUSCLES, GUIDANCE, PRODUCT_CODES, THERAPY_MODALITIES, TOXIN_PRODUCT_INFO, formatUnits, toxinDoseWarnings, type BotulinumTreatment, type Treatment } from '@geste/core';
import { listSessions } from '../store/db.ts';
import { clearDraft, deleteRecord, listRecords, loadDraft, newRecordId, saveDraft, saveRecord } from './db.ts';
import { biofeedbackLink, describeTreatment, emptyTreatmentDraft, normalizeTreatmentDraft, num, treatmentFromDraft, treatmentTime, type TreatmentDraft } from './treatmentForm.ts';
import { dateStr, dayMs, Errors, errorsOf, showDate } from './ui.tsx';

const DRAFT_KEY = 'treatment';
const KINDS: Array<[TreatmentDraft['kind'], string]> = [
  ['botulinum', 'Botulinum toxin injection'],
  ['oral', 'Oral medicine (start)'],
  ['therapy', 'Physiotherapy, heat, massage, counselling, stress management'],
  ['surgery', 'Surgery'],
  ['dbs-implant', 'DBS implant'],
  ['dbs-setting', 'DBS setting change (logged only)'],
];

/** Creates the treatment entries of biofeedback sessions saved by the trainer (once each). */
export async function linkBiofeedbackSessions(): Promise<number> {
  const sessions = await listSessions('biofeedback').catch(() => []);
  const have = new Set((await listRecords('treatment')).map((t) => t.id));
  let n = 0;
  for (const s of sessions) {
    const link = biofeedbackLink(s);
    if (have.has(link.id)) continue;
    try { await saveRecord(link); n++; } catch { /* a session id that is not a valid record id is skipped */ }
  }
  return n;
}

export function TreatmentsScreen(): ReactNode {
  const [d, setD] = useState<TreatmentDraft | null>(null);
  const [list, setList] = useState<Treatment[]>([]);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  const loaded = useRef(false);
  const refresh = async () => setList((await listRecords('treatment')).sort((a, b) => treatmentTime(b) - treatmentTime(a)));

  useEffect(() => {
    void (async () => {
      setD(normalizeTreatmentDraft(await loadDraft<Partial<TreatmentDraft>>(DRAFT_KEY).catch(() => undefined), dateStr(Date.now())));
      loaded.current = true;
      await linkBiofeedbackSessions();
      await refresh();
    })();
  }, []);
  useEffect(() => {
    if (d === null || !loaded.current) return;
    const t = setTimeout(() => void saveDraft(DRAFT_KEY, d, Date.now()).catch(() => undefined), 250);
    return () => clearTimeout(t);
  }, [d]);
  if (d === null) return <p>Loading…</p>;
  const set = (p: Partial<TreatmentDraft>) => setD({ ...d, ...p });
  const text = (label: string, key: keyof TreatmentDraft, testId?: string, inputMode?: 'decimal') => (
    <label className="field">{label}
      <input type="text" inputMode={inputMode} value={d[key] as string} onChange={(e) => set({ [key]: e.target.value } as Partial<TreatmentDraft>)} data-testid={testId} />
    </label>
  );

  const save = async () => {
    setErrors(null);
    const at = dayMs(d.day);
    if (at === null) { setErrors('Choose the date.'); return; }
    try {
      const rec = await saveRecord(treatmentFromDraft(d, newRecordId(d.kind, Date.now()), at, dayMs));
      await clearDraft(DRAFT_KEY);
      setD({ ...emptyTreatmentDraft(dateStr(Date.now())), kind: d.kind, product: d.product, productCode: d.productCode, clinician: d.clinician, guidance: d.guidance, blinded: d.blinded });
      const warned = rec.kind === 'botulinum' ? toxinDoseWarnings(rec).length : 0;
      setStatus(`Saved ✓ ${describeTreatment(rec)} on ${showDate(treatmentTime(rec))}.${warned > 0 ? ' Saved as written, with the dose warning above.' : ''}`);
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e));
      setStatus('Not saved — what you typed is kept.');
    }
  };
  const update = async (t: Treatment) => {
    try { await saveRecord(t); setStatus('Updated ✓'); await refresh(); } catch (e) { setErrors(errorsOf(e)); }
  };

  return (
    <section className="rec" aria-labelledby="tr-h">
      <h1 id="tr-h">Treatment log</h1>
      <p className="hint">A record of what was done, for your visits. Geste does not recommend doses or treatment changes, and controls no device.</p>
      <fieldset>
        <legend>Add a treatment</legend>
        <div className="row">
          <label className="field">What
            <select value={d.kind} onChange={(e) => set({ kind: e.target.value as TreatmentDraft['kind'] })} data-testid="tr-kind">
              {KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </select>
          </label>
          <label className="field">Date
            <input type="date" value={d.day} onChange={(e) => set({ day: e.target.value })} data-testid="tr-day" />
          </label>
        </div>
        {d.kind === 'botulinum' ? <ToxinFields d={d} set={set} text={text} /> : null}
        {d.kind === 'oral' ? (
          <div className="row">
            {text('Medicine', 'name')}
            {text('Amount', 'amount', undefined, 'decimal')}
            <label className="field">Unit
              <select value={d.unit} onChange={(e) => set({ unit: e.target.value as TreatmentDraft['unit'] })}>
                {(['mg', 'µg', 'mL', 'tablet'] as const).map((u) => <option key={u} value={u}>{u}</option>)}
              </select>
            </label>
            {text('Times a day', 'timesPerDay', undefined, 'decimal')}
          </div>
        ) : null}
        {d.kind === 'therapy' ? (
          <div className="row">
            <label className="field">Kind
              <select value={d.modality} onChange={(e) => set({ modality: e.target.value as TreatmentDraft['modality'] })}>
                {THERAPY_MODALITIES.map((m) => <option key={m} value={m}>{m.replace('-', ' ')}</option>)}
              </select>
            </label>
            {text('Minutes (optional)', 'durationMin', undefined, 'decimal')}
          </div>
        ) : null}
        {d.kind === 'surgery' ? text('Procedure', 'procedure') : null}
        {d.kind === 'dbs-implant' ? (
          <div className="row">
            {text('Target (as the clinic named it)', 'target')}
            <label className="field">Leads
              <select value={d.leads} onChange={(e) => set({ leads: e.target.value as TreatmentDraft['leads'] })}>
                <option value="both">both sides</option><option value="left">left</option><option value="right">right</option>
              </select>
            </label>
          </div>
        ) : null}
        {d.kind === 'dbs-setting' ? (
          <div className="row">
            <label className="field">Side
              <select value={d.side} onChange={(e) => set({ side: e.target.value as 'left' | 'right' })}>
                <option value="left">left</option><option value="right">right</option>
              </select>
            </label>
            {text('Contacts', 'contacts')}
            {text('Amplitude', 'amplitude', undefined, 'decimal')}
            <label className="field">Unit
              <select value={d.amplitudeUnit} onChange={(e) => set({ amplitudeUnit: e.target.value as 'mA' | 'V' })}><option value="mA">mA</option><option value="V">V</option></select>
            </label>
            {text('Pulse width (µs)', 'pulseWidthUs', undefined, 'decimal')}
            {text('Frequency (Hz)', 'frequencyHz', undefined, 'decimal')}
          </div>
        ) : null}
        <label className="field">Note (optional)
          <textarea value={d.note} maxLength={2000} onChange={(e) => set({ note: e.target.value })} />
        </label>
        <Errors errors={errors} />
        <div className="row">
          <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="tr-save">Save</button>
          <span className="status" role="status" aria-live="polite" data-testid="tr-status">{status}</span>
        </div>
      </fieldset>
      <h2>Logged treatments</h2>
      <ul className="entries" data-testid="tr-list">
        {list.map((t) => (
          <li key={t.id}>
            <span>{showDate(treatmentTime(t))} — {describeTreatment(t)}
              {t.kind === 'botulinum' ? ` · effect noticed: ${t.effectStartedAtMs === null ? 'not yet' : showDate(t.effectStartedAtMs)}, wore off: ${t.effectWoreOffAtMs === null ? 'not yet' : showDate(t.effectWoreOffAtMs)}` : ''}
            </span>
            <span className="row">
              {t.kind === 'botulinum' ? <EffectDates t={t} onSave={update} /> : null}
              {t.kind === 'oral' && t.stoppedAtMs === null ? <DoseChange t={t} onSave={update} /> : null}
              <button type="button" onClick={() => void (async () => { if (confirm('Delete this entry?')) { await deleteRecord('treatment', t.id); await refresh(); } })()} aria-label={`Delete ${describeTreatment(t)}`}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DoseChange({ t, onSave }: { t: Extract<Treatment, { kind: 'oral' }>; onSave: (t: Treatment) => Promise<void> }): ReactNode {
  const last = t.doses[t.doses.length - 1]!;
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(String(last.amount));
  const [times, setTimes] = useState(String(last.timesPerDay));
  if (!open) return (
    <>
      <button type="button" onClick={() => setOpen(true)}>Dose changed</button>
      <button type="button" onClick={() => void onSave({ ...t, stoppedAtMs: Math.max(last.fromMs, Date.now()) })}>Stopped today</button>
    </>
  );
  return (
    <span className="row" role="group" aria-label={`New dose of ${t.name}`}>
      <label className="field">Amount ({last.unit})<input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} /></label>
      <label className="field">Times a day<input type="text" inputMode="decimal" value={times} onChange={(e) => setTimes(e.target.value)} /></label>
      <button type="button" onClick={() => void onSave({ ...t, doses: [...t.doses, { fromMs: Math.max(last.fromMs, Date.now()), amount: num(amount), unit: last.unit, timesPerDay: num(times) }] }).then(() => setOpen(false))}>Save new dose from today</button>
    </span>
  );
}

/** Toxin visit fields: product list, total, dilution, blinded/placebo, listed muscles with side (free text as fallback). */
function ToxinFields({ d, set, text }: { d: TreatmentDraft; set: (p: Partial<TreatmentDraft>) => void; text: (label: string, key: keyof TreatmentDraft, testId?: string, inputMode?: 'decimal') => ReactNode }): ReactNode {
  const row = (i: number, p: Partial<TreatmentDraft['muscles'][number]>) => set({ muscles: d.muscles.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const preview = treatmentFromDraft(d, 'preview', 0);
  const warnings = preview.kind === 'botulinum' && [preview.totalUnits, ...preview.injections.map((j) => j.units)].every((u) => u === null || Number.isFinite(u)) ? toxinDoseWarnings(preview as BotulinumTreatment) : [];
  const info = d.productCode in TOXIN_PRODUCT_INFO ? TOXIN_PRODUCT_INFO[d.productCode as keyof typeof TOXIN_PRODUCT_INFO] : null;
  return (
    <>
      <div className="row">
        <label className="field">Product
          <select value={d.productCode} onChange={(e) => set({ productCode: e.target.value as TreatmentDraft['productCode'] })} data-testid="tr-product-code">
            {PRODUCT_CODES.map((p) => <option key={p} value={p}>{p === 'other' ? 'other (name it)' : p === 'unknown' ? 'not known (blinded)' : p}</option>)}
          </select>
        </label>
        {text('Name as written (brand, lot; optional)', 'product', 'tr-product')}
        <label className="field">Guidance
          <select value={d.guidance} onChange={(e) => set({ guidance: e.target.value as TreatmentDraft['guidance'] })}>
            {GUIDANCE.map((g) => <option key={g} value={g}>{g === 'emg' ? 'EMG' : g.replace('-', ' ')}</option>)}
          </select>
        </label>
        {text('Clinician', 'clinician')}
      </div>
      <div className="row">
        {text('Total units (as written)', 'totalUnits', 'tr-total', 'decimal')}
        {text('Dilution (units per mL)', 'dilutionUnitsPerMl', 'tr-dilution', 'decimal')}
        <label className="field-check"><input type="checkbox" checked={d.blinded} onChange={(e) => set({ blinded: e.target.checked })} data-testid="tr-blinded" /> Blinded trial injection</label>
        <label className="field-check"><input type="checkbox" checked={d.placebo} onChange={(e) => set({ placebo: e.target.checked })} data-testid="tr-placebo" /> Placebo (known)</label>
      </div>
      {info === null ? null : <p className="hint">Usual total per session for {info.code}: {formatUnits(info.typicalTotalUnits[0])}–{formatUnits(info.typicalTotalUnits[1])} U. Units of different toxins are not interchangeable. Geste records what was given; it does not suggest doses.</p>}
      {d.muscles.map((m, i) => (
        <div className="muscle-row" key={i} role="group" aria-label={`Muscle ${i + 1}`}>
          <label className="field">Muscle {i + 1}
            <select value={m.muscleCode} onChange={(e) => row(i, { muscleCode: e.target.value as TreatmentDraft['muscles'][number]['muscleCode'] })} data-testid={`tr-muscle-code-${i}`}>
              <option value="">other (type it)</option>
              {CERVICAL_MUSCLES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          {m.muscleCode === '' ? (
            <label className="field">Muscle as written
              <input type="text" value={m.muscle} onChange={(e) => row(i, { muscle: e.target.value })} data-testid={`tr-muscle-${i}`} />
            </label>
          ) : null}
          <label className="field">Side
            <select value={m.side} onChange={(e) => row(i, { side: e.target.value as 'left' | 'right' | 'both' })}>
              <option value="left">left</option><option value="right">right</option><option value="both">both</option>
            </select>
          </label>
          <label className="field">Units
            <input type="text" inputMode="decimal" value={m.units} onChange={(e) => row(i, { units: e.target.value })} data-testid={`tr-units-${i}`} />
          </label>
          <button type="button" onClick={() => set({ muscles: d.muscles.filter((_, j) => j !== i) })} aria-label={`Remove muscle ${i + 1}`}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ muscles: [...d.muscles, { muscleCode: '', muscle: '', side: 'left', units: '' }] })} data-testid="tr-add-muscle">Add muscle</button>
      <div className="row">
        <label className="field">Effect noticed to start (optional)
          <input type="date" value={d.effectStartedDay} onChange={(e) => set({ effectStartedDay: e.target.value })} data-testid="tr-effect-start" />
        </label>
        <label className="field">Effect noticed to wear off (optional)
          <input type="date" value={d.effectWoreOffDay} onChange={(e) => set({ effectWoreOffDay: e.target.value })} data-testid="tr-effect-end" />
        </label>
      </div>
      {warnings.length === 0 ? null : (
        <div className="alert alert-warning" role="status" data-testid="tr-dose-warning">
          <ul>{warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>
        </div>
      )}
    </>
  );
}

/** Onset and wear-off on any past date (not only today), or cleared. */
function EffectDates({ t, onSave }: { t: BotulinumTreatment; onSave: (t: Treatment) => Promise<void> }): ReactNode {
  const field = (label: string, key: 'effectStartedAtMs' | 'effectWoreOffAtMs') => (
    <label className="field">{label}
      <input type="date" value={t[key] === null ? '' : dateStr(t[key])} max={dateStr(Date.now())} onChange={(e) => void onSave({ ...t, [key]: e.target.value === '' ? null : (dayMs(e.target.value) ?? t[key]) })} aria-label={`${label} (${showDate(t.atMs)} injection)`} />
    </label>
  );
  return (
    <>
      {field('Effect started', 'effectStartedAtMs')}
      {field('Wore off', 'effectWoreOffAtMs')}
    </>
  );
}
