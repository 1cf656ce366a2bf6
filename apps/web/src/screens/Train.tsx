/**
 * Biofeedback training against the anatomical zero. With a training start (the straightest posture from
 * set-up) more than 10° off, training is graded: step by step from that start toward straight
 * (e.g. 30° → 20° → 10°, GradedTrainer), cueing only beyond the current step and rewarding each step
 * reached; otherwise a plain zone around straight. Visual cue (words + arrow + colour), audio tone
 * (pitch and pulse rate rise with the degrees beyond the current target) and spoken prompts, all mutable;
 * a delay and hysteresis so tremor, jerks and normal movement do not nag. Saved as it goes; summary and
 * trend at the end.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { VideoSlot, useInterval, useMeasure, useTicks } from '../app/measure.tsx';
import { Caption, SoundToggles, usePrefs } from '../app/prefs.tsx';
import { correctionWords } from '../app/words.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';
import { CameraControls, CameraStatus, FlexionZeroNote, MeasureStatus, ReferenceNote, ZeroSegmentsNote } from '../components/Status.tsx';
import { DEFAULT_ZONE, ZoneTracker, deviationOf } from '../feedback/zone.ts';
import type { Correction, ZoneState, ZoneStats } from '../feedback/zone.ts';
import { GradedSession, stageDeg } from '../feedback/graded.ts';
import { useGradedStart } from '../feedback/useGradedStart.ts';
import type { TrainingTarget } from '../feedback/graded.ts';
import { ReferenceTally, SessionZeroSegments, referenceFromMeasures, referenceOf } from '../measure/reference.ts';
import { AXES, DEFAULT_GRADED, gradedTargets } from '@geste/core';
import type { Axis } from '@geste/core';
import { trainingStartWords } from '../app/words.ts';
import { AngleSmoother } from '../measure/signal.ts';
import type { Angles } from '../measure/signal.ts';
import { SeriesWriter, listSessions, newSessionId, saveSession } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { LiveAngles } from './Live.tsx';

export const SESSION_LENGTHS_S = [30, 60, 120, 300, 600] as const;
export const ZONE_WIDTHS_DEG = [5, 10, 15, 20] as const;
const SAVE_EVERY_MS = 5000;

interface Running {
  record: SessionRecord;
  /** Plain zone around straight, or graded steps from the training start (exactly one is set). */
  zone: ZoneTracker | null;
  graded: GradedSession | null;
  /** Axes the plain zone trains. */
  plainAxes: readonly Axis[];
  tally: ReferenceTally;
  /** The chin up/down zero stretch by stretch, kept with the record as an exam's is. */
  zeros: SessionZeroSegments;
  rewardUntilTs: number | null;
  smoother: AngleSmoother;
  writer: SeriesWriter;
  targetMs: number;
  lastSaveTs: number | null;
  correction: Correction | null;
  angles: Angles | null;
  finished: boolean;
}

function lengthWords(s: number, lang: Lang): string {
  return s < 60 ? translate(lang, 'm.train.seconds', { n: s }) : s === 60 ? translate(lang, 'm.train.minute') : translate(lang, 'm.train.minutes', { n: s / 60 });
}

export function sessionMeasures(stats: ZoneStats, zoneDeg: number, targetMs: number): Record<string, number> {
  const pct = stats.measuredMs > 0 ? (100 * stats.inZoneMs) / stats.measuredMs : 0;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    targetS: r1(targetMs / 1000),
    durationS: r1((stats.measuredMs + stats.notMeasurableMs) / 1000),
    measuredS: r1(stats.measuredMs / 1000),
    notMeasurableS: r1(stats.notMeasurableMs / 1000),
    inZoneS: r1(stats.inZoneMs / 1000),
    timeInZonePct: r1(pct),
    longestHoldS: r1(stats.longestHoldMs / 1000),
    cues: stats.cues,
    corrections: stats.corrections,
    zoneDeg,
  };
}

export function TrainScreen(): ReactNode {
  const s = useMeasure();
  const prefs = usePrefs();
  const { t, lang, date } = useI18n();
  const [lengthS, setLengthS] = useState<number>(120);
  const [zoneDeg, setZoneDeg] = useState<number>(10);
  const gradedStart = useGradedStart(s.trainingStart?.check.trainingStart ?? null);
  const startAngles = gradedStart?.anglesDeg ?? null;
  const plan = startAngles ? gradedTargets(startAngles) : [];
  const gradedAvailable = plan.length > 1;
  const [mode, setMode] = useState<'graded' | 'plain' | null>(null);
  const graded = (mode ?? (gradedAvailable ? 'graded' : 'plain')) === 'graded' && gradedAvailable;
  const [phase, setPhase] = useState<'setup' | 'running' | 'ended'>('setup');
  const [view, setView] = useState<RunView | null>(null);
  const [summary, setSummary] = useState<SessionRecord | null>(null);
  const [history, setHistory] = useState<SessionRecord[]>([]);
  const run = useRef<Running | null>(null);

  const refreshHistory = (): void => void listSessions('biofeedback').then(setHistory);
  useEffect(refreshHistory, []);

  // Saves run one after another: a periodic save still in flight when the session ends must not land
  // after the final save and write the session back as unfinished.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const persist = (final: boolean, note?: string): Promise<void> => {
    const next = saving.current.then(async () => {
      const r = run.current;
      if (!r || (r.finished && !final)) return;
      const rec: SessionRecord = {
        ...r.record,
        measures: {
          ...(r.graded
            ? {
                ...sessionMeasures(r.graded.finalStats, DEFAULT_GRADED.toleranceDeg, r.targetMs),
                gradedStages: r.graded.plan.length,
                stagesReached: r.graded.stagesReached,
                trainingStartDeg: stageDeg(r.graded.plan[0]!),
                lastTargetDeg: stageDeg(r.graded.target),
              }
            : sessionMeasures(r.zone!.finalStats, zoneDeg, r.targetMs)),
          ...r.tally.measures(),
        },
        endedAtMs: final ? Date.now() : null,
        note: note ?? r.record.note,
        flexionZeroSegments: r.zeros.stored(),
      };
      r.record = rec;
      await r.writer.flush();
      await saveSession(rec);
    });
    saving.current = next.catch(() => undefined);
    return next;
  };

  const finish = async (note?: string): Promise<void> => {
    const r = run.current;
    if (!r || r.finished) return;
    r.finished = true;
    prefs.audio.silence();
    await persist(true, note);
    if (!note) prefs.speaker.say(t('m.train.sayFinished', { pct: Math.round(r.record.measures['timeInZonePct'] ?? 0) }));
    setSummary(r.record);
    setPhase('ended');
    refreshHistory();
  };

  const start = (): void => {
    const startedAtMs = Date.now();
    const record: SessionRecord = {
      type: 'session',
      schemaVersion: 1,
      id: newSessionId('biofeedback', startedAtMs),
      startedAtMs,
      endedAtMs: null,
      kind: 'biofeedback',
      neutral: 'anatomical',
      measures: {},
      items: {},
      trick: null,
      note: '',
    };
    const gs = graded && startAngles ? new GradedSession(startAngles) : null;
    // Chin up/down with an uncertain zero (no camera pitch) is shown but not trained (core marks it uncertain).
    const flexionUncertain = !s.latest || referenceOf(s.latest).flexion === 'uncertain';
    const plainAxes: readonly Axis[] = flexionUncertain ? ['rotationDeg', 'tiltDeg'] : AXES;
    run.current = {
      record,
      zone: gs ? null : new ZoneTracker({ ...DEFAULT_ZONE, zoneDeg, axes: plainAxes }),
      plainAxes,
      graded: gs,
      tally: new ReferenceTally(),
      zeros: new SessionZeroSegments(),
      rewardUntilTs: null,
      smoother: new AngleSmoother(),
      writer: new SeriesWriter(record.id),
      targetMs: lengthS * 1000,
      lastSaveTs: null,
      correction: null,
      angles: null,
      finished: false,
    };
    prefs.audio.start();
    prefs.speaker.say(gs ? t('m.train.sayStartGraded', { target: targetWords(gs.target, lang) }) : t('m.train.sayStartPlain'));
    setSummary(null);
    setPhase('running');
    void saveSession(record);
  };

  useTicks((tick) => {
    const r = run.current;
    if (!r || r.finished || phase !== 'running') return;
    const m = tick.measure;
    const angles: Angles = m.state === 'not-measurable' ? { timestampMs: m.timestampMs, rotationDeg: null, tiltDeg: null, flexionDeg: null } : r.smoother.push(m);
    r.angles = angles;
    r.writer.push(m);
    r.tally.push(m);
    r.zeros.push(m);
    if (r.graded) {
      const g = r.graded;
      const wasOff = g.state === 'out';
      const events = g.update(angles);
      r.correction = g.correction;
      // The tone sounds only while off the current target, and says how far beyond its tolerance.
      prefs.audio.setDeviation(g.state === 'out' ? g.beyondToleranceDeg : null);
      for (const e of events) {
        if (e.type === 'advanced') {
          prefs.audio.reward();
          r.rewardUntilTs = m.timestampMs + 5000;
          prefs.speaker.say(t('m.train.sayStep', { target: targetWords(e.target, lang) }));
        } else if (e.type === 'completed') {
          prefs.audio.reward();
          r.rewardUntilTs = m.timestampMs + 5000;
          prefs.speaker.say(t('m.train.sayStraight'));
        } else if (e.type === 'cue') prefs.speaker.say(correctionWords(e.correction, lang).spoken);
        else if (e.type === 'at-target' && wasOff) {
          prefs.audio.reward();
          prefs.speaker.say(t('m.train.sayWellDone'));
        } else if (e.type === 'lost') prefs.speaker.say(t('m.train.sayLost'));
      }
    } else {
      const z = r.zone!;
      const events = z.update(angles);
      const dev = deviationOf(angles);
      if (dev) r.correction = dev.correction;
      if (z.state === 'out' && dev) prefs.audio.setDeviation(Math.max(0, dev.deviationDeg - zoneDeg));
      else prefs.audio.setDeviation(null);
      for (const e of events) {
        if (e.type === 'cue') prefs.speaker.say(correctionWords(e.correction, lang).spoken);
        else if (e.type === 'corrected') {
          prefs.audio.reward();
          prefs.speaker.say(t('m.train.sayWellDone'));
        } else if (e.type === 'hold') prefs.speaker.say(t('m.train.sayHold', { s: Math.round(e.heldMs / 1000) }));
        else if (e.type === 'lost') prefs.speaker.say(t('m.train.sayLost'));
      }
    }
    const st = (r.graded ?? r.zone!).stats;
    const progressMs = st.measuredMs + st.notMeasurableMs;
    r.lastSaveTs ??= m.timestampMs;
    if (m.timestampMs - r.lastSaveTs >= SAVE_EVERY_MS) {
      r.lastSaveTs = m.timestampMs;
      void persist(false);
    }
    if (progressMs >= r.targetMs) void finish();
  });

  // Render the running view at 10 Hz.
  useInterval(
    () => {
      const r = run.current;
      if (!r) return;
      const g = r.graded;
      const st = (g ?? r.zone!).stats;
      setView({
        state: (g ?? r.zone!).state,
        stats: st,
        correction: r.correction,
        angles: r.angles,
        progressMs: st.measuredMs + st.notMeasurableMs,
        graded: g ? { plan: g.plan, index: g.stageIndex, reached: g.stagesReached, atTargetMs: g.atTargetMs, completed: g.completed } : null,
        zoneDeg,
        plainAxes: r.plainAxes,
        rewarding: r.rewardUntilTs !== null && (r.angles?.timestampMs ?? 0) < r.rewardUntilTs,
        reference: r.tally.dominant(),
      });
    },
    phase === 'running' ? 100 : null,
  );

  // Camera gone or tab hidden: keep everything measured so far.
  useEffect(() => {
    if (phase !== 'running') return;
    if (s.loopStatus === 'camera-ended' || (!s.cameraOn && s.loopStatus !== 'starting')) {
      void finish(t('m.train.cameraStopped'));
    } else if (s.loopStatus === 'paused-hidden') {
      prefs.audio.silence();
      void persist(false);
    }
  }, [s.loopStatus, s.cameraOn, phase]);

  useEffect(() => () => prefs.audio.silence(), [prefs.audio]);

  return (
    <section aria-labelledby="train-h" className="screen">
      <h1 id="train-h">{t('m.train.title')}</h1>
      <CameraStatus />
      {!s.cameraOn && phase !== 'running' && <CameraControls />}
      {phase === 'setup' && (
        <form
          className="train-setup"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <fieldset>
            <legend>{t('m.train.length')}</legend>
            <div className="choice-row">
              {SESSION_LENGTHS_S.map((l) => (
                <label key={l} className="choice">
                  <input type="radio" name="length" value={l} checked={lengthS === l} onChange={() => setLengthS(l)} />
                  {lengthWords(l, lang)}
                </label>
              ))}
            </div>
          </fieldset>
          {gradedAvailable && (
            <fieldset data-testid="train-mode">
              <legend>{t('m.train.what')}</legend>
              <div className="choice-row">
                <label className="choice">
                  <input type="radio" name="mode" value="graded" checked={graded} onChange={() => setMode('graded')} />
                  {t('m.train.graded', { steps: plan.map((x) => `${stageDeg(x)}°`).join(' → ') })}
                </label>
                <label className="choice">
                  <input type="radio" name="mode" value="plain" checked={!graded} onChange={() => setMode('plain')} />
                  {t('m.train.plain')}
                </label>
              </div>
              {gradedStart?.source === 'clinician' && (
                <p className="hint" data-testid="clinician-target">
                  {t('m.train.clinicianHint', {
                    words: trainingStartWords(gradedStart.anglesDeg, lang),
                    s: DEFAULT_GRADED.advanceAfterMs / 1000,
                  })}
                </p>
              )}
              {gradedStart?.source === 'own-straightest' && s.trainingStart && (
                <p className="hint">
                  {t('m.train.gradedHint', {
                    words: trainingStartWords(s.trainingStart.check.trainingStart.anglesDeg, lang),
                    date: date(s.trainingStart.measuredAtMs),
                    s: DEFAULT_GRADED.advanceAfterMs / 1000,
                    tol: DEFAULT_GRADED.toleranceDeg,
                  })}
                </p>
              )}
            </fieldset>
          )}
          {!s.trainingStart && (
            <div data-testid="no-training-start">
              <p className="hint">{t('m.train.noStart')}</p>
              <a className="btn" href="#/setup">{t('m.train.measureStart')}</a>
            </div>
          )}
          {!graded && (
            <fieldset>
              <legend>{t('m.train.zone')}</legend>
              <div className="choice-row">
                {ZONE_WIDTHS_DEG.map((z) => (
                  <label key={z} className="choice">
                    <input type="radio" name="zone" value={z} checked={zoneDeg === z} onChange={() => setZoneDeg(z)} />
                    ±{z}°
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <SoundToggles />
          <p className="hint">
            {t(graded ? 'm.train.cueHintStep' : 'm.train.cueHintZone', { s: DEFAULT_ZONE.outDelayMs / 1000, deg: DEFAULT_ZONE.hysteresisDeg })}
            {s.latest && referenceOf(s.latest).flexion === 'uncertain' && t('m.train.chinUncertain')}
          </p>
          <button type="submit" className="btn btn-primary btn-big" data-testid="start-session" disabled={!s.cameraOn}>
            {t('m.train.start', { length: lengthWords(lengthS, lang) })}
          </button>
        </form>
      )}
      {phase === 'running' && (
        <RunningView view={view} targetMs={lengthS * 1000} onStop={() => void finish()} />
      )}
      {phase === 'ended' && summary && (
        <Summary record={summary} onAgain={() => setPhase('setup')} />
      )}
      <Trend sessions={history} />
      {phase === 'running' && <VideoSlot className="video-slot video-small" />}
    </section>
  );
}

/** "20° turned to the right": a target in words (the axes it trains), or "straight". */
export function targetWords(t: TrainingTarget, lang: Lang = 'en'): string {
  const d = stageDeg(t);
  return d === 0 ? translate(lang, 'm.train.targetStraight', { deg: DEFAULT_GRADED.toleranceDeg }) : translate(lang, 'm.train.targetNearer', { words: trainingStartWords(t.anglesDeg, lang) });
}

/**
 * The band on each dial for a target: at target within the tolerance, on the target's side up to it
 * (core `beyondTargetDeg`); null for an axis the target does not train.
 */
export function targetBandsDeg(t: TrainingTarget): Record<Axis, readonly [number, number] | null> {
  const tol = DEFAULT_GRADED.toleranceDeg;
  const band = (v: number | null): readonly [number, number] | null => (v === null ? null : v > 0 ? [-tol, v + tol] : v < 0 ? [v - tol, tol] : [-tol, tol]);
  return { rotationDeg: band(t.anglesDeg.rotationDeg), tiltDeg: band(t.anglesDeg.tiltDeg), flexionDeg: band(t.anglesDeg.flexionDeg) };
}

/** The plain zone's bands: ±zoneDeg on the trained axes, none on the others. */
function plainBandsDeg(zoneDeg: number, axes: readonly Axis[]): Record<Axis, readonly [number, number] | null> {
  const b = (a: Axis): readonly [number, number] | null => (axes.includes(a) ? [-zoneDeg, zoneDeg] : null);
  return { rotationDeg: b('rotationDeg'), tiltDeg: b('tiltDeg'), flexionDeg: b('flexionDeg') };
}

interface RunView {
  state: ZoneState;
  stats: ZoneStats;
  correction: Correction | null;
  angles: Angles | null;
  progressMs: number;
  graded: { plan: readonly TrainingTarget[]; index: number; reached: number; atTargetMs: number; completed: boolean } | null;
  zoneDeg: number;
  plainAxes: readonly Axis[];
  rewarding: boolean;
  reference: ReturnType<ReferenceTally['dominant']>;
}

function StepLadder(props: { g: NonNullable<RunView['graded']> }): ReactNode {
  const { g } = props;
  const t = useI18n().t;
  const needS = DEFAULT_GRADED.advanceAfterMs / 1000;
  return (
    <ol className="step-ladder" aria-label={t('m.train.ladder')} data-testid="graded-steps" data-step={g.index} data-steps={g.plan.length}>
      {g.plan.map((x, i) => {
        const done = i < g.reached;
        const here = i === g.index && !g.completed;
        return (
          <li key={i} className={`step ${done ? 'step-done' : ''} ${here ? 'step-current' : ''} ${i === 0 ? 'step-start' : ''}`} aria-current={here ? 'step' : undefined}>
            <span className="step-deg">{done ? '★ ' : ''}{stageDeg(x)}°</span>
            <span className="step-words">
              {done ? t('m.train.reached') : here ? t('m.train.now', { n: Math.min(needS, Math.floor(g.atTargetMs / 1000)), need: needS }) : t(i === 0 ? 'm.train.yourStraightest' : x.final ? 'm.train.straight' : 'm.train.next')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function RunningView(props: { view: RunView | null; targetMs: number; onStop: () => void }): ReactNode {
  const v = props.view;
  const { t, lang } = useI18n();
  const state = v?.state ?? 'unknown';
  const c = v?.correction ? correctionWords(v.correction, lang) : null;
  const leftS = Math.max(0, Math.ceil((props.targetMs - (v?.progressMs ?? 0)) / 1000));
  const pct = v && v.stats.measuredMs > 0 ? Math.round((100 * v.stats.inZoneMs) / v.stats.measuredMs) : 0;
  const g = v?.graded ?? null;
  const target = g ? g.plan[g.index]! : null;
  const targetDeg = target ? stageDeg(target) : (v?.zoneDeg ?? DEFAULT_ZONE.zoneDeg);
  const words = target ? t('m.train.stepOf', { i: g!.index + 1, n: g!.plan.length, target: targetWords(target, lang) }) : t('m.train.withinOf', { deg: targetDeg });
  return (
    <div className="running">
      {g && <StepLadder g={g} />}
      <div className={`zone-banner zone-${state}`} role="status" aria-live="polite" data-testid="zone-state" data-state={state} data-target-deg={targetDeg}>
        {state === 'in' && <span>{t('m.train.atTarget', { words })}</span>}
        {state === 'out' && (
          <span>
            <span className="arrow" aria-hidden="true">{c?.arrow}</span> {t('m.train.yourTarget', { what: c?.short ?? t('m.train.comeBack'), words })}
          </span>
        )}
        {state === 'unknown' && <span>{t('m.train.unknown')}</span>}
      </div>
      {v?.rewarding && (
        <p className="reward-banner" role="status" data-testid="step-reached">
          {t('m.train.stepReached')}
        </p>
      )}
      <Caption />
      <MeasureStatus />
      {v?.reference && <ReferenceNote reference={v.reference} />}
      <FlexionZeroNote quiet />
      <div className="session-facts" data-testid="session-progress" data-cues={v?.stats.cues ?? 0}>
        <span>{t('m.train.left', { s: leftS })}</span>
        <span>{t('m.train.atTargetSoFar', { pct })}</span>
        <span>{t('m.train.currentHold', { s: Math.round((v?.stats.currentHoldMs ?? 0) / 1000) })}</span>
        <span>{t('m.train.longestHold', { s: Math.round((v?.stats.longestHoldMs ?? 0) / 1000) })}</span>
      </div>
      <progress max={props.targetMs} value={v?.progressMs ?? 0} aria-label={t('m.train.progress')} />
      <LiveAngles zoneDeg={v?.zoneDeg ?? DEFAULT_ZONE.zoneDeg} bandsDeg={target ? targetBandsDeg(target) : v ? plainBandsDeg(v.zoneDeg, v.plainAxes) : undefined} angles={v?.angles ?? null} measurable={state !== 'unknown' && v?.angles?.rotationDeg !== null} />
      <div className="row">
        <SoundToggles />
        <button type="button" className="btn" data-testid="stop-session" onClick={props.onStop}>
          {t('m.train.end')}
        </button>
      </div>
    </div>
  );
}

function Summary(props: { record: SessionRecord; onAgain: () => void }): ReactNode {
  const m = props.record.measures;
  const { t, lang, number } = useI18n();
  const f = (k: string, unit = '') => (m[k] === null || m[k] === undefined ? '–' : `${number(m[k]!)}${unit}`);
  const ref = referenceFromMeasures(m);
  return (
    <div className="summary" data-testid="session-summary" tabIndex={-1}>
      <h2>{t('m.train.summary')}</h2>
      {props.record.note && <p className="alert alert-warn" role="alert">{props.record.note}</p>}
      <dl className="facts">
        <div><dt>{t('m.train.sumInZone')}</dt><dd data-testid="sum-inzone">{t('m.train.sumInZoneValue', { pct: f('timeInZonePct', '%'), inZone: f('inZoneS', ' s'), measured: f('measuredS', ' s') })}</dd></div>
        <div><dt>{t('m.train.sumHold')}</dt><dd data-testid="sum-hold">{f('longestHoldS', ' s')}</dd></div>
        <div><dt>{t('m.train.sumCues')}</dt><dd>{f('cues')} / {f('corrections')}</dd></div>
        <div><dt>{t('m.train.sumNotMeasurable')}</dt><dd>{f('notMeasurableS', ' s')}</dd></div>
        {m['gradedStages'] !== undefined ? (
          <>
            <div><dt>{t('m.train.sumSteps')}</dt><dd data-testid="sum-steps">{t('m.train.sumStepsValue', { reached: f('stagesReached'), planned: f('gradedStages'), start: f('trainingStartDeg', '°'), last: f('lastTargetDeg', '°') })}</dd></div>
            <div><dt>{t('m.train.sumAtTarget')}</dt><dd>{t('m.train.sumAtTargetValue', { zone: f('zoneDeg', '°') })}</dd></div>
          </>
        ) : (
          <div><dt>{t('m.train.sumZone')}</dt><dd>{t(props.record.neutral === 'calibrated' ? 'm.train.sumZoneCalibrated' : 'm.train.sumZoneStraight', { zone: f('zoneDeg', '°') })}</dd></div>
        )}
      </dl>
      {ref ? <ReferenceNote reference={ref} zeros={{ segments: props.record.flexionZeroSegments, of: 'session' }} /> : <ZeroSegmentsNote segments={props.record.flexionZeroSegments} lang={lang} of="session" />}
      <button type="button" className="btn btn-primary" onClick={props.onAgain}>{t('m.train.again')}</button>
    </div>
  );
}

/** A cell's column name, shown only where a record table is stacked as cards (styles.css .stack-narrow). */
function CellLabel(props: { children: string }): ReactNode {
  return <span className="cell-label">{props.children}: </span>;
}

export function Trend(props: { sessions: SessionRecord[] }): ReactNode {
  const { t, number, dateTime } = useI18n();
  const done = props.sessions.filter((s) => s.measures['timeInZonePct'] !== undefined).slice(-10);
  if (done.length === 0) return <p className="hint">{t('m.train.trendEmpty')}</p>;
  const n = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : number(v));
  const w = 320, h = 120, bw = Math.min(48, w / Math.max(done.length, 1));
  return (
    <div className="trend" data-testid="trend">
      <h2>{t('m.train.trend')}</h2>
      <svg viewBox={`0 0 ${w} ${h + 20}`} className="trend-chart" aria-hidden="true">
        {done.map((s, i) => {
          const pct = s.measures['timeInZonePct'] ?? 0;
          const bh = (pct / 100) * h;
          return (
            <g key={s.id}>
              <rect x={i * bw + 4} y={h - bh} width={bw - 8} height={bh} className="trend-bar" />
              <text x={i * bw + bw / 2} y={h + 14} textAnchor="middle" className="trend-label">{Math.round(pct)}%</text>
            </g>
          );
        })}
      </svg>
      <table className="stack-narrow">
        <caption>{t('m.train.trendCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('m.train.colDate')}</th><th scope="col">{t('m.train.colLength')}</th><th scope="col">{t('m.train.colInZone')}</th><th scope="col">{t('m.train.colHold')}</th></tr>
        </thead>
        <tbody>
          {done.map((s) => (
            <tr key={s.id}>
              <td><CellLabel>{t('m.train.colDate')}</CellLabel>{dateTime(s.startedAtMs)}</td>
              <td><CellLabel>{t('m.train.colLength')}</CellLabel>{n(s.measures['durationS'])} s{s.endedAtMs === null ? t('m.hist.unfinished') : ''}</td>
              <td><CellLabel>{t('m.train.colInZone')}</CellLabel>{n(s.measures['timeInZonePct'])}%</td>
              <td><CellLabel>{t('m.train.colHold')}</CellLabel>{n(s.measures['longestHoldS'])} s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
