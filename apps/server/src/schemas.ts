/** JSON schemas shared by the routes. Every body is closed (`additionalProperties: false`). */
import { CATEGORIES } from './context.ts';
import { HLC_PATTERN } from './sync/hlc.ts';

export const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const EMAIL = { type: 'string', minLength: 3, maxLength: 254, pattern: "^[^\\s@<>'\";\\\\]+@[^\\s@<>'\";\\\\]+$" } as const;
export const PASSWORD = { type: 'string', minLength: 12, maxLength: 256 } as const;
export const DISPLAY_NAME = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^<>{}\\\\]+$' } as const;
export const CATEGORY = { type: 'string', enum: [...CATEGORIES] } as const;
export const CATEGORY_LIST = { type: 'array', items: CATEGORY, minItems: 1, maxItems: CATEGORIES.length, uniqueItems: true } as const;
export const TIME_MS = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
export const SEQ_QUERY = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
export const INVITE_CODE = { type: 'string', pattern: '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$' } as const;

export const CHANGE = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'category', 'updatedAt', 'deviceId', 'version', 'payload'],
  properties: {
    id: ID,
    kind: { type: 'string', pattern: '^[a-z][a-z0-9_.-]{0,63}$' },
    category: CATEGORY,
    updatedAt: { type: 'string', pattern: HLC_PATTERN },
    deviceId: ID,
    version: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    deleted: { type: 'boolean' },
    payload: { type: 'object' },
  },
} as const;

export const PUSH_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['changes'],
  properties: { changes: { type: 'array', items: CHANGE, maxItems: 500 } },
} as const;

/** A home-exercise program: an opaque JSON document with a title. */
export const PROGRAM_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'document'],
  properties: { title: DISPLAY_NAME, document: { type: 'object' } },
} as const;
