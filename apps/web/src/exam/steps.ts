/**
 * The guided exam script: rest, two attempts to hold neutral (up to 60 s each), then turning, tilting
 * and chin down/up each way as far as is comfortable. Each step has its spoken instruction, its
 * on-screen words and the exam phase it marks for core scoring.
 */
import type { Axis } from '@geste/core';

export type StepMark = { kind: 'rest' } | { kind: 'hold-neutral' } | { kind: 'rom-sweep'; axis: Axis } | { kind: 'none' };

export interface ExamStep {
  readonly id: string;
  readonly title: string;
  readonly say: string;
  /** Full length, s. */
  readonly durationS: number;
  /** Shortest length when the exam is shortened for a try-out or a test, s. */
  readonly minS: number;
  readonly mark: StepMark;
  /** Hold steps end early once the head has left the 10° zone for good (core holdAttempt decides). */
  readonly endsWhenHoldEnds?: boolean;
}

const sweep = (id: string, title: string, say: string, axis: Axis): ExamStep[] => [
  { id, title, say, durationS: 6, minS: 2, mark: { kind: 'rom-sweep', axis } },
  { id: `${id}-back`, title: 'Back to the middle and relax', say: 'And back to the middle. Relax.', durationS: 3, minS: 1, mark: { kind: 'none' } },
];

export const EXAM_STEPS: readonly ExamStep[] = [
  { id: 'intro', title: 'Get ready', say: 'The exam takes about four minutes. Sit comfortably, with your face in view. Follow the spoken instructions.', durationS: 6, minS: 2, mark: { kind: 'none' } },
  { id: 'rest', title: 'Rest: let your head go where it wants to', say: 'Rest for thirty seconds. Let your head go where it wants to. Do not correct it.', durationS: 30, minS: 8, mark: { kind: 'rest' } },
  { id: 'hold-1', title: 'Hold your head straight (1 of 2)', say: 'Now bring your head as straight as you can, without using your hands, and hold it there for as long as you can.', durationS: 60, minS: 5, mark: { kind: 'hold-neutral' }, endsWhenHoldEnds: true },
  { id: 'relax-1', title: 'Relax', say: 'Relax.', durationS: 10, minS: 2, mark: { kind: 'none' } },
  { id: 'hold-2', title: 'Hold your head straight (2 of 2)', say: 'Once more: bring your head as straight as you can, and hold it there.', durationS: 60, minS: 5, mark: { kind: 'hold-neutral' }, endsWhenHoldEnds: true },
  { id: 'relax-2', title: 'Relax', say: 'Relax.', durationS: 5, minS: 1.5, mark: { kind: 'none' } },
  ...sweep('turn-right', 'Turn your head to your right, as far as is comfortable', 'Turn your head to your right, as far as is comfortable, and hold.', 'rotationDeg'),
  ...sweep('turn-left', 'Turn your head to your left, as far as is comfortable', 'Turn your head to your left, as far as is comfortable, and hold.', 'rotationDeg'),
  ...sweep('tilt-right', 'Tilt your right ear toward your right shoulder', 'Tilt your right ear toward your right shoulder, as far as is comfortable.', 'tiltDeg'),
  ...sweep('tilt-left', 'Tilt your left ear toward your left shoulder', 'Tilt your left ear toward your left shoulder, as far as is comfortable.', 'tiltDeg'),
  ...sweep('chin-down', 'Bring your chin down toward your chest', 'Bring your chin down toward your chest, as far as is comfortable.', 'flexionDeg'),
  ...sweep('chin-up', 'Lift your chin and look up', 'Lift your chin and look up, as far as is comfortable.', 'flexionDeg'),
];

/** Step length in ms for a time scale (1 = the real exam; <1 only for try-outs/tests, never below minS). */
export function stepMs(step: ExamStep, scale: number): number {
  return Math.max(step.minS, step.durationS * Math.min(1, Math.max(0, scale))) * 1000;
}

export function examLengthS(scale: number): number {
  return EXAM_STEPS.reduce((s, st) => s + stepMs(st, scale) / 1000, 0);
}
