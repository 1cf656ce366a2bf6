/**
 * Runs Human's shipped face-mesh model (facemesh.json, already loaded by Human) on our own region of
 * interest (roi.ts) and tracks faces from frame to frame; the face detector is needed only to start a
 * track. Host-free: it takes the tfjs namespace and the loaded model, so Node (human.node-wasm) and the
 * browser (Human's bundled tfjs on WASM/WebGL) run the same code. See docs/face-roi.md.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { HumanFaceLike } from '../convert.ts';
import { FACE_MESH_INPUT_PX } from '../humanConfig.ts';
import { needsRecentre, predictRoi, pushCentre, PREDICT_MIN_SHARE, RECENTRE_SHARE, type CentreHistory, type RecentreShares } from './cropMotion.ts';
import { cropPointToImage, sampleRoi, steadySideWeights, type FramePixels, roiFromDetectorBox, roiFromMesh, roiOverlap, roiTrackable, type MeshRoi } from './roi.ts';

/** The tfjs calls we use (Human's `human.tf` in either host). */
export type TfLike = typeof TF;

/** A loaded graph model (Human's `human.models.models.facemesh`). */
export interface MeshModelLike {
  execute(inputs: TF.Tensor): TF.Tensor | TF.Tensor[];
}

/**
 * The mesh model's face-presence output (`output_faceflag`, a probability) below which a track is lost and
 * the detector runs again. Human drops a mesh below its detector's minConfidence (0.2 in humanConfig.ts);
 * MediaPipe's own tracker re-detects below 0.5.
 */
export const MIN_FACE_PRESENCE = 0.5;

/** Two tracks whose crops overlap more than this (IoU) follow one face: the weaker one is dropped. */
export const DUPLICATE_TRACK_IOU = 0.5;


/** A face the detector found: its box (image px, square, enlarged) and eye keypoints (image px). */
export interface DetectedFace {
  readonly box: { readonly xPx: number; readonly yPx: number; readonly widthPx: number; readonly heightPx: number };
  readonly eyes: readonly (readonly number[])[] | null;
  readonly score: number;
}

/** One tracked face: a mesh in Human's result shape plus the ROI it was read in. */
export interface TrackedMeshFace extends HumanFaceLike {
  readonly mesh: number[][];
  readonly boxRaw: number[];
  readonly roi: MeshRoi;
}

interface Track {
  roi: MeshRoi;
  /** The best detector score this face has had since the track started (`rescore`): the seed's, raised by later checks. */
  boxScore: number;
  /** Weights of the outline's width and height for the crop side, fixed when the track starts (roi.ts `extentWeights`). */
  weights: readonly [number, number];
  /** Centres of the crops the last frames' meshes gave (cropMotion.ts), for moving the next crop ahead. */
  centres: CentreHistory;
}

export interface FaceMeshTrackerOptions {
  /** Rotate crops to the eye line (tuning.faceRotationCorrection; default true). */
  readonly rotate?: boolean;
  readonly maxFaces: number;
  readonly minFacePresence?: number;
  /**
   * Keep a moving face centred in its crop (cropMotion.ts; default true): the next crop moves ahead by the
   * face's recent motion, and a face still off-centre by more than RECENTRE_SHARE (1 % of the side across the eye
   * line, 1.5 % along it) is read again re-centred.
   */
  readonly followMotion?: boolean;
  /** Re-read threshold, shares of the crop side (default RECENTRE_SHARE; a number: on a circle); Infinity: never re-read. */
  readonly recentreShare?: number | RecentreShares;
  /** Move-ahead threshold, share of the crop side per frame (default PREDICT_MIN_SHARE); Infinity: never move ahead. */
  readonly predictMinShare?: number;
}

export class FaceMeshTracker {
  private tracks: Track[] = [];
  private readonly rotate: boolean;
  private readonly minPresence: number;
  private readonly followMotion: boolean;
  /** Extra mesh runs made to re-centre a moving face (cropMotion.ts), since the tracker was made. */
  recentredReads = 0;
  private readonly cropBuffer = new Float32Array(FACE_MESH_INPUT_PX * FACE_MESH_INPUT_PX * 3);

  constructor(private readonly tf: TfLike, private readonly model: MeshModelLike, private readonly opts: FaceMeshTrackerOptions) {
    this.rotate = opts.rotate ?? true;
    this.minPresence = opts.minFacePresence ?? MIN_FACE_PRESENCE;
    this.followMotion = opts.followMotion ?? true;
  }

  /** True while at least one face is tracked (the next frame needs no detector). */
  get tracking(): boolean {
    return this.tracks.length > 0;
  }

  get trackCount(): number {
    return this.tracks.length;
  }

  reset(): void {
    this.tracks = [];
  }

  /** The mesh model on one ROI of the frame: mesh in image px, presence 0..1 (the crop is sampled in JS, `sampleRoi`). */
  async runRoi(pixels: FramePixels, roi: MeshRoi): Promise<{ mesh: number[][]; presence: number }> {
    const tf = this.tf;
    // One crop array for every read: tensor4d takes the values before this call awaits anything (tfjs-wasm
    // copies them into its heap; WebGL uploads them when the model's first op runs, inside execute), so the next
    // read may overwrite it. A fresh 442 KB array per read kept V8's garbage collector busy.
    const crop = sampleRoi(pixels, roi, FACE_MESH_INPUT_PX, this.cropBuffer);
    const outs = tf.tidy(() => {
      const res = this.model.execute(tf.tensor4d(crop, [1, FACE_MESH_INPUT_PX, FACE_MESH_INPUT_PX, 3], 'float32'));
      return Array.isArray(res) ? res : [res];
    });
    try {
      const flagT = outs.find((t) => t.shape[t.shape.length - 1] === 1);
      const meshT = outs.find((t) => t.shape[t.shape.length - 1] === 1404);
      if (!flagT || !meshT) return { mesh: [], presence: 0 };
      const presence = (await flagT.data())[0] ?? 0;
      const raw = await meshT.data();
      const mesh: number[][] = [];
      for (let i = 0; i < 468; i++) mesh.push(cropPointToImage(roi, FACE_MESH_INPUT_PX, [raw[3 * i]!, raw[3 * i + 1]!, raw[3 * i + 2]!]));
      return { mesh, presence: Number.isFinite(presence) ? presence : 0 };
    } finally {
      tf.dispose(outs);
    }
  }

  private face(mesh: number[][], presence: number, roi: MeshRoi, boxScore: number, widthPx: number, heightPx: number): TrackedMeshFace {
    const h = roi.sizePx / 2;
    return {
      mesh,
      // The crop's upright square; convert.ts scales z by its width / 192 (crop px → image px).
      boxRaw: [(roi.centerXPx - h) / widthPx, (roi.centerYPx - h) / heightPx, roi.sizePx / widthPx, roi.sizePx / heightPx],
      boxScore,
      faceScore: presence,
      roi,
    };
  }

  /**
   * Starts tracks from detector boxes: the mesh on the detector's crop, then again on the crop made from
   * that mesh (the crop every tracked frame uses), so a fresh track reads like a tracked one.
   */
  async seed(pixels: FramePixels, detections: readonly DetectedFace[]): Promise<TrackedMeshFace[]> {
    this.tracks = [];
    return this.addTracks(pixels, detections);
  }

  /**
   * The periodic check's boxes (facePath.ts) refresh the detector score of the tracks they overlap (crop IoU >
   * DUPLICATE_TRACK_IOU), up only: a track keeps the best score the detector has given its face. Without this a track
   * started on a poor view (a re-detection at a far turn: 0.65 on the phantom's range-of-motion sweep, against 0.89 at
   * rest) carried that score for as long as it lasted (16 s there), and core's confidence (detector × mesh score × fit)
   * held a level head below 0.5. Up only, because the detector scores a turned or bent face low however good its mesh is
   * (0.73 at a held 30° turn, 0.74 at 37° flexion): a fresh score would tie the next second's confidence to the pose
   * on one check frame. Call before `track` on the frame whose detector boxes these are. Returns how many scores rose.
   */
  rescore(detections: readonly DetectedFace[]): number {
    let raised = 0;
    for (const t of this.tracks) {
      for (const d of detections) {
        if (!(d.score > t.boxScore)) continue;
        if (roiOverlap(t.roi, roiFromDetectorBox(d.box, d.eyes, { rotate: this.rotate })) <= DUPLICATE_TRACK_IOU) continue;
        t.boxScore = d.score;
        raised++;
      }
    }
    return raised;
  }

  /**
   * The periodic check (facePath.ts): detector boxes that overlap no tracked face (crop IoU ≤
   * DUPLICATE_TRACK_IOU) start tracks next to the ones kept, up to `maxFaces`. Returns the new faces.
   */
  async addNew(pixels: FramePixels, detections: readonly DetectedFace[]): Promise<TrackedMeshFace[]> {
    const fresh = detections.filter((d) => {
      const r = roiFromDetectorBox(d.box, d.eyes, { rotate: this.rotate });
      return !this.tracks.some((t) => roiOverlap(t.roi, r) > DUPLICATE_TRACK_IOU);
    });
    return fresh.length ? this.addTracks(pixels, fresh) : [];
  }

  private async addTracks(pixels: FramePixels, detections: readonly DetectedFace[]): Promise<TrackedMeshFace[]> {
    const { widthPx, heightPx } = pixels;
    const out: TrackedMeshFace[] = [];
    for (const d of detections) {
      if (this.tracks.length >= this.opts.maxFaces) break;
      const first = roiFromDetectorBox(d.box, d.eyes, { rotate: this.rotate });
      if (!roiTrackable(first, widthPx, heightPx)) continue;
      const a = await this.runRoi(pixels, first);
      if (a.presence < this.minPresence) continue;
      // The trained crop (side 1.5 × the outline's longer extent) on the first mesh; from then on the side
      // follows the outline's width or height, whichever a bend or turn leaves (docs/face-roi.md).
      const weights = steadySideWeights(a.mesh, { rotate: this.rotate });
      if (!weights) continue;
      const roi = roiFromMesh(a.mesh, { rotate: this.rotate, extentWeights: weights });
      if (!roi || !roiTrackable(roi, widthPx, heightPx)) continue;
      const b = await this.runRoi(pixels, roi);
      if (b.presence < this.minPresence) continue;
      const next = roiFromMesh(b.mesh, { rotate: this.rotate, extentWeights: weights });
      if (!next || !roiTrackable(next, widthPx, heightPx)) continue;
      if (this.tracks.some((t) => roiOverlap(t.roi, next) > DUPLICATE_TRACK_IOU)) continue;
      this.tracks.push({ roi: next, boxScore: d.score, weights, centres: pushCentre([], next) });
      out.push(this.face(b.mesh, b.presence, roi, d.score, widthPx, heightPx));
    }
    return out;
  }

  /** Reads every tracked face on this frame. `lost` counts tracks that ended (presence too low, face left). */
  async track(pixels: FramePixels): Promise<{ faces: TrackedMeshFace[]; lost: number }> {
    const { widthPx, heightPx } = pixels;
    const faces: TrackedMeshFace[] = [];
    const kept: Track[] = [];
    let lost = 0;
    for (const t of this.tracks) {
      let read = t.roi;
      let r = await this.runRoi(pixels, read);
      let next = r.presence >= this.minPresence ? roiFromMesh(r.mesh, { rotate: this.rotate, extentWeights: t.weights }) : null;
      if (this.followMotion && next && roiTrackable(next, widthPx, heightPx) && needsRecentre(read, next, this.opts.recentreShare ?? RECENTRE_SHARE)) {
        // The face moved more than the crop did: the model reads an off-centre face differently
        // (cropMotion.ts). Read it once more in the crop this reading centres on it.
        this.recentredReads++;
        const again = await this.runRoi(pixels, next);
        const nextAgain = again.presence >= this.minPresence ? roiFromMesh(again.mesh, { rotate: this.rotate, extentWeights: t.weights }) : null;
        if (nextAgain) {
          read = next;
          r = again;
          next = nextAgain;
        }
      }
      if (!next || !roiTrackable(next, widthPx, heightPx) || kept.some((k) => roiOverlap(k.roi, next!) > DUPLICATE_TRACK_IOU)) {
        lost++;
        continue;
      }
      faces.push(this.face(r.mesh, r.presence, read, t.boxScore, widthPx, heightPx));
      const centres = pushCentre(t.centres, next);
      const ahead = this.followMotion ? predictRoi(next, centres, this.opts.predictMinShare ?? PREDICT_MIN_SHARE) : next;
      kept.push({ roi: roiTrackable(ahead, widthPx, heightPx) ? ahead : next, boxScore: t.boxScore, weights: t.weights, centres });
    }
    this.tracks = kept;
    return { faces, lost };
  }
}
