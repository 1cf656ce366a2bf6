/**
 * CLI outcomes: one closed set of codes, one mapping to exit codes, one place for words.
 * Exit codes: 0 analysed; 1 analysed but nothing measurable in the whole video; 2 usage error;
 * 3 input problem (missing, unreadable, not a video, empty); 4 environment problem (decoder or models
 * missing); 5 unexpected internal error (a bug: please report it with the file if you can).
 */
import { isVisionError } from '@geste/vision';

export const CLI_ERROR_CODES = ['usage', 'input', 'environment', 'nothing-measurable', 'internal'] as const;
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

export const EXIT_CODE: Readonly<Record<CliErrorCode | 'ok', number>> = {
  ok: 0,
  'nothing-measurable': 1,
  usage: 2,
  input: 3,
  environment: 4,
  internal: 5,
};

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(readonly code: CliErrorCode, message: string) {
    super(message);
  }
}

const INPUT_CODES = new Set(['file-missing', 'file-unreadable', 'not-a-video', 'empty-video', 'truncated-video', 'bad-frame', 'replay-malformed', 'replay-version']);
const ENV_CODES = new Set(['decoder-missing', 'decoder-failed', 'models-missing', 'detector-busy', 'detector-closed']);

/** Any thrown value → a CliError with words for a person (no stack trace). */
export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (isVisionError(e)) {
    if (INPUT_CODES.has(e.code)) return new CliError('input', e.message);
    if (ENV_CODES.has(e.code)) return new CliError('environment', e.message);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new CliError('internal', `Unexpected internal error: ${msg}. This is a bug in Geste; please report it.`);
}
