/**
 * Typed errors of @geste/vision: a closed set of codes, and a message that says what was expected,
 * what came, and how to fix it. Pure (no Node, no DOM).
 */
export const VISION_ERROR_CODES = [
  'file-missing',
  'file-unreadable',
  'not-a-video',
  'empty-video',
  'truncated-video',
  'decoder-missing',
  'decoder-failed',
  'models-missing',
  'detector-busy',
  'detector-closed',
  'bad-frame',
  'replay-malformed',
  'replay-version',
] as const;
export type VisionErrorCode = (typeof VISION_ERROR_CODES)[number];

export class VisionError extends Error {
  override readonly name = 'VisionError';
  readonly code: VisionErrorCode;
  /** Extra facts for the UI / report (path, line number, frames decoded…). */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;

  constructor(code: VisionErrorCode, message: string, details: Record<string, string | number | boolean | null> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isVisionError(e: unknown): e is VisionError {
  return e instanceof VisionError;
}
