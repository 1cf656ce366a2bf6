/**
 * Research cohorts: a clinician imports a cohort (a CSV table with its column mapping, a FHIR R4
 * Bundle, or record sets prepared by the app or `geste import`). Validation is core's, the same the
 * app stores with; all-or-nothing — any problem refuses the whole cohort with the located list.
 *
 * Consent rules are unchanged: a cohort is held under the importing clinician's account only, as
 * pseudonymous subjects; it never enters a patient's records, never matches an existing patient,
 * is never visible through shares, and leaves with the clinician's account. Every import, read and
 * deletion is audited (patient id `cohort:<id>`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  formatImportProblem,
  groupSummaries,
  importCsvText,
  importFhirBundle,
  validateRecord,
  RATER_ROLES,
  RATING_SCALES,
  type CohortImport,
  type CsvMapping,
  type GesteRecord,
  type ImportProblem,
  type ImportResult,
  type RaterRole,
  type RatingScale,
} from '@geste/core';
import { audit } from '../audit.ts';
import { ApiError } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { DISPLAY_NAME } from '../schemas.ts';
import { needAuth, who } from './guard.ts';

/** Largest cohort upload (a 109-person trial with six visits is about 250 kB as records). */
export const COHORT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
export const MAX_COHORT_SUBJECTS = 5000;
const COHORT_ID = { type: 'string', pattern: '^[0-9a-f-]{36}$' } as const;
const SUBJECT_KEY = { type: 'string', minLength: 1, maxLength: 120 } as const;
const NULLABLE_LABEL = { type: ['string', 'null'], maxLength: 120 } as const;

const COHORT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'format'],
  properties: {
    name: DISPLAY_NAME,
    format: { type: 'string', enum: ['records', 'csv', 'fhir'] },
    subjects: {
      type: 'array',
      maxItems: MAX_COHORT_SUBJECTS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'records'],
        properties: { key: SUBJECT_KEY, group: NULLABLE_LABEL, site: NULLABLE_LABEL, records: { type: 'array', maxItems: 10_000, items: { type: 'object' } } },
      },
    },
    csv: { type: 'string', maxLength: COHORT_BODY_LIMIT_BYTES },
    mapping: { type: 'object' },
    bundle: { type: 'object' },
    skipUnknown: { type: 'boolean' },
  },
} as const;

interface CohortBody {
  name: string;
  format: 'records' | 'csv' | 'fhir';
  subjects?: Array<{ key: string; group?: string | null; site?: string | null; records: unknown[] }>;
  csv?: string;
  mapping?: CsvMapping;
  bundle?: unknown;
  skipUnknown?: boolean;
}

/** Record sets sent as JSON: every record validated (and migrated) by core; keys unique. */
function fromRecordSets(subjects: NonNullable<CohortBody['subjects']>): ImportResult<CohortImport> {
  const problems: ImportProblem[] = [];
  const keys = new Set<string>();
  const out: CohortImport['subjects'][number][] = [];
  subjects.forEach((s, i) => {
    if (keys.has(s.key)) problems.push({ code: 'inconsistent', severity: 'error', row: null, column: `subjects[${i}].key`, message: `The subject "${s.key}" appears twice: one record set per subject.` });
    keys.add(s.key);
    const ids = new Set<string>();
    const recs: GesteRecord[] = [];
    s.records.forEach((raw, j) => {
      const v = validateRecord(raw, `subjects[${i}].records[${j}]`);
      if (!v.ok) { for (const e of v.errors) if (problems.length < 50) problems.push({ code: 'invalid-record', severity: 'error', row: null, column: e.path, message: `${e.expected} expected, got ${e.received}.` }); return; }
      const k = `${v.value.type}/${v.value.id}`;
      if (ids.has(k)) problems.push({ code: 'invalid-record', severity: 'error', row: null, column: `subjects[${i}].records[${j}].id`, message: `Two ${v.value.type} records of "${s.key}" share the id "${v.value.id}".` });
      ids.add(k);
      recs.push(v.value);
    });
    out.push({ key: s.key, group: s.group ?? null, site: s.site ?? null, records: recs });
  });
  if (problems.length > 0) return { ok: false, problems };
  const all = out.flatMap((s) => s.records);
  return { ok: true, value: { subjects: out, counts: { subjects: out.length, ratings: all.filter((r) => r.type === 'rating').length, treatments: all.filter((r) => r.type === 'treatment').length, missingValues: 0 } }, warnings: [] };
}

export function cohortRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/clinician/cohorts', { onRequest: needAuth(ctx, 'clinician'), bodyLimit: COHORT_BODY_LIMIT_BYTES, schema: { body: COHORT_BODY } }, async (req, reply) => {
    const p = who(req);
    const b = req.body as CohortBody;
    let result: ImportResult<CohortImport>;
    if (b.format === 'records') {
      if (b.subjects === undefined) throw new ApiError('invalid_input', 'A "records" cohort needs "subjects": [{ key, group, site, records }].');
      result = fromRecordSets(b.subjects);
    } else if (b.format === 'csv') {
      if (b.csv === undefined || b.mapping === undefined) throw new ApiError('invalid_input', 'A "csv" cohort needs "csv" (the file text) and "mapping" (its columns, as the app or `geste import` sets them).');
      result = importCsvText(b.csv, b.mapping);
    } else {
      if (b.bundle === undefined) throw new ApiError('invalid_input', 'A "fhir" cohort needs "bundle": a FHIR R4 Bundle.');
      result = importFhirBundle(b.bundle, { skipUnknown: b.skipUnknown === true });
    }
    if (!result.ok)
      throw new ApiError('invalid_input', `Nothing imported: ${result.problems.length} problem(s). ${formatImportProblem(result.problems[0]!)}`, { problems: result.problems.map((x) => ({ ...x, text: formatImportProblem(x) })) });
    if (result.value.subjects.length === 0) throw new ApiError('invalid_input', 'The cohort has no subjects.');
    if (result.value.subjects.length > MAX_COHORT_SUBJECTS) throw new ApiError('invalid_input', `At most ${MAX_COHORT_SUBJECTS} subjects per cohort; got ${result.value.subjects.length}.`);
    const id = randomUUID();
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('cohorts').values({ id, owner_id: p.accountId, name: b.name, source: b.format, subject_count: result.value.subjects.length, created_at_ms: now }).execute();
      for (let i = 0; i < result.value.subjects.length; i += 200)
        await trx
          .insertInto('cohort_subjects')
          .values(result.value.subjects.slice(i, i + 200).map((s) => ({ cohort_id: id, subject_key: s.key, group_label: s.group, site: s.site, records: JSON.stringify(s.records) })))
          .execute();
      await audit(ctx, p, { patientId: `cohort:${id}`, action: 'write', resource: 'cohort', detail: { source: b.format, ...result.value.counts } }, trx);
    });
    return reply.code(201).send({ id, name: b.name, createdAtMs: now, counts: result.value.counts, warnings: result.warnings.map((w) => ({ ...w, text: formatImportProblem(w) })) });
  });

  app.get('/clinician/cohorts', { onRequest: needAuth(ctx, 'clinician') }, async (req) => {
    const rows = await ctx.db.selectFrom('cohorts').select(['id', 'name', 'source', 'subject_count', 'created_at_ms']).where('owner_id', '=', who(req).accountId).orderBy(sql`created_at_ms`).execute();
    return { cohorts: rows.map((r) => ({ id: r.id, name: r.name, source: r.source, subjects: r.subject_count, createdAtMs: Number(r.created_at_ms) })) };
  });

  /** The same answer for "not yours" and "does not exist", so ids cannot be probed. */
  const own = async (ownerId: string, id: string) => {
    const c = await ctx.db.selectFrom('cohorts').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
    if (!c) throw new ApiError('not_found', 'No such cohort among the cohorts you imported.');
    return c;
  };
  const PARAMS = { type: 'object', additionalProperties: false, required: ['cohortId'], properties: { cohortId: COHORT_ID } } as const;

  app.get('/clinician/cohorts/:cohortId', { onRequest: needAuth(ctx, 'clinician'), schema: { params: PARAMS } }, async (req) => {
    const p = who(req);
    const { cohortId } = req.params as { cohortId: string };
    const c = await own(p.accountId, cohortId);
    const subjects = await ctx.db.selectFrom('cohort_subjects').selectAll().where('cohort_id', '=', cohortId).orderBy('subject_key').execute();
    await audit(ctx, p, { patientId: `cohort:${cohortId}`, action: 'read', resource: 'cohort', detail: { subjects: subjects.length } });
    return {
      id: c.id, name: c.name, source: c.source, createdAtMs: Number(c.created_at_ms),
      subjects: subjects.map((s) => ({ key: s.subject_key, group: s.group_label, site: s.site, records: typeof s.records === 'string' ? (JSON.parse(s.records) as unknown) : s.records })),
    };
  });

  app.get(
    '/clinician/cohorts/:cohortId/summary',
    {
      onRequest: needAuth(ctx, 'clinician'),
      schema: { params: PARAMS, querystring: { type: 'object', additionalProperties: false, required: ['scale', 'rater'], properties: { scale: { type: 'string', enum: [...RATING_SCALES] }, rater: { type: 'string', enum: [...RATER_ROLES] }, baseline: { type: 'string', maxLength: 60 } } } },
    },
    async (req) => {
      const p = who(req);
      const { cohortId } = req.params as { cohortId: string };
      const q = req.query as { scale: RatingScale; rater: RaterRole; baseline?: string };
      await own(p.accountId, cohortId);
      const subjects = await ctx.db.selectFrom('cohort_subjects').selectAll().where('cohort_id', '=', cohortId).execute();
      await audit(ctx, p, { patientId: `cohort:${cohortId}`, action: 'read', resource: 'cohort/summary', detail: { scale: q.scale } });
      const rows = groupSummaries(
        subjects.map((s) => ({ key: s.subject_key, group: s.group_label, records: (typeof s.records === 'string' ? JSON.parse(s.records) : s.records) as GesteRecord[] })),
        { scale: q.scale, raterRole: q.rater, ...(q.baseline === undefined ? {} : { baselineVisit: q.baseline }) },
      );
      return { scale: q.scale, rater: q.rater, rows };
    },
  );

  app.delete('/clinician/cohorts/:cohortId', { onRequest: needAuth(ctx, 'clinician'), schema: { params: PARAMS } }, async (req) => {
    const p = who(req);
    const { cohortId } = req.params as { cohortId: string };
    await own(p.accountId, cohortId);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('cohorts').where('id', '=', cohortId).execute();
      await audit(ctx, p, { patientId: `cohort:${cohortId}`, action: 'delete', resource: 'cohort' }, trx);
    });
    return { deleted: true };
  });
}
