export * from './recording.ts';
export * from './summary.ts';
export * from './examMeasures.ts';
