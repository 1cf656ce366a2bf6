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
import { CORRECTION_WORDS } from '../app/words.ts';
import { CameraControls, CameraStatus, MeasureStatus, ReferenceNote } from '../components/Status.tsx';
import { DEFAULT_ZONE, ZoneTracker, deviationOf } from '../feedback/zone.ts';
import type { Correction, ZoneState, ZoneStats } from '../feedback/zone.ts';
import { GradedSession, stageDeg } from '../feedback/graded.ts';
import { useGradedStart } from '../feedback/useGradedStart.ts';
import type { TrainingTarget } from '../feedback/graded.ts';
import { ReferenceTally, referenceFromMeasures, referenceOf } from '../measure/reference.ts';
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
  rewardUntilTs: number | null;
  smoother: AngleSmoother;
  writer: SeriesWriter;
  targetMs: number;
  lastSaveTs: number | null;
  correction: Correction | null;
  angles: Angles | null;
  finished: boolean;
}

function lengthWords(s: number): string {
  return s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`;
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
    if (!note) prefs.speaker.say(`Session finished. You were in the zone ${Math.round(r.record.measures['timeInZonePct'] ?? 0)} percent of the time.`);
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
    prefs.speaker.say(gs ? `Session started. First step: ${targetWords(gs.target)}. Hold it there.` : 'Session started. Bring your head toward the middle, and hold it there.');
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
          prefs.speaker.say(`Step reached. Well done. Next: ${targetWords(e.target)}.`);
        } else if (e.type === 'completed') {
          prefs.audio.reward();
          r.rewardUntilTs = m.timestampMs + 5000;
          prefs.speaker.say('Excellent. You reached straight. Hold it there.');
        } else if (e.type === 'cue') prefs.speaker.say(CORRECTION_WORDS[e.correction].spoken);
        else if (e.type === 'at-target' && wasOff) {
          prefs.audio.reward();
          prefs.speaker.say('Well done.');
        } else if (e.type === 'lost') prefs.speaker.say('I cannot see your face.');
      }
    } else {
      const z = r.zone!;
      const events = z.update(angles);
      const dev = deviationOf(angles);
      if (dev) r.correction = dev.correction;
      if (z.state === 'out' && dev) prefs.audio.setDeviation(Math.max(0, dev.deviationDeg - zoneDeg));
      else prefs.audio.setDeviation(null);
      for (const e of events) {
        if (e.type === 'cue') prefs.speaker.say(CORRECTION_WORDS[e.correction].spoken);
        else if (e.type === 'corrected') {
          prefs.audio.reward();
          prefs.speaker.say('Well done.');
        } else if (e.type === 'hold') prefs.speaker.say(`Good. You have held for ${Math.round(e.heldMs / 1000)} seconds.`);
        else if (e.type === 'lost') prefs.speaker.say('I cannot see your face.');
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
      void finish('Camera stopped during the session; saved up to that point.');
    } else if (s.loopStatus === 'paused-hidden') {
      prefs.audio.silence();
      void persist(false);
    }
  }, [s.loopStatus, s.cameraOn, phase]);

  useEffect(() => () => prefs.audio.silence(), [prefs.audio]);

  return (
    <section aria-labelledby="train-h" className="screen">
      <h1 id="train-h">Biofeedback training</h1>
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
            <legend>Session length</legend>
            <div className="choice-row">
              {SESSION_LENGTHS_S.map((l) => (
                <label key={l} className="choice">
                  <input type="radio" name="length" value={l} checked={lengthS === l} onChange={() => setLengthS(l)} />
                  {lengthWords(l)}
                </label>
              ))}
            </div>
          </fieldset>
          {gradedAvailable && (
            <fieldset data-testid="train-mode">
              <legend>What to train</legend>
              <div className="choice-row">
                <label className="choice">
                  <input type="radio" name="mode" value="graded" checked={graded} onChange={() => setMode('graded')} />
                  Step by step from my straightest ({plan.map((t) => `${stageDeg(t)}°`).join(' → ')})
                </label>
                <label className="choice">
                  <input type="radio" name="mode" value="plain" checked={!graded} onChange={() => setMode('plain')} />
                  A zone around straight
                </label>
              </div>
              {gradedStart?.source === 'clinician' && (
                <p className="hint" data-testid="clinician-target">
                  Your clinician set your training start: {trainingStartWords(gradedStart.anglesDeg)}. Each step is reached after {DEFAULT_GRADED.advanceAfterMs / 1000} s at its target.
                </p>
              )}
              {gradedStart?.source === 'own-straightest' && s.trainingStart && <p className="hint">
                Your straightest is {trainingStartWords(s.trainingStart.check.trainingStart.anglesDeg)} (measured on {new Date(s.trainingStart.measuredAtMs).toLocaleDateString()}). You start
                there; each step is reached after {DEFAULT_GRADED.advanceAfterMs / 1000} s at its target (within {DEFAULT_GRADED.toleranceDeg}°), then the next target, nearer
                straight, begins.
              </p>}
            </fieldset>
          )}
          {!s.trainingStart && (
            <div data-testid="no-training-start">
              <p className="hint">To train step by step from where your head rests, measure your straightest posture on the set-up screen first.</p>
              <a className="btn" href="#/setup">Measure my straightest posture →</a>
            </div>
          )}
          {!graded && (
            <fieldset>
              <legend>Target zone around straight</legend>
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
            A cue comes only when your head stays outside the {graded ? 'current step' : 'zone'} for {DEFAULT_ZONE.outDelayMs / 1000} s and more than {DEFAULT_ZONE.hysteresisDeg}° beyond its edge, so tremor, jerks and ordinary movements do not set it off. Measured from straight (the anatomical zero).
            {s.latest && referenceOf(s.latest).flexion === 'uncertain' && ' Chin up/down is shown but not trained while its zero is uncertain (see "Camera height" on the set-up screen).'}
          </p>
          <button type="submit" className="btn btn-primary btn-big" data-testid="start-session" disabled={!s.cameraOn}>
            Start {lengthWords(lengthS)} session
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
export function targetWords(t: TrainingTarget): string {
  const d = stageDeg(t);
  return d === 0 ? 'straight, within ' + DEFAULT_GRADED.toleranceDeg + '°' : `${trainingStartWords(t.anglesDeg)}, or nearer straight`;
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
  const needS = DEFAULT_GRADED.advanceAfterMs / 1000;
  return (
    <ol className="step-ladder" aria-label="Training steps toward straight" data-testid="graded-steps" data-step={g.index} data-steps={g.plan.length}>
      {g.plan.map((t, i) => {
        const done = i < g.reached;
        const here = i === g.index && !g.completed;
        return (
          <li key={i} className={`step ${done ? 'step-done' : ''} ${here ? 'step-current' : ''} ${i === 0 ? 'step-start' : ''}`} aria-current={here ? 'step' : undefined}>
            <span className="step-deg">{done ? '★ ' : ''}{stageDeg(t)}°</span>
            <span className="step-words">
              {done ? 'reached' : here ? `now: ${Math.min(needS, Math.floor(g.atTargetMs / 1000))} of ${needS} s` : i === 0 ? 'your straightest' : t.final ? 'straight' : 'next'}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function RunningView(props: { view: RunView | null; targetMs: number; onStop: () => void }): ReactNode {
  const v = props.view;
  const state = v?.state ?? 'unknown';
  const c = v?.correction ? CORRECTION_WORDS[v.correction] : null;
  const leftS = Math.max(0, Math.ceil((props.targetMs - (v?.progressMs ?? 0)) / 1000));
  const pct = v && v.stats.measuredMs > 0 ? Math.round((100 * v.stats.inZoneMs) / v.stats.measuredMs) : 0;
  const g = v?.graded ?? null;
  const target = g ? g.plan[g.index]! : null;
  const targetDeg = target ? stageDeg(target) : (v?.zoneDeg ?? DEFAULT_ZONE.zoneDeg);
  const words = target ? `step ${g!.index + 1} of ${g!.plan.length}: ${targetWords(target)}` : `within ${targetDeg}° of straight`;
  return (
    <div className="running">
      {g && <StepLadder g={g} />}
      <div className={`zone-banner zone-${state}`} role="status" aria-live="polite" data-testid="zone-state" data-state={state} data-target-deg={targetDeg}>
        {state === 'in' && <span>✓ At your target ({words}). Hold it.</span>}
        {state === 'out' && (
          <span>
            <span className="arrow" aria-hidden="true">{c?.arrow}</span> {c?.short ?? 'Come back toward the middle'}: your target is {words}.
          </span>
        )}
        {state === 'unknown' && <span>? Not measured right now: make sure your face is in view.</span>}
      </div>
      {v?.rewarding && (
        <p className="reward-banner" role="status" data-testid="step-reached">
          ★ Step reached. Well done!
        </p>
      )}
      <Caption />
      <MeasureStatus />
      {v?.reference && <ReferenceNote reference={v.reference} />}
      <div className="session-facts" data-testid="session-progress" data-cues={v?.stats.cues ?? 0}>
        <span>{leftS} s left</span>
        <span>At target {pct}% so far</span>
        <span>Current hold {Math.round((v?.stats.currentHoldMs ?? 0) / 1000)} s</span>
        <span>Longest hold {Math.round((v?.stats.longestHoldMs ?? 0) / 1000)} s</span>
      </div>
      <progress max={props.targetMs} value={v?.progressMs ?? 0} aria-label="Session progress" />
      <LiveAngles zoneDeg={v?.zoneDeg ?? DEFAULT_ZONE.zoneDeg} bandsDeg={target ? targetBandsDeg(target) : v ? plainBandsDeg(v.zoneDeg, v.plainAxes) : undefined} angles={v?.angles ?? null} measurable={state !== 'unknown' && v?.angles?.rotationDeg !== null} />
      <div className="row">
        <SoundToggles />
        <button type="button" className="btn" data-testid="stop-session" onClick={props.onStop}>
          End session now
        </button>
      </div>
    </div>
  );
}

function Summary(props: { record: SessionRecord; onAgain: () => void }): ReactNode {
  const m = props.record.measures;
  const f = (k: string, unit = '') => (m[k] === null || m[k] === undefined ? '–' : `${m[k]}${unit}`);
  const ref = referenceFromMeasures(m);
  return (
    <div className="summary" data-testid="session-summary" tabIndex={-1}>
      <h2>Session summary</h2>
      {props.record.note && <p className="alert alert-warn" role="alert">{props.record.note}</p>}
      <dl className="facts">
        <div><dt>Time in the zone</dt><dd data-testid="sum-inzone">{f('timeInZonePct', '%')} ({f('inZoneS', ' s')} of {f('measuredS', ' s')} measured)</dd></div>
        <div><dt>Longest hold</dt><dd data-testid="sum-hold">{f('longestHoldS', ' s')}</dd></div>
        <div><dt>Cues / corrections</dt><dd>{f('cues')} / {f('corrections')}</dd></div>
        <div><dt>Not measurable</dt><dd>{f('notMeasurableS', ' s')}</dd></div>
        {m['gradedStages'] !== undefined ? (
          <>
            <div><dt>Steps reached</dt><dd data-testid="sum-steps">{f('stagesReached')} of {f('gradedStages')}, from your straightest ({f('trainingStartDeg', '°')}); last target {f('lastTargetDeg', '°')}</dd></div>
            <div><dt>At target</dt><dd>within ±{f('zoneDeg', '°')} of each target, measured from straight (the anatomical zero)</dd></div>
          </>
        ) : (
          <div><dt>Zone</dt><dd>±{f('zoneDeg', '°')} around {props.record.neutral === 'calibrated' ? 'your calibrated posture (older session)' : 'straight (the anatomical zero)'}</dd></div>
        )}
      </dl>
      {ref && <ReferenceNote reference={ref} />}
      <button type="button" className="btn btn-primary" onClick={props.onAgain}>New session</button>
    </div>
  );
}

export function Trend(props: { sessions: SessionRecord[] }): ReactNode {
  const done = props.sessions.filter((s) => s.measures['timeInZonePct'] !== undefined).slice(-10);
  if (done.length === 0) return <p className="hint">Your sessions will appear here, with the time you spent in the zone.</p>;
  const w = 320, h = 120, bw = Math.min(48, w / Math.max(done.length, 1));
  return (
    <div className="trend" data-testid="trend">
      <h2>Trend across sessions</h2>
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
      <table>
        <caption>Biofeedback sessions (most recent last)</caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Length</th><th scope="col">Time in zone</th><th scope="col">Longest hold</th></tr>
        </thead>
        <tbody>
          {done.map((s) => (
            <tr key={s.id}>
              <td>{new Date(s.startedAtMs).toLocaleString()}</td>
              <td>{s.measures['durationS'] ?? '–'} s{s.endedAtMs === null ? ' (unfinished)' : ''}</td>
              <td>{s.measures['timeInZonePct'] ?? '–'}%</td>
              <td>{s.measures['longestHoldS'] ?? '–'} s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
