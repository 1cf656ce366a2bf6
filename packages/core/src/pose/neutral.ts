/**
 * Neutral: the head orientation (and trunk relation) that angles are measured from.
 * - 'calibrated': the person's own resting-straight pose, averaged over a still stretch of frames.
 * - 'anatomical': the camera-derived neutral — face plane parallel to the image plane, eyes level — used
 *   when the person cannot reach straight or has not calibrated. Every result names which one was used.
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { NeutralKind } from '../measures/types.ts';
import { MAT3_IDENTITY, type Mat3, rotationDistanceDeg } from './euler.ts';
import { fitHead } from './headFit.ts';
import { meanRotation } from './rotation.ts';
import { selectPatientFace, shoulderGeometry } from './frameGeometry.ts';

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

export interface CalibrationOptions {
  /** Fewest frames with a well-fitted face. Default 10. */
  readonly minFrames?: number;
  /** Largest allowed deviation of a frame from the mean, deg. Default 4. */
  readonly maxSpreadDeg?: number;
}

/** Averages a still stretch of frames into a calibrated neutral, or says why it cannot. */
export function calibrateNeutral(frames: readonly LandmarkFrame[], opts: CalibrationOptions = {}): CalibrationResult {
  const minFrames = opts.minFrames ?? 10;
  const maxSpread = opts.maxSpreadDeg ?? 4;
  const rotations: Mat3[] = [];
  const lateral: number[] = [];
  const shoulder: number[] = [];
  const ears: number[] = [];
  let multiple = 0;
  for (const frame of frames) {
    const sel = selectPatientFace(frame);
    if (sel.kind === 'multiple') multiple++;
    if (sel.kind !== 'one') continue;
    const fit = fitHead(sel.face);
    if (fit === null || fit.rmsResidualCm > 1.0) continue;
    rotations.push(fit.headToCamera);
    const g = shoulderGeometry(frame, fit);
    if (g.lateralOffsetCm !== null) lateral.push(g.lateralOffsetCm);
    if (g.shoulderElevationDeg !== null) shoulder.push(g.shoulderElevationDeg);
    if (g.earDistanceCm !== null) ears.push(g.earDistanceCm);
  }
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
    },
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
