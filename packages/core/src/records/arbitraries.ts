/**
 * fast-check arbitraries for every record type (test-only: not exported from the package index).
 * Each generates records that the schemas accept; the round-trip property test relies on that.
 */
import fc from 'fast-check';
import {
  DOSE_UNITS,
  GUIDANCE,
  isSafeText,
  POSSIBLE_CAUSES,
  SESSION_KINDS,
  SIDES,
  THERAPY_MODALITIES,
  RATER_ROLES,
  RATING_SCALE_INFO,
  RATING_SCALES,
  type DiaryEntry,
  type RatedScale,
  type GesteRecord,
  type HistoryIntake,
  type MeasurementSession,
  type PatientProfile,
  type ReminderSetting,
  type Treatment,
} from './schemas.ts';
import { CERVICAL_MUSCLES, PRODUCT_CODES } from './toxin.ts';

const T0 = Date.UTC(2020, 0, 1);
const T1 = Date.UTC(2030, 0, 1);
export const arbId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,20}$/);
export const arbMs = fc.integer({ min: T0, max: T1 });
export const arbText = (max: number) => fc.string({ maxLength: Math.min(max, 60), unit: 'grapheme' }).filter(isSafeText);
export const arbNonEmptyText = (max: number) => fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => isSafeText(s) && s.trim().length > 0);
const s10 = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null });
const s4 = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
const pos = (max: number) => fc.double({ min: 0.01, max, noNaN: true, noDefaultInfinity: true });

export const arbDiary: fc.Arbitrary<DiaryEntry> = fc.record({
  type: fc.constant('diary' as const),
  schemaVersion: fc.constant(2 as const),
  id: arbId,
  atMs: arbMs,
  period: fc.constantFrom('day' as const, 'week' as const),
  pain: fc.record({ neck: s10, shoulders: s10, head: s10 }),
  symptoms: fc.record({ pulling: s10, spasms: s10, jerks: s10, tremor: s10 }),
  impact: fc.record({ work: s4, driving: s4, reading: s4, screens: s4, sleep: s4, social: s4 }),
  stress: s10,
  mood: s10,
  note: arbText(2000),
});

const base = { type: fc.constant('treatment' as const), schemaVersion: fc.constant(2 as const), id: arbId, note: arbText(2000) };

const arbBotox = fc
  .record({
    ...base,
    kind: fc.constant('botulinum' as const),
    atMs: arbMs,
    product: arbNonEmptyText(120),
    productCode: fc.constantFrom(...PRODUCT_CODES),
    totalUnits: fc.option(pos(20_000), { nil: null }),
    dilutionUnitsPerMl: fc.option(pos(5000), { nil: null }),
    blinded: fc.boolean(),
    placebo: fc.boolean(),
    injections: fc.array(fc.record({ muscle: arbNonEmptyText(80), muscleCode: fc.option(fc.constantFrom(...CERVICAL_MUSCLES), { nil: null }), side: fc.constantFrom(...SIDES), units: pos(10_000) }), { maxLength: 6 }),
    guidance: fc.constantFrom(...GUIDANCE),
    clinician: arbText(120),
    startDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    wearDays: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  })
  .map(({ startDays, wearDays, ...t }) => {
    const effectStartedAtMs = startDays === null ? null : t.atMs + startDays * 86_400_000;
    const effectWoreOffAtMs = wearDays === null ? null : (effectStartedAtMs ?? t.atMs) + wearDays * 86_400_000;
    return { ...t, effectStartedAtMs, effectWoreOffAtMs };
  });

const arbOral = fc
  .record({
    ...base,
    kind: fc.constant('oral' as const),
    name: arbNonEmptyText(120),
    startedAtMs: arbMs,
    stopDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    steps: fc.array(fc.record({ days: fc.integer({ min: 0, max: 60 }), amount: pos(1000), unit: fc.constantFrom(...DOSE_UNITS), timesPerDay: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ stopDays, steps, ...t }) => {
    let at = t.startedAtMs;
    const doses = steps.map((s, i) => { if (i > 0) at += s.days * 86_400_000; return { fromMs: at, amount: s.amount, unit: s.unit, timesPerDay: s.timesPerDay }; });
    return { ...t, doses, stoppedAtMs: stopDays === null ? null : at + stopDays * 86_400_000 };
  });

const arbTherapy = fc.record({ ...base, kind: fc.constant('therapy' as const), modality: fc.constantFrom(...THERAPY_MODALITIES), atMs: arbMs, durationMin: fc.option(fc.integer({ min: 1, max: 240 }), { nil: null }) });
const arbBio = fc.record({ ...base, kind: fc.constant('biofeedback' as const), atMs: arbMs, sessionId: arbId });
const arbSurgery = fc.record({ ...base, kind: fc.constant('surgery' as const), atMs: arbMs, procedure: arbNonEmptyText(200) });
const arbDbsImplant = fc.record({ ...base, kind: fc.constant('dbs-implant' as const), atMs: arbMs, target: arbText(60), leads: fc.constantFrom(...SIDES) });
const arbDbsSetting = fc.record({
  ...base,
  kind: fc.constant('dbs-setting' as const),
  atMs: arbMs,
  side: fc.constantFrom('left' as const, 'right' as const),
  contacts: arbText(60),
  amplitude: fc.double({ min: 0, max: 25, noNaN: true }).map((x) => x + 0),
  amplitudeUnit: fc.constantFrom('mA' as const, 'V' as const),
  pulseWidthUs: fc.integer({ min: 0, max: 450 }),
  frequencyHz: fc.integer({ min: 0, max: 250 }),
});

export const arbTreatment: fc.Arbitrary<Treatment> = fc.oneof(arbBotox, arbOral, arbTherapy, arbBio, arbSurgery, arbDbsImplant, arbDbsSetting);

const answer = fc.constantFrom('yes' as const, 'no' as const, 'unsure' as const, null);
export const arbHistory: fc.Arbitrary<HistoryIntake> = fc.record({
  type: fc.constant('history' as const),
  schemaVersion: fc.constant(1 as const),
  id: arbId,
  recordedAtMs: arbMs,
  onsetAgeYears: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  onsetMode: fc.constantFrom('sudden' as const, 'gradual' as const, 'unknown' as const),
  course: fc.constantFrom('stable' as const, 'worsening' as const, 'improving' as const, 'fluctuating' as const, 'remission' as const, 'unknown' as const),
  possibleCauses: fc.record(Object.fromEntries(POSSIBLE_CAUSES.map((c) => [c, answer])) as Record<(typeof POSSIBLE_CAUSES)[number], typeof answer>),
  causeDetails: arbText(2000),
  familyMembers: fc.array(fc.record({ relation: arbNonEmptyText(60), condition: arbText(200) }), { maxLength: 3 }),
  note: arbText(4000),
});

const arbKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
const arbNum = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
export const arbSession: fc.Arbitrary<MeasurementSession> = fc
  .record({
    type: fc.constant('session' as const),
    schemaVersion: fc.constant(1 as const),
    id: arbId,
    startedAtMs: arbMs,
    durMs: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
    kind: fc.constantFrom(...SESSION_KINDS),
    neutral: fc.constantFrom('calibrated' as const, 'anatomical' as const, null),
    measures: fc.dictionary(arbKey, fc.option(arbNum, { nil: null }), { maxKeys: 6 }),
    items: fc.dictionary(arbKey, fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxKeys: 6 }),
    trick: fc.option(fc.record({ name: arbNonEmptyText(80), reductionPct: fc.option(fc.double({ min: -1000, max: 100, noNaN: true }).map((x) => x + 0), { nil: null }) }), { nil: null }),
    note: arbText(2000),
  })
  .map(({ durMs, ...s }) => ({ ...s, endedAtMs: durMs === null ? null : s.startedAtMs + durMs }));

export const arbReminder: fc.Arbitrary<ReminderSetting> = fc
  .record({
    type: fc.constant('reminder' as const),
    schemaVersion: fc.constant(1 as const),
    id: arbId,
    enabled: fc.boolean(),
    cadence: fc.constantFrom('daily' as const, 'weekly' as const),
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    weekday: fc.integer({ min: 0, max: 6 }),
  })
  .map(({ h, m, weekday, ...r }) => ({ ...r, timeOfDay: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`, weekday: r.cadence === 'weekly' ? weekday : null }));

export const arbPatient: fc.Arbitrary<PatientProfile> = fc.record({
  type: fc.constant('patient' as const),
  schemaVersion: fc.constant(1 as const),
  id: arbId,
  displayName: arbText(120),
  birthYear: fc.option(fc.integer({ min: 1900, max: 2030 }), { nil: null }),
});

export const arbRating: fc.Arbitrary<RatedScale> = fc
  .record({
    type: fc.constant('rating' as const),
    schemaVersion: fc.constant(1 as const),
    id: arbId,
    atMs: arbMs,
    scale: fc.constantFrom(...RATING_SCALES),
    version: arbText(40),
    items: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }), { maxKeys: 8 }),
    frac: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    raterRole: fc.constantFrom(...RATER_ROLES),
    raterName: arbText(120),
    visitLabel: arbText(60),
    note: arbText(2000),
  })
  .map(({ frac, ...r }) => {
    const info = RATING_SCALE_INFO[r.scale];
    const total = frac === null && Object.values(r.items).some((v) => v !== null) ? null : Math.round((info.minTotal + (frac ?? 0.5) * (info.maxTotal - info.minTotal)) * 2) / 2;
    return { ...r, total };
  });

export const arbRecord: fc.Arbitrary<GesteRecord> = fc.oneof(arbDiary, arbTreatment, arbHistory, arbSession, arbReminder, arbPatient, arbRating);

/** A list of records with ids unique per type, as a store holds them. */
export const arbRecords = (maxLength = 30): fc.Arbitrary<GesteRecord[]> =>
  fc.uniqueArray(arbRecord, { maxLength, selector: (r) => `${r.type}/${r.id}` });
