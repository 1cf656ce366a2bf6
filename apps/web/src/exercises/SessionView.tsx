/**
 * A guided set of one exercise with the shared camera measures (useTicks — the camera is not opened
 * again). Reps and holds are counted by core's RepCounter/HoldTimer; one spoken cue at a time through
 * the CueScheduler (every cue is also captioned; voice can be muted). "I can't be seen" switches to
 * manual counting; a summary shows reps, hold times and the range reached, and is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { CueScheduler, pushFrame, summariseSet, trackerFor } from '@geste/core';
import type { Cue, Exercise, HoldEvent, RepEvent, SetSummary, SetTracker } from '@geste/core';
import { VideoSlot, useInterval, useMeasure, useTicks } from '../app/measure.tsx';
import { Caption, SoundToggles, usePrefs } from '../app/prefs.tsx';
import { CameraControls, CameraStatus, ZeroSegmentsNote } from '../components/Status.tsx';
import { SessionZeroSegments } from '../measure/reference.ts';
import type { StoredZeroSegment } from '../measure/reference.ts';
import { newSessionId, saveSession } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { ExerciseAvatar } from './ExerciseAvatar.tsx';
import { keyframesFor } from './avatarPose.ts';
import type { PullSetting } from './pull.ts';
import { setMeasures, targetWords } from './words.ts';
import { exerciseText } from './libraryText.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Run {
  tracker: SetTracker;
  cues: CueScheduler;
  startedAtMs: number;
  firstTs: number | null;
  lastTs: number;
  unseenSinceTs: number | null;
  manualHolds: number;
  finished: boolean;
  lastEvent: string;
  /** The chin up/down zero stretch by stretch, kept with the record as an exam's is. */
  zeros: SessionZeroSegments;
}

const PRIORITY = { rep: 3, done: 5, other: 1, unseen: 2 } as const;

export function SessionView(props: { exercise: Exercise; pull: PullSetting; programId?: string; onClose: () => void }): ReactNode {
  const ex = props.exercise;
  const tr = ex.tracking;
  const i18n = useI18n();
  const t = i18n.t;
  const w = exerciseText(ex, i18n.lang);
  const s = useMeasure();
  const prefs = usePrefs();
  const axisPull = tr.kind === 'paced' ? null : props.pull[tr.axis];
  const run = useRef<Run | null>(null);
  const [view, setView] = useState<{ count: number; holdMs: number; currentDeg: number | null; unseen: boolean; elapsedMs: number; lastEvent: string } | null>(null);
  const [manual, setManual] = useState(false);
  const [summary, setSummary] = useState<{ set: SetSummary; manualHolds: number; zeros: StoredZeroSegment[] } | null>(null);

  const say = (cue: Cue, nowMs: number): void => {
    const r = run.current;
    if (!r) return;
    const c = r.cues.offer(cue, nowMs);
    if (c) prefs.speaker.say(c.text);
  };

  const start = (): void => {
    run.current = { tracker: trackerFor(ex, axisPull), cues: new CueScheduler(), startedAtMs: Date.now(), firstTs: null, lastTs: 0, unseenSinceTs: null, manualHolds: 0, finished: false, lastEvent: '', zeros: new SessionZeroSegments() };
    setSummary(null);
    setManual(false);
    prefs.speaker.say(w.cues.start);
  };
  useEffect(() => {
    start();
    return () => prefs.speaker.close();
  }, [ex.id]);

  const target = tr.kind === 'paced' ? tr.cycles : tr.reps;

  const finish = (): void => {
    const r = run.current;
    if (!r || r.finished) return;
    r.finished = true;
    const full = summariseSet(ex, r.tracker, true);
    // A paced set stopped early ("Finish now") counts the breaths that were completed, not all of them.
    const breaths = tr.kind === 'paced' ? Math.min(tr.cycles, Math.floor((Date.now() - r.startedAtMs) / (tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs))) : 0;
    const set = tr.kind === 'paced' ? { ...full, done: breaths, completion: breaths / tr.cycles } : full;
    const zeros = r.zeros.stored();
    setSummary({ set, manualHolds: r.manualHolds, zeros });
    prefs.speaker.say(w.cues.done);
    const rec: SessionRecord = {
      type: 'session',
      schemaVersion: 1,
      id: newSessionId('exercise', r.startedAtMs),
      startedAtMs: r.startedAtMs,
      endedAtMs: Date.now(),
      kind: 'exercise',
      neutral: s.neutral.kind,
      measures: setMeasures(set, r.manualHolds),
      items: {},
      trick: null,
      note: `exercise:${ex.id}${props.programId ? ` program:${props.programId}` : ''}`,
      flexionZeroSegments: zeros,
    };
    void saveSession(rec);
  };

  const doneCount = (r: Run): number => {
    const t = r.tracker;
    if (t.kind === 'reps') return t.counter.count;
    if (t.kind === 'hold') return t.timer.summary().completeHolds + r.manualHolds;
    return 0;
  };

  const onEvent = (e: RepEvent | HoldEvent, r: Run, now: number): void => {
    switch (e.kind) {
      case 'rep':
        r.lastEvent = t(e.manual ? 'ex.s.repManual' : 'ex.s.rep', { n: e.count });
        say({ key: `rep-${e.count}`, text: String(e.count), priority: PRIORITY.rep }, now);
        break;
      case 'incomplete':
        r.lastEvent = t('ex.s.incomplete', { peak: Math.round(e.peakDeg), target: tr.kind === 'reps' ? tr.targetDeg : 0 });
        say({ key: 'further', text: w.cues.further, priority: PRIORITY.other }, now);
        break;
      case 'target-reached':
        r.lastEvent = t('ex.s.targetReached');
        say({ key: 'back', text: w.cues.back, priority: PRIORITY.other }, now);
        break;
      case 'lost':
        r.lastEvent = t('ex.s.lost');
        break;
      case 'hold-start':
        r.lastEvent = t('ex.s.holding');
        break;
      case 'hold-complete':
        r.lastEvent = t('ex.s.holdComplete');
        say({ key: `hold-${doneCount(r)}`, text: `${t('ex.s.holdComplete')} ${w.cues.back}`, priority: PRIORITY.rep }, now);
        break;
      case 'hold-end':
        r.lastEvent = t(e.hold.complete ? 'ex.s.held' : 'ex.s.heldShort', { s: i18n.number(e.hold.durationMs / 1000) });
        break;
    }
  };

  useTicks((tick) => {
    const r = run.current;
    if (!r || r.finished) return;
    const m = tick.measure;
    const now = m.timestampMs;
    r.firstTs ??= now;
    r.lastTs = now;
    r.zeros.push(m);
    for (const e of pushFrame(r.tracker, m)) onEvent(e, r, now);
    if (m.state === 'not-measurable') {
      r.unseenSinceTs ??= now;
      if (now - r.unseenSinceTs > 2000) say({ key: 'unseen', text: t('ex.s.unseenSay'), priority: PRIORITY.unseen }, now);
    } else r.unseenSinceTs = null;
    const c = r.cues.poll(now);
    if (c) prefs.speaker.say(c.text);
    if (r.tracker.kind !== 'paced' && doneCount(r) >= target) finish();
  });

  useInterval(() => {
    const r = run.current;
    if (!r) return;
    const t = r.tracker;
    setView({
      count: doneCount(r),
      holdMs: t.kind === 'hold' ? t.timer.currentHoldMs() : 0,
      currentDeg: t.kind === 'reps' ? t.counter.currentDeg : null,
      unseen: r.unseenSinceTs !== null && r.lastTs - r.unseenSinceTs > 1000,
      elapsedMs: Date.now() - r.startedAtMs,
      lastEvent: r.lastEvent,
    });
    // Paced sessions run on the clock.
    if (tr.kind === 'paced' && !r.finished && Date.now() - r.startedAtMs >= tr.cycles * (tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs)) finish();
  }, summary ? null : 100);

  const countIt = (): void => {
    const r = run.current;
    if (!r || r.finished) return;
    if (r.tracker.kind === 'reps') onEvent(r.tracker.counter.countManually(r.lastTs), r, r.lastTs);
    else if (r.tracker.kind === 'hold') {
      r.manualHolds++;
      r.lastEvent = t('ex.s.holdManual', { n: doneCount(r) });
    }
    if (doneCount(r) >= target) finish();
  };

  const kfs = keyframesFor(ex.avatar, tr.kind !== 'paced' && tr.direction === 'away-from-pull', axisPull);
  const pacedPhase = ((): string => {
    if (tr.kind !== 'paced' || !view) return '';
    const cyc = tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs;
    const c = view.elapsedMs % cyc;
    const n = Math.min(tr.cycles, Math.floor(view.elapsedMs / cyc) + 1);
    return t('ex.s.breathOf', { phase: t(c < tr.inhaleMs ? 'ex.s.breatheIn' : c < tr.inhaleMs + tr.holdBreathMs ? 'ex.s.hold' : 'ex.s.breatheOut'), n, total: tr.cycles });
  })();

  return (
    <section aria-labelledby="ex-session-h" className="ex-session" data-testid="exercise-session">
      <h2 id="ex-session-h">{w.title}</h2>
      <p>{targetWords(ex, t)}. {tr.kind !== 'paced' && tr.direction === 'away-from-pull' && axisPull === null && t('ex.s.pullUnset')}</p>
      <CameraStatus />
      {!s.cameraOn && <CameraControls />}
      <div className="ex-session-grid">
        <VideoSlot className="video-slot ex-video" />
        <ExerciseAvatar keyframes={kfs} size={150} />
        {!summary && view && (
          <div className="ex-numbers" aria-live="off">
            {tr.kind === 'reps' && (
              <p className="ex-big" data-testid="rep-count">
                <span className="ex-big-n">{view.count}</span> / {target} <span className="ex-big-label">{t('ex.s.reps')}</span>
              </p>
            )}
            {tr.kind === 'hold' && (
              <>
                <p className="ex-big" data-testid="hold-time">
                  <span className="ex-big-n">{i18n.number(view.holdMs / 1000)}</span> / {Math.round(tr.holdMs / 1000)} <span className="ex-big-label">{t('ex.s.secondsHeld')}</span>
                </p>
                <p className="big" data-testid="hold-count">
                  {t('ex.s.holdsDone', { n: view.count, total: target })}
                </p>
              </>
            )}
            {tr.kind === 'paced' && <p className="ex-big" data-testid="paced-phase">{pacedPhase}</p>}
            {view.currentDeg !== null && <p>{t('ex.s.now', { deg: Math.round(view.currentDeg), target: tr.kind === 'reps' ? tr.targetDeg : 0 })}</p>}
            <p role="status" data-testid="ex-last-event">{view.lastEvent}</p>
            {view.unseen && <p className="alert" role="alert">{t('ex.s.unseen')}</p>}
          </div>
        )}
      </div>
      <Caption />
      {!summary && (
        <div className="row ex-controls">
          <SoundToggles />
          {tr.kind !== 'paced' && (
            <button type="button" className="btn" aria-pressed={manual} data-testid="ex-cant-see" onClick={() => setManual(!manual)}>
              {manual ? t('ex.s.seenAgain') : t('ex.s.cantSee')}
            </button>
          )}
          {manual && tr.kind !== 'paced' && (
            <button type="button" className="btn btn-primary btn-big" data-testid="ex-count-it" onClick={countIt}>
              {t('ex.s.countIt')}
            </button>
          )}
          <button type="button" className="btn" data-testid="ex-finish" onClick={finish}>
            {t('ex.s.finish')}
          </button>
        </div>
      )}
      {summary && <SetSummaryView summary={summary.set} manualHolds={summary.manualHolds} />}
      {summary && <ZeroSegmentsNote segments={summary.zeros} lang={i18n.lang} of="session" />}
      <div className="row">
        {summary && (
          <button type="button" className="btn" onClick={start}>
            {t('ex.s.again')}
          </button>
        )}
        <button type="button" className="btn" data-testid="ex-back" onClick={props.onClose}>
          {t('ex.s.back')}
        </button>
      </div>
    </section>
  );
}

function SetSummaryView(props: { summary: SetSummary; manualHolds: number }): ReactNode {
  const s = props.summary;
  const i18n = useI18n();
  const t = i18n.t;
  const sec = (ms: number): string => `${i18n.number(ms / 1000)} s`;
  return (
    <div className="ex-summary" data-testid="ex-summary" role="status">
      <h3>{t('ex.sum.title')}</h3>
      <dl>
        {s.reps && (
          <>
            <dt>{t('ex.sum.reps')}</dt>
            <dd data-testid="sum-reps">{t('ex.sum.of', { n: s.reps.reps, total: s.target })}{s.reps.manualReps > 0 ? t('ex.sum.byYou', { n: s.reps.manualReps }) : ''}</dd>
            <dt>{t('ex.sum.short')}</dt>
            <dd>{s.reps.incomplete}</dd>
            <dt>{t('ex.sum.range')}</dt>
            <dd data-testid="sum-range">{s.reps.bestDeg === null ? t('ex.sum.notMeasured') : `${Math.round(s.reps.bestDeg)}°`}</dd>
          </>
        )}
        {s.holds && (
          <>
            <dt>{t('ex.sum.holds')}</dt>
            <dd data-testid="sum-holds">{t('ex.sum.of', { n: s.holds.completeHolds + props.manualHolds, total: s.target })}{props.manualHolds > 0 ? t('ex.sum.byYou', { n: props.manualHolds }) : ''}</dd>
            <dt>{t('ex.sum.holdTimes')}</dt>
            <dd>{s.holds.holds.length === 0 ? t('ex.sum.none') : s.holds.holds.map((h) => sec(h.durationMs)).join(', ')}</dd>
            <dt>{t('ex.sum.range')}</dt>
            <dd>{s.holds.bestDeg === null ? '—' : `${Math.round(s.holds.bestDeg)}°`}</dd>
          </>
        )}
        {s.kind === 'paced' && (
          <>
            <dt>{t('ex.sum.breaths')}</dt>
            <dd>{s.done}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
