export * from './analyze.ts';
export * from './inputs.ts';
export * from './summary.ts';
export { framesToCsv } from './report/csv.ts';
export { renderHtmlReport } from './report/html.ts';
export { main } from './main.ts';
