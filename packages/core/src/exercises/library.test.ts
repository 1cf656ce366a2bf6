// Parity between the exercise data and what the code needs (STYLE.md "Parity tests between code and data"):
// every exercise complete, thresholds consistent, avatar keyframes present and actually showing the movement.
import { describe, expect, it } from 'vitest';
import { AXES } from '../measures/types.ts';
import { EXERCISES, findExercise } from './library.ts';
import { EXERCISE_CATEGORIES, EXERCISE_SAFETY_LINE, exerciseSchema, MAX_TARGET_DEG, type Exercise } from './schema.ts';

/** Along-direction value of a keyframe for the parity checks ('away-from-pull' is illustrated either way). */
function along(ex: Exercise, kf: Exercise['avatar'][number]): number {
  const tr = ex.tracking;
  if (tr.kind === 'paced') return 0;
  const v = kf[tr.axis];
  switch (tr.direction) {
    case 'positive':
      return v;
    case 'negative':
      return -v;
    default:
      return Math.abs(v);
  }
}

describe('exercise library parity', () => {
  it('has at least 10 exercises, unique ids and titles, every category', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
    expect(new Set(EXERCISES.map((e) => e.title)).size).toBe(EXERCISES.length);
    for (const c of EXERCISE_CATEGORIES) expect(EXERCISES.some((e) => e.category === c), c).toBe(true);
    expect(EXERCISES.some((e) => e.tracking.kind !== 'paced' && e.tracking.direction === 'away-from-pull'), 'range of motion toward the side opposite the pull').toBe(true);
  });

  for (const ex of EXERCISES) {
    describe(ex.id, () => {
      it('round-trips through the schema', () => {
        expect(exerciseSchema.parse(ex)).toEqual(ex);
        expect(findExercise(ex.id)).toBe(ex);
      });

      it('has complete text and the safety line, with no dose or treatment advice', () => {
        expect(ex.safety).toContain(EXERCISE_SAFETY_LINE);
        expect(ex.steps.length).toBeGreaterThanOrEqual(2);
        for (const s of [ex.summary, ...ex.steps, ...Object.values(ex.cues)]) {
          expect(s.trim().length).toBeGreaterThan(2);
          expect(s).not.toMatch(/\b(mg|dose|dosage|units of|botulinum|injection|medication|stop taking)\b/i);
        }
      });

      it('has consistent thresholds', () => {
        const tr = ex.tracking;
        if (tr.kind === 'reps') {
          expect(tr.returnDeg).toBeLessThan(tr.targetDeg);
          expect(tr.targetDeg - tr.returnDeg).toBeGreaterThanOrEqual(8);
          expect(tr.targetDeg).toBeLessThanOrEqual(MAX_TARGET_DEG);
        } else if (tr.kind === 'hold') {
          if (tr.posture === 'target') {
            expect(tr.targetDeg).toBeGreaterThan(tr.toleranceDeg);
            expect(tr.direction).not.toBe('both');
          } else {
            expect(tr.targetDeg).toBe(0);
          }
        } else {
          expect(tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs).toBeGreaterThanOrEqual(4000);
        }
      });

      it('has avatar keyframes from 0 ms, strictly increasing, that show the movement', () => {
        const kfs = ex.avatar;
        expect(kfs[0]?.atMs).toBe(0);
        for (let i = 1; i < kfs.length; i++) expect((kfs[i] as { atMs: number }).atMs).toBeGreaterThan((kfs[i - 1] as { atMs: number }).atMs);
        const tr = ex.tracking;
        const first = kfs[0] as Exercise['avatar'][number];
        const last = kfs[kfs.length - 1] as Exercise['avatar'][number];
        if (tr.kind === 'reps') {
          // Starts and ends at rest; goes past the target.
          expect(along(ex, first)).toBeLessThanOrEqual(tr.returnDeg);
          expect(along(ex, last)).toBeLessThanOrEqual(tr.returnDeg);
          expect(Math.max(...kfs.map((k) => along(ex, k)))).toBeGreaterThanOrEqual(tr.targetDeg);
        } else if (tr.kind === 'hold' && tr.posture === 'target') {
          const at = kfs.filter((k) => along(ex, k) >= tr.targetDeg);
          expect(at.length).toBeGreaterThanOrEqual(2); // a plateau: the hold is shown
        } else if (tr.kind === 'hold') {
          for (const k of kfs) for (const a of AXES) expect(Math.abs(k[a])).toBeLessThanOrEqual(tr.toleranceDeg);
          if (ex.category === 'strengthen') expect(kfs.every((k) => k.hand !== 'none')).toBe(true);
        } else {
          const b = kfs.map((k) => k.breath);
          expect(Math.min(...b)).toBeLessThanOrEqual(0.2);
          expect(Math.max(...b)).toBeGreaterThanOrEqual(0.8);
          expect(last.atMs).toBe(tr.inhaleMs + tr.holdBreathMs + tr.exhaleMs);
        }
      });
    });
  }
});
