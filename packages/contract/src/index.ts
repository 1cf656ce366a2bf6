/** @geste/contract: the sync wire (zod), the app's record ↔ wire mapping, and the one HLC. */
export * from './hlc.ts';
export * from './wire.ts';
export * from './records.ts';
export * from './programs.ts';
