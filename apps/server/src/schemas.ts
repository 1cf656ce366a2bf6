/** JSON schemas shared by the routes. Every body is closed (`additionalProperties: false`). */
import { z } from 'zod';
import { PushBody } from '@geste/contract';
import { CATEGORIES } from './context.ts';

export const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const EMAIL = { type: 'string', minLength: 3, maxLength: 254, pattern: "^[^\\s@<>'\";\\\\]+@[^\\s@<>'\";\\\\]+$" } as const;
export const PASSWORD = { type: 'string', minLength: 12, maxLength: 256 } as const;
/** A name shown to other people: no markup characters, no control characters, no bidi overrides or isolates (they can disguise a name). */
export const DISPLAY_NAME = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^<>{}\\\\\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]+$' } as const;
export const CATEGORY = { type: 'string', enum: [...CATEGORIES] } as const;
export const CATEGORY_LIST = { type: 'array', items: CATEGORY, minItems: 1, maxItems: CATEGORIES.length, uniqueItems: true } as const;
export const TIME_MS = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
export const SEQ_QUERY = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
export const INVITE_CODE = { type: 'string', pattern: '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$' } as const;

/**
 * `POST /sync/push`: generated from the contract's zod schema (packages/contract/src/wire.ts), so the
 * server refuses exactly what the app's types forbid. Stamp bounds and record payloads are checked in
 * code after this (sync/sync.ts), since they need the clock and core's record schemas.
 */
export const PUSH_BODY = (() => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(PushBody, { target: 'draft-7' }) as Record<string, unknown>;
  return schema;
})();

/** A home-exercise program: an opaque JSON document with a title. */
export const PROGRAM_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'document'],
  properties: { title: DISPLAY_NAME, document: { type: 'object' } },
} as const;
