/**
 * The one place where codes become words (camera errors, not-measurable reasons, corrections,
 * calibration failures). Plain language, second person, from the person's own point of view.
 */
import type { NotMeasurableReason } from '@geste/core';
import type { CameraErrorCode } from '../camera/camera.ts';
import type { Correction } from '../feedback/zone.ts';
import type { LoopStatus } from '../measure/loop.ts';
import type { FlexionReference, TurnTiltReference } from '../measure/reference.ts';
import { AXES, STRAIGHT_WITHIN_DEG, axisWords, formatMeasure } from '@geste/core';
import type { StraightestFailure } from '@geste/core';
import type { DevicePitchState } from '../measure/devicePitch.ts';

export const SAFETY_LINE = 'Geste measures and trains; it does not diagnose or recommend treatment.';

export const CAMERA_ERROR_WORDS: Record<CameraErrorCode, { title: string; fix: string }> = {
  'permission-denied': {
    title: 'Camera permission was refused.',
    fix: 'To measure, Geste needs the camera. Allow it in the browser (the camera icon in the address bar or the site settings), then press "Start camera" again. Video never leaves this device.',
  },
  'no-camera': {
    title: 'No camera was found.',
    fix: 'Connect a camera (or enable the built-in one), then press "Start camera" again.',
  },
  'camera-in-use': {
    title: 'The camera could not be started.',
    fix: 'Another program may be using it. Close that program, then press "Start camera" again.',
  },
  unsupported: {
    title: 'This browser cannot use a camera here.',
    fix: 'Open Geste in a current Chrome, Edge, Firefox or Safari, from its own address (https or localhost).',
  },
  'camera-ended': {
    title: 'The camera stopped.',
    fix: 'It may have been unplugged or switched off. Everything measured so far is saved. Reconnect it and press "Start camera".',
  },
  unknown: {
    title: 'The camera failed.',
    fix: 'Press "Start camera" to try again, or choose another camera.',
  },
};

export const REASON_WORDS: Record<NotMeasurableReason, string> = {
  'no-face': 'Your face is not in view. Move so the camera can see your face.',
  'multiple-faces': 'More than one face is in view. Geste measures one person: ask others to step out of view.',
  'beyond-tracker-range': 'Your head is turned further than the camera can measure reliably.',
  'face-occluded': 'Your face is partly covered (for example by a hand).',
  'low-face-confidence': 'Your face is hard to see. More even light on your face would help.',
  'no-shoulders': 'Your shoulders are not in view, so shoulder measures are missing.',
  'invalid-frame': 'This video frame could not be read.',
};

export const CORRECTION_WORDS: Record<Correction, { short: string; spoken: string; arrow: string }> = {
  'turn-left': { short: 'Turn a little to your left', spoken: 'Turn your head a little to your left.', arrow: '←' },
  'turn-right': { short: 'Turn a little to your right', spoken: 'Turn your head a little to your right.', arrow: '→' },
  'tilt-left': { short: 'Bring your head up from the right side', spoken: 'Bring your right ear up, away from your shoulder.', arrow: '↶' },
  'tilt-right': { short: 'Bring your head up from the left side', spoken: 'Bring your left ear up, away from your shoulder.', arrow: '↷' },
  'chin-up': { short: 'Lift your chin a little', spoken: 'Lift your chin a little.', arrow: '↑' },
  'chin-down': { short: 'Lower your chin a little', spoken: 'Lower your chin a little.', arrow: '↓' },
};

export const CALIBRATION_WORDS: Record<StraightestFailure, string> = {
  'too-few-frames': 'Your face was not seen clearly for long enough.',
  'not-still': 'Your head moved during the 3 seconds.',
};

/** What turn and tilt were measured against, in words. */
export const TURN_TILT_REFERENCE_WORDS: Record<TurnTiltReference, { short: string; long: string }> = {
  trunk: { short: 'against your trunk', long: 'measured against your trunk, so sitting a little turned to the camera does not count as a turn of the head' },
  camera: {
    short: 'against the camera',
    long: 'measured against the camera: if your body is turned or leaning toward the camera, that adds to the numbers',
  },
  none: { short: 'not measurable', long: 'not measurable right now' },
};

/** What chin up/down was measured against, in words (uncertainty added where known). */
export function flexionReferenceWords(ref: FlexionReference, uncertaintyDeg: number | null): { short: string; long: string } {
  const pm = uncertaintyDeg === null ? '' : ` (about ±${Math.round(uncertaintyDeg)}°)`;
  switch (ref) {
    case 'gravity':
      return { short: `against the vertical (gravity)${pm}`, long: `Chin up/down is measured against the vertical, corrected for the camera's angle (from the device's tilt sensor, or a camera you set level at eye height)${pm}.` };
    case 'face-geometry':
      return { short: `against your face's own level line${pm}`, long: `Chin up/down is measured against the line from your ear to your eye (the face's own level line)${pm}.` };
    case 'uncertain':
      return {
        short: `uncertain${pm || ' (could be several degrees off)'}`,
        long: `Chin up/down has no reliable zero here, so the number could be several degrees off${pm}. Treat it as a rough value; "Camera height" on the set-up screen says how to improve it.`,
      };
    case 'none':
      return { short: 'not measurable', long: 'Chin up/down cannot be measured right now.' };
  }
}

/** The camera's pitch, in words for the set-up screen and the live view. */
export function devicePitchWords(s: DevicePitchState): { ok: boolean | null; text: string } {
  switch (s.kind) {
    case 'idle':
    case 'waiting':
      return { ok: null, text: 'Checking whether this device has a tilt sensor…' };
    case 'needs-permission':
      return { ok: null, text: 'This device can measure the camera\'s angle with its motion sensors. Press "Use the tilt sensor" and allow it.' };
    case 'unsupported':
    case 'no-sensor':
      return {
        ok: null,
        text: 'No tilt sensor (a laptop or desktop camera). Put the camera at the height of your eyes, looking straight at you: raise the laptop on books or a box, or tilt the screen until the camera looks at your eyes, not up at your chin or down at your forehead. A camera below or above your eyes changes the chin up/down numbers.',
      };
    case 'denied':
      return {
        ok: false,
        text: 'The motion sensors were refused, so Geste cannot correct chin up/down for the camera\'s angle; it will say how uncertain that number is. To allow them, open the site settings (the icon beside the address) and allow motion sensors, then reload. Or stand the device upright at the height of your eyes.',
      };
    case 'moving':
      return { ok: false, text: 'The device is moving. Stand it on something steady (a stand, books, a shelf) so the camera\'s angle can be read.' };
    case 'not-upright':
      return { ok: false, text: `The device is lying almost flat (its camera looks ${Math.round(Math.abs(s.elevationDeg))}° ${s.elevationDeg > 0 ? 'up' : 'down'}). Stand it upright, at the height of your eyes.` };
    case 'ok': {
      const a = Math.round(Math.abs(s.elevationDeg));
      return { ok: true, text: a === 0 ? 'The camera looks straight ahead (level). Geste uses this for chin up/down.' : `The camera looks ${a}° ${s.elevationDeg > 0 ? 'up' : 'down'}. Geste corrects chin up/down for this.` };
    }
  }
}

export const LOOP_WORDS: Record<LoopStatus, string> = {
  starting: 'Starting…',
  running: 'Measuring.',
  'paused-hidden': 'Geste is in the background, so measuring has stopped. Come back to this tab to continue; nothing is lost.',
  'camera-ended': CAMERA_ERROR_WORDS['camera-ended'].title + ' ' + CAMERA_ERROR_WORDS['camera-ended'].fix,
  stopped: 'Camera off.',
  error: 'Measurement stopped because of an error.',
};

/** "12° to your right" style words for one angle. */
export function angleWords(axis: 'rotationDeg' | 'tiltDeg' | 'flexionDeg', v: number | null): string {
  if (v === null) return 'not measurable';
  const a = Math.round(Math.abs(v));
  if (a === 0) return 'straight (0°)';
  switch (axis) {
    case 'rotationDeg':
      return `${a}° turned to your ${v > 0 ? 'right' : 'left'}`;
    case 'tiltDeg':
      return `${a}° tilted to your ${v > 0 ? 'right' : 'left'}`;
    case 'flexionDeg':
      return `${a}° chin ${v > 0 ? 'down' : 'up'}`;
  }
}

export const AXIS_LABELS = {
  rotationDeg: 'Turn (rotation)',
  tiltDeg: 'Tilt (ear to shoulder)',
  flexionDeg: 'Chin down / up',
} as const;

/** The set-up screen's shoulder check, from the latest frame's reference and core's notes. */
export function trunkCheckWords(ref: { turnTilt: TurnTiltReference; notes: readonly string[] } | null): { ok: boolean | null; text: string } {
  if (!ref || ref.turnTilt === 'none') return { ok: null, text: 'Shoulders: waiting for a measurable picture' };
  const has = (n: string): boolean => ref.notes.includes(n);
  if (has('trunk-multiple-people')) return { ok: false, text: 'More than one person in view: only you should be in the picture. Until then, turn and tilt are measured against the camera.' };
  if (has('trunk-sides-swapped')) return { ok: false, text: 'The picture looks mirrored (left and right swapped): turn off mirroring in the camera\'s settings. Until then, turn and tilt are measured against the camera.' };
  if (has('trunk-occluded')) return { ok: false, text: 'Something covers a shoulder (a hand, or a high chair back): until both are seen, turn and tilt are measured against the camera.' };
  if (has('trunk-not-visible')) return { ok: false, text: 'Shoulders not in view: move back or lower the camera so both shoulders are in the picture. Until then, turn and tilt are measured against the camera.' };
  if (ref.turnTilt === 'trunk') return { ok: true, text: 'Shoulders in view: turn is measured against your trunk.' };
  return { ok: true, text: 'Shoulders in view. The camera cannot see how your body is turned, so sit facing it: turn is measured against the camera.' };
}

/** A training start's angles in words ("30° turned to the right"), largest first; core's words per axis. */
export function trainingStartWords(anglesDeg: Readonly<Record<'rotationDeg' | 'tiltDeg' | 'flexionDeg', number | null>>): string {
  const off = AXES.filter((a) => anglesDeg[a] !== null && Math.abs(anglesDeg[a]!) > STRAIGHT_WITHIN_DEG).sort((x, y) => Math.abs(anglesDeg[y]!) - Math.abs(anglesDeg[x]!));
  if (off.length === 0) return `within ${STRAIGHT_WITHIN_DEG}° of straight`;
  const parts = off.map((a) => axisWords(a, anglesDeg[a]!));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * A stored measure for the screen: core's `formatMeasure`, except a range of motion that never crossed
 * straight to that side (core stores it negative: "negative if never reached"), which is said in words —
 * a head resting 30° right that cannot turn left reads "not reached: stayed 30° on the other side of
 * straight", never "turn to the left −30°".
 */
export function measureValueWords(key: string, value: number | null): string {
  if (value === null) return 'not measurable';
  if (/^rom[A-Z]/.test(key) && value < 0) return `not reached: stayed ${Math.round(-value)}° on the other side of straight`;
  return formatMeasure(key, value);
}
