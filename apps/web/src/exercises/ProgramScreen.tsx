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
import { PHYSIO_LINE } from './words.ts';

const KEY = 'exerciseProgram';
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function defaultProgram(today: string): Program {
  return {
    id: 'my-program',
    name: 'My exercises',
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
  const [draft, setDraft] = useState<Program>(() => defaultProgram(today));
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
      setError(e instanceof ExerciseError ? e.message : String(e));
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
      <h1 id="prog-h">Exercise program</h1>
      <p className="ex-physio">{PHYSIO_LINE}</p>
      {saved?.author === 'clinician' && <p className="ex-note">This program came from your clinician.</p>}
      <form
        className="ex-program"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label className="ex-field">
          Name
          <input value={draft.name} data-testid="prog-name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <fieldset>
          <legend>Exercises</legend>
          {draft.items.map((it, i) => (
            <div className="row" key={i}>
              <label className="ex-field">
                Exercise {i + 1}
                <select value={it.exerciseId} data-testid={`prog-ex-${i}`} onChange={(e) => setItem(i, { exerciseId: e.target.value })}>
                  {EXERCISES.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.title}
                    </option>
                  ))}
                </select>
              </label>
              <label className="ex-field">
                Sets
                <input type="number" min={1} max={10} value={it.sets} onChange={(e) => setItem(i, { sets: Math.max(1, Math.min(10, Number(e.target.value) || 1)) })} />
              </label>
              <button type="button" className="btn" disabled={draft.items.length <= 1} onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })}>
                Remove exercise {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="btn" data-testid="prog-add" disabled={draft.items.length >= 20} onClick={() => setDraft({ ...draft, items: [...draft.items, { exerciseId: EXERCISES[0]?.id ?? '', sets: 1 }] })}>
            Add an exercise
          </button>
        </fieldset>
        <fieldset>
          <legend>Days</legend>
          <div className="choice-row">
            {DAYS.map((d, i) => (
              <label key={d} className="choice">
                <input
                  type="checkbox"
                  checked={draft.schedule.weekdays.includes(i + 1)}
                  onChange={(e) => setDraft({ ...draft, schedule: { ...draft.schedule, weekdays: e.target.checked ? [...draft.schedule.weekdays, i + 1].sort() : draft.schedule.weekdays.filter((x) => x !== i + 1) } })}
                />
                {d}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="ex-field">
          Sessions a day
          <select value={draft.schedule.sessionsPerDay} onChange={(e) => setDraft({ ...draft, schedule: { ...draft.schedule, sessionsPerDay: Number(e.target.value) }, reminderTimes: draft.reminderTimes.slice(0, Number(e.target.value)) })}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="ex-field">
          Reminder time (optional)
          <input type="time" value={draft.reminderTimes[0] ?? ''} data-testid="prog-reminder" onChange={(e) => setDraft({ ...draft, reminderTimes: e.target.value ? [e.target.value] : [] })} />
        </label>
        {error && (
          <p className="alert" role="alert" data-testid="prog-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" data-testid="prog-save">
          Save program
        </button>
      </form>

      {saved && (
        <section aria-labelledby="prog-today-h">
          <h2 id="prog-today-h">Today</h2>
          {remindersOn(saved, today).length > 0 && <p>Reminder: {remindersOn(saved, today).map((r) => r.slice(11)).join(', ')}</p>}
          <ul className="ex-today">
            {saved.items.map((it, i) => {
              const ex = findExercise(it.exerciseId);
              return ex ? (
                <li key={i}>
                  <button type="button" className="btn" data-testid={`prog-start-${i}`} onClick={() => setActive(ex)}>
                    Start {ex.title} ({it.sets} set{it.sets > 1 ? 's' : ''})
                  </button>
                </li>
              ) : null;
            })}
          </ul>
          <h2 id="prog-adh-h">Adherence by week, beside the measures</h2>
          <table className="ex-table" aria-labelledby="prog-adh-h" data-testid="prog-adherence">
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Planned sessions</th>
                <th scope="col">Done</th>
                <th scope="col">Adherence</th>
                <th scope="col">Exercise sets saved</th>
                <th scope="col">Best range reached</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.isoWeek}>
                  <th scope="row">{w.isoWeek}</th>
                  <td>{w.planned}</td>
                  <td>{w.done}</td>
                  <td>{w.percent === null ? '—' : `${w.percent} %`}</td>
                  <td>{w.sets}</td>
                  <td>{w.bestDeg === null ? '—' : `${w.bestDeg}°`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
