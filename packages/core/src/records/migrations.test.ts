import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrateRecord } from './migrations.ts';
import { RECORD_TYPES } from './schemas.ts';
import { validateRecord } from './validate.ts';

/** One stored example of every old version of every type. Adding a version means adding its example here. */
const OLD_EXAMPLES: Record<string, unknown> = {
  'diary@1': { type: 'diary', schemaVersion: 1, id: 'd-old', atMs: 1_700_000_000_000, painScore: 6, painSites: ['neck', 'head'], pulling: 5, spasms: 3, jerks: null, tremor: 2, note: 'old entry' },
  'treatment@1': {
    type: 'treatment', schemaVersion: 1, id: 'inj-old', kind: 'botulinum', atMs: 1_700_000_000_000, product: 'Botox 100 U vial',
    injections: [{ muscle: 'Splenius capitis', side: 'right', units: 60 }, { muscle: 'left SCM, upper part', side: 'left', units: 1666.6666666666667 }],
    guidance: 'emg', clinician: 'Dr A', effectStartedAtMs: null, effectWoreOffAtMs: null, note: '',
  },
};

describe('migrations parity', () => {
  it('every type has a step for every version below the current, and none at or above it', () => {
    for (const t of RECORD_TYPES) {
      const cur = CURRENT_SCHEMA_VERSION[t];
      expect(cur).toBeGreaterThanOrEqual(1);
      for (let v = 1; v < cur; v++) expect(MIGRATIONS[t][v], `${t} v${v}→v${v + 1}`).toBeTypeOf('function');
      for (const k of Object.keys(MIGRATIONS[t])) expect(Number(k)).toBeLessThan(cur);
    }
  });
  it('every old version has a stored example that migrates to a valid current record', () => {
    for (const t of RECORD_TYPES)
      for (let v = 1; v < CURRENT_SCHEMA_VERSION[t]; v++) {
        const ex = OLD_EXAMPLES[`${t}@${v}`];
        expect(ex, `example for ${t}@${v}`).toBeDefined();
        const r = validateRecord(ex);
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) expect(r.value.schemaVersion).toBe(CURRENT_SCHEMA_VERSION[t]);
      }
  });
});

describe('treatment v1 → v2', () => {
  it('a v1 toxin visit loads: product recognised, listed muscles named, free text kept, no total/dilution, not blinded', () => {
    const r = validateRecord(OLD_EXAMPLES['treatment@1']);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.type !== 'treatment' || r.value.kind !== 'botulinum') return;
    expect(r.value).toMatchObject({ schemaVersion: 2, productCode: 'onabotulinumtoxinA', totalUnits: null, dilutionUnitsPerMl: null, blinded: false, placebo: false });
    expect(r.value.injections.map((j) => [j.muscle, j.muscleCode])).toEqual([['Splenius capitis', 'splenius capitis'], ['left SCM, upper part', null]]);
  });
  it('other v1 kinds only change version; an unknown product text becomes `other`', () => {
    const r = validateRecord({ type: 'treatment', schemaVersion: 1, id: 't1', kind: 'therapy', modality: 'heat', atMs: 1, durationMin: null, note: '' });
    expect(r.ok && r.value.schemaVersion).toBe(2);
    const b = validateRecord({ ...(OLD_EXAMPLES['treatment@1'] as object), product: 'Trial drug X' });
    expect(b.ok && b.value.type === 'treatment' && b.value.kind === 'botulinum' && b.value.productCode).toBe('other');
  });
});

describe('diary v1 → v2', () => {
  it('moves the single pain score to the sites named, keeps symptoms and note', () => {
    const r = validateRecord(OLD_EXAMPLES['diary@1']);
    expect(r).toEqual({
      ok: true,
      value: {
        type: 'diary', schemaVersion: 2, id: 'd-old', atMs: 1_700_000_000_000, period: 'day',
        pain: { neck: 6, shoulders: null, head: 6 },
        symptoms: { pulling: 5, spasms: 3, jerks: null, tremor: 2 },
        impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null },
        stress: null, mood: null, note: 'old entry',
      },
    });
  });
  it('an invalid v1 record is still refused after migration (no silent repair)', () => {
    const r = validateRecord({ ...(OLD_EXAMPLES['diary@1'] as object), painScore: 11, painSites: ['neck'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'out-of-range', path: 'pain.neck' });
  });
});

describe('versions', () => {
  it('refuses a record from a newer Geste, naming the version', () => {
    const r = validateRecord({ type: 'diary', schemaVersion: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'unsupported-version', path: 'schemaVersion', expected: 'version 2 or older of a diary record', received: '3' });
  });
  it('refuses a missing or non-integer version', () => {
    for (const v of [undefined, 0, 1.5, '1']) {
      const r = validateRecord({ type: 'patient', schemaVersion: v });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.code).toBe('bad-format');
    }
  });
  it('migrateRecord does not modify its input', () => {
    const input = structuredClone(OLD_EXAMPLES['diary@1']) as Record<string, unknown>;
    const before = JSON.stringify(input);
    migrateRecord('diary', input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
