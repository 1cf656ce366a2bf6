/**
 * Relaxation sessions without the camera: slow breathing, box breathing and a short progressive muscle
 * relaxation, guided by voice (captioned), a soft tone and a growing/shrinking circle. Geste guides;
 * stop if anything hurts or you feel light-headed.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Caption, SoundToggles, usePrefs } from '../app/prefs.tsx';
import { RelaxAudio } from './audio.ts';
import { RELAX_SCRIPTS, stepAt, totalMs } from './scripts.ts';
import type { RelaxScript } from './scripts.ts';

export function RelaxScreen(): ReactNode {
  const i = useI18n();
  const t = i.t;
  const prefs = usePrefs();
  const [script, setScript] = useState<RelaxScript | null>(null);
  const [elapsedMs, setElapsed] = useState(0);
  const [done, setDone] = useState(false);
  const startedAt = useRef(0);
  const lastIndex = useRef(-1);
  const audio = useRef<RelaxAudio | null>(null);
  audio.current ??= new RelaxAudio();
  audio.current.setMuted(!prefs.soundOn);

  useEffect(() => () => audio.current?.close(), []);
  useEffect(() => {
    if (!script || done) return;
    const id = setInterval(() => {
      const e = performance.now() - startedAt.current;
      const at = stepAt(script, e);
      if (at === null) {
        setDone(true);
        audio.current?.quiet();
        prefs.speaker.say(t('relax.done'));
        return;
      }
      if (at.index !== lastIndex.current) {
        lastIndex.current = at.index;
        audio.current?.step(at.step.cue, at.step.ms);
        prefs.speaker.say(t(at.step.say), { interrupt: true });
      }
      setElapsed(e);
    }, 100);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the timer restarts only for a new script or when it ends; the voice and words may change identity on any render
  }, [script, done]);

  const start = (s: RelaxScript): void => {
    startedAt.current = performance.now();
    lastIndex.current = -1;
    setElapsed(0);
    setDone(false);
    setScript(s);
  };
  const stop = (): void => {
    audio.current?.quiet();
    setScript(null);
  };

  const at = script && !done ? stepAt(script, elapsedMs) : null;
  // Circle size: grows while breathing in or tensing, shrinks while breathing out or letting go.
  const frac = at ? 1 - at.leftMs / at.step.ms : 0;
  const scale = !at ? 0.5 : at.step.cue === 'in' ? 0.5 + 0.5 * frac : at.step.cue === 'out' ? 1 - 0.5 * frac : at.step.cue === 'tense' ? 0.9 : at.step.cue === 'release' ? 0.9 - 0.4 * frac : 1;
  return (
    <section className="screen relax" aria-labelledby="relax-h">
      <h1 id="relax-h">{t('relax.title')}</h1>
      <p>{t('relax.intro')}</p>
      {script === null ? (
        <ul className="relax-list">
          {RELAX_SCRIPTS.map((s) => (
            <li key={s.id}>
              <h2>{t(s.title)}</h2>
              <p>{t(s.summary)} ({t('relax.minutes', { n: i.number(totalMs(s) / 60_000, 0) })})</p>
              <button type="button" className="btn btn-primary" data-testid={`relax-start-${s.id}`} onClick={() => start(s)}>
                {t('relax.start')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <div data-testid="relax-running" data-cue={at?.step.cue ?? 'done'}>
          <h2>{t(script.title)}</h2>
          <svg viewBox="0 0 200 200" width="200" height="200" aria-hidden="true" className="relax-circle">
            <circle cx="100" cy="100" r={90 * scale} />
          </svg>
          <p className="ex-big" aria-live="polite" data-testid="relax-step">
            {done ? t('relax.done') : at ? t(at.step.say) : ''}
          </p>
          {at && <p className="big">{Math.ceil(at.leftMs / 1000)} s</p>}
          <progress max={totalMs(script)} value={Math.min(elapsedMs, totalMs(script))} aria-label={t('relax.progress')} />
          <div className="row">
            <button type="button" className="btn" onClick={stop} data-testid="relax-stop">
              {done ? t('relax.back') : t('relax.stop')}
            </button>
          </div>
        </div>
      )}
      <Caption />
      <SoundToggles />
      <p className="hint">{t('relax.safety')}</p>
    </section>
  );
}
