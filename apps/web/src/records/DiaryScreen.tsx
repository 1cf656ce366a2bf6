/**
 * Symptom diary: one screen, large choices, every change autosaved as a draft (IndexedDB, and
 * localStorage at once as a crash guard), so nothing typed is lost on a reload, a crash or a failed save.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ACTIVITIES, nextReminderAtMs, type DiaryEntry, type ReminderSetting } from '@geste/core';
import { clearDraft, deleteRecord, listRecords, loadDraft, newRecordId, saveDraft, saveRecord } from './db.ts';
import { diaryFromDraft, draftFromDiary, emptyDiaryDraft, isDraftEmpty, type DiaryDraft } from './diaryForm.ts';
import { dateStr, dayMs, Errors, errorsOf, ScoreField, showDate } from './ui.tsx';
import { BodyMap } from './BodyMap.tsx';

const DRAFT_KEY = 'diary';
const LS_KEY = 'geste.diary.draft';
const IMPACT_HINT = '0 none · 1 slight · 2 moderate · 3 severe · 4 could not do it';
const PAIN_HINT = '0 no pain · 10 worst imaginable';
const REMINDER_ID = 'diary-reminder';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function DiaryScreen(): ReactNode {
  const [draft, setDraft] = useState<DiaryDraft | null>(null);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  const [entries, setEntries] = useState<DiaryEntry[]>([]);
  /** The stored entry being edited (its id and time are kept), or null for a new entry. */
  const [editing, setEditing] = useState<DiaryEntry | null>(null);
  const formTop = useRef<HTMLHeadingElement>(null);
  const loaded = useRef(false);

  const refresh = async () => setEntries((await listRecords('diary')).sort((a, b) => b.atMs - a.atMs));
  useEffect(() => {
    void (async () => {
      let d = await loadDraft<DiaryDraft>(DRAFT_KEY).catch(() => undefined);
      if (d === undefined) {
        const ls = localStorage.getItem(LS_KEY);
        if (ls !== null) try { d = JSON.parse(ls) as DiaryDraft; } catch { /* unreadable: start fresh */ }
      }
      setDraft(d ?? emptyDiaryDraft(dateStr(Date.now())));
      if (d !== undefined && !isDraftEmpty(d)) setStatus('Your unsaved entry was restored.');
      loaded.current = true;
      await refresh();
    })();
  }, []);

  // Autosave: localStorage at once (survives a crash), IndexedDB shortly after.
  useEffect(() => {
    if (draft === null || !loaded.current) return;
    try { localStorage.setItem(LS_KEY, JSON.stringify(draft)); } catch { /* storage full: IndexedDB still tries */ }
    const t = setTimeout(() => void saveDraft(DRAFT_KEY, draft, Date.now()).catch(() => undefined), 250);
    return () => clearTimeout(t);
  }, [draft]);

  if (draft === null) return <p>Loading the diary…</p>;
  const upd = (f: (d: DiaryDraft) => DiaryDraft) => setDraft((d) => (d === null ? d : f(structuredClone(d))));

  const save = async () => {
    setErrors(null);
    const noon = dayMs(draft.day);
    if (noon === null) { setErrors('Choose the day this entry is for.'); return; }
    const now = Date.now();
    // An edit keeps the entry's id (sync sends it as a new version of the same record; the clinic
    // server keeps every version) and its time, unless the day was changed.
    const keepTime = editing !== null && dateStr(editing.atMs) === draft.day;
    const rec = keepTime && editing
      ? diaryFromDraft(draft, editing.id, editing.atMs, now, false)
      : diaryFromDraft(draft, editing?.id ?? newRecordId('diary', now), noon, now, draft.day === dateStr(now));
    try {
      await saveRecord(rec);
      await clearDraft(DRAFT_KEY);
      localStorage.removeItem(LS_KEY);
      setDraft(emptyDiaryDraft(dateStr(now), draft.period));
      setStatus(editing ? `Saved ✓ changes to the entry of ${showDate(rec.atMs)}.` : `Saved ✓ entry for ${showDate(rec.atMs)}.`);
      setEditing(null);
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e));
      setStatus('Not saved — your entry is kept here.');
    }
  };

  return (
    <section className="rec" aria-labelledby="diary-h">
      <h1 id="diary-h">Symptom diary</h1>
      <DueBanner entries={entries} />
      <h2 ref={formTop} tabIndex={-1} data-testid="diary-form-h">{editing ? `Changing the entry of ${showDate(editing.atMs)}` : 'New entry'}</h2>
      {editing && (
        <p>
          <button type="button" className="btn" data-testid="diary-cancel-edit" onClick={() => { setEditing(null); setDraft(emptyDiaryDraft(dateStr(Date.now()), draft.period)); setStatus('Change cancelled; the entry is as it was.'); }}>
            Cancel the change
          </button>
        </p>
      )}
      <div className="row">
        <label className="field">Day
          <input type="date" value={draft.day} max={dateStr(Date.now())} onChange={(e) => upd((d) => ({ ...d, day: e.target.value }))} data-testid="diary-day" />
        </label>
        <label className="field">This entry describes
          <select value={draft.period} onChange={(e) => upd((d) => ({ ...d, period: e.target.value as 'day' | 'week' }))}>
            <option value="day">the day</option>
            <option value="week">the past week</option>
          </select>
        </label>
      </div>
      <h2>Pain</h2>
      <div className="grid2">
        <ScoreField legend="Neck pain" value={draft.pain.neck} max={10} hint={PAIN_HINT} onChange={(v) => upd((d) => { d.pain.neck = v; return d; })} testId="pain-neck" />
        <ScoreField legend="Shoulder pain" value={draft.pain.shoulders} max={10} hint={PAIN_HINT} onChange={(v) => upd((d) => { d.pain.shoulders = v; return d; })} />
        <ScoreField legend="Headache" value={draft.pain.head} max={10} hint={PAIN_HINT} onChange={(v) => upd((d) => { d.pain.head = v; return d; })} />
      </div>
      <BodyMap value={draft.painAreas ?? []} onChange={(v) => upd((d) => ({ ...d, painAreas: v }))} />
      <h2>How strong were they?</h2>
      <div className="grid2">
        {(['pulling', 'spasms', 'jerks', 'tremor'] as const).map((k) => (
          <ScoreField key={k} legend={{ pulling: 'Pulling', spasms: 'Spasms', jerks: 'Jerks', tremor: 'Tremor' }[k]} value={draft.symptoms[k]} max={10} hint="0 none · 10 worst" onChange={(v) => upd((d) => { d.symptoms[k] = v; return d; })} testId={`sym-${k}`} />
        ))}
      </div>
      <h2>Effect on daily life</h2>
      <div className="grid2">
        {ACTIVITIES.map((k) => (
          <ScoreField key={k} legend={{ work: 'Work', driving: 'Driving', reading: 'Reading', screens: 'Screens', sleep: 'Sleep', social: 'Social life' }[k]} value={draft.impact[k]} max={4} hint={IMPACT_HINT} onChange={(v) => upd((d) => { d.impact[k] = v; return d; })} />
        ))}
      </div>
      <h2>Stress and mood</h2>
      <div className="grid2">
        <ScoreField legend="Stress" value={draft.stress} max={10} hint="0 none · 10 the most" onChange={(v) => upd((d) => ({ ...d, stress: v }))} />
        <ScoreField legend="Mood" value={draft.mood} max={10} hint="0 very low · 10 very good" onChange={(v) => upd((d) => ({ ...d, mood: v }))} />
      </div>
      <label className="field">Note (optional)
        <textarea value={draft.note} maxLength={2000} onChange={(e) => upd((d) => ({ ...d, note: e.target.value }))} data-testid="diary-note" />
      </label>
      <Errors errors={errors} />
      <div className="row">
        <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="diary-save">{editing ? 'Save the change' : 'Save entry'}</button>
        <span className="status" role="status" aria-live="polite" data-testid="diary-status">{status}</span>
      </div>
      <ReminderBlock />
      <h2>Recent entries</h2>
      <ul className="entries" data-testid="diary-list">
        {entries.slice(0, 14).map((e) => {
          const pains = [e.pain.neck, e.pain.shoulders, e.pain.head].filter((v): v is number => v !== null);
          return (
            <li key={e.id}>
              <span>{showDate(e.atMs)} ({e.period === 'week' ? 'week' : 'day'}) — worst pain {pains.length === 0 ? 'not filled in' : `${Math.max(...pains)} of 10`}{e.note === '' ? '' : ` — “${e.note.slice(0, 60)}”`}</span>
              <span className="row">
                <button type="button" data-testid={`diary-edit-${e.id}`} onClick={() => { setEditing(e); setDraft(draftFromDiary(e, dateStr(e.atMs))); setErrors(null); setStatus(''); formTop.current?.focus(); formTop.current?.scrollIntoView(); }} aria-label={`Change entry of ${showDate(e.atMs)}`}>Change</button>
                <button type="button" data-testid={`diary-delete-${e.id}`} onClick={() => void (async () => { if (confirm('Delete this diary entry?')) { await deleteRecord('diary', e.id); if (editing?.id === e.id) setEditing(null); setStatus(`Deleted the entry of ${showDate(e.atMs)}.`); await refresh(); } })()} aria-label={`Delete entry of ${showDate(e.atMs)}`}>Delete</button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DueBanner({ entries }: { entries: DiaryEntry[] }): ReactNode {
  const [rem, setRem] = useState<ReminderSetting | null>(null);
  useEffect(() => { void listRecords('reminder').then((r) => setRem(r.find((x) => x.id === REMINDER_ID) ?? null)); }, []);
  if (rem === null || !rem.enabled) return null;
  const now = Date.now();
  const offset = -new Date().getTimezoneOffset();
  // The last scheduled time is one period before the next one.
  const next = nextReminderAtMs(rem, now, offset);
  if (next === null) return null;
  const last = next - (rem.cadence === 'daily' ? 1 : 7) * 86_400_000;
  const due = !entries.some((e) => e.atMs >= last) && now >= last;
  return due ? <div className="alert alert-info" role="status">Your {rem.cadence} diary entry is due.</div> : null;
}

function ReminderBlock(): ReactNode {
  const [r, setR] = useState<ReminderSetting>({ type: 'reminder', schemaVersion: 1, id: REMINDER_ID, enabled: false, cadence: 'daily', timeOfDay: '20:00', weekday: null });
  const [msg, setMsg] = useState('');
  useEffect(() => { void listRecords('reminder').then((rs) => { const x = rs.find((y) => y.id === REMINDER_ID); if (x) setR(x); }); }, []);
  useEffect(() => {
    // While the app is open, show a notification at the chosen time (if the person allowed it).
    const next = nextReminderAtMs(r, Date.now(), -new Date().getTimezoneOffset());
    if (next === null || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const t = setTimeout(() => new Notification('Geste', { body: 'Time for your diary entry.' }), Math.min(next - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(t);
  }, [r]);
  const store = async (x: ReminderSetting) => {
    setR(x);
    try {
      await saveRecord(x);
      const next = nextReminderAtMs(x, Date.now(), -new Date().getTimezoneOffset());
      setMsg(next === null ? 'Reminders are off.' : `Next reminder: ${new Date(next).toLocaleString()}.`);
      if (x.enabled && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    } catch (e) {
      const er = errorsOf(e);
      setMsg(typeof er === 'string' ? er : 'Choose a weekday for a weekly reminder.');
    }
  };
  return (
    <fieldset>
      <legend>Reminder</legend>
      <div className="row">
        <label className="row"><input type="checkbox" style={{ width: 28, height: 28 }} checked={r.enabled} onChange={(e) => void store({ ...r, enabled: e.target.checked })} /> Remind me</label>
        <label className="field">How often
          <select value={r.cadence} onChange={(e) => void store({ ...r, cadence: e.target.value as 'daily' | 'weekly', weekday: e.target.value === 'weekly' ? r.weekday ?? 0 : null })}>
            <option value="daily">every day</option>
            <option value="weekly">every week</option>
          </select>
        </label>
        {r.cadence === 'weekly' ? (
          <label className="field">On
            <select value={r.weekday ?? 0} onChange={(e) => void store({ ...r, weekday: Number(e.target.value) })}>
              {WEEKDAYS.map((w, i) => <option key={w} value={i}>{w}</option>)}
            </select>
          </label>
        ) : null}
        <label className="field">At
          <input type="time" value={r.timeOfDay} onChange={(e) => { if (/^\d{2}:\d{2}$/.test(e.target.value)) void store({ ...r, timeOfDay: e.target.value }); }} />
        </label>
      </div>
      <p className="hint" role="status">{msg}</p>
    </fieldset>
  );
}
