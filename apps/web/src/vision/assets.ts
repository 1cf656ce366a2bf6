/** Where the app serves the model files and WASM binaries (same origin, never a CDN). */
export const MODELS_URL = '/models/';
export const WASM_URL = '/wasm/';

/** Human model JSON files the app uses (see @geste/vision humanConfig). */
export const MODEL_FILES_USED = [
  'blazeface.json',
  'facemesh.json',
  'movenet-lightning.json',
  'handtrack.json',
  'handlandmark-lite.json',
] as const;
