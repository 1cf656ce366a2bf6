/**
 * The one place where codes become words (camera errors, not-measurable reasons, corrections,
 * calibration failures). Plain language, second person, from the person's own point of view.
 */
import type { NotMeasurableReason } from '@geste/core';
import type { CameraErrorCode } from '../camera/camera.ts';
import type { Correction } from '../feedback/zone.ts';
import type { CalibrationFailure } from '../measure/pose.ts';
import type { LoopStatus } from '../measure/loop.ts';

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

export const CALIBRATION_WORDS: Record<CalibrationFailure, string> = {
  'too-few-face-frames': 'Your face was not seen clearly for long enough.',
  'not-still': 'Your head moved during the 3 seconds.',
  'multiple-faces': 'More than one face was in view.',
};

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
