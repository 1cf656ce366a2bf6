/**
 * Program builder: exercises and sets, weekdays, sessions a day, reminder times; saved as a setting
 * (a clinician's program arrives through the server sync as the same `Program` shape). Today's plan
 * starts guided sets; adherence by ISO week is shown beside the weekly exercise measures.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { EXERCISES, ExerciseError, adherenceByWeek, findExercise, isoWeek, parseProgram, remindersOn } from '@geste/core';
import type { Exercise, Program } from '@geste/core';
import { getSetting, listSessions, putSetting } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { SessionView } from './SessionView.tsx';
import { localDate, sessionsDone } from './programData.ts';
import { usePull } from './pull.ts';
import { exerciseText } from './libraryText.ts';
import { useI18n, type Key } from '../i18n/i18n.tsx';

const KEY = 'exerciseProgram';
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function defaultProgram(today: string, name: string): Program {
  return {
    id: 'my-program',
    name,
    author: 'person',
    items: [
      { exerciseId: 'turn-away-from-pull', sets: 1 },
      { exerciseId: 'slow-breathing', sets: 1 },
    ],
    schedule: { weekdays: [1, 3, 5], sessionsPerDay: 1, startDate: today },
    reminderTimes: ['09:00'],
  };
}

export function ProgramScreen(): ReactNode {
  const today = localDate(Date.now());
  const i18n = useI18n();
  const t = i18n.t;
  const [draft, setDraft] = useState<Program>(() => defaultProgram(today, t('ex.prog.defaultName')));
  const [saved, setSaved] = useState<Program | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sessions, setSessions] = useState<SessionRecord[]>([]);
  const [active, setActive] = useState<Exercise | null>(null);
  const [pull] = usePull();
  useEffect(() => {
    void getSetting<Program>(KEY).then((p) => {
      if (p) {
        setDraft(p);
        setSaved(p);
      }
    });
    void listSessions('exercise').then(setSessions);
  }, [active]);

  const save = (): void => {
    try {
      const p = parseProgram(draft);
      setError(null);
      setSaved(p);
      void putSetting(KEY, p);
    } catch (e) {
      // Days are the one thing a person can leave empty here; other checks name their field in core's words.
      setError(draft.schedule.weekdays.length === 0 ? t('ex.prog.noDays') : t('ex.prog.invalid', { detail: e instanceof ExerciseError ? e.message : String(e) }));
    }
  };

  const weeks = useMemo(() => {
    if (!saved) return [];
    const from = localDate(Date.now() - 7 * 7 * 86_400_000);
    const adh = adherenceByWeek(saved, sessionsDone(saved, sessions), from, today);
    return adh.map((w) => {
      const inWeek = sessions.filter((s) => isoWeek(localDate(s.startedAtMs)) === w.isoWeek);
      const ranges = inWeek.map((s) => s.measures['bestDeg']).filter((v): v is number => typeof v === 'number');
      return { ...w, sets: inWeek.length, bestDeg: ranges.length ? Math.max(...ranges) : null };
    });
  }, [saved, sessions, today]);

  if (active) return <SessionView exercise={active} pull={pull} programId={saved?.id ?? draft.id} onClose={() => setActive(null)} />;

  const setItem = (i: number, patch: Partial<Program['items'][number]>): void => setDraft({ ...draft, items: draft.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) });

  return (
    <section aria-labelledby="prog-h" className="screen ex-screen">
      <h1 id="prog-h">{t('ex.prog.title')}</h1>
      <p className="ex-physio">{t('ex.physio')}</p>
      {saved?.author === 'clinician' && <p className="ex-note">{t('ex.prog.fromClinician')}</p>}
      <form
        className="ex-program"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label className="ex-field">
          {t('ex.prog.name')}
          <input value={draft.name} data-testid="prog-name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <fieldset>
          <legend>{t('ex.prog.exercises')}</legend>
          {draft.items.map((it, i) => (
            <div className="row" key={i}>
              <label className="ex-field">
                {t('ex.prog.exerciseN', { n: i + 1 })}
                <select value={it.exerciseId} data-testid={`prog-ex-${i}`} onChange={(e) => setItem(i, { exerciseId: e.target.value })}>
                  {EXERCISES.map((x) => (
                    <option key={x.id} value={x.id}>
                      {exerciseText(x, i18n.lang).title}
                    </option>
                  ))}
                </select>
              </label>
              <label className="ex-field">
                {t('ex.prog.sets')}
                <input type="number" min={1} max={10} value={it.sets} onChange={(e) => setItem(i, { sets: Math.max(1, Math.min(10, Number(e.target.value) || 1)) })} />
              </label>
              <button type="button" className="btn" disabled={draft.items.length <= 1} onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })}>
                {t('ex.prog.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="btn" data-testid="prog-add" disabled={draft.items.length >= 20} onClick={() => setDraft({ ...draft, items: [...draft.items, { exerciseId: EXERCISES[0]?.id ?? '', sets: 1 }] })}>
            {t('ex.prog.add')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('ex.prog.days')}</legend>
          <div className="choice-row">
            {DAYS.map((d) => (
              <label key={d} className="choice">
                <input
                  type="checkbox"
                  checked={draft.schedule.weekdays.includes(d)}
                  onChange={(e) => setDraft({ ...draft, schedule: { ...draft.schedule, weekdays: e.target.checked ? [...draft.schedule.weekdays, d].sort() : draft.schedule.weekdays.filter((x) => x !== d) } })}
                />
                {t(`ex.day.${d}` as Key)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="ex-field">
          {t('ex.prog.perDay')}
          <select value={draft.schedule.sessionsPerDay} onChange={(e) => setDraft({ ...draft, schedule: { ...draft.schedule, sessionsPerDay: Number(e.target.value) }, reminderTimes: draft.reminderTimes.slice(0, Number(e.target.value)) })}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="ex-field">
          {t('ex.prog.reminder')}
          <input type="time" value={draft.reminderTimes[0] ?? ''} data-testid="prog-reminder" onChange={(e) => setDraft({ ...draft, reminderTimes: e.target.value ? [e.target.value] : [] })} />
        </label>
        {error && (
          <p className="alert" role="alert" data-testid="prog-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" data-testid="prog-save">
          {t('ex.prog.save')}
        </button>
      </form>

      {saved && (
        <section aria-labelledby="prog-today-h">
          <h2 id="prog-today-h">{t('ex.prog.today')}</h2>
          {remindersOn(saved, today).length > 0 && <p>{t('ex.prog.reminderAt', { times: remindersOn(saved, today).map((r) => r.slice(11)).join(', ') })}</p>}
          <ul className="ex-today">
            {saved.items.map((it, i) => {
              const ex = findExercise(it.exerciseId);
              return ex ? (
                <li key={i}>
                  <button type="button" className="btn" data-testid={`prog-start-${i}`} onClick={() => setActive(ex)}>
                    {t('ex.prog.startItem', { title: exerciseText(ex, i18n.lang).title, n: it.sets })}
                  </button>
                </li>
              ) : null;
            })}
          </ul>
          <h2 id="prog-adh-h">{t('ex.prog.adherence')}</h2>
          {/* a narrow phone scrolls the table inside its own box (keyboard too), not the page */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that scrolls sideways on a phone must take the focus so the keyboard can scroll it (axe scrollable-region-focusable) */}
          <div className="ex-table-wrap" role="region" aria-labelledby="prog-adh-h" tabIndex={0}>
          <table className="ex-table" aria-labelledby="prog-adh-h" data-testid="prog-adherence">
            <thead>
              <tr>
                <th scope="col">{t('ex.prog.col.week')}</th>
                <th scope="col">{t('ex.prog.col.planned')}</th>
                <th scope="col">{t('ex.prog.col.done')}</th>
                <th scope="col">{t('ex.prog.col.adherence')}</th>
                <th scope="col">{t('ex.prog.col.sets')}</th>
                <th scope="col">{t('ex.prog.col.best')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.isoWeek}>
                  <th scope="row">{w.isoWeek}</th>
                  <td>{w.planned}</td>
                  <td>{w.done}</td>
                  <td>{w.percent === null ? '—' : `${i18n.number(w.percent, 0)} %`}</td>
                  <td>{w.sets}</td>
                  <td>{w.bestDeg === null ? '—' : `${w.bestDeg}°`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </section>
      )}
    </section>
  );
}
