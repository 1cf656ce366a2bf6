/**
 * One import point for the vision adapter (@geste/vision): configuration shared with the CLI,
 * the face-detector cadence and the Human-result → LandmarkFrame conversion. Everything the web app
 * takes from @geste/vision goes through here.
 */
export { humanConfig, modelVersions, DEFAULT_TUNING, toLandmarkFrame, FaceDetectorCadence, cadenceConfig, HUMAN_MODEL_FILES, ModelSchedule, planConfig, ownMeshFacePathFor, detectWithOwnMesh } from '@geste/vision';
export type { HumanResultLike, VisionTuning, ScheduleNeeds, FramePlan } from '@geste/vision';
