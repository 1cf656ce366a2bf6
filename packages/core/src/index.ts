export * from './landmarks/types.ts';
export * from './measures/types.ts';
export * from './pose/index.ts';
