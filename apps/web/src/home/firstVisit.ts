/** Progress through the guided first visit, kept in localStorage so it can be resumed or skipped. */
export const VISIT_STEPS = ['language', 'camera', 'posture', 'exam', 'numbers', 'diary', 'clinic'] as const;
export type VisitStep = (typeof VISIT_STEPS)[number];

export interface VisitState {
  /** Index into VISIT_STEPS of the step shown. */
  readonly step: number;
  readonly marks: Readonly<Partial<Record<VisitStep, 'done' | 'skipped'>>>;
  /** Finished or skipped as a whole: the app opens on Home. */
  readonly closed: boolean;
}

const KEY = 'geste.firstVisit';
export const NEW_VISIT: VisitState = { step: 0, marks: {}, closed: false };

export function loadVisit(): VisitState {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return NEW_VISIT;
    const v = JSON.parse(raw) as Partial<VisitState>;
    const step = typeof v.step === 'number' && v.step >= 0 && v.step < VISIT_STEPS.length ? Math.floor(v.step) : 0;
    return { step, marks: typeof v.marks === 'object' && v.marks !== null ? v.marks : {}, closed: v.closed === true };
  } catch {
    return NEW_VISIT;
  }
}
export function saveVisit(v: VisitState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(v));
  } catch {
    /* private mode: progress lasts for this visit */
  }
}

/** Marks the current step and moves to the next one (closing the visit after the last). */
export function advance(v: VisitState, mark: 'done' | 'skipped'): VisitState {
  const id = VISIT_STEPS[v.step] as VisitStep;
  const marks = { ...v.marks, [id]: v.marks[id] === 'done' ? 'done' : mark };
  const last = v.step >= VISIT_STEPS.length - 1;
  return { step: last ? v.step : v.step + 1, marks, closed: last ? true : v.closed };
}
export function back(v: VisitState): VisitState {
  return { ...v, step: Math.max(0, v.step - 1) };
}
