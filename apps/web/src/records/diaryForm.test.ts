import { validateRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { diaryFromDraft, draftFromDiary, emptyDiaryDraft, isDraftEmpty, restoreDraft, savedDraft } from './diaryForm.ts';

describe('diary form', () => {
  it('an empty draft is empty and still makes a valid record', () => {
    const d = emptyDiaryDraft('2025-05-01');
    expect(isDraftEmpty(d)).toBe(true);
    const r = diaryFromDraft(d, 'diary-1', 1_746_093_600_000, 1_746_100_000_000, false);
    expect(r.atMs).toBe(1_746_093_600_000);
    expect(validateRecord(r).ok).toBe(true);
  });
  it('a filled draft becomes the record the person saw, today at the current time', () => {
    const d = { ...emptyDiaryDraft('2025-05-01', 'week'), note: 'long drive', stress: 6 };
    d.pain.neck = 7;
    d.impact.driving = 3;
    expect(isDraftEmpty(d)).toBe(false);
    const r = diaryFromDraft(d, 'diary-2', 1, 1_746_100_000_000, true);
    expect(r).toMatchObject({ atMs: 1_746_100_000_000, period: 'week', pain: { neck: 7, shoulders: null, head: null }, impact: { driving: 3 }, stress: 6, note: 'long drive' });
    expect(validateRecord(r).ok).toBe(true);
    // The record does not share objects with the draft (editing the form later cannot change it).
    d.pain.neck = 1;
    expect(r.pain.neck).toBe(7);
  });
  it('markup in the note is refused by validation, so it is never stored', () => {
    const d = { ...emptyDiaryDraft('2025-05-01'), note: '<img src=x onerror=alert(1)>' };
    const v = validateRecord(diaryFromDraft(d, 'diary-3', 1, 1, false));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]!.code).toBe('unsafe-text');
  });
});

describe('editing a diary entry (issue 17)', () => {
  it('an entry goes back into the form and out again unchanged, with the same id and time', () => {
    const d = emptyDiaryDraft('2026-11-20');
    d.pain.neck = 4;
    d.symptoms.pulling = 6;
    d.note = 'after a long drive';
    const rec = diaryFromDraft(d, 'diary-1', Date.UTC(2026, 10, 20, 12), Date.UTC(2026, 10, 29), false);
    const again = draftFromDiary(rec, '2026-11-20');
    expect(again).toEqual(d);
    again.pain.neck = 2;
    const edited = diaryFromDraft(again, rec.id, rec.atMs, Date.UTC(2026, 10, 29), false);
    expect(edited).toEqual({ ...rec, pain: { ...rec.pain, neck: 2 } });
  });

  it('a change in progress survives a reload as the same change, not as a second entry', () => {
    const d = emptyDiaryDraft('2026-11-20');
    d.note = 'after a long drive';
    const rec = diaryFromDraft(d, 'diary-1', Date.UTC(2026, 10, 20, 12), Date.UTC(2026, 10, 29), false);
    const inProgress = { ...draftFromDiary(rec, '2026-11-20'), note: 'after a long drive, changed' };
    // What the autosave writes (JSON in localStorage) and reads back after a reload.
    const back = JSON.parse(JSON.stringify(savedDraft(inProgress, rec.id))) as ReturnType<typeof savedDraft>;
    const other = { ...rec, id: 'diary-2' };
    const r = restoreDraft(back, [other, rec]);
    expect(r.editing).toBe(rec);
    expect(r.draft).toEqual(inProgress);
    expect('editingId' in r.draft).toBe(false);
    // Deleted meanwhile: the words are kept, as a new entry.
    expect(restoreDraft(back, [other])).toEqual({ draft: inProgress, editing: null });
    // A new entry's draft carries no id.
    expect(savedDraft(inProgress, null)).toBe(inProgress);
    expect(restoreDraft(savedDraft(inProgress, null), [rec]).editing).toBeNull();
  });
});

describe('pain body map in the diary (issue 17)', () => {
  it('marked regions are stored, validated by core, and come back into the form', () => {
    const d = emptyDiaryDraft('2026-11-20');
    expect(isDraftEmpty({ ...d, painAreas: ['neck-back-left'] })).toBe(false);
    const rec = diaryFromDraft({ ...d, painAreas: ['neck-back-left', 'shoulder-right'] }, 'diary-2', Date.UTC(2026, 10, 20, 12), 0, false);
    expect(rec.painAreas).toEqual(['neck-back-left', 'shoulder-right']);
    expect(validateRecord(rec).ok).toBe(true);
    expect(validateRecord({ ...rec, painAreas: ['elbow'] }).ok).toBe(false);
    expect(draftFromDiary(rec, '2026-11-20').painAreas).toEqual(['neck-back-left', 'shoulder-right']);
    // No map marks: the record has no painAreas field (older readers see the same record as before).
    expect('painAreas' in diaryFromDraft(d, 'diary-3', 0, 0, false)).toBe(false);
  });
});
