/** Reminder settings (device-local, in the measurement store's settings) and the notifications they raise. */
import { getSetting, putSetting } from '../store/db.ts';

export const INJECTION_DUE_SETTING = 'injectionDueDate';
export const REMINDER_TIMES_SETTING = 'reminderTimes';

export interface ReminderTimes {
  readonly exercise: string;
  readonly diary: string;
}
export const DEFAULT_TIMES: ReminderTimes = { exercise: '09:00', diary: '20:00' };

export async function loadInjectionDue(): Promise<string | null> {
  const v = await getSetting<string>(INJECTION_DUE_SETTING).catch(() => undefined);
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}
export async function saveInjectionDue(date: string | null): Promise<void> {
  await putSetting(INJECTION_DUE_SETTING, date);
}
export async function loadTimes(): Promise<ReminderTimes> {
  const v = await getSetting<Partial<ReminderTimes>>(REMINDER_TIMES_SETTING).catch(() => undefined);
  return { ...DEFAULT_TIMES, ...(v ?? {}) };
}
export async function saveTimes(t: ReminderTimes): Promise<void> {
  await putSetting(REMINDER_TIMES_SETTING, t);
}

/** Whole days from the local date `today` to `date` (both "YYYY-MM-DD"); negative = past. */
export function daysUntil(today: string, date: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

export type NotifyState = 'granted' | 'denied' | 'default' | 'unsupported';
export function notifyState(): NotifyState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Shows a notification through the service worker when there is one (works with the tab in the background), else from the page. */
export async function notify(body: string): Promise<boolean> {
  if (notifyState() !== 'granted') return false;
  const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration().catch(() => undefined) : undefined;
  if (reg) {
    await reg.showNotification('Geste', { body, icon: './icon.svg', tag: `geste-${body}` });
    return true;
  }
  new Notification('Geste', { body, icon: './icon.svg' });
  return true;
}

/** Epoch ms of today's "HH:MM" local time if still ahead of `nowMs`, else null. */
export function laterToday(time: string, nowMs: number): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const d = new Date(nowMs);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.getTime() > nowMs ? d.getTime() : null;
}
