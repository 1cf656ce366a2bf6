/**
 * Glare on glasses during the straightest-posture check (session 12, glarecal), as the set-up screen shows it: the
 * frames carry the vision package's lens glare shares, core's checkStraightest prefers the glare-free ones or marks
 * the result, and the words say what to change, in English and Spanish. Frames are generated faces measured by core's
 * AnatomicalEstimator (as the app's engine).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AnatomicalEstimator, checkStraightest, frameLensGlareShare, syntheticFace } from '@geste/core';
import type { LandmarkFrame } from '@geste/core';
import { LensGlareWords } from './Setup.tsx';

function frames(lit: (i: number) => boolean): LandmarkFrame[] {
  return Array.from({ length: 90 }, (_, i) => ({
    frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480,
    faces: [{ ...syntheticFace({ angles: { rotationDeg: 4, tiltDeg: lit(i) ? 2.2 : 0, flexionDeg: 0 }, noisePx: 0.2, seed: i + 1 }), lensGlareShares: lit(i) ? [0.33, 0.05] as const : [0, 0] as const }],
    bodies: [], hands: [],
  }));
}
function check(fs: readonly LandmarkFrame[]) {
  const e = new AnatomicalEstimator();
  return checkStraightest(fs.map((f) => e.measure(f)), 0, fs.map(frameLensGlareShare));
}
const text = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('reflections on glasses during the straightest-posture check', () => {
  it('lit all through: a warning with what to change, in both languages', () => {
    const c = check(frames(() => true));
    expect(c.ok && c.lensGlare).toMatchObject({ outcome: 'kept', framesWithGlare: 90, framesChecked: 90 });
    if (!c.ok || !c.lensGlare) return;
    const html = renderToStaticMarkup(createElement(LensGlareWords, { glare: c.lensGlare, fresh: true, lang: 'en' }));
    expect(html).toContain('class="big alert alert-warn" role="alert"');
    expect(text(createElement(LensGlareWords, { glare: c.lensGlare, fresh: true, lang: 'en' }))).toBe(
      '! Reflections on your glasses during the calibration: 90 of 90 pictures showed a bright reflection on a lens, and that can move the measurement by about 2°. Tilt the screen or move the lamp, then calibrate again.',
    );
    expect(text(createElement(LensGlareWords, { glare: c.lensGlare, fresh: true, lang: 'es' }))).toContain('Incline la pantalla o mueva la lámpara y vuelva a calibrar.');
  });

  it('lit on some frames: those are left out, so the tilt reads the unlit head, and the note says so', () => {
    const c = check(frames((i) => i % 3 === 0));
    expect(c.ok).toBe(true);
    if (!c.ok || !c.lensGlare) throw new Error('expected a glare note');
    expect(c.lensGlare).toMatchObject({ outcome: 'left-out', framesWithGlare: 30, framesChecked: 90 });
    expect(Math.abs(c.perAxis.tiltDeg.offsetDeg!)).toBeLessThan(0.3);
    expect(text(createElement(LensGlareWords, { glare: c.lensGlare, fresh: true, lang: 'en' }))).toBe('Reflections on your glasses during the calibration: 30 of 90 pictures showed a bright reflection on a lens and were left out.');
  });

  it('no glare: no note', () => {
    const c = check(frames(() => false));
    expect(c.ok && c.lensGlare).toBeUndefined();
  });
});
