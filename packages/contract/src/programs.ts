/**
 * How a clinician's home program travels: the clinician's app sends `programDocument(program)` as the
 * opaque `document` of `POST /clinician/patients/:id/programs`; the patient's app receives it in
 * `GET /programs` and installs `programFromAssigned(...)`, which checks it with core's `parseProgram`
 * (so a program carries its clinician-set training target, issue 12, and a bad one is refused in words).
 */
import { ExerciseError, parseProgram, type Program } from '@geste/core';
import { z } from 'zod';

/** One program as `GET /programs` lists it. */
export const AssignedProgramWire = z.object({
  id: z.string().min(1),
  clinicianId: z.string().min(1),
  title: z.string(),
  document: z.record(z.string(), z.unknown()),
  createdAtMs: z.number().int().min(0),
});
export type AssignedProgramWire = z.infer<typeof AssignedProgramWire>;

/** The program as the JSON document the clinician's app sends (a plain copy: no undefined values). */
export function programDocument(p: Program): Record<string, unknown> {
  return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
}

export type ProgramCheck = { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly reason: string };

/** The patient's side: an assigned program → a runnable program authored by the clinician, or why not. */
export function programFromAssigned(a: unknown): ProgramCheck {
  const w = AssignedProgramWire.safeParse(a);
  if (!w.success) return { ok: false, reason: `the assigned program does not have the expected fields (${w.error.issues.map((i) => i.path.join('.') || 'program').join(', ')})` };
  try {
    return { ok: true, program: parseProgram({ ...w.data.document, author: 'clinician' }) };
  } catch (e) {
    if (e instanceof ExerciseError) return { ok: false, reason: e.message };
    throw e;
  }
}
