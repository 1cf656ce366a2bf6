export * from './landmarks/types.ts';
export * from './measures/types.ts';
