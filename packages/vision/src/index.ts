// Pure entry of @geste/vision: no Node, no DOM, no tfjs. Safe for the browser bundle.
export * from './errors.ts';
export * from './frames.ts';
export * from './humanConfig.ts';
export * from './convert.ts';
export * from './replay.ts';
export * from './cadence.ts';
export * from './schedule.ts';
// Own face-mesh ROI (docs/face-roi.md): tfjs types only, the tfjs namespace comes from the host's Human.
export * from './mesh/roi.ts';
export * from './mesh/faceMeshTracker.ts';
export * from './mesh/facePath.ts';
export * from './mesh/lensGlare.ts';
