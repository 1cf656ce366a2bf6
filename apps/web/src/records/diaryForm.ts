/** The diary form's state (what autosaves as a draft) and its conversion to a record. Pure. */
import { ACTIVITIES, PAIN_SITES, SYMPTOMS, type BodyRegion, type DiaryEntry } from '@geste/core';

export interface DiaryDraft {
  day: string; // local YYYY-MM-DD
  period: 'day' | 'week';
  pain: Record<(typeof PAIN_SITES)[number], number | null>;
  symptoms: Record<(typeof SYMPTOMS)[number], number | null>;
  impact: Record<(typeof ACTIVITIES)[number], number | null>;
  stress: number | null;
  mood: number | null;
  note: string;
  /** Body-map regions; optional (drafts saved before the map have none). */
  painAreas?: BodyRegion[];
}

const nulls = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>;

export function emptyDiaryDraft(day: string, period: 'day' | 'week' = 'day'): DiaryDraft {
  return { day, period, pain: nulls(PAIN_SITES), symptoms: nulls(SYMPTOMS), impact: nulls(ACTIVITIES), stress: null, mood: null, note: '' };
}

export function isDraftEmpty(d: DiaryDraft): boolean {
  const vals = [...Object.values(d.pain), ...Object.values(d.symptoms), ...Object.values(d.impact), d.stress, d.mood];
  return vals.every((v) => v === null) && d.note.trim() === '' && (d.painAreas ?? []).length === 0;
}

/**
 * The record for a draft. `dayNoonMs` is local noon of the chosen day; when that day is today the
 * entry gets the current time instead, so several entries a day keep their order.
 */
export function diaryFromDraft(d: DiaryDraft, id: string, dayNoonMs: number, nowMs: number, isToday: boolean): DiaryEntry {
  return {
    type: 'diary',
    schemaVersion: 2,
    id,
    atMs: isToday ? nowMs : dayNoonMs,
    period: d.period,
    pain: { ...d.pain },
    symptoms: { ...d.symptoms },
    impact: { ...d.impact },
    stress: d.stress,
    mood: d.mood,
    note: d.note,
    ...((d.painAreas ?? []).length > 0 ? { painAreas: [...(d.painAreas ?? [])] } : {}),
  };
}

/** A stored entry back into the form, to edit it (`day` = the entry's local date). */
export function draftFromDiary(e: DiaryEntry, day: string): DiaryDraft {
  return { day, period: e.period, pain: { ...e.pain }, symptoms: { ...e.symptoms }, impact: { ...e.impact }, stress: e.stress, mood: e.mood, note: e.note, ...(e.painAreas ? { painAreas: [...e.painAreas] } : {}) };
}

/** The autosaved draft: the form plus, while a stored entry is being changed, that entry's id. */
export type SavedDiaryDraft = DiaryDraft & { readonly editingId?: string };

/** What the autosave stores: a change in progress keeps the id of the entry it changes. */
export function savedDraft(d: DiaryDraft, editingId: string | null): SavedDiaryDraft {
  return editingId === null ? d : { ...d, editingId };
}

/**
 * A restored draft → the form and the entry it was changing (found among the stored entries), so that
 * saving after a reload changes that entry instead of adding a second one. An entry deleted meanwhile
 * leaves the draft as a new entry.
 */
export function restoreDraft<E extends { readonly id: string }>(saved: SavedDiaryDraft, entries: readonly E[]): { draft: DiaryDraft; editing: E | null } {
  const { editingId, ...draft } = saved;
  return { draft, editing: editingId === undefined ? null : (entries.find((e) => e.id === editingId) ?? null) };
}
