/**
 * A whole recording (video file, camera session, replay) → per-frame measures relative to one neutral.
 * Streaming: frames are pushed in order; only the frames up to the end of a calibration window are
 * buffered (they cannot be measured before the neutral is known).
 *
 * The neutral for a recording is chosen explicitly, never guessed: a person's rest posture in an exam video
 * is often their dystonic posture, so treating "the first still seconds" as neutral would hide exactly what
 * is being measured. Options: the camera-derived anatomical neutral (default), a calibration window the
 * caller knows the person held straight in, or a neutral calibrated earlier (e.g. in the app).
 */
import type { LandmarkFrame } from '../landmarks/types.ts';
import type { FrameMeasure } from '../measures/types.ts';
import { GuardedFrameMeasurer } from '../pose/estimator.ts';
import type { FitOptions } from '../pose/headFit.ts';
import { type CalibrationResult, type Neutral, anatomicalNeutral, calibrateNeutral } from '../pose/neutral.ts';
import { AnatomicalEstimator } from '../pose/anatomical.ts';
import type { CameraContext } from '../pose/reference.ts';
import type { TrunkSetup } from '../pose/trunkSetup.ts';
import { type StraightestCheck, checkStraightest } from '../pose/straightest.ts';
import { frameLensGlareShare } from '../pose/lensGlare.ts';
import { mouthOnFrame, type MouthMovement } from '../signal/mouth.ts';

export type NeutralStrategy =
  | { readonly kind: 'anatomical' }
  | { readonly kind: 'calibrate-window'; readonly startMs: number; readonly endMs: number }
  | { readonly kind: 'given'; readonly neutral: Neutral };

export interface NeutralChoice {
  readonly neutral: Neutral;
  /** What was asked for and what was used; `fellBackToAnatomical` when a calibration window failed. */
  readonly requested: NeutralStrategy['kind'];
  readonly fellBackToAnatomical: boolean;
  readonly calibration: CalibrationResult | null;
}

export interface RecordingMeasures {
  readonly neutral: NeutralChoice;
  /** Against the chosen neutral: the anatomical zero (default) or the calibrated / given neutral. */
  readonly frames: readonly FrameMeasure[];
  /** Always against the anatomical zero, each with its reference (the same array as `frames` for 'anatomical'). */
  readonly anatomicalFrames: readonly FrameMeasure[];
  /**
   * For a calibration window: that posture measured against the anatomical zero (a check, never an eraser;
   * pose/straightest.ts). Null otherwise.
   */
  readonly straightest: StraightestCheck | null;
  /** Frames whose timestamp did not increase (dropped, counted here). */
  readonly droppedOutOfOrder: number;
  /** The lips' and the jaw's opening per frame (signal/mouth.ts): tremor analysis tells talking from tremor with them. */
  readonly mouthOpening: MouthMovement;
}

export class RecordingAnalyzer {
  private readonly strategy: NeutralStrategy;
  private choice: NeutralChoice | null = null;
  /** The calibration window's lens glare share per frame time (pose/lensGlare.ts), for the straightest check. */
  private readonly restGlareShares = new Map<number, number | null>();
  private readonly pending: LandmarkFrame[] = [];
  private readonly measures: FrameMeasure[] = [];
  private lastTimestampMs = -Infinity;
  private dropped = 0;

  private readonly fit: FitOptions;
  private readonly guarded: GuardedFrameMeasurer;
  private readonly anatomical: AnatomicalEstimator;
  private readonly anatomicalMeasures: FrameMeasure[] = [];
  private readonly mouthTimestampsMs: number[] = [];
  private readonly mouthValues: (number | null)[] = [];
  private readonly jawValues: (number | null)[] = [];

  /** `options.camera`: what is known about the camera (pitch against gravity, mirrored); default unknown. */
  constructor(strategy: NeutralStrategy = { kind: 'anatomical' }, options: FitOptions & { readonly camera?: CameraContext; readonly trunkSetup?: TrunkSetup | null } = {}) {
    this.strategy = strategy;
    const { camera, trunkSetup, ...fitOptions } = options;
    this.fit = fitOptions;
    this.guarded = new GuardedFrameMeasurer(fitOptions);
    this.anatomical = new AnatomicalEstimator({ ...fitOptions, ...(camera ? { camera } : {}), ...(trunkSetup ? { trunkSetup } : {}) });
    if (strategy.kind === 'anatomical') {
      this.choice = { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null };
    } else if (strategy.kind === 'given') {
      this.choice = { neutral: strategy.neutral, requested: 'given', fellBackToAnatomical: false, calibration: null };
    }
  }

  push(frame: LandmarkFrame): void {
    if (!(frame.timestampMs > this.lastTimestampMs)) {
      this.dropped++;
      return;
    }
    this.lastTimestampMs = frame.timestampMs;
    this.mouthTimestampsMs.push(frame.timestampMs);
    const mouth = mouthOnFrame(frame);
    this.mouthValues.push(mouth.lips);
    this.jawValues.push(mouth.jaw);
    this.anatomicalMeasures.push(this.anatomical.measure(frame));
    if (this.strategy.kind === 'anatomical') {
      this.measures.push(this.anatomicalMeasures[this.anatomicalMeasures.length - 1]!);
      return;
    }
    if (this.choice) {
      this.measures.push(this.measureWithNeutral(frame, this.choice.neutral));
      return;
    }
    this.pending.push(frame);
    if (this.strategy.kind === 'calibrate-window' && frame.timestampMs > this.strategy.endMs) this.resolveCalibration();
  }

  /** Measures so far (for live progress); complete after `finish()`. */
  get framesSoFar(): readonly FrameMeasure[] {
    return this.measures;
  }

  finish(): RecordingMeasures {
    if (!this.choice) this.resolveCalibration();
    let straightest: StraightestCheck | null = null;
    if (this.strategy.kind === 'calibrate-window') {
      const { startMs, endMs } = this.strategy;
      const held = this.anatomicalMeasures.filter((m) => m.timestampMs >= startMs && m.timestampMs <= endMs);
      // Glare on glasses (pose/lensGlare.ts): the same frames the calibration left out are left out here.
      straightest = checkStraightest(held, null, held.map((m) => this.restGlareShares.get(m.timestampMs) ?? null));
    }
    return { neutral: this.choice!, frames: this.measures, anatomicalFrames: this.strategy.kind === 'anatomical' ? this.measures : this.anatomicalMeasures, straightest, droppedOutOfOrder: this.dropped, mouthOpening: { timestampsMs: this.mouthTimestampsMs, values: this.mouthValues, jaw: this.jawValues } };
  }

  /** Against a calibrated or given neutral: the same guards as `HeadPoseEstimator.measure` (re-entry, flexion range). */
  private measureWithNeutral(frame: LandmarkFrame, neutral: Neutral): FrameMeasure {
    return this.guarded.measure(frame, neutral);
  }

  private resolveCalibration(): void {
    if (this.strategy.kind !== 'calibrate-window') return;
    const { startMs, endMs } = this.strategy;
    const window = this.pending.filter((f) => f.timestampMs >= startMs && f.timestampMs <= endMs);
    for (const f of window) this.restGlareShares.set(f.timestampMs, frameLensGlareShare(f));
    const calibration = calibrateNeutral(window, this.fit);
    this.choice = calibration.ok
      ? { neutral: calibration.neutral, requested: 'calibrate-window', fellBackToAnatomical: false, calibration }
      : { neutral: anatomicalNeutral(), requested: 'calibrate-window', fellBackToAnatomical: true, calibration };
    for (const f of this.pending) this.measures.push(this.measureWithNeutral(f, this.choice.neutral));
    this.pending.length = 0;
  }
}
