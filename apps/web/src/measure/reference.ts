/**
 * The anatomical reference as the web app uses it: one adapter over core, so the screens never compute
 * geometry themselves (CLINICAL.md "The zero: anatomy, not the resting pose").
 *
 * - `createEngine`: the pose engine, always against the anatomical zero, given the camera's pitch
 *   against gravity when the device has a sensor (devicePitch.ts).
 * - `referenceOf`: which reference a frame's numbers used — turn and tilt against the trunk or the camera;
 *   chin up/down against gravity, the face's own geometry, or uncertain.
 * - `checkStraightest`: the person's straightest comfortable posture measured against the zero, with a
 *   warning when an axis is more than 10° off. It becomes the training start, never the zero.
 * - `gradedSteps`: the training steps from that start toward the zero.
 */
import type { Axis, FrameMeasure, LandmarkFrame } from '@geste/core';
import { HeadPoseEstimator, anatomicalNeutral } from '@geste/core';
import type { GradedStep } from '../feedback/graded.ts';
import type { PoseEngine } from './pose.ts';

export type TurnTiltReference = 'trunk' | 'camera' | 'none';
export type FlexionReference = 'gravity' | 'face-geometry' | 'uncertain' | 'none';

export interface FrameReference {
  readonly turnTilt: TurnTiltReference;
  readonly flexion: FlexionReference;
  /** How far the chin up/down zero may be off, deg (null when not known). */
  readonly flexionUncertaintyDeg: number | null;
}

/** More than this from the zero on any axis and the straightest posture gets a warning (issue 12). */
export const STRAIGHTEST_WARN_DEG = 10;
/** Plain zone around the zero: the last training step (CLINICAL.md "within 10° of neutral"). */
export const FINAL_ZONE_DEG = 10;
/** How far each graded step moves toward the zero, deg. */
export const STEP_DEG = 10;

export interface EngineOptions {
  /** Front-camera elevation above the horizon from the device's sensors, deg; null = no usable sensor. */
  readonly cameraPitchDeg: number | null;
}

export function createEngine(_opts: EngineOptions): PoseEngine {
  return new HeadPoseEstimator({ neutral: anatomicalNeutral() });
}

export function referenceOf(m: FrameMeasure): FrameReference {
  if (m.state === 'not-measurable') return { turnTilt: 'none', flexion: 'none', flexionUncertaintyDeg: null };
  return { turnTilt: 'camera', flexion: m.flexionDeg === null ? 'none' : 'uncertain', flexionUncertaintyDeg: null };
}

export type StraightestFailure = 'too-few-frames' | 'not-still' | 'multiple-faces';

export type StraightestCheck =
  | {
      readonly ok: true;
      /** The straightest posture against the anatomical zero, deg (null = that axis was not measurable). */
      readonly postureDeg: Readonly<Record<Axis, number | null>>;
      /** Axes more than STRAIGHTEST_WARN_DEG from the zero, largest first. */
      readonly offAxes: readonly Axis[];
      readonly reference: FrameReference;
      readonly framesUsed: number;
      readonly spreadDeg: number;
    }
  | { readonly ok: false; readonly reason: StraightestFailure };

const AXES: readonly Axis[] = ['rotationDeg', 'tiltDeg', 'flexionDeg'];

export function checkStraightest(frames: readonly LandmarkFrame[], measures: readonly FrameMeasure[]): StraightestCheck {
  const multiple = measures.filter((m) => m.reasons.includes('multiple-faces')).length;
  const good = measures.filter((m) => m.state !== 'not-measurable');
  if (good.length < 10) return { ok: false, reason: multiple > frames.length / 2 ? 'multiple-faces' : 'too-few-frames' };
  const med = (xs: number[]): number | null => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    const k = s.length >> 1;
    return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
  };
  const postureDeg = Object.fromEntries(AXES.map((a) => [a, med(good.map((m) => m[a]).filter((v): v is number => v !== null))])) as Record<Axis, number | null>;
  let spreadDeg = 0;
  for (const a of AXES) {
    const p = postureDeg[a];
    if (p === null) continue;
    for (const m of good) if (m[a] !== null) spreadDeg = Math.max(spreadDeg, Math.abs(m[a]! - p));
  }
  if (spreadDeg > 6) return { ok: false, reason: 'not-still' };
  const offAxes = AXES.filter((a) => Math.abs(postureDeg[a] ?? 0) > STRAIGHTEST_WARN_DEG).sort((x, y) => Math.abs(postureDeg[y]!) - Math.abs(postureDeg[x]!));
  return { ok: true, postureDeg, offAxes, reference: referenceOf(good[good.length >> 1]!), framesUsed: good.length, spreadDeg };
}

/** Steps from the straightest posture toward the zero: e.g. 30° → [20°, 10°]; each axis keeps at least the final zone. */
export function gradedSteps(postureDeg: Readonly<Record<Axis, number | null>>): GradedStep[] {
  const startOf = (a: Axis): number => Math.abs(postureDeg[a] ?? 0);
  const widest = Math.max(...AXES.map(startOf));
  const steps: GradedStep[] = [];
  for (let limit = Math.ceil((widest - STEP_DEG) / STEP_DEG) * STEP_DEG; limit > FINAL_ZONE_DEG; limit -= STEP_DEG) {
    steps.push({ limitsDeg: Object.fromEntries(AXES.map((a) => [a, Math.max(FINAL_ZONE_DEG, Math.min(limit, Math.ceil(startOf(a) / STEP_DEG) * STEP_DEG))])) as Record<Axis, number> });
  }
  steps.push({ limitsDeg: { rotationDeg: FINAL_ZONE_DEG, tiltDeg: FINAL_ZONE_DEG, flexionDeg: FINAL_ZONE_DEG } });
  return steps;
}

/**
 * Which references a session's frames used, as session measures (numbers, so they travel with the record):
 * share of measurable frames with turn/tilt against the trunk, and with chin up/down against gravity, face
 * geometry, or uncertain. `dominant()` is the reference most frames used, for the words on screen.
 */
export class ReferenceTally {
  private n = 0;
  private trunk = 0;
  private readonly flex = { gravity: 0, 'face-geometry': 0, uncertain: 0 };
  private uncertaintySumDeg = 0;
  private uncertaintyN = 0;

  push(m: FrameMeasure): void {
    const r = referenceOf(m);
    if (r.turnTilt === 'none') return;
    this.n++;
    if (r.turnTilt === 'trunk') this.trunk++;
    if (r.flexion !== 'none') this.flex[r.flexion]++;
    if (r.flexionUncertaintyDeg !== null) {
      this.uncertaintySumDeg += r.flexionUncertaintyDeg;
      this.uncertaintyN++;
    }
  }

  measures(): Record<string, number | null> {
    const pct = (k: number): number | null => (this.n === 0 ? null : Math.round((1000 * k) / this.n) / 10);
    return {
      referenceTrunkPct: pct(this.trunk),
      flexionReferenceGravityPct: pct(this.flex.gravity),
      flexionReferenceFaceGeometryPct: pct(this.flex['face-geometry']),
      flexionReferenceUncertainPct: pct(this.flex.uncertain),
    };
  }

  dominant(): FrameReference | null {
    return referenceFromMeasures(this.measures(), this.uncertaintyN ? this.uncertaintySumDeg / this.uncertaintyN : null);
  }
}

/** The reference most frames of a stored session used, from its measures (null for older sessions). */
export function referenceFromMeasures(m: Record<string, number | null | undefined>, flexionUncertaintyDeg: number | null = null): FrameReference | null {
  const trunk = m['referenceTrunkPct'];
  if (trunk === null || trunk === undefined) return null;
  const g = m['flexionReferenceGravityPct'] ?? 0;
  const f = m['flexionReferenceFaceGeometryPct'] ?? 0;
  const u = m['flexionReferenceUncertainPct'] ?? 0;
  const flexion: FlexionReference = g + f + u === 0 ? 'none' : g >= f && g >= u ? 'gravity' : f >= u ? 'face-geometry' : 'uncertain';
  return { turnTilt: trunk >= 50 ? 'trunk' : 'camera', flexion, flexionUncertaintyDeg };
}
