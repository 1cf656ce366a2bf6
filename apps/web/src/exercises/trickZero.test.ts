/**
 * Session 12 (webpolish): the sensory-trick report names the session's chin up/down zero, as the training and
 * exercise summaries and History do (the trick session's record already kept it). Frames are generated faces,
 * turned 25° before and after the trick and 8° during it, measured by core's AnatomicalEstimator (as the app's
 * engine), through core's trick protocol and analysis.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AnatomicalEstimator, analyseTrickTrials, syntheticFace, trickProtocol } from '@geste/core';
import type { Trick } from '@geste/core';
import { sessionFlexionZeroSegments } from '../measure/reference.ts';
import { TrickResults } from './TrickScreen.tsx';

const FRAME_MS = 100;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replaceAll('&#x27;', "'").replace(/\s+/g, ' ').trim();

describe('the sensory-trick report', () => {
  it('says which chin up/down zero the session used, below the verdicts', () => {
    const trick: Trick = { place: 'chin', side: 'same', contact: 'touch' };
    const p = trickProtocol([trick], 0, { beforeMs: 4000, duringMs: 4000, afterMs: 4000, settleMs: 2000, restMs: 2000 });
    const during = p.steps.find((s) => s.kind === 'during')!;
    const e = new AnatomicalEstimator();
    const frames = Array.from({ length: Math.ceil(p.endMs / FRAME_MS) }, (_, i) => {
      const t = i * FRAME_MS;
      const rotationDeg = t >= during.startMs && t < during.endMs ? 8 : 25;
      return e.measure({ frameIndex: i, timestampMs: t, imageWidthPx: 640, imageHeightPx: 480, faces: [syntheticFace({ angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, noisePx: 0.2, seed: i + 1 })], bodies: [], hands: [] });
    });
    const report = analyseTrickTrials(frames, p.trials);
    const zeros = sessionFlexionZeroSegments(frames);
    expect(zeros.map((g) => g.zero)).toEqual(['canonical-face']);
    const html = renderToStaticMarkup(createElement(TrickResults, { report, zeros }));
    expect(html).toContain('data-testid="zero-segments" data-segments="canonical-face"');
    expect(text(html)).toContain('Chin up/down was measured against an average face for the whole session.');
    // After the table of verdicts, before the method note.
    expect(html.indexOf('zero-segments')).toBeGreaterThan(html.indexOf('</table>'));
  });
});
