/**
 * The anatomical reference as the web app uses it: one thin adapter over core (pose/anatomical.ts,
 * reference.ts, straightest.ts, graded.ts), so the screens never compute geometry themselves
 * (CLINICAL.md "The zero: anatomy, not the resting pose").
 *
 * - `createEngine`: core's AnatomicalEstimator, always against the anatomical zero, given what the app
 *   knows about the camera (pitch against gravity from the device's sensors, or "set level at eye level").
 * - `referenceOf`: which reference a frame's numbers used, reduced to what the screens show — turn and
 *   tilt against the trunk or the camera; chin up/down against gravity, the face's own geometry, or
 *   uncertain — plus core's notes (why a better reference was not available).
 * - `ReferenceTally`: the same per session, as numbers stored with the session's measures.
 */
import { AnatomicalEstimator, ZeroSegmentTracker } from '@geste/core';
import type { CameraContext, FrameMeasure, FrameReference as CoreFrameReference, HeadZero, MeasurementSession, ReferenceNote } from '@geste/core';
import type { PoseEngine } from './pose.ts';

export type TurnTiltReference = 'trunk' | 'camera' | 'none';
/**
 * Chin up/down's frame as the screens show it: against gravity (a camera pitch is known and the ± is within
 * UNCERTAIN_ABOVE_DEG), else uncertain. Which zero it has (an average face or the face's own ear–eye line) is
 * another question, `flexionZero`: core never gives a confident chin up/down without the camera's pitch, so
 * the face's own zero always comes with gravity (or uncertain), never instead of it.
 */
export type FlexionReference = 'gravity' | 'uncertain' | 'none';

export interface FrameReference {
  /** Rotation's frame. */
  readonly turnTilt: TurnTiltReference;
  /** Tilt's frame (the trunk's lean needs the hips; otherwise the camera's upright). */
  readonly tilt: TurnTiltReference;
  readonly flexion: FlexionReference;
  /** Chin up/down's zero: the face's own ear–eye line or an average face (null when not measured). */
  readonly flexionZero: HeadZero | null;
  /** How far the chin up/down value may be off because of its reference, ± deg (null when not measured). */
  readonly flexionUncertaintyDeg: number | null;
  /** Core's closed notes (words: core `referenceNoteWords`). */
  readonly notes: readonly ReferenceNote[];
}

/** Where the camera's pitch comes from. */
export type PitchSource = { readonly kind: 'sensor'; readonly pitchDeg: number } | { readonly kind: 'level-at-eye-height' } | { readonly kind: 'unknown' };

/** ± of a DeviceOrientation pitch reading (phone and tablet sensors, held still), deg. */
export const SENSOR_PITCH_UNCERTAINTY_DEG = 2;
/** ± of a camera the person has set level at eye height by following the set-up words, deg (core's doc: ≈ 5°). */
export const LEVEL_BY_EYE_PITCH_UNCERTAINTY_DEG = 5;

export function cameraContext(pitch: PitchSource): CameraContext {
  switch (pitch.kind) {
    case 'sensor':
      return { pitchDeg: pitch.pitchDeg, pitchUncertaintyDeg: SENSOR_PITCH_UNCERTAINTY_DEG };
    case 'level-at-eye-height':
      return { pitchDeg: 0, pitchUncertaintyDeg: LEVEL_BY_EYE_PITCH_UNCERTAINTY_DEG };
    case 'unknown':
      return { pitchDeg: null };
  }
}

export function createEngine(pitch: PitchSource): AnatomicalEstimator {
  return new AnatomicalEstimator({ camera: cameraContext(pitch) });
}

const samePitch = (a: PitchSource, b: PitchSource): boolean =>
  a.kind === b.kind && (a.kind !== 'sensor' || b.kind !== 'sensor' || Math.abs(a.pitchDeg - b.pitchDeg) < 1);

/**
 * The app's one engine and when it is made anew. A camera run (start to stop) is one recording: a new run
 * gets a new engine, so the face's own chin up/down zero is decided again — the person may have sat down
 * again, moved the laptop or handed the phone to someone else, and a zero learnt from another face would put
 * every chin up/down number off by up to its ±10° window without a word. Within a run, a change of the
 * camera's pitch (a phone's sensor moving by a degree or more, the camera set level or not) only changes the
 * engine's camera pitch: the face zero and the guards are learnt from the image and stay
 * (core `AnatomicalEstimator.setCameraPitch`).
 */
export class EngineKeeper {
  private est: AnatomicalEstimator;
  private src: PitchSource;

  constructor(pitch: PitchSource = { kind: 'unknown' }) {
    this.src = pitch;
    this.est = createEngine(pitch);
  }

  get engine(): PoseEngine {
    return this.est;
  }

  get pitch(): PitchSource {
    return this.src;
  }

  /** A new pitch source; returns whether it changed what the engine uses (a sensor moves in 1° steps). */
  setPitch(next: PitchSource): boolean {
    if (samePitch(next, this.src)) return false;
    this.src = next;
    const c = cameraContext(next);
    this.est.setCameraPitch(c.pitchDeg, c.pitchUncertaintyDeg);
    return true;
  }

  /** The camera (re)started: a new recording, a new engine, the face's own zero undecided again. */
  newRun(): void {
    this.est = createEngine(this.src);
  }
}

const NONE: FrameReference = { turnTilt: 'none', tilt: 'none', flexion: 'none', flexionZero: null, flexionUncertaintyDeg: null, notes: [] };

export function referenceOf(m: FrameMeasure): FrameReference {
  const r = m.reference;
  if (m.state === 'not-measurable' || !r) return m.state === 'not-measurable' ? NONE : { ...NONE, turnTilt: m.rotationDeg === null ? 'none' : 'camera' };
  return fromCoreReference(r);
}

/** Core's per-axis reference → what the screens show. */
export function fromCoreReference(r: CoreFrameReference): FrameReference {
  const frameOf = (f: 'trunk' | 'gravity' | 'camera' | null): TurnTiltReference => (f === null ? 'none' : f === 'trunk' ? 'trunk' : 'camera');
  const fx = r.flexionDeg;
  const flexion: FlexionReference = fx.frame === null ? 'none' : !fx.uncertain && fx.frame === 'gravity' ? 'gravity' : 'uncertain';
  const notes = [...new Set([...r.rotationDeg.notes, ...r.tiltDeg.notes, ...fx.notes])];
  return { turnTilt: frameOf(r.rotationDeg.frame), tilt: frameOf(r.tiltDeg.frame), flexion, flexionZero: fx.frame === null ? null : fx.zero, flexionUncertaintyDeg: fx.frame === null ? null : fx.uncertaintyDeg, notes };
}

/**
 * Which references a session's frames used, as session measures (numbers, so they travel with the record):
 * share of measurable frames with rotation and with tilt against the trunk, with chin up/down against
 * gravity or uncertain, and with chin up/down's zero from the face's own ear–eye line (whatever its frame:
 * until session 12 this counted only a confident chin up/down on the camera's frame with that zero, which core
 * never gives, so it was always 0 %); the mean ± of chin up/down. `dominant()` is the reference
 * most frames used, for the words on screen.
 */
export class ReferenceTally {
  private n = 0;
  private trunk = 0;
  private tiltTrunk = 0;
  private readonly flex = { gravity: 0, uncertain: 0 };
  private faceZero = 0;
  private uncSumDeg = 0;
  private uncN = 0;
  private readonly notes = new Map<ReferenceNote, number>();

  push(m: FrameMeasure): void {
    const r = referenceOf(m);
    if (r.turnTilt === 'none') return;
    this.n++;
    if (r.turnTilt === 'trunk') this.trunk++;
    if (r.tilt === 'trunk') this.tiltTrunk++;
    if (r.flexion !== 'none') this.flex[r.flexion]++;
    if (r.flexionZero === 'face-geometry') this.faceZero++;
    if (r.flexionUncertaintyDeg !== null) {
      this.uncSumDeg += r.flexionUncertaintyDeg;
      this.uncN++;
    }
    for (const k of r.notes) this.notes.set(k, (this.notes.get(k) ?? 0) + 1);
  }

  measures(): Record<string, number | null> {
    const pct = (k: number): number | null => (this.n === 0 ? null : Math.round((1000 * k) / this.n) / 10);
    return {
      referenceTrunkPct: pct(this.trunk),
      tiltReferenceTrunkPct: pct(this.tiltTrunk),
      flexionReferenceGravityPct: pct(this.flex.gravity),
      flexionReferenceFaceGeometryPct: pct(this.faceZero),
      flexionReferenceUncertainPct: pct(this.flex.uncertain),
      flexionReferenceUncertaintyDeg: this.uncN === 0 ? null : Math.round((10 * this.uncSumDeg) / this.uncN) / 10,
    };
  }

  dominant(): FrameReference | null {
    const r = referenceFromMeasures(this.measures());
    return r && { ...r, notes: [...this.notes.entries()].filter(([, c]) => c * 2 >= this.n).map(([k]) => k) };
  }
}

/** The reference most frames of a stored session used, from its measures (null for older sessions). */
export function referenceFromMeasures(m: Record<string, number | null | undefined>): FrameReference | null {
  const trunk = m['referenceTrunkPct'];
  if (trunk === null || trunk === undefined) return null;
  const g = m['flexionReferenceGravityPct'] ?? 0;
  const u = m['flexionReferenceUncertainPct'] ?? 0;
  const f = m['flexionReferenceFaceGeometryPct'] ?? 0;
  const flexion: FlexionReference = g + u === 0 ? 'none' : g >= u ? 'gravity' : 'uncertain';
  return {
    turnTilt: trunk >= 50 ? 'trunk' : 'camera',
    tilt: (m['tiltReferenceTrunkPct'] ?? 0) >= 50 ? 'trunk' : 'camera',
    flexion,
    flexionZero: flexion === 'none' ? null : f >= 50 ? 'face-geometry' : 'canonical-face',
    flexionUncertaintyDeg: m['flexionReferenceUncertaintyDeg'] ?? null,
    notes: [],
  };
}

/**
 * The chin up/down zero of one frame as the screens name it: the average face's or the face's own ear–eye
 * line (core HeadZero), and core's decision about the face's own zero (pose/faceZero.ts, once per
 * recording): 'taken' (the face's own zero is in use), 'refused' (its ear and eye points were seen to
 * follow the head: the average face for good), else 'open' (not decided yet, or not enough ear readings).
 */
export interface FlexionZero {
  readonly zero: HeadZero;
  readonly decision: 'open' | 'taken' | 'refused';
}

export function flexionZeroOf(m: FrameMeasure): FlexionZero | null {
  const r = m.reference?.flexionDeg;
  if (m.state === 'not-measurable' || m.flexionDeg === null || !r || r.frame === null) return null;
  if (r.zero === 'face-geometry') return { zero: 'face-geometry', decision: 'taken' };
  return { zero: 'canonical-face', decision: r.notes.includes('face-geometry-not-rigid') ? 'refused' : 'open' };
}

/** A change of the chin up/down zero while measuring, `atMs` after the first frame the watch saw. */
export interface FlexionZeroChange {
  readonly to: FlexionZero;
  readonly from: FlexionZero;
  readonly atMs: number;
}

/**
 * Watches the chin up/down zero over the frames of one camera run and says when it changed: the face's
 * own zero taken, refused, or (a new engine) back to the average face. Since session 12 the app makes a new
 * engine only with a new camera run, which gets a new watch too, so within a run the zero changes at most once.
 * The first zero seen is not a change; frames without chin up/down leave the zero as it was; a refusal
 * reopened by a new engine is not one either (the zero stays the average face's; `current` says "for now").
 */
export class FlexionZeroWatch {
  private startMs: number | null = null;
  private cur: FlexionZero | null = null;
  private last: FlexionZeroChange | null = null;

  /** The frame's zero; returns the change it made, or null. */
  push(m: FrameMeasure): FlexionZeroChange | null {
    this.startMs ??= m.timestampMs;
    const z = flexionZeroOf(m);
    if (!z) return null;
    const prev = this.cur;
    this.cur = z;
    // A refusal reopened: its notice no longer holds.
    if (prev?.decision === 'refused' && z.decision === 'open') this.last = null;
    if (!prev || (prev.zero === z.zero && (z.decision !== 'refused' || prev.decision === 'refused'))) return null;
    this.last = { from: prev, to: z, atMs: m.timestampMs - this.startMs };
    return this.last;
  }

  get current(): FlexionZero | null {
    return this.cur;
  }

  /** The latest change, or null when the zero has not changed since the first frame. */
  get lastChange(): FlexionZeroChange | null {
    return this.last;
  }
}

/**
 * A session's chin up/down zero stretches for its record, frame by frame (core `ZeroSegmentTracker`, the one
 * definition of `zeroSegments`), in ms after the session's first frame: exams, training and exercise sessions.
 */
export class SessionZeroSegments {
  private t0: number | null = null;
  private readonly tracker = new ZeroSegmentTracker('flexionDeg');

  push(m: FrameMeasure): void {
    this.t0 ??= m.timestampMs;
    this.tracker.push(m);
  }

  stored(): StoredZeroSegment[] {
    const t0 = this.t0 ?? 0;
    return this.tracker.segments().map((g) => ({ zero: g.zero, fromMs: Math.round(g.fromMs - t0), toMs: Math.round(g.toMs - t0), frames: g.frames }));
  }
}

/** A session's chin up/down zero stretches for its record: core's `zeroSegments`, in ms after the session's first frame. */
export function sessionFlexionZeroSegments(frames: readonly FrameMeasure[]): StoredZeroSegment[] {
  const s = new SessionZeroSegments();
  for (const f of frames) s.push(f);
  return s.stored();
}

export type StoredZeroSegment = NonNullable<MeasurementSession['flexionZeroSegments']>[number];
