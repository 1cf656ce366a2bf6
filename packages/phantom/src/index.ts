export * from './errors.ts';
export * from './scripts/motion.ts';
export * from './truth.ts';
export * from './accuracy.ts';
export { generateClip, clipSetup, clipCacheKey, fileSizeBytes, type ClipFiles, type GenerateOptions, type VideoFormat } from './generate.ts';
export { generateSet } from './cli.ts';
export {
  openRenderer, DEFAULT_SCENE, RENDERER_VERSION, FACES, CHROMIUM_PATH, CHROMIUM_ARGS,
  type PhantomRenderer, type SceneOptions, type FramePose, type RenderedFrame, type FaceId,
} from './render/renderer.ts';
export { sceneForSeed } from './render/variation.ts';
export { Y4mWriter, rgbToI420, y4mHeader } from './video/y4m.ts';
export { Mp4Writer, ffmpegPath } from './video/mp4.ts';
export { PHANTOM_FACES, FACE_IDS, PHOTOS, findFace, expressionAt, type PhantomFace, type FaceLook, type PhotoId, type Expression } from './render/faces.ts';
export { CAMERA_SETUPS, CAMERA_IDS, DEFAULT_CAMERA_ID, findCamera, sceneForCamera, postProcess, averageFrames, type CameraSetup, type Lighting } from './render/camera.ts';
export * from './score.ts';
