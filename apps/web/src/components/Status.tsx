/**
 * Plain-words status: camera problems (with how to fix them), model loading, paused/ended loop,
 * and why the current frame is not measurable, plus the measurement confidence in words.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode, Ref } from 'react';
import { useMeasure, useMeasureApi } from '../app/measure.tsx';
import { cameraErrorWords, flexionReferenceWords, flexionZeroChangeWords, flexionZeroWords, frameWhyWords, liveZeroPhrase, loopWords, referenceNoteText, turnTiltReferenceWords, zeroSegmentsPhrase, zeroSegmentsWords } from '../app/words.ts';
import { referenceOf } from '../measure/reference.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';
import { translate } from '../i18n/i18n.tsx';
import type { FlexionZero, FlexionZeroChange, FrameReference, StoredZeroSegment } from '../measure/reference.ts';
import type { FrameMeasure } from '@geste/core';

export function confidenceWords(confidence: number, state: string, lang: Lang = 'en'): string {
  if (state === 'not-measurable') return translate(lang, 'm.status.notMeasurable');
  const pct = Math.round(confidence * 100);
  if (confidence >= 0.8) return translate(lang, 'm.status.confHigh', { pct });
  if (confidence >= 0.5) return translate(lang, 'm.status.confFair', { pct });
  return translate(lang, 'm.status.confLow', { pct });
}

export function CameraStatus(): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  const { t, lang } = useI18n();
  const camErr = s.cameraError ? cameraErrorWords(s.cameraError.code, lang) : null;
  return (
    <div className="status-area">
      {s.cameraError && camErr && (
        <div className="alert alert-error" role="alert" data-testid="camera-error" data-code={s.cameraError.code}>
          <strong>⚠ {camErr.title}</strong> {camErr.fix}
        </div>
      )}
      {s.detector.kind === 'loading' && (
        <div className="alert alert-info" role="status">
          {t('m.status.loading')}
        </div>
      )}
      {s.detector.kind === 'error' && (
        <div className="alert alert-error" role="alert" data-testid="detector-error">
          <strong>⚠ {t('m.status.detectorError')}</strong> {s.detector.message}
        </div>
      )}
      {s.loopStatus === 'paused-hidden' && (
        <div className="alert alert-warn" role="status" data-testid="paused-hidden">
          <strong>{t('m.status.paused', { text: loopWords('paused-hidden', lang) })}</strong>
        </div>
      )}
      {s.loopStatus === 'error' && (
        <div className="alert alert-error" role="alert">
          <strong>⚠ {loopWords('error', lang)}</strong> {s.loopDetail}
          <button type="button" onClick={() => void api.startCamera()}>{t('m.status.restart')}</button>
        </div>
      )}
    </div>
  );
}

export function MeasureStatus(): ReactNode {
  const s = useMeasure();
  const { lang } = useI18n();
  const m = s.latest;
  if (!s.cameraOn || !m) return null;
  return <MeasureStatusView measure={m} lang={lang} />;
}

/** MeasureStatus for a given frame (no app state: rendered as is by tests): the confidence in words, then why, once. */
export function MeasureStatusView(props: { measure: FrameMeasure; lang: Lang }): ReactNode {
  const { measure: m, lang } = props;
  const why = frameWhyWords(m, lang);
  return (
    <div className="measure-status" role="status" aria-live="polite" data-testid="measure-status" data-state={m.state} data-reasons={m.reasons.join(',')}>
      <span className={`pill pill-${m.state}`}>{m.state === 'not-measurable' ? '? ' : m.state === 'low-confidence' ? '~ ' : '✓ '}{confidenceWords(m.confidence, m.state, lang)}</span>
      {why.map((w) => (
        <p key={w.key} className="reason" data-reason={w.reason}>{w.words}</p>
      ))}
    </div>
  );
}

export function CameraControls(): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  const t = useI18n().t;
  return (
    <div className="camera-controls">
      {s.cameras.length > 1 && (
        <label className="field">
          {t('m.status.camera')}
          <select
            value=""
            onChange={(e) => void api.startCamera(e.target.value || undefined)}
            aria-label={t('m.status.chooseCamera')}
          >
            <option value="">{s.cameraLabel || t('m.status.chooseCamera')}</option>
            {s.cameras.map((c) => (
              <option key={c.deviceId} value={c.deviceId}>{c.label}</option>
            ))}
          </select>
        </label>
      )}
      {s.cameraOn ? (
        <button type="button" className="btn" onClick={() => api.stopCamera()}>{t('m.status.stopCamera')}</button>
      ) : (
        <button type="button" className="btn btn-primary" data-testid="start-camera" onClick={() => void api.startCamera()} disabled={s.loopStatus === 'starting'}>
          {s.loopStatus === 'starting' ? t('m.status.startingCamera') : t('m.status.startCamera')}
        </button>
      )}
    </div>
  );
}

/** A stored exam's or session's chin up/down zero stretches, for its reference note. */
export interface StoredZeros {
  readonly segments: readonly StoredZeroSegment[] | undefined;
  readonly of: 'exam' | 'session';
}

/**
 * Which reference the numbers use, in words: turn and tilt against the trunk or the camera; chin up/down
 * against gravity, the face's own level line, or uncertain (with its ±). `reference` = a stored one (a
 * session, the training start); without it, the latest frame's. `detail` adds core's notes: why a better
 * reference was not available (shoulders not seen, two people, mirrored picture, camera angle unknown…),
 * folded behind a "Why?" control (ReferenceView). `zeros` (a stored exam or session): the chin up/down line
 * also names the zero used, stretch by stretch, so the reference and the zero are one statement
 * (ZeroSegmentsNote is for records without a reference).
 */
export function ReferenceNote(props: { reference?: FrameReference | null; detail?: boolean; zeros?: StoredZeros; withZero?: boolean }): ReactNode {
  const s = useMeasure();
  const { lang } = useI18n();
  const live = !props.reference && s.cameraOn && s.latest ? s.latest : null;
  const ref = props.reference ?? (live ? referenceOf(live) : null);
  // Live: a frame that is not measured keeps the space the note took on the last measured frame, so the note and
  // everything below it do not jump as frames come and go.
  const notMeasured = live !== null && live.state === 'not-measurable';
  // "Why?" open or closed is kept here, not in the <details> element: a frame that is not measured replaces the
  // note's content, and the person's choice must outlast it.
  const [whyOpen, setWhyOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const measuredHeightPx = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (live === null) measuredHeightPx.current = null;
    else if (!notMeasured && box.current) measuredHeightPx.current = box.current.offsetHeight;
  });
  if (!ref) return null;
  return (
    <ReferenceView
      reference={ref} detail={props.detail ?? false} zeros={props.zeros ?? null} lang={lang} boxRef={box}
      notMeasured={notMeasured} minHeightPx={notMeasured ? measuredHeightPx.current : null}
      whyOpen={whyOpen} onWhyToggle={setWhyOpen} liveZero={live && props.withZero ? s.flexionZero : null}
    />
  );
}

/**
 * ReferenceNote's words for a given reference (no app state: rendered as is by tests). `notMeasured`: the frame is
 * not measured; the note says only that ("Nothing is measured right now."): why, with what to do, is said once, by
 * the measurement status (MeasureStatus). `minHeightPx` keeps the note's space meanwhile.
 * `detail`: the reference's notes (and, for an uncertain chin up/down, what that means) sit behind a large
 * "Why?" control (a native <details>), closed until the person opens it (`whyOpen`, `onWhyToggle`). At the largest
 * text on a 390-px phone they ran 1 775 px, so the dials started three screens down; closed on a desktop too, where
 * the open note put the first dial just below a 900-px window. The one line above it still names the reference.
 * `liveZero` (live view and running exam, with FlexionZeroView's `inNote`): the chin up/down zero in use joins the
 * chin line, "uncertain (about ±17°), with its zero from an average face for now (…)", so the ± and the zero are
 * said once; until session 13 a separate line said the zero again, with "it could be several degrees off for you".
 */
export function ReferenceView(props: {
  reference: FrameReference; detail: boolean; zeros: StoredZeros | null; lang: Lang;
  notMeasured?: boolean; minHeightPx?: number | null; boxRef?: Ref<HTMLDivElement>;
  whyOpen?: boolean; onWhyToggle?: (open: boolean) => void; liveZero?: FlexionZero | null;
}): ReactNode {
  const { reference: ref, lang, zeros } = props;
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>): string => translate(lang, k, v);
  if (props.notMeasured) {
    return (
      <div className="reference-note" data-testid="reference-note" data-turn-tilt="none" data-tilt="none" data-flexion="none" data-flexion-zero="" data-notes="" data-not-measured="true"
        ref={props.boxRef} style={props.minHeightPx ? { minHeight: `${props.minHeightPx}px` } : undefined}>
        <p>{t('m.status.refNotMeasured')}</p>
      </div>
    );
  }
  const fx = flexionReferenceWords(ref.flexion, ref.flexionUncertaintyDeg, lang);
  const turnTilt =
    ref.turnTilt === ref.tilt
      ? t('m.status.turnAndTilt', { ref: turnTiltReferenceWords(ref.turnTilt, lang).short })
      : t('m.status.turnThenTilt', { turn: turnTiltReferenceWords(ref.turnTilt, lang).short, tilt: turnTiltReferenceWords(ref.tilt, lang).short });
  const zero = zeros && ref.flexion !== 'none' ? zeroSegmentsPhrase(zeros.segments, lang, zeros.of) : null;
  const live = !zeros && props.liveZero && ref.flexion !== 'none' ? liveZeroPhrase(props.liveZero, lang) : null;
  const why = props.detail && (ref.notes.length > 0 || ref.flexion === 'uncertain');
  return (
    <div className="reference-note" data-testid="reference-note" data-turn-tilt={ref.turnTilt} data-tilt={ref.tilt} data-flexion={ref.flexion} data-flexion-zero={ref.flexionZero ?? ''} data-notes={ref.notes.join(',')} ref={props.boxRef}>
      <p>
        <strong>{t('m.status.refHeading')}</strong> {turnTilt}
        {zero === null && ` ${live === null ? t('m.status.chin', { ref: fx.short }) : t('m.status.chinZero', { ref: fx.short, zero: live })}`}
      </p>
      {zero !== null && (
        <p className="reference-chin" data-testid="zero-segments" data-segments={zeros!.segments!.map((g) => g.zero).join(',')}>
          {t('m.status.chinZero', { ref: fx.short, zero })}
        </p>
      )}
      {zeros && zero === null && <ZeroSegmentsNote segments={zeros.segments} lang={lang} of={zeros.of} />}
      {why && (
        <details className="reference-more" data-testid="reference-why" open={props.whyOpen ?? false}
          onToggle={(e) => props.onWhyToggle?.((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>{t('m.status.why')}</summary>
          {ref.notes.length > 0 && (
            <ul className="reference-why">
              {ref.notes.map((n) => (
                <li key={n} data-note={n}>{capitalise(referenceNoteText(n, lang))}.</li>
              ))}
            </ul>
          )}
          {ref.flexion === 'uncertain' && <p>{fx.long}</p>}
        </details>
      )}
    </div>
  );
}

const capitalise = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

/**
 * The chin up/down zero in use while measuring and, when it changed in this camera run, the change with its
 * time, in large words: a change of zero moves the chin up/down numbers, so the person must be able to see
 * it. The live region lets a screen reader say the change; nothing is spoken aloud (the app speaks exam
 * steps and training cues only, and a zero change is not a cue). `quiet` (training): shown, not a live
 * region, so a screen reader hears only the training's own banner and cues.
 */
export function FlexionZeroNote(props: { quiet?: boolean; inNote?: boolean }): ReactNode {
  const s = useMeasure();
  const { lang } = useI18n();
  if (!s.cameraOn) return null;
  return <FlexionZeroView zero={s.flexionZero} change={s.flexionZeroChange} lang={lang} quiet={props.quiet ?? false} inNote={props.inNote ?? false} />;
}

/**
 * FlexionZeroNote's words for a given zero and change (no app state: rendered as is by tests). `inNote`: the zero in
 * use is said by the reference note's chin line (ReferenceNote `withZero`); only a change is said here.
 */
export function FlexionZeroView(props: { zero: FlexionZero | null; change: FlexionZeroChange | null; lang: Lang; quiet?: boolean; inNote?: boolean }): ReactNode {
  const { zero, change, lang } = props;
  const live = props.quiet ? {} : ({ role: 'status', 'aria-live': 'polite' } as const);
  return (
    <div className="flexion-zero" {...live} data-testid="flexion-zero" data-zero={zero?.zero ?? ''} data-decision={zero?.decision ?? ''}>
      {change && (
        <p className="flexion-zero-change" data-testid="flexion-zero-change" data-to={change.to.decision} data-at-ms={Math.round(change.atMs)}>
          {flexionZeroChangeWords(change, lang)}
        </p>
      )}
      {zero && !props.inNote && <p className="flexion-zero-now">{flexionZeroWords(zero, lang)}</p>}
    </div>
  );
}

/** A stored exam's or training/exercise session's chin up/down zero, stretch by stretch; nothing for records stored without it. */
export function ZeroSegmentsNote(props: { segments: readonly StoredZeroSegment[] | undefined; lang: Lang; of?: 'exam' | 'session' }): ReactNode {
  const words = zeroSegmentsWords(props.segments, props.lang, props.of ?? 'exam');
  if (words === null) return null;
  return (
    <p className="flexion-zero-segments" data-testid="zero-segments" data-segments={props.segments!.map((g) => g.zero).join(',')}>
      {words}
    </p>
  );
}
