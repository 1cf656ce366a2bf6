/** History intake for the first visit: onset, course, possible causes named by the literature, family. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { POSSIBLE_CAUSES, type HistoryIntake } from '@geste/core';
import { clearDraft, listRecords, loadDraft, saveDraft, saveRecord } from './db.ts';
import { Errors, errorsOf } from './ui.tsx';
import { useI18n } from '../i18n/i18n.tsx';

const DRAFT_KEY = 'history';

const blank = (nowMs: number): HistoryIntake => ({
  type: 'history', schemaVersion: 1, id: 'history', recordedAtMs: nowMs, onsetAgeYears: null, onsetMode: 'unknown', course: 'unknown',
  possibleCauses: { parkinsonsDisease: null, dopamineBlockingMedicine: null, headNeckShoulderInjury: null, familyHistory: null, mentalHealthCondition: null, presentSinceBirth: null },
  causeDetails: '', familyMembers: [], note: '',
});

/** A family row with nothing typed in it: optional, left out when saving. */
export const isEmptyRelative = (m: { relation: string; condition: string }): boolean => m.relation.trim() === '' && m.condition.trim() === '';

export function IntakeScreen(): ReactNode {
  const { t } = useI18n();
  const [h, setH] = useState<HistoryIntake | null>(null);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  const loaded = useRef(false);
  useEffect(() => {
    void (async () => {
      const draft = await loadDraft<HistoryIntake>(DRAFT_KEY).catch(() => undefined);
      const saved = (await listRecords('history')).find((x) => x.id === 'history');
      setH(draft ?? saved ?? blank(Date.now()));
      loaded.current = true;
    })();
  }, []);
  useEffect(() => {
    if (h === null || !loaded.current) return;
    const t = setTimeout(() => void saveDraft(DRAFT_KEY, h, Date.now()).catch(() => undefined), 250);
    return () => clearTimeout(t);
  }, [h]);
  if (h === null) return <p>{t('rec.loading')}</p>;
  const set = (p: Partial<HistoryIntake>) => setH({ ...h, ...p });
  const save = async () => {
    setErrors(null);
    try {
      // An empty "Add a relative" row is optional: it never blocks saving the history.
      await saveRecord({ ...h, familyMembers: h.familyMembers.filter((m) => !isEmptyRelative(m)), recordedAtMs: Date.now() });
      await clearDraft(DRAFT_KEY);
      setStatus(t('rec.hi.saved'));
    } catch (e) {
      setErrors(errorsOf(e, t));
      setStatus(t('rec.notSaved'));
    }
  };
  return (
    <section className="rec" aria-labelledby="hi-h">
      <h1 id="hi-h">{t('rec.hi.title')}</h1>
      <p className="hint">{t('rec.hi.hint')}</p>
      <div className="row">
        <label className="field">{t('rec.field.onsetAgeYears')}
          <input type="number" min={0} max={120} value={h.onsetAgeYears ?? ''} onChange={(e) => set({ onsetAgeYears: e.target.value === '' ? null : Math.round(Number(e.target.value)) })} />
        </label>
        <label className="field">{t('rec.field.onsetMode')}
          <select value={h.onsetMode} onChange={(e) => set({ onsetMode: e.target.value as HistoryIntake['onsetMode'] })}>
            {(['unknown', 'gradual', 'sudden'] as const).map((v) => <option key={v} value={v}>{t(`rec.hi.${v}`)}</option>)}
          </select>
        </label>
        <label className="field">{t('rec.field.course')}
          <select value={h.course} onChange={(e) => set({ course: e.target.value as HistoryIntake['course'] })}>
            {(['unknown', 'stable', 'worsening', 'improving', 'fluctuating', 'remission'] as const).map((v) => <option key={v} value={v}>{t(`rec.hi.${v}`)}</option>)}
          </select>
        </label>
      </div>
      <h2>{t('rec.hi.causes')}</h2>
      {POSSIBLE_CAUSES.map((c) => (
        <fieldset key={c}>
          <legend>{t(`rec.hi.cause.${c}`)}</legend>
          <div className="score-options">
            {(['yes', 'no', 'unsure'] as const).map((a) => (
              <label key={a} className="score-opt" data-checked={h.possibleCauses[c] === a}>
                <input type="radio" name={`cause-${c}`} checked={h.possibleCauses[c] === a} onChange={() => set({ possibleCauses: { ...h.possibleCauses, [c]: a } })} />
                <span>{h.possibleCauses[c] === a ? '✓ ' : ''}{t(`rec.hi.${a}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label className="field">{t('rec.field.causeDetails')}
        <textarea value={h.causeDetails} maxLength={2000} onChange={(e) => set({ causeDetails: e.target.value })} />
      </label>
      <h2>{t('rec.hi.family')}</h2>
      {h.familyMembers.map((m, i) => (
        <div className="muscle-row" key={i} role="group" aria-label={t('rec.hi.relativeN', { n: i + 1 })}>
          <label className="field">{t('rec.field.relation')}<input type="text" value={m.relation} onChange={(e) => set({ familyMembers: h.familyMembers.map((x, j) => (j === i ? { ...x, relation: e.target.value } : x)) })} /></label>
          <label className="field">{t('rec.field.condition')}<input type="text" value={m.condition} onChange={(e) => set({ familyMembers: h.familyMembers.map((x, j) => (j === i ? { ...x, condition: e.target.value } : x)) })} /></label>
          <button type="button" onClick={() => set({ familyMembers: h.familyMembers.filter((_, j) => j !== i) })} aria-label={t('rec.hi.removeRelative', { n: i + 1 })}>{t('rec.remove')}</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ familyMembers: [...h.familyMembers, { relation: '', condition: '' }] })} data-testid="hi-add-relative">{t('rec.hi.addRelative')}</button>
      {h.familyMembers.some(isEmptyRelative) ? <p className="hint">{t('rec.hi.emptyRowHint')}</p> : null}
      <label className="field">{t('rec.field.historyNote')}
        <textarea value={h.note} maxLength={4000} onChange={(e) => set({ note: e.target.value })} />
      </label>
      <Errors errors={errors} labels={{ note: 'rec.field.historyNote' }} />
      <div className="row">
        <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="hi-save">{t('rec.hi.save')}</button>
        <span className="status" role="status" aria-live="polite" data-testid="hi-status">{status}</span>
      </div>
    </section>
  );
}
