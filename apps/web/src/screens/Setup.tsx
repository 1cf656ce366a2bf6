/**
 * Set-up: camera choice, placement guidance that does not ask for a centred frontal pose, face, shoulder
 * and light checks, the camera's height (tilt sensor on phones and tablets, words on laptops), and the
 * straightest-posture check: the person holds their straightest comfortable posture for 3 s, Geste
 * measures it against the anatomical zero, says the difference in words (with a warning past 10°) and
 * saves it as the training start. It never becomes the zero (CLINICAL.md "The zero"). While glasses reflect a lamp
 * or a window the check is held (not finished) until the lenses are clear, with "Calibrate anyway" always offered
 * (measure/calibration.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { AXES, gradedTargets } from '@geste/core';
import type { RestLensGlare } from '@geste/core';
import { VideoSlot, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import type { TrainingStart } from '../app/measure.tsx';
import { axisLabel, axisWordsIn, calibrationWords, devicePitchWords, straightestSentence, trunkCheckWords } from '../app/words.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';
import { CameraControls, CameraStatus, MeasureStatus, ReferenceNote } from '../components/Status.tsx';
import { fromCoreReference, referenceOf } from '../measure/reference.ts';
import { calibrateAnyway, calibrationStep, lensStateOf, startCalibration } from '../measure/calibration.ts';
import type { CalSay, CalState, LensState } from '../measure/calibration.ts';
import { stageDeg } from '../feedback/graded.ts';
import { useSpeaker } from '../app/prefs.tsx';

function lightWords(b: number | null, lang: Lang): { ok: boolean | null; text: string } {
  if (b === null) return { ok: null, text: translate(lang, 'm.setup.light.checking') };
  if (b < 45) return { ok: false, text: translate(lang, 'm.setup.light.dark') };
  if (b > 225) return { ok: false, text: translate(lang, 'm.setup.light.bright') };
  return { ok: true, text: translate(lang, 'm.setup.light.ok') };
}

const mark = (ok: boolean | null): string => (ok === null ? '… ' : ok ? '✓ ' : '! ');

/** "30° → 20° → 10° → 0°": core's graded targets from the training start toward straight. */
export function stepsWords(start: TrainingStart): string {
  return gradedTargets(start.check.trainingStart.anglesDeg).map((t) => `${stageDeg(t)}°`).join(' → ');
}

/**
 * Glare on glasses while holding (core pose/lensGlare.ts), in large text: 'kept' (too few glare-free frames: the
 * result may be ≈ 2° off) as a warning with what to change, 'left-out' as a note.
 */
export function LensGlareWords(props: { glare: RestLensGlare; fresh: boolean; lang: Lang }): ReactNode {
  const g = props.glare;
  const kept = g.outcome === 'kept';
  return (
    <p className={`big ${kept ? 'alert alert-warn' : 'alert alert-info'}`} role={kept && props.fresh ? 'alert' : undefined} data-testid="glare-words" data-outcome={g.outcome}>
      {translate(props.lang, kept ? 'm.setup.glareKept' : 'm.setup.glareLeftOut', { n: g.framesWithGlare, total: g.framesChecked })}
    </p>
  );
}

const LENS_WORDS: Readonly<Record<LensState, { mark: string; key: 'm.setup.lensReflections' | 'm.setup.lensClear' | 'm.setup.lensUnseen' }>> = {
  reflections: { mark: '! ', key: 'm.setup.lensReflections' },
  clear: { mark: '✓ ', key: 'm.setup.lensClear' },
  unseen: { mark: '… ', key: 'm.setup.lensUnseen' },
};

/**
 * While the check is held for glare on glasses (measure/calibration.ts): the lenses' state now, in large words with a
 * shape mark (no head movement needed to read it), and the way out that is always there, "Calibrate anyway".
 */
export function GlareHold(props: { lens: LensState; onAnyway: () => void }): ReactNode {
  const { t } = useI18n();
  const w = LENS_WORDS[props.lens];
  return (
    <div className="glare-hold">
      <p className="lens-state" data-testid="lens-state" data-lens={props.lens}>
        {w.mark}
        {t(w.key)}
      </p>
      <button type="button" className="btn btn-primary btn-big" data-testid="calibrate-anyway" onClick={props.onAnyway}>
        {t('m.setup.calibrateAnyway')}
      </button>
      <p className="hint">{t('m.setup.calibrateAnywayHint')}</p>
    </div>
  );
}

export function StraightestResult(props: { start: TrainingStart; fresh: boolean }): ReactNode {
  const { t, lang, dateTime } = useI18n();
  const c = props.start.check;
  const warn = c.warn;
  // Core's sentence: the first one large ("Your straightest is 30° turned to the right."), the rest as text.
  const sentence = straightestSentence(c, lang);
  const cut = sentence.indexOf('. ');
  const first = cut < 0 ? sentence : sentence.slice(0, cut + 1);
  const rest = cut < 0 ? '' : sentence.slice(cut + 2);
  return (
    <div className="straightest" data-testid="straightest-result" data-warn={String(warn)}>
      <p className="big straightest-words" data-testid="straightest-words">
        {warn ? '! ' : '✓ '}
        {first}
      </p>
      {rest && <p className="straightest-more">{rest}</p>}
      {c.lensGlare && <LensGlareWords glare={c.lensGlare} fresh={props.fresh} lang={lang} />}
      {warn && (
        <div className="alert alert-warn" role={props.fresh ? 'alert' : undefined} data-testid="straightest-warning">
          <strong>{t('m.setup.warnTitle')}</strong> {t('m.setup.warnText', { steps: stepsWords(props.start) })}
        </div>
      )}
      <dl className="facts">
        {AXES.map((a) => {
          const o = c.perAxis[a];
          const v = o.offsetDeg;
          return (
            <div key={a} data-axis={a} data-value={v === null ? '' : v.toFixed(1)} data-uncertain={String(o.uncertain)}>
              <dt>{axisLabel(a, lang)}</dt>
              <dd>
                {v === null ? t('m.setup.notMeasured') : Math.round(Math.abs(v)) === 0 ? t('m.setup.straight') : axisWordsIn(a, v, lang)}
                {v !== null && o.uncertain && t('m.setup.uncertain', { deg: Math.round(c.reference?.[a].uncertaintyDeg ?? 0) })}
                {o.beyondWarn && t('m.setup.beyond')}
              </dd>
            </div>
          );
        })}
      </dl>
      {c.reference && <ReferenceNote reference={fromCoreReference(c.reference)} />}
      <p className="hint">
        {t(props.fresh ? 'm.setup.saved' : 'm.setup.measured', { date: dateTime(props.start.measuredAtMs) })}
      </p>
    </div>
  );
}

export function SetupScreen(props: { onDone: () => void }): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  const speaker = useSpeaker();
  const { t, lang } = useI18n();
  const [cal, setCal] = useState<CalState>({ kind: 'idle' });
  // The reducer's newest state, frame by frame; `cal` (what is drawn) follows it only when the step or the held
  // lenses' state changes. Never reset from `cal` on render: that would drop the frames collected since.
  const calRef = useRef<CalState>(cal);
  // Held for glare: the words, the lenses' state and "Calibrate anyway" appear below the button just pressed, and on
  // a desktop or a phone with large text they fell below the window (session 13). Brought into view once, when the
  // hold starts (not as the lenses' state changes: the person may scroll back up to the video).
  const holdBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (cal.kind === 'held') holdBox.current?.scrollIntoView({ block: 'nearest' });
  }, [cal.kind]);

  const say = (what: CalSay): void => {
    if (what === 'glare-held') speaker.say(t('m.setup.glareHeld'));
    else if (what === 'glare-clear') speaker.say(t('m.setup.glareClearSay'));
    else if (what === 'hold') speaker.say(t('m.setup.sayHold'));
  };
  // The check's steps, and the hold for glare on glasses: measure/calibration.ts.
  useTicks((tick) => {
    const c = calRef.current;
    const { state: next, say: what } = calibrationStep(c, tick, performance.now(), Date.now());
    if (next === c) return;
    calRef.current = next;
    say(what);
    // Re-render when the step changes, or the held lenses' state does (not on every frame of the rest).
    if (next.kind !== c.kind || (next.kind === 'held' && c.kind === 'held' && lensStateOf(next.lens) !== lensStateOf(c.lens))) setCal(next);
    if (next.kind === c.kind) return;
    if (next.kind === 'ok') {
      const result = next.check;
      void api.setTrainingStart({ check: result, measuredAtMs: next.takenAtMs });
      speaker.say(t('m.setup.saySaved', { sentence: straightestSentence(result, lang) }));
      if (result.lensGlare?.outcome === 'kept') speaker.say(t('m.setup.glareKept', { n: result.lensGlare.framesWithGlare, total: result.lensGlare.framesChecked }).replace(/^! /, ''));
    } else if (next.kind === 'failed') speaker.say(t('m.setup.sayFailed'));
  });

  const faceOk = s.cameraOn && s.facesInView === 1 && s.latest?.state !== 'not-measurable';
  const ref = s.latest ? referenceOf(s.latest) : null;
  const trunk = s.cameraOn ? trunkCheckWords(ref, lang) : { ok: null, text: t('m.trunk.waitingCamera') };
  const laptop = s.devicePitch.kind === 'unsupported' || s.devicePitch.kind === 'no-sensor' || s.devicePitch.kind === 'denied';
  const light = lightWords(s.cameraOn ? s.brightness : null, lang);
  const pitch = devicePitchWords(s.devicePitch, lang);
  const start = (): void => {
    speaker.say(t('m.setup.sayHold'));
    calRef.current = startCalibration(performance.now());
    setCal(calRef.current);
  };
  const anyway = (): void => {
    const { state: next, say: what } = calibrateAnyway(calRef.current, performance.now());
    calRef.current = next;
    setCal(next);
    say(what);
  };
  const busy = cal.kind === 'ready' || cal.kind === 'collecting' || cal.kind === 'held';
  const shown = cal.kind === 'ok' ? { check: cal.check, measuredAtMs: cal.takenAtMs } : s.trainingStart;

  return (
    <section aria-labelledby="setup-h" className="screen">
      <h1 id="setup-h">{t('m.setup.title')}</h1>
      <CameraStatus />
      <div className="two-col">
        <div>
          <VideoSlot className="video-slot" />
          <CameraControls />
        </div>
        <div>
          <h2>{t('m.setup.placing')}</h2>
          <ul className="tips">
            <li>{t('m.setup.tip1')}</li>
            <li>{t('m.setup.tip2')}</li>
            <li>{t('m.setup.tip3')}</li>
            <li>{t('m.setup.tip4')}</li>
          </ul>
          <h2>{t('m.setup.checks')}</h2>
          <ul className="checks" aria-live="polite">
            <li data-testid="check-camera" data-ok={String(s.cameraOn)}>{t(s.cameraOn ? 'm.setup.cameraOn' : 'm.setup.cameraOff')}</li>
            <li data-testid="check-face" data-ok={String(faceOk)}>
              {t(!s.cameraOn ? 'm.setup.faceWaiting' : faceOk ? 'm.setup.faceFound' : s.facesInView > 1 ? 'm.setup.faceMany' : 'm.setup.faceNotYet')}
            </li>
            <li data-testid="check-trunk" data-ok={String(trunk.ok)}>
              {mark(trunk.ok)}
              {trunk.text}
              {trunk.hint && (
                <span className="check-hint" data-testid="check-trunk-hint">
                  {trunk.hint}
                </span>
              )}
            </li>
            <li data-testid="check-light" data-ok={String(light.ok)}>{mark(light.ok)}{light.text}</li>
          </ul>
          <MeasureStatus />
          <h2>{t('m.setup.height')}</h2>
          <p data-testid="camera-pitch" data-state={s.devicePitch.kind}>
            {mark(pitch.ok)}
            {pitch.text}
          </p>
          {laptop && (
            <label className="choice">
              <input type="checkbox" data-testid="camera-level" checked={s.cameraLevelConfirmed} onChange={(e) => void api.setCameraLevelConfirmed(e.target.checked)} />
              {t('m.setup.levelConfirm')}
            </label>
          )}
          {s.devicePitch.kind === 'needs-permission' && (
            <button type="button" className="btn" data-testid="pitch-permission" onClick={() => void api.requestPitchPermission()}>
              {t('m.setup.useSensor')}
            </button>
          )}
          <h2>{t('m.setup.straightestTitle')}</h2>
          <p>
            {t('m.setup.straightestText1')} <strong>{t('m.setup.straightestStrong')}</strong>{t('m.setup.straightestText2')}
          </p>
          {s.oldNeutralDropped && (
            <p className="alert alert-info" data-testid="old-neutral-dropped">
              {t('m.setup.oldNeutral')}
            </p>
          )}
          <div className="row">
            <button type="button" className="btn btn-primary" data-testid="calibrate" onClick={start} disabled={!faceOk || busy}>
              {t('m.setup.calibrate')}
            </button>
          </div>
          <div ref={holdBox} className="cal-area">
            <div role="status" aria-live="assertive" className="cal-status" data-testid="calibration-status" data-state={cal.kind}>
              {cal.kind === 'ready' && <p className="big">{t('m.setup.getReady')}</p>}
              {cal.kind === 'collecting' && <p className="big">{t('m.setup.holdStill')}</p>}
              {cal.kind === 'failed' && <p className="big">{t('m.setup.failed', { why: calibrationWords(cal.reason, lang) })}</p>}
              {cal.kind === 'held' && <p className="big alert alert-warn" data-testid="glare-held">{t('m.setup.glareHeld')}</p>}
            </div>
            {cal.kind === 'held' && <GlareHold lens={lensStateOf(cal.lens)} onAnyway={anyway} />}
          </div>
          {cal.kind === 'failed' && cal.lensGlare && <LensGlareWords glare={cal.lensGlare} fresh lang={lang} />}
          {shown && <StraightestResult start={shown} fresh={cal.kind === 'ok'} />}
          <div className="row">
            <button type="button" className="btn" onClick={props.onDone} disabled={!s.cameraOn}>
              {t('m.setup.toLive')}
            </button>
            {shown && (
              <a className="btn" href="#/train" data-testid="go-train">
                {t('m.setup.toTrain')}
              </a>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
