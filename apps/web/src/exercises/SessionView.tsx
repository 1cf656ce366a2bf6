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
import { CameraControls, CameraStatus } from '../components/Status.tsx';
import { newSessionId, saveSession } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { ExerciseAvatar } from './ExerciseAvatar.tsx';
import { keyframesFor } from './avatarPose.ts';
import type { PullSetting } from './pull.ts';
import { setMeasures, targetWords } from './words.ts';

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
}

const PRIORITY = { rep: 3, done: 5, other: 1, unseen: 2 } as const;

export function SessionView(props: { exercise: Exercise; pull: PullSetting; programId?: string; onClose: () => void }): ReactNode {
  const ex = props.exercise;
  const tr = ex.tracking;
  const s = useMeasure();
  const prefs = usePrefs();
  const axisPull = tr.kind === 'paced' ? null : props.pull[tr.axis];
  const run = useRef<Run | null>(null);
  const [view, setView] = useState<{ count: number; holdMs: number; currentDeg: number | null; unseen: boolean; elapsedMs: number; lastEvent: string } | null>(null);
  const [manual, setManual] = useState(false);
  const [summary, setSummary] = useState<{ set: SetSummary; manualHolds: number } | null>(null);

  const say = (cue: Cue, nowMs: number): void => {
    const r = run.current;
    if (!r) return;
    const c = r.cues.offer(cue, nowMs);
    if (c) prefs.speaker.say(c.text);
  };

  const start = (): void => {
    run.current = { tracker: trackerFor(ex, axisPull), cues: new CueScheduler(), startedAtMs: Date.now(), firstTs: null, lastTs: 0, unseenSinceTs: null, manualHolds: 0, finished: false, lastEvent: '' };
    setSummary(null);
    setManual(false);
    prefs.speaker.say(ex.cues.start);
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
    const set = summariseSet(ex, r.tracker, true);
    setSummary({ set, manualHolds: r.manualHolds });
    prefs.speaker.say(ex.cues.done);
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
        r.lastEvent = `Rep ${e.count} counted${e.manual ? ' (by you)' : ''}.`;
        say({ key: `rep-${e.count}`, text: String(e.count), priority: PRIORITY.rep }, now);
        break;
      case 'incomplete':
        r.lastEvent = `Not counted: that movement reached ${Math.round(e.peakDeg)}° of ${tr.kind === 'reps' ? tr.targetDeg : 0}°.`;
        say({ key: 'further', text: ex.cues.further, priority: PRIORITY.other }, now);
        break;
      case 'target-reached':
        r.lastEvent = 'Target reached — now come back.';
        say({ key: 'back', text: ex.cues.back, priority: PRIORITY.other }, now);
        break;
      case 'lost':
        r.lastEvent = 'I could not see the end of that movement, so it was not counted.';
        break;
      case 'hold-start':
        r.lastEvent = 'Holding — the timer runs.';
        break;
      case 'hold-complete':
        r.lastEvent = 'Hold complete.';
        say({ key: `hold-${doneCount(r)}`, text: `Hold complete. ${ex.cues.back}`, priority: PRIORITY.rep }, now);
        break;
      case 'hold-end':
        r.lastEvent = e.hold.complete ? `Held ${(e.hold.durationMs / 1000).toFixed(1)} s.` : `Held ${(e.hold.durationMs / 1000).toFixed(1)} s — not long enough to count.`;
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
    for (const e of pushFrame(r.tracker, m)) onEvent(e, r, now);
    if (m.state === 'not-measurable') {
      r.unseenSinceTs ??= now;
      if (now - r.unseenSinceTs > 2000) say({ key: 'unseen', text: 'I cannot see you. You can count by hand.', priority: PRIORITY.unseen }, now);
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
      r.lastEvent = `Hold ${doneCount(r)} counted (by you).`;
    }
    if (doneCount(r) >= target) finish();
  };

  const kfs = keyframesFor(ex.avatar, tr.kind !== 'paced' && tr.direction === 'away-from-pull', axisPull);
  const pacedPhase = ((): string => {
    if (tr.kind !== 'paced' || !view) return '';
    const cyc = tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs;
    const t = view.elapsedMs % cyc;
    const n = Math.min(tr.cycles, Math.floor(view.elapsedMs / cyc) + 1);
    return `${t < tr.inhaleMs ? 'Breathe in' : t < tr.inhaleMs + tr.holdBreathMs ? 'Hold' : 'Breathe out'} · breath ${n} of ${tr.cycles}`;
  })();

  return (
    <section aria-labelledby="ex-session-h" className="ex-session" data-testid="exercise-session">
      <h2 id="ex-session-h">{ex.title}</h2>
      <p>{targetWords(ex)}. {tr.kind !== 'paced' && tr.direction === 'away-from-pull' && axisPull === null && 'Your pull side is not set, so either side counts.'}</p>
      <CameraStatus />
      {!s.cameraOn && <CameraControls />}
      <div className="ex-session-grid">
        <VideoSlot className="video-slot ex-video" />
        <ExerciseAvatar keyframes={kfs} size={150} />
        {!summary && view && (
          <div className="ex-numbers" aria-live="off">
            {tr.kind === 'reps' && (
              <p className="ex-big" data-testid="rep-count">
                <span className="ex-big-n">{view.count}</span> / {target} <span className="ex-big-label">reps</span>
              </p>
            )}
            {tr.kind === 'hold' && (
              <>
                <p className="ex-big" data-testid="hold-time">
                  <span className="ex-big-n">{(view.holdMs / 1000).toFixed(1)}</span> / {Math.round(tr.holdMs / 1000)} <span className="ex-big-label">seconds held</span>
                </p>
                <p className="big" data-testid="hold-count">
                  Holds done: {view.count} / {target}
                </p>
              </>
            )}
            {tr.kind === 'paced' && <p className="ex-big" data-testid="paced-phase">{pacedPhase}</p>}
            {view.currentDeg !== null && <p>Now: {Math.round(view.currentDeg)}° toward the target (target {tr.kind === 'reps' ? tr.targetDeg : 0}°)</p>}
            <p role="status" data-testid="ex-last-event">{view.lastEvent}</p>
            {view.unseen && <p className="alert" role="alert">The camera cannot see you. Move into view, or count by hand.</p>}
          </div>
        )}
      </div>
      <Caption />
      {!summary && (
        <div className="row ex-controls">
          <SoundToggles />
          {tr.kind !== 'paced' && (
            <button type="button" className="btn" aria-pressed={manual} data-testid="ex-cant-see" onClick={() => setManual(!manual)}>
              {manual ? 'Camera can see me again' : "I can't be seen"}
            </button>
          )}
          {manual && tr.kind !== 'paced' && (
            <button type="button" className="btn btn-primary btn-big" data-testid="ex-count-it" onClick={countIt}>
              Count it
            </button>
          )}
          <button type="button" className="btn" data-testid="ex-finish" onClick={finish}>
            Finish now
          </button>
        </div>
      )}
      {summary && <SetSummaryView summary={summary.set} manualHolds={summary.manualHolds} />}
      <div className="row">
        {summary && (
          <button type="button" className="btn" onClick={start}>
            Do another set
          </button>
        )}
        <button type="button" className="btn" data-testid="ex-back" onClick={props.onClose}>
          Back to the list
        </button>
      </div>
    </section>
  );
}

function SetSummaryView(props: { summary: SetSummary; manualHolds: number }): ReactNode {
  const s = props.summary;
  return (
    <div className="ex-summary" data-testid="ex-summary" role="status">
      <h3>Summary</h3>
      <dl>
        {s.reps && (
          <>
            <dt>Reps</dt>
            <dd data-testid="sum-reps">{s.reps.reps} of {s.target}{s.reps.manualReps > 0 ? ` (${s.reps.manualReps} counted by you)` : ''}</dd>
            <dt>Movements that stopped short</dt>
            <dd>{s.reps.incomplete}</dd>
            <dt>Range reached</dt>
            <dd data-testid="sum-range">{s.reps.bestDeg === null ? 'not measured' : `${Math.round(s.reps.bestDeg)}°`}</dd>
          </>
        )}
        {s.holds && (
          <>
            <dt>Holds done</dt>
            <dd data-testid="sum-holds">{s.holds.completeHolds + props.manualHolds} of {s.target}{props.manualHolds > 0 ? ` (${props.manualHolds} counted by you)` : ''}</dd>
            <dt>Hold times</dt>
            <dd>{s.holds.holds.length === 0 ? 'none' : s.holds.holds.map((h) => `${(h.durationMs / 1000).toFixed(1)} s`).join(', ')}</dd>
            <dt>Range reached</dt>
            <dd>{s.holds.bestDeg === null ? '—' : `${Math.round(s.holds.bestDeg)}°`}</dd>
          </>
        )}
        {s.kind === 'paced' && (
          <>
            <dt>Breaths</dt>
            <dd>{s.done}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
