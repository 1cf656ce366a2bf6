/**
 * Guided exam: spoken, step-by-step (steps.ts); every frame measured through core pose; the exam
 * phases it marks go to core scoring (`scoreSession`) for the objective severity items. Stored as a
 * session (numbers only); the video is kept on this device only if the person ticks the box.
 */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { FrameMeasure } from '@geste/core';
import { VideoSlot, useInterval, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import { Caption, SoundToggles, usePrefs } from '../app/prefs.tsx';
import { CameraControls, CameraStatus, FlexionZeroNote, MeasureStatus, ReferenceNote, ZeroSegmentsNote } from '../components/Status.tsx';
import { ReferenceTally, referenceFromMeasures, sessionFlexionZeroSegments } from '../measure/reference.ts';
import { EXAM_STEPS, examLengthS, stepMs, stepWords } from '../exam/steps.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { analyzeExam } from '../exam/analyze.ts';
import { formatMeasure, measureLabel } from '@geste/core';
import { measureValueWords } from '../app/words.ts';
import type { ExamPhase } from '../exam/scoring.ts';
import { holdAttempt } from '../exam/scoring.ts';
import { SeriesWriter, db, newSessionId, saveSession } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { useEffect } from 'react';

function examScale(): number {
  const v = Number(new URLSearchParams(location.search).get('examScale'));
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : 1;
}

interface Run {
  record: SessionRecord;
  frames: FrameMeasure[];
  phases: ExamPhase[];
  writer: SeriesWriter;
  step: number;
  stepStartTs: number | null;
  lastTs: number;
  recorder: MediaRecorder | null;
  chunks: Blob[];
  finished: boolean;
  restartStep: boolean;
}

export function ExamScreen(): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  const prefs = usePrefs();
  const { t, lang } = useI18n();
  const scale = examScale();
  const [keepVideo, setKeepVideo] = useState(false);
  const [phase, setPhase] = useState<'intro' | 'running' | 'done'>('intro');
  const [view, setView] = useState<{ step: number; leftS: number } | null>(null);
  const [result, setResult] = useState<SessionRecord | null>(null);
  const run = useRef<Run | null>(null);

  const beginStep = (r: Run, i: number, ts: number | null): void => {
    r.step = i;
    r.stepStartTs = ts;
    const st = EXAM_STEPS[i];
    if (st) prefs.speaker.say(stepWords(st, lang).say);
  };

  const closePhase = (r: Run, endTs: number): void => {
    const st = EXAM_STEPS[r.step];
    if (!st || r.stepStartTs === null) return;
    const startMs = r.stepStartTs;
    if (st.mark.kind === 'rest') r.phases.push({ kind: 'rest', startMs, endMs: endTs });
    else if (st.mark.kind === 'hold-neutral') r.phases.push({ kind: 'hold-neutral', startMs, endMs: endTs });
    else if (st.mark.kind === 'rom-sweep') r.phases.push({ kind: 'rom-sweep', startMs, endMs: endTs, axis: st.mark.axis });
  };

  const finish = async (note: string): Promise<void> => {
    const r = run.current;
    if (!r || r.finished) return;
    r.finished = true;
    // Always against the anatomical zero; the references the frames used travel with the numbers.
    const analysis = analyzeExam(r.frames, r.phases, 'anatomical');
    const tally = new ReferenceTally();
    for (const f of r.frames) tally.push(f);
    // Which chin up/down zero the frames used, when (core zeroSegments): it can change once during an exam.
    const rec: SessionRecord = { ...r.record, endedAtMs: Date.now(), measures: { ...analysis.measures, ...tally.measures() }, items: analysis.items, note, flexionZeroSegments: sessionFlexionZeroSegments(r.frames) };
    r.record = rec;
    await r.writer.flush();
    await saveSession(rec);
    if (r.recorder && r.recorder.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        r.recorder!.onstop = () => resolve();
        r.recorder!.stop();
      });
      const blob = new Blob(r.chunks, { type: r.recorder.mimeType || 'video/webm' });
      await db().videos.put({ sessionId: rec.id, mimeType: blob.type, blob });
    }
    if (!note) prefs.speaker.say(t('m.exam.finished'));
    setResult(rec);
    setPhase('done');
  };

  const start = (): void => {
    const startedAtMs = Date.now();
    const record: SessionRecord = {
      type: 'session',
      schemaVersion: 1,
      id: newSessionId('exam', startedAtMs),
      startedAtMs,
      endedAtMs: null,
      kind: 'exam',
      neutral: 'anatomical',
      measures: {},
      items: {},
      trick: null,
      note: scale < 1 ? t('m.exam.shortened', { scale }) : '',
    };
    let recorder: MediaRecorder | null = null;
    const chunks: Blob[] = [];
    const cam = api.camera();
    if (keepVideo && cam && typeof MediaRecorder !== 'undefined') {
      recorder = new MediaRecorder(cam.stream);
      recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
      recorder.start(1000);
    }
    const r: Run = { record, frames: [], phases: [], writer: new SeriesWriter(record.id), step: 0, stepStartTs: null, lastTs: 0, recorder, chunks, finished: false, restartStep: false };
    run.current = r;
    prefs.audio.start();
    beginStep(r, 0, null);
    setResult(null);
    setPhase('running');
    void saveSession(record);
  };

  useTicks((tick) => {
    const r = run.current;
    if (!r || r.finished || phase !== 'running') return;
    const m = tick.measure;
    const ts = m.timestampMs;
    if (r.restartStep) {
      // Coming back from a hidden tab: the current step is repeated from its start.
      r.restartStep = false;
      const from = r.stepStartTs ?? ts;
      r.frames = r.frames.filter((f) => f.timestampMs < from);
      beginStep(r, r.step, ts);
    }
    r.stepStartTs ??= ts;
    r.frames.push(m);
    r.writer.push(m);
    r.lastTs = ts;
    const st = EXAM_STEPS[r.step]!;
    const elapsed = ts - r.stepStartTs;
    let done = elapsed >= stepMs(st, scale);
    if (!done && st.endsWhenHoldEnds && elapsed > 1500) {
      const h = holdAttempt(r.frames, { startMs: r.stepStartTs });
      done = (h.endedBy === 'left-zone' || h.endedBy === 'not-measurable') && ts - h.endMs > 1500;
    }
    if (!done) return;
    closePhase(r, ts);
    if (r.step + 1 >= EXAM_STEPS.length) {
      void finish('');
      return;
    }
    beginStep(r, r.step + 1, ts);
    if (r.frames.length % 10 === 0) void r.writer.flush();
  });

  useInterval(
    () => {
      const r = run.current;
      if (!r) return;
      const st = EXAM_STEPS[r.step]!;
      const left = r.stepStartTs === null ? stepMs(st, scale) : stepMs(st, scale) - (r.lastTs - r.stepStartTs);
      setView({ step: r.step, leftS: Math.max(0, Math.ceil(left / 1000)) });
    },
    phase === 'running' ? 200 : null,
  );

  useEffect(() => {
    const r = run.current;
    if (phase !== 'running' || !r) return;
    if (s.loopStatus === 'camera-ended' || (!s.cameraOn && s.loopStatus !== 'starting')) {
      closePhase(r, r.lastTs);
      void finish(t('m.exam.cameraStopped'));
    } else if (s.loopStatus === 'paused-hidden') {
      r.restartStep = true;
      void r.writer.flush();
    }
  }, [s.loopStatus, s.cameraOn, phase]);

  const cur = view ? EXAM_STEPS[view.step] : undefined;
  return (
    <section aria-labelledby="exam-h" className="screen">
      <h1 id="exam-h">{t('m.exam.title')}</h1>
      <CameraStatus />
      {!s.cameraOn && phase !== 'running' && <CameraControls />}
      {phase === 'intro' && (
        <div>
          <p>
            {t('m.exam.intro', { min: Math.round(examLengthS(scale) / 60) })}
          </p>
          <label className="choice">
            <input type="checkbox" checked={keepVideo} onChange={(e) => setKeepVideo(e.target.checked)} data-testid="keep-video" />
            {t('m.exam.keepVideo')}
          </label>
          <SoundToggles />
          <button type="button" className="btn btn-primary btn-big" data-testid="start-exam" onClick={start} disabled={!s.cameraOn}>
            {t('m.exam.start')}
          </button>
        </div>
      )}
      {phase === 'running' && cur && (
        <div>
          <ol className="exam-steps" aria-label={t('m.exam.steps')}>
            {EXAM_STEPS.filter((x) => !x.id.endsWith('-back')).map((x) => {
              const idx = EXAM_STEPS.indexOf(x);
              const here = view!.step === idx || (EXAM_STEPS[view!.step]?.id === `${x.id}-back`);
              return (
                <li key={x.id} aria-current={here ? 'step' : undefined} className={idx < view!.step && !here ? 'done' : ''}>
                  {stepWords(x, lang).title}
                </li>
              );
            })}
          </ol>
          <p className="exam-instruction" role="status" aria-live="assertive" data-testid="exam-step" data-step={cur.id}>
            {stepWords(cur, lang).title} <span className="countdown">({view!.leftS} s)</span>
          </p>
          <Caption />
          <MeasureStatus />
          <ReferenceNote withZero />
          <FlexionZeroNote inNote />
          <button type="button" className="btn" onClick={() => void finish(t('m.exam.stoppedEarly'))}>
            {t('m.exam.stop')}
          </button>
          <VideoSlot className="video-slot video-small" />
        </div>
      )}
      {phase === 'done' && result && <ExamResult record={result} onAgain={() => setPhase('intro')} />}
    </section>
  );
}

function ExamResult(props: { record: SessionRecord; onAgain: () => void }): ReactNode {
  const { items, measures } = props.record;
  const ref = referenceFromMeasures(measures);
  const { t, lang } = useI18n();
  return (
    <div data-testid="exam-result">
      <h2>{t('m.exam.results')}</h2>
      {props.record.note && <p className="alert alert-warn">{props.record.note}</p>}
      <p>
        {t('m.exam.resultsText', { from: t(props.record.neutral === 'calibrated' ? 'm.exam.fromCalibrated' : 'm.exam.fromStraight') })}
      </p>
      {ref ? <ReferenceNote reference={ref} detail zeros={{ segments: props.record.flexionZeroSegments, of: 'exam' }} /> : <ZeroSegmentsNote segments={props.record.flexionZeroSegments} lang={lang} />}
      <table data-testid="exam-items">
        <caption>{t('m.exam.items')}</caption>
        <thead>
          <tr><th scope="col">{t('m.exam.item')}</th><th scope="col">{t('m.exam.score')} <span className="hint">({t('m.exam.lowerBetter')})</span></th></tr>
        </thead>
        <tbody>
          {Object.entries(items).map(([k, v]) => (
            <tr key={k} data-item={k}>
              <th scope="row">{measureLabel(k, lang)}</th>
              <td>{v === null ? t('m.exam.notAssessed') : formatMeasure(k, v, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts" data-testid="exam-measures">
        {Object.entries(measures).map(([k, v]) => (
          <div key={k}><dt>{measureLabel(k, lang)}</dt><dd>{measureValueWords(k, v, lang)}</dd></div>
        ))}
      </dl>
      <button type="button" className="btn btn-primary" onClick={props.onAgain}>{t('m.exam.done')}</button>
    </div>
  );
}
