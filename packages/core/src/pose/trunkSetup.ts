/**
 * A turned trunk seen with a 2-D body model (MoveNet): a **flag**, never a correction.
 *
 * Without keypoint depth the trunk's turn has no sign (docs/anatomical-zero.md "Trunk reference"): the
 * perspective cues that would give it (the near shoulder lower and farther from the neck) are the same
 * image changes as a raised shoulder and a lateral shift, both signs of cervical dystonia, and on the
 * phantom they moved by ≤ 2° and in the wrong direction. What is left is the width: a trunk turned by θ
 * shows its shoulders cos θ as wide. Against an anthropometric width that is useless (people's shoulder
 * to face proportions vary by more than the 3.4 % of a 15° turn), but against the **person's own width,
 * measured once while they sit square to the camera** (a camera set-up step, like setting a laptop camera
 * at eye level: it says where the camera is, not how the head is held, so it cannot erase the dystonia),
 * a narrower width says "this person may sit turned by about acos(w / w₀)".
 *
 * That estimate has no sign, and it is also what a head pushed forward (the face's scale grows against the
 * shoulders: 1.7 cm at 50 cm reads as 15°) or a change of framing gives. So it is only used to make the
 * rotation **uncertain** ("about N°, ± U°, your shoulders look turned to the camera compared with your
 * set-up"); the value itself is never changed: the disease can never vanish from the number.
 *
 * Widths are in the person's own face centimetres (shoulder keypoint distance / the face fit's px per cm),
 * so the distance to the camera cancels. The face-mesh model's scale itself moves with the head's turn (by up
 * to 5 % on the phantom, as much as the signal), so the set-up keeps the width per head turn: the person sits
 * square and turns the head slowly left and right. A set-up applies only while the face's scale stays within
 * ±TRUNK_SETUP_MAX_SCALE_CHANGE of the set-up's (MoveNet places the phantom's shoulder keypoints up to 14 %
 * differently at another framing). Pure: no clock, no DOM.
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import { keypoint, selectPatientFace } from './frameGeometry.ts';
import { anglesFromRotationMatrix } from './euler.ts';
import { type FitOptions, type HeadFit, fitHead } from './headFit.ts';

/** Shoulder keypoints need this score for a width (MoveNet on the phantom: 0.54–0.86 at 90 cm, 0.24–0.33 at 40–50 cm). */
export const MIN_SHOULDER_SCORE_FOR_WIDTH = 0.5;
/** A set-up needs this many frames with both shoulders and a face. */
export const TRUNK_SETUP_MIN_FRAMES = 15;
/** A set-up whose widths spread (interquartile range / median) by more than this is refused: the person moved. */
export const TRUNK_SETUP_MAX_SPREAD = 0.03;
/** The set-up applies while the face's px per cm stays within this share of the set-up's (same seat, same framing). */
export const TRUNK_SETUP_MAX_SCALE_CHANGE = 0.1;
/**
 * A width narrower than cos(this) of the set-up's flags the rotation. On the phantom at 90 cm (three faces)
 * trunks turned ±15° suggested 12.3–19.6°, a 30° torticollis over a square trunk 0–13.4° (the face's scale
 * moves up to 5 % between postures): 12° flags every turned trunk and one of three torticollis clips
 * falsely. Opt-in for that reason (BENCHMARKS.md "Trunk reference (session 5)").
 */
export const TRUNK_TURN_FLAG_DEG = 12;

/** Head turns (against the camera) are grouped in bins this wide for the set-up's width per head turn, deg. */
export const SETUP_ROTATION_BIN_DEG = 5;
/** A bin needs this many frames. */
export const SETUP_MIN_FRAMES_PER_BIN = 3;

/** The person's shoulder width while sitting square to the camera (set-up step). */
export interface TrunkSetup {
  /** Shoulder keypoint distance in the person's own face centimetres (median of all set-up frames). */
  readonly shoulderWidthFaceCm: number;
  /**
   * The same width per head turn against the camera (bin centres, ascending). The trunk does not move during
   * the set-up, so what changes here is the face's own scale as the head turns (the face-mesh model's scale
   * moved by up to 5 % on the phantom): turning the head left and right during the set-up lets it be taken
   * out. Frames whose head turn lies outside the bins use the nearest bin.
   */
  readonly widthByRotation: readonly { readonly rotationDeg: number; readonly widthFaceCm: number }[];
  /** The face's scale during the set-up, px per cm (median): the set-up applies near this scale only. */
  readonly pxPerCm: number;
  /** Frames the medians came from. */
  readonly frames: number;
}

export type TrunkSetupErrorCode = 'too-few-frames' | 'unsteady';

export interface TrunkSetupError {
  readonly code: TrunkSetupErrorCode;
  readonly message: string;
}

/** Shoulder distance / face scale, or null when either shoulder is weak or there is not exactly one face fit. */
export function shoulderWidthFaceCm(frame: LandmarkFrame, fit: HeadFit | null): number | null {
  if (!fit || !(fit.pxPerCm > 0)) return null;
  const people = frame.bodies.filter((b) => keypoint(b, 'leftShoulder', MIN_SHOULDER_SCORE_FOR_WIDTH) && keypoint(b, 'rightShoulder', MIN_SHOULDER_SCORE_FOR_WIDTH));
  if (people.length !== 1) return null;
  const ls = keypoint(people[0], 'leftShoulder', MIN_SHOULDER_SCORE_FOR_WIDTH)!;
  const rs = keypoint(people[0], 'rightShoulder', MIN_SHOULDER_SCORE_FOR_WIDTH)!;
  const w = Math.hypot(ls.xPx - rs.xPx, ls.yPx - rs.yPx) / fit.pxPerCm;
  return Number.isFinite(w) && w > 0 ? w : null;
}

const quantile = (sorted: readonly number[], q: number): number => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
};

/**
 * Learns the set-up from frames of the person sitting square to the camera (any head posture: the width is
 * the trunk's). Refused with a reason when the shoulders were not seen in enough frames or the width moved.
 */
export function learnTrunkSetup(frames: readonly LandmarkFrame[], fitOptions: FitOptions = {}): TrunkSetup | TrunkSetupError {
  const widths: number[] = [];
  const scales: number[] = [];
  const bins = new Map<number, number[]>();
  for (const f of frames) {
    const sel = Array.isArray(f.faces) ? selectPatientFace(f) : { kind: 'none' as const };
    const fit = sel.kind === 'one' ? fitHead(sel.face, f, fitOptions) : null;
    const w = shoulderWidthFaceCm(f, fit);
    if (w === null || !fit) continue;
    widths.push(w);
    scales.push(fit.pxPerCm);
    const bin = Math.round(headTurnDeg(fit) / SETUP_ROTATION_BIN_DEG) * SETUP_ROTATION_BIN_DEG;
    bins.set(bin, [...(bins.get(bin) ?? []), w]);
  }
  if (widths.length < TRUNK_SETUP_MIN_FRAMES) {
    return { code: 'too-few-frames', message: `Both shoulders and the face were seen in ${widths.length} frames; the set-up needs ${TRUNK_SETUP_MIN_FRAMES}. Sit so that both shoulders are in the picture, square to the camera, and try again.` };
  }
  const widthByRotation: { rotationDeg: number; widthFaceCm: number }[] = [];
  let worst = 0;
  for (const [bin, ws] of [...bins].sort((a, b) => a[0] - b[0])) {
    if (ws.length < SETUP_MIN_FRAMES_PER_BIN) continue;
    const sorted = [...ws].sort((a, b) => a - b);
    const med = quantile(sorted, 0.5);
    worst = Math.max(worst, (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / med);
    widthByRotation.push({ rotationDeg: bin, widthFaceCm: med });
  }
  if (widthByRotation.length === 0 || worst > TRUNK_SETUP_MAX_SPREAD) {
    return { code: 'unsteady', message: `The shoulders' width changed by ${(worst * 100).toFixed(1)} % at one head position during the set-up (at most ${TRUNK_SETUP_MAX_SPREAD * 100} %), or no head position was held for ${SETUP_MIN_FRAMES_PER_BIN} frames. Sit still, square to the camera, turn your head slowly, and try again.` };
  }
  return {
    shoulderWidthFaceCm: quantile([...widths].sort((a, b) => a - b), 0.5),
    widthByRotation,
    pxPerCm: quantile([...scales].sort((a, b) => a - b), 0.5),
    frames: widths.length,
  };
}

/** The head's turn against the camera from a fit, deg. */
function headTurnDeg(fit: HeadFit): number {
  return anglesFromRotationMatrix(fit.headToCamera).rotationDeg;
}

/** The set-up's width at this head turn: linear between bins, the nearest bin outside them. */
export function setupWidthAt(setup: TrunkSetup, rotationDeg: number): number {
  const b = setup.widthByRotation;
  if (b.length === 0) return setup.shoulderWidthFaceCm;
  if (rotationDeg <= b[0]!.rotationDeg) return b[0]!.widthFaceCm;
  for (let i = 1; i < b.length; i++) {
    const lo = b[i - 1]!, hi = b[i]!;
    if (rotationDeg <= hi.rotationDeg) return lo.widthFaceCm + ((hi.widthFaceCm - lo.widthFaceCm) * (rotationDeg - lo.rotationDeg)) / (hi.rotationDeg - lo.rotationDeg);
  }
  return b[b.length - 1]!.widthFaceCm;
}

export function isTrunkSetup(x: TrunkSetup | TrunkSetupError): x is TrunkSetup {
  return 'shoulderWidthFaceCm' in x;
}

/** What the width says in one frame. */
export type TrunkTurnEvidence =
  /** No set-up, or shoulders/face not seen well enough: nothing said. */
  | { readonly kind: 'none' }
  /** The face's scale moved away from the set-up's (another seat or framing): the set-up does not apply. */
  | { readonly kind: 'setup-not-applicable'; readonly scaleChange: number }
  /** Width ratio w/w₀ and the unsigned turn it would mean, acos(min(1, ratio)), deg. */
  | { readonly kind: 'width'; readonly ratio: number; readonly turnDeg: number };

export function trunkTurnEvidence(frame: LandmarkFrame, fit: HeadFit | null, setup: TrunkSetup | null | undefined): TrunkTurnEvidence {
  if (!setup || !fit) return { kind: 'none' };
  const scaleChange = fit.pxPerCm / setup.pxPerCm - 1;
  const w = shoulderWidthFaceCm(frame, fit);
  if (w === null) return { kind: 'none' };
  if (Math.abs(scaleChange) > TRUNK_SETUP_MAX_SCALE_CHANGE) return { kind: 'setup-not-applicable', scaleChange };
  const ratio = w / setupWidthAt(setup, headTurnDeg(fit));
  return { kind: 'width', ratio, turnDeg: (Math.acos(Math.min(1, ratio)) * 180) / Math.PI };
}

/**
 * The width's median over the last `windowMs` (default 2 s, as the trunk tracker): a keypoint's flicker or
 * a shrug does not flag. Returns the unsigned turn when it reaches TRUNK_TURN_FLAG_DEG, else null, and
 * whether the set-up applied at all.
 */
export class TrunkTurnFlagger {
  private readonly buf: { t: number; ratio: number }[] = [];
  constructor(private readonly setup: TrunkSetup | null, private readonly windowMs = 2000) {}

  update(frame: LandmarkFrame, fit: HeadFit | null): { suspectedTurnDeg: number | null; setupApplies: boolean } {
    if (!this.setup) return { suspectedTurnDeg: null, setupApplies: false };
    const e = trunkTurnEvidence(frame, fit, this.setup);
    if (e.kind === 'setup-not-applicable') return { suspectedTurnDeg: null, setupApplies: false };
    if (e.kind === 'width') this.buf.push({ t: frame.timestampMs, ratio: e.ratio });
    while (this.buf.length && this.buf[0]!.t < frame.timestampMs - this.windowMs) this.buf.shift();
    if (e.kind !== 'width' || this.buf.length === 0) return { suspectedTurnDeg: null, setupApplies: e.kind === 'width' };
    const s = this.buf.map((b) => b.ratio).sort((a, b) => a - b);
    const turn = (Math.acos(Math.min(1, quantile(s, 0.5))) * 180) / Math.PI;
    return { suspectedTurnDeg: turn >= TRUNK_TURN_FLAG_DEG ? turn : null, setupApplies: true };
  }
}
