/**
 * Rated scales (TWSTRS, Tsui, CDIP-58, pain NRS, global impression): the numbers a clinician or the
 * person entered, with who rated. Geste shows no item wording (the scales belong to their authors).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { RATER_ROLES, RATING_SCALE_INFO, RATING_SCALES, type RatedScale } from '@geste/core';
import { deleteRecord, listRecords, newRecordId, saveRecord } from './db.ts';
import { describeRating, emptyRatingDraft, ratingFromDraft, type RatingDraft } from './ratingForm.ts';
import { dateStr, dayMs, Errors, errorsOf, showDate } from './ui.tsx';

export function RatingsScreen(): ReactNode {
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
    if (at === null) { setErrors('Choose the date of the rating.'); return; }
    try {
      const rec = await saveRecord(ratingFromDraft(d, newRecordId('rating', Date.now()), at));
      setD({ ...emptyRatingDraft(dateStr(Date.now()), d.scale), raterRole: d.raterRole, raterName: d.raterName, version: d.version });
      setStatus(`Saved ✓ ${describeRating(rec)} on ${showDate(rec.atMs)}.`);
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e));
      setStatus('Not saved — what you typed is kept.');
    }
  };

  return (
    <section className="rec" aria-labelledby="ra-h">
      <h1 id="ra-h">Rated scales</h1>
      <p className="hint">Scores from a rating scale, entered as the rater gave them. Clinician-rated and patient-rated scores are kept apart. Geste shows no scale wording: use your licensed form and enter the numbers.</p>
      <fieldset>
        <legend>Add a rating</legend>
        <div className="row">
          <label className="field">Scale
            <select value={d.scale} onChange={(e) => { const scale = e.target.value as RatingDraft['scale']; set({ scale, raterRole: RATING_SCALE_INFO[scale].usualRater }); }} data-testid="ra-scale">
              {RATING_SCALES.map((s) => <option key={s} value={s}>{RATING_SCALE_INFO[s].label}</option>)}
            </select>
          </label>
          <label className="field">Date
            <input type="date" value={d.day} onChange={(e) => set({ day: e.target.value })} data-testid="ra-day" />
          </label>
          <label className="field">Total ({info.minTotal}–{info.maxTotal})
            <input type="text" inputMode="decimal" value={d.total} onChange={(e) => set({ total: e.target.value })} data-testid="ra-total" />
          </label>
        </div>
        <div className="row">
          <fieldset>
            <legend>Rated by</legend>
            {RATER_ROLES.map((r) => (
              <label key={r} className="field-check"><input type="radio" name="ra-role" checked={d.raterRole === r} onChange={() => set({ raterRole: r })} data-testid={`ra-role-${r}`} /> {r === 'clinician' ? 'a clinician' : 'the person (self-rated)'}</label>
            ))}
          </fieldset>
          <label className="field">Rater's name (optional)<input type="text" value={d.raterName} maxLength={120} onChange={(e) => set({ raterName: e.target.value })} /></label>
          <label className="field">Visit label (optional)<input type="text" value={d.visitLabel} maxLength={60} onChange={(e) => set({ visitLabel: e.target.value })} placeholder="week 4, V3…" data-testid="ra-visit" /></label>
          <label className="field">Version (optional)<input type="text" value={d.version} maxLength={40} onChange={(e) => set({ version: e.target.value })} placeholder="as on your form" /></label>
        </div>
        <fieldset>
          <legend>Item scores (optional, as numbered on your form)</legend>
          {d.items.map((it, i) => (
            <div className="muscle-row" key={i} role="group" aria-label={`Item ${i + 1}`}>
              <label className="field">Item<input type="text" value={it.key} onChange={(e) => set({ items: d.items.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })} /></label>
              <label className="field">Score<input type="text" inputMode="decimal" value={it.value} onChange={(e) => set({ items: d.items.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} /></label>
              <button type="button" onClick={() => set({ items: d.items.filter((_, j) => j !== i) })} aria-label={`Remove item ${i + 1}`}>Remove</button>
            </div>
          ))}
          <button type="button" onClick={() => set({ items: [...d.items, { key: String(d.items.length + 1), value: '' }] })}>Add an item score</button>
        </fieldset>
        <label className="field">Note (optional)<textarea value={d.note} maxLength={2000} onChange={(e) => set({ note: e.target.value })} /></label>
        <Errors errors={errors} />
        <div className="row">
          <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="ra-save">Save</button>
          <span className="status" role="status" aria-live="polite" data-testid="ra-status">{status}</span>
        </div>
      </fieldset>
      <h2>Ratings on record</h2>
      {(['clinician', 'patient'] as const).map((role) => {
        const mine = list.filter((r) => r.raterRole === role);
        return (
          <div key={role}>
            <h3>{role === 'clinician' ? 'Clinician-rated' : 'Patient-rated'} ({mine.length})</h3>
            <ul className="entries" data-testid={`ra-list-${role}`}>
              {mine.map((r) => (
                <li key={r.id}>
                  <span>{showDate(r.atMs)} — {describeRating(r)}</span>
                  <button type="button" onClick={() => void (async () => { if (confirm('Delete this rating?')) { await deleteRecord('rating', r.id); await refresh(); } })()} aria-label={`Delete ${describeRating(r)}`}>Delete</button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
