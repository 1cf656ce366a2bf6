import { describe, expect, it } from 'vitest';
import { IcsError, foldLine, icsEvent } from './ics.ts';

const STAMP_MS = Date.UTC(2026, 10, 29, 17, 0, 0);
const unfold = (s: string): string => s.replace(/\r\n /g, '');

describe('calendar files (.ics, RFC 5545)', () => {
  it('an all-day injection date with an alarm a day before', () => {
    const s = icsEvent({ uid: 'inj-1@geste', summary: 'Injection, clinic; room 2', date: '2026-12-31', alarmBeforeMin: 24 * 60, stampMs: STAMP_MS });
    expect(s.endsWith('\r\n')).toBe(true);
    expect(s.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const lines = unfold(s).split('\r\n');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101'); // across the year end
    expect(lines).toContain('DTSTAMP:20261129T170000Z');
    expect(lines).toContain('SUMMARY:Injection\\, clinic\\; room 2');
    expect(lines).toContain('TRIGGER:-PT1440M');
    expect(lines.filter((l) => l.startsWith('BEGIN:')).length).toBe(3);
    expect(lines.filter((l) => l.startsWith('END:')).length).toBe(3);
  });

  it('a daily exercise time and a weekly diary time, as floating local times', () => {
    const d = unfold(icsEvent({ uid: 'ex@geste', summary: 'Exercises', date: '2026-11-30', time: '09:05', repeat: { freq: 'daily' }, alarmBeforeMin: 0, stampMs: STAMP_MS })).split('\r\n');
    expect(d).toContain('DTSTART:20261130T090500');
    expect(d).toContain('RRULE:FREQ=DAILY');
    expect(d).toContain('TRIGGER:PT0M');
    const w = unfold(icsEvent({ uid: 'd@geste', summary: 'Diary', date: '2026-11-30', time: '20:00', repeat: { freq: 'weekly', weekday: 0 }, alarmBeforeMin: 0, stampMs: STAMP_MS })).split('\r\n');
    expect(w).toContain('RRULE:FREQ=WEEKLY;BYDAY=SU');
  });

  it('folds long UTF-8 lines without splitting a character', () => {
    const long = 'DESCRIPTION:' + 'ñ'.repeat(100);
    const f = foldLine(long);
    expect(f.split('\r\n ').join('')).toBe(long);
    for (const part of f.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
  });

  it('refuses a bad date, time or weekday with words', () => {
    expect(() => icsEvent({ uid: 'x', summary: 's', date: '2026-02-30', alarmBeforeMin: 0, stampMs: STAMP_MS })).toThrow(IcsError);
    expect(() => icsEvent({ uid: 'x', summary: 's', date: '2026-02-01', time: '25:00', alarmBeforeMin: 0, stampMs: STAMP_MS })).toThrow(/09:30/);
    expect(() => icsEvent({ uid: 'x', summary: 's', date: '2026-02-01', time: '10:00', repeat: { freq: 'weekly', weekday: 7 }, alarmBeforeMin: 0, stampMs: STAMP_MS })).toThrow(/weekday/);
  });
});
