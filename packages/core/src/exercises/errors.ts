/** Typed errors of the exercises module, with a closed set of codes (STYLE.md "Errors"). */
export type ExerciseErrorCode = 'invalid-exercise' | 'invalid-program' | 'invalid-parameter' | 'unknown-exercise' | 'invalid-trial';

export class ExerciseError extends Error {
  override readonly name = 'ExerciseError';
  constructor(
    readonly code: ExerciseErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
