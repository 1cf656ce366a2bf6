/**
 * Errors as typed data: a closed set of codes, one mapping to HTTP.
 * Every error a client sees is `{ error: { code, message, details? } }`; the message says what was
 * expected, what came, and how to fix it. Nothing else maps errors to HTTP status codes.
 */
export const ERROR_CODES = [
  'invalid_input',
  'payload_too_large',
  'unsupported_media_type',
  'uri_too_long',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'db_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  uri_too_long: 414,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  db_unavailable: 503,
  internal: 500,
};

export interface ApiErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { error: { code: this.code, message: this.message } }
      : { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** PostgreSQL / connection error codes that mean "the database is not reachable right now". */
const DB_UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const DB_UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

function isDbUnavailable(err: Record<string, unknown>): boolean {
  const code = typeof err['code'] === 'string' ? err['code'] : '';
  if (DB_UNAVAILABLE_SQLSTATES.has(code) || DB_UNAVAILABLE_ERRNOS.has(code)) return true;
  const msg = typeof err['message'] === 'string' ? err['message'] : '';
  return /Connection terminated|connection (is )?closed|terminating connection|Client has encountered a connection error|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(msg);
}

/** The one place that turns anything thrown into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err !== 'object' || err === null) return new ApiError('internal', 'Unexpected error.');
  const e = err as Record<string, unknown>;
  const fastifyCode = typeof e['code'] === 'string' ? e['code'] : '';
  if (Array.isArray(e['validation'])) {
    const ctx = typeof e['validationContext'] === 'string' ? e['validationContext'] : 'request';
    return new ApiError('invalid_input', `The ${ctx} does not match the route's schema: ${String(e['message'])}. Fix the listed fields and resend.`, {
      issues: (e['validation'] as { instancePath?: string; message?: string }[]).map((v) => ({ path: v.instancePath ?? '', message: v.message ?? '' })),
    });
  }
  switch (fastifyCode) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'The request body is larger than the server accepts. Send smaller batches.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type', 'Expected Content-Type application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_input', 'Expected a JSON body; the body could not be parsed as JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('invalid_input', 'The Content-Length header does not match the body.');
    default:
      break;
  }
  if (e['statusCode'] === 414) return new ApiError('uri_too_long', 'A part of the URL is longer than the server accepts (path parameters: 200 characters). Send a shorter URL.');
  if (e['statusCode'] === 429) return new ApiError('rate_limited', 'Too many attempts. Wait a minute and try again.');
  if (e['name'] === 'SyntaxError' && e['statusCode'] === 400) {
    return new ApiError('invalid_input', 'Expected a JSON body; the body could not be parsed as JSON.');
  }
  if (isDbUnavailable(e)) return new ApiError('db_unavailable', 'The database is not reachable right now. Retry shortly; nothing was lost.');
  if (typeof e['statusCode'] === 'number' && e['statusCode'] >= 400 && e['statusCode'] < 500) {
    return new ApiError('invalid_input', `The request was refused: ${String(e['message'])}.`);
  }
  return new ApiError('internal', 'Unexpected server error.');
}
