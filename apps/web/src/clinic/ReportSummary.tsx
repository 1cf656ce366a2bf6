/**
 * What the PDF report shows, on screen (clinician view): the same period (core `defaultReportPeriod`),
 * the same numbers (`summarizePeriod`, `describeCycles`) and the same words for exams (`itemSentence`,
 * `examSentences` from @geste/report, labels from core's measure registry).
 */
import type { ReactNode } from 'react';
import { ACTIVITIES, describeCycles, SYMPTOMS, type PeriodSummary } from '@geste/core';
import { examSentences, itemSentence } from '@geste/report';
import { useI18n } from '../i18n/i18n.tsx';

export function ReportSummary({ s, shares }: { s: PeriodSummary; shares: { measures: boolean; diary: boolean; treatments: boolean } }): ReactNode {
  const last = s.exams[s.exams.length - 1];
  const d = s.diary;
  const a = s.adherence;
  const i = useI18n();
  const { t } = i;
  const showDate = i.date;
  const one = new Intl.NumberFormat(i.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const f1 = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : one.format(v));
  const f0 = (v: number): string => i.number(v, 0);
  return (
    <section aria-labelledby="rs-h" data-testid="report-summary">
      <h3 id="rs-h">{t('rs.title', { from: showDate(s.fromMs), to: showDate(s.toMs) })}</h3>
      <h4>{t('rs.exams')}</h4>
      {!shares.measures ? <p>{t('rs.measuresNotShared')}</p> : last === undefined ? <p data-testid="exam-none">{t('rs.noExams')}</p> : (
        <div data-testid="exam-summary">
          <p>{t('rs.examCount', { n: s.exams.length, from: showDate(s.exams[0]!.startedAtMs), to: showDate(last.startedAtMs) })}</p>
          <p><strong>{t('rs.latest', { date: showDate(last.startedAtMs) })}</strong> {t('rs.items')} {itemSentence(last.items)}</p>
          <ul>{examSentences(last.measures).map((l) => <li key={l}>{l}</li>)}</ul>
          {s.exams.length > 1 && (
            <details>
              <summary>{t('rs.allExams', { n: s.exams.length })}</summary>
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
          <h4>{t('rs.rated')}</h4>
          <ul>
            {s.rated.map((r) => (
              <li key={r.seriesScale.id}>
                <strong>{r.seriesScale.label}</strong>{t('rs.ratedLine', { n: r.trend.n, first: r.trend.first ?? '–', last: r.trend.last ?? '–', unit: r.seriesScale.unit })}
                {shares.treatments ? ` ${t('rs.cycles')} ${describeCycles(r.cycles).words}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shares.treatments && (
        <>
          <h4>{t('rs.injectionCycles')}</h4>
          <p data-testid="cycle-words">{t('rs.cycleWords', { pain: describeCycles(s.cycles.pain).words, severity: describeCycles(s.cycles.severity).words })}</p>
        </>
      )}
      <h4>{t('rs.diary')}</h4>
      {!shares.diary ? <p>{t('rs.diaryNotShared')}</p> : (
        <div data-testid="diary-summary">
          <p>{t('rs.diaryLine', { n: d.entries, mean: f1(d.painMean), max: d.painMax ?? '–', symptoms: SYMPTOMS.map((k) => `${k} ${f1(d.symptomMeans[k])}`).join(', ') })}</p>
          <p>{t('rs.mood', { stress: f1(d.stressMean), mood: f1(d.moodMean) })}</p>
          <p>{t('rs.impact', { impact: ACTIVITIES.map((k) => `${k} ${f1(d.impactMeans[k])}`).join(', ') })}</p>
        </div>
      )}
      <p data-testid="adherence">{t('rs.adherence', { days: a.diaryDays, total: a.days, pct: f0(a.diaryPct), ex: a.exerciseSessions, bio: a.biofeedbackSessions, perWeek: i.number(a.exerciseSessionsPerWeek) })}</p>
      <p>{s.tricks.length === 0 ? t('rs.tricksNone') : t('rs.tricks', { list: s.tricks.map((x) => t('rs.trick', { name: x.name, n: x.n, pct: x.meanReductionPct === null ? '–' : f0(x.meanReductionPct) })).join('; ') })}</p>
    </section>
  );
}
