export * from './agreement.ts';
export { computeAgreement, renderAgreementHtml, agreementToJson } from './agreementReport.ts';
export { RESULT_COLUMNS, summaryToRow, rowsToCsv, csvToRecords, readCsvRecords } from './row.ts';
export { discoverInputs, identify } from './inputs.ts';
export { runLocal, type LocalRunOptions, type LocalRunResult } from './local.ts';
export { enqueueRun, runWorker, fetchResults, runStatus, jobIdFor, QUEUE } from './queue.ts';
export { runVideoJob, type VideoJob, type VideoOutcome } from './job.ts';
