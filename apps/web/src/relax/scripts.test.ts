import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { RELAX_SCRIPTS, stepAt, totalMs } from './scripts.ts';

describe('relaxation scripts', () => {
  it('three sessions: slow breathing (4 in / 6 out), box breathing, progressive relaxation; 2–5 minutes each', () => {
    expect(RELAX_SCRIPTS.map((s) => s.id)).toEqual(['slow-4-6', 'box-4', 'progressive']);
    for (const s of RELAX_SCRIPTS) {
      expect(totalMs(s)).toBeGreaterThanOrEqual(2 * 60_000);
      expect(totalMs(s)).toBeLessThanOrEqual(5 * 60_000);
      for (const st of s.steps) expect(en[st.say]).toBeTruthy();
    }
  });
  it('the timeline: step boundaries, then finished', () => {
    const slow = RELAX_SCRIPTS[0]!;
    expect(stepAt(slow, 0)).toMatchObject({ index: 0, leftMs: 4000, step: { cue: 'in' } });
    expect(stepAt(slow, 4000)).toMatchObject({ index: 1, leftMs: 6000, step: { cue: 'out' } });
    expect(stepAt(slow, 9999)?.step.cue).toBe('out');
    expect(stepAt(slow, 10_000)).toMatchObject({ index: 2, step: { cue: 'in' } });
    expect(stepAt(slow, totalMs(slow))).toBeNull();
    const pmr = RELAX_SCRIPTS[2]!;
    expect(pmr.steps.filter((s) => s.cue === 'tense')).toHaveLength(8);
  });
});
