// ref: phases.ts — boundary validation of exam-phase markers (zod + window checks).
import { describe, expect, it } from 'vitest';
import { scoreSession } from './items.ts';
import { parseExamPhases } from './phases.ts';

describe('exam phases', () => {
  it('parses valid markers', () => {
    const p = parseExamPhases([
      { kind: 'rest', startMs: 0, endMs: 1000 },
      { kind: 'hold-neutral', startMs: 2000 },
      { kind: 'rom-sweep', startMs: 3000, endMs: 4000, axis: 'tiltDeg' },
      { kind: 'sensory-trick', before: { startMs: 0, endMs: 1 }, during: { startMs: 1, endMs: 2 }, after: { startMs: 2, endMs: 3 }, trick: 'chin' },
    ]);
    expect(p).toHaveLength(4);
    expect(p[2]).toEqual({ kind: 'rom-sweep', startMs: 3000, endMs: 4000, axis: 'tiltDeg' });
  });

  it('refuses unknown kinds, unknown axes, extra fields and reversed windows', () => {
    expect(() => parseExamPhases([{ kind: 'nap', startMs: 0, endMs: 1 }])).toThrow();
    expect(() => parseExamPhases([{ kind: 'rom-sweep', startMs: 0, endMs: 1, axis: 'yaw' }])).toThrow();
    expect(() => parseExamPhases([{ kind: 'rest', startMs: 0, endMs: 1, note: 'x' }])).toThrow();
    expect(() => parseExamPhases([{ kind: 'rest', startMs: 5, endMs: 5 }])).toThrowError(/Exam phase 0 \(rest, rest\) must have finite startMs < endMs, got \[5, 5\)/);
    expect(() => parseExamPhases([{ kind: 'sensory-trick', before: { startMs: 0, endMs: 1 }, during: { startMs: 3, endMs: 2 }, after: { startMs: 2, endMs: 3 } }])).toThrow();
  });

  it('scoreSession refuses a reversed marker with a typed error', () => {
    try {
      scoreSession({ frames: [], neutralKind: 'anatomical', phases: [{ kind: 'hold-neutral', startMs: 10, endMs: 0 }] });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('invalid-window');
      expect((e as Error).message).toMatch(/hold-neutral/);
    }
  });
});
