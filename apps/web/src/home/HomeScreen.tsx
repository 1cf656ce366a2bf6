/**
 * Home: today's tasks (exercise sessions due, the diary, the next injection date) and the latest exam
 * result compared with the one before, in words. A first visit not yet finished comes first.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { plannedSessions } from '@geste/core';
import type { Program } from '@geste/core';
import { useI18n } from '../i18n/i18n.tsx';
import { getSetting, listSessions } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { listRecords } from '../records/db.ts';
import { dateStr } from '../records/ui.tsx';
import { localDate, sessionsDone } from '../exercises/programData.ts';
import { daysUntil, loadInjectionDue } from '../reminders/store.ts';
import { VISIT_STEPS, loadVisit } from './firstVisit.ts';

interface HomeData {
  program: Program | null;
  plannedToday: number;
  doneToday: number;
  diaryToday: boolean;
  injectionDue: string | null;
  exams: SessionRecord[];
}

async function loadHome(): Promise<HomeData> {
  const today = dateStr(Date.now());
  const [program, sessions, diary, injectionDue] = await Promise.all([
    getSetting<Program>('exerciseProgram').catch(() => undefined),
    listSessions().catch(() => [] as SessionRecord[]),
    listRecords('diary').catch(() => []),
    loadInjectionDue(),
  ]);
  const p = program ?? null;
  return {
    program: p,
    plannedToday: p ? (plannedSessions(p, today, today)[0]?.sessions ?? 0) : 0,
    doneToday: p ? sessionsDone(p, sessions).filter((d) => d.date === today).length : 0,
    diaryToday: diary.some((e) => localDate(e.atMs) === today),
    injectionDue,
    exams: sessions.filter((s) => s.kind === 'exam' && s.endedAtMs !== null).sort((a, b) => b.startedAtMs - a.startedAtMs),
  };
}

export function HomeScreen(): ReactNode {
  const i = useI18n();
  const t = i.t;
  const [d, setD] = useState<HomeData | null>(null);
  const visit = loadVisit();
  useEffect(() => {
    void loadHome().then(setD);
  }, []);
  const today = dateStr(Date.now());
  const showDay = (s: string): string => i.date(new Date(`${s}T12:00:00`).getTime());
  return (
    <section className="screen home" aria-labelledby="home-h">
      <h1 id="home-h">{t('home.title')}</h1>
      <p>{t('home.greeting')}</p>
      {!visit.closed && (
        <p>
          <a className="btn btn-primary btn-big" href="#/welcome" data-testid="home-visit">
            {Object.keys(visit.marks).length === 0 ? t('home.startVisit') : t('home.continueVisit', { step: visit.step + 1, total: VISIT_STEPS.length })}
          </a>
        </p>
      )}
      <h2>{t('home.tasks')}</h2>
      {d === null ? (
        <p>…</p>
      ) : (
        <ul className="tasks" data-testid="home-tasks">
          <li data-testid="task-exercises" data-done={d.program !== null && d.plannedToday > 0 && d.doneToday >= d.plannedToday}>
            {d.program === null ? (
              <>
                <span>{t('home.exercisesNone')}</span>
                <a className="btn" href="#/program">{t('home.exercisesSetUp')}</a>
              </>
            ) : (
              <>
                <span>{t('home.exercisesDue', { done: d.doneToday, planned: d.plannedToday })}</span>
                <a className="btn" href="#/program">{t('home.exercisesOpen')}</a>
              </>
            )}
          </li>
          <li data-testid="task-diary" data-done={d.diaryToday}>
            <span>{d.diaryToday ? t('home.diaryDone') : t('home.diaryDue')}</span>
            {!d.diaryToday && <a className="btn" href="#/diary">{t('home.diaryWrite')}</a>}
          </li>
          <li data-testid="task-injection">
            {d.injectionDue === null ? (
              <>
                <span>{t('home.injectionNone')}</span>
                <a className="btn" href="#/reminders">{t('home.injectionSet')}</a>
              </>
            ) : (
              <InjectionLine due={d.injectionDue} today={today} show={showDay} />
            )}
          </li>
        </ul>
      )}
      <h2>{t('home.latest')}</h2>
      {d !== null && <LatestExam exams={d.exams} />}
      <h2>{t('home.quick')}</h2>
      <div className="row">
        <a className="btn" href="#/live">{t('home.measureNow')}</a>
        <a className="btn" href="#/exercises">{t('nav.exercises')}</a>
        <a className="btn" href="#/history">{t('home.allSessions')}</a>
      </div>
    </section>
  );
}

function InjectionLine(props: { due: string; today: string; show: (d: string) => string }): ReactNode {
  const { t } = useI18n();
  const days = daysUntil(props.today, props.due);
  if (days < 0)
    return (
      <>
        <span>{t('home.injectionPast', { date: props.show(props.due) })}</span>
        <a className="btn" href="#/reminders">{t('home.injectionSet')}</a>
      </>
    );
  return <span>{days === 0 ? t('home.injectionToday', { date: props.show(props.due) }) : t('home.injection', { date: props.show(props.due), days })}</span>;
}

/** The latest exam's total of objective severity items, and whether it is lower (better) than the one before. */
function LatestExam({ exams }: { exams: SessionRecord[] }): ReactNode {
  const i = useI18n();
  const t = i.t;
  const last = exams[0];
  if (!last)
    return (
      <p>
        {t('home.noResults')} <a className="btn" href="#/exam">{t('home.startExam')}</a>
      </p>
    );
  const total = (s: SessionRecord): number | null => s.items['totalAssessed'] ?? null;
  const max = (s: SessionRecord): number | null => s.items['maxOfAssessed'] ?? null;
  const score = total(last);
  const prev = exams[1];
  // Compare only exams that assessed the same items (same maximum), else the totals mean different things.
  const comparable = prev !== undefined && total(prev) !== null && score !== null && max(prev) === max(last);
  const partial = Object.entries(last.items).some(([k, v]) => v === null && k !== 'totalAssessed' && k !== 'maxOfAssessed');
  return (
    <div data-testid="home-latest">
      <p className="big">{t('home.lastExam', { date: i.dateTime(last.startedAtMs) })}</p>
      {score !== null && <p>{t('home.score', { score: `${i.number(score)} / ${i.number(max(last) ?? 0)}` })}</p>}
      {comparable && prev && (
        <p data-testid="home-compare">
          {score < (total(prev) as number)
            ? t('home.better', { prev: i.number(total(prev) as number) })
            : score > (total(prev) as number)
              ? t('home.worse', { prev: i.number(total(prev) as number) })
              : t('home.same', { prev: i.number(total(prev) as number) })}
        </p>
      )}
      {partial && <p className="hint">{t('home.notAssessed')}</p>}
    </div>
  );
}
