export * from './types.ts';
export * from './bands.ts';
export * from './items.ts';
export * from './phases.ts';
