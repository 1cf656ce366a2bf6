import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_CODES, HTTP_STATUS_BY_CODE, toApiError } from './errors.ts';

describe('errors', () => {
  it('maps every code, and only those, to one HTTP status', () => {
    expect(Object.keys(HTTP_STATUS_BY_CODE).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const s = HTTP_STATUS_BY_CODE[code];
      expect(s >= 400 && s < 600, code).toBe(true);
      expect(new ApiError(code, 'm').httpStatus).toBe(s);
    }
  });

  it('turns framework, database and unknown errors into typed ones without leaking their text', () => {
    expect(toApiError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).code).toBe('payload_too_large');
    expect(toApiError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).code).toBe('unsupported_media_type');
    expect(toApiError({ validation: [{ instancePath: '/a', message: 'must be integer' }], validationContext: 'body', message: 'body/a must be integer' }).toBody()).toEqual({
      error: { code: 'invalid_input', message: expect.stringContaining('body/a must be integer') as unknown as string, details: { issues: [{ path: '/a', message: 'must be integer' }] } },
    });
    expect(toApiError({ code: 'ECONNREFUSED' }).code).toBe('db_unavailable');
    expect(toApiError({ code: '57P01', message: 'terminating connection due to administrator command' }).code).toBe('db_unavailable');
    expect(toApiError(new Error('Connection terminated unexpectedly')).code).toBe('db_unavailable');
    const internal = toApiError(new Error('relation "secret_table" does not exist'));
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toContain('secret_table');
    expect(toApiError('a string').code).toBe('internal');
  });
});
