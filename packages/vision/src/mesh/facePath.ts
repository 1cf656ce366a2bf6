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
import { lensGlareShares } from './lensGlare.ts';

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
  /** Frames on which Human's face detector ran because nothing was tracked or a track was lost. */
  detectorFrames: number;
  /** Frames read by tracking (no loss), periodic check frames included. */
  trackedFrames: number;
  /** Tracked frames on which the detector also ran to look for a face that entered (FACE_CHECK_INTERVAL_MS). */
  checkFrames: number;
}

/**
 * While a face is tracked the detector still looks at one frame per this much frame time, so a face that
 * enters (a second person) is found and the frame becomes *not measurable* ('multiple-faces') instead of
 * being read as the patient's. Costs one detector run (≈ 28 ms here) per second: ≈ 1 ms per frame at 30 fps.
 */
export const FACE_CHECK_INTERVAL_MS = 1000;
/** Without frame timestamps: one check per this many tracked frames. */
export const FACE_CHECK_INTERVAL_FRAMES = 30;

/** The model schedule's decision for one frame (schedule.ts `FramePlan`), as far as this path needs it. */
export interface ModelPlanLike {
  readonly runBody: boolean;
  readonly runHands: boolean;
}

export class OwnMeshFacePath {
  readonly counters: FacePathCounters = { detectorFrames: 0, trackedFrames: 0, checkFrames: 0 };
  private detectorRanLast = false;
  /** Frame time when the detector last looked at a frame (null: not yet, or frames without timestamps). */
  private lastLookMs: number | null = null;
  private framesSinceLook = 0;
  /** Whether the frame being read carries a periodic detector check (set by `beginFrame`). */
  private checking = false;
  private pendingMs: number | undefined;

  constructor(private readonly tracker: FaceMeshTracker, private readonly tuning: Pick<VisionTuning, 'body' | 'hands'>) {}

  /**
   * Decides, from frame time only, whether this frame carries the periodic detector check (a face is
   * tracked and FACE_CHECK_INTERVAL_MS of frame time has passed since the detector last looked). Call once
   * per frame before `mainCallConfig`/`humanIdle`; without a timestamp, every FACE_CHECK_INTERVAL_FRAMES frames.
   */
  beginFrame(timestampMs?: number): void {
    this.framesSinceLook++;
    this.pendingMs = timestampMs;
    if (!this.tracker.tracking) {
      this.checking = false;
      return;
    }
    const due = timestampMs !== undefined && Number.isFinite(timestampMs)
      ? this.lastLookMs === null || timestampMs - this.lastLookMs >= FACE_CHECK_INTERVAL_MS || timestampMs < this.lastLookMs
      : this.framesSinceLook >= FACE_CHECK_INTERVAL_FRAMES;
    this.checking = due;
  }

  private looked(): void {
    this.framesSinceLook = 0;
    this.lastLookMs = this.pendingMs !== undefined && Number.isFinite(this.pendingMs) ? this.pendingMs : null;
  }

  /**
   * Human's per-call config for the frame's main call. Human merges per-call config into its own for good,
   * so every switch we touch is set on every call.
   */
  mainCallConfig(plan?: ModelPlanLike | null): Record<string, unknown> {
    return {
      face: this.tracker.tracking && !this.checking ? { enabled: false } : DETECTOR_ONLY,
      body: { enabled: this.tuning.body && (plan?.runBody ?? true), skipFrames: 0 },
      hand: { enabled: this.tuning.hands && (plan?.runHands ?? true) },
    };
  }

  /**
   * True when the next frame needs nothing from Human: a face is tracked and neither body nor hands run
   * (not loaded, or not planned for this frame by the model schedule).
   */
  humanIdle(plan?: ModelPlanLike | null): boolean {
    return this.tracker.tracking && !this.checking && !(this.tuning.body && (plan?.runBody ?? true)) && !(this.tuning.hands && (plan?.runHands ?? true));
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
    const checking = this.checking;
    this.checking = false;
    if (!this.tracker.tracking) {
      this.detectorRanLast = true;
      this.counters.detectorFrames++;
      this.looked();
      return this.tracker.seed(pixels, detectionsFromHuman(mainFaces, pixels.widthPx, pixels.heightPx));
    }
    // The periodic check's boxes first refresh the tracked faces' detector scores (up only), so this frame has them.
    const checkBoxes = checking ? detectionsFromHuman(mainFaces, pixels.widthPx, pixels.heightPx) : [];
    if (checking) this.tracker.rescore(checkBoxes);
    const r = await this.tracker.track(pixels);
    if (r.lost === 0) {
      this.detectorRanLast = checking;
      this.counters.trackedFrames++;
      if (!checking) return r.faces;
      // The periodic check: the main call ran the detector; a box that no tracked face explains starts a track.
      this.counters.checkFrames++;
      this.looked();
      const added = await this.tracker.addNew(pixels, checkBoxes);
      return added.length ? [...r.faces, ...added] : r.faces;
    }
    // A face was lost: look again on this same frame, so a face that moved fast is not a missing frame.
    this.detectorRanLast = true;
    this.counters.detectorFrames++;
    this.looked();
    const found = checking ? mainFaces : await redetect();
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
 * is the same frame's pixels (RGB or RGBA bytes); `timestampMs` (frame time) paces the periodic check for a
 * face that entered (FACE_CHECK_INTERVAL_MS). Returns Human's result with
 * its faces replaced by the tracked meshes (each with its lens glare shares, lensGlare.ts), the milliseconds spent in our face step, and whether Human was
 * skipped (tracking, and neither body nor hands wanted: Human would have nothing to do).
 */
export async function detectWithOwnMesh<R extends ResultWithFaces>(
  path: OwnMeshFacePath,
  humanDetect: (callConfig: Record<string, unknown>) => Promise<R>,
  pixels: FramePixels,
  plan?: ModelPlanLike | null,
  timestampMs?: number,
): Promise<{ result: R; meshMs: number; humanSkipped: boolean }> {
  path.beginFrame(timestampMs);
  const humanSkipped = path.humanIdle(plan);
  const result = humanSkipped ? ({ face: [], body: [], hand: [], error: null } as unknown as R) : await humanDetect(path.mainCallConfig(plan));
  if (result.error) return { result, meshMs: 0, humanSkipped };
  const t0 = performance.now();
  const read = await path.faces(pixels, result.face as unknown as HumanDetectionLike[], async () => {
    const again = await humanDetect(path.redetectCallConfig());
    return again.error ? [] : (again.face as unknown as HumanDetectionLike[]);
  });
  // Glare on glasses (lensGlare.ts): from this frame's bytes in the lens boxes round this frame's mesh.
  const faces = read.map((f) => ({ ...f, lensGlareShares: lensGlareShares(pixels, f.mesh) }));
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
