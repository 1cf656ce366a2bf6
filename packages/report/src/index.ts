export { buildClinicianReport, SAFETY_LINE, type ReportInput } from './report.ts';
export { winAnsi } from './text.ts';
export { DEJAVU_DIRS, DEJAVU_FILES, type ReportFonts } from './fonts.ts';
export { examSentences, itemSentence } from './measureWords.ts';
