/**
 * The one Human configuration used by every host (Node WASM, browser WebGL/WASM), so the same
 * video gives the same landmarks wherever it is analysed.
 *
 * Determinism: Human caches detector boxes between frames ("skipFrames") but gates that cache on
 * wall-clock time too ("skipTime"). Wall-clock gating would make results depend on machine speed,
 * so every skipTime here is effectively infinite and only frame counts decide when a model reruns.
 * Human's `cacheSensitivity` check compares each frame with the previous one (mean squared pixel
 * difference / 255) and, above the threshold, forces every model to rerun. Human's default (0.7) treats a
 * slow camera pan or a person moving as a "scene change" and so reruns everything on every frame; we use
 * SCENE_CHANGE_SENSITIVITY = 20 (≈ an RMS change of 70 grey levels: a cut, a light switched on). Lost
 * face tracking is caught anyway (low mesh confidence → detector reruns on the next frame). The check
 * depends only on the pixels, so it keeps results deterministic.
 *
 * Module-level state: Human keeps these caches in module scope, so one JS realm (thread) must run one
 * detector at a time; parallelism uses worker threads, each with its own Human.
 */

/** Knobs that trade speed for freshness. All are frame counts, never times. */
export interface VisionTuning {
  /** Most faces kept per frame. */
  readonly maxFaces: number;
  /** Most bodies kept per frame (MoveNet-lightning is single-person: 1). */
  readonly maxBodies: number;
  /** Most hands kept per frame. */
  readonly maxHands: number;
  /** Run the iris model (adds points 468..477 to each mesh). */
  readonly iris: boolean;
  /**
   * Human's crop only (`faceMeshRoi: 'human'`; the own ROI runs the detector only on loss of tracking).
   * Face detector (BlazeFace) reruns after this many frames of mesh-based tracking; it also reruns
   * whenever tracking is lost or the scene changes. 0 = detector on every frame.
   */
  readonly faceDetectorEveryNFrames: number;
  /**
   * Human's crop only. The face detector runs on every frame while the previous frame's face was turned less than this
   * from the camera (0 = never): a fresh detector crop keeps the mesh's small-angle rotation gain near 1
   * (see cadence.ts). Applied per frame by the detectors through `FaceDetectorCadence`.
   */
  readonly faceDetectorEveryFrameBelowYawDeg: number;
  /**
   * Body model every Nth frame, only with `schedule: 'human'` (Human's own counters); by default
   * `ModelSchedule` (schedule.ts) decides per frame (3 Hz of frame time, every frame when turned or faceless).
   */
  readonly bodyEveryNFrames: number;
  /** While the hand model runs (schedule.ts decides when), its detector re-runs every Nth frame and the skeleton tracks in between. */
  readonly handsEveryNFrames: number;
  /** Run body pose at all. */
  readonly body: boolean;
  /** Run the hand detector at all. */
  readonly hands: boolean;
  /**
   * Own ROI (default): turn every crop to the eye line of the previous mesh (false: upright crops).
   * Human's crop: rotate the face crop to the detector's eye line before the mesh model sees it (Human's
   * `face.detector.rotation`, from about 11° of roll) while the head is tilted and not turned; decided per
   * frame by `FaceDetectorCadence.nextRotateCrop` (cadence.ts). Without it the mesh reads a head tilt
   * beyond ≈ 25° as ≈ 27° (phantom, issue 13).
   */
  readonly faceRotationCorrection?: boolean;
  /**
   * Whose crop the face-mesh model reads: 'own' (the default, DEFAULT_FACE_MESH_ROI: mesh/roi.ts, the crop the model was trained on, detector on loss of
   * tracking and once a second, docs/face-roi.md) or 'human' (Human's crop and the detector cadence above). The iris model needs Human's crop, so `iris: true` uses 'human'.
   */
  readonly faceMeshRoi?: 'own' | 'human';
}

/**
 * 'own' since session 5 (docs/face-roi.md). On 4 phantom clips the own ROI is as accurate as Human's crop or better
 * (core-range MAE rot / tilt / flex 0.72 / 0.58 / 1.33° against 0.70 / 0.92 / 1.64°; far turns flagged below core's
 * 44° limit, 0 frames > 10° off), finds a face that enters within a second, the browser and the CLI agree with it
 * (parity test), and it is what makes the speed targets reachable: face stage 7–11 ms against 33 ms; on an idle
 * machine 23.6 ms CPU/frame with start-up (1.8× real time) against 53 ms (0.7×), web 29.7 measurements/s p50 16 ms
 * against 22.1/s p50 69 ms. Not met: its ±3° tracking gains on `bench:cadence` (rotation 1.043 / 1.038, tilt
 * 0.992 / 0.969, flexion 1.069 / 0.993; target 0.97–1.03), no worse than the previous default's (detector on every
 * near-frontal frame: rotation 1.02 / 1.04, flexion 0.991 / 0.933), and a ±1 % change of the crop side moves them
 * by ±0.06 (the model's response to the phantom's texture). 'human' stays available (`faceMeshRoi: 'human'`).
 */
export const DEFAULT_FACE_MESH_ROI: 'own' | 'human' = 'own';

/** Chosen from bench/vision-fps.ts measurements (see docs/vision.md). */
export const DEFAULT_TUNING: VisionTuning = {
  maxFaces: 4,
  maxBodies: 1,
  maxHands: 2,
  iris: false,
  faceDetectorEveryNFrames: 30,
  faceDetectorEveryFrameBelowYawDeg: 30,
  bodyEveryNFrames: 3,
  handsEveryNFrames: 15,
  body: true,
  hands: true,
  faceRotationCorrection: true,
};

/** Where the runtime finds models and wasm binaries. */
export interface HumanHostOptions {
  readonly backend: 'wasm' | 'webgl' | 'humangl';
  /** Folder or URL prefix of Human's model JSON files, ending with '/'. */
  readonly modelBasePath: string;
  /** Folder or URL prefix of tfjs-backend-wasm's .wasm files, ending with '/'. */
  readonly wasmPath: string;
  readonly debug?: boolean;
}

/** See the note on `cacheSensitivity` above. */
export const SCENE_CHANGE_SENSITIVITY = 20;

/** Effectively "never expire by time" (ms); see the note on determinism above. */
const NEVER_MS = 1e12;

/** Human model files, relative to `modelBasePath`. */
export const HUMAN_MODEL_FILES = {
  faceDetector: 'blazeface.json',
  faceMesh: 'facemesh.json',
  iris: 'iris.json',
  body: 'movenet-lightning.json',
  handDetector: 'handtrack.json',
  handSkeleton: 'handlandmark-lite.json',
} as const;

/** Side of the square crop the face-mesh model sees (facemesh.json input is [-1, 192, 192, 3]). */
export const FACE_MESH_INPUT_PX = 192;

/**
 * Human's frame counters (read from its source, 3.3.6): body and hands run when their counter reaches
 * `skipFrames`, i.e. every `skipFrames` frames (1 = every frame); the face detector reruns after
 * `skipFrames` tracked frames, i.e. every `skipFrames + 1` frames (0 = every frame), and at once when
 * tracking is lost or the scene changes.
 */
export function humanConfig(host: HumanHostOptions, tuning: VisionTuning = DEFAULT_TUNING): Record<string, unknown> {
  return {
    backend: host.backend,
    modelBasePath: host.modelBasePath,
    wasmPath: host.wasmPath,
    wasmPlatformFetch: false,
    debug: host.debug ?? false,
    async: false, // run models one after another: per-model timings, no interleaving on one core
    warmup: 'none',
    cacheModels: false, // no IndexedDB model cache: the app serves the files itself
    validateModels: true,
    cacheSensitivity: SCENE_CHANGE_SENSITIVITY,
    deallocate: false,
    // No image filters: in the browser they run through a WebGL pass that Node does not have, and the
    // same pixels must reach the models on both hosts.
    filter: { enabled: false, equalization: false, flip: false, return: false, autoBrightness: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: HUMAN_MODEL_FILES.faceDetector,
        rotation: false, // per frame: FaceDetectorCadence.nextRotateCrop (cadence.ts)
        maxDetected: tuning.maxFaces,
        skipFrames: tuning.faceDetectorEveryNFrames,
        skipTime: NEVER_MS,
        minConfidence: 0.2,
        iouThreshold: 0.1,
        scale: 1.4,
        return: false,
      },
      mesh: { enabled: true, modelPath: HUMAN_MODEL_FILES.faceMesh, keepInvalid: false },
      iris: { enabled: tuning.iris, modelPath: HUMAN_MODEL_FILES.iris, scale: 2.3 },
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
    body: {
      enabled: tuning.body,
      modelPath: HUMAN_MODEL_FILES.body,
      maxDetected: tuning.maxBodies,
      minConfidence: 0.2,
      skipFrames: Math.max(0, tuning.bodyEveryNFrames),
      skipTime: NEVER_MS,
    },
    hand: {
      enabled: tuning.hands,
      rotation: false,
      // Only the hand box is needed ("hand over the face"), but Human's hand predict returns nothing
      // unless the skeleton model is loaded too, and the skeleton also tracks the box between frames.
      landmarks: true,
      maxDetected: tuning.maxHands,
      minConfidence: 0.5,
      iouThreshold: 0.2,
      skipFrames: Math.max(0, tuning.handsEveryNFrames),
      skipTime: NEVER_MS,
      detector: { modelPath: HUMAN_MODEL_FILES.handDetector },
      skeleton: { modelPath: HUMAN_MODEL_FILES.handSkeleton },
    },
    object: { enabled: false },
    segmentation: { enabled: false },
  };
}

/** Model names and versions for `SourceInfo.models`. */
export function modelVersions(humanVersion: string, tuning: VisionTuning = DEFAULT_TUNING): Record<string, string> {
  const v = `human ${humanVersion}`;
  const out: Record<string, string> = { faceDetector: `blazeface (${v})`, faceMesh: `facemesh (${v})` };
  if (tuning.iris) out['iris'] = `iris (${v})`;
  if (tuning.body) out['body'] = `movenet-lightning (${v})`;
  if (tuning.hands) out['hands'] = `handtrack + handlandmark-lite (${v})`;
  return out;
}
