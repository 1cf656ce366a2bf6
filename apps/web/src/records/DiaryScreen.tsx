/**
 * Symptom diary: one screen, large choices, every change autosaved as a draft (IndexedDB, and
 * localStorage at once as a crash guard), so nothing typed is lost on a reload, a crash or a failed save.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ACTIVITIES, nextReminderAtMs, type DiaryEntry, type ReminderSetting } from '@geste/core';
import { clearDraft, deleteRecord, listRecords, loadDraft, newRecordId, saveDraft, saveRecord } from './db.ts';
import { diaryFromDraft, draftFromDiary, emptyDiaryDraft, isDraftEmpty, restoreDraft, savedDraft, type DiaryDraft, type SavedDiaryDraft } from './diaryForm.ts';
import { dateStr, dayMs, Errors, errorsOf, ScoreField } from './ui.tsx';
import { BodyMap } from './BodyMap.tsx';
import { useI18n, type I18n } from '../i18n/i18n.tsx';

const DRAFT_KEY = 'diary';
const LS_KEY = 'geste.diary.draft';
const REMINDER_ID = 'diary-reminder';
/** Weekday names in the person's language (0 = Sunday), from Intl. 4 Jan 1970 was a Sunday. */
const weekdays = (lang: string): string[] => Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(1970, 0, 4 + i)));

export function DiaryScreen(): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<DiaryDraft | null>(null);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf> | null>(null);
  const [status, setStatus] = useState('');
  const [entries, setEntries] = useState<DiaryEntry[]>([]);
  /** The stored entry being edited (its id and time are kept), or null for a new entry. */
  const [editing, setEditing] = useState<DiaryEntry | null>(null);
  const formTop = useRef<HTMLHeadingElement>(null);
  const loaded = useRef(false);
  /** The words at mount time, for the one-off load below (a language change must not reload the draft). */
  const tAtMount = useRef(t);

  const refresh = async () => setEntries((await listRecords('diary')).sort((a, b) => b.atMs - a.atMs));
  useEffect(() => {
    void (async () => {
      let d = await loadDraft<SavedDiaryDraft>(DRAFT_KEY).catch(() => undefined);
      if (d === undefined) {
        const ls = localStorage.getItem(LS_KEY);
        if (ls !== null) try { d = JSON.parse(ls) as SavedDiaryDraft; } catch { /* unreadable: start fresh */ }
      }
      // A change in progress comes back as that change (same entry), not as a new entry.
      const restored = d === undefined ? null : restoreDraft(d, await listRecords('diary').catch(() => []));
      setEditing(restored?.editing ?? null);
      setDraft(restored?.draft ?? emptyDiaryDraft(dateStr(Date.now())));
      if (restored !== null && !isDraftEmpty(restored.draft)) setStatus(tAtMount.current('rec.diary.restored'));
      loaded.current = true;
      await refresh();
    })();
  }, []);

  // Autosave: localStorage at once (survives a crash), IndexedDB shortly after.
  useEffect(() => {
    if (draft === null || !loaded.current) return;
    const saved = savedDraft(draft, editing?.id ?? null);
    try { localStorage.setItem(LS_KEY, JSON.stringify(saved)); } catch { /* storage full: IndexedDB still tries */ }
    const t = setTimeout(() => void saveDraft(DRAFT_KEY, saved, Date.now()).catch(() => undefined), 250);
    return () => clearTimeout(t);
  }, [draft, editing]);

  if (draft === null) return <p>{t('rec.diary.loading')}</p>;
  const upd = (f: (d: DiaryDraft) => DiaryDraft) => setDraft((d) => (d === null ? d : f(structuredClone(d))));

  const save = async () => {
    setErrors(null);
    const noon = dayMs(draft.day);
    if (noon === null) { setErrors(t('rec.diary.chooseDay')); return; }
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
      setStatus(t(editing ? 'rec.diary.savedChange' : 'rec.diary.saved', { date: i18n.date(rec.atMs) }));
      setEditing(null);
      await refresh();
    } catch (e) {
      setErrors(errorsOf(e, t));
      setStatus(t('rec.diary.notSaved'));
    }
  };

  return (
    <section className="rec" aria-labelledby="diary-h">
      <h1 id="diary-h">{t('rec.diary.title')}</h1>
      <DueBanner entries={entries} />
      <h2 ref={formTop} tabIndex={-1} data-testid="diary-form-h">{editing ? t('rec.diary.editing', { date: i18n.date(editing.atMs) }) : t('rec.diary.new')}</h2>
      {editing && (
        <p>
          <button type="button" className="btn" data-testid="diary-cancel-edit" onClick={() => { setEditing(null); setDraft(emptyDiaryDraft(dateStr(Date.now()), draft.period)); setStatus(t('rec.diary.cancelled')); }}>
            {t('rec.cancelChange')}
          </button>
        </p>
      )}
      <div className="row">
        <label className="field">{t('rec.field.day')}
          <input type="date" value={draft.day} max={dateStr(Date.now())} onChange={(e) => upd((d) => ({ ...d, day: e.target.value }))} data-testid="diary-day" />
        </label>
        <label className="field">{t('rec.field.period')}
          <select value={draft.period} onChange={(e) => upd((d) => ({ ...d, period: e.target.value as 'day' | 'week' }))}>
            <option value="day">{t('rec.diary.period.day')}</option>
            <option value="week">{t('rec.diary.period.week')}</option>
          </select>
        </label>
      </div>
      <h2>{t('rec.diary.pain')}</h2>
      <div className="grid2">
        <ScoreField legend={t('rec.field.neck')} value={draft.pain.neck} max={10} hint={t('rec.diary.painHint')} onChange={(v) => upd((d) => { d.pain.neck = v; return d; })} testId="pain-neck" />
        <ScoreField legend={t('rec.field.shoulders')} value={draft.pain.shoulders} max={10} hint={t('rec.diary.painHint')} onChange={(v) => upd((d) => { d.pain.shoulders = v; return d; })} />
        <ScoreField legend={t('rec.field.head')} value={draft.pain.head} max={10} hint={t('rec.diary.painHint')} onChange={(v) => upd((d) => { d.pain.head = v; return d; })} />
      </div>
      <BodyMap value={draft.painAreas ?? []} onChange={(v) => upd((d) => ({ ...d, painAreas: v }))} />
      <h2>{t('rec.diary.symptoms')}</h2>
      <div className="grid2">
        {(['pulling', 'spasms', 'jerks', 'tremor'] as const).map((k) => (
          <ScoreField key={k} legend={t(`rec.field.${k}`)} value={draft.symptoms[k]} max={10} hint={t('rec.diary.symptomHint')} onChange={(v) => upd((d) => { d.symptoms[k] = v; return d; })} testId={`sym-${k}`} />
        ))}
      </div>
      <h2>{t('rec.diary.impact')}</h2>
      <div className="grid2">
        {ACTIVITIES.map((k) => (
          <ScoreField key={k} legend={t(`rec.field.${k}`)} value={draft.impact[k]} max={4} hint={t('rec.diary.impactHint')} onChange={(v) => upd((d) => { d.impact[k] = v; return d; })} />
        ))}
      </div>
      <h2>{t('rec.diary.stressMood')}</h2>
      <div className="grid2">
        <ScoreField legend={t('rec.field.stress')} value={draft.stress} max={10} hint={t('rec.diary.stressHint')} onChange={(v) => upd((d) => ({ ...d, stress: v }))} />
        <ScoreField legend={t('rec.field.mood')} value={draft.mood} max={10} hint={t('rec.diary.moodHint')} onChange={(v) => upd((d) => ({ ...d, mood: v }))} />
      </div>
      <label className="field">{t('rec.optional', { label: t('rec.field.note') })}
        <textarea value={draft.note} maxLength={2000} onChange={(e) => upd((d) => ({ ...d, note: e.target.value }))} data-testid="diary-note" />
      </label>
      <Errors errors={errors} labels={{ atMs: 'rec.field.day' }} />
      <div className="row">
        <button type="button" className="btn-primary btn-big" onClick={() => void save()} data-testid="diary-save">{editing ? t('rec.saveChange') : t('rec.diary.save')}</button>
        <span className="status" role="status" aria-live="polite" data-testid="diary-status">{status}</span>
      </div>
      <ReminderBlock />
      <h2>{t('rec.diary.recent')}</h2>
      <ul className="entries" data-testid="diary-list">
        {entries.slice(0, 14).map((e) => {
          const pains = [e.pain.neck, e.pain.shoulders, e.pain.head].filter((v): v is number => v !== null);
          return (
            <li key={e.id}>
              <span>{t(e.period === 'week' ? 'rec.diary.row.week' : 'rec.diary.row.day', { date: i18n.date(e.atMs), pain: pains.length === 0 ? t('rec.diary.painNone') : t('rec.diary.painOf', { n: Math.max(...pains) }) })}{e.note === '' ? '' : ` — “${e.note.slice(0, 60)}”`}</span>
              <span className="row">
                <button type="button" data-testid={`diary-edit-${e.id}`} onClick={() => { setEditing(e); setDraft(draftFromDiary(e, dateStr(e.atMs))); setErrors(null); setStatus(''); formTop.current?.focus(); formTop.current?.scrollIntoView(); }} aria-label={t('rec.diary.changeAria', { date: i18n.date(e.atMs) })}>{t('rec.change')}</button>
                <button type="button" data-testid={`diary-delete-${e.id}`} onClick={() => void (async () => { if (confirm(t('rec.diary.confirmDelete'))) { await deleteRecord('diary', e.id); if (editing?.id === e.id) setEditing(null); setStatus(t('rec.diary.deleted', { date: i18n.date(e.atMs) })); await refresh(); } })()} aria-label={t('rec.diary.deleteAria', { date: i18n.date(e.atMs) })}>{t('rec.delete')}</button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DueBanner({ entries }: { entries: DiaryEntry[] }): ReactNode {
  const { t } = useI18n();
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
  return due ? <div className="alert alert-info" role="status">{t(rem.cadence === 'weekly' ? 'rec.diary.due.weekly' : 'rec.diary.due.daily')}</div> : null;
}

function ReminderBlock(): ReactNode {
  const i18n: I18n = useI18n();
  const { t } = i18n;
  const [r, setR] = useState<ReminderSetting>({ type: 'reminder', schemaVersion: 1, id: REMINDER_ID, enabled: false, cadence: 'daily', timeOfDay: '20:00', weekday: null });
  const [msg, setMsg] = useState('');
  useEffect(() => { void listRecords('reminder').then((rs) => { const x = rs.find((y) => y.id === REMINDER_ID); if (x) setR(x); }); }, []);
  useEffect(() => {
    // While the app is open, show a notification at the chosen time (if the person allowed it).
    const next = nextReminderAtMs(r, Date.now(), -new Date().getTimezoneOffset());
    if (next === null || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const timer = setTimeout(() => new Notification('Geste', { body: t('rem.notify.body.diary') }), Math.min(next - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [r, t]);
  const store = async (x: ReminderSetting) => {
    setR(x);
    try {
      await saveRecord(x);
      const next = nextReminderAtMs(x, Date.now(), -new Date().getTimezoneOffset());
      setMsg(next === null ? t('rec.rem.off') : t('rec.rem.next', { when: i18n.dateTime(next) }));
      if (x.enabled && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    } catch (e) {
      const er = errorsOf(e, t);
      setMsg(typeof er === 'string' ? er : `${t('rec.err.weekday').charAt(0).toUpperCase()}${t('rec.err.weekday').slice(1)}.`);
    }
  };
  return (
    <fieldset>
      <legend>{t('rec.rem.legend')}</legend>
      <div className="row">
        <label className="row"><input type="checkbox" style={{ width: 28, height: 28 }} checked={r.enabled} onChange={(e) => void store({ ...r, enabled: e.target.checked })} /> {t('rec.rem.enable')}</label>
        <label className="field">{t('rec.field.cadence')}
          <select value={r.cadence} onChange={(e) => void store({ ...r, cadence: e.target.value as 'daily' | 'weekly', weekday: e.target.value === 'weekly' ? r.weekday ?? 0 : null })}>
            <option value="daily">{t('rec.rem.daily')}</option>
            <option value="weekly">{t('rec.rem.weekly')}</option>
          </select>
        </label>
        {r.cadence === 'weekly' ? (
          <label className="field">{t('rec.field.weekday')}
            <select value={r.weekday ?? 0} onChange={(e) => void store({ ...r, weekday: Number(e.target.value) })}>
              {weekdays(i18n.lang).map((w, i) => <option key={w} value={i}>{w}</option>)}
            </select>
          </label>
        ) : null}
        <label className="field">{t('rec.field.timeOfDay')}
          <input type="time" value={r.timeOfDay} onChange={(e) => { if (/^\d{2}:\d{2}$/.test(e.target.value)) void store({ ...r, timeOfDay: e.target.value }); }} />
        </label>
      </div>
      <p className="hint" role="status">{msg}</p>
    </fieldset>
  );
}
