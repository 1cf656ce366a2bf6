/**
 * Set-up: camera choice, placement guidance that does not ask for a centred frontal pose, a
 * face-found and lighting check, and calibration of the person's own neutral (3 s still), with the
 * camera-derived neutral as a fallback for anyone who cannot hold their head straight.
 */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { LandmarkFrame } from '@geste/core';
import { VideoSlot, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import { CALIBRATION_WORDS } from '../app/words.ts';
import { CameraControls, CameraStatus, MeasureStatus } from '../components/Status.tsx';
import { anatomicalNeutral, calibrateNeutral } from '../measure/pose.ts';
import type { CalibrationFailure } from '../measure/pose.ts';
import { useSpeaker } from '../app/prefs.tsx';

export const CALIBRATION_MS = 3000;
const GET_READY_MS = 2000;
const MIN_CALIBRATION_FRAMES = 12;
const MAX_CALIBRATION_MS = 8000;

type CalState =
  | { kind: 'idle' }
  | { kind: 'ready'; untilMs: number }
  | { kind: 'collecting'; startMs: number; frames: LandmarkFrame[] }
  | { kind: 'ok'; framesUsed: number; spreadDeg: number }
  | { kind: 'failed'; reason: CalibrationFailure };

function lightWords(b: number | null): { ok: boolean | null; text: string } {
  if (b === null) return { ok: null, text: 'Checking the light…' };
  if (b < 45) return { ok: false, text: 'Too dark: turn on a light in front of you.' };
  if (b > 225) return { ok: false, text: 'Too bright: avoid a window or lamp behind you or shining into the camera.' };
  return { ok: true, text: 'Light is fine.' };
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
      const next: CalState = { kind: 'collecting', startMs: tick.frame.timestampMs, frames: [tick.frame] };
      calRef.current = next;
      setCal(next);
    } else if (c.kind === 'collecting') {
      c.frames.push(tick.frame);
      const spanMs = tick.frame.timestampMs - c.startMs;
      // 3 s, and enough frames on a slow device (up to 8 s).
      if ((spanMs >= CALIBRATION_MS && c.frames.length >= MIN_CALIBRATION_FRAMES) || spanMs >= MAX_CALIBRATION_MS) {
        const result = calibrateNeutral(c.frames);
        let next: CalState;
        if (result.ok) {
          next = { kind: 'ok', framesUsed: result.neutral.framesUsed, spreadDeg: result.neutral.spreadDeg };
          void api.setNeutral(result.neutral);
          speaker.say('Done. Your neutral is saved.');
        } else {
          next = { kind: 'failed', reason: result.reason };
          speaker.say('That did not work. You can try again, or use the camera neutral.');
        }
        calRef.current = next;
        setCal(next);
      }
    }
  });

  const faceOk = s.cameraOn && s.facesInView === 1 && s.latest?.state !== 'not-measurable';
  const light = lightWords(s.cameraOn ? s.brightness : null);
  const start = (): void => {
    speaker.say('Sit as straight as is comfortable for you, and hold still for three seconds.');
    setCal({ kind: 'ready', untilMs: performance.now() + GET_READY_MS });
  };
  const useAnatomical = (): void => {
    void api.setNeutral(anatomicalNeutral());
    setCal({ kind: 'idle' });
  };
  const busy = cal.kind === 'ready' || cal.kind === 'collecting';

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
            <li>Put the camera at about eye height, an arm's length or a little more away, so your head and shoulders are in view.</li>
            <li>Sit the way that is comfortable for you. You do not need to face the camera straight on; Geste measures from where you are.</li>
            <li>Light from the front works best. Avoid a bright window behind you.</li>
            <li>Only you should be in view while measuring.</li>
          </ul>
          <h2>Checks</h2>
          <ul className="checks" aria-live="polite">
            <li data-testid="check-camera" data-ok={String(s.cameraOn)}>{s.cameraOn ? '✓ Camera on' : '✗ Camera off: press "Start camera"'}</li>
            <li data-testid="check-face" data-ok={String(faceOk)}>
              {!s.cameraOn ? '… Face: waiting for the camera' : faceOk ? '✓ Face found' : s.facesInView > 1 ? '✗ More than one face in view' : '✗ Face not found yet'}
            </li>
            <li data-testid="check-light" data-ok={String(light.ok)}>{light.ok === null ? '… ' : light.ok ? '✓ ' : '✗ '}{light.text}</li>
          </ul>
          <MeasureStatus />
          <h2>Your neutral</h2>
          <p>
            Geste measures your head angles from <em>your</em> neutral: the position where your head feels as straight as you can comfortably hold it. If you cannot reach straight, use the camera's neutral instead (face level and facing the camera).
          </p>
          <p data-testid="neutral-kind">
            Neutral in use: <strong>{s.neutralSet ? (s.neutral.kind === 'calibrated' ? 'your own (calibrated)' : "the camera's (anatomical)") : "the camera's (anatomical), until you calibrate"}</strong>
          </p>
          <div className="row">
            <button type="button" className="btn btn-primary" data-testid="calibrate" onClick={start} disabled={!faceOk || busy}>
              Calibrate my neutral (hold still 3 s)
            </button>
            <button type="button" className="btn" data-testid="use-anatomical" onClick={useAnatomical} disabled={busy}>
              Use the camera's neutral
            </button>
          </div>
          <div role="status" aria-live="assertive" className="cal-status" data-testid="calibration-status" data-state={cal.kind}>
            {cal.kind === 'ready' && <p className="big">Get ready… sit as straight as is comfortable.</p>}
            {cal.kind === 'collecting' && <p className="big">Hold still… measuring your neutral.</p>}
            {cal.kind === 'ok' && (
              <p className="big">✓ Your neutral is saved ({cal.framesUsed} frames, you moved at most {cal.spreadDeg.toFixed(1)}°).</p>
            )}
            {cal.kind === 'failed' && (
              <p className="big">
                ✗ Calibration did not work: {CALIBRATION_WORDS[cal.reason]} Try again, or use the camera's neutral.
              </p>
            )}
          </div>
          <button type="button" className="btn" onClick={props.onDone} disabled={!s.cameraOn}>
            Go to live view →
          </button>
        </div>
      </div>
    </section>
  );
}
