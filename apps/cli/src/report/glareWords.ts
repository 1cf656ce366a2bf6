/** Glare on glasses, in words for the reports (kept apart from words.ts's code-to-word tables). */
import type { RestLensGlare } from '@geste/core';

/**
 * Glare on glasses during the calibration rest (core pose/lensGlare.ts), in plain words: what was seen, what it did
 * to the neutral, and what to change. 'kept': the neutral includes the glare frames and may be off by about 2° (the
 * phantom's shift, BENCHMARKS.md "(session 11, glare)").
 */
export function lensGlareWords(g: RestLensGlare): string {
  const seen = `Reflections on the glasses during the calibration: ${g.framesWithGlare} of ${g.framesChecked} still frames showed a bright reflection on a lens (up to ${Math.round(100 * g.maxShare)} % of the lens).`;
  if (g.outcome === 'left-out') return `${seen} The neutral was taken from the other ${g.framesChecked - g.framesWithGlare} frames.`;
  return `${seen} Too few frames were free of it, so the neutral includes them and may be off by about 2° on each angle. Tilt the screen or move the lamp until the glasses show no bright patch, then calibrate again.`;
}
