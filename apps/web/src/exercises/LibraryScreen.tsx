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
import { CATEGORY_WORDS, PHYSIO_LINE, targetWords } from './words.ts';

export function PullChooser(props: { pull: PullSetting; onChange: (p: PullSetting) => void }): ReactNode {
  const axes = [
    { axis: 'rotationDeg', label: 'My chin turns toward', pos: 'my right shoulder', neg: 'my left shoulder' },
    { axis: 'tiltDeg', label: 'My head tips toward', pos: 'my right shoulder', neg: 'my left shoulder' },
  ] as const;
  return (
    <fieldset className="ex-pull">
      <legend>Which way does your head pull? (used for “away from the pull”)</legend>
      {axes.map((a) => (
        <label key={a.axis} className="ex-field">
          {a.label}
          <select
            data-testid={`pull-${a.axis}`}
            value={props.pull[a.axis] === null ? 'none' : props.pull[a.axis] === 1 ? 'pos' : 'neg'}
            onChange={(e) => props.onChange({ ...props.pull, [a.axis]: e.target.value === 'none' ? null : e.target.value === 'pos' ? 1 : -1 })}
          >
            <option value="none">No clear pull / not sure</option>
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
  const tr = ex.tracking;
  const kfs = keyframesFor(ex.avatar, tr.kind !== 'paced' && tr.direction === 'away-from-pull', tr.kind === 'paced' ? null : props.pull[tr.axis]);
  return (
    <li className="ex-card" data-testid={`ex-card-${ex.id}`}>
      <ExerciseAvatar keyframes={kfs} size={120} />
      <div>
        <h3 id={`ex-${ex.id}`}>{ex.title}</h3>
        <p>{ex.summary}</p>
        <p className="ex-target">{targetWords(ex)}</p>
        <details>
          <summary>How to do it</summary>
          <ol>
            {ex.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <p className="ex-safety">{ex.safety}</p>
        </details>
        <button type="button" className="btn btn-primary" aria-describedby={`ex-${ex.id}`} data-testid={`ex-start-${ex.id}`} onClick={props.onStart}>
          Start {ex.title}
        </button>
      </div>
    </li>
  );
}

export function LibraryScreen(): ReactNode {
  const [pull, setPull] = usePull();
  const [active, setActive] = useState<Exercise | null>(null);
  if (active) return <SessionView exercise={active} pull={pull} onClose={() => setActive(null)} />;
  return (
    <section aria-labelledby="ex-lib-h" className="screen ex-screen">
      <h1 id="ex-lib-h">Home exercises</h1>
      <p className="ex-physio" data-testid="ex-physio-line">{PHYSIO_LINE}</p>
      <PullChooser pull={pull} onChange={setPull} />
      {EXERCISE_CATEGORIES.map((c) => (
        <section key={c} aria-labelledby={`ex-cat-${c}`}>
          <h2 id={`ex-cat-${c}`}>{CATEGORY_WORDS[c]}</h2>
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
