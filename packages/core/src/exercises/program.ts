// Programs: which exercises, how many sets, on which days, with reminder times; and adherence by ISO week.
// Pure: dates are local calendar dates as 'YYYY-MM-DD' strings (the screen converts from its clock),
// computed in UTC arithmetic so no time zone or DST can shift a day.
// ref: ISO 8601 week date (weeks start on Monday; week 1 contains the year's first Thursday).
import { z } from 'zod';
import { ExerciseError } from './errors.ts';
import { findExercise } from './library.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s, 'a real calendar date YYYY-MM-DD');

/** Largest clinician-set training target per axis, deg (the measured range, docs/far-range.md, is about ±45°). */
export const MAX_TRAINING_TARGET_DEG = 45;
const targetAngle = z.number().finite().min(-MAX_TRAINING_TARGET_DEG).max(MAX_TRAINING_TARGET_DEG).nullable();

/**
 * A clinician-set training target (issue 12, docs/anatomical-zero.md "Graded targets"): the posture graded
 * training starts from, against the anatomical zero, in clinical signs (rotation + = toward the patient's
 * right, tilt + = right ear down, flexion + = chin down); null = the axis is not trained. It replaces the
 * person's own straightest posture as the start; the steps still lead to the anatomical zero.
 */
export const trainingTargetSchema = z
  .object({ rotationDeg: targetAngle, tiltDeg: targetAngle, flexionDeg: targetAngle })
  .strict()
  .refine((t) => t.rotationDeg !== null || t.tiltDeg !== null || t.flexionDeg !== null, 'at least one axis with a target angle');
export type ProgramTrainingTarget = z.infer<typeof trainingTargetSchema>;

export const programSchema = z
  .object({
    id: z.string().min(1).max(80),
    name: z.string().trim().min(1).max(80),
    /** Who built it: the person, or a clinician through the server. */
    author: z.enum(['person', 'clinician']),
    items: z
      .array(z.object({ exerciseId: z.string().min(1), sets: z.number().int().min(1).max(10) }).strict())
      .min(1)
      .max(20),
    schedule: z
      .object({
        /** ISO weekdays: 1 = Monday … 7 = Sunday. */
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
        sessionsPerDay: z.number().int().min(1).max(4),
        startDate: isoDate,
        endDate: isoDate.optional(),
      })
      .strict(),
    /** Local reminder times 'HH:MM', at most one per session of the day. */
    reminderTimes: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).max(4),
    /** Graded training's start, set by a clinician (used only from a clinician's program). */
    trainingTarget: trainingTargetSchema.optional(),
  })
  .strict();
export type Program = z.infer<typeof programSchema>;

/** Parses and checks a program (unknown exercise ids, end before start, more reminders than sessions). */
export function parseProgram(input: unknown): Program {
  const r = programSchema.safeParse(input);
  if (!r.success) throw new ExerciseError('invalid-program', `The program does not match the schema: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`, { issues: r.error.issues.length });
  const p = r.data;
  for (const it of p.items) {
    if (!findExercise(it.exerciseId)) throw new ExerciseError('unknown-exercise', `Program item '${it.exerciseId}' is not in the exercise library. Pick an exercise id from EXERCISES.`, { exerciseId: it.exerciseId });
  }
  if (p.schedule.endDate !== undefined && p.schedule.endDate < p.schedule.startDate) {
    throw new ExerciseError('invalid-program', `The schedule ends (${p.schedule.endDate}) before it starts (${p.schedule.startDate}).`, {});
  }
  if (p.reminderTimes.length > p.schedule.sessionsPerDay) {
    throw new ExerciseError('invalid-program', `${p.reminderTimes.length} reminder times for ${p.schedule.sessionsPerDay} session(s) a day; give at most one reminder per session.`, {});
  }
  return p;
}

const DAY_MS = 86_400_000;
const toDays = (d: string): number => Date.parse(d + 'T00:00:00Z') / DAY_MS;
const fromDays = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** ISO weekday 1 (Mon) … 7 (Sun) of a date. */
export function isoWeekday(date: string): number {
  const d = new Date(date + 'T00:00:00Z').getUTCDay();
  return d === 0 ? 7 : d;
}

/** ISO week label, e.g. '2026-W48'. */
export function isoWeek(date: string): string {
  const n = toDays(date);
  const thursday = n - isoWeekday(date) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Planned sessions per date in [from, to] (inclusive), within the program's start/end. */
export function plannedSessions(p: Program, from: string, to: string): Array<{ date: string; sessions: number }> {
  const out: Array<{ date: string; sessions: number }> = [];
  const start = Math.max(toDays(from), toDays(p.schedule.startDate));
  const end = Math.min(toDays(to), p.schedule.endDate !== undefined ? toDays(p.schedule.endDate) : Number.POSITIVE_INFINITY);
  for (let n = start; n <= end; n++) {
    const date = fromDays(n);
    if (p.schedule.weekdays.includes(isoWeekday(date))) out.push({ date, sessions: p.schedule.sessionsPerDay });
  }
  return out;
}

/** Reminder moments on one date ('YYYY-MM-DDTHH:MM', local), none on a day without sessions. */
export function remindersOn(p: Program, date: string): string[] {
  if (plannedSessions(p, date, date).length === 0) return [];
  return [...p.reminderTimes].sort().map((t) => `${date}T${t}`);
}

/** A session the person did (or that the camera recorded) for a program. */
export interface SessionDone {
  readonly date: string;
  readonly programId: string;
  /** Share of the program's sets completed in this session, 0..1 (1 = all). */
  readonly completion: number;
}

export interface WeekAdherence {
  readonly isoWeek: string;
  readonly planned: number;
  /** Sessions done, each counted by its completion share, capped per day at the day's planned sessions. */
  readonly done: number;
  /** 100 × done / planned; null when nothing was planned that week. */
  readonly percent: number | null;
}

/**
 * Adherence by ISO week over [from, to]: planned sessions vs sessions done (partial sessions count by their
 * completion share; extra sessions on one day do not make up for a missed day; sessions on unplanned days
 * are not counted).
 */
export function adherenceByWeek(p: Program, done: readonly SessionDone[], from: string, to: string): WeekAdherence[] {
  const planned = plannedSessions(p, from, to);
  const perDay = new Map<string, number>();
  for (const s of done) {
    if (s.programId !== p.id || !Number.isFinite(s.completion)) continue;
    perDay.set(s.date, (perDay.get(s.date) ?? 0) + Math.min(1, Math.max(0, s.completion)));
  }
  const weeks = new Map<string, { planned: number; done: number }>();
  for (let n = toDays(from); n <= toDays(to); n++) {
    const w = isoWeek(fromDays(n));
    if (!weeks.has(w)) weeks.set(w, { planned: 0, done: 0 });
  }
  for (const d of planned) {
    const w = weeks.get(isoWeek(d.date));
    if (!w) continue;
    w.planned += d.sessions;
    w.done += Math.min(d.sessions, perDay.get(d.date) ?? 0);
  }
  return [...weeks.entries()].map(([isoWeekLabel, w]) => ({
    isoWeek: isoWeekLabel,
    planned: w.planned,
    done: Math.round(w.done * 100) / 100,
    percent: w.planned > 0 ? Math.round((1000 * w.done) / w.planned) / 10 : null,
  }));
}
