/** The session summary lives in core (one `summarizeSession` for the CLI, the app and the reports). */
export { SAFETY_LINE, summarizeSession, summaryToJson, summaryMeasures, type AxisPosture, type ShiftPosture, type SessionSummary } from '@geste/core';
