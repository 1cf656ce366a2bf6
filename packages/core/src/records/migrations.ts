/**
 * Schema migrations, one step per version: `MIGRATIONS[type][n]` turns a version-n record into n+1.
 * A parity test checks that every version below the current one has a step, and that each step's
 * output validates. Steps are pure and never read the clock.
 */
import type { RecordType } from './schemas.ts';
import { muscleFromText, productFromText } from './toxin.ts';

/** The version each record type is written in today. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<RecordType, number>> = {
  diary: 2,
  treatment: 2,
  history: 1,
  session: 1,
  reminder: 1,
  patient: 1,
  rating: 1,
};

type Step = (old: Readonly<Record<string, unknown>>) => Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * diary v1 → v2. v1 (Geste 0.0 drafts) had one `painScore` 0–10 with `painSites` (list of sites) and
 * flat symptom fields; v2 scores pain per site and adds impact, stress and mood (null = not asked then).
 */
const diaryV1toV2: Step = (old) => {
  const painScore = num(old['painScore']);
  const sites = Array.isArray(old['painSites']) ? old['painSites'].filter((s): s is string => typeof s === 'string') : [];
  const at = (site: string) => (painScore !== null && sites.includes(site) ? painScore : null);
  return {
    type: 'diary',
    schemaVersion: 2,
    id: old['id'],
    atMs: old['atMs'],
    period: old['period'] ?? 'day',
    pain: { neck: at('neck'), shoulders: at('shoulders'), head: at('head') },
    symptoms: {
      pulling: num(old['pulling']),
      spasms: num(old['spasms']),
      jerks: num(old['jerks']),
      tremor: num(old['tremor']),
    },
    impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null },
    stress: null,
    mood: null,
    note: typeof old['note'] === 'string' ? old['note'] : '',
  };
};

/**
 * treatment v1 → v2. Every kind gets the new version; a botulinum visit gains the listed product
 * (recognised from the text written, else `other`), no total or dilution (not asked then), not
 * blinded, not placebo, and each muscle its listed name when the text is one.
 */
const treatmentV1toV2: Step = (old) => {
  if (old['kind'] !== 'botulinum') return { ...old, schemaVersion: 2 };
  const product = typeof old['product'] === 'string' ? old['product'] : '';
  const injections = Array.isArray(old['injections'])
    ? old['injections'].map((j: unknown) => {
        const o = typeof j === 'object' && j !== null ? (j as Record<string, unknown>) : {};
        return { ...o, muscleCode: typeof o['muscle'] === 'string' ? muscleFromText(o['muscle']) : null };
      })
    : old['injections'];
  return {
    ...old,
    schemaVersion: 2,
    productCode: productFromText(product) ?? 'other',
    totalUnits: null,
    dilutionUnitsPerMl: null,
    blinded: false,
    placebo: false,
    injections,
  };
};

export const MIGRATIONS: Readonly<Record<RecordType, Readonly<Record<number, Step>>>> = {
  diary: { 1: diaryV1toV2 },
  treatment: { 1: treatmentV1toV2 },
  history: {},
  session: {},
  reminder: {},
  patient: {},
  rating: {},
};

export type MigrationOutcome =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly fromVersion: number }
  | { readonly ok: false; readonly reason: 'future-version' | 'bad-version' | 'no-path'; readonly version: unknown };

/** Applies the steps from the record's version to the current one. Does not validate the result. */
export function migrateRecord(type: RecordType, raw: Readonly<Record<string, unknown>>): MigrationOutcome {
  const v = raw['schemaVersion'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { ok: false, reason: 'bad-version', version: v };
  const current = CURRENT_SCHEMA_VERSION[type];
  if (v > current) return { ok: false, reason: 'future-version', version: v };
  let rec: Record<string, unknown> = { ...raw };
  for (let n = v; n < current; n++) {
    const step = MIGRATIONS[type][n];
    if (step === undefined) return { ok: false, reason: 'no-path', version: n };
    rec = step(rec);
  }
  return { ok: true, value: rec, fromVersion: v };
}
