/**
 * Record types Geste keeps: diary, treatments, history intake, measurement sessions, reminder, patient.
 * Every record carries `type` and `schemaVersion`; `migrations.ts` brings old versions to these.
 * Times are epoch milliseconds named `…AtMs` (given by the caller: core never reads the clock).
 * Scores name their scale in the doc comment; every score may be null = "not filled in".
 */
import { z } from 'zod';
import { CERVICAL_MUSCLES, PRODUCT_CODES } from './toxin.ts';

/** A custom zod issue carries our code in params so the error mapper keeps it. */
const UNSAFE = { params: { gesteCode: 'unsafe-text' } } as const;

/** Tag-like markup (`<script`, `</b`, `<!--`, `<?xml`) — never a legitimate part of a note. "a < b" is fine. */
const TAG_RE = /<\s*[A-Za-z!?/]/;
/** Control characters except tab/newline/carriage return, and bidi overrides that can disguise text. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export function isSafeText(s: string): boolean {
  return !TAG_RE.test(s) && !CONTROL_RE.test(s);
}

export const safeText = (maxChars: number) => z.string().max(maxChars).refine(isSafeText, UNSAFE);
/** Text that must say something: not empty, not only spaces. */
export const requiredText = (maxChars: number) =>
  safeText(maxChars).refine((s) => s.trim().length > 0, { params: { gesteCode: 'missing-field' }, message: 'some text (not only spaces)' });

/** Identifier usable unchanged as a FHIR id: `[A-Za-z0-9\-.]{1,64}`. */
export const RecordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/);
/** Epoch milliseconds, 1970 … 2100. */
export const EpochMs = z.number().int().min(0).max(4_102_444_800_000);
const score = (max: number) => z.number().int().min(0).max(max).nullable();
/** 0–10 numeric rating (0 = none, 10 = worst imaginable; for mood 10 = best). */
export const Score0to10 = score(10);
/** 0–4 impact on an activity: 0 none, 1 slight, 2 moderate, 3 severe, 4 could not do it. */
export const Impact0to4 = score(4);
/** Measure and item keys from the measurement engine; a closed character set keeps `__proto__` out. */
export const MeasureKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);

// ---------------------------------------------------------------- diary (v2)
export const PAIN_SITES = ['neck', 'shoulders', 'head'] as const;
export const SYMPTOMS = ['pulling', 'spasms', 'jerks', 'tremor'] as const;
export const ACTIVITIES = ['work', 'driving', 'reading', 'screens', 'sleep', 'social'] as const;
/** Regions of the diary's pain body map (front and back); left/right are the person's own sides. */
export const BODY_REGIONS = [
  'head', 'jaw-left', 'jaw-right', 'neck-front-left', 'neck-front-right', 'shoulder-left', 'shoulder-right', 'arm-left', 'arm-right',
  'back-of-head', 'neck-back-left', 'neck-back-right', 'shoulder-blade-left', 'shoulder-blade-right', 'upper-back', 'lower-back',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const DiaryEntry = z.object({
  type: z.literal('diary'),
  schemaVersion: z.literal(2),
  id: RecordId,
  atMs: EpochMs,
  /** Whether the entry describes the day or the past week. */
  period: z.enum(['day', 'week']),
  /** Pain 0–10 by site; `head` is headache. */
  pain: z.object({ neck: Score0to10, shoulders: Score0to10, head: Score0to10 }),
  /** Severity 0–10 of pulling, spasms, jerks, tremor as the person feels them. */
  symptoms: z.object({ pulling: Score0to10, spasms: Score0to10, jerks: Score0to10, tremor: Score0to10 }),
  /** Impact 0–4 on daily activities. */
  impact: z.object({
    work: Impact0to4,
    driving: Impact0to4,
    reading: Impact0to4,
    screens: Impact0to4,
    sleep: Impact0to4,
    social: Impact0to4,
  }),
  /** Stress 0–10 (10 = most). */
  stress: Score0to10,
  /** Mood 0–10 (0 = very low, 10 = very good). */
  mood: Score0to10,
  note: safeText(2000),
  /** Where it hurt (body map); optional, absent in entries written before the map existed. */
  painAreas: z.array(z.enum(BODY_REGIONS)).max(BODY_REGIONS.length).optional(),
});
export type DiaryEntry = z.infer<typeof DiaryEntry>;

// ---------------------------------------------------------------- treatments (v2)
const treatmentBase = {
  type: z.literal('treatment'),
  /** v2 (toxin products, total, dilution, placebo/blinded, listed muscles); v1 migrates (migrations.ts). */
  schemaVersion: z.literal(2),
  id: RecordId,
  note: safeText(2000),
};

export const SIDES = ['left', 'right', 'both'] as const;
export const GUIDANCE = ['none', 'emg', 'ultrasound', 'electrical-stimulation', 'other'] as const;

/** Hard ceilings that only catch nonsense (a typo of several digits); plausibility is a warning (toxin.ts). */
export const MAX_MUSCLE_UNITS = 50_000;
export const MAX_TOTAL_UNITS = 100_000;
export const MuscleInjection = z.object({
  /** The muscle as the clinician named it (the listed name when `muscleCode` is set). */
  muscle: requiredText(80),
  /** The muscle on the standard cervical list; null = free text only. */
  muscleCode: z.enum(CERVICAL_MUSCLES).nullable(),
  side: z.enum(SIDES),
  /** Units of the product as labelled (units differ between products and are not interchangeable). */
  units: z.number().positive().max(MAX_MUSCLE_UNITS),
});
export type MuscleInjection = z.infer<typeof MuscleInjection>;

export const BotulinumTreatment = z
  .object({
    ...treatmentBase,
    kind: z.literal('botulinum'),
    atMs: EpochMs,
    /** The product as written (generic or brand name, lot…). */
    product: requiredText(120),
    /** The product on Geste's list; `other` = not listed, `unknown` = blinded or not known. */
    productCode: z.enum(PRODUCT_CODES),
    /** Total units of the session as written; null = not written (then the muscles' sum is the total). */
    totalUnits: z.number().positive().max(MAX_TOTAL_UNITS).nullable(),
    /** Dilution as units per mL of the reconstituted product; null = not written. */
    dilutionUnitsPerMl: z.number().positive().max(100_000).nullable(),
    /** A blinded trial injection: product and dose may be unknown to the person and clinician. */
    blinded: z.boolean(),
    /** Known to be placebo (e.g. after unblinding). */
    placebo: z.boolean(),
    injections: z.array(MuscleInjection).max(40),
    guidance: z.enum(GUIDANCE),
    clinician: safeText(120),
    /** When the person noticed it start working; null = not (yet) noticed. */
    effectStartedAtMs: EpochMs.nullable(),
    /** When the person noticed it wear off; null = not (yet) noticed. */
    effectWoreOffAtMs: EpochMs.nullable(),
  })
  .superRefine((t, ctx) => {
    if (t.effectStartedAtMs !== null && t.effectStartedAtMs < t.atMs)
      ctx.addIssue({ code: 'custom', path: ['effectStartedAtMs'], params: { gesteCode: 'inconsistent' }, message: 'on or after the injection date' });
    const from = t.effectStartedAtMs ?? t.atMs;
    if (t.effectWoreOffAtMs !== null && t.effectWoreOffAtMs < from)
      ctx.addIssue({ code: 'custom', path: ['effectWoreOffAtMs'], params: { gesteCode: 'inconsistent' }, message: 'after the injection and after the effect started' });
  });
export type BotulinumTreatment = z.infer<typeof BotulinumTreatment>;

export const DOSE_UNITS = ['mg', 'µg', 'mL', 'tablet'] as const;
export const DoseStep = z.object({
  fromMs: EpochMs,
  amount: z.number().positive().max(100_000),
  unit: z.enum(DOSE_UNITS),
  timesPerDay: z.number().positive().max(24),
});
export const OralTreatment = z
  .object({
    ...treatmentBase,
    kind: z.literal('oral'),
    name: requiredText(120),
    startedAtMs: EpochMs,
    stoppedAtMs: EpochMs.nullable(),
    /** The dose and each change, oldest first; the first starts at `startedAtMs`. */
    doses: z.array(DoseStep).min(1).max(200),
  })
  .superRefine((t, ctx) => {
    if (t.stoppedAtMs !== null && t.stoppedAtMs < t.startedAtMs)
      ctx.addIssue({ code: 'custom', path: ['stoppedAtMs'], params: { gesteCode: 'inconsistent' }, message: 'on or after the start' });
    t.doses.forEach((d, i) => {
      const prev = i === 0 ? t.startedAtMs : t.doses[i - 1]!.fromMs;
      if (d.fromMs < prev)
        ctx.addIssue({ code: 'custom', path: ['doses', i, 'fromMs'], params: { gesteCode: 'inconsistent' }, message: 'dose changes in date order, none before the start' });
    });
  });
export type OralTreatment = z.infer<typeof OralTreatment>;

export const THERAPY_MODALITIES = ['physiotherapy', 'heat', 'massage', 'counselling', 'stress-management'] as const;
export const TherapyTreatment = z.object({
  ...treatmentBase,
  kind: z.literal('therapy'),
  modality: z.enum(THERAPY_MODALITIES),
  atMs: EpochMs,
  durationMin: z.number().positive().max(24 * 60).nullable(),
});
export type TherapyTreatment = z.infer<typeof TherapyTreatment>;

/** Created automatically when a biofeedback session is saved; links to that session record. */
export const BiofeedbackTreatment = z.object({
  ...treatmentBase,
  kind: z.literal('biofeedback'),
  atMs: EpochMs,
  sessionId: RecordId,
});
export type BiofeedbackTreatment = z.infer<typeof BiofeedbackTreatment>;

export const SurgeryTreatment = z.object({
  ...treatmentBase,
  kind: z.literal('surgery'),
  atMs: EpochMs,
  procedure: requiredText(200),
});
export type SurgeryTreatment = z.infer<typeof SurgeryTreatment>;

/** DBS implant, logged as a fact. Geste never programs or controls a stimulator. */
export const DbsImplant = z.object({
  ...treatmentBase,
  kind: z.literal('dbs-implant'),
  atMs: EpochMs,
  /** Target as the clinician named it, e.g. "GPi". */
  target: safeText(60),
  leads: z.enum(SIDES),
});
export type DbsImplant = z.infer<typeof DbsImplant>;

/** A DBS setting change made by the clinic, logged as a fact (never sent to any device). */
export const DbsSetting = z.object({
  ...treatmentBase,
  kind: z.literal('dbs-setting'),
  atMs: EpochMs,
  side: z.enum(['left', 'right']),
  /** Active contacts as written by the clinic, e.g. "1-, C+". */
  contacts: safeText(60),
  amplitude: z.number().min(0).max(25),
  amplitudeUnit: z.enum(['mA', 'V']),
  pulseWidthUs: z.number().min(0).max(1000),
  frequencyHz: z.number().min(0).max(1000),
});
export type DbsSetting = z.infer<typeof DbsSetting>;

export const TREATMENT_KINDS = ['botulinum', 'oral', 'therapy', 'biofeedback', 'surgery', 'dbs-implant', 'dbs-setting'] as const;
export type TreatmentKind = (typeof TREATMENT_KINDS)[number];
export const Treatment = z.discriminatedUnion('kind', [
  BotulinumTreatment,
  OralTreatment,
  TherapyTreatment,
  BiofeedbackTreatment,
  SurgeryTreatment,
  DbsImplant,
  DbsSetting,
]);
export type Treatment = z.infer<typeof Treatment>;

// ---------------------------------------------------------------- rated scales (v1)
/** Named rating scales. Geste stores the numbers a rater entered; it reproduces no item wording. */
export const RATING_SCALES = [
  'twstrs-severity',
  'twstrs-disability',
  'twstrs-pain',
  'twstrs-total',
  'tsui',
  'cdip-58',
  'pain-nrs',
  'global-impression-severity',
  'global-impression-change',
] as const;
export type RatingScale = (typeof RATING_SCALES)[number];
export interface RatingScaleInfo {
  readonly label: string;
  /** Valid range of the total. */
  readonly minTotal: number;
  readonly maxTotal: number;
  /** True when a higher total means worse. */
  readonly higherIsWorse: boolean;
  /** Who usually rates it (both may be recorded; the record says who did). */
  readonly usualRater: 'clinician' | 'patient';
}
export const RATING_SCALE_INFO: Readonly<Record<RatingScale, RatingScaleInfo>> = {
  'twstrs-severity': { label: 'TWSTRS severity', minTotal: 0, maxTotal: 35, higherIsWorse: true, usualRater: 'clinician' },
  'twstrs-disability': { label: 'TWSTRS disability', minTotal: 0, maxTotal: 30, higherIsWorse: true, usualRater: 'clinician' },
  'twstrs-pain': { label: 'TWSTRS pain', minTotal: 0, maxTotal: 20, higherIsWorse: true, usualRater: 'clinician' },
  'twstrs-total': { label: 'TWSTRS total', minTotal: 0, maxTotal: 85, higherIsWorse: true, usualRater: 'clinician' },
  tsui: { label: 'Tsui scale', minTotal: 0, maxTotal: 25, higherIsWorse: true, usualRater: 'clinician' },
  'cdip-58': { label: 'CDIP-58 (0–100)', minTotal: 0, maxTotal: 100, higherIsWorse: true, usualRater: 'patient' },
  'pain-nrs': { label: 'Pain numeric rating 0–10', minTotal: 0, maxTotal: 10, higherIsWorse: true, usualRater: 'patient' },
  'global-impression-severity': { label: 'Global impression of severity 1–7', minTotal: 1, maxTotal: 7, higherIsWorse: true, usualRater: 'clinician' },
  'global-impression-change': { label: 'Global impression of change 1–7 (1 = very much better)', minTotal: 1, maxTotal: 7, higherIsWorse: true, usualRater: 'patient' },
};
export const RATER_ROLES = ['clinician', 'patient'] as const;
export type RaterRole = (typeof RATER_ROLES)[number];

/**
 * One rated scale at one visit. `raterRole` keeps patient-rated and clinician-rated apart everywhere.
 * `items` holds item scores under the keys the rater used (`item1`, `rotation`, …); never item wording.
 */
export const RatedScale = z
  .object({
    type: z.literal('rating'),
    schemaVersion: z.literal(1),
    id: RecordId,
    atMs: EpochMs,
    scale: z.enum(RATING_SCALES),
    /** Version or edition as the rater named it (e.g. "original", "TWSTRS-2"); '' = not stated. */
    version: safeText(40),
    items: z.record(MeasureKey, z.number().min(-1000).max(1000).nullable()),
    /** Total as entered; null = only items entered. */
    total: z.number().nullable(),
    raterRole: z.enum(RATER_ROLES),
    raterName: safeText(120),
    /** Visit as the study or clinic labels it ("week 4", "V3"); '' = none. */
    visitLabel: safeText(60),
    note: safeText(2000),
  })
  .superRefine((r, ctx) => {
    const info = RATING_SCALE_INFO[r.scale];
    if (Object.keys(r.items).length > 100)
      ctx.addIssue({ code: 'custom', path: ['items'], params: { gesteCode: 'out-of-range' }, message: 'at most 100 item scores' });
    if (r.total !== null && (!Number.isFinite(r.total) || r.total < info.minTotal || r.total > info.maxTotal))
      ctx.addIssue({ code: 'custom', path: ['total'], params: { gesteCode: 'out-of-range' }, message: `a total from ${info.minTotal} to ${info.maxTotal} (${info.label})` });
    if (r.total === null && Object.values(r.items).every((v) => v === null))
      ctx.addIssue({ code: 'custom', path: ['total'], params: { gesteCode: 'missing-field' }, message: 'a total or at least one item score' });
  });
export type RatedScale = z.infer<typeof RatedScale>;

// ---------------------------------------------------------------- history intake (v1)
/** Possible causes named by the clinical literature; each answered yes / no / unsure. */
export const POSSIBLE_CAUSES = [
  'parkinsonsDisease',
  'dopamineBlockingMedicine',
  'headNeckShoulderInjury',
  'familyHistory',
  'mentalHealthCondition',
  'presentSinceBirth',
] as const;
const Answer = z.enum(['yes', 'no', 'unsure']).nullable();
export const HistoryIntake = z.object({
  type: z.literal('history'),
  schemaVersion: z.literal(1),
  id: RecordId,
  recordedAtMs: EpochMs,
  onsetAgeYears: z.number().int().min(0).max(120).nullable(),
  onsetMode: z.enum(['sudden', 'gradual', 'unknown']),
  course: z.enum(['stable', 'worsening', 'improving', 'fluctuating', 'remission', 'unknown']),
  possibleCauses: z.object({
    parkinsonsDisease: Answer,
    dopamineBlockingMedicine: Answer,
    headNeckShoulderInjury: Answer,
    familyHistory: Answer,
    mentalHealthCondition: Answer,
    presentSinceBirth: Answer,
  }),
  /** Which medicine, which injury, which condition — in the person's words. */
  causeDetails: safeText(2000),
  familyMembers: z.array(z.object({ relation: requiredText(60), condition: safeText(200) })).max(30),
  note: safeText(4000),
});
export type HistoryIntake = z.infer<typeof HistoryIntake>;

// ---------------------------------------------------------------- measurement session (v1)
export const SESSION_KINDS = ['exam', 'biofeedback', 'exercise', 'trick'] as const;
/**
 * A measurement session, kept generic: the measurement engine decides the keys. `measures` holds
 * numbers with their unit in the key (`maxRotationDeg`, `timeInNeutralPct`); `items` holds objective
 * severity items (`rotation`, `laterocollis`, … in docs/clinical.md bands). null = not measurable.
 */
export const MeasurementSession = z
  .object({
    type: z.literal('session'),
    schemaVersion: z.literal(1),
    id: RecordId,
    startedAtMs: EpochMs,
    endedAtMs: EpochMs.nullable(),
    kind: z.enum(SESSION_KINDS),
    neutral: z.enum(['calibrated', 'anatomical']).nullable(),
    measures: z.record(MeasureKey, z.number().nullable()),
    items: z.record(MeasureKey, z.number().nullable()),
    /** Sensory-trick result when kind = 'trick' (or a trick was tested in an exam). */
    trick: z
      .object({
        name: requiredText(80),
        /** Percent reduction of the deviation during the trick; null = not measurable. */
        reductionPct: z.number().min(-1000).max(100).nullable(),
      })
      .nullable(),
    note: safeText(2000),
    /**
     * The chin up/down zero on consecutive stretches of the session, in order (core `zeroSegments`): the
     * average face's, or the face's own ear–eye line once taken (pose/faceZero.ts), with the stretch's first
     * and last measured frame in ms after the session's first frame. Absent on sessions stored
     * before it was kept (and on kinds that do not keep it): say nothing then.
     */
    flexionZeroSegments: z
      .array(
        z.object({
          zero: z.enum(['face-geometry', 'canonical-face']),
          fromMs: z.number().min(0).max(86_400_000),
          toMs: z.number().min(0).max(86_400_000),
          frames: z.number().int().min(1),
        }),
      )
      .max(100)
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.flexionZeroSegments?.some((g) => g.toMs < g.fromMs))
      ctx.addIssue({ code: 'custom', path: ['flexionZeroSegments'], params: { gesteCode: 'inconsistent' }, message: 'each stretch ends on or after its start' });
    if (Object.keys(s.measures).length + Object.keys(s.items).length > 500)
      ctx.addIssue({ code: 'custom', path: ['measures'], params: { gesteCode: 'out-of-range' }, message: 'at most 500 measures and items' });
    if (s.endedAtMs !== null && s.endedAtMs < s.startedAtMs)
      ctx.addIssue({ code: 'custom', path: ['endedAtMs'], params: { gesteCode: 'inconsistent' }, message: 'on or after the start' });
  });
export type MeasurementSession = z.infer<typeof MeasurementSession>;

// ---------------------------------------------------------------- reminder and patient (v1)
export const ReminderSetting = z
  .object({
    type: z.literal('reminder'),
    schemaVersion: z.literal(1),
    id: RecordId,
    enabled: z.boolean(),
    cadence: z.enum(['daily', 'weekly']),
    /** Local time of day, 24 h "HH:MM". */
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    /** 0 = Sunday … 6 = Saturday; required for weekly. */
    weekday: z.number().int().min(0).max(6).nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.cadence === 'weekly' && r.weekday === null)
      ctx.addIssue({ code: 'custom', path: ['weekday'], params: { gesteCode: 'missing-field' }, message: 'a weekday for a weekly reminder' });
  });
export type ReminderSetting = z.infer<typeof ReminderSetting>;

export const PatientProfile = z.object({
  type: z.literal('patient'),
  schemaVersion: z.literal(1),
  id: RecordId,
  displayName: safeText(120),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
});
export type PatientProfile = z.infer<typeof PatientProfile>;

// ---------------------------------------------------------------- the union
export const RECORD_TYPES = ['diary', 'treatment', 'history', 'session', 'reminder', 'patient', 'rating'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_SCHEMAS = {
  diary: DiaryEntry,
  treatment: Treatment,
  history: HistoryIntake,
  session: MeasurementSession,
  reminder: ReminderSetting,
  patient: PatientProfile,
  rating: RatedScale,
} as const satisfies Record<RecordType, z.ZodType>;

export type GesteRecord = DiaryEntry | Treatment | HistoryIntake | MeasurementSession | ReminderSetting | PatientProfile | RatedScale;
export type RecordOf<T extends RecordType> = z.infer<(typeof RECORD_SCHEMAS)[T]>;
