/**
 * The JSON body parser, in front of every route: bounded depth, and no text PostgreSQL cannot store
 * or that no person typed. Refusals are `invalid_input` with the path of the first bad value.
 * - Depth is counted on the raw text before parsing, so `[[[[…` 10 000 deep never reaches a parser,
 *   a validator or a recursive walk.
 * - U+0000 (refused by PostgreSQL's text and jsonb) and unpaired UTF-16 surrogates (not Unicode text;
 *   they cannot be encoded as UTF-8) are refused in every string and every key.
 * - `__proto__` keys and `constructor.prototype` are refused (prototype poisoning), as Fastify's
 *   default parser does.
 */
import { ApiError } from './errors.ts';

/** Deepest nesting of objects and arrays a body may have. Records nest at most ~6 levels. */
export const MAX_JSON_DEPTH = 32;

// Lone high surrogate, or low surrogate without a high one before it.
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null when it can. */
export function badTextReason(s: string): string | null {
  if (s.includes('\u0000')) return 'contains the NUL character (U+0000)';
  if (LONE_SURROGATE_RE.test(s)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

function refuse(message: string, path: string): never {
  throw new ApiError('invalid_input', `${message}. Fix the value and resend.`, { issues: [{ path, message }] });
}

/** Deepest nesting in JSON text, counting only brackets outside strings; stops early past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > limit) return true;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return false;
}

function walk(v: unknown, path: string): void {
  if (typeof v === 'string') {
    const why = badTextReason(v);
    if (why) refuse(`The text at ${path || '/'} ${why}`, path);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${path}/${i}`));
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    const at = `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const why = badTextReason(k);
    if (why) refuse(`A key at ${path || '/'} ${why}`, path);
    if (k === '__proto__') refuse('A key "__proto__" is not allowed', at);
    if (k === 'constructor' && typeof x === 'object' && x !== null && Object.prototype.hasOwnProperty.call(x, 'prototype')) refuse('A "constructor.prototype" key is not allowed', at);
    walk(x, at);
  }
}

/** Parses a request body; throws `invalid_input` (ApiError) for anything the server will not take. */
export function parseJsonBody(text: string): unknown {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new ApiError('invalid_input', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels. Send a flatter document.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_input', 'Expected a JSON body; the body could not be parsed as JSON.');
  }
  walk(value, '');
  return value;
}
