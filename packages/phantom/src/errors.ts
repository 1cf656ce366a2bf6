/** Closed set of phantom failure codes; messages say what was expected, what came, and how to fix it. */
export type PhantomErrorCode =
  | 'chromium-missing'
  | 'webgl-failed'
  | 'ffmpeg-failed'
  | 'unknown-script'
  | 'bad-arguments';

export class PhantomError extends Error {
  readonly code: PhantomErrorCode;
  constructor(code: PhantomErrorCode, message: string) {
    super(message);
    this.name = 'PhantomError';
    this.code = code;
  }
}
