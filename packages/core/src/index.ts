export * from './landmarks/types.ts';
export * from './measures/types.ts';
export * from './pose/index.ts';
export * from './records/index.ts';
export * from './session/index.ts';
export * from './signal/index.ts';
export * from './scoring/index.ts';
export * from './exercises/index.ts';
