/**
 * The far-range rule for flexion (issue 13): a face mesh that reads a moderate chin-up while its shape says it is
 * being pushed past what it models.
 *
 * On the phantom, one face in a dim, noisy 15 fps video (beard-glasses × laptop-15fps-dim) read a held chin-up of
 * −35° as −17…−20°: the face-mesh model scored its own mesh 0.99–1.00, the readings were steady, and −18° is well
 * inside the mesh's range, so neither the range rule (range.ts) nor the re-entry rule (reentry.ts) could see it.
 * What did show: the rigid fit of the canonical face to that mesh fitted worse than the same face's mesh near
 * frontal — its RMS residual rose 0.12–0.17 cm above the person's own near-frontal residual. A mesh that tracks a
 * moderate chin-up keeps its shape: on the astronaut a correct −19° read 0.04 cm above its baseline, and only
 * past ≈ 25° of chin-up from the camera did a correct mesh's residual rise as much (0.19 cm at a true −35°, read
 * −32°). So "the mesh departs from a rigid face" + "it reads a chin-up" marks a mesh the model is extrapolating;
 * its flexion is not given (the frame keeps rotation and tilt, as low confidence, reason `beyond-tracker-range`). The
 * bar rises with the chin-up read past 20° (0.02 cm/deg; session 5: 0.10 cm rising 0.01 cm/deg past 15°), as a right
 * mesh's residual does; a smaller rise (from
 * `FLEXION_RESIDUAL_DOUBT_CM`) keeps the reading as low confidence.
 *
 * Only for a face turned less than COMBINED_TURN_DEG: a turned face fits worse anyway, and turned-and-bent is the
 * combined-posture rule's (range.ts). docs/far-range.md has what else was tried.
 *
 * The baseline is the person's own: the median residual of recent near-frontal mesh frames (faces differ: 0.64 cm
 * for the astronaut, 0.56 cm for olive-narrow, 0.72 cm for the bearded face in the dim video). Before there is one,
 * `DEFAULT_BASELINE_CM`, and a rise over it only lowers the confidence: flexion is dropped only against the person's
 * own baseline (≥ BASELINE_MIN_FRAMES near-frontal frames).
 *
 * Stateful, in frame order, after the re-entry guard; the live estimator and the recording analyser both use it.
 */
import type { FrameMeasure, HeadAngles } from '../measures/types.ts';
import type { FaceObservation, LandmarkFrame } from '../landmarks/types.ts';
import { CANONICAL_FACE_CM } from './canonicalFace.ts';
import { anglesFromRotationMatrix } from './euler.ts';
import { CANONICAL_FACE, type FitOptions, type HeadFit, fitHead, headFitWeights, meshArray } from './headFit.ts';
import { alignSimilarity } from './quatAlign.ts';
import { selectPatientFace } from './frameGeometry.ts';
import { COMBINED_TURN_DEG } from './range.ts';
import { provisional, withoutFlexion } from './doubt.ts';
import { quantileSorted } from '../signal/series.ts';

/**
 * Residual rise over the person's near-frontal baseline from which a chin-up reading is not trusted, cm. 0.08 (was 0.10):
 * with the own face-mesh crop (the default since session 5) the same face's −35° hold read −23…−25° (10–12° off) at
 * 0.08–0.12 cm and a chin-up of 18–20° from the camera, under the old bar (0.13–0.15 there); correct readings at that
 * chin-up rose ≤ 0.07 cm on three other faces (either crop).
 */
export const FLEXION_RESIDUAL_EXCESS_CM = 0.08;
/**
 * A smaller rise makes a chin-up reading low confidence (value kept): olive-narrow's −35° read −28…−30° (5–6.7° off)
 * at 0.07–0.13 cm, while correct core-range chin-ups rose 0.04–0.08 cm (astronaut, dark-stubble). */
export const FLEXION_RESIDUAL_DOUBT_CM = 0.05;
/**
 * The bar for dropping flexion rises by this much per degree of chin-up read past FLEXION_EXCESS_RISE_FROM_DEG, cm/deg
 * (0.02 from 20°: right readings at 27–30° from the camera rose 0.14 cm, own crop, olive-narrow, and 0.19 cm, Human's crop,
 * astronaut).
 */
export const FLEXION_EXCESS_RISE_CM_PER_DEG = 0.02;
export const FLEXION_EXCESS_RISE_FROM_DEG = 20;
/** Chin-up from the camera (fitted, deg) from which the residual check applies. */
export const FLEXION_CHECK_CHIN_UP_DEG = 10;
/** "Near frontal" for the baseline: fitted turn and tilt within this of the camera, deg. */
export const BASELINE_TURN_TILT_DEG = 15;
/** …and flexion between this much chin-up and `BASELINE_CHIN_DOWN_DEG` chin-down (a camera below sees a level head as bent down), deg. */
export const BASELINE_CHIN_UP_DEG = 8;
export const BASELINE_CHIN_DOWN_DEG = 25;
/** Baseline: median of this many most recent near-frontal residuals. */
export const BASELINE_FRAMES = 60;
/** Residual assumed before any near-frontal frame was seen (the phantom's faces: 0.56–0.72 cm, median of four 0.64), cm. */
export const DEFAULT_BASELINE_CM = 0.62;
/**
 * Near-frontal frames of the person's own needed before a chin-up reading's flexion is dropped. Before that the rise is
 * measured against DEFAULT_BASELINE_CM, which another face shape can exceed at rest (deep-wide with the camera 20 cm
 * below: every frame is a chin-up to the camera and none is near frontal), so it only lowers the confidence.
 */
export const BASELINE_MIN_FRAMES = 10;

/** What the frame's face-mesh fit says, for the flexion rule (null: no single face with a mesh fit). */
export interface FlexionFitEvidence {
  /** RMS residual of the canonical face fitted to the mesh, cm. */
  readonly residualCm: number;
  /** The same without the mouth and jaw (noMouthResidualCm); null when not computed (the rise is then the residual's alone). */
  readonly noMouthResidualCm: number | null;
  /** The flexion (from the camera, deg) of that fit without the mouth and jaw; null or absent when not computed (mouthFlexion.ts). */
  readonly noMouthFlexionDeg?: number | null;
  /** The fitted head orientation relative to the camera (not the neutral). */
  readonly cameraAngles: HeadAngles;
}

/** Canonical points lower than this are the mouth, the jaw and the chin (below the nose's base; y grows downward), cm. */
export const MOUTH_JAW_BELOW_CM = 2.5;
/** The head fit's weights (headFit.ts: rigid points 1, others 0.15) with the mouth, jaw and chin left out. */
const NO_MOUTH_WEIGHTS: Float64Array = headFitWeights((i) => CANONICAL_FACE_CM[i * 3 + 1]! > MOUTH_JAW_BELOW_CM);

/**
 * RMS residual of the canonical face fitted to the mesh without its mouth, jaw and chin (canonical points below
 * MOUTH_JAW_BELOW_CM), cm; null when the mesh is incomplete or degenerate. Session 10 (mouth): on a real talker with the
 * mouth wide open the head fit's residual rose 0.31 → 0.63 cm (the lips and the dropped jaw) and the rule withheld
 * flexion on 29 of 500 frames; this residual stayed within 0.03 cm of its closed-mouth level. docs/far-range.md, "An open mouth".
 */
export function noMouthResidualCm(face: FaceObservation): number | null {
  return noMouthFit(face)?.residualCm ?? null;
}

/**
 * The canonical face fitted to the mesh without its mouth, jaw and chin: its RMS residual (cm) and its flexion from the
 * camera (deg); null when the mesh is incomplete or degenerate. One fit for the flexion-range rule and the open-mouth
 * correction (mouthFlexion.ts).
 */
export function noMouthFit(face: FaceObservation): { residualCm: number; flexionDeg: number } | null {
  const observed = meshArray(face);
  if (observed === null) return null;
  const fit = alignSimilarity(CANONICAL_FACE, observed, NO_MOUTH_WEIGHTS);
  if (fit === null || !Number.isFinite(fit.rmsResidualA)) return null;
  return { residualCm: fit.rmsResidualA, flexionDeg: anglesFromRotationMatrix(fit.rotation).flexionDeg };
}

/**
 * The evidence from a head fit already made (null: no fit, or no finite residual); with the fitted face, the residual
 * without the mouth too.
 */
export function flexionEvidenceFromFit(fit: HeadFit | null, face: FaceObservation | null = null): FlexionFitEvidence | null {
  if (fit === null || !Number.isFinite(fit.rmsResidualCm)) return null;
  const noMouth = face === null ? null : noMouthFit(face);
  return {
    residualCm: fit.rmsResidualCm,
    noMouthResidualCm: noMouth?.residualCm ?? null,
    noMouthFlexionDeg: noMouth?.flexionDeg ?? null,
    cameraAngles: anglesFromRotationMatrix(fit.headToCamera),
  };
}

/** The evidence for a frame on its own (fits the frame's one face; for tests and experiments). */
export function flexionFitEvidence(frame: LandmarkFrame, fitOptions: FitOptions = {}): FlexionFitEvidence | null {
  if (!Array.isArray(frame.faces) || frame.faces.length === 0) return null;
  const sel = selectPatientFace(frame);
  return sel.kind === 'one' ? flexionEvidenceFromFit(fitHead(sel.face, frame, fitOptions), sel.face) : null;
}

export class FlexionRangeGuard {
  private readonly recent: number[] = [];
  /** The residuals without the mouth of the same near-frontal frames (null where not computed). */
  private readonly recentNoMouth: (number | null)[] = [];

  /** The person's near-frontal residual so far (median of recent near-frontal frames), cm. */
  get baselineCm(): number {
    return median(this.recent) ?? DEFAULT_BASELINE_CM;
  }

  /** The person's near-frontal residual without the mouth so far, cm (null: none yet). */
  get noMouthBaselineCm(): number | null {
    return median(this.recentNoMouth.filter((v): v is number => v !== null));
  }

  apply(m: FrameMeasure, evidence: FlexionFitEvidence | null): FrameMeasure {
    if (evidence === null || m.method !== 'face-mesh' || m.flexionDeg === null) return m;
    const a = evidence.cameraAngles;
    const nearFrontal = Math.abs(a.rotationDeg) <= BASELINE_TURN_TILT_DEG && Math.abs(a.tiltDeg) <= BASELINE_TURN_TILT_DEG &&
      a.flexionDeg >= -BASELINE_CHIN_UP_DEG && a.flexionDeg <= BASELINE_CHIN_DOWN_DEG;
    if (nearFrontal) {
      this.recent.push(evidence.residualCm);
      this.recentNoMouth.push(evidence.noMouthResidualCm ?? null);
      if (this.recent.length > BASELINE_FRAMES) {
        this.recent.shift();
        this.recentNoMouth.shift();
      }
      return m;
    }
    // Turned faces fit worse anyway (up to 0.26 cm above the near-frontal baseline on correct far-turn readings):
    // the baseline is for a face seen from the front. Turned and bent is the combined-posture rule's (range.ts).
    const chinUp = -a.flexionDeg >= FLEXION_CHECK_CHIN_UP_DEG && Math.abs(a.rotationDeg) < COMBINED_TURN_DEG;
    // The rise must show without the mouth and jaw too (session 10): a mouth opened wide raised the residual 0.3 cm on a
    // real talker while the rest of the face fitted as at rest; a mesh pushed past what it models departs there too
    // (beard-glasses' −35° hold: +0.08…0.20 cm with the mouth, +0.12…0.26 cm without).
    const noMouthBaseline = this.noMouthBaselineCm;
    const noMouthExcessCm = evidence.noMouthResidualCm === null || noMouthBaseline === null ? Infinity : evidence.noMouthResidualCm - noMouthBaseline;
    const excessCm = Math.min(evidence.residualCm - this.baselineCm, noMouthExcessCm);
    if (!chinUp || excessCm < FLEXION_RESIDUAL_DOUBT_CM) return m;
    // A right mesh's residual rises with its own chin-up too (+0.04 cm at −19°, +0.19 cm at −32° on the astronaut): the
    // bar for dropping flexion rises with the reading past FLEXION_EXCESS_RISE_FROM_DEG.
    const barCm = FLEXION_RESIDUAL_EXCESS_CM + FLEXION_EXCESS_RISE_CM_PER_DEG * Math.max(0, -a.flexionDeg - FLEXION_EXCESS_RISE_FROM_DEG);
    const ownBaseline = this.recent.length >= BASELINE_MIN_FRAMES;
    if (excessCm < barCm || !ownBaseline) return provisional(m, 'range-edge-chin-up');
    return withoutFlexion(m, 'chin-up');
  }
}

function median(values: readonly number[]): number | null {
  return values.length === 0 ? null : quantileSorted([...values].sort((x, y) => x - y), 0.5);
}
