/**
 * An open mouth does not bend the head (session 11, jawflex). The head fit (headFit.ts) weighs the ≈ 400 non-rigid mesh
 * points 0.15 each, together as much as the rigid ones; when the jaw drops, the lower lip, the chin and the jaw line move
 * down and back and pull the fitted flexion toward chin-down: on a generated jaw opened about its hinge, +0.3° per degree
 * of jaw (3.5° with the lips 0.26 eye widths apart); on two real talkers the head fit's flexion ran 13.5–13.7° per unit of
 * lip opening ahead of the fit without mouth, jaw and chin (flexionRange.ts `noMouthFit`) — 3.3° with the mouth wide open.
 *
 * While the mouth is open, the flexion is moved by the share `s` of the head fit's lead over the fit without the mouth,
 * counted from that lead on the person's own closed-mouth frames (faces differ: −0.1…2.3° on the phantom's faces, a
 * constant the neutral already holds): flexion − s·(lead − closed lead). `s` rises smoothly from 0 to 1 as the lips open
 * from MOUTH_FROM to MOUTH_FULL eye widths above the person's own closed lips (the mesh's closed lips: 0.01–0.02 on the
 * real talkers, 0.09–0.12 on most phantom faces), so a closed-mouth frame is left exactly as it was, and the reading does
 * not step as the mouth opens and closes at speech rates. Flexion only: rotation and tilt moved ≤ 0.2° with the mouth.
 *
 * Both closed levels are the person's own at this flexion (session 12, lipschin): the mesh reads closed lips further
 * apart or closer together as the chin moves (NEAR_FLEXION_DEG), and one level for every flexion let a chin-down hold
 * make the closed lips of a later chin-up look open. The lips' level is capped at the usual flexion's + CLOSED_LIPS_RISE,
 * so a short nod with the mouth open (no closed frame at that flexion) is still corrected.
 *
 * Stateful, in frame order; the live estimator and the recording analyser share it (estimator.ts
 * GuardedFrameMeasurer). docs/far-range.md, "…but not for an open mouth".
 */
import type { FrameMeasure } from '../measures/types.ts';
import type { FaceObservation } from '../landmarks/types.ts';
import { quantileSorted } from '../signal/series.ts';
import { mouthOnFace } from '../signal/mouth.ts';
import type { FlexionFitEvidence } from './flexionRange.ts';

/**
 * Lips opened this far above the person's closed lips (eye widths) start the correction: the phantom's faces that never
 * talk read their closed lips up to 0.054 above their own level as the head turns and bends (dark-stubble); from 0.03
 * the correction moved 104 of their closed-mouth frames. */
export const MOUTH_FROM = 0.055;
/** …and from this far above it is whole (a mouth opened to speak: 0.2–0.3 on the real talkers). */
export const MOUTH_FULL = 0.125;
/** Closed lips: this quantile of the person's recent lip openings (speech keeps the mouth closed a good part of the time). */
export const CLOSED_LIPS_QUANTILE = 0.05;
/** Recent frames for the closed-lips level, and recent closed-mouth frames for the closed-mouth lead. */
export const LIPS_WINDOW_FRAMES = 300;
export const LEAD_WINDOW_FRAMES = 60;
/** Closed-mouth frames needed before any correction (the lead's level is the person's own). */
export const LEAD_MIN_FRAMES = 10;
/**
 * The closed lips are the person's own *at this flexion* (session 12, lipschin): the level is taken over the recent frames
 * whose flexion without the mouth (from the camera) is within this many degrees of this frame's. The mesh does not read
 * closed lips as one number: on the phantom's faces that never talk, 0.10–0.12 eye widths apart level, 0.03–0.05 at a
 * 25–35° chin-down and 0.06–0.14 at a 15–20° chin-up (which way depends on the face; a rigid rotation of the canonical
 * face moves them ≤ 0.005). With one level for every flexion a chin-down hold pulled the level down to 0.03, and the closed
 * lips of the chin-up that followed read as an open mouth (80 frames moved on three faces that never talk, ≤ 1°).
 */
export const NEAR_FLEXION_DEG = 5;
/**
 * …but never more than this above the closed level at the person's usual flexion (the window's median): a real talker who
 * dips the chin 10–20° for half a second with the mouth open has no closed frame there (franck: lips 0.12–0.15 where his
 * closed lips read 0.01). The largest rise of the closed lips with the flexion on the phantom's faces: dark-stubble,
 * 0.14 at a 15° chin-up against 0.106 level.
 */
export const CLOSED_LIPS_RISE = 0.035;
/**
 * Only for a face within this turn and tilt of the camera, deg: the lips' reading and the lead move with the posture too
 * (beard-glasses held at −35°/+20°/−15°: closed lips 0.14 against 0.09 at rest, the correction 1.3° off).
 */
export const MOUTH_TURN_TILT_DEG = 20;

/** Inner lips apart over the outer-eye-corner distance (3-D, mesh units): signal/mouth.ts's, the tremor verdict's talking signal; null when points are missing. */
export function lipsApart(face: FaceObservation): number | null {
  return mouthOnFace(face).lips;
}

/** Share of the correction for lips `aboveClosed` eye widths above the closed level: 0 … 1, smoothstep. */
export function mouthShare(aboveClosed: number): number {
  const x = Math.max(0, Math.min(1, (aboveClosed - MOUTH_FROM) / (MOUTH_FULL - MOUTH_FROM)));
  return x * x * (3 - 2 * x);
}

export class MouthFlexionCorrector {
  /** Recent frames near frontal: lips apart, and the flexion without the mouth (from the camera, deg). */
  private readonly lips: { lips: number; flexionDeg: number }[] = [];
  /** Recent closed-mouth frames: the head fit's flexion lead over the fit without the mouth, deg, and that fit's flexion. */
  private readonly closedLead: { lead: number; flexionDeg: number }[] = [];

  /**
   * The person's closed-lips level near this flexion: the CLOSED_LIPS_QUANTILE of the recent lips within NEAR_FLEXION_DEG,
   * at most CLOSED_LIPS_RISE above that level at the usual flexion (null: no frame yet).
   */
  closedLipsAt(flexionDeg: number): number | null {
    if (this.lips.length === 0) return null;
    const levelAt = (f: number) => quantileSorted(this.lips.filter((e) => Math.abs(e.flexionDeg - f) <= NEAR_FLEXION_DEG).map((e) => e.lips).sort((a, b) => a - b), CLOSED_LIPS_QUANTILE);
    const usual = quantileSorted(this.lips.map((e) => e.flexionDeg).sort((a, b) => a - b), 0.5);
    const here = levelAt(flexionDeg), cap = levelAt(usual) + CLOSED_LIPS_RISE; // cap: NaN with no frame near the median (two postures 10° apart)
    return Number.isFinite(cap) ? Math.min(here, cap) : here;
  }

  /**
   * The head fit's flexion lead over the fit without the mouth on the recent closed-mouth frames near this flexion, deg;
   * while there are fewer than LEAD_MIN_FRAMES of those, on the recent closed-mouth frames at any flexion (null: too few).
   * The closed lead moves with the flexion too, but learning it afresh at each posture would leave a talker who nods
   * uncorrected for a second or more (a talking mouth is closed on about a fifth of the frames).
   */
  closedLeadAt(flexionDeg: number): number | null {
    const near = this.closedLead.filter((e) => Math.abs(e.flexionDeg - flexionDeg) <= NEAR_FLEXION_DEG);
    const use = (near.length >= LEAD_MIN_FRAMES ? near : this.closedLead).slice(-LEAD_WINDOW_FRAMES).map((e) => e.lead);
    return use.length < LEAD_MIN_FRAMES ? null : quantileSorted(use.sort((a, b) => a - b), 0.5);
  }

  /** The share of the correction on the last frame (0 closed … 1 wide open). */
  lastShare = 0;

  apply(m: FrameMeasure, evidence: FlexionFitEvidence | null, face: FaceObservation | null): FrameMeasure {
    this.lastShare = 0;
    const noMouth = evidence?.noMouthFlexionDeg;
    const lips = face === null ? null : lipsApart(face);
    if (evidence === null || noMouth === null || noMouth === undefined || lips === null || m.method !== 'face-mesh') return m;
    const cam = evidence.cameraAngles;
    if (Math.abs(cam.rotationDeg) > MOUTH_TURN_TILT_DEG || Math.abs(cam.tiltDeg) > MOUTH_TURN_TILT_DEG) return m;
    push(this.lips, { lips, flexionDeg: noMouth }, LIPS_WINDOW_FRAMES);
    const closedLips = this.closedLipsAt(noMouth);
    const share = mouthShare(lips - closedLips!); // this frame is in the window: never null here
    const lead = cam.flexionDeg - noMouth;
    if (share === 0) {
      push(this.closedLead, { lead, flexionDeg: noMouth }, LIPS_WINDOW_FRAMES);
      return m;
    }
    const closedLead = this.closedLeadAt(noMouth);
    if (closedLead === null || m.flexionDeg === null) return m;
    this.lastShare = share;
    return { ...m, flexionDeg: m.flexionDeg - share * (lead - closedLead) };
  }
}

function push<T>(list: T[], v: T, max: number): void {
  list.push(v);
  if (list.length > max) list.shift();
}
