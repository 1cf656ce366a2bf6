export * from './landmarks/types.ts';
