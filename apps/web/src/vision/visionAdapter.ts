/**
 * One import point for the vision adapter (@geste/vision): configuration shared with the CLI and the
 * Human-result → LandmarkFrame conversion. Everything the web app takes from @geste/vision goes
 * through here.
 */
export { humanConfig, modelVersions, DEFAULT_TUNING } from '../../../../packages/vision/src/humanConfig.ts';
export type { VisionTuning } from '../../../../packages/vision/src/humanConfig.ts';
export { toLandmarkFrame } from '../../../../packages/vision/src/convert.ts';
export type { HumanResultLike } from '../../../../packages/vision/src/convert.ts';
