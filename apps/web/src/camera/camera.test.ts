import { describe, expect, it } from 'vitest';
import { CAMERA_ERROR_CODES, CameraError, cameraErrorFrom } from './camera.ts';
import { CAMERA_ERROR_WORDS } from '../app/words.ts';

const dom = (name: string, message = 'm') => Object.assign(new Error(message), { name });

describe('cameraErrorFrom', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'camera-in-use'],
    ['AbortError', 'camera-in-use'],
    ['TypeError', 'unsupported'],
    ['SomethingNew', 'unknown'],
  ])('maps %s to %s and keeps what came in the message', (name, code) => {
    const e = cameraErrorFrom(dom(name, 'details here'));
    expect(e).toBeInstanceOf(CameraError);
    expect(e.code).toBe(code);
    expect(e.message).toContain('details here');
  });

  it('passes a CameraError through unchanged', () => {
    const e = new CameraError('camera-ended', 'x');
    expect(cameraErrorFrom(e)).toBe(e);
  });

  it('has words and a fix for every code, each pointing to an action', () => {
    for (const c of CAMERA_ERROR_CODES) {
      expect(CAMERA_ERROR_WORDS[c].title.length).toBeGreaterThan(5);
      expect(CAMERA_ERROR_WORDS[c].fix.length).toBeGreaterThan(20);
    }
  });
});
