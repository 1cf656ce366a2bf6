/** The exercise library: each exercise with its animated avatar, steps and targets; "Start" opens a guided set. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { EXERCISES, EXERCISE_CATEGORIES } from '@geste/core';
import type { Exercise } from '@geste/core';
import { ExerciseAvatar } from './ExerciseAvatar.tsx';
import { keyframesFor } from './avatarPose.ts';
import { SessionView } from './SessionView.tsx';
import { usePull } from './pull.ts';
import type { PullSetting } from './pull.ts';
import { targetWords } from './words.ts';
import { exerciseText } from './libraryText.ts';
import { useI18n, type Key } from '../i18n/i18n.tsx';

export function PullChooser(props: { pull: PullSetting; onChange: (p: PullSetting) => void }): ReactNode {
  const { t } = useI18n();
  const axes = [
    { axis: 'rotationDeg', label: t('ex.pull.rotation'), pos: t('ex.pull.right'), neg: t('ex.pull.left') },
    { axis: 'tiltDeg', label: t('ex.pull.tilt'), pos: t('ex.pull.right'), neg: t('ex.pull.left') },
  ] as const;
  return (
    <fieldset className="ex-pull">
      <legend>{t('ex.pull.legend')}</legend>
      {axes.map((a) => (
        <label key={a.axis} className="ex-field">
          {a.label}
          <select
            data-testid={`pull-${a.axis}`}
            value={props.pull[a.axis] === null ? 'none' : props.pull[a.axis] === 1 ? 'pos' : 'neg'}
            onChange={(e) => props.onChange({ ...props.pull, [a.axis]: e.target.value === 'none' ? null : e.target.value === 'pos' ? 1 : -1 })}
          >
            <option value="none">{t('ex.pull.none')}</option>
            <option value="pos">{a.pos}</option>
            <option value="neg">{a.neg}</option>
          </select>
        </label>
      ))}
    </fieldset>
  );
}

function Card(props: { ex: Exercise; pull: PullSetting; onStart: () => void }): ReactNode {
  const ex = props.ex;
  const i = useI18n();
  const w = exerciseText(ex, i.lang);
  const tr = ex.tracking;
  const kfs = keyframesFor(ex.avatar, tr.kind !== 'paced' && tr.direction === 'away-from-pull', tr.kind === 'paced' ? null : props.pull[tr.axis]);
  return (
    <li className="ex-card" data-testid={`ex-card-${ex.id}`}>
      <ExerciseAvatar keyframes={kfs} size={120} />
      <div>
        <h3 id={`ex-${ex.id}`}>{w.title}</h3>
        <p>{w.summary}</p>
        <p className="ex-target">{targetWords(ex, i.t)}</p>
        <details>
          <summary>{i.t('ex.howTo')}</summary>
          <ol>
            {w.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <p className="ex-safety">{w.safety}</p>
        </details>
        <button type="button" className="btn btn-primary" aria-describedby={`ex-${ex.id}`} data-testid={`ex-start-${ex.id}`} onClick={props.onStart}>
          {i.t('ex.start', { title: w.title })}
        </button>
      </div>
    </li>
  );
}

export function LibraryScreen(): ReactNode {
  const [pull, setPull] = usePull();
  const [active, setActive] = useState<Exercise | null>(null);
  const { t } = useI18n();
  if (active) return <SessionView exercise={active} pull={pull} onClose={() => setActive(null)} />;
  return (
    <section aria-labelledby="ex-lib-h" className="screen ex-screen">
      <h1 id="ex-lib-h">{t('ex.lib.title')}</h1>
      <p className="ex-physio" data-testid="ex-physio-line">{t('ex.physio')}</p>
      <PullChooser pull={pull} onChange={setPull} />
      {EXERCISE_CATEGORIES.map((c) => (
        <section key={c} aria-labelledby={`ex-cat-${c}`}>
          <h2 id={`ex-cat-${c}`}>{t(`ex.cat.${c}` as Key)}</h2>
          <ul className="ex-list">
            {EXERCISES.filter((e) => e.category === c).map((e) => (
              <Card key={e.id} ex={e} pull={pull} onStart={() => setActive(e)} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
