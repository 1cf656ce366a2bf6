/**
 * Coming back from beyond the tracker's range, and mesh collapses in between. A turn (or tilt, or bend) past
 * the mesh's range makes the face mesh flicker between "beyond range" and frames that collapse toward frontal
 * while still fitting well: on the phantom's ±80° sweep frames at a true 76° read 29–37°, and coming back from
 * −70° the mesh can stay collapsed for 0.5–1 s (issue 13), so "a collapse is one lone frame" does not hold.
 *
 * Two signs tell a real return from a collapse:
 * - A real return from beyond the range passes the range's edge: its first usable readings lie near the edge
 *   (within `REENTRY_EDGE_WINDOW_DEG` of it on some axis). Such a run counts after `REENTRY_HOLD_MS`. A run that
 *   starts well inside the range jumped there from beyond it — a collapse, or a return faster than the camera
 *   could follow — and counts only after `REENTRY_COLLAPSE_HOLD_MS` without a break.
 * - A head cannot move faster than `MAX_HEAD_SPEED_DEG_PER_S`: a reading that jumps further than that (plus
 *   `JUMP_SLACK_DEG`) from the last trusted one, between frames whose time advances, is held back, until readings are continuous with the last
 *   trusted one again (a glitch ended) or have been steady for `REENTRY_COLLAPSE_HOLD_MS`.
 *
 * A held run ends early once the mesh is consistent again (issue 13: the fixed holds left 6–51 % of core-range frames
 * not measurable): `CONSISTENT_RUN_FRAMES` frames in a row whose face-mesh model is sure of its own mesh (score at
 * least `CONSISTENT_MESH_SCORE`) and that agree with each other (each step within `CONSISTENT_STEP_DEG` plus what
 * the head can move in the time). On the phantom a collapsed or saturated mesh past the range scores 0.2–0.8 and a
 * mesh that tracks the face again scores ≥ 0.9; the nose-and-ears keypoints could not tell (a true −70° read −15° on
 * one face), so they are not used for this. Frames released this way stay **low confidence** until the timed hold
 * would have ended (a return read 5.4° short at a true 45° on the phantom: honest, not yet trusted).
 *
 * A run that reads a different posture on an axis that was away from its edge before the excursion is not taken
 * early (session 10, docs/far-range.md "A collapse that reads a new tilt"): back-lit, coming back from −70° one face's
 * mesh read a steady −30° with 14–16° of tilt that was not there, scored 0.93–1.00, three agreeing frames. Before the
 * far turn the same mesh read the tilt within 6° of the truth. So while the last trusted reading's axis lay more than
 * `LOST_AT_EDGE_WINDOW_DEG` inside its range (the head did not go beyond along it), a reading that moved more than
 * `REENTRY_UNCHANGED_AXIS_DEG` on that axis does not count toward the early release, and its run needs
 * `REENTRY_COLLAPSE_HOLD_MS`. A patient who changes tilt while turned away waits that long; one who holds a tilt through
 * the turn (a turned and tilted torticollis) is not affected.
 *
 * While held, the body-keypoint fallback is held back as well (it reads far turns low; at 15 fps a true −70° read
 * anything from +30° to −31°). A face lost within `LOST_AT_EDGE_MS` of a trusted reading near the range edge
 * counts as gone beyond the range.
 *
 * Stateful, in frame order; the CLI's recording analyser and the live estimator both use it, so both paths give
 * the same frames.
 */
import type { FrameMeasure, RangeDirection } from '../measures/types.ts';
import { MESH_RANGE_DEG } from './range.ts';
import { provisional, withBeyondAxes, withDoubts } from './doubt.ts';

/** Usable mesh frames needed, without a break, before readings count again after a return through the range edge. */
export const REENTRY_HOLD_MS = 150;
/** The same for a run that did not start near the edge (a collapse or a jump), deg. */
export const REENTRY_COLLAPSE_HOLD_MS = 1200;
/** "Near the range edge": within this of the mesh's range on some axis (relative to neutral), deg. */
export const REENTRY_EDGE_WINDOW_DEG = 15;
/** Fastest plausible head movement (fast voluntary turns and dystonic jerks peak at a few hundred °/s), deg/s. */
export const MAX_HEAD_SPEED_DEG_PER_S = 600;
/** A face lost within this time of a trusted reading near the range edge counts as gone beyond the range, ms. */
export const LOST_AT_EDGE_MS = 500;
/** "Near the edge" for a lost face: within this of the range on some axis (15 fps: the last reading before a
 *  far turn was lost was 30° at a true 35°), deg. */
export const LOST_AT_EDGE_WINDOW_DEG = 25;
/** Allowance on top of the speed limit for noise between two frames, deg. */
export const JUMP_SLACK_DEG = 6;
/** Mesh frames in a row that end a hold early when each is sure of itself and they agree. */
export const CONSISTENT_RUN_FRAMES = 3;
/**
 * …and the time those frames must span, ms (3 frames at 30 fps span 67 ms): a count alone is 33 ms at 60 fps. On the
 * phantom astronaut × hd-720-60 `far-turn-return-70` (session 8) a mesh sliding into collapse on the way out read a true
 * −67…−69° as −28…−26° on 5 frames scored 0.75–0.94: three sure frames 5–8° apart ended the hold after 33 ms.
 */
export const CONSISTENT_RUN_MIN_MS = 60;
/**
 * Largest change, from the last trusted reading before a far excursion, on an axis that was then more than
 * `LOST_AT_EDGE_WINDOW_DEG` inside its range, for a returning run to count after the short hold or to end the hold early,
 * deg. On 348 saved landmark files every returning frame within 5° of the truth moved such an axis ≤ 8.2° (213 frames);
 * the back-lit collapse moved tilt 18–20° (docs/far-range.md).
 */
export const REENTRY_UNCHANGED_AXIS_DEG = 12;
/** The face-mesh model's own score from which a mesh counts as tracking the face (0–1). */
export const CONSISTENT_MESH_SCORE = 0.9;
/** Largest step between consistent frames on top of what the head can move in the time, deg. */
export const CONSISTENT_STEP_DEG = 3;
/** The fastest head movement counted as consistent between frames (a return from a far turn), deg/s. */
export const CONSISTENT_SPEED_DEG_PER_S = 300;

/** What the frame's face mesh says about itself (null: no face-mesh model output). */
export interface MeshEvidence {
  /** The face-mesh model's score of its own mesh, 0–1. */
  readonly meshScore: number;
}

type Angles = { rotationDeg: number; tiltDeg: number; flexionDeg: number };

function anglesOf(m: FrameMeasure): Angles | null {
  if (m.method !== 'face-mesh' || m.rotationDeg === null || m.tiltDeg === null || m.flexionDeg === null) return null;
  return { rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg };
}

function largestDifferenceDeg(a: Angles, b: Angles): number {
  return Math.max(Math.abs(a.rotationDeg - b.rotationDeg), Math.abs(a.tiltDeg - b.tiltDeg), Math.abs(a.flexionDeg - b.flexionDeg));
}

function nearEdge(a: Angles, windowDeg = REENTRY_EDGE_WINDOW_DEG): boolean {
  return (
    Math.abs(a.rotationDeg) >= MESH_RANGE_DEG.rotationDeg - windowDeg ||
    Math.abs(a.tiltDeg) >= MESH_RANGE_DEG.tiltDeg - windowDeg ||
    Math.abs(a.flexionDeg) >= MESH_RANGE_DEG.flexionDeg - windowDeg
  );
}

const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;

/**
 * A reading that moved more than `REENTRY_UNCHANGED_AXIS_DEG` from `before` on an axis that `before` held more than
 * `LOST_AT_EDGE_WINDOW_DEG` inside the mesh's range (an axis the head did not go beyond along).
 */
function changedAwayFromEdge(before: Angles, now: Angles): boolean {
  return AXES.some(
    (axis) => Math.abs(before[axis]) < MESH_RANGE_DEG[axis] - LOST_AT_EDGE_WINDOW_DEG && Math.abs(now[axis] - before[axis]) > REENTRY_UNCHANGED_AXIS_DEG,
  );
}

/**
 * Which movements of a reading are within `windowDeg` of the mesh's range limits (range.ts), for the words of a frame
 * held back after the face was lost there.
 */
export function edgeDirections(a: Angles, windowDeg: number): RangeDirection[] {
  const out: RangeDirection[] = [];
  if (Math.abs(a.rotationDeg) >= MESH_RANGE_DEG.rotationDeg - windowDeg) out.push('turn');
  if (Math.abs(a.tiltDeg) >= MESH_RANGE_DEG.tiltDeg - windowDeg) out.push('tilt');
  if (Math.abs(a.flexionDeg) >= MESH_RANGE_DEG.flexionDeg - windowDeg) out.push(a.flexionDeg > 0 ? 'chin-down' : 'chin-up');
  return out;
}

/**
 * The frame held back (not measurable, reason `beyond-tracker-range`), with the movements that went beyond the range
 * (`axes`), or after a jump of the reading (`jump`: the doubt `tracker-jump`, no movement named: it is not known to have
 * gone beyond). The frame's own doubts are dropped: they were about a value no longer given.
 */
function heldBack(m: FrameMeasure, axes: readonly RangeDirection[], jump: boolean): FrameMeasure {
  const { doubts: _doubts, beyondRangeAxes: _axes, ...rest } = m;
  return withDoubts(withBeyondAxes(heldBackFrame(rest), axes), jump ? ['tracker-jump'] : []);
}

function heldBackFrame(m: FrameMeasure): FrameMeasure {
  return {
    ...m,
    state: 'not-measurable',
    reasons: ['beyond-tracker-range'],
    confidence: 0,
    method: 'none',
    rotationDeg: null,
    tiltDeg: null,
    flexionDeg: null,
    lateralShiftCm: null,
  };
}


export class RangeReentryGuard {
  /** 'free': readings pass; 'beyond': after a beyond-range frame; 'jump': after an implausible jump. */
  private mode: 'free' | 'beyond' | 'jump' = 'free';
  /** The movements that went beyond the range when the guard last entered 'beyond' (for the held frames' words). */
  private beyondAxes: readonly RangeDirection[] = [];
  /** Last trusted mesh reading and its time. */
  private trusted: { angles: Angles; ms: number } | null = null;
  /** The current run of usable mesh frames while held. */
  private run: { startMs: number; needMs: number; last: Angles; lastMs: number; consistent: number; consistentFromMs: number } | null = null;
  /** After an early (consistency) release: mesh readings are low confidence until this time. */
  private provisionalUntilMs = -Infinity;

  constructor(
    private readonly holdMs = REENTRY_HOLD_MS,
    private readonly collapseHoldMs = REENTRY_COLLAPSE_HOLD_MS,
  ) {}

  /**
   * Passes a frame's measure through, holding back mesh readings that may come from a collapsed mesh. `evidence`:
   * the face-mesh model's own score for the frame (ends a hold early when consistent); without it only the timed
   * holds apply.
   */
  apply(m: FrameMeasure, evidence: MeshEvidence | null = null): FrameMeasure {
    if (m.state === 'not-measurable' && m.reasons.includes('beyond-tracker-range')) {
      this.mode = 'beyond';
      this.beyondAxes = m.beyondRangeAxes ?? [];
      this.run = null;
      this.provisionalUntilMs = -Infinity;
      return m;
    }
    const a = anglesOf(m);
    if (a === null) {
      if (this.mode === 'free') {
        // The face lost right at the range edge (last trusted reading near it, moments ago): the head went beyond
        // the range without a beyond-range frame (at 15 fps one frame can skip the last stretch).
        const t = this.trusted;
        if (t === null || !nearEdge(t.angles, LOST_AT_EDGE_WINDOW_DEG) || m.timestampMs - t.ms > LOST_AT_EDGE_MS) return m;
        this.mode = 'beyond';
        this.beyondAxes = edgeDirections(t.angles, LOST_AT_EDGE_WINDOW_DEG);
      }
      this.run = null; // a break in the run (no face, fallback): start counting again
      // The nose-and-ears fallback reads far turns low (a true −70° read −19° on the phantom): while the head may
      // still be beyond the mesh's range, it is held back too. A frame with no face at all then says why in the same
      // words (the fallback gives nothing without a learned keypoint gain, keypointGain.ts).
      if (m.method === 'body-keypoints') return this.held(m);
      if (this.mode === 'beyond' && m.state === 'not-measurable' && m.reasons.includes('no-face')) {
        return withBeyondAxes({ ...m, reasons: ['beyond-tracker-range', ...m.reasons.filter((r) => r !== 'no-face')] }, this.beyondAxes);
      }
      return m;
    }
    if (this.mode === 'free') {
      if (this.trusted !== null && this.jumped(this.trusted.angles, this.trusted.ms, a, m.timestampMs)) {
        this.mode = 'jump';
        this.run = { startMs: m.timestampMs, needMs: this.collapseHoldMs, last: a, lastMs: m.timestampMs, consistent: this.sure(evidence) ? 1 : 0, consistentFromMs: m.timestampMs };
        return this.held(m);
      }
      this.trusted = { angles: a, ms: m.timestampMs };
      return m.timestampMs < this.provisionalUntilMs ? provisional(m, 'settling-after-range') : m;
    }
    // Held: after a beyond-range frame or a jump.
    if (this.mode === 'jump' && this.trusted !== null && !this.jumped(this.trusted.angles, this.trusted.ms, a, m.timestampMs)) {
      return this.release(m, a); // continuous with the last trusted reading again: the glitch is over
    }
    if (this.run !== null && this.jumped(this.run.last, this.run.lastMs, a, m.timestampMs)) this.run = null; // not steady: restart
    // After a far excursion: a new posture on an axis that stayed away from its edge (a collapse's tilt) counts late.
    const changed = this.mode === 'beyond' && this.trusted !== null && changedAwayFromEdge(this.trusted.angles, a);
    const sure = this.sure(evidence) && !changed;
    if (this.run === null) {
      const needMs = this.mode === 'beyond' && nearEdge(a) && !changed ? this.holdMs : this.collapseHoldMs;
      this.run = { startMs: m.timestampMs, needMs, last: a, lastMs: m.timestampMs, consistent: sure ? 1 : 0, consistentFromMs: m.timestampMs };
    } else {
      const agrees = sure && this.steady(this.run.last, this.run.lastMs, a, m.timestampMs);
      const consistent = agrees ? this.run.consistent + 1 : sure ? 1 : 0;
      const consistentFromMs = agrees && this.run.consistent > 0 ? this.run.consistentFromMs : m.timestampMs;
      const needMs = changed ? this.collapseHoldMs : this.run.needMs;
      this.run = { ...this.run, needMs, last: a, lastMs: m.timestampMs, consistent, consistentFromMs };
    }
    if (m.timestampMs - this.run.startMs >= this.run.needMs) return this.release(m, a);
    // The mesh is consistent again: sure of itself on several frames in a row that agree with each other.
    if (this.run.consistent >= CONSISTENT_RUN_FRAMES && m.timestampMs - this.run.consistentFromMs >= CONSISTENT_RUN_MIN_MS) {
      this.provisionalUntilMs = this.run.startMs + this.run.needMs;
      return provisional(this.release(m, a), 'settling-after-range');
    }
    return this.held(m);
  }

  /** A frame held back in the current mode: after a beyond-range frame, with its movements; after a jump, saying so. */
  private held(m: FrameMeasure): FrameMeasure {
    return this.mode === 'jump' ? heldBack(m, [], true) : heldBack(m, this.beyondAxes, false);
  }

  private release(m: FrameMeasure, a: Angles): FrameMeasure {
    this.mode = 'free';
    this.run = null;
    this.trusted = { angles: a, ms: m.timestampMs };
    return m;
  }

  private sure(evidence: MeshEvidence | null): boolean {
    return evidence !== null && evidence.meshScore >= CONSISTENT_MESH_SCORE;
  }

  /** Consecutive readings that agree: a step no larger than a brisk head movement allows, plus noise. */
  private steady(from: Angles, fromMs: number, to: Angles, toMs: number): boolean {
    if (!(toMs > fromMs)) return false;
    return largestDifferenceDeg(from, to) <= (CONSISTENT_SPEED_DEG_PER_S * (toMs - fromMs)) / 1000 + CONSISTENT_STEP_DEG;
  }

  private jumped(from: Angles, fromMs: number, to: Angles, toMs: number): boolean {
    // Frames without advancing time are not a sequence (e.g. single poses measured one after another).
    if (!(toMs > fromMs)) return false;
    const dtS = (toMs - fromMs) / 1000;
    return largestDifferenceDeg(from, to) > MAX_HEAD_SPEED_DEG_PER_S * dtS + JUMP_SLACK_DEG;
  }
}
