// ref: zod 4 schemas at the boundary (STYLE.md: records are validated at every boundary). Exam-phase markers
// come from the guided exam UI or a CLI/JSON file; this turns them into checked `ExamPhase` values.
import { z } from 'zod';
import { AXES } from '../measures/types.ts';
import { SignalError, type TimeRangeMs } from '../signal/series.ts';
import type { ExamPhase } from './types.ts';

const finiteMs = z.number().finite();
const range = z
  .object({ startMs: finiteMs, endMs: finiteMs })
  .strict()
  .refine((r) => r.endMs > r.startMs, { message: 'endMs must be greater than startMs' });

export const examPhaseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest'), startMs: finiteMs, endMs: finiteMs }).strict(),
  z.object({ kind: z.literal('hold-neutral'), startMs: finiteMs, endMs: finiteMs.optional() }).strict(),
  z.object({ kind: z.literal('rom-sweep'), startMs: finiteMs, endMs: finiteMs, axis: z.enum(AXES).optional() }).strict(),
  z.object({ kind: z.literal('sensory-trick'), before: range, during: range, after: range, trick: z.string().max(200).optional() }).strict(),
]);

function rangesOf(p: ExamPhase): Array<[string, TimeRangeMs | { startMs: number; endMs?: number }]> {
  if (p.kind === 'sensory-trick') return [['before', p.before], ['during', p.during], ['after', p.after]];
  return [[p.kind, p]];
}

/**
 * Checks phase markers: finite times and endMs > startMs for every window. Throws `SignalError`
 * ('invalid-window') naming the phase, what was expected and what came.
 */
export function assertValidPhases(phases: readonly ExamPhase[]): void {
  phases.forEach((p, i) => {
    for (const [name, r] of rangesOf(p)) {
      const ok = Number.isFinite(r.startMs) && (r.endMs === undefined || (Number.isFinite(r.endMs) && r.endMs > r.startMs));
      if (!ok) {
        throw new SignalError(
          'invalid-window',
          `Exam phase ${i} (${p.kind}, ${name}) must have finite startMs < endMs, got [${String(r.startMs)}, ${String(r.endMs)}). Fix the marker times.`,
          { index: i, kind: p.kind, window: name, startMs: r.startMs, endMs: r.endMs },
        );
      }
    }
  });
}

/** Parses unknown JSON into exam phases (zod), then checks the windows. Throws on the first problem. */
export function parseExamPhases(input: unknown): ExamPhase[] {
  const parsed = z.array(examPhaseSchema).parse(input);
  const phases = parsed.map((p): ExamPhase => {
    switch (p.kind) {
      case 'rest':
        return { kind: 'rest', startMs: p.startMs, endMs: p.endMs };
      case 'hold-neutral':
        return p.endMs === undefined ? { kind: 'hold-neutral', startMs: p.startMs } : { kind: 'hold-neutral', startMs: p.startMs, endMs: p.endMs };
      case 'rom-sweep':
        return p.axis === undefined ? { kind: 'rom-sweep', startMs: p.startMs, endMs: p.endMs } : { kind: 'rom-sweep', startMs: p.startMs, endMs: p.endMs, axis: p.axis };
      case 'sensory-trick':
        return p.trick === undefined
          ? { kind: 'sensory-trick', before: p.before, during: p.during, after: p.after }
          : { kind: 'sensory-trick', before: p.before, during: p.during, after: p.after, trick: p.trick };
    }
  });
  assertValidPhases(phases);
  return phases;
}
