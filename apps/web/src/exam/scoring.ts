/**
 * What the guided exam uses from core signal + scoring. Imported by path until `@geste/core`'s
 * index re-exports `signal/` and `scoring/` (then these become `from '@geste/core'`).
 */
export { scoreSession } from '../../../../packages/core/src/scoring/index.ts';
export type { ExamPhase, SeverityReport, SeverityItemId } from '../../../../packages/core/src/scoring/index.ts';
export { holdAttempt, neutralTime, rangeOfMotion } from '../../../../packages/core/src/signal/index.ts';
