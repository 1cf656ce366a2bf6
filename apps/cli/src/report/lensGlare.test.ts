// Glare on glasses during the calibration rest (session 12, glarecal): the report says it in plain words, with what to
// change, instead of handing over a neutral that may be ≈ 2° off in silence.
import { describe, expect, it } from 'vitest';
import { RecordingAnalyzer, headRotationMatrix, summarizeSession, syntheticFace, type LandmarkFrame } from '@geste/core';
import type { RecordingAnalysis } from '../analyze.ts';
import { renderHtmlReport } from './html.ts';
import { describeSummary } from './text.ts';

const camera = headRotationMatrix({ rotationDeg: 5, tiltDeg: 0, flexionDeg: 0 });
function analyse(lit: (i: number) => boolean): RecordingAnalysis {
  const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 2000 });
  for (let i = 0; i < 120; i++) {
    const face = syntheticFace({ angles: { rotationDeg: i < 70 ? 0 : 20, tiltDeg: lit(i) ? 2.2 : 0, flexionDeg: 0 }, neutral: camera, noisePx: 0.2, seed: i + 1 });
    const frame: LandmarkFrame = { frameIndex: i, timestampMs: i * 33, imageWidthPx: 640, imageHeightPx: 480, faces: [{ ...face, lensGlareShares: lit(i) ? [0.31, 0.02] : [0, 0] }], bodies: [], hands: [] };
    a.push(frame);
  }
  const r = a.finish();
  const summary = summarizeSession(r.frames, r.neutral);
  return { source: { kind: 'landmarks', imageWidthPx: 640, imageHeightPx: 480 }, frames: r.frames, summary } as unknown as RecordingAnalysis;
}

describe('the report on a calibration rest with glare on the glasses', () => {
  it('lit all through: says the neutral may be off and what to change, in the text and the HTML report', () => {
    const an = analyse(() => true);
    expect(an.summary.neutral.lensGlare).toMatchObject({ outcome: 'kept', framesWithGlare: 61, framesChecked: 61, maxShare: 0.31 });
    const text = describeSummary(an.summary);
    expect(text).toContain('! Reflections on the glasses during the calibration: 61 of 61 still frames showed a bright reflection on a lens (up to 31 % of the lens).');
    expect(text).toContain('may be off by about 2° on each angle. Tilt the screen or move the lamp until the glasses show no bright patch, then calibrate again.');
    const html = renderHtmlReport(an, 'test');
    expect(html).toMatch(/<p class="safety" data-glare="kept">Reflections on the glasses during the calibration: 61 of 61 [^<]*then calibrate again\.<\/p>/);
  });

  it('lit on some frames: says they were left out', () => {
    const an = analyse((i) => i % 4 === 0);
    expect(describeSummary(an.summary)).toContain('Reflections on the glasses during the calibration: 16 of 61 still frames showed a bright reflection on a lens (up to 31 % of the lens). The neutral was taken from the other 45 frames.');
  });

  it('no glare: no such words', () => {
    const an = analyse(() => false);
    expect(an.summary.neutral.lensGlare).toBeUndefined();
    expect(describeSummary(an.summary)).not.toContain('Reflections');
    expect(renderHtmlReport(an, 'test')).not.toContain('data-glare');
  });
});
