/**
 * Set-up: camera choice, placement guidance that does not ask for a centred frontal pose, face, shoulder
 * and light checks, the camera's height (tilt sensor on phones and tablets, words on laptops), and the
 * straightest-posture check: the person holds their straightest comfortable posture for 3 s, Geste
 * measures it against the anatomical zero, says the difference in words (with a warning past 10°) and
 * saves it as the training start. It never becomes the zero (CLINICAL.md "The zero").
 */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { AXES, axisWords, checkStraightest, gradedTargets } from '@geste/core';
import type { FrameMeasure, LandmarkFrame, StraightestFailure } from '@geste/core';
import { VideoSlot, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import type { TrainingStart } from '../app/measure.tsx';
import { AXIS_LABELS, CALIBRATION_WORDS, devicePitchWords, trunkCheckWords } from '../app/words.ts';
import { CameraControls, CameraStatus, MeasureStatus, ReferenceNote } from '../components/Status.tsx';
import { fromCoreReference, referenceOf } from '../measure/reference.ts';
import { stageDeg } from '../feedback/graded.ts';
import { useSpeaker } from '../app/prefs.tsx';

export const CALIBRATION_MS = 3000;
const GET_READY_MS = 2000;
const MIN_CALIBRATION_FRAMES = 12;
const MAX_CALIBRATION_MS = 8000;

type CalState =
  | { kind: 'idle' }
  | { kind: 'ready'; untilMs: number }
  | { kind: 'collecting'; startMs: number; frames: LandmarkFrame[]; measures: FrameMeasure[] }
  | { kind: 'ok'; start: TrainingStart }
  | { kind: 'failed'; reason: StraightestFailure };

function lightWords(b: number | null): { ok: boolean | null; text: string } {
  if (b === null) return { ok: null, text: 'Checking the light…' };
  if (b < 45) return { ok: false, text: 'Too dark: turn on a light in front of you.' };
  if (b > 225) return { ok: false, text: 'Too bright: avoid a window or lamp behind you or shining into the camera.' };
  return { ok: true, text: 'Light is fine.' };
}

const mark = (ok: boolean | null): string => (ok === null ? '… ' : ok ? '✓ ' : '! ');

/** "30° → 20° → 10° → 0°": core's graded targets from the training start toward straight. */
export function stepsWords(start: TrainingStart): string {
  return gradedTargets(start.check.trainingStart.anglesDeg).map((t) => `${stageDeg(t)}°`).join(' → ');
}

export function StraightestResult(props: { start: TrainingStart; fresh: boolean }): ReactNode {
  const c = props.start.check;
  const warn = c.warn;
  // Core's sentence: the first one large ("Your straightest is 30° turned to the right."), the rest as text.
  const cut = c.sentence.indexOf('. ');
  const first = cut < 0 ? c.sentence : c.sentence.slice(0, cut + 1);
  const rest = cut < 0 ? '' : c.sentence.slice(cut + 2);
  return (
    <div className="straightest" data-testid="straightest-result" data-warn={String(warn)}>
      <p className="big straightest-words" data-testid="straightest-words">
        {warn ? '! ' : '✓ '}
        {first}
      </p>
      {rest && <p className="straightest-more">{rest}</p>}
      {warn && (
        <div className="alert alert-warn" role={props.fresh ? 'alert' : undefined} data-testid="straightest-warning">
          <strong>More than 10° from straight.</strong> Geste keeps this in the numbers: the live view, the exam, your history and reports measure from
          straight (the anatomical zero), not from this posture. Training goes step by step from here toward straight: {stepsWords(props.start)}.
        </div>
      )}
      <dl className="facts">
        {AXES.map((a) => {
          const o = c.perAxis[a];
          const v = o.offsetDeg;
          return (
            <div key={a} data-axis={a} data-value={v === null ? '' : v.toFixed(1)} data-uncertain={String(o.uncertain)}>
              <dt>{AXIS_LABELS[a]}</dt>
              <dd>
                {v === null ? 'not measured' : Math.round(Math.abs(v)) === 0 ? 'straight' : axisWords(a, v)}
                {v !== null && o.uncertain && ` (uncertain, ±${Math.round(c.reference?.[a].uncertaintyDeg ?? 0)}°: not used for training)`}
                {o.beyondWarn && ' — more than 10°'}
              </dd>
            </div>
          );
        })}
      </dl>
      {c.reference && <ReferenceNote reference={fromCoreReference(c.reference)} />}
      <p className="hint">
        {props.fresh ? 'Saved' : 'Measured'} as your training start on {new Date(props.start.measuredAtMs).toLocaleString()}. Measure it again whenever you
        like; it never changes the zero.
      </p>
    </div>
  );
}

export function SetupScreen(props: { onDone: () => void }): ReactNode {
  const s = useMeasure();
  const api = useMeasureApi();
  const speaker = useSpeaker();
  const [cal, setCal] = useState<CalState>({ kind: 'idle' });
  const calRef = useRef<CalState>(cal);
  calRef.current = cal;

  useTicks((tick) => {
    const c = calRef.current;
    const now = performance.now();
    if (c.kind === 'ready' && now >= c.untilMs) {
      const next: CalState = { kind: 'collecting', startMs: tick.frame.timestampMs, frames: [tick.frame], measures: [tick.measure] };
      calRef.current = next;
      setCal(next);
    } else if (c.kind === 'collecting') {
      c.frames.push(tick.frame);
      c.measures.push(tick.measure);
      const spanMs = tick.frame.timestampMs - c.startMs;
      // 3 s, and enough frames on a slow device (up to 8 s).
      if ((spanMs >= CALIBRATION_MS && c.frames.length >= MIN_CALIBRATION_FRAMES) || spanMs >= MAX_CALIBRATION_MS) {
        const nowMs = Date.now();
        const result = checkStraightest(c.measures, nowMs);
        let next: CalState;
        if (result.ok) {
          const start: TrainingStart = { check: result, measuredAtMs: nowMs };
          next = { kind: 'ok', start };
          void api.setTrainingStart(start);
          speaker.say(`${result.sentence} It is saved as your training start.`);
        } else {
          next = { kind: 'failed', reason: result.reason };
          speaker.say('That did not work. You can try again.');
        }
        calRef.current = next;
        setCal(next);
      }
    }
  });

  const faceOk = s.cameraOn && s.facesInView === 1 && s.latest?.state !== 'not-measurable';
  const ref = s.latest ? referenceOf(s.latest) : null;
  const trunk = s.cameraOn ? trunkCheckWords(ref) : { ok: null, text: 'Shoulders: waiting for the camera' };
  const laptop = s.devicePitch.kind === 'unsupported' || s.devicePitch.kind === 'no-sensor' || s.devicePitch.kind === 'denied';
  const light = lightWords(s.cameraOn ? s.brightness : null);
  const pitch = devicePitchWords(s.devicePitch);
  const start = (): void => {
    speaker.say('Sit as straight as is comfortable for you, and hold still for three seconds.');
    setCal({ kind: 'ready', untilMs: performance.now() + GET_READY_MS });
  };
  const busy = cal.kind === 'ready' || cal.kind === 'collecting';
  const shown = cal.kind === 'ok' ? cal.start : s.trainingStart;

  return (
    <section aria-labelledby="setup-h" className="screen">
      <h1 id="setup-h">Set up</h1>
      <CameraStatus />
      <div className="two-col">
        <div>
          <VideoSlot className="video-slot" />
          <CameraControls />
        </div>
        <div>
          <h2>Placing the camera</h2>
          <ul className="tips">
            <li>Put the camera at the height of your eyes, an arm's length or a little more away, so your head and both shoulders are in view.</li>
            <li>Sit the way that is comfortable for you. You do not need to face the camera straight on: Geste measures your head against your shoulders.</li>
            <li>Light from the front works best. Avoid a bright window behind you.</li>
            <li>Only you should be in view while measuring.</li>
          </ul>
          <h2>Checks</h2>
          <ul className="checks" aria-live="polite">
            <li data-testid="check-camera" data-ok={String(s.cameraOn)}>{s.cameraOn ? '✓ Camera on' : '✗ Camera off: press "Start camera"'}</li>
            <li data-testid="check-face" data-ok={String(faceOk)}>
              {!s.cameraOn ? '… Face: waiting for the camera' : faceOk ? '✓ Face found' : s.facesInView > 1 ? '✗ More than one face in view' : '✗ Face not found yet'}
            </li>
            <li data-testid="check-trunk" data-ok={String(trunk.ok)}>{mark(trunk.ok)}{trunk.text}</li>
            <li data-testid="check-light" data-ok={String(light.ok)}>{mark(light.ok)}{light.text}</li>
          </ul>
          <MeasureStatus />
          <h2>Camera height</h2>
          <p data-testid="camera-pitch" data-state={s.devicePitch.kind}>
            {mark(pitch.ok)}
            {pitch.text}
          </p>
          {laptop && (
            <label className="choice">
              <input type="checkbox" data-testid="camera-level" checked={s.cameraLevelConfirmed} onChange={(e) => void api.setCameraLevelConfirmed(e.target.checked)} />
              My camera is at the height of my eyes and looks straight at me
            </label>
          )}
          {s.devicePitch.kind === 'needs-permission' && (
            <button type="button" className="btn" data-testid="pitch-permission" onClick={() => void api.requestPitchPermission()}>
              Use the tilt sensor
            </button>
          )}
          <h2>Your straightest comfortable posture</h2>
          <p>
            Hold your head as straight as you comfortably can for 3 seconds. Geste measures how far that is from straight (the anatomical zero) and
            saves it as your <strong>training start</strong>. All measures stay against straight: this step shows where you start, it does not hide it.
          </p>
          {s.oldNeutralDropped && (
            <p className="alert alert-info" data-testid="old-neutral-dropped">
              An earlier version of Geste measured from your calibrated posture. It now always measures from straight; measure your straightest posture
              again to set your training start.
            </p>
          )}
          <div className="row">
            <button type="button" className="btn btn-primary" data-testid="calibrate" onClick={start} disabled={!faceOk || busy}>
              Measure my straightest posture (hold still 3 s)
            </button>
          </div>
          <div role="status" aria-live="assertive" className="cal-status" data-testid="calibration-status" data-state={cal.kind}>
            {cal.kind === 'ready' && <p className="big">Get ready… sit as straight as is comfortable.</p>}
            {cal.kind === 'collecting' && <p className="big">Hold still… measuring your straightest posture.</p>}
            {cal.kind === 'failed' && <p className="big">✗ That did not work: {CALIBRATION_WORDS[cal.reason]} Try again.</p>}
          </div>
          {shown && <StraightestResult start={shown} fresh={cal.kind === 'ok'} />}
          <div className="row">
            <button type="button" className="btn" onClick={props.onDone} disabled={!s.cameraOn}>
              Go to live view →
            </button>
            {shown && (
              <a className="btn" href="#/train" data-testid="go-train">
                Train from here →
              </a>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
