/**
 * Session 12 (eyeband): the eye band and the head fits with and without it, for the eyeband-* experiments. The same
 * definition is in eyeband-whatif.patch (core's faceIndices.ts `inEyeBand`), which eyeband-replay.ts needs applied.
 *
 * The eye band is a box in the canonical face (cm, packages/core/src/pose/canonicalFace.ts; y grows downward): the eyes,
 * eyelids and brows and the skin round them, where glasses' rims and lens reflections sit. |x| from 1.0 cm (beside the
 * nose bridge, which stays in) to 6.0 cm (the outer brow end), y from −5.4 cm (above the brows, 105/334 at −5.1) to
 * −1.5 cm (below the lower lids at −2.3, where a rim's lower edge sits): 120 of the 468 points, among them 10 of the head
 * fit's rigid points (the eye corners 33, 133, 263, 362, 130, 359, 243, 463, 226, 446).
 */
import { CANONICAL_FACE_CM } from '../../packages/core/src/pose/canonicalFace.ts';
import { CANONICAL_FACE, type FaceObservation, alignSimilarity, anglesFromRotationMatrix, headFitWeights, meshArray } from '@geste/core';

export const EYE_BAND_X_CM: readonly [number, number] = [1.0, 6.0];
export const EYE_BAND_Y_CM: readonly [number, number] = [-5.4, -1.5];
export const canonX = (i: number): number => CANONICAL_FACE_CM[i * 3]!;
export const canonY = (i: number): number => CANONICAL_FACE_CM[i * 3 + 1]!;
export function isEyeBandPoint(i: number): boolean {
  const ax = Math.abs(canonX(i)), y = canonY(i);
  return ax >= EYE_BAND_X_CM[0] && ax <= EYE_BAND_X_CM[1] && y >= EYE_BAND_Y_CM[0] && y <= EYE_BAND_Y_CM[1];
}
/** The head fit's weights (headFit.ts: rigid 1, others 0.15) and the same without the eye band. */
export const CORE_WEIGHTS = headFitWeights();
export const NO_EYE_BAND_WEIGHTS = headFitWeights(isEyeBandPoint);

/** Camera-frame angles [rotation, tilt, flexion] of the closed-form head fit (core's default fitHead) with these weights. */
export function fitAngles(face: FaceObservation, weights: Float64Array): [number, number, number] | null {
  const obs = meshArray(face);
  const f = obs && alignSimilarity(CANONICAL_FACE, obs, weights);
  if (!f) return null;
  const a = anglesFromRotationMatrix(f.rotation);
  return [a.rotationDeg, a.tiltDeg, a.flexionDeg];
}

/** The face regions the eyeband experiments fit one at a time: name and which canonical points it keeps. */
export const EYE_BAND_REGIONS: readonly [string, (i: number) => boolean][] = [
  ['every point (core)', () => true],
  ['eye band only', isEyeBandPoint],
  ['all but the eye band', (i) => !isEyeBandPoint(i)],
  ['below the band (nose, cheeks, mouth, jaw)', (i) => canonY(i) > EYE_BAND_Y_CM[1]],
  ['above the band (forehead)', (i) => canonY(i) < EYE_BAND_Y_CM[0]],
];
/** Head-fit weights per region of EYE_BAND_REGIONS (points outside the region weigh 0). */
export const EYE_BAND_REGION_WEIGHTS = EYE_BAND_REGIONS.map(([, keep]) => headFitWeights((i) => !keep(i)));
/** The value after `--name` on the command line. */
export const cliArg = (k: string): string | undefined => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
