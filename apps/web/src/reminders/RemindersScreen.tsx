/**
 * Reminders: the next injection date (entered by the person, as their clinic gave it), daily exercise and
 * diary times; each as a calendar file (.ics) and, where the browser allows, as notifications.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { dateStr } from '../records/ui.tsx';
import { downloadText, icsEvent } from './ics.ts';
import { DEFAULT_TIMES, daysUntil, loadInjectionDue, loadTimes, notify, notifyState, saveInjectionDue, saveTimes } from './store.ts';
import type { NotifyState, ReminderTimes } from './store.ts';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function RemindersScreen(): ReactNode {
  const i = useI18n();
  const t = i.t;
  const [due, setDue] = useState('');
  const [times, setTimes] = useState<ReminderTimes>(DEFAULT_TIMES);
  const [msg, setMsg] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [perm, setPerm] = useState<NotifyState>(notifyState);
  useEffect(() => {
    void loadInjectionDue().then((d) => setDue(d ?? ''));
    void loadTimes().then(setTimes);
  }, []);

  const today = dateStr(Date.now());
  const showDay = (d: string): string => i.date(new Date(`${d}T12:00:00`).getTime());

  const saveDue = (d: string): void => {
    setDue(d);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) {
      void saveInjectionDue(d);
      setMsg(daysUntil(today, d) < 0 ? { kind: 'error', text: t('rem.injection.past') } : { kind: 'info', text: t('rem.injection.saved', { date: showDay(d) }) });
    } else if (d === '') void saveInjectionDue(null);
  };
  const download = (file: string, text: string): void => {
    downloadText(file, text);
    setMsg({ kind: 'info', text: t('rem.downloaded', { file }) });
  };
  const injectionIcs = (): void => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return setMsg({ kind: 'error', text: t('rem.injection.empty') });
    download(`geste-injection-${due}.ics`, icsEvent({ uid: `injection-${due}@geste.local`, summary: t('rem.injection.summary'), date: due, alarmBeforeMin: 24 * 60, stampMs: Date.now() }));
  };
  const dailyIcs = (what: 'exercise' | 'diary'): void => {
    const time = times[what];
    if (!TIME_RE.test(time)) return setMsg({ kind: 'error', text: t('rem.time.invalid') });
    const start = daysUntil(today, today) === 0 && Date.now() < new Date(`${today}T${time}`).getTime() ? today : dateStr(Date.now() + 86_400_000);
    download(`geste-${what}.ics`, icsEvent({ uid: `${what}-daily@geste.local`, summary: t(what === 'exercise' ? 'rem.exercise.summary' : 'rem.diary.summary'), date: start, time, repeat: { freq: 'daily' }, alarmBeforeMin: 0, stampMs: Date.now() }));
  };
  const setTime = (what: 'exercise' | 'diary', v: string): void => {
    const next = { ...times, [what]: v };
    setTimes(next);
    if (TIME_RE.test(v)) void saveTimes(next);
  };

  return (
    <section className="screen rem" aria-labelledby="rem-h">
      <h1 id="rem-h">{t('rem.title')}</h1>
      <p>{t('rem.intro')}</p>
      {msg && (
        <div className={`alert ${msg.kind === 'error' ? 'alert-error' : 'alert-info'}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid="rem-msg">
          {msg.text}
        </div>
      )}
      <fieldset>
        <legend>{t('rem.injection')}</legend>
        <p className="hint">{t('rem.injection.hint')}</p>
        <label className="field">
          {t('rem.injection.date')}
          <input type="date" value={due} min={today} onChange={(e) => saveDue(e.target.value)} data-testid="rem-injection-date" />
        </label>
        <button type="button" className="btn" onClick={injectionIcs} data-testid="rem-injection-ics">
          {t('rem.injection.ics')}
        </button>
      </fieldset>
      {(['exercise', 'diary'] as const).map((w) => (
        <fieldset key={w}>
          <legend>{t(w === 'exercise' ? 'rem.exercise' : 'rem.diary')}</legend>
          <label className="field">
            {t(w === 'exercise' ? 'rem.exercise.time' : 'rem.diary.time')}
            <input type="time" value={times[w]} onChange={(e) => setTime(w, e.target.value)} data-testid={`rem-${w}-time`} />
          </label>
          <button type="button" className="btn" onClick={() => dailyIcs(w)} data-testid={`rem-${w}-ics`}>
            {t(w === 'exercise' ? 'rem.exercise.ics' : 'rem.diary.ics')}
          </button>
        </fieldset>
      ))}
      <fieldset>
        <legend>{t('rem.notify')}</legend>
        <p className="hint">{t('rem.notify.hint')}</p>
        <p data-testid="rem-notify-state" role="status">
          {t(perm === 'granted' ? 'rem.notify.granted' : perm === 'denied' ? 'rem.notify.denied' : perm === 'unsupported' ? 'rem.notify.unsupported' : 'rem.notify.default')}
        </p>
        <div className="row">
          {perm === 'default' && (
            <button type="button" className="btn" data-testid="rem-notify-allow" onClick={() => void Notification.requestPermission().then(() => setPerm(notifyState()))}>
              {t('rem.notify.allow')}
            </button>
          )}
          {perm === 'granted' && (
            <button type="button" className="btn" data-testid="rem-notify-test" onClick={() => void notify(t('rem.notify.body.test')).then((ok) => ok && setMsg({ kind: 'info', text: t('rem.notify.sent') }))}>
              {t('rem.notify.test')}
            </button>
          )}
        </div>
      </fieldset>
    </section>
  );
}
