/** Treatment log: injections, medicines, therapies, surgery, DBS (logged facts only). Drafts autosave. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CERVICAL_MUSCLES, GUIDANCE, PRODUCT_CODES, THERAPY_MODALITIES, TOXIN_PRODUCT_INFO, toxinDoseWarnings, toxinTotalUnits, type BotulinumTreatment, type DoseWarning, type Treatment } from '@geste/core';
import { listSessions } from '../store/db.ts';
import { clearDraft, deleteRecord, listRecords, loadDraft, newRecordId, saveDraft, saveRecord } from './db.ts';
import { biofeedbackLink, describeTreatment, draftFromTreatment, emptyTreatmentDraft, normalizeTreatmentDraft, num, treatmentFromDraft, treatmentFromEdit, treatmentTime, unitsFormat, type TreatmentDraft, type Words } from './treatmentForm.ts';
import { dateStr, dayMs, Errors, errorsOf } from './ui.tsx';
import { useI18n, type I18n, type Key } from '../i18n/i18n.tsx';

const DRAFT_KEY = 'treatment';
/** The kinds a person logs by hand (biofeedback entries come from the trainer). */
const KINDS = ['botulinum', 'oral', 'therapy', 'surgery', 'dbs-implant', 'dbs-setting'] as const;
/** Description words in the person's language, numbers in their locale. */
const words = (i: I18n): Words => ({ t: i.t, units: unitsFormat(i.lang) });

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
  const i18n = useI18n();
  const { t } = i18n;
  const [d, setD] = useState<TreatmentDraft | null>(null);
  const [list, setList] = useState<Treatment[]>([]);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  /** The stored entry being changed (its id is kept), and the new-entry draft put aside meanwhile. */
  const [editing, setEditing] = useState<{ entry: Treatment; aside: TreatmentDraft } | null>(null);
  const formTop = useRef<HTMLHeadingElement>(null);
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
    // A change to a stored entry is not the new-entry draft: only the new entry autosaves.
    if (d === null || !loaded.current || editing !== null) return;
    const timer = setTimeout(() => void saveDraft(DRAFT_KEY, d, Date.now()).catch(() => undefined), 250);
    return () => clearTimeout(timer);
  }, [d, editing]);
  if (d === null) return <p>{t('rec.loading')}</p>;
  const w = words(i18n);
  const set = (p: Partial<TreatmentDraft>) => setD({ ...d, ...p });
  const text = (label: string, key: keyof TreatmentDraft, testId?: string, inputMode?: 'decimal') => (
    <label className="field">{label}
      <input type="text" inputMode={inputMode} value={d[key] as string} onChange={(e) => set({ [key]: e.target.value } as Partial<TreatmentDraft>)} data-testid={testId} />
    </label>
  );
  const startEdit = (entry: Treatment) => {
    setEditing({ entry, aside: editing?.aside ?? d });
    setD(draftFromTreatment(entry, dateStr));
    setErrors(null);
    setStatus('');
    formTop.current?.focus();
    formTop.current?.scrollIntoView();
  };
  const endEdit = (msg: string) => {
    if (editing !== null) setD(editing.aside);
    setEditing(null);
    setStatus(msg);
  };

  const save = async () => {
    setErrors(null);
    const at = dayMs(d.day);
    if (at === null) { setErrors(t('rec.tr.chooseDate')); return; }
    try {
      if (editing !== null) {
        const rec = await saveRecord(treatmentFromEdit(d, editing.entry, dayMs, dateStr));
        endEdit(t('rec.tr.savedChange', { what: describeTreatment(rec, w), date: i18n.date(treatmentTime(rec)) }));
        await refresh();
        return;
      }
      const rec = await saveRecord(treatmentFromDraft(d, newRecordId(d.kind, Date.now()), at, dayMs));
      await clearDraft(DRAFT_KEY);
      setD({ ...emptyTreatmentDraft(dateStr(Date.now())), kind: d.kind, product: d.product, productCode: d.productCode, clinician: d.clinician, guidance: d.guidance, blinded: d.blinded });
      const warned = rec.kind === 'botulinum' ? toxinDoseWarnings(rec).length : 0;
      setStatus(t('rec.tr.saved', { what: describeTreatment(rec, w), date: i18n.date(treatmentTime(rec)) }) + (warned > 0 ? t('rec.tr.savedWarned') : ''));
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e, t));
      setStatus(t('rec.notSaved'));
    }
  };
  const update = async (x: Treatment) => {
    try { await saveRecord(x); setStatus(t('rec.tr.updated')); await refresh(); } catch (e) { setErrors(errorsOf(e, t)); }
  };
  const remove = async (x: Treatment) => {
    if (!confirm(t('rec.tr.confirmDelete'))) return;
    // Deleting removes the entry here; the next sync sends a tombstone and the clinic keeps the earlier versions.
    await deleteRecord('treatment', x.id);
    if (editing?.entry.id === x.id) endEdit('');
    setStatus(t('rec.tr.deleted', { what: describeTreatment(x, w), date: i18n.date(treatmentTime(x)) }));
    await refresh();
  };
  const kinds: readonly TreatmentDraft['kind'][] = editing === null ? KINDS : [editing.entry.kind];

  return (
    <section className="rec" aria-labelledby="tr-h">
      <h1 id="tr-h">{t('rec.tr.title')}</h1>
      <p className="hint">{t('rec.tr.hint')}</p>
      <fieldset>
        <legend><span ref={formTop} tabIndex={-1} data-testid="tr-form-h">{editing === null ? t('rec.tr.add') : t('rec.tr.editing', { date: i18n.date(treatmentTime(editing.entry)) })}</span></legend>
        {editing === null ? null : (
          <>
            <p className="hint">{t('rec.tr.editHint')}</p>
            <p><button type="button" className="btn" data-testid="tr-cancel-edit" onClick={() => endEdit(t('rec.tr.cancelled'))}>{t('rec.cancelChange')}</button></p>
          </>
        )}
        <div className="row">
          <label className="field">{t('rec.tr.what')}
            <select value={d.kind} onChange={(e) => set({ kind: e.target.value as TreatmentDraft['kind'] })} data-testid="tr-kind" disabled={editing !== null}>
              {kinds.map((k) => <option key={k} value={k}>{k === 'biofeedback' ? t('rec.tr.d.biofeedback') : t(`rec.tr.kind.${k}`)}</option>)}
            </select>
          </label>
          <label className="field">{t('rec.field.atMs')}
            <input type="date" value={d.day} onChange={(e) => set({ day: e.target.value })} data-testid="tr-day" />
          </label>
        </div>
        {d.kind === 'botulinum' ? <ToxinFields d={d} set={set} text={text} /> : null}
        {d.kind === 'oral' ? (
          <div className="row">
            {text(t('rec.field.name'), 'name', 'tr-name')}
            {text(t('rec.field.amount'), 'amount', 'tr-amount', 'decimal')}
            <label className="field">{t('rec.field.unit')}
              <select value={d.unit} onChange={(e) => set({ unit: e.target.value as TreatmentDraft['unit'] })}>
                {(['mg', 'µg', 'mL', 'tablet'] as const).map((u) => <option key={u} value={u}>{u === 'tablet' ? t('rec.tr.unit.tablet') : u}</option>)}
              </select>
            </label>
            {text(t('rec.field.timesPerDay'), 'timesPerDay', 'tr-times', 'decimal')}
          </div>
        ) : null}
        {d.kind === 'therapy' ? (
          <div className="row">
            <label className="field">{t('rec.field.modality')}
              <select value={d.modality} onChange={(e) => set({ modality: e.target.value as TreatmentDraft['modality'] })} data-testid="tr-modality">
                {THERAPY_MODALITIES.map((m) => <option key={m} value={m}>{t(`rec.tr.modality.${m}`)}</option>)}
              </select>
            </label>
            {text(t('rec.optional', { label: t('rec.field.durationMin') }), 'durationMin', 'tr-minutes', 'decimal')}
          </div>
        ) : null}
        {d.kind === 'surgery' ? text(t('rec.field.procedure'), 'procedure', 'tr-procedure') : null}
        {d.kind === 'dbs-implant' ? (
          <div className="row">
            {text(t('rec.field.target'), 'target', 'tr-target')}
            <label className="field">{t('rec.field.leads')}
              <select value={d.leads} onChange={(e) => set({ leads: e.target.value as TreatmentDraft['leads'] })}>
                {(['both', 'left', 'right'] as const).map((s) => <option key={s} value={s}>{t(`rec.side.${s}`)}</option>)}
              </select>
            </label>
          </div>
        ) : null}
        {d.kind === 'dbs-setting' ? (
          <div className="row">
            <label className="field">{t('rec.field.side')}
              <select value={d.side} onChange={(e) => set({ side: e.target.value as 'left' | 'right' })}>
                {(['left', 'right'] as const).map((s) => <option key={s} value={s}>{t(`rec.side.${s}`)}</option>)}
              </select>
            </label>
            {text(t('rec.field.contacts'), 'contacts', 'tr-contacts')}
            {text(t('rec.field.amplitude'), 'amplitude', 'tr-amplitude', 'decimal')}
            <label className="field">{t('rec.field.amplitudeUnit')}
              <select value={d.amplitudeUnit} onChange={(e) => set({ amplitudeUnit: e.target.value as 'mA' | 'V' })}><option value="mA">mA</option><option value="V">V</option></select>
            </label>
            {text(t('rec.field.pulseWidthUs'), 'pulseWidthUs', 'tr-pulse', 'decimal')}
            {text(t('rec.field.frequencyHz'), 'frequencyHz', 'tr-frequency', 'decimal')}
          </div>
        ) : null}
        <label className="field">{t('rec.optional', { label: t('rec.field.note') })}
          <textarea value={d.note} maxLength={2000} onChange={(e) => set({ note: e.target.value })} data-testid="tr-note" />
        </label>
        <Errors errors={errors} />
        <div className="row">
          <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="tr-save">{editing === null ? t('rec.save') : t('rec.saveChange')}</button>
          <span className="status" role="status" aria-live="polite" data-testid="tr-status">{status}</span>
        </div>
      </fieldset>
      <h2>{t('rec.tr.list')}</h2>
      <ul className="entries" data-testid="tr-list">
        {list.map((x) => (
          <li key={x.id} data-testid={`tr-entry-${x.id}`}>
            <span>{i18n.date(treatmentTime(x))} — {describeTreatment(x, w)}
              {x.kind === 'botulinum' ? t('rec.tr.effectLine', { start: x.effectStartedAtMs === null ? t('rec.notYet') : i18n.date(x.effectStartedAtMs), end: x.effectWoreOffAtMs === null ? t('rec.notYet') : i18n.date(x.effectWoreOffAtMs) }) : ''}
            </span>
            <span className="row">
              {x.kind === 'botulinum' ? <EffectDates t={x} onSave={update} /> : null}
              {x.kind === 'oral' && x.stoppedAtMs === null ? <DoseChange t={x} onSave={update} /> : null}
              {x.kind === 'biofeedback' ? null : <button type="button" data-testid={`tr-edit-${x.id}`} onClick={() => startEdit(x)} aria-label={t('rec.tr.changeAria', { what: describeTreatment(x, w) })}>{t('rec.change')}</button>}
              <button type="button" data-testid={`tr-delete-${x.id}`} onClick={() => void remove(x)} aria-label={t('rec.tr.deleteAria', { what: describeTreatment(x, w) })}>{t('rec.delete')}</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DoseChange({ t: entry, onSave }: { t: Extract<Treatment, { kind: 'oral' }>; onSave: (t: Treatment) => Promise<void> }): ReactNode {
  const { t } = useI18n();
  const last = entry.doses[entry.doses.length - 1]!;
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(String(last.amount));
  const [times, setTimes] = useState(String(last.timesPerDay));
  if (!open) return (
    <>
      <button type="button" onClick={() => setOpen(true)}>{t('rec.tr.doseChanged')}</button>
      <button type="button" onClick={() => void onSave({ ...entry, stoppedAtMs: Math.max(last.fromMs, Date.now()) })}>{t('rec.tr.stoppedToday')}</button>
    </>
  );
  const unit = last.unit === 'tablet' ? t('rec.tr.unit.tablet') : last.unit;
  return (
    <span className="row" role="group" aria-label={t('rec.tr.newDoseOf', { name: entry.name })}>
      <label className="field">{t('rec.tr.amountUnit', { unit })}<input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} /></label>
      <label className="field">{t('rec.field.timesPerDay')}<input type="text" inputMode="decimal" value={times} onChange={(e) => setTimes(e.target.value)} /></label>
      <button type="button" onClick={() => void onSave({ ...entry, doses: [...entry.doses, { fromMs: Math.max(last.fromMs, Date.now()), amount: num(amount), unit: last.unit, timesPerDay: num(times) }] }).then(() => setOpen(false))}>{t('rec.tr.saveNewDose')}</button>
    </span>
  );
}

/** A dose warning in the person's language (core's message is English); same facts as core's. */
function warningWords(wn: DoseWarning, b: BotulinumTreatment, i: I18n): string {
  const u = unitsFormat(i.lang);
  const info = b.productCode in TOXIN_PRODUCT_INFO ? TOXIN_PRODUCT_INFO[b.productCode as keyof typeof TOXIN_PRODUCT_INFO] : null;
  const range = info === null ? { from: '', to: '', product: '' } : { from: u(info.plausibleTotalUnits[0]), to: u(info.plausibleTotalUnits[1]), product: info.code };
  const total = toxinTotalUnits(b);
  switch (wn.code) {
    case 'sum-exceeds-total':
      return i.t('rec.tr.warn.sum', { sum: u(b.injections.reduce((s, j) => s + j.units, 0)), total: u(b.totalUnits ?? 0) });
    case 'total-above-plausible':
      return i.t('rec.tr.warn.above', { total: u(total ?? 0), ...range });
    case 'total-below-plausible':
      return i.t('rec.tr.warn.below', { total: u(total ?? 0), ...range });
    case 'muscle-above-plausible': {
      const idx = Number(/\[(\d+)\]/.exec(wn.path)?.[1] ?? 0);
      return i.t('rec.tr.warn.muscle', { units: u(b.injections[idx]?.units ?? 0), ...range });
    }
  }
}

/** Toxin visit fields: product list, total, dilution, blinded/placebo, listed muscles with side (free text as fallback). */
function ToxinFields({ d, set, text }: { d: TreatmentDraft; set: (p: Partial<TreatmentDraft>) => void; text: (label: string, key: keyof TreatmentDraft, testId?: string, inputMode?: 'decimal') => ReactNode }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const row = (i: number, p: Partial<TreatmentDraft['muscles'][number]>) => set({ muscles: d.muscles.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const preview = treatmentFromDraft(d, 'preview', 0);
  const checkable = preview.kind === 'botulinum' && [preview.totalUnits, ...preview.injections.map((j) => j.units)].every((u) => u === null || Number.isFinite(u));
  const warnings = checkable ? toxinDoseWarnings(preview as BotulinumTreatment) : [];
  const info = d.productCode in TOXIN_PRODUCT_INFO ? TOXIN_PRODUCT_INFO[d.productCode as keyof typeof TOXIN_PRODUCT_INFO] : null;
  const optional = (k: Key) => t('rec.optional', { label: t(k) });
  return (
    <>
      <div className="row">
        <label className="field">{t('rec.field.productCode')}
          <select value={d.productCode} onChange={(e) => set({ productCode: e.target.value as TreatmentDraft['productCode'] })} data-testid="tr-product-code">
            {PRODUCT_CODES.map((p) => <option key={p} value={p}>{p === 'other' ? t('rec.tr.product.other') : p === 'unknown' ? t('rec.tr.product.unknown') : p}</option>)}
          </select>
        </label>
        {text(d.productCode === 'other' ? t('rec.field.product') : optional('rec.field.product'), 'product', 'tr-product')}
        <label className="field">{t('rec.field.guidance')}
          <select value={d.guidance} onChange={(e) => set({ guidance: e.target.value as TreatmentDraft['guidance'] })}>
            {GUIDANCE.map((g) => <option key={g} value={g}>{t(`rec.tr.guidance.${g}`)}</option>)}
          </select>
        </label>
        {text(t('rec.field.clinician'), 'clinician')}
      </div>
      <div className="row">
        {text(t('rec.field.totalUnits'), 'totalUnits', 'tr-total', 'decimal')}
        {text(t('rec.field.dilutionUnitsPerMl'), 'dilutionUnitsPerMl', 'tr-dilution', 'decimal')}
        <label className="field-check"><input type="checkbox" checked={d.blinded} onChange={(e) => set({ blinded: e.target.checked })} data-testid="tr-blinded" /> {t('rec.tr.blinded')}</label>
        <label className="field-check"><input type="checkbox" checked={d.placebo} onChange={(e) => set({ placebo: e.target.checked })} data-testid="tr-placebo" /> {t('rec.tr.placebo')}</label>
      </div>
      {info === null ? null : <p className="hint">{t('rec.tr.usual', { product: info.code, from: unitsFormat(i18n.lang)(info.typicalTotalUnits[0]), to: unitsFormat(i18n.lang)(info.typicalTotalUnits[1]) })}</p>}
      {d.muscles.map((m, i) => (
        <div className="muscle-row" key={i} role="group" aria-label={t('rec.tr.muscleN', { n: i + 1 })}>
          <label className="field">{t('rec.tr.muscleN', { n: i + 1 })}
            <select value={m.muscleCode} onChange={(e) => row(i, { muscleCode: e.target.value as TreatmentDraft['muscles'][number]['muscleCode'] })} data-testid={`tr-muscle-code-${i}`}>
              <option value="">{t('rec.tr.muscleOther')}</option>
              {CERVICAL_MUSCLES.map((c) => <option key={c} value={c}>{t(`rec.muscle.${c}`)}</option>)}
            </select>
          </label>
          {m.muscleCode === '' ? (
            <label className="field">{t('rec.field.muscleAsWritten')}
              <input type="text" value={m.muscle} onChange={(e) => row(i, { muscle: e.target.value })} data-testid={`tr-muscle-${i}`} />
            </label>
          ) : null}
          <label className="field">{t('rec.field.side')}
            <select value={m.side} onChange={(e) => row(i, { side: e.target.value as 'left' | 'right' | 'both' })} data-testid={`tr-side-${i}`}>
              {(['left', 'right', 'both'] as const).map((s) => <option key={s} value={s}>{t(`rec.side.${s}`)}</option>)}
            </select>
          </label>
          <label className="field">{t('rec.field.units')}
            <input type="text" inputMode="decimal" value={m.units} onChange={(e) => row(i, { units: e.target.value })} data-testid={`tr-units-${i}`} />
          </label>
          <button type="button" onClick={() => set({ muscles: d.muscles.filter((_, j) => j !== i) })} aria-label={t('rec.tr.removeMuscle', { n: i + 1 })}>{t('rec.remove')}</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ muscles: [...d.muscles, { muscleCode: '', muscle: '', side: 'left', units: '' }] })} data-testid="tr-add-muscle">{t('rec.tr.addMuscle')}</button>
      <div className="row">
        <label className="field">{optional('rec.field.effectStartedAtMs')}
          <input type="date" value={d.effectStartedDay} onChange={(e) => set({ effectStartedDay: e.target.value })} data-testid="tr-effect-start" />
        </label>
        <label className="field">{optional('rec.field.effectWoreOffAtMs')}
          <input type="date" value={d.effectWoreOffDay} onChange={(e) => set({ effectWoreOffDay: e.target.value })} data-testid="tr-effect-end" />
        </label>
      </div>
      {warnings.length === 0 ? null : (
        <div className="alert alert-warning" role="status" data-testid="tr-dose-warning">
          <ul>{warnings.map((wn, i) => <li key={i}>{warningWords(wn, preview as BotulinumTreatment, i18n)}</li>)}</ul>
        </div>
      )}
    </>
  );
}

/** Onset and wear-off on any past date (not only today), or cleared. */
function EffectDates({ t: entry, onSave }: { t: BotulinumTreatment; onSave: (t: Treatment) => Promise<void> }): ReactNode {
  const i18n = useI18n();
  const field = (label: string, key: 'effectStartedAtMs' | 'effectWoreOffAtMs') => (
    <label className="field">{label}
      <input type="date" value={entry[key] === null ? '' : dateStr(entry[key])} max={dateStr(Date.now())} onChange={(e) => void onSave({ ...entry, [key]: e.target.value === '' ? null : (dayMs(e.target.value) ?? entry[key]) })} aria-label={i18n.t('rec.tr.effectAria', { label, date: i18n.date(entry.atMs) })} />
    </label>
  );
  return (
    <>
      {field(i18n.t('rec.tr.effectStarted'), 'effectStartedAtMs')}
      {field(i18n.t('rec.tr.woreOff'), 'effectWoreOffAtMs')}
    </>
  );
}
