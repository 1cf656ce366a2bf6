/**
 * Sensory-trick trainer: the person picks tricks to try; the screen walks through each (posture before,
 * hand in, during, hand away, after) with the shared camera measures, then reports which trick works best
 * and by how much, marks low confidence honestly when the hand hid the face, saves a 'trick' session and
 * stores the windows as `sensory-trick` exam phases for the guided exam's sensory-trick item.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ALL_TRICKS, analyseTrickTrials, trialsAsExamPhases, trickId, trickProtocol } from '@geste/core';
import type { FrameMeasure, ProtocolStep, Trick, TrickReport, TrickTrial } from '@geste/core';
import { VideoSlot, useInterval, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import { Caption, SoundToggles, usePrefs } from '../app/prefs.tsx';
import { CameraControls, CameraStatus, MeasureStatus, ZeroSegmentsNote } from '../components/Status.tsx';
import { getSetting, newSessionId, putSetting, saveSession } from '../store/db.ts';
import { sessionFlexionZeroSegments } from '../measure/reference.ts';
import type { StoredZeroSegment } from '../measure/reference.ts';
import { PoseFigure } from './ExerciseAvatar.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Key } from '../i18n/i18n.tsx';
import { trickText } from './libraryText.ts';

export const TRICK_PHASES_SETTING = 'sensoryTrickExamPhases';
const OWN_TRICKS_SETTING = 'ownSensoryTricks';
const WINDOW_CHOICES_S = [4, 8, 12] as const;
const DEFAULT_TRICKS = new Set(['chin-same-touch', 'cheek-opposite-touch', 'back-of-head-same-touch']);

const stepKey = (k: ProtocolStep['kind']): Key => `trick.step.${k}`;

interface Run {
  startTs: number | null;
  frames: FrameMeasure[];
  steps: ProtocolStep[];
  trials: TrickTrial[];
  endMs: number;
  lastStep: number;
  startedAtMs: number;
}


export function TrickScreen(): ReactNode {
  const s = useMeasure();
  const prefs = usePrefs();
  const i18n = useI18n();
  const t = i18n.t;
  const trickWords = (x: Trick): string => trickText(x, i18n.lang);
  const [chosen, setChosen] = useState<Set<string>>(DEFAULT_TRICKS);
  const [windowS, setWindowS] = useState<number>(8);
  const [phase, setPhase] = useState<'setup' | 'running' | 'done'>('setup');
  // The hand model runs on every frame only while the trials run (hand in, during, hand away).
  const measureApi = useMeasureApi();
  useEffect(() => {
    if (phase !== 'running') return;
    measureApi.setModelNeeds({ hands: true });
    return () => measureApi.setModelNeeds({ hands: false });
  }, [phase, measureApi]);
  const [now, setNow] = useState<{ step: ProtocolStep | null; leftS: number; trick: Trick | null }>({ step: null, leftS: 0, trick: null });
  const [report, setReport] = useState<TrickReport | null>(null);
  const [zeros, setZeros] = useState<StoredZeroSegment[]>([]);
  const run = useRef<Run | null>(null);

  const [own, setOwn] = useState<Trick[]>([]);
  useEffect(() => {
    void getSetting<Trick[]>(OWN_TRICKS_SETTING).then((v) => Array.isArray(v) && setOwn(v));
  }, []);
  const saveOwn = (v: Trick[]): void => {
    setOwn(v);
    void putSetting(OWN_TRICKS_SETTING, v);
  };
  const allTricks = [...ALL_TRICKS, ...own];
  const tricks = allTricks.filter((t) => chosen.has(trickId(t)));

  const start = (): void => {
    run.current = { startTs: null, frames: [], steps: [], trials: [], endMs: 0, lastStep: -1, startedAtMs: Date.now() };
    setReport(null);
    setPhase('running');
  };

  const finish = (): void => {
    const r = run.current;
    if (!r) return;
    const rep = analyseTrickTrials(r.frames, r.trials);
    const segs = sessionFlexionZeroSegments(r.frames);
    setReport(rep);
    setZeros(segs);
    setPhase('done');
    prefs.speaker.say(rep.best ? t('trick.say.best', { trick: trickWords(rep.best.trick) }) : rep.trials.every((x) => x.verdict === 'not-enough-data') ? t('trick.say.notEnough') : t('trick.say.none'));
    void putSetting(TRICK_PHASES_SETTING, trialsAsExamPhases(r.trials));
    void saveSession({
      type: 'session',
      schemaVersion: 1,
      id: newSessionId('trick', r.startedAtMs),
      startedAtMs: r.startedAtMs,
      endedAtMs: Date.now(),
      kind: 'trick',
      neutral: s.neutral.kind,
      measures: Object.fromEntries(rep.trials.map((t) => [`reductionPct.${t.id}`, t.reductionPercent === null ? null : Math.round(t.reductionPercent * 10) / 10])),
      items: {},
      trick: rep.best ? { name: rep.best.id, reductionPct: rep.best.reductionPercent === null ? null : Math.round(rep.best.reductionPercent * 10) / 10 } : null,
      note: rep.best === null ? 'no trick made a clear difference' : rep.best.handOverFaceShareDuring > 0.25 ? 'the hand model saw the hand over the face during the best trick' : '',
      flexionZeroSegments: segs,
    });
  };

  useTicks((tick) => {
    const r = run.current;
    if (!r || phase !== 'running') return;
    const m = tick.measure;
    if (r.startTs === null) {
      r.startTs = m.timestampMs;
      const w = windowS * 1000;
      const p = trickProtocol(tricks, m.timestampMs, { beforeMs: w, duringMs: w, afterMs: w, settleMs: 2000, restMs: 2000 });
      r.steps = p.steps;
      r.trials = p.trials;
      r.endMs = p.endMs;
    }
    r.frames.push(m);
    const i = r.steps.findIndex((st) => m.timestampMs >= st.startMs && m.timestampMs < st.endMs);
    if (i !== r.lastStep && i >= 0) {
      r.lastStep = i;
      const st = r.steps[i] as ProtocolStep;
      const trick = tricks[st.trialIndex];
      prefs.speaker.say(st.kind === 'hand-in' && trick ? `${trickWords(trick)}.` : t(stepKey(st.kind)));
    }
    if (m.timestampMs >= r.endMs) finish();
  });

  useInterval(() => {
    const r = run.current;
    if (!r || r.startTs === null) return;
    const last = r.frames[r.frames.length - 1];
    const step = r.steps[r.lastStep] ?? null;
    setNow({ step, leftS: step && last ? Math.max(0, Math.ceil((step.endMs - last.timestampMs) / 1000)) : 0, trick: step ? (tricks[step.trialIndex] ?? null) : null });
  }, phase === 'running' ? 200 : null);

  return (
    <section aria-labelledby="trick-h" className="screen ex-screen">
      <h1 id="trick-h">{t('trick.title')}</h1>
      <p>{t('trick.intro')}</p>
      <CameraStatus />
      {!s.cameraOn && phase !== 'running' && <CameraControls />}
      {phase === 'setup' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (tricks.length > 0) start();
          }}
        >
          <fieldset>
            <legend>{t('trick.toTry')}</legend>
            <div className="ex-tricks">
              {allTricks.map((tr) => {
                const id = trickId(tr);
                return (
                  <label key={id} className="choice">
                    <input type="checkbox" data-testid={`trick-${id}`} checked={chosen.has(id)} onChange={(e) => setChosen((c) => { const n = new Set(c); if (e.target.checked) n.add(id); else n.delete(id); return n; })} />
                    {trickWords(tr)}
                  </label>
                );
              })}
            </div>
          </fieldset>
          <OwnTricks own={own} onChange={(v, added) => { saveOwn(v); if (added) setChosen((c) => new Set(c).add(trickId(added))); }} />
          <label className="ex-field">
            {t('trick.window')}
            <select value={windowS} data-testid="trick-window" onChange={(e) => setWindowS(Number(e.target.value))}>
              {WINDOW_CHOICES_S.map((w) => (
                <option key={w} value={w}>
                  {w} s
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn-primary btn-big" data-testid="trick-start" disabled={tricks.length === 0 || !s.cameraOn}>
            {t('trick.start', { n: tricks.length })}
          </button>
          {!s.cameraOn && <p>{t('trick.cameraFirst')}</p>}
        </form>
      )}
      {phase === 'running' && (
        <div className="ex-session-grid" data-testid="trick-running">
          <VideoSlot className="video-slot ex-video" />
          {now.trick && now.step && (now.step.kind === 'hand-in' || now.step.kind === 'during') && (
            <PoseFigure pose={{ rotationDeg: 0, tiltDeg: 0, flexionDeg: 0, shoulderLift: 0, breath: 0.5, hand: now.trick.place, handSide: 'right' }} size={140} />
          )}
          <div className="ex-numbers">
            <p className="ex-big" data-testid="trick-step">{now.step ? t(stepKey(now.step.kind)) : t('trick.starting')}</p>
            {now.trick && <p className="big">{t('trick.nOf', { n: (now.step?.trialIndex ?? 0) + 1, total: tricks.length, trick: trickWords(now.trick) })}</p>}
            <p className="ex-big">
              <span className="ex-big-n">{now.leftS}</span> <span className="ex-big-label">{t('trick.seconds')}</span>
            </p>
            <MeasureStatus />
          </div>
          <button type="button" className="btn" onClick={() => { run.current = null; setPhase('setup'); }}>
            {t('trick.stop')}
          </button>
        </div>
      )}
      <Caption />
      <SoundToggles />
      {phase === 'done' && report && <TrickResults report={report} zeros={zeros} />}
      {phase === 'done' && report && (
        <div>
          <p>{t('trick.saved')}</p>
          <button type="button" className="btn" onClick={() => setPhase('setup')}>
            {t('trick.again')}
          </button>
        </div>
      )}
    </section>
  );
}

const HAND_SHARE_TO_MENTION = 0.25;

/**
 * The verdicts in words: a winner only when a trick clearly helped; the hand mentioned only when the hand model saw
 * it. Then the session's chin up/down zero, stretch by stretch, as the training and exercise summaries say it.
 */
export function TrickResults({ report, zeros }: { report: TrickReport; zeros: readonly StoredZeroSegment[] }): ReactNode {
  const i = useI18n();
  const t = i.t;
  const pctOf = (x: number | null): string => (x === null ? '—' : `${i.number(Math.round(x), 0)} %`);
  const best = report.best;
  const verdicts = report.trials.map((r) => r.verdict);
  return (
    <div role="status" data-testid="trick-report">
      <h2>{t('trick.results')}</h2>
      {best ? (
        <p className="big" data-testid="trick-best">
          {t('trick.best', {
            trick: trickText(best.trick, i.lang),
            pct: pctOf(best.reductionPercent),
            deg: i.number(best.comparison.differenceDeg ?? 0),
            noise: i.number(best.comparison.noiseDeg ?? 0),
          })}
          {best.handOverFaceShareDuring > HAND_SHARE_TO_MENTION && ` ${t('trick.hand', { pct: pctOf(100 * best.handOverFaceShareDuring) })}`}
        </p>
      ) : verdicts.every((v) => v === 'not-enough-data') ? (
        <p className="big" data-testid="trick-verdict" data-verdict="not-enough-data">{t('trick.notEnough', { n: verdicts.length, total: verdicts.length })}</p>
      ) : verdicts.every((v) => v === 'nothing-to-relieve' || v === 'not-enough-data') ? (
        <p className="big" data-testid="trick-verdict" data-verdict="nothing-to-relieve">{t('trick.nothingToRelieve')}</p>
      ) : (
        <p className="big" data-testid="trick-verdict" data-verdict="no-clear-difference">{t('trick.noneHelped')}</p>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that scrolls sideways on a phone must take the focus so the keyboard can scroll it (axe scrollable-region-focusable) */}
      <div className="ex-table-wrap" role="region" aria-label={t('trick.results')} tabIndex={0}>
      <table className="ex-table">
        <thead>
          <tr>
            <th scope="col">{t('trick.col.trick')}</th>
            <th scope="col">{t('trick.col.verdict')}</th>
            <th scope="col">{t('trick.col.reduction')}</th>
            <th scope="col">{t('trick.col.after')}</th>
            <th scope="col">{t('trick.col.hand')}</th>
            <th scope="col">{t('trick.col.frames')}</th>
          </tr>
        </thead>
        <tbody>
          {report.trials.map((r, k) => (
            <tr key={k} data-testid={`trick-row-${r.id}`} data-verdict={r.verdict}>
              <th scope="row">{trickText(r.trick, i.lang)}</th>
              <td>{t(`trick.verdict.${r.verdict}` as Key)}</td>
              <td>{r.reductionPercent === null ? '—' : t(r.reductionPercent >= 0 ? 'trick.smaller' : 'trick.larger', { pct: pctOf(Math.abs(r.reductionPercent)) })}{r.basis === 'dominant-axis' ? ` ${t('trick.mainOnly')}` : ''}</td>
              <td>{pctOf(r.returnAfterPercent)}</td>
              <td>{pctOf(100 * r.handOverFaceShareDuring)}</td>
              <td>
                {r.comparison.framesA} / {r.comparison.framesB}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <ZeroSegmentsNote segments={zeros} lang={i.lang} of="session" />
      <p className="hint">{t('trick.method')}</p>
    </div>
  );
}

/** The person's own tricks: words of their own, and where the hand goes (for the figure and the protocol). */
function OwnTricks(props: { own: Trick[]; onChange: (v: Trick[], added: Trick | null) => void }): ReactNode {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [place, setPlace] = useState<Trick['place']>('cheek');
  const [err, setErr] = useState('');
  const add = (): void => {
    const n = name.trim();
    if (n === '') return setErr(t('trick.own.empty'));
    const trick: Trick = { place, side: 'same', contact: 'touch', name: n.slice(0, 80) };
    setErr('');
    setName('');
    if (props.own.some((o) => trickId(o) === trickId(trick))) return;
    props.onChange([...props.own, trick], trick);
  };
  return (
    <fieldset data-testid="own-tricks">
      <legend>{t('trick.own')}</legend>
      <p className="hint">{t('trick.own.hint')}</p>
      <div className="row">
        <label className="field">
          {t('trick.own.name')}
          <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="own-trick-name" onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
        </label>
        <label className="field">
          {t('trick.own.place')}
          <select value={place} onChange={(e) => setPlace(e.target.value as Trick['place'])}>
            <option value="chin">{t('trick.place.chin')}</option>
            <option value="cheek">{t('trick.place.cheek')}</option>
            <option value="back-of-head">{t('trick.place.back-of-head')}</option>
          </select>
        </label>
        <button type="button" className="btn" onClick={add} data-testid="own-trick-add">
          {t('trick.own.add')}
        </button>
      </div>
      {err && <p role="alert">{err}</p>}
      {props.own.length > 0 && (
        <ul className="row">
          {props.own.map((o) => (
            <li key={trickId(o)}>
              <button type="button" className="btn" onClick={() => props.onChange(props.own.filter((x) => trickId(x) !== trickId(o)), null)}>
                ✕ {t('trick.own.remove', { name: trickText(o, lang) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
