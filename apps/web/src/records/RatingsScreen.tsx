/**
 * Rated scales (TWSTRS, Tsui, CDIP-58, pain NRS, global impression): the numbers a clinician or the
 * person entered, with who rated. Geste shows no item wording (the scales belong to their authors).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { RATER_ROLES, RATING_SCALE_INFO, RATING_SCALES, type RatedScale } from '@geste/core';
import { deleteRecord, listRecords, newRecordId, saveRecord } from './db.ts';
import { describeRating, emptyRatingDraft, ratingFromDraft, type RatingDraft } from './ratingForm.ts';
import { dateStr, dayMs, Errors, errorsOf } from './ui.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { unitsFormat, type Words } from './treatmentForm.ts';

export function RatingsScreen(): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const w: Words = { t, units: unitsFormat(i18n.lang) };
  const [d, setD] = useState<RatingDraft>(() => emptyRatingDraft(dateStr(Date.now())));
  const [list, setList] = useState<RatedScale[]>([]);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  const refresh = async () => setList((await listRecords('rating')).sort((a, b) => b.atMs - a.atMs));
  useEffect(() => void refresh(), []);
  const set = (p: Partial<RatingDraft>) => setD({ ...d, ...p });
  const info = RATING_SCALE_INFO[d.scale];

  const save = async () => {
    setErrors(null);
    const at = dayMs(d.day);
    if (at === null) { setErrors(t('rec.ra.chooseDate')); return; }
    try {
      const rec = await saveRecord(ratingFromDraft(d, newRecordId('rating', Date.now()), at));
      setD({ ...emptyRatingDraft(dateStr(Date.now()), d.scale), raterRole: d.raterRole, raterName: d.raterName, version: d.version });
      setStatus(t('rec.ra.saved', { what: describeRating(rec, w), date: i18n.date(rec.atMs) }));
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e, t));
      setStatus(t('rec.notSaved'));
    }
  };

  return (
    <section className="rec" aria-labelledby="ra-h">
      <h1 id="ra-h">{t('rec.ra.title')}</h1>
      <p className="hint">{t('rec.ra.hint')}</p>
      <fieldset>
        <legend>{t('rec.ra.add')}</legend>
        <div className="row">
          <label className="field">{t('rec.field.scale')}
            <select value={d.scale} onChange={(e) => { const scale = e.target.value as RatingDraft['scale']; set({ scale, raterRole: RATING_SCALE_INFO[scale].usualRater }); }} data-testid="ra-scale">
              {RATING_SCALES.map((s) => <option key={s} value={s}>{RATING_SCALE_INFO[s].label}</option>)}
            </select>
          </label>
          <label className="field">{t('rec.field.atMs')}
            <input type="date" value={d.day} onChange={(e) => set({ day: e.target.value })} data-testid="ra-day" />
          </label>
          <label className="field">{t('rec.ra.totalRange', { min: info.minTotal, max: info.maxTotal })}
            <input type="text" inputMode="decimal" value={d.total} onChange={(e) => set({ total: e.target.value })} data-testid="ra-total" />
          </label>
        </div>
        <div className="row">
          <fieldset>
            <legend>{t('rec.field.raterRole')}</legend>
            {RATER_ROLES.map((r) => (
              <label key={r} className="field-check"><input type="radio" name="ra-role" checked={d.raterRole === r} onChange={() => set({ raterRole: r })} data-testid={`ra-role-${r}`} /> {t(r === 'clinician' ? 'rec.ra.byClinician' : 'rec.ra.bySelf')}</label>
            ))}
          </fieldset>
          <label className="field">{t('rec.optional', { label: t('rec.field.raterName') })}<input type="text" value={d.raterName} maxLength={120} onChange={(e) => set({ raterName: e.target.value })} /></label>
          <label className="field">{t('rec.optional', { label: t('rec.field.visitLabel') })}<input type="text" value={d.visitLabel} maxLength={60} onChange={(e) => set({ visitLabel: e.target.value })} placeholder={t('rec.ra.visitPlaceholder')} data-testid="ra-visit" /></label>
          <label className="field">{t('rec.optional', { label: t('rec.field.version') })}<input type="text" value={d.version} maxLength={40} onChange={(e) => set({ version: e.target.value })} placeholder={t('rec.ra.versionPlaceholder')} /></label>
        </div>
        <fieldset>
          <legend>{t('rec.ra.items')}</legend>
          {d.items.map((it, i) => (
            <div className="muscle-row" key={i} role="group" aria-label={t('rec.ra.itemN', { n: i + 1 })}>
              <label className="field">{t('rec.field.itemKey')}<input type="text" value={it.key} onChange={(e) => set({ items: d.items.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })} /></label>
              <label className="field">{t('rec.field.itemScore')}<input type="text" inputMode="decimal" value={it.value} onChange={(e) => set({ items: d.items.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} /></label>
              <button type="button" onClick={() => set({ items: d.items.filter((_, j) => j !== i) })} aria-label={t('rec.ra.removeItem', { n: i + 1 })}>{t('rec.remove')}</button>
            </div>
          ))}
          <button type="button" onClick={() => set({ items: [...d.items, { key: String(d.items.length + 1), value: '' }] })}>{t('rec.ra.addItem')}</button>
        </fieldset>
        <label className="field">{t('rec.optional', { label: t('rec.field.note') })}<textarea value={d.note} maxLength={2000} onChange={(e) => set({ note: e.target.value })} /></label>
        <Errors errors={errors} />
        <div className="row">
          <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="ra-save">{t('rec.save')}</button>
          <span className="status" role="status" aria-live="polite" data-testid="ra-status">{status}</span>
        </div>
      </fieldset>
      <h2>{t('rec.ra.list')}</h2>
      {(['clinician', 'patient'] as const).map((role) => {
        const mine = list.filter((r) => r.raterRole === role);
        return (
          <div key={role}>
            <h3>{t(role === 'clinician' ? 'rec.ra.clinicianRated' : 'rec.ra.patientRated', { n: mine.length })}</h3>
            <ul className="entries" data-testid={`ra-list-${role}`}>
              {mine.map((r) => (
                <li key={r.id}>
                  <span>{i18n.date(r.atMs)} — {describeRating(r, w)}</span>
                  <button type="button" onClick={() => void (async () => { if (confirm(t('rec.ra.confirmDelete'))) { await deleteRecord('rating', r.id); await refresh(); } })()} aria-label={t('rec.ra.deleteAria', { what: describeRating(r, w) })}>{t('rec.delete')}</button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
