/**
 * Plain-words status: camera problems (with how to fix them), model loading, paused/ended loop,
 * and why the current frame is not measurable, plus the measurement confidence in words.
 */
import type { ReactNode } from 'react';
import { useMeasure, useMeasureApi } from '../app/measure.tsx';
import { CAMERA_ERROR_WORDS, LOOP_WORDS, REASON_WORDS, TURN_TILT_REFERENCE_WORDS, flexionReferenceWords } from '../app/words.ts';
import { referenceOf } from '../measure/reference.ts';
import { referenceNoteWords } from '@geste/core';
import type { FrameReference } from '../measure/reference.ts';

export function confidenceWords(confidence: number, state: string): string {
  if (state === 'not-measurable') return 'Not measurable';
  const pct = Math.round(confidence * 100);
  if (confidence >= 0.8) return `Confidence high (${pct}%)`;
  if (confidence >= 0.5) return `Confidence fair (${pct}%)`;
  return `Confidence low (${pct}%): numbers may be off`;
}

export function CameraStatus(): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  return (
    <div className="status-area">
      {s.cameraError && (
        <div className="alert alert-error" role="alert" data-testid="camera-error" data-code={s.cameraError.code}>
          <strong>⚠ {CAMERA_ERROR_WORDS[s.cameraError.code].title}</strong> {CAMERA_ERROR_WORDS[s.cameraError.code].fix}
        </div>
      )}
      {s.detector.kind === 'loading' && (
        <div className="alert alert-info" role="status">
          Loading the face models on this device… (first time only takes a few seconds)
        </div>
      )}
      {s.detector.kind === 'error' && (
        <div className="alert alert-error" role="alert" data-testid="detector-error">
          <strong>⚠ The face models could not start.</strong> {s.detector.message}
        </div>
      )}
      {s.loopStatus === 'paused-hidden' && (
        <div className="alert alert-warn" role="status" data-testid="paused-hidden">
          <strong>Paused: {LOOP_WORDS['paused-hidden']}</strong>
        </div>
      )}
      {s.loopStatus === 'error' && (
        <div className="alert alert-error" role="alert">
          <strong>⚠ {LOOP_WORDS.error}</strong> {s.loopDetail}
          <button type="button" onClick={() => void api.startCamera()}>Restart camera</button>
        </div>
      )}
    </div>
  );
}

export function MeasureStatus(): ReactNode {
  const s = useMeasure();
  const m = s.latest;
  if (!s.cameraOn || !m) return null;
  const reasons = m.reasons.filter((r) => r !== 'no-shoulders');
  return (
    <div className="measure-status" role="status" aria-live="polite" data-testid="measure-status" data-state={m.state} data-reasons={m.reasons.join(',')}>
      <span className={`pill pill-${m.state}`}>{m.state === 'not-measurable' ? '? ' : m.state === 'low-confidence' ? '~ ' : '✓ '}{confidenceWords(m.confidence, m.state)}</span>
      {reasons.map((r) => (
        <p key={r} className="reason" data-reason={r}>{REASON_WORDS[r]}</p>
      ))}
    </div>
  );
}

export function CameraControls(): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  return (
    <div className="camera-controls">
      {s.cameras.length > 1 && (
        <label className="field">
          Camera
          <select
            value=""
            onChange={(e) => void api.startCamera(e.target.value || undefined)}
            aria-label="Choose a camera"
          >
            <option value="">{s.cameraLabel || 'Choose a camera'}</option>
            {s.cameras.map((c) => (
              <option key={c.deviceId} value={c.deviceId}>{c.label}</option>
            ))}
          </select>
        </label>
      )}
      {s.cameraOn ? (
        <button type="button" className="btn" onClick={() => api.stopCamera()}>Stop camera</button>
      ) : (
        <button type="button" className="btn btn-primary" data-testid="start-camera" onClick={() => void api.startCamera()} disabled={s.loopStatus === 'starting'}>
          {s.loopStatus === 'starting' ? 'Starting camera…' : 'Start camera'}
        </button>
      )}
    </div>
  );
}

/**
 * Which reference the numbers use, in words: turn and tilt against the trunk or the camera; chin up/down
 * against gravity, the face's own level line, or uncertain (with its ±). `reference` = a stored one (a
 * session, the training start); without it, the latest frame's. `detail` adds core's notes: why a better
 * reference was not available (shoulders not seen, two people, mirrored picture, camera angle unknown…).
 */
export function ReferenceNote(props: { reference?: FrameReference | null; detail?: boolean }): ReactNode {
  const s = useMeasure();
  const ref = props.reference ?? (s.cameraOn && s.latest ? referenceOf(s.latest) : null);
  if (!ref) return null;
  const fx = flexionReferenceWords(ref.flexion, ref.flexionUncertaintyDeg);
  const turnTilt =
    ref.turnTilt === ref.tilt
      ? `Turn and tilt: ${TURN_TILT_REFERENCE_WORDS[ref.turnTilt].short}.`
      : `Turn: ${TURN_TILT_REFERENCE_WORDS[ref.turnTilt].short}. Tilt: ${TURN_TILT_REFERENCE_WORDS[ref.tilt].short}.`;
  return (
    <div className="reference-note" data-testid="reference-note" data-turn-tilt={ref.turnTilt} data-tilt={ref.tilt} data-flexion={ref.flexion} data-notes={ref.notes.join(',')}>
      <p>
        <strong>Measured from straight (the anatomical zero).</strong> {turnTilt} Chin up/down: {fx.short}.
      </p>
      {props.detail && ref.notes.length > 0 && (
        <ul className="reference-why">
          {ref.notes.map((n) => (
            <li key={n} data-note={n}>{capitalise(referenceNoteWords(n))}.</li>
          ))}
        </ul>
      )}
      {props.detail && ref.flexion === 'uncertain' && <p>{fx.long}</p>}
    </div>
  );
}

const capitalise = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
