/**
 * What the PDF report shows, on screen (clinician view): the same period (core `defaultReportPeriod`),
 * the same numbers (`summarizePeriod`, `describeCycles`) and the same words for exams (`itemSentence`,
 * `examSentences` from @geste/report, labels from core's measure registry).
 */
import type { ReactNode } from 'react';
import { ACTIVITIES, describeCycles, SYMPTOMS, type PeriodSummary } from '@geste/core';
import { examSentences, itemSentence } from '@geste/report';
import { showDate } from '../records/ui.tsx';

const f1 = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(1));

export function ReportSummary({ s, shares }: { s: PeriodSummary; shares: { measures: boolean; diary: boolean; treatments: boolean } }): ReactNode {
  const last = s.exams[s.exams.length - 1];
  const d = s.diary;
  const a = s.adherence;
  return (
    <section aria-labelledby="rs-h" data-testid="report-summary">
      <h3 id="rs-h">Summary {showDate(s.fromMs)} to {showDate(s.toMs)} (as in the PDF)</h3>
      <h4>Exams and objective measures (camera)</h4>
      {!shares.measures ? <p>Measures are not shared by this patient.</p> : last === undefined ? <p data-testid="exam-none">No exams in the period.</p> : (
        <div data-testid="exam-summary">
          <p>{s.exams.length} exam{s.exams.length === 1 ? '' : 's'} in the period, {showDate(s.exams[0]!.startedAtMs)} to {showDate(last.startedAtMs)}.</p>
          <p><strong>Latest exam {showDate(last.startedAtMs)}.</strong> Objective severity items: {itemSentence(last.items)}</p>
          <ul>{examSentences(last.measures).map((l) => <li key={l}>{l}</li>)}</ul>
          {s.exams.length > 1 && (
            <details>
              <summary>All {s.exams.length} exams in the period</summary>
              {s.exams.map((e) => (
                <div key={e.id}>
                  <p><strong>{showDate(e.startedAtMs)}</strong>: {itemSentence(e.items)}</p>
                  <ul>{examSentences(e.measures).map((l) => <li key={l}>{l}</li>)}</ul>
                </div>
              ))}
            </details>
          )}
        </div>
      )}
      {shares.measures && s.rated.length > 0 && (
        <div data-testid="rated-summary">
          <h4>Rated scales (entered by the rater; not camera-derived)</h4>
          <ul>
            {s.rated.map((r) => (
              <li key={r.seriesScale.id}>
                <strong>{r.seriesScale.label}</strong>: {r.trend.n} value{r.trend.n === 1 ? '' : 's'} in the period, {r.trend.first ?? '–'} at the first, {r.trend.last ?? '–'} at the last ({r.seriesScale.unit}).
                {shares.treatments ? ` Cycles: ${describeCycles(r.cycles).words}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shares.treatments && (
        <>
          <h4>Injection cycles</h4>
          <p data-testid="cycle-words">Worst daily pain: {describeCycles(s.cycles.pain).words} Objective severity items: {describeCycles(s.cycles.severity).words}</p>
        </>
      )}
      <h4>Diary, mood and impact, adherence</h4>
      {!shares.diary ? <p>The diary is not shared by this patient.</p> : (
        <div data-testid="diary-summary">
          <p>{d.entries} diary entries. Worst pain per entry: mean {f1(d.painMean)}, highest {d.painMax ?? '–'} (0–10). Felt severity (0–10): {SYMPTOMS.map((k) => `${k} ${f1(d.symptomMeans[k])}`).join(', ')}.</p>
          <p>Stress {f1(d.stressMean)} (10 = most), mood {f1(d.moodMean)} (10 = very good).</p>
          <p>Impact on activities (0 none – 4 could not): {ACTIVITIES.map((k) => `${k} ${f1(d.impactMeans[k])}`).join(', ')}.</p>
        </div>
      )}
      <p data-testid="adherence">Adherence: diary filled on {a.diaryDays} of {a.days} days ({a.diaryPct.toFixed(0)} %); {a.exerciseSessions} exercise and {a.biofeedbackSessions} biofeedback sessions ({a.exerciseSessionsPerWeek.toFixed(1)} per week).</p>
      <p>{s.tricks.length === 0 ? 'Sensory tricks: none tested in this period.' : `Sensory tricks: ${s.tricks.map((t) => `${t.name} – ${t.n} tests, mean reduction of deviation ${t.meanReductionPct === null ? '–' : t.meanReductionPct.toFixed(0)} %`).join('; ')}.`}</p>
    </section>
  );
}
