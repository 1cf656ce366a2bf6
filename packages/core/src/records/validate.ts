/**
 * Validation at every boundary: unknown input → migrated, validated record, or typed errors.
 * Zod issues are mapped here (one place) onto the closed `RecordErrorCode` set.
 */
import type { z } from 'zod';
import { describeReceived, fail, ok, type RecordError, type RecordErrorCode, type Result } from './errors.ts';
import { CURRENT_SCHEMA_VERSION, migrateRecord } from './migrations.ts';
import {
  RECORD_SCHEMAS,
  RECORD_TYPES,
  TREATMENT_KINDS,
  type GesteRecord,
  type RecordOf,
  type RecordType,
} from './schemas.ts';

export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const FORMAT_WORDS: Record<string, string> = {
  id: "an identifier of letters, digits, '-' or '.' (1 to 64 characters)",
  sessionId: "an identifier of letters, digits, '-' or '.' (1 to 64 characters)",
  timeOfDay: 'a 24-hour time like 08:30',
};

const isRecordObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (!isRecordObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function bound(issue: { origin?: unknown }, word: 'at most' | 'at least', n: unknown): string {
  const o = issue.origin;
  if (o === 'string') return `text of ${word} ${String(n)} characters`;
  if (o === 'array') return `${word} ${String(n)} items`;
  return `a number ${word} ${String(n)}`;
}

/** Maps one zod issue onto a RecordError. `root` is the validated input (for the received value). */
export function issueToError(issue: z.core.$ZodIssue, root: unknown, base: string): RecordError {
  const path = formatPath(base, issue.path);
  const input = 'input' in issue ? issue.input : valueAt(root, issue.path);
  const last = issue.path[issue.path.length - 1];
  const e = (code: RecordErrorCode, expected: string, received = describeReceived(input)): RecordError => ({ code, path, expected, received });
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return e('missing-field', `a value (${issue.expected})`);
      if (issue.expected === 'int') return e('wrong-type', 'a whole number');
      return e('wrong-type', issue.expected === 'nan' ? 'a number' : `a ${issue.expected}`);
    case 'too_big':
      if (issue.origin === 'string' && typeof input === 'string') return e('out-of-range', bound(issue, 'at most', issue.maximum), `${input.length} characters`);
      if (issue.origin === 'array' && Array.isArray(input)) return e('out-of-range', bound(issue, 'at most', issue.maximum), `${input.length} items`);
      return e('out-of-range', bound(issue, 'at most', issue.maximum));
    case 'too_small':
      if (issue.origin === 'string' && input === '') return e('missing-field', 'some text', 'empty text');
      if (issue.origin === 'array' && Array.isArray(input)) return e('out-of-range', bound(issue, 'at least', issue.minimum), `${input.length} items`);
      if (issue.origin === 'number' && issue.minimum === 0 && issue.inclusive === false) return e('out-of-range', 'a number above 0');
      return e('out-of-range', bound(issue, 'at least', issue.minimum));
    case 'invalid_format':
      return e('bad-format', (typeof last === 'string' ? FORMAT_WORDS[last] : undefined) ?? `text in the format ${issue.format}`);
    case 'invalid_value':
      return e('bad-format', `one of: ${issue.values.map((v) => String(v)).join(', ')}`);
    case 'invalid_key':
      return e('bad-format', 'names of letters, digits, "_", "-" or "." starting with a letter', 'an unusable name');
    case 'invalid_union':
      return e('bad-format', 'a known kind');
    case 'custom': {
      const code = (issue.params as { gesteCode?: RecordErrorCode } | undefined)?.gesteCode ?? 'inconsistent';
      if (code === 'unsafe-text') return e('unsafe-text', 'plain text without tags or control characters');
      // A refinement on an object reports the object as input; show the value at the path instead.
      if (issue.path.length > 0 && typeof input === 'object' && input !== null) return e(code, issue.message, describeReceived(valueAt(root, issue.path)));
      return e(code, issue.message);
    }
    default:
      return e('bad-format', 'a valid value');
  }
}

/** Validates one record of a known type (after migration). */
export function validateTyped<T extends RecordType>(type: T, input: unknown, base = ''): Result<RecordOf<T>> {
  const schema = RECORD_SCHEMAS[type] as unknown as z.ZodType<RecordOf<T>>;
  // The fast path parses without copying inputs into issues; only a failure is parsed again with them.
  const fast = schema.safeParse(input);
  if (fast.success) return ok(fast.data);
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return ok(r.data);
  return fail(r.error.issues.map((i) => issueToError(i, input, base)));
}

/**
 * Validates any stored or imported record: checks the type, migrates old versions, validates.
 * `base` prefixes error paths (e.g. `records[3]`).
 */
export function validateRecord(input: unknown, base = ''): Result<GesteRecord> {
  const at = (sub: string) => (base === '' ? sub : `${base}.${sub}`);
  if (!isRecordObj(input)) return fail([{ code: 'wrong-type', path: base, expected: 'a record object', received: describeReceived(input) }]);
  const type = input['type'];
  if (typeof type !== 'string' || !(RECORD_TYPES as readonly string[]).includes(type))
    return fail([{ code: 'unknown-record-type', path: at('type'), expected: `one of: ${RECORD_TYPES.join(', ')}`, received: describeReceived(type) }]);
  const t = type as RecordType;
  const m = migrateRecord(t, input);
  if (!m.ok) {
    const current = CURRENT_SCHEMA_VERSION[t];
    return fail([
      m.reason === 'future-version'
        ? { code: 'unsupported-version', path: at('schemaVersion'), expected: `version ${current} or older of a ${t} record`, received: describeReceived(m.version) }
        : { code: 'bad-format', path: at('schemaVersion'), expected: `a whole number from 1 to ${current}`, received: describeReceived(m.version) },
    ]);
  }
  if (t === 'treatment') {
    const kind = m.value['kind'];
    if (typeof kind !== 'string' || !(TREATMENT_KINDS as readonly string[]).includes(kind))
      return fail([{ code: 'unknown-record-type', path: at('kind'), expected: `a treatment kind: ${TREATMENT_KINDS.join(', ')}`, received: describeReceived(kind) }]);
  }
  return validateTyped(t, m.value, base);
}
