/**
 * The programmatic API behind `geste analyze`: a video (or any LandmarkSource) → per-frame measures
 * and a session summary. The same core code runs in the browser app.
 */
import {
  type FrameMeasure,
  type LandmarkFrame,
  type LandmarkSource,
  type NeutralChoice,
  type NeutralStrategy,
  RecordingAnalyzer,
  type SourceInfo,
  type ExamPhase,
  type CameraContext,
  type StraightestCheck,
  UNKNOWN_CAMERA,
  summarizeReference,
} from '@geste/core';
import { type SessionSummary, summarizeSession, summaryMeasures } from './summary.ts';

export interface AnalyzeProgress {
  readonly framesDone: number;
  /** Estimated from duration × frame rate; null when unknown. */
  readonly framesTotal: number | null;
  readonly mediaTimeMs: number;
}

export interface AnalyzeOptions {
  readonly neutral?: NeutralStrategy;
  readonly onProgress?: (p: AnalyzeProgress) => void;
  /** Keep the landmark frames (for `--landmarks` replay files). Default false. */
  readonly keepLandmarks?: boolean;
  /** Estimated total frames, for progress. */
  readonly framesTotal?: number | null;
  /** Exam-phase markers (rest, hold attempts, sweeps, tricks) when the recording followed the protocol. */
  readonly phases?: readonly ExamPhase[];
  /** What is known about the camera (pitch against gravity, mirrored); default unknown. */
  readonly camera?: CameraContext;
  /** Called as each phase ends ('first frame …', 'frames', 'close …', 'analysis …', 'summary'), for `--timings`. */
  readonly onPhase?: (name: string) => void;
}

export interface RecordingAnalysis {
  readonly source: SourceInfo;
  readonly neutral: NeutralChoice;
  readonly frames: readonly FrameMeasure[];
  /** Against the anatomical zero with each frame's reference (the same array as `frames` by default). */
  readonly anatomicalFrames: readonly FrameMeasure[];
  /** A calibration window measured against the anatomical zero (never an eraser); null without one. */
  readonly straightest: StraightestCheck | null;
  readonly summary: SessionSummary;
  readonly landmarks: readonly LandmarkFrame[] | null;
  readonly droppedOutOfOrder: number;
}

/** Runs a landmark source to the end and analyses it. Closes the source. */
export async function analyzeLandmarkSource(source: LandmarkSource, opts: AnalyzeOptions = {}): Promise<RecordingAnalysis> {
  const camera = opts.camera ?? UNKNOWN_CAMERA;
  const analyzer = new RecordingAnalyzer(opts.neutral ?? { kind: 'anatomical' }, { camera });
  const landmarks: LandmarkFrame[] | null = opts.keepLandmarks ? [] : null;
  let done = 0;
  try {
    for await (const frame of source.frames()) {
      analyzer.push(frame);
      landmarks?.push(frame);
      done++;
      if (done === 1) opts.onPhase?.('first frame (models warm up)');
      opts.onProgress?.({ framesDone: done, framesTotal: opts.framesTotal ?? null, mediaTimeMs: frame.timestampMs });
    }
    opts.onPhase?.('frames');
  } finally {
    await source.close();
  }
  opts.onPhase?.('close video and workers');
  const result = analyzer.finish();
  opts.onPhase?.('analysis (whole recording)');
  const session = summarizeSession(
    result.frames,
    result.neutral,
    opts.phases ?? [],
    result.droppedOutOfOrder ? [`${result.droppedOutOfOrder} frames with repeated or backward timestamps were skipped.`] : [],
    result.mouthOpening,
  );
  const summary = { ...session, anatomical: summarizeReference(result.anatomicalFrames, result.frames, camera) };
  const measures = summaryMeasures(summary);
  opts.onPhase?.('summary');
  return {
    source: source.info,
    neutral: result.neutral,
    frames: result.frames,
    anatomicalFrames: result.anatomicalFrames,
    straightest: result.straightest,
    // The headline numbers the text report lists and summary.json carries (core's summaryMeasures).
    summary: { ...summary, measures },
    landmarks,
    droppedOutOfOrder: result.droppedOutOfOrder,
  };
}
