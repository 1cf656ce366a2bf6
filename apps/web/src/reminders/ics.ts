/**
 * iCalendar (RFC 5545) files for reminders: one VEVENT with a VALARM, all-day (injection date) or at a
 * local time, optionally repeating daily or weekly. Pure: the caller passes the stamp time and the UID.
 * Times are "floating" local times (no TZID, RFC 5545 §3.3.5 form #1): a reminder at 09:00 stays at 09:00
 * wherever the person is, which is what a daily reminder means. Lines end in CRLF and are folded at
 * 75 octets (§3.1); text is escaped (§3.3.11).
 */

export type IcsRepeat = { readonly freq: 'daily' } | { readonly freq: 'weekly'; readonly weekday: number };

export interface IcsEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description?: string;
  /** Local calendar date "YYYY-MM-DD". */
  readonly date: string;
  /** Local time "HH:MM"; absent = an all-day event. */
  readonly time?: string;
  readonly durationMin?: number;
  readonly repeat?: IcsRepeat;
  /** Alarm this many minutes before the start (0 = at the start). */
  readonly alarmBeforeMin: number;
  /** When the file was made, epoch ms (DTSTAMP, in UTC). */
  readonly stampMs: number;
}

export type IcsErrorCode = 'invalid-date' | 'invalid-time' | 'invalid-weekday';
export class IcsError extends Error {
  constructor(
    readonly code: IcsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IcsError';
  }
}

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), continuation lines start with one space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  for (const ch of line) {
    const b = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (curBytes + b > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const pad = (n: number): string => String(n).padStart(2, '0');
function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

function checkDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (!m || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw new IcsError('invalid-date', `A calendar date like 2026-12-01 was expected, got "${date}".`);
  return [y, mo, d];
}

export function icsEvent(e: IcsEvent): string {
  const [y, mo, d] = checkDate(e.date);
  const day = `${y}${pad(mo)}${pad(d)}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Geste//Reminders//EN', 'CALSCALE:GREGORIAN', 'BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.stampMs)}`];
  if (e.time === undefined) {
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    lines.push(`DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${next.getUTCFullYear()}${pad(next.getUTCMonth() + 1)}${pad(next.getUTCDate())}`);
  } else {
    const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(e.time);
    if (!t) throw new IcsError('invalid-time', `A time like 09:30 was expected, got "${e.time}".`);
    lines.push(`DTSTART:${day}T${t[1]}${t[2]}00`, `DURATION:PT${Math.max(1, Math.round(e.durationMin ?? 15))}M`);
  }
  if (e.repeat?.freq === 'daily') lines.push('RRULE:FREQ=DAILY');
  if (e.repeat?.freq === 'weekly') {
    const wd = BYDAY[e.repeat.weekday];
    if (wd === undefined) throw new IcsError('invalid-weekday', `A weekday 0 (Sunday) to 6 (Saturday) was expected, got ${String(e.repeat.weekday)}.`);
    lines.push(`RRULE:FREQ=WEEKLY;BYDAY=${wd}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  const before = Math.max(0, Math.round(e.alarmBeforeMin));
  lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.summary)}`, before === 0 ? 'TRIGGER:PT0M' : `TRIGGER:-PT${before}M`, 'END:VALARM', 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Offers `text` as a file download (the browser's save dialog or download bar). */
export function downloadText(fileName: string, text: string, mime = 'text/calendar;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
