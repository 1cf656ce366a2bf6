export { buildClinicianReport, SAFETY_LINE, type ReportInput } from './report.ts';
export { winAnsi } from './text.ts';
