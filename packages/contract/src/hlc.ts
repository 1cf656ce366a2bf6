/**
 * The one hybrid logical clock of Geste, used by the server (to check stamps) and by every device
 * (to issue them). Stamps travel as `YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC`: an ISO-8601 UTC time with
 * milliseconds and a 4-digit logical counter. Fixed width, so string order is (time, counter) order.
 * A bare ISO time (no counter) is read as counter 0000.
 * Pure: the caller passes the wall clock (`nowMs`).
 * // ref: Kulkarni et al., "Logical Physical Clocks and Consistent Snapshots in Globally Distributed Databases" (2014), Fig. 5
 * Deviations: the counter has 4 digits (at 9999 the stamp moves to the next millisecond, counter 0);
 * a stamp further than `HLC_MAX_SKEW_MS` ahead of the local wall clock, or not a real time, never
 * moves a clock (see docs/sync.md, "Stamps the server refuses").
 */
export const HLC_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z(-[0-9]{4})?$';
export const HLC_RE = new RegExp(HLC_PATTERN);
export const HLC_MAX_COUNTER = 9999;
/** Earliest physical time a stamp may carry: 2020-01-01 UTC (Geste keeps no record older than the project). */
export const HLC_MIN_MS = Date.UTC(2020, 0, 1);
/**
 * How far a stamp may run ahead of the receiver's wall clock: 1 hour. A device whose clock is further
 * ahead is refused by the server (`invalid_input`, "clock ahead") until its clock is set right; a
 * stamp so far ahead would outrank every later edit and drag every device's clock with it.
 */
export const HLC_MAX_SKEW_MS = 60 * 60_000;

export interface HlcParts {
  readonly ms: number;
  readonly counter: number;
}

export type StampProblem = 'shape' | 'not-a-time' | 'too-old' | 'ahead';
export type StampCheck = { readonly ok: true; readonly stamp: string; readonly parts: HlcParts } | { readonly ok: false; readonly problem: StampProblem; readonly message: string };

/** Parses a stamp's shape and calendar: `2026-99-99T…` is refused (a regex alone would let it through). */
export function tryParseHlc(stamp: string): HlcParts | null {
  if (!HLC_RE.test(stamp)) return null;
  const iso = stamp.slice(0, 24);
  const ms = Date.parse(iso);
  // Date.parse rolls some impossible dates over (Feb 30 → Mar 2): the round trip catches them.
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== iso) return null;
  return { ms, counter: stamp.length === 24 ? 0 : Number(stamp.slice(25)) };
}

export function parseHlc(stamp: string): HlcParts {
  const p = tryParseHlc(stamp);
  if (p) return p;
  if (!HLC_RE.test(stamp)) throw new Error(`Not an HLC stamp: expected YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC, got "${stamp.slice(0, 40)}".`);
  throw new Error(`Not an HLC stamp: "${stamp}" is not a real time.`);
}

/** The canonical 29-character form (a bare ISO time gets counter 0000). Throws on a malformed stamp. */
export function normalizeHlc(stamp: string): string {
  parseHlc(stamp);
  return stamp.length === 24 ? `${stamp}-0000` : stamp;
}

/** Checks a stamp received from elsewhere against this clock: real time, not before 2020, not ahead by more than `maxSkewMs`. */
export function checkStamp(stamp: string, nowMs: number, maxSkewMs: number = HLC_MAX_SKEW_MS): StampCheck {
  const shown = JSON.stringify(stamp.slice(0, 40));
  if (!HLC_RE.test(stamp)) return { ok: false, problem: 'shape', message: `expected a stamp YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC, got ${shown}` };
  const parts = tryParseHlc(stamp);
  if (!parts) return { ok: false, problem: 'not-a-time', message: `${shown} is not a real date and time` };
  if (parts.ms < HLC_MIN_MS) return { ok: false, problem: 'too-old', message: `${shown} is before ${new Date(HLC_MIN_MS).toISOString()}` };
  if (parts.ms > nowMs + maxSkewMs) {
    const aheadMin = Math.round((parts.ms - nowMs) / 60_000);
    return { ok: false, problem: 'ahead', message: `${shown} is ${aheadMin} min ahead of the server's clock (at most ${maxSkewMs / 60_000} min allowed): set the device's date and time` };
  }
  return { ok: true, stamp: stamp.length === 24 ? `${stamp}-0000` : stamp, parts };
}

/** The latest time the format can hold (year 9999). */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function formatHlc(p: HlcParts): string {
  const ms = Math.min(Math.max(0, Math.floor(p.ms)), MAX_MS);
  return `${new Date(ms).toISOString()}-${String(p.counter).padStart(4, '0')}`;
}

function bump(ms: number, counter: number): HlcParts {
  return counter > HLC_MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/**
 * The device's own last stamp, as a clock may use it: null when it is not a real time or runs more
 * than `maxSkewMs` ahead of the wall clock (a poisoned stamp stored before the server refused them).
 */
function usableLast(last: string | null, wall: number, maxSkewMs: number): HlcParts | null {
  if (last === null) return null;
  const l = tryParseHlc(last);
  return l && l.ms <= wall + maxSkewMs ? l : null;
}

/** Stamp for a local event (an edit) after `last` (null = first event on this device). Never goes backwards, except away from a poisoned `last`. */
export function tick(last: string | null, nowMs: number, maxSkewMs: number = HLC_MAX_SKEW_MS): string {
  const wall = Math.floor(nowMs);
  const l = usableLast(last, wall, maxSkewMs);
  if (l === null || wall > l.ms) return formatHlc({ ms: wall, counter: 0 });
  return formatHlc(bump(l.ms, l.counter + 1));
}

/** The clock after seeing a stamp from another device. A remote stamp that is not a real time or runs too far ahead is ignored. */
export function receive(last: string | null, remote: string, nowMs: number, maxSkewMs: number = HLC_MAX_SKEW_MS): string {
  const wall = Math.floor(nowMs);
  const l = usableLast(last, wall, maxSkewMs);
  const parsed = tryParseHlc(remote);
  const r = parsed && parsed.ms <= wall + maxSkewMs ? parsed : null;
  if (r === null) return l === null ? formatHlc({ ms: wall, counter: 0 }) : formatHlc(l);
  const lp = l ?? { ms: -1, counter: 0 };
  const ms = Math.max(lp.ms, r.ms, wall);
  let counter: number;
  if (ms === lp.ms && ms === r.ms) counter = Math.max(lp.counter, r.counter) + 1;
  else if (ms === lp.ms) counter = lp.counter + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  else counter = 0;
  return formatHlc(bump(ms, counter));
}

/** A bare ISO time means counter 0000; other text is returned unchanged (compared as it is). */
export function normalize(stamp: string): string {
  return stamp.length === 24 ? `${stamp}-0000` : stamp;
}

/** Last-writer-wins order, the server's and every device's: stamp first, then device id, both as code units. */
export function compareVersions(a: { readonly updatedAt: string; readonly deviceId: string }, b: { readonly updatedAt: string; readonly deviceId: string }): number {
  const sa = normalize(a.updatedAt);
  const sb = normalize(b.updatedAt);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return 0;
}
