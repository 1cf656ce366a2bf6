/** History intake for the first visit: onset, course, possible causes named by the literature, family. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { POSSIBLE_CAUSES, type HistoryIntake } from '@geste/core';
import { clearDraft, listRecords, loadDraft, saveDraft, saveRecord } from './db.ts';
import { Errors, errorsOf } from './ui.tsx';

const DRAFT_KEY = 'history';
const CAUSE_WORDS: Record<(typeof POSSIBLE_CAUSES)[number], string> = {
  parkinsonsDisease: "Parkinson's disease",
  dopamineBlockingMedicine: 'Medicines that block dopamine (for example some antipsychotics or anti-sickness medicines)',
  headNeckShoulderInjury: 'An injury to the head, neck or shoulders',
  familyHistory: 'Relatives with dystonia or tremor',
  mentalHealthCondition: 'A mental-health condition',
  presentSinceBirth: 'Present since birth',
};

const blank = (nowMs: number): HistoryIntake => ({
  type: 'history', schemaVersion: 1, id: 'history', recordedAtMs: nowMs, onsetAgeYears: null, onsetMode: 'unknown', course: 'unknown',
  possibleCauses: { parkinsonsDisease: null, dopamineBlockingMedicine: null, headNeckShoulderInjury: null, familyHistory: null, mentalHealthCondition: null, presentSinceBirth: null },
  causeDetails: '', familyMembers: [], note: '',
});

export function IntakeScreen(): ReactNode {
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
  if (h === null) return <p>Loading…</p>;
  const set = (p: Partial<HistoryIntake>) => setH({ ...h, ...p });
  const save = async () => {
    setErrors(null);
    try {
      // An empty "Add a relative" row is optional: it never blocks saving the history.
      await saveRecord({ ...h, familyMembers: h.familyMembers.filter((m) => m.relation.trim() !== '' || m.condition.trim() !== ''), recordedAtMs: Date.now() });
      await clearDraft(DRAFT_KEY);
      setStatus('Saved ✓');
    } catch (e) {
      setErrors(errorsOf(e));
      setStatus('Not saved — what you typed is kept.');
    }
  };
  return (
    <section className="rec" aria-labelledby="hi-h">
      <h1 id="hi-h">History for the first visit</h1>
      <p className="hint">These are questions clinicians usually ask. Answer what you know; “not sure” is a fine answer.</p>
      <div className="row">
        <label className="field">Age when it began (years)
          <input type="number" min={0} max={120} value={h.onsetAgeYears ?? ''} onChange={(e) => set({ onsetAgeYears: e.target.value === '' ? null : Math.round(Number(e.target.value)) })} />
        </label>
        <label className="field">How it began
          <select value={h.onsetMode} onChange={(e) => set({ onsetMode: e.target.value as HistoryIntake['onsetMode'] })}>
            <option value="unknown">don't know</option><option value="gradual">gradually</option><option value="sudden">suddenly</option>
          </select>
        </label>
        <label className="field">Since then it has been
          <select value={h.course} onChange={(e) => set({ course: e.target.value as HistoryIntake['course'] })}>
            <option value="unknown">don't know</option><option value="stable">about the same</option><option value="worsening">getting worse</option>
            <option value="improving">getting better</option><option value="fluctuating">up and down</option><option value="remission">gone for a while, then back</option>
          </select>
        </label>
      </div>
      <h2>Possible causes</h2>
      {POSSIBLE_CAUSES.map((c) => (
        <fieldset key={c}>
          <legend>{CAUSE_WORDS[c]}</legend>
          <div className="score-options">
            {(['yes', 'no', 'unsure'] as const).map((a) => (
              <label key={a} className="score-opt" data-checked={h.possibleCauses[c] === a}>
                <input type="radio" name={`cause-${c}`} checked={h.possibleCauses[c] === a} onChange={() => set({ possibleCauses: { ...h.possibleCauses, [c]: a } })} />
                <span>{h.possibleCauses[c] === a ? '✓ ' : ''}{a === 'unsure' ? 'not sure' : a}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label className="field">Details (which medicine, which injury, when)
        <textarea value={h.causeDetails} maxLength={2000} onChange={(e) => set({ causeDetails: e.target.value })} />
      </label>
      <h2>Family history</h2>
      {h.familyMembers.map((m, i) => (
        <div className="muscle-row" key={i} role="group" aria-label={`Family member ${i + 1}`}>
          <label className="field">Relation<input type="text" value={m.relation} onChange={(e) => set({ familyMembers: h.familyMembers.map((x, j) => (j === i ? { ...x, relation: e.target.value } : x)) })} /></label>
          <label className="field">Condition<input type="text" value={m.condition} onChange={(e) => set({ familyMembers: h.familyMembers.map((x, j) => (j === i ? { ...x, condition: e.target.value } : x)) })} /></label>
          <button type="button" onClick={() => set({ familyMembers: h.familyMembers.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ familyMembers: [...h.familyMembers, { relation: '', condition: '' }] })}>Add a relative</button>
      <label className="field">Anything else
        <textarea value={h.note} maxLength={4000} onChange={(e) => set({ note: e.target.value })} />
      </label>
      <Errors errors={errors} />
      <div className="row">
        <button type="button" className="btn-primary btn-big" onClick={() => void save()}>Save history</button>
        <span className="status" role="status" aria-live="polite">{status}</span>
      </div>
    </section>
  );
}
