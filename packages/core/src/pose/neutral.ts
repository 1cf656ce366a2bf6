/**
 * Neutral: the head orientation (and trunk relation) that angles are measured from.
 * - 'calibrated': the person's own resting-straight pose, averaged over a still stretch of frames.
 * - 'anatomical': the camera-derived neutral — face plane parallel to the image plane, eyes level — used
 *   when the person cannot reach straight or has not calibrated. Every result names which one was used.
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { NeutralKind } from '../measures/types.ts';
import { MAT3_IDENTITY, type Mat3, rotationDistanceDeg } from './euler.ts';
import { type FitOptions, fitHead } from './headFit.ts';
import { meanRotation } from './rotation.ts';
import { selectPatientFace, shoulderGeometry } from './frameGeometry.ts';
import { type RestLensGlare, frameLensGlareShare, preferGlareFree } from './lensGlare.ts';

export interface Neutral {
  readonly kind: NeutralKind;
  /** Head → camera rotation at neutral. */
  readonly headToCamera: Mat3;
  /** Neck-pivot offset from the shoulder midpoint at neutral, cm (+ = patient's right); null if unknown. */
  readonly lateralOffsetCm: number | null;
  /** Shoulder-line angle at neutral, deg (+ = patient's right shoulder higher); null if unknown. */
  readonly shoulderElevationDeg: number | null;
  /** Ear-to-ear distance over face scale at neutral (for the keypoint fallback); null if unknown. */
  readonly earDistanceCm: number | null;
  /** Frames averaged (0 for anatomical). */
  readonly framesUsed: number;
  /** Largest angle between a calibration frame and the mean, deg (how still the person was). */
  readonly spreadDeg: number;
  /**
   * Glare on glasses during the calibration rest (pose/lensGlare.ts): absent when there was none (or it was not
   * measured); 'left-out' when the neutral is the glare-free frames' mean; 'kept' when it includes glare frames and
   * may be a few degrees off.
   */
  readonly lensGlare?: RestLensGlare;
}

export function anatomicalNeutral(): Neutral {
  return {
    kind: 'anatomical',
    headToCamera: MAT3_IDENTITY,
    lateralOffsetCm: 0,
    shoulderElevationDeg: 0,
    earDistanceCm: null,
    framesUsed: 0,
    spreadDeg: 0,
  };
}

export type CalibrationFailure = 'too-few-face-frames' | 'not-still' | 'multiple-faces';

export type CalibrationResult =
  | { readonly ok: true; readonly neutral: Neutral }
  | { readonly ok: false; readonly reason: CalibrationFailure; readonly framesWithFace: number; readonly spreadDeg: number };

export interface CalibrationOptions extends FitOptions {
  /** Fewest frames with a well-fitted face. Default 10. */
  readonly minFrames?: number;
  /** Largest allowed deviation of a frame from the mean, deg. Default 4. */
  readonly maxSpreadDeg?: number;
}

/** Averages a still stretch of frames into a calibrated neutral, or says why it cannot. */
export function calibrateNeutral(frames: readonly LandmarkFrame[], opts: CalibrationOptions = {}): CalibrationResult {
  const minFrames = opts.minFrames ?? 10;
  const maxSpread = opts.maxSpreadDeg ?? 4;
  const fitted: { rotation: Mat3; geometry: ReturnType<typeof shoulderGeometry>; glareShare: number | null }[] = [];
  let multiple = 0;
  for (const frame of frames) {
    const sel = selectPatientFace(frame);
    if (sel.kind === 'multiple') multiple++;
    if (sel.kind !== 'one') continue;
    const fit = fitHead(sel.face, frame, opts);
    if (fit === null || fit.rmsResidualCm > 1.0) continue;
    fitted.push({ rotation: fit.headToCamera, geometry: shoulderGeometry(frame, fit), glareShare: frameLensGlareShare(frame) });
  }
  // Glare on glasses moves the mesh's reading of a still head (pose/lensGlare.ts): the glare-free frames when enough.
  const { use, glare } = preferGlareFree(fitted, (f) => f.glareShare, minFrames);
  const rotations = use.map((f) => f.rotation);
  const lateral = use.flatMap((f) => (f.geometry.lateralOffsetCm !== null ? [f.geometry.lateralOffsetCm] : []));
  const shoulder = use.flatMap((f) => (f.geometry.shoulderElevationDeg !== null ? [f.geometry.shoulderElevationDeg] : []));
  const ears = use.flatMap((f) => (f.geometry.earDistanceCm !== null ? [f.geometry.earDistanceCm] : []));
  if (rotations.length < minFrames) {
    return {
      ok: false,
      reason: multiple > frames.length / 2 ? 'multiple-faces' : 'too-few-face-frames',
      framesWithFace: rotations.length,
      spreadDeg: 0,
    };
  }
  const mean = meanRotation(rotations)!;
  const spreadDeg = Math.max(...rotations.map((r) => rotationDistanceDeg(r, mean)));
  if (spreadDeg > maxSpread) {
    return { ok: false, reason: 'not-still', framesWithFace: rotations.length, spreadDeg };
  }
  return {
    ok: true,
    neutral: {
      kind: 'calibrated',
      headToCamera: mean,
      lateralOffsetCm: median(lateral),
      shoulderElevationDeg: median(shoulder),
      earDistanceCm: median(ears),
      framesUsed: rotations.length,
      spreadDeg,
      ...(glare ? { lensGlare: glare } : {}),
    },
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Why a stored neutral was refused. */
export class NeutralFormatError extends Error {
  override readonly name = 'NeutralFormatError';
}

function isRotation(m: unknown): m is Mat3 {
  if (!Array.isArray(m) || m.length !== 9 || !m.every((x) => typeof x === 'number' && Number.isFinite(x))) return false;
  const r = m as number[];
  // Orthonormal with det +1, to 1e-3.
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = r[i * 3]! * r[j * 3]! + r[i * 3 + 1]! * r[j * 3 + 1]! + r[i * 3 + 2]! * r[j * 3 + 2]!;
      if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-3) return false;
    }
  }
  const det = r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) - r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) + r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);
  return Math.abs(det - 1) < 1e-3;
}

const isRestLensGlare = (g: unknown): g is RestLensGlare => {
  if (typeof g !== 'object' || g === null) return false;
  const o = g as Record<string, unknown>;
  return (o.outcome === 'left-out' || o.outcome === 'kept') && [o.framesChecked, o.framesWithGlare, o.maxShare].every((x) => typeof x === 'number' && Number.isFinite(x));
};

const nullableFinite = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

/** Validates a neutral read from JSON (a file, storage, the network). Throws NeutralFormatError with words. */
export function neutralFromJson(value: unknown): Neutral {
  if (typeof value !== 'object' || value === null) throw new NeutralFormatError('Expected a JSON object describing a neutral; got ' + typeof value + '.');
  const v = value as Record<string, unknown>;
  if (v.kind !== 'calibrated' && v.kind !== 'anatomical') throw new NeutralFormatError(`Expected "kind" to be "calibrated" or "anatomical"; got ${JSON.stringify(v.kind)}.`);
  if (!isRotation(v.headToCamera)) throw new NeutralFormatError('Expected "headToCamera" to be a 3×3 rotation matrix as 9 numbers (orthonormal, determinant 1).');
  for (const k of ['lateralOffsetCm', 'shoulderElevationDeg', 'earDistanceCm'] as const) {
    if (v[k] !== undefined && !nullableFinite(v[k])) throw new NeutralFormatError(`Expected "${k}" to be a number or null; got ${JSON.stringify(v[k])}.`);
  }
  return {
    kind: v.kind,
    headToCamera: v.headToCamera,
    lateralOffsetCm: (v.lateralOffsetCm as number | null | undefined) ?? null,
    shoulderElevationDeg: (v.shoulderElevationDeg as number | null | undefined) ?? null,
    earDistanceCm: (v.earDistanceCm as number | null | undefined) ?? null,
    framesUsed: typeof v.framesUsed === 'number' && Number.isFinite(v.framesUsed) ? v.framesUsed : 0,
    spreadDeg: typeof v.spreadDeg === 'number' && Number.isFinite(v.spreadDeg) ? v.spreadDeg : 0,
    ...(isRestLensGlare(v.lensGlare) ? { lensGlare: v.lensGlare } : {}),
  };
}
