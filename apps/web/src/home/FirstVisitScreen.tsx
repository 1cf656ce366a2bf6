/**
 * The guided first visit: language and text size → camera → posture → a first exam → what the numbers
 * mean → diary → optional clinic link. Each step explains why, shows the real screen for it, and can be
 * done, skipped, or left and resumed later (progress in firstVisit.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { LanguageAndSize, useI18n } from '../i18n/i18n.tsx';
import type { Key } from '../i18n/i18n.tsx';
import { SetupScreen } from '../screens/Setup.tsx';
import { ExamScreen } from '../screens/Exam.tsx';
import { DiaryScreen } from '../records/DiaryScreen.tsx';
import { VISIT_STEPS, advance, back, loadVisit, saveVisit } from './firstVisit.ts';
import type { VisitState, VisitStep } from './firstVisit.ts';

const STEP_TITLE: Record<VisitStep, Key> = {
  language: 'visit.step.language',
  camera: 'visit.step.camera',
  posture: 'visit.step.posture',
  exam: 'visit.step.exam',
  numbers: 'visit.step.numbers',
  diary: 'visit.step.diary',
  clinic: 'visit.step.clinic',
};

export function FirstVisitScreen(): ReactNode {
  const { t } = useI18n();
  const [v, setV] = useState<VisitState>(loadVisit);
  const stepH = useRef<HTMLHeadingElement>(null);
  const update = (n: VisitState): void => {
    saveVisit(n);
    setV(n);
  };
  useEffect(() => {
    // Focus the new step's heading (not on the first render: the shell focuses <main> then).
    if (stepH.current && document.activeElement?.closest('.visit-nav')) stepH.current.focus();
  }, [v.step]);
  const id = VISIT_STEPS[v.step] as VisitStep;
  const last = v.step === VISIT_STEPS.length - 1;
  const nav = (
    <div className="row visit-nav">
      <button type="button" className="btn btn-primary btn-big" data-testid="visit-next" onClick={() => { update(advance(v, 'done')); if (last) location.hash = '#/home'; }}>
        {last ? t('visit.finish') : t('visit.next')}
      </button>
      {!last && (
        <button type="button" className="btn" data-testid="visit-skip" onClick={() => update(advance(v, 'skipped'))}>
          {t('visit.skip')}
        </button>
      )}
      {v.step > 0 && (
        <button type="button" className="btn" data-testid="visit-back" onClick={() => update(back(v))}>
          {t('visit.back')}
        </button>
      )}
    </div>
  );
  return (
    <section className="screen visit" aria-labelledby="visit-h">
      <h1 id="visit-h">{t('visit.title')}</h1>
      {v.step === 0 && <p>{t('visit.intro')}</p>}
      <ol className="visit-steps" aria-label={t('visit.progress', { step: v.step + 1, total: VISIT_STEPS.length })}>
        {VISIT_STEPS.map((s, i) => (
          <li key={s} aria-current={i === v.step ? 'step' : undefined} data-mark={v.marks[s] ?? ''}>
            <span className="visit-n" aria-hidden="true">{v.marks[s] === 'done' ? '✓' : i + 1}</span>
            <span className="visit-label">
              {t(STEP_TITLE[s])}
              {v.marks[s] && <span className="sr-only"> — {t(v.marks[s] === 'done' ? 'visit.doneMark' : 'visit.skippedMark')}</span>}
            </span>
          </li>
        ))}
      </ol>
      <h2 id="visit-step-h" tabIndex={-1} ref={stepH} data-testid="visit-step" data-step={id}>
        {t('visit.progress', { step: v.step + 1, total: VISIT_STEPS.length })}: {t(STEP_TITLE[id])}
      </h2>
      <StepBody id={id} />
      {nav}
      {id === 'camera' || id === 'posture' ? (
        <div className="visit-embed">
          <SetupScreen onDone={() => update(advance(v, 'done'))} />
        </div>
      ) : id === 'exam' ? (
        <div className="visit-embed">
          <ExamScreen />
        </div>
      ) : id === 'diary' ? (
        <div className="visit-embed">
          <DiaryScreen />
        </div>
      ) : null}
      {(id === 'exam' || id === 'diary' || id === 'camera' || id === 'posture') && nav}
      <p>
        <button type="button" className="btn" data-testid="visit-skip-all" onClick={() => { update({ ...v, closed: true }); location.hash = '#/home'; }}>
          {t('visit.skipAll')}
        </button>
      </p>
    </section>
  );
}

function StepBody({ id }: { id: VisitStep }): ReactNode {
  const { t } = useI18n();
  switch (id) {
    case 'language':
      return (
        <>
          <p>{t('visit.language.text')}</p>
          <LanguageAndSize />
        </>
      );
    case 'camera':
      return <p>{t('visit.camera.text')}</p>;
    case 'posture':
      return <p>{t('visit.posture.text')}</p>;
    case 'exam':
      return <p>{t('visit.exam.text')}</p>;
    case 'numbers':
      return (
        <div data-testid="visit-numbers">
          <p>{t('visit.numbers.text')}</p>
          <ul>
            <li>{t('visit.numbers.turn')}</li>
            <li>{t('visit.numbers.tilt')}</li>
            <li>{t('visit.numbers.chin')}</li>
          </ul>
          <p>{t('visit.numbers.lower')}</p>
          <p>{t('visit.numbers.nm')}</p>
          <p className="hint">{t('visit.numbers.safety')}</p>
        </div>
      );
    case 'diary':
      return <p>{t('visit.diary.text')}</p>;
    case 'clinic':
      return (
        <>
          <p>{t('visit.clinic.text')}</p>
          <p>
            <a className="btn" href="#/clinic" data-testid="visit-clinic-link">
              {t('visit.clinic.open')}
            </a>
          </p>
        </>
      );
  }
}
