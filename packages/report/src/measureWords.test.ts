import { describe, expect, it } from 'vitest';
import { examSentences } from './measureWords.ts';

describe('the clinician report says why frames were doubted or beyond the tracker’s range (session 12)', () => {
  it('the recording sentence gives the shares per movement in words, no keys', () => {
    const s = examSentences({ framesMeasured: 88, framesTotal: 100, lowConfidencePct: 5, beyondRangeChinDownPct: 12, beyondRangeTurnPct: 3 });
    const rec = s.find((l) => l.startsWith('Recording:'));
    expect(rec).toBe('Recording: the head was measurable in 88 % of frames; 5 % with lower confidence; head turned further than the camera measures reliably: 3 % of frames; chin down further than the camera measures reliably: 12 % of frames.');
    for (const l of s) expect(l).not.toMatch(/beyondRange|lowConfidencePct|Other measures/);
  });
  it('an exam stored before session 12 reads as it did', () => {
    expect(examSentences({ framesMeasured: 90, framesTotal: 100 })).toContain('Recording: the head was measurable in 90 % of frames.');
  });
});
