import { describe, expect, it } from 'vitest';
import { nextReminderAtMs } from './reminders.ts';
import type { ReminderSetting } from './schemas.ts';

const daily: ReminderSetting = { type: 'reminder', schemaVersion: 1, id: 'r', enabled: true, cadence: 'daily', timeOfDay: '20:30', weekday: null };

describe('next reminder', () => {
  it('daily: later today, else tomorrow, in local time', () => {
    const now = Date.UTC(2025, 5, 2, 10, 0); // Monday 10:00 UTC = 12:00 at UTC+2
    expect(nextReminderAtMs(daily, now, 120)).toBe(Date.UTC(2025, 5, 2, 18, 30));
    expect(nextReminderAtMs(daily, Date.UTC(2025, 5, 2, 19, 0), 120)).toBe(Date.UTC(2025, 5, 3, 18, 30));
  });
  it('weekly: the next chosen weekday', () => {
    const r = { ...daily, cadence: 'weekly' as const, weekday: 5 }; // Friday
    expect(new Date(nextReminderAtMs(r, Date.UTC(2025, 5, 2, 10, 0), 0)!).toISOString()).toBe('2025-06-06T20:30:00.000Z');
  });
  it('disabled: none', () => {
    expect(nextReminderAtMs({ ...daily, enabled: false }, 0, 0)).toBeNull();
  });
});
