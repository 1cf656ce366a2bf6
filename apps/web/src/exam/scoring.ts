/** What the guided exam uses from core signal + scoring. */
export { scoreSession, holdAttempt, neutralTime, rangeOfMotion } from '@geste/core';
export type { ExamPhase, SeverityReport, SeverityItemId } from '@geste/core';
