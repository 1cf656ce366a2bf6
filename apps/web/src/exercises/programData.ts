/** Program helpers for the screen (pure): the person's local date, saved exercise sets → completions. */
import type { Program, SessionDone } from '@geste/core';
import type { SessionRecord } from '../store/db.ts';

/** Local calendar date of a time (the person's day). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Exercise sessions saved for a program → completions per session (a session = one set of one item). */
export function sessionsDone(p: Program, sessions: readonly SessionRecord[]): SessionDone[] {
  const setsPerSession = p.items.reduce((n, it) => n + it.sets, 0);
  return sessions
    .filter((s) => s.kind === 'exercise' && s.note.split(' ').includes(`program:${p.id}`))
    .map((s) => ({ date: localDate(s.startedAtMs), programId: p.id, completion: (s.measures['completionPct'] ?? 0) / 100 / setsPerSession }));
}

