// Pure entry of @geste/vision: no Node, no DOM, no tfjs. Safe for the browser bundle.
export * from './errors.ts';
export * from './frames.ts';
export * from './humanConfig.ts';
export * from './convert.ts';
export * from './replay.ts';
export * from './cadence.ts';
export * from './schedule.ts';
