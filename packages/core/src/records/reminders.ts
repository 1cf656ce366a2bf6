/**
 * Next reminder time for a diary reminder (pure: the caller passes "now" and the local UTC offset).
 */
import type { ReminderSetting } from './schemas.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Returns the next reminder at or after `nowMs`, in epoch ms, or null when disabled.
 * `utcOffsetMin` is local time minus UTC in minutes (e.g. +60 for Central European winter time);
 * note that `Date.prototype.getTimezoneOffset()` has the opposite sign.
 */
export function nextReminderAtMs(r: ReminderSetting, nowMs: number, utcOffsetMin: number): number | null {
  if (!r.enabled) return null;
  const [hh, mm] = r.timeOfDay.split(':').map(Number) as [number, number];
  const offMs = utcOffsetMin * 60_000;
  const localNow = nowMs + offMs;
  const localMidnight = Math.floor(localNow / DAY_MS) * DAY_MS;
  for (let d = 0; d <= 7; d++) {
    const localAt = localMidnight + d * DAY_MS + (hh * 60 + mm) * 60_000;
    if (localAt < localNow) continue;
    // 1970-01-01 was a Thursday (weekday 4).
    const weekday = (Math.floor(localAt / DAY_MS) + 4) % 7;
    if (r.cadence === 'weekly' && weekday !== r.weekday) continue;
    return localAt - offMs;
  }
  return null;
}
