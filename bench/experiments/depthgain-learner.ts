/**
 * Experiment (issue 13, session 10, depthgain; not in core: it did not help, BENCHMARKS.md "(session 10, depthgain)").
 * A person's own face depth, learned from foreshortening over their own turns, for the head fit (issue 13).
 *
 * Why: the head fit aligns one standard face (canonicalFace.ts) to the mesh. A face whose nose stands out less than the
 * standard face's, relative to its width, moves its nose less per degree of turn, and the fit reads the turn short
 * (the phantom's deep-wide ≈ 0.77×, hopper ≈ 1.24×; BENCHMARKS.md session 9). One parameter, the depth scale k of the
 * standard face, absorbs most of that.
 *
 * How k is learned: in the picture (x, y only, weak perspective) a face turned by θ shows its widths shrunk by cos θ
 * whatever its depth, while the nose's sideways offset grows with depth × sin θ. Over the frames of a sure mesh turned
 * 10–45° (DEPTH_LEARN_*), each frame's pose is fitted in 2-D to the standard face with its depth scaled by k
 * (`fitPose2d`), and k is the value that leaves the smallest summed residual (1-D search, `learnDepthScale`).
 * Bas-relief ambiguity: at small turns only depth × angle is observable (cos θ ≈ 1), so the learner refuses (`ok:
 * false` and the reason) without enough frames turned at least DEPTH_LEARN_MIN_SPAN_DEG; the fit is then unchanged.
 * ref: Belhumeur, Kriegman, Yuille, "The bas-relief ambiguity", IJCV 35(1), 1999 (why small motion cannot fix depth).
 */
import type { LandmarkFrame } from '../../packages/core/src/landmarks/types.ts';
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { type Mat3, anglesFromRotationMatrix } from '../../packages/core/src/pose/euler.ts';
import { FACE_MESH_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { selectPatientFace } from '../../packages/core/src/pose/frameGeometry.ts';
import { alignSimilarity } from '../../packages/core/src/pose/quatAlign.ts';
import { depthScaledModel, fitPose2d, fitWeights } from './depthgain-pose2d.ts';

/** A sure mesh: the face model's own score at least this (reentry.ts CONSISTENT_MESH_SCORE). */
export const DEPTH_LEARN_MIN_MESH_SCORE = 0.9;
/** Frames turned (from the camera, by the standard fit) within this band teach k, deg. */
export const DEPTH_LEARN_MIN_TURN_DEG = 10;
export const DEPTH_LEARN_MAX_TURN_DEG = 45;
/** Foreshortening is observable only on larger turns (cos 20° = 0.94): this many frames must be turned at least… */
export const DEPTH_LEARN_MIN_SPAN_FRAMES = 15;
/** …this far, deg. Below it only depth × angle is seen (bas-relief) and the learner refuses. */
export const DEPTH_LEARN_MIN_SPAN_DEG = 20;
/**
 * …and the sure-mesh frames must sweep at least this range of turn (largest minus smallest signed yaw), deg: a face held
 * still at 28° (a real photograph, panned) otherwise taught k = 1.46–1.97 from one pose.
 */
export const DEPTH_LEARN_MIN_SWEEP_DEG = 30;
/** Range of k searched. */
export const DEPTH_SCALE_MIN = 0.4;
export const DEPTH_SCALE_MAX = 2.0;
/** Grid step of the 1-D search (then refined by a parabola through the best three). */
const K_STEP = 0.05;

export type DepthLearnRefusal = 'too-few-turned-frames' | 'turn-span-too-small' | 'no-minimum-inside-range';

export type DepthScaleResult =
  | {
    readonly ok: true;
    /** Depth scale of the standard face that best explains this person's turns (1 = the standard face). */
    readonly depthScale: number;
    /** Frames used, and how many were turned at least DEPTH_LEARN_MIN_SPAN_DEG. */
    readonly frames: number;
    readonly spanFrames: number;
    /** Largest turn among the frames used (standard fit, from the camera), deg. */
    readonly maxTurnDeg: number;
    /** Mean residual per frame at the chosen k and at k = 1 (cm², weighted), for reports. */
    readonly residualAtScale: number;
    readonly residualAtOne: number;
  }
  | { readonly ok: false; readonly reason: DepthLearnRefusal; readonly frames: number; readonly spanFrames: number; readonly maxTurnDeg: number };

export interface DepthLearnOptions {
  readonly minSpanDeg?: number;
  readonly minSpanFrames?: number;
  /** Points and their weights (default: every mesh point with the head fit's weights). */
  readonly weights?: ArrayLike<number>;
}

interface Sample { readonly observed: Float64Array; start: { rotation: Mat3; scale: number; translation: readonly [number, number] } }

/**
 * Learns the depth scale k of the standard face from a person's own turns (frames in any order). Refuses, with the
 * reason, when the frames do not turn far enough to tell depth from angle.
 */
export function learnDepthScale(frames: readonly LandmarkFrame[], weightsRigid: readonly number[], opts: DepthLearnOptions = {}): DepthScaleResult {
  const weights = opts.weights ?? fitWeights(weightsRigid);
  const canon = Float64Array.from(CANONICAL_FACE_CM);
  const samples: Sample[] = [];
  let spanFrames = 0, maxTurnDeg = 0, minSignedDeg = Infinity, maxSignedDeg = -Infinity;
  const minSpanDeg = opts.minSpanDeg ?? DEPTH_LEARN_MIN_SPAN_DEG;
  for (const frame of frames) {
    if (!Array.isArray(frame.faces)) continue;
    const sel = selectPatientFace(frame);
    if (sel.kind !== 'one' || !(sel.face.meshScore >= DEPTH_LEARN_MIN_MESH_SCORE) || sel.face.meshPx.length < FACE_MESH_POINTS) continue;
    const observed = new Float64Array(FACE_MESH_POINTS * 3);
    let finite = true;
    for (let i = 0; i < FACE_MESH_POINTS; i++) {
      const p = sel.face.meshPx[i]!;
      observed[i * 3] = p.x; observed[i * 3 + 1] = p.y; observed[i * 3 + 2] = p.z;
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.z)) finite = false;
    }
    if (!finite) continue;
    const fit = alignSimilarity(canon, observed, weights);
    if (fit === null) continue;
    const signed = anglesFromRotationMatrix(fit.rotation).rotationDeg;
    minSignedDeg = Math.min(minSignedDeg, signed);
    maxSignedDeg = Math.max(maxSignedDeg, signed);
    const yaw = Math.abs(signed);
    if (yaw < DEPTH_LEARN_MIN_TURN_DEG || yaw > DEPTH_LEARN_MAX_TURN_DEG) continue;
    if (yaw >= minSpanDeg) spanFrames++;
    maxTurnDeg = Math.max(maxTurnDeg, yaw);
    samples.push({ observed, start: { rotation: fit.rotation, scale: fit.scale, translation: [fit.translation[0], fit.translation[1]] } });
  }
  const counts = { frames: samples.length, spanFrames, maxTurnDeg };
  if (samples.length < (opts.minSpanFrames ?? DEPTH_LEARN_MIN_SPAN_FRAMES)) return { ok: false, reason: 'too-few-turned-frames', ...counts };
  if (spanFrames < (opts.minSpanFrames ?? DEPTH_LEARN_MIN_SPAN_FRAMES) || maxSignedDeg - minSignedDeg < DEPTH_LEARN_MIN_SWEEP_DEG) return { ok: false, reason: 'turn-span-too-small', ...counts };
  const residual = (k: number): number => {
    const model = depthScaledModel(canon, weights, k);
    let total = 0, used = 0;
    for (const smp of samples) {
      const p = fitPose2d(model, smp.observed, weights, smp.start);
      if (p === null) continue;
      total += p.sseModel;
      used++;
    }
    return used > 0 ? total / used : Infinity;
  };
  const ks: number[] = [];
  for (let k = DEPTH_SCALE_MIN; k <= DEPTH_SCALE_MAX + 1e-9; k += K_STEP) ks.push(k);
  const es = ks.map(residual);
  let best = 0;
  for (let i = 1; i < es.length; i++) if (es[i]! < es[best]!) best = i;
  if (best === 0 || best === ks.length - 1 || !Number.isFinite(es[best]!)) return { ok: false, reason: 'no-minimum-inside-range', ...counts };
  // Parabola through the best grid point and its neighbours.
  const e0 = es[best - 1]!, e1 = es[best]!, e2 = es[best + 1]!;
  const den = e0 - 2 * e1 + e2;
  const k = ks[best]! + (den > 0 ? (0.5 * K_STEP * (e0 - e2)) / den : 0);
  return { ok: true, depthScale: k, ...counts, residualAtScale: residual(k), residualAtOne: residual(1) };
}
