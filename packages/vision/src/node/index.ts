// Node entry of @geste/vision: WASM detector, ffmpeg decoding, video landmark source.
export * from '../index.ts';
export * from './paths.ts';
export { createNodeDetector, resolveTuning } from './humanNode.ts';
export type { NodeDetector, NodeDetectorOptions, StageTimesMs } from './humanNode.ts';
export * from './video.ts';
export * from './videoSource.ts';
export { openPipelinedVideoSource } from './pipeline.ts';
export type { PipelineOptions } from './pipeline.ts';
