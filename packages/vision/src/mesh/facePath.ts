/**
 * The face path both hosts run (Node `humanNode.ts`, browser `humanBrowser.ts`): Human runs the face
 * detector only while no face is tracked (first frame, loss of tracking) and never its own mesh; the mesh
 * runs on our ROI through `FaceMeshTracker`. Body and hands stay Human's. See docs/face-roi.md.
 *
 * Per frame:
 *   - tracking: Human is called with the face off (body, hands as tuned); the tracker reads each face.
 *     If a track is lost, Human's detector runs again on the same frame (face only) and new tracks start.
 *   - not tracking: Human is called with the detector on (no mesh); its boxes start tracks.
 * Every decision depends only on the frames seen so far, so the same frames give the same numbers.
 */
import type { FramePixels } from './roi.ts';
import { DEFAULT_FACE_MESH_ROI, HUMAN_MODEL_FILES, type VisionTuning } from '../humanConfig.ts';
import { VisionError } from '../errors.ts';
import { FaceMeshTracker, type DetectedFace, type MeshModelLike, type TfLike, type TrackedMeshFace } from './faceMeshTracker.ts';

/** Our own ROI applies when asked for (`faceMeshRoi: 'own'`) and the iris model is not wanted (Human's iris step needs Human's own mesh crop). */
export function usesOwnMeshRoi(tuning: Pick<VisionTuning, 'iris' | 'faceMeshRoi'>): boolean {
  return !tuning.iris && (tuning.faceMeshRoi ?? DEFAULT_FACE_MESH_ROI) === 'own';
}

/** The part of a Human face result a detector-only call gives (mesh = BlazeFace's 6 keypoints, image px). */
export interface HumanDetectionLike {
  readonly boxRaw: readonly number[];
  readonly boxScore: number;
  readonly mesh: readonly (readonly number[])[];
}

/** Detector-only faces → `DetectedFace` (unclamped box from boxRaw; the first two keypoints are the eyes). */
export function detectionsFromHuman(faces: readonly HumanDetectionLike[], widthPx: number, heightPx: number): DetectedFace[] {
  return faces.map((f) => ({
    box: { xPx: (f.boxRaw[0] ?? 0) * widthPx, yPx: (f.boxRaw[1] ?? 0) * heightPx, widthPx: (f.boxRaw[2] ?? 0) * widthPx, heightPx: (f.boxRaw[3] ?? 0) * heightPx },
    eyes: f.mesh.length >= 2 ? f.mesh.slice(0, 2) : null,
    score: f.boxScore,
  }));
}

/** Human per-call face settings that run the detector alone (fresh boxes, no Human mesh, no crop rotation). */
const DETECTOR_ONLY = { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } } as const;

export interface FacePathCounters {
  /** Frames on which Human's face detector ran (first frame, loss, nothing tracked). */
  detectorFrames: number;
  /** Frames read by tracking alone. */
  trackedFrames: number;
}

/** The model schedule's decision for one frame (schedule.ts `FramePlan`), as far as this path needs it. */
export interface ModelPlanLike {
  readonly runBody: boolean;
  readonly runHands: boolean;
}

export class OwnMeshFacePath {
  readonly counters: FacePathCounters = { detectorFrames: 0, trackedFrames: 0 };
  private detectorRanLast = false;

  constructor(private readonly tracker: FaceMeshTracker, private readonly tuning: Pick<VisionTuning, 'body' | 'hands'>) {}

  /**
   * Human's per-call config for the frame's main call. Human merges per-call config into its own for good,
   * so every switch we touch is set on every call.
   */
  mainCallConfig(plan?: ModelPlanLike | null): Record<string, unknown> {
    return {
      face: this.tracker.tracking ? { enabled: false } : DETECTOR_ONLY,
      body: { enabled: this.tuning.body && (plan?.runBody ?? true), skipFrames: 0 },
      hand: { enabled: this.tuning.hands && (plan?.runHands ?? true) },
    };
  }

  /**
   * True when the next frame needs nothing from Human: a face is tracked and neither body nor hands run
   * (not loaded, or not planned for this frame by the model schedule).
   */
  humanIdle(plan?: ModelPlanLike | null): boolean {
    return this.tracker.tracking && !(this.tuning.body && (plan?.runBody ?? true)) && !(this.tuning.hands && (plan?.runHands ?? true));
  }

  /** Human's per-call config for a second call on the same frame after a loss: the detector alone. */
  redetectCallConfig(): Record<string, unknown> {
    return { face: DETECTOR_ONLY, body: { enabled: false }, hand: { enabled: false } };
  }

  /** Whether the last frame needed the face detector. */
  get detectorRan(): boolean {
    return this.detectorRanLast;
  }

  /**
   * The frame's faces. `mainFaces` is the face part of the main call's result (detector boxes when not
   * tracking, empty when tracking); `redetect` calls Human again with `redetectCallConfig()`.
   */
  async faces(
    pixels: FramePixels,
    mainFaces: readonly HumanDetectionLike[],
    redetect: () => Promise<readonly HumanDetectionLike[]>,
  ): Promise<TrackedMeshFace[]> {
    if (!this.tracker.tracking) {
      this.detectorRanLast = true;
      this.counters.detectorFrames++;
      return this.tracker.seed(pixels, detectionsFromHuman(mainFaces, pixels.widthPx, pixels.heightPx));
    }
    const r = await this.tracker.track(pixels);
    if (r.lost === 0) {
      this.detectorRanLast = false;
      this.counters.trackedFrames++;
      return r.faces;
    }
    // A face was lost: look again on this same frame, so a face that moved fast is not a missing frame.
    this.detectorRanLast = true;
    this.counters.detectorFrames++;
    const found = await redetect();
    return this.tracker.seed(pixels, detectionsFromHuman(found, pixels.widthPx, pixels.heightPx));
  }
}

/** The result fields this path reads and replaces. */
interface ResultWithFaces {
  readonly face: readonly unknown[];
  readonly error?: string | null;
}

/**
 * One frame through Human and the own-ROI mesh: `humanDetect` runs Human with a per-call config; `pixels`
 * is the same frame's pixels (RGB or RGBA bytes). Returns Human's result with
 * its faces replaced by the tracked meshes, the milliseconds spent in our face step, and whether Human was
 * skipped (tracking, and neither body nor hands wanted: Human would have nothing to do).
 */
export async function detectWithOwnMesh<R extends ResultWithFaces>(
  path: OwnMeshFacePath,
  humanDetect: (callConfig: Record<string, unknown>) => Promise<R>,
  pixels: FramePixels,
  plan?: ModelPlanLike | null,
): Promise<{ result: R; meshMs: number; humanSkipped: boolean }> {
  const humanSkipped = path.humanIdle(plan);
  const result = humanSkipped ? ({ face: [], body: [], hand: [], error: null } as unknown as R) : await humanDetect(path.mainCallConfig(plan));
  if (result.error) return { result, meshMs: 0, humanSkipped };
  const t0 = performance.now();
  const faces = await path.faces(pixels, result.face as unknown as HumanDetectionLike[], async () => {
    const again = await humanDetect(path.redetectCallConfig());
    return again.error ? [] : (again.face as unknown as HumanDetectionLike[]);
  });
  return { result: { ...result, face: faces }, meshMs: performance.now() - t0, humanSkipped };
}

/** The parts of a loaded Human instance the own-ROI path needs (either host's build). */
export interface HumanWithMeshLike {
  readonly tf: unknown;
  readonly models: unknown;
}

/**
 * The own-ROI face path on a loaded Human's face-mesh model and tfjs (`human.tf`), or null when the
 * tuning asks for Human's crop (`usesOwnMeshRoi`). Throws when Human did not load the mesh model.
 */
export function ownMeshFacePathFor(human: HumanWithMeshLike, tuning: VisionTuning): OwnMeshFacePath | null {
  if (!usesOwnMeshRoi(tuning)) return null;
  const model = (human.models as { models?: Record<string, unknown> }).models?.['facemesh'] as MeshModelLike | null | undefined;
  if (!model) {
    throw new VisionError('models-missing', `Expected Human to have loaded ${HUMAN_MODEL_FILES.faceMesh}, but it did not. Check that the model files are installed or served.`, {});
  }
  const tracker = new FaceMeshTracker(human.tf as TfLike, model, { rotate: tuning.faceRotationCorrection ?? true, maxFaces: tuning.maxFaces });
  return new OwnMeshFacePath(tracker, tuning);
}
