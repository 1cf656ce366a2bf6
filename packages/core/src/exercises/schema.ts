// ref: zod 4 schemas at the boundary (STYLE.md). An exercise is data: what the person does (own words),
// what the camera checks (axis, direction, angle thresholds, hold time, reps, rest) and how the avatar
// shows it (keyframes). Angles follow docs/clinical.md (patient's point of view, relative to the calibrated
// neutral): rotationDeg > 0 chin toward the RIGHT shoulder, tiltDeg > 0 right ear toward the right
// shoulder, flexionDeg > 0 chin down.
import { z } from 'zod';
import { AXES } from '../measures/types.ts';

/** Face trackers degrade beyond about 45° of rotation (docs/clinical.md), so no target asks for more. */
export const MAX_TARGET_DEG = 45;
/** The longest single hold or session step the library may ask for, ms. */
export const MAX_HOLD_MS = 120_000;

export const EXERCISE_CATEGORIES = ['stretch', 'strengthen', 'range-of-motion', 'posture', 'relaxation'] as const;
export type ExerciseCategory = (typeof EXERCISE_CATEGORIES)[number];

/**
 * Which way along the axis the movement goes:
 * - 'positive' / 'negative': the sign of the clinical angle (rotation > 0 = chin to the right shoulder);
 * - 'away-from-pull': the side opposite the person's own pull, resolved at session time from the person's
 *   dominant posture (`resolveDirection`);
 * - 'both': either side counts (|angle| is used), e.g. alternating turns.
 */
export const DIRECTIONS = ['positive', 'negative', 'away-from-pull', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const HAND_POSES = ['none', 'chin', 'cheek', 'back-of-head', 'forehead', 'side-of-head', 'on-chest'] as const;
export type HandPose = (typeof HAND_POSES)[number];

const deg = z.number().finite();
const ms = z.number().int().nonnegative();

export const avatarKeyframeSchema = z
  .object({
    /** Time of this keyframe within one loop of the animation, ms. The first is 0. */
    atMs: ms,
    rotationDeg: deg.min(-60).max(60),
    tiltDeg: deg.min(-60).max(60),
    flexionDeg: deg.min(-60).max(60),
    /** Shoulder lift, 0 = relaxed, 1 = fully shrugged. */
    shoulderLift: z.number().min(0).max(1).default(0),
    /** Where the hand is (drawn on the person's right side unless `handSide` says left). */
    hand: z.enum(HAND_POSES).default('none'),
    handSide: z.enum(['right', 'left']).default('right'),
    /** 0 = breathe out (small chest), 1 = breathe in; drawn as chest size. */
    breath: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type AvatarKeyframe = z.infer<typeof avatarKeyframeSchema>;

/** Reps: a rep counts when the angle along `direction` reaches `targetDeg` (for ≥ `dwellMs`) and comes back within `returnDeg`. */
const repsTracking = z
  .object({
    kind: z.literal('reps'),
    axis: z.enum(AXES),
    direction: z.enum(DIRECTIONS),
    targetDeg: deg.positive().max(MAX_TARGET_DEG),
    returnDeg: deg.nonnegative(),
    /** Time the angle must stay at/after the target before the rep can count (a short pause at the end of range), ms. */
    dwellMs: ms.max(10_000),
    reps: z.number().int().min(1).max(30),
    /** Suggested pause between reps, ms (the counter does not enforce it). */
    restMs: ms.max(MAX_HOLD_MS),
  })
  .strict();

/**
 * Holds: time is counted only while the posture is held. 'target' = at or beyond `targetDeg` along
 * `direction` on `axis`; 'neutral' = every measured axis within `toleranceDeg` of neutral (posture work
 * and isometric strengthening, where the head must not move while the hand presses).
 */
const holdTracking = z
  .object({
    kind: z.literal('hold'),
    posture: z.enum(['target', 'neutral']),
    axis: z.enum(AXES),
    direction: z.enum(DIRECTIONS),
    /** For 'target': the angle to reach. For 'neutral': unused (0). */
    targetDeg: deg.nonnegative().max(MAX_TARGET_DEG),
    /** For 'target': the hold ends when the angle drops below targetDeg − toleranceDeg. For 'neutral': the zone half-width. */
    toleranceDeg: deg.positive().max(20),
    holdMs: ms.min(1000).max(MAX_HOLD_MS),
    reps: z.number().int().min(1).max(20),
    restMs: ms.max(MAX_HOLD_MS),
  })
  .strict();

/** Paced sessions (breathing, relaxation): the camera only watches that the head stays easy; nothing is counted. */
const pacedTracking = z
  .object({
    kind: z.literal('paced'),
    inhaleMs: ms.min(1000).max(10_000),
    holdBreathMs: ms.max(10_000),
    exhaleMs: ms.min(1000).max(15_000),
    cycles: z.number().int().min(1).max(40),
  })
  .strict();

export const trackingSchema = z.discriminatedUnion('kind', [repsTracking, holdTracking, pacedTracking]);
export type Tracking = z.infer<typeof trackingSchema>;
export type RepsTracking = z.infer<typeof repsTracking>;
export type HoldTracking = z.infer<typeof holdTracking>;
export type PacedTracking = z.infer<typeof pacedTracking>;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const exerciseSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{2,40}$/),
    title: text(3, 60),
    category: z.enum(EXERCISE_CATEGORIES),
    /** One or two sentences: what it is for, in plain words. */
    summary: text(20, 300),
    /** Step-by-step instructions read aloud or shown. */
    steps: z.array(text(5, 200)).min(2).max(8),
    /** Short spoken cues used during a guided session (one at a time). */
    cues: z
      .object({
        start: text(3, 80),
        /** When the movement stopped short of the target. */
        further: text(3, 80),
        /** When the person should come back toward the middle. */
        back: text(3, 80),
        done: text(3, 80),
      })
      .strict(),
    /** Must contain the safety line (checked by the parity test). */
    safety: text(20, 300),
    tracking: trackingSchema,
    /** One loop of the avatar animation; at least two keyframes, strictly increasing times from 0. */
    avatar: z.array(avatarKeyframeSchema).min(2).max(16),
  })
  .strict();
export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;

/** The line every exercise carries (the medical safety line of the project). */
export const EXERCISE_SAFETY_LINE = "Stop if it hurts; follow your clinician's program.";
