/**
 * Exam frames + phase marks → the numbers stored with the session. The computation is core's
 * `examMeasures` (the same the CLI and the reports use); labels come from core's measure registry.
 */
import { examMeasures, type FrameMeasure, type NeutralKind } from '@geste/core';
import type { ExamPhase } from './scoring.ts';

export function analyzeExam(frames: readonly FrameMeasure[], phases: readonly ExamPhase[], neutralKind: NeutralKind): { items: Record<string, number | null>; measures: Record<string, number | null> } {
  const out = examMeasures(frames, phases, neutralKind);
  return { items: { ...out.items }, measures: { ...out.measures } };
}
